"""Snapshot tests of generated SQL (the ibis way): the text is kept under tests/snapshots/ so
that a change to what ipledger generates shows up as a diff to review. After an intended
change, rewrite the snapshots and review the diff before committing::

    IPLEDGER_UPDATE_SNAPSHOTS=1 .venv/bin/python -m pytest tests/integration/test_family_sql.py \\
        tests/integration/test_generated_sql.py
"""

from __future__ import annotations

import os
from pathlib import Path

SNAPSHOTS = Path(__file__).resolve().parent / "snapshots"
UPDATE = os.environ.get("IPLEDGER_UPDATE_SNAPSHOTS") == "1"


def snapshot_text(sql: str) -> str:
    """The SQL as a snapshot holds it: lines without trailing blanks, one final newline."""
    return "\n".join(line.rstrip() for line in sql.strip("\n").splitlines()) + "\n"


def assert_snapshot(relative: str, sql: str) -> None:
    """``sql`` equals the snapshot ``tests/snapshots/<relative>`` (rewritten when
    ``IPLEDGER_UPDATE_SNAPSHOTS=1``)."""
    path = SNAPSHOTS / relative
    text = snapshot_text(sql)
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"no snapshot {path}: run with IPLEDGER_UPDATE_SNAPSHOTS=1"
    assert path.read_text(encoding="utf-8") == text, (
        f"the SQL of {relative} changed: if intended, rewrite the snapshots with "
        "IPLEDGER_UPDATE_SNAPSHOTS=1 and review the diff"
    )
