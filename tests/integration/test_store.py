"""The store on real DuckDB files: migrations, history, as-known-at, transactions, locking."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from decimal import Decimal

import duckdb
import pyarrow as pa
import pytest

from ipledger import (
    ConcurrencyError,
    Ledger,
    NotFoundError,
    Patent,
    Pledge,
    SchemaVersionError,
    ValidationError,
)
from ipledger.store import library_schema_version

D = dt.date
T = dt.datetime


def test_new_file_gets_schema_and_reopens(ledger_path):
    """A new file is created at the library's schema version; reopening keeps every record."""
    with Ledger.open(ledger_path) as ledger:
        ledger.patents.add(Patent(application_no="2023101234566", title="一种装置"))
    with Ledger.open(ledger_path) as ledger:
        assert ledger.patents.get("2023101234566").title == "一种装置"
        version = (
            ledger.sql("SELECT value FROM meta WHERE key = 'schema_version'").column(0)[0].as_py()
        )
        assert int(version) == library_schema_version()


def test_newer_schema_is_a_clear_error(ledger_path):
    """A file written by a newer ipledger raises SchemaVersionError naming both versions."""
    Ledger.open(ledger_path).close()
    con = duckdb.connect(str(ledger_path))
    con.execute("UPDATE meta SET value = '999' WHERE key = 'schema_version'")
    con.close()
    with pytest.raises(SchemaVersionError, match="999") as info:
        Ledger.open(ledger_path)
    assert "upgrade ipledger" in str(info.value)


def test_builtin_regions_loaded(ledger):
    """The national region table is in every ledger."""
    row = ledger.sql(
        "SELECT name, parent_code FROM builtin_regions WHERE code = '440700'"
    ).to_pylist()
    assert row == [{"name": "江门市", "parent_code": "440000"}]


def test_correction_keeps_history(ledger):
    """Upserting a changed record closes the old version and adds a new one; nothing is lost."""
    first = T(2024, 1, 10, 9, 0)
    second = T(2024, 3, 1, 9, 0)
    p = Patent(application_no="2023101234566", title="旧名称")
    assert ledger.patents.upsert(p, recorded_at=first).inserted == 1
    counts = ledger.patents.upsert(
        Patent(application_no="2023101234566", title="新名称"), recorded_at=second
    )
    assert (counts.inserted, counts.updated, counts.unchanged) == (0, 1, 0)
    history = ledger.patents.history("2023101234566").to_pylist()
    assert [h["title"] for h in history] == ["旧名称", "新名称"]
    assert history[0]["superseded_at"] == second
    assert history[1]["superseded_at"] is None
    assert ledger.patents.get("2023101234566").title == "新名称"


def test_unchanged_upsert_writes_nothing(ledger):
    """Writing the same record again records no new version."""
    p = Patent(application_no="2023101234566", title="x")
    ledger.patents.upsert(p)
    assert ledger.patents.upsert(p).unchanged == 1
    assert ledger.patents.history("2023101234566").num_rows == 1


def test_as_known_at_sees_the_past(ledger):
    """A read as known at a moment sees exactly the versions recorded by then."""
    ledger.pledges.upsert(
        Pledge(pledge_id="Y1", registered_date=D(2023, 5, 1), amount=Decimal("100.00")),
        recorded_at=T(2023, 5, 2),
    )
    ledger.pledges.upsert(
        Pledge(pledge_id="Y1", registered_date=D(2023, 5, 1), amount=Decimal("120.00")),
        recorded_at=T(2024, 2, 1),
    )
    assert ledger.pledges.get("Y1", as_known_at=D(2024, 1, 31)).amount == Decimal("100.00")
    assert ledger.pledges.get("Y1").amount == Decimal("120.00")
    with pytest.raises(NotFoundError):
        ledger.pledges.get("Y1", as_known_at=D(2023, 5, 1))
    assert ledger.pledges.count(as_known_at="2023-05-02") == 1


def test_backfill_earlier_than_current_version_rejected(ledger):
    """A recorded_at earlier than the version it would supersede is refused."""
    ledger.patents.upsert(
        Patent(application_no="2023101234566", title="a"), recorded_at=T(2024, 1, 1)
    )
    with pytest.raises(ValidationError, match="earlier than the version"):
        ledger.patents.upsert(
            Patent(application_no="2023101234566", title="b"), recorded_at=T(2023, 1, 1)
        )
    assert ledger.patents.get("2023101234566").title == "a"


def test_transaction_rolled_back_leaves_nothing(ledger):
    """An error inside transaction() undoes every write made in it."""

    def write_then_fail() -> None:
        with ledger.transaction():
            ledger.patents.add(Patent(application_no="2023101234566"))
            ledger.pledges.add(
                Pledge(pledge_id="Y1", registered_date=D(2023, 1, 1), amount=Decimal(1))
            )
            raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        write_then_fail()
    assert ledger.patents.count() == 0
    assert ledger.pledges.count() == 0
    assert ledger.sql("SELECT count(*) AS n FROM patents").column(0)[0].as_py() == 0


def test_add_existing_key_rejected(ledger):
    """add() refuses a key that exists; upsert() is the way to correct."""
    ledger.patents.add(Patent(application_no="2023101234566"))
    with pytest.raises(ValidationError, match="already in the ledger"):
        ledger.patents.add(Patent(application_no="2023101234566"))


def test_duplicate_key_in_batch_rejected(ledger):
    """One batch naming the same key twice is rejected whole."""
    table = pa.table(
        {"application_no": ["2023101234566", "2023101234566"], "kind": ["invention"] * 2}
    )
    with pytest.raises(ValidationError, match="more than once"):
        ledger.patents.upsert(table)
    assert ledger.patents.count() == 0


def test_partial_columns_keep_current_values(ledger):
    """A batch without a column keeps the current version's value of it."""
    ledger.patents.upsert(
        Patent(application_no="2023101234566", title="保留", grant_date=D(2023, 6, 1))
    )
    ledger.patents.upsert(
        pa.table({"application_no": ["2023101234566"], "lapse_date": [D(2024, 6, 1)]})
    )
    p = ledger.patents.get("2023101234566")
    assert (p.title, p.grant_date, p.lapse_date) == ("保留", D(2023, 6, 1), D(2024, 6, 1))


def test_read_only_ledger_refuses_writes(ledger_path):
    """A read-only ledger reads, and refuses writes with ConcurrencyError."""
    with Ledger.open(ledger_path) as ledger:
        ledger.patents.add(Patent(application_no="2023101234566"))
    with Ledger.open(ledger_path, read_only=True) as ledger:
        assert ledger.patents.count() == 1
        with pytest.raises(ConcurrencyError, match="read-only"):
            ledger.patents.add(Patent(application_no="2023201234561"))


def test_second_writer_process_gets_clear_error(ledger_path):
    """While one process holds the ledger open for writing, another gets ConcurrencyError."""
    Ledger.open(ledger_path).close()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import ipledger,sys,time; l=ipledger.Ledger.open({str(ledger_path)!r}); "
            "print('ready', flush=True); sys.stdin.read()",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        with pytest.raises(ConcurrencyError, match="another process"):
            Ledger.open(ledger_path)
    finally:
        holder.communicate("", timeout=30)
