"""Running the installed ``ipledger`` command as a user does: the console script of this venv,
in a subprocess. Tests never import CLI modules to register or call commands."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ipledger.cli import EXIT_DATA, EXIT_ERROR, EXIT_OK

__all__ = ["EXIT_DATA", "EXIT_ERROR", "EXIT_OK", "ipledger_script", "run_ipledger"]


def ipledger_script() -> Path:
    """The ``ipledger`` console script installed beside this Python (the venv's ``bin/``)."""
    name = "ipledger.exe" if os.name == "nt" else "ipledger"
    script = Path(sys.executable).parent / name
    if not script.exists():
        pytest.fail(f"no {script}: install the package first (pip install -e '.[dev]')")
    return script


def run_ipledger(
    *args: str | os.PathLike[str],
    db: str | os.PathLike[str] | None = None,
    cwd: str | os.PathLike[str] | None = None,
    env: dict[str, str] | None = None,
    timeout: float = 600,
) -> subprocess.CompletedProcess[str]:
    """Run ``ipledger [--db DB] ARGS...``; the completed process, stdout and stderr as text.

    ``IPLEDGER_DB`` is removed from the environment unless ``env`` sets it, so that a
    developer's own setting never leaks into a test.
    """
    command = [str(ipledger_script())]
    if db is not None:
        command += ["--db", os.fspath(db)]
    command += [os.fspath(a) for a in args]
    environment = {k: v for k, v in os.environ.items() if k != "IPLEDGER_DB"}
    environment.update(env or {})
    return subprocess.run(
        command,
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
        check=False,
    )
