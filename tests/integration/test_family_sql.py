"""The SQL of every indicator family: snapshots of the text, and the ids its rows carry.

Snapshots: each family's SQL for one fixed context (now, the default 10,000,000-yuan pledge
threshold) is kept in ``tests/snapshots/families/<name>.sql`` (see :mod:`tests.snapshot`).

Ids: on a ledger where every indicator is non-zero, the ids each family's rows carry are
exactly the ids it declares in ``emits`` (a declaration cannot drift from its SQL, and a
mistyped id in the SQL fails here instead of reading 0).
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from ipledger import Ledger
from ipledger.stats import DEFAULT_SETTINGS, parse_period
from ipledger.stats._catalog import FAMILIES
from ipledger.stats._compute import prepare_tables, sql_context
from ipledger.stats._family import SqlContext
from tests.snapshot import SNAPSHOTS, UPDATE, assert_snapshot
from tests.stats_helpers import fill_every_indicator

CONTEXT = SqlContext(moment="TIMESTAMP 'infinity'", pledge_threshold=Decimal("10000000"))


def test_families_have_unique_names():
    """One snapshot file per family."""
    names = [f.name for f in FAMILIES]
    assert len(names) == len(set(names))


@pytest.mark.parametrize("family", FAMILIES, ids=lambda f: f.name)
def test_family_sql_matches_its_snapshot(family):
    """The family's SQL for the fixed context is its snapshot (IPLEDGER_UPDATE_SNAPSHOTS=1
    rewrites it)."""
    assert_snapshot(f"families/{family.name}.sql", family.sql(CONTEXT))


def test_no_stale_snapshots():
    """Every snapshot file belongs to a family (a renamed family leaves none behind)."""
    names = {f"{f.name}.sql" for f in FAMILIES}
    folder = SNAPSHOTS / "families"
    stale = sorted(p.name for p in folder.glob("*.sql") if p.name not in names)
    if UPDATE:
        for name in stale:
            (folder / name).unlink()
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
