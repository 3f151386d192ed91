"""The SQL of every indicator family: snapshots of the text, and the ids its rows carry.

Snapshots: each family's SQL for one fixed context (now, the default 10,000,000-yuan pledge
threshold) is kept in ``tests/snapshots/families/<name>.sql``, so that a change to the SQL a
family generates shows up as a reviewable diff. After an intended change, rewrite them and
review the diff before committing::

    IPLEDGER_UPDATE_SNAPSHOTS=1 .venv/bin/python -m pytest tests/integration/test_family_sql.py

Ids: on a ledger where every indicator is non-zero, the ids each family's rows carry are
exactly the ids it declares in ``emits`` (a declaration cannot drift from its SQL, and a
mistyped id in the SQL fails here instead of reading 0).
"""

from __future__ import annotations

import os
from decimal import Decimal
from pathlib import Path

import pytest

from ipledger import Ledger
from ipledger.stats import DEFAULT_SETTINGS, parse_period
from ipledger.stats._catalog import FAMILIES
from ipledger.stats._compute import prepare_tables, sql_context
from ipledger.stats._family import SqlContext
from tests.stats_helpers import fill_every_indicator

SNAPSHOTS = Path(__file__).resolve().parents[1] / "snapshots" / "families"
UPDATE = os.environ.get("IPLEDGER_UPDATE_SNAPSHOTS") == "1"
CONTEXT = SqlContext(moment="TIMESTAMP 'infinity'", pledge_threshold=Decimal("10000000"))


def _text(sql: str) -> str:
    """The SQL as a snapshot holds it: lines without trailing blanks, one final newline."""
    return "\n".join(line.rstrip() for line in sql.strip("\n").splitlines()) + "\n"


def test_families_have_unique_names():
    """One snapshot file per family."""
    names = [f.name for f in FAMILIES]
    assert len(names) == len(set(names))


@pytest.mark.parametrize("family", FAMILIES, ids=lambda f: f.name)
def test_family_sql_matches_its_snapshot(family):
    """The family's SQL for the fixed context is its snapshot (IPLEDGER_UPDATE_SNAPSHOTS=1
    rewrites it)."""
    path = SNAPSHOTS / f"{family.name}.sql"
    sql = _text(family.sql(CONTEXT))
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(sql, encoding="utf-8")
    assert path.exists(), f"no snapshot {path}: run with IPLEDGER_UPDATE_SNAPSHOTS=1"
    assert path.read_text(encoding="utf-8") == sql, (
        f"the SQL of family {family.name!r} changed: if intended, rewrite the snapshots with "
        "IPLEDGER_UPDATE_SNAPSHOTS=1 and review the diff"
    )


def test_no_stale_snapshots():
    """Every snapshot file belongs to a family (a renamed family leaves none behind)."""
    names = {f"{f.name}.sql" for f in FAMILIES}
    stale = sorted(p.name for p in SNAPSHOTS.glob("*.sql") if p.name not in names)
    if UPDATE:
        for name in stale:
            (SNAPSHOTS / name).unlink()
        stale = []
    assert stale == []


def test_context_is_the_engines_default():
    """The snapshots' context is what the engine uses for "now" with the default settings."""
    assert sql_context(None, DEFAULT_SETTINGS) == CONTEXT


@pytest.fixture(scope="module")
def engine_cursor(tmp_path_factory):
    """A cursor on a ledger where every indicator of 2023 is non-zero, with the engine's
    temporary tables prepared for 2023 (and 2022)."""
    path = tmp_path_factory.mktemp("families") / "every.duckdb"
    with Ledger.open(path) as ledger:
        fill_every_indicator(ledger)
        cur = ledger.store.cursor().cursor()
        try:
            prepare_tables(cur, [parse_period("2023")], CONTEXT.moment)
            yield cur
        finally:
            cur.close()


@pytest.mark.parametrize("family", FAMILIES, ids=lambda f: f.name)
def test_family_rows_carry_exactly_the_ids_it_emits(engine_cursor, family):
    """The distinct ids of the family's rows (rolled up) are its declared ``emits``."""
    rows = engine_cursor.sql(f"SELECT DISTINCT indicator FROM ({family.sql(CONTEXT)})").fetchall()
    assert sorted(r[0] for r in rows) == sorted(family.emits)
