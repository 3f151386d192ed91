"""Fixtures shared by every test: real ledger files in a temporary folder, never mocks."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from ipledger import Ledger

# Examples are timed on a loaded 2-core machine: no per-example deadline, same example count.
settings.register_profile("ipledger", deadline=None)
settings.load_profile("ipledger")


@pytest.fixture
def ledger_path(tmp_path: Path) -> Path:
    """Where a test's ledger file lives (created on first open)."""
    return tmp_path / "test.duckdb"


@pytest.fixture
def ledger(ledger_path: Path) -> Iterator[Ledger]:
    """A fresh, empty ledger in a real DuckDB file."""
    with Ledger.open(ledger_path) as opened:
        yield opened


@pytest.fixture(scope="session")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo ledger file, built once per test session by the installed ``ipledger demo``
    (about 12 s), as a newcomer builds it."""
    from tests.run_cli import EXIT_OK, run_ipledger

    path = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    built = run_ipledger("demo", db=path)
    assert built.returncode == EXIT_OK, built.stderr
    return path
