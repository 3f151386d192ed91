"""The public surface: sorted, complete __all__ lists and a docstring on every public name."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest

import ipledger

PUBLIC_MODULES = sorted(
    {"ipledger"}
    | {
        m.name
        for m in pkgutil.walk_packages(ipledger.__path__, "ipledger.")
        if not any(part.startswith("_") for part in m.name.split("."))
    }
)


def _isort_key(name: str) -> tuple[int, str]:
    """Ruff's (isort-style) order: CONSTANTS, then Classes, then functions."""
    return (0 if name.isupper() else 1 if name[:1].isupper() else 2, name)


@pytest.mark.parametrize("module_name", PUBLIC_MODULES)
def test_all_is_sorted_and_resolves(module_name):
    """Each public module's __all__ is sorted (as ruff sorts it) and every name in it exists."""
    module = importlib.import_module(module_name)
    names = getattr(module, "__all__", None)
    assert names is not None, f"{module_name} has no __all__"
    assert list(names) == sorted(names, key=_isort_key), f"{module_name}.__all__ is not sorted"
    for name in names:
        assert hasattr(module, name), f"{module_name}.{name} is in __all__ but missing"


@pytest.mark.parametrize("module_name", PUBLIC_MODULES)
def test_every_public_name_has_a_docstring(module_name):
    """Modules, classes, functions and public methods of the public surface are documented."""
    module = importlib.import_module(module_name)
    assert module.__doc__, f"{module_name} has no docstring"
    missing = []
    for name in getattr(module, "__all__", []):
        obj = getattr(module, name)
        if inspect.isclass(obj) or inspect.isfunction(obj):
            if not inspect.getdoc(obj):
                missing.append(name)
            if inspect.isclass(obj):
                for attr, member in vars(obj).items():
                    if attr.startswith("_"):
                        continue
                    if (
                        inspect.isfunction(member) or isinstance(member, property)
                    ) and not inspect.getdoc(member):
                        missing.append(f"{name}.{attr}")
    assert not missing, f"undocumented in {module_name}: {missing}"


def test_top_level_exports_the_main_names():
    """`import ipledger` gives the Ledger, the records and the errors."""
    for name in ("Ledger", "Patent", "Pledge", "ValidationError", "IpledgerError"):
        assert name in ipledger.__all__


def test_import_has_no_side_effects(tmp_path, monkeypatch):
    """Importing ipledger in a fresh process creates no file in the working folder."""
    import subprocess
    import sys

    monkeypatch.chdir(tmp_path)
    subprocess.run([sys.executable, "-c", "import ipledger, ipledger.cli"], check=True)
    assert list(tmp_path.iterdir()) == []
