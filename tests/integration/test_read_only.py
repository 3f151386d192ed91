"""A read-only ledger cannot be written by any API, and its SQL reaches nothing but the ledger:
no files, no network, no extensions, no settings — for that SQL only, not for the ledger's own
exports and backups."""

from __future__ import annotations

import datetime as dt

import pyarrow as pa
import pytest

from ipledger import ConcurrencyError, IpledgerError, Ledger, Patent
from ipledger.errors import QueryError
from tests.fixtures_io import patent_no, write_csv

NUMBER = patent_no("202010000001")


@pytest.fixture
def read_only(ledger_path):
    with Ledger.open(ledger_path) as ledger:
        ledger.patents.upsert(Patent(application_no=NUMBER, grant_date=dt.date(2021, 5, 1)))
    with Ledger.open(ledger_path, read_only=True) as opened:
        yield opened


def _unchanged(path):
    with Ledger.open(path, read_only=True) as again:
        assert again.patents.count() == 1
        assert again.sql("SELECT count(*) FROM write_log").column(0)[0].as_py() == 1


def test_no_api_writes_a_read_only_ledger(read_only, ledger_path, tmp_path):
    """upsert, add, transaction and import all raise ConcurrencyError(read_only); nothing
    changes."""
    record = Patent(application_no=patent_no("202010000002"))
    table = pa.table({"application_no": [patent_no("202010000003")]})
    folder = tmp_path / "data"
    folder.mkdir()
    write_csv(folder / "patents.csv", ["application_no"], [[patent_no("202010000004")]])
    attempts = [
        lambda: read_only.patents.upsert(record),
        lambda: read_only.patents.upsert(table),
        lambda: read_only.patents.add(record),
        lambda: read_only.import_dataset(folder),
        lambda: read_only.transaction().__enter__(),
    ]
    for attempt in attempts:
        with pytest.raises(ConcurrencyError) as caught:
            attempt()
        assert caught.value.cause == "read_only"
    _unchanged(ledger_path)


@pytest.mark.parametrize(
    "statement",
    [
        "INSERT INTO meta VALUES ('x', 'y')",
        "UPDATE patents SET title = 'x'",
        "DELETE FROM patents",
        "CREATE TABLE t AS SELECT 1",
        "DROP VIEW patents_current",
        "COPY patents TO '{out}/p.csv'",
        "COPY (SELECT * FROM patents) TO '{out}/q.parquet' (FORMAT parquet)",
        "EXPORT DATABASE '{out}/db'",
        "ATTACH '{out}/other.duckdb' AS other",
        "INSTALL httpfs",
        "LOAD httpfs",
        "SET enable_external_access = true",
        "SET memory_limit = '1GB'",
        "PRAGMA threads = 1",
        "CALL checkpoint()",
        "SELECT 1; INSERT INTO meta VALUES ('x', 'y')",
        "USE memory",
        "DETACH DATABASE test",
    ],
)
def test_sql_on_a_read_only_ledger_only_reads(read_only, ledger_path, tmp_path, statement):
    """Any statement that is not SELECT or EXPLAIN is refused before it runs."""
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(ConcurrencyError, match="runs only SELECT and EXPLAIN"):
        read_only.sql(statement.format(out=out))
    assert not any(out.iterdir())
    _unchanged(ledger_path)


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * FROM read_text('/etc/passwd')",
        "SELECT * FROM glob('/etc/*')",
        "SELECT * FROM read_csv('/etc/passwd')",
        "SELECT * FROM read_parquet('{out}/x.parquet')",
        "SELECT * FROM read_json('https://example.com/x.json')",
        "SELECT * FROM 'https://example.com/data.csv'",
        "SELECT * FROM sqlite_scan('{out}/x.db', 't')",
    ],
)
def test_sql_on_a_read_only_ledger_reaches_no_file_nor_network(read_only, tmp_path, query):
    """A SELECT that reads a file, lists a folder or fetches a URL is refused (QueryError)."""
    with pytest.raises((QueryError, IpledgerError)) as caught:
        read_only.sql(query.format(out=tmp_path))
    assert "passwd" not in str(caught.value) or "disabled" in str(caught.value)


def test_the_sandbox_leaves_the_ledger_s_own_work_alone(read_only, tmp_path):
    """After sandboxed SQL (and a refused statement), the ledger still exports and backs up,
    and its SQL still reads its tables, views and macros."""
    with pytest.raises(QueryError):
        read_only.sql("SELECT * FROM read_text('/etc/passwd')")
    assert read_only.sql("SELECT count(*) FROM patents_current").column(0)[0].as_py() == 1
    moment = "SELECT count(*) FROM patents_at(TIMESTAMP 'infinity')"
    assert read_only.sql(moment).column(0)[0].as_py() == 1
    assert read_only.sql("SELECT ? + 1 AS n", [41]).column(0)[0].as_py() == 42
    assert read_only.sql("EXPLAIN SELECT * FROM patents").num_rows >= 1
    result = read_only.export_dataset(tmp_path / "out")
    assert result.rows == 1
    copy = read_only.backup(tmp_path / "copy.duckdb")
    with Ledger.open(copy, read_only=True) as restored:
        assert restored.patents.count() == 1


def test_sql_on_a_writable_ledger_writes_in_turn(ledger):
    """On a writable ledger, SQL that writes runs (taking the writer lock), and a SELECT is an
    ordinary read."""
    ledger.sql("INSERT INTO meta VALUES ('note', 'x')")
    assert ledger.sql("SELECT value FROM meta WHERE key = 'note'").column(0)[0].as_py() == "x"
    with pytest.raises(QueryError):
        ledger.sql("SELEC 1")
