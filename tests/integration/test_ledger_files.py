"""Files that are not (or not quite) ledgers give one clear error and are left as they were;
migrations bring a ledger of the first schema to the newest with every row and version."""

from __future__ import annotations

import datetime as dt

import duckdb
import pytest

from ipledger import IpledgerError, Ledger, Patent, SchemaVersionError, ValidationError
from ipledger.store import library_schema_version, migrations
from tests.fixtures_io import patent_no


def _tables(path):
    con = duckdb.connect(str(path), read_only=True)
    try:
        return sorted(
            r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()
        )
    finally:
        con.close()


@pytest.mark.parametrize("read_only", [False, True])
def test_a_foreign_duckdb_file_is_refused_and_left_alone(tmp_path, read_only):
    """A DuckDB database of someone else's tables is not a ledger: opening it (to write or to
    read) is refused with one line naming its tables, and no ledger table is added."""
    path = tmp_path / "sales.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE sales (id INTEGER, amount DECIMAL(10, 2))")
    con.execute("CREATE TABLE meta (k VARCHAR)")  # a table named like ours is not enough
    con.close()
    with pytest.raises(IpledgerError) as caught:
        Ledger.open(path, read_only=read_only)
    message = str(caught.value)
    assert "not an ipledger ledger" in message and "sales" in message
    assert len(message.splitlines()) == 1
    assert _tables(path) == ["meta", "sales"]


@pytest.mark.parametrize("version", ["1.0", "two", "", "-1"])
def test_a_schema_version_that_is_no_whole_number_is_a_clear_error(ledger_path, version):
    """meta.schema_version must be a whole number: '1.0' is a clear error, no traceback."""
    Ledger.open(ledger_path).close()
    con = duckdb.connect(str(ledger_path))
    con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", [version])
    con.close()
    with pytest.raises(IpledgerError, match="not a whole number"):
        Ledger.open(ledger_path)


def test_a_file_of_a_newer_schema_is_refused(ledger_path):
    """A ledger from a newer ipledger is refused, read-only or not, and left alone."""
    Ledger.open(ledger_path).close()
    con = duckdb.connect(str(ledger_path))
    newer = str(library_schema_version() + 1)
    con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", [newer])
    con.close()
    for read_only in (False, True):
        with pytest.raises(SchemaVersionError, match="upgrade ipledger"):
            Ledger.open(ledger_path, read_only=read_only)


@pytest.mark.parametrize("content", [b"application_no\n2023\n", b"\x00" * 4096, b"DUCK" * 100])
def test_a_file_that_is_not_duckdb_is_a_clear_error(tmp_path, content):
    """A CSV or junk given as the ledger: one line, and the file is not touched."""
    path = tmp_path / "notes.duckdb"
    path.write_bytes(content)
    with pytest.raises(IpledgerError) as caught:
        Ledger.open(path)
    assert len(str(caught.value).splitlines()) == 1
    assert path.read_bytes() == content


def _first_schema_ledger(path):
    """A ledger file made with schema version 1 only, holding patents with history and a
    pledge, written with the SQL of that version."""
    con = duckdb.connect(str(path))
    first = migrations()[0]
    con.execute(first.sql)
    con.execute("INSERT INTO meta VALUES ('schema_version', '1')")
    con.execute("INSERT INTO schema_migrations VALUES (1, ?, now())", [first.name])
    one, two = patent_no("202310000001"), patent_no("202310000002")
    con.execute(
        "INSERT INTO patents (application_no, kind, title, grant_date, recorded_at,"
        " superseded_at, source) VALUES"
        " (?, 'invention', 'old title', DATE '2024-01-05', TIMESTAMP '2024-01-01',"
        "  TIMESTAMP '2024-02-01', 'a.csv:2'),"
        " (?, 'invention', 'new title', DATE '2024-01-05', TIMESTAMP '2024-02-01', NULL,"
        "  'b.csv:2'),"
        " (?, 'invention', NULL, NULL, TIMESTAMP '2024-01-01', NULL, 'a.csv:3')",
        [one, one, two],
    )
    con.execute(
        "INSERT INTO pledges (pledge_id, registered_date, amount, rights, recorded_at, source)"
        " VALUES ('Y1', DATE '2024-03-01', 1000000, [?], TIMESTAMP '2024-03-02', 'api')",
        [one],
    )
    rows = {
        t: con.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall() for t in ("patents", "pledges")
    }
    con.close()
    return rows, one


def test_every_migration_keeps_every_row_and_version(ledger_path):
    """A ledger of the first schema, opened by this ipledger, gets every later migration (the
    write log included), in order, each recorded; every row and history version is kept
    with its values, and the ledger reads and writes as a new one does."""
    before, one = _first_schema_ledger(ledger_path)
    assert len(migrations()) >= 4
    with Ledger.open(ledger_path) as ledger:
        for table, rows in before.items():
            names = ", ".join(f'"{d}"' for d in _first_columns(table))
            after = ledger.sql(f"SELECT {names} FROM {table} ORDER BY ALL").to_pylist()
            assert [tuple(r.values()) for r in after] == rows
        applied = ledger.sql("SELECT version FROM schema_migrations ORDER BY 1").column(0)
        assert applied.to_pylist() == [m.version for m in migrations()]
        assert ledger.patents.get(one).title == "new title"
        assert ledger.patents.get(one, as_known_at="2024-01-15").title == "old title"
        assert ledger.patents.get(one).term_extension_days is None  # migration 002's column
        assert ledger.sql("SELECT count(*) FROM write_log").column(0)[0].as_py() == 0
        ledger.patents.upsert(Patent(application_no=one, title="newest"))
        log = ledger.sql("SELECT entity, updated FROM write_log").to_pylist()
        assert log == [{"entity": "patents", "updated": 1}]
        assert ledger.patents.history(one).num_rows == 3


def _first_columns(table):
    """The columns the first schema gave ``table`` (as recorded before the upgrade)."""
    con = duckdb.connect(":memory:")
    con.execute(migrations()[0].sql)
    columns = [r[0] for r in con.execute(f"DESCRIBE {table}").fetchall()]
    con.close()
    return columns


def test_a_future_recorded_at_is_refused_by_every_write(ledger, tmp_path):
    """upsert and import refuse a recorded_at later than now (every later correction would be
    refused after it); nothing is written."""
    later = dt.datetime.now(dt.UTC) + dt.timedelta(hours=1)
    with pytest.raises(ValidationError, match="in the future"):
        ledger.patents.upsert(Patent(application_no=patent_no("202310000003")), recorded_at=later)
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "patents.csv").write_text(
        f"application_no\n{patent_no('202310000004')}\n", encoding="utf-8"
    )
    with pytest.raises(ValidationError, match="in the future"):
        ledger.import_dataset(folder, recorded_at=later)
    assert ledger.patents.count() == 0
    earlier = dt.datetime.now(dt.UTC) - dt.timedelta(days=1)
    ledger.import_dataset(folder, recorded_at=earlier)
    assert ledger.patents.count() == 1
