"""The documentation: docstrings that the docs site renders (no Sphinx roles), pages that cite
only what is in the project, and a site that builds with ``mkdocs build --strict``."""

from __future__ import annotations

import importlib
import inspect
import os
import pkgutil
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import ipledger

ROOT = Path(__file__).resolve().parents[2]
SPHINX_ROLE = re.compile(r":(?:py:)?(?:class|func|data|attr|meth|mod|exc|obj|const|ref):`")


def public_modules():
    """ipledger and every sub-package or module whose name has no leading underscore."""
    yield ipledger
    for info in pkgutil.walk_packages(ipledger.__path__, "ipledger."):
        if not any(part.startswith("_") for part in info.name.split(".")):
            yield importlib.import_module(info.name)


def public_docstrings():
    """(qualified name, docstring) of every public module, name, class member."""
    seen = set()
    for module in public_modules():
        yield module.__name__, module.__doc__ or ""
        for name in getattr(module, "__all__", ()):
            value = getattr(module, name)
            if id(value) in seen:
                continue
            seen.add(id(value))
            yield f"{module.__name__}.{name}", inspect.getdoc(value) or ""
            if inspect.isclass(value):
                for member, attr in vars(value).items():
                    if not member.startswith("_") and (doc := inspect.getdoc(attr)):
                        yield f"{module.__name__}.{name}.{member}", doc


def test_no_public_docstring_has_a_sphinx_role():
    """Docstrings are Google style in Markdown (what mkdocstrings renders): `name`, not
    :class:`~name`."""
    found = [name for name, doc in public_docstrings() if SPHINX_ROLE.search(doc)]
    assert found == []


def test_the_walk_reads_the_public_api():
    """The walk above sees the report, the engine and the ledger (so it could fail)."""
    names = {name for name, _ in public_docstrings()}
    assert {"ipledger.report.ReportSettings", "ipledger.stats.report_json"} <= names
    assert "ipledger.Ledger.open" in names
    assert SPHINX_ROLE.search(":class:`~ipledger.errors.NotFoundError`")


def test_pages_cite_only_what_the_project_has():
    """The pages, README and docstrings cite docs/indicators.md and docs/exchange.md, never
    the design notes outside the project."""
    texts = [*ROOT.joinpath("docs").glob("*.md"), ROOT / "README.md"]
    texts += [*ROOT.joinpath("ipledger").rglob("*.py"), *ROOT.joinpath("examples").glob("*.py")]
    for path in texts:
        text = path.read_text(encoding="utf-8")
        for cited in ("INDICATORS.md", "EXCHANGE.md", "DESIGN.md", "STYLE.md", "FACTS.md"):
            assert cited not in text, f"{path.relative_to(ROOT)} cites {cited}"


@pytest.mark.slow
def test_the_docs_site_builds_strict(tmp_path):
    """``mkdocs build --strict`` (the docs extra): every page, every API docstring, no
    warning (a broken link or an unknown reference fails it)."""
    mkdocs = Path(sys.executable).parent / "mkdocs"
    if not mkdocs.exists() and shutil.which("mkdocs") is None:
        pytest.skip("needs the docs extra: pip install -e '.[docs]'")
    site = tmp_path / "site"
    done = subprocess.run(
        [str(mkdocs if mkdocs.exists() else "mkdocs"), "build", "--strict", "-d", str(site)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    api = (site / "api" / "index.html").read_text(encoding="utf-8")
    assert "ReportSettings" in api and "render_pdf" in api
    assert not SPHINX_ROLE.search(api)
