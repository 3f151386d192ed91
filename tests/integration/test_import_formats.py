"""Import reads what agencies send: Chinese headers, BOM, every value form, Parquet, zips."""

from __future__ import annotations

import datetime as dt
import zipfile
from decimal import Decimal

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from ipledger import ValidationError
from ipledger.io import entity_of, import_dataset
from tests.fixtures_io import credit_code, patent_no, write_csv

GOOD = patent_no("202310123456")


def test_chinese_headers_bom_and_every_value_form(ledger, tmp_path):
    """A sheet with Chinese headers, a BOM and every listed value form imports exactly."""
    folder = tmp_path / "d"
    body = GOOD[:-1]
    write_csv(
        folder / "patents_2023.csv",
        ["申请号", "名称", "申请日", "授权日", "战略性新兴产业", "海外同族授权", "行政区划代码"],
        [
            [f"{body}.{GOOD[-1]}", "甲", "2023-05-06", "2023/5/6", "true", "1", "440700"],
            [patent_no("202310000011"), "乙", "2023.5.6", "20230506", "yes", "是", ""],
            [
                f"CN{patent_no('202310000012')[:-1]}.{patent_no('202310000012')[-1]}",
                "丙",
                "2023年5月6日",
                "",
                "Y",
                "",
                "",
            ],
            ["ZL 2023 1 0000013." + patent_no("202310000013")[-1], "丁", "", "", "否", "N", ""],
            ["95115608.X", "戊", "", "", "false", "0", ""],
            [patent_no("202320000014"), "己", "", "", "no", "", ""],
        ],
        bom=True,
    )
    write_csv(
        folder / "pledges.csv",
        ["登记号", "登记日", "质押金额", "质押权利"],
        [
            ["Y1", "2023-01-01", "12000000", f"{GOOD};12345678"],
            ["Y2", "2023-01-01", "12,000,000.50", f"{GOOD}；12345678"],
            ["Y3", "2023-01-01", "1200万元", f"{GOOD}、12345678"],
            ["Y4", "2023-01-01", "1200万", ""],
            ["Y5", "2023-01-01", "1.2亿元", ""],
            ["Y6", "2023-01-01", "1.2亿", ""],
            ["Y7", "2023-01-01", "¥3,000", ""],
            ["Y8", "2023-01-01", "１２００万", ""],
        ],
        bom=True,
    )
    result = import_dataset(ledger.store, folder)
    assert result.ok, [str(r) for r in result.rejects]
    patents = {p.title: p for p in ledger.patents.find()}
    assert patents["甲"].application_no == GOOD
    assert patents["甲"].filing_date == patents["甲"].grant_date == dt.date(2023, 5, 6)
    assert patents["乙"].filing_date == patents["丙"].filing_date == dt.date(2023, 5, 6)
    assert [patents[t].strategic_emerging for t in "甲乙丙丁戊己"] == [
        True,
        True,
        True,
        False,
        False,
        False,
    ]
    assert patents["乙"].overseas_family_granted and not patents["丁"].overseas_family_granted
    assert patents["己"].kind.value == "utility_model"
    amounts = {p.pledge_id: p.amount for p in ledger.pledges.find()}
    assert amounts == {
        "Y1": Decimal("12000000.00"),
        "Y2": Decimal("12000000.50"),
        "Y3": Decimal("12000000.00"),
        "Y4": Decimal("12000000.00"),
        "Y5": Decimal("120000000.00"),
        "Y6": Decimal("120000000.00"),
        "Y7": Decimal("3000.00"),
        "Y8": Decimal("12000000.00"),
    }
    assert ledger.pledges.get("Y2").rights == (GOOD, "12345678")
    assert ledger.pledges.get("Y3").rights == (GOOD, "12345678")


def test_unknown_columns_warn_once_per_file(ledger, tmp_path):
    """An unlisted column is a warning (once per file, at line 1), never an error."""
    write_csv(
        tmp_path / "d" / "patents.csv",
        ["application_no", "备注"],
        [[GOOD, "x"], [GOOD[:-1] + "." + GOOD[-1], "y"]][:1],
    )
    result = import_dataset(ledger.store, tmp_path / "d")
    assert result.ok
    (warning,) = result.all_warnings
    assert (warning.file, warning.line, warning.column) == ("patents.csv", 1, "备注")
    assert "unknown column" in warning.message


def test_unknown_pledged_rights_are_kept_and_warned(ledger, tmp_path):
    """Pledged and case rights the ledger does not know are kept, each reported as a warning."""
    folder = tmp_path / "d"
    write_csv(folder / "patents.csv", ["application_no"], [[GOOD]])
    unknown = patent_no("202310999999")
    write_csv(
        folder / "pledges.csv",
        ["pledge_id", "registered_date", "amount", "rights"],
        [["Y1", "2023-01-01", "1", f"{GOOD};{unknown[:-1]}.{unknown[-1]};T-99"]],
    )
    write_csv(
        folder / "cases.csv",
        ["case_no", "types", "opened_date", "rights"],
        [["C1", "other", "2023-01-01", "77777777"]],
    )
    result = import_dataset(ledger.store, folder)
    assert result.ok
    assert [(w.file, w.line, w.value) for w in result.all_warnings] == [
        ("pledges.csv", 2, unknown),
        ("pledges.csv", 2, "T-99"),
        ("cases.csv", 2, "77777777"),
    ]
    assert ledger.pledges.get("Y1").rights == (GOOD, unknown, "T-99")


def test_parquet_typed_and_text_columns(ledger, tmp_path):
    """Parquet files import with typed columns (dates, decimals, bools, lists) or text ones."""
    folder = tmp_path / "d"
    folder.mkdir()
    pq.write_table(
        pa.table(
            {
                "application_no": [GOOD, "ZL 2023 1 0000013." + patent_no("202310000013")[-1]],
                "filing_date": pa.array([dt.date(2023, 1, 2), None], pa.date32()),
                "grant_date": ["2024/1/2", None],
                "strategic_emerging": [True, None],
            }
        ),
        folder / "patents.parquet",
    )
    pq.write_table(
        pa.table(
            {
                "pledge_id": ["Y1", "Y2"],
                "registered_date": pa.array([dt.datetime(2023, 1, 2), dt.datetime(2023, 1, 2, 8)]),
                "amount": pa.array([Decimal("5.50"), Decimal("-1.00")], pa.decimal128(10, 2)),
                "rights": [[GOOD, " 12345678 "], []],
            }
        ),
        folder / "pledges.parquet",
    )
    result = import_dataset(ledger.store, folder, keep_going=True)
    assert [(r.file, r.line, r.column) for r in result.rejects] == [
        ("pledges.parquet", 3, "registered_date"),
        ("pledges.parquet", 3, "amount"),
    ]
    patent = ledger.patents.get(GOOD)
    assert patent.filing_date == dt.date(2023, 1, 2) and patent.grant_date == dt.date(2024, 1, 2)
    assert ledger.patents.get(patent_no("202310000013")).strategic_emerging is False
    assert ledger.pledges.get("Y1").rights == (GOOD, "12345678")


def test_zip_with_a_top_folder(ledger, tmp_path):
    """A .zip of a folder imports like the folder."""
    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("2023-q4/patents.csv", f"application_no\n{GOOD}\n")
        zf.writestr("2023-q4/readme.txt", "hello")
    result = import_dataset(ledger.store, archive)
    assert [f.file for f in result.files] == ["patents.csv"]
    assert ledger.patents.count() == 1


def test_zip_slip_is_refused(ledger, tmp_path):
    """A zip member whose path leaves the dataset folder stops the import before any read."""
    archive = tmp_path / "evil.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("patents.csv", f"application_no\n{GOOD}\n")
        zf.writestr("../../patents_evil.csv", f"application_no\n{GOOD}\n")
    with pytest.raises(ValidationError, match="unsafe path"):
        import_dataset(ledger.store, archive)
    assert ledger.patents.count() == 0
    assert not (tmp_path.parent / "patents_evil.csv").exists()


def test_file_names_and_order(ledger, tmp_path):
    """Files are recognised by entity-name prefix (longest wins) and imported references first."""
    assert entity_of("gi_users_2023.csv") == "gi_users"
    assert entity_of("gi_products.parquet") == "gi_products"
    assert entity_of("patent.csv") is None
    folder = tmp_path / "d"
    party = credit_code("91440700MA4UN9WJ3")
    write_csv(folder / "patents.csv", ["application_no", "holder_id"], [[GOOD, party]])
    write_csv(folder / "parties.csv", ["party_id", "name"], [[party, "甲"]])
    write_csv(folder / "patent.csv", ["application_no"], [[GOOD]])
    write_csv(
        folder / "regions_extra.csv",
        ["code", "name", "level", "parent_code"],
        [["449901", "试验区", "county", "440700"]],
    )
    write_csv(
        folder / "population.csv",
        ["region_code", "year", "population"],
        [["449901", "2023", "12,000"]],
    )
    result = import_dataset(ledger.store, folder)
    assert result.ok, [str(r) for r in result.rejects]
    assert [f.file for f in result.files] == [
        "regions_extra.csv",
        "population.csv",
        "parties.csv",
        "patents.csv",
    ]
    assert [w.file for w in result.warnings] == ["patent.csv"]
    assert ledger.population.count() == 1


def test_retired_region_codes_map_to_their_successor(ledger, tmp_path):
    """A retired region code is accepted and stored as its current successor."""
    row = ledger.sql(
        "SELECT code, successor_code FROM builtin_regions WHERE successor_code IS NOT NULL "
        "AND successor_code IN (SELECT code FROM builtin_regions WHERE successor_code IS NULL) "
        "ORDER BY code LIMIT 1"
    ).to_pylist()
    if not row:
        pytest.skip("the built-in region table has no retired code")
    write_csv(
        tmp_path / "d" / "patents.csv", ["application_no", "region_code"], [[GOOD, row[0]["code"]]]
    )
    assert import_dataset(ledger.store, tmp_path / "d").ok
    assert ledger.patents.get(GOOD).region_code == row[0]["successor_code"]
