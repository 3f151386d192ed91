"""Snapshots of the SQL the query API and the import's validation generate (see
:mod:`tests.snapshot`): a change to what a query or a file's validation runs is a diff to
read."""

from __future__ import annotations

import datetime as dt

import pytest

from ipledger import Ledger
from ipledger.io._validate import checked_sql
from ipledger.model import ENTITIES
from tests.snapshot import assert_snapshot

D = dt.date


@pytest.fixture(scope="module")
def ledger():
    """A ledger for building queries (nothing is run)."""
    with Ledger.open() as opened:
        yield opened


QUERIES = {
    "patents_valid_in_region": lambda ledger: (
        ledger.patents.find(kind="invention").in_force(D(2023, 12, 31)).in_region("440700")
    ),
    "pledges_outstanding_ordered": lambda ledger: (
        ledger.pledges.outstanding(on=D(2023, 12, 31))
        .order_by("-amount")
        .limit(10)
        .as_known_at("2024-01-31T08:00:00+08:00")
    ),
    "cases_by_type": lambda ledger: ledger.cases.find(types=["gi_infringement"]).in_region(
        "440700"
    ),
    "trademarks_in_force": lambda ledger: ledger.trademarks.in_force(on=D(2023, 12, 31)),
    "get_patent": lambda ledger: ledger.patents.find(application_no="ZL 2013 1 0123524.5"),
}


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_query_sql(ledger, name):
    """The SQL (and its parameters) a query runs is its snapshot."""
    sql, params = QUERIES[name](ledger).compiled()
    assert_snapshot(f"queries/{name}.sql", f"{sql}\n-- parameters: {params!r}")


@pytest.mark.parametrize("name", list(ENTITIES))
def test_validation_sql_of_a_text_file(name):
    """The statement that validates a CSV file with every column of the entity is its
    snapshot (all cells text)."""
    entity = ENTITIES[name]
    types = dict.fromkeys(entity.columns, "VARCHAR")
    assert_snapshot(f"validation/{name}.sql", checked_sql(entity, types))
