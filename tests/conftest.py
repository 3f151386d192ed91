"""Fixtures shared by every test: real ledger files in a temporary folder, never mocks."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from ipledger import Ledger


@pytest.fixture
def ledger_path(tmp_path: Path) -> Path:
    """Where a test's ledger file lives (created on first open)."""
    return tmp_path / "test.duckdb"


@pytest.fixture
def ledger(ledger_path: Path) -> Iterator[Ledger]:
    """A fresh, empty ledger in a real DuckDB file."""
    with Ledger.open(ledger_path) as opened:
        yield opened
