"""The built-in region table in a ledger: migration 003 of an old file, the columns of
``builtin_regions`` / ``all_regions_at``, and the import's region map against the scalar API."""

from __future__ import annotations

import datetime as dt

import duckdb
import pytest

from ipledger import Ledger
from ipledger.codes import builtin_regions, current_code, current_codes, region
from ipledger.io._validate import REGION_MAP, build_region_map
from ipledger.store import Store, library_schema_version, migrations

NEW_COLUMNS = {
    "successor_codes": "VARCHAR[]",
    "name_en": "VARCHAR",
    "former_names": 'STRUCT("name" VARCHAR, valid_to INTEGER)[]',
}


def _old_ledger(path):
    """A ledger file as ipledger wrote it at schema version 1 (one-successor region table),
    with two rows of its own in ``regions``: a new code and an override of a built-in one."""
    con = duckdb.connect(str(path))
    first = migrations()[0]
    assert first.version == 1
    con.execute(first.sql)
    now = dt.datetime(2024, 1, 1)
    con.execute("INSERT INTO meta VALUES ('schema_version', '1'), ('builtin_regions', 'old')")
    con.execute("INSERT INTO schema_migrations VALUES (1, ?, ?)", [first.name, now])
    con.execute(
        "INSERT INTO builtin_regions VALUES"
        " ('440700', '江门市', 'city', '440000', 1983, NULL, NULL),"
        " ('440703', '蓬江区', 'county', '440700', 1994, NULL, NULL),"
        " ('330104', '江干区', 'county', '330100', 1983, 2021, '330102')"
    )
    con.execute(
        "INSERT INTO regions VALUES"
        " ('440799', '江门高新区', 'county', '440700', ?, NULL, 'test'),"
        " ('440703', '蓬江区（测试）', NULL, NULL, ?, NULL, 'test')",
        [now, now],
    )
    con.close()


def test_an_old_ledger_is_migrated_and_reloaded(ledger_path):
    """Opening a schema-1 file applies the migrations, rebuilds builtin_regions with the new
    columns and loads the shipped table; the ledger's own regions rows are kept, and have no
    English name unless the built-in code has one."""
    _old_ledger(ledger_path)
    with Ledger.open(ledger_path) as ledger:
        version = ledger.sql("SELECT value FROM meta WHERE key = 'schema_version'")
        assert int(version.column(0)[0].as_py()) == library_schema_version() >= 3
        columns = {
            r["column_name"]: r["column_type"]
            for r in ledger.sql("DESCRIBE builtin_regions").to_pylist()
        }
        assert {c: columns[c] for c in NEW_COLUMNS} == NEW_COLUMNS
        count = ledger.sql("SELECT count(*) AS n FROM builtin_regions").column(0)[0].as_py()
        assert count == builtin_regions().num_rows
        rows = ledger.sql(
            "SELECT code, name, name_en, successor_code, successor_codes, former_names"
            " FROM all_regions_at('infinity'::TIMESTAMP)"
            " WHERE code IN ('440799', '440703', '330104', '130502') ORDER BY code"
        ).to_pylist()
    assert rows == [
        {
            "code": "130502",
            "name": "襄都区",
            "name_en": "Xiangdu District",
            "successor_code": None,
            "successor_codes": [],
            "former_names": [{"name": "桥东区", "valid_to": 2020}],
        },
        {
            "code": "330104",
            "name": "江干区",
            "name_en": "Jianggan District",
            "successor_code": None,
            "successor_codes": ["330102", "330114"],
            "former_names": [],
        },
        {
            "code": "440703",
            "name": "蓬江区（测试）",
            "name_en": "Pengjiang District",
            "successor_code": None,
            "successor_codes": [],
            "former_names": [],
        },
        {
            "code": "440799",
            "name": "江门高新区",
            "name_en": None,
            "successor_code": None,
            "successor_codes": [],
            "former_names": [],
        },
    ]


def test_reopening_does_not_reload(ledger_path):
    """The table is reloaded by fingerprint: once after the migration, not on every open."""
    _old_ledger(ledger_path)
    Ledger.open(ledger_path).close()
    con = duckdb.connect(str(ledger_path))
    fingerprint = con.execute("SELECT value FROM meta WHERE key = 'builtin_regions'").fetchall()
    con.execute("UPDATE builtin_regions SET name_en = 'touched' WHERE code = '440700'")
    con.close()
    assert fingerprint[0][0] != "old"
    with Ledger.open(ledger_path) as ledger:
        row = ledger.sql("SELECT name_en FROM builtin_regions WHERE code = '440700'")
        assert row.column(0)[0].as_py() == "touched"


def test_builtin_regions_in_the_ledger_equal_the_shipped_table():
    """builtin_regions holds the shipped Arrow table, nested columns included."""
    store = Store.open(":memory:")
    try:
        loaded = store.sql("SELECT * FROM builtin_regions ORDER BY code")
    finally:
        store.close()
    assert loaded.to_pylist() == builtin_regions().sort_by("code").to_pylist()


@pytest.fixture(scope="module")
def region_map():
    """The import's map of every known code to its current code, on a fresh ledger."""
    store = Store.open(":memory:")
    try:
        build_region_map(store.cursor())
        rows = store.cursor().execute(f"SELECT code, current_code FROM {REGION_MAP}").fetchall()
    finally:
        store.close()
    return dict(rows)


def test_region_map_follows_unique_successors(region_map):
    """build_region_map (SQL) maps each code to the end of its chain of unique successors
    (successor_code): where that end is in use, it is current_code; a code split between
    several regions (or leading to one) stays a retired code, so the import does not guess."""
    assert set(region_map) == set(builtin_regions().column("code").to_pylist())
    for code, mapped in region_map.items():
        end = code
        while region(end).successor_code is not None:
            end = region(end).successor_code
        assert mapped == end, code
        if region(mapped).valid_to is None:
            assert current_code(code) == mapped, code
        else:
            assert len(region(mapped).successor_codes) > 1, code
    assert region_map["330104"] == "330104"
    assert current_codes("330104") == ("330102", "330114")
