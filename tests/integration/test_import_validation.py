"""Import validation: each kind of bad row is rejected at its exact line; nothing half-written."""

from __future__ import annotations

import pytest

from ipledger.io import import_dataset
from tests.fixtures_io import credit_code, patent_no, rejected, snapshot, write_csv, wrong_check

GOOD = patent_no("202310123456")
OTHER = patent_no("202320654321")
HEADER = [
    "application_no",
    "kind",
    "title",
    "region_code",
    "filing_date",
    "grant_date",
    "strategic_emerging",
    "award",
]


@pytest.fixture
def bad_patents(tmp_path):
    """A patents file with one bad row of each single-value and cross-field kind."""
    rows = [
        [GOOD, "invention", "good", "440700", "2023-01-05", "2024-01-05", "是", "none"],  # 2
        [wrong_check(OTHER), "", "bad check", "440700", "", "", "", ""],  # 3
        [patent_no("202310000001"), "", "bad date", "440700", "2023-13-45", "", "", ""],  # 4
        [
            patent_no("202310000002"),
            "",
            "grant<filing",
            "440700",
            "2023-05-01",
            "2023-04-30",
            "",
            "",
        ],  # 5
        [patent_no("202310000003"), "utility_model", "kind", "440700", "", "", "", ""],  # 6
        [patent_no("202310000004"), "", "unknown region", "999999", "", "", "", ""],  # 7
        [patent_no("202310000005"), "", "short region", "4407", "", "", "", ""],  # 8
        [patent_no("202310000006"), "", "bool", "440700", "", "", "maybe", ""],  # 9
        [patent_no("202310000007"), "", "enum", "440700", "", "", "", "platinum"],  # 10
        ["", "", "no number", "440700", "", "", "", ""],  # 11
        [
            patent_no("202310000008")[:-1] + "." + patent_no("202310000008")[-1],
            "",
            "dup",
            "",
            "",
            "",
            "",
            "",
        ],  # 12
        [patent_no("202310000008"), "", "dup again", "", "", "", "", ""],  # 13
        [OTHER, "", "good too", "", "", "", "", ""],  # 14
    ]
    folder = tmp_path / "data"
    write_csv(folder / "patents.csv", HEADER, rows)
    return folder


def test_every_bad_patent_row_is_rejected_at_its_line(ledger, bad_patents):
    """Each broken rule rejects its own row, reported at file:line and column, in file order."""
    result = import_dataset(ledger.store, bad_patents)
    assert rejected(result) == [
        ("patents.csv", 3, "application_no"),
        ("patents.csv", 4, "filing_date"),
        ("patents.csv", 5, "grant_date"),
        ("patents.csv", 6, "kind"),
        ("patents.csv", 7, "region_code"),
        ("patents.csv", 8, "region_code"),
        ("patents.csv", 9, "strategic_emerging"),
        ("patents.csv", 10, "award"),
        ("patents.csv", 11, "application_no"),
        ("patents.csv", 12, "application_no"),
        ("patents.csv", 13, "application_no"),
    ]
    by_line = {r.line: r for r in result.rejects}
    assert by_line[3].value == wrong_check(OTHER)
    assert by_line[5].reason == "is before filing_date 2023-05-01"
    assert by_line[5].value == "2023-04-30"
    assert "does not match" in by_line[6].reason
    assert "not a known region code" in by_line[7].reason
    assert by_line[10].reason == "not one of none|excellence|silver|gold"
    assert "more than once" in by_line[12].reason and "12, 13" in by_line[12].reason
    assert str(by_line[9]).startswith("patents.csv:9 strategic_emerging: 'maybe': ")


def test_a_rejected_file_writes_nothing(ledger, bad_patents):
    """All-or-nothing per file: the valid rows of a file with rejects are not written either."""
    before = snapshot(ledger)
    result = import_dataset(ledger.store, bad_patents)
    (file_result,) = result.files
    assert not file_result.written and file_result.inserted == 0
    assert file_result.rows_read == 13 and file_result.rejected_rows == 11
    assert snapshot(ledger) == before


def test_keep_going_writes_the_valid_rows(ledger, bad_patents):
    """--keep-going writes the valid rows and still lists the rejected ones."""
    result = import_dataset(ledger.store, bad_patents, keep_going=True)
    (file_result,) = result.files
    assert file_result.written and file_result.inserted == 2
    assert len(file_result.rejects) == 11 and not result.ok
    numbers = ledger.sql("SELECT application_no FROM patents_current ORDER BY 1").column(0)
    assert numbers.to_pylist() == sorted([GOOD, OTHER])


def test_other_files_are_written_when_one_is_rejected(ledger, bad_patents):
    """A rejected file does not stop the files after it (each file is all-or-nothing)."""
    write_csv(bad_patents / "trademarks.csv", ["registration_no", "mark"], [["12345678", "好"]])
    result = import_dataset(ledger.store, bad_patents)
    assert [f.written for f in result.files] == [False, True]
    assert ledger.trademarks.count() == 1


def test_pledge_rules(ledger, tmp_path):
    """Money must be readable and non-negative, term and release dates in order, amount required."""
    header = ["pledge_id", "registered_date", "amount", "term_start", "term_end", "released_date"]
    write_csv(
        tmp_path / "d" / "pledges.csv",
        header,
        [
            ["Y1", "2023-03-01", "1200万元", "2023-03-01", "2024-02-28", ""],  # 2 ok
            ["Y2", "2023-03-01", "-5", "", "", ""],  # 3 negative
            ["Y3", "2023-03-01", "", "", "", ""],  # 4 required
            ["Y4", "2023-03-01", "12 yuan", "", "", ""],  # 5 unreadable
            ["Y5", "2023-03-01", "1", "2023-03-01", "2023-02-01", ""],  # 6 term order
            ["Y6", "2023-03-01", "1", "", "", "2023-01-01"],  # 7 release order
        ],
    )
    result = import_dataset(ledger.store, tmp_path / "d")
    assert rejected(result) == [
        ("pledges.csv", 3, "amount"),
        ("pledges.csv", 4, "amount"),
        ("pledges.csv", 5, "amount"),
        ("pledges.csv", 6, "term_end"),
        ("pledges.csv", 7, "released_date"),
    ]
    assert ledger.pledges.count() == 0


def test_party_trademark_and_case_rules(ledger, tmp_path):
    """Organisation credit codes are checked, Nice classes are 1..45, case types a vocabulary."""
    folder = tmp_path / "d"
    good = credit_code("91440700MA4UN9WJ3")
    write_csv(
        folder / "parties.csv",
        ["party_id", "name", "kind"],
        [
            [good.lower(), "甲", "enterprise"],
            [wrong_check(good), "乙", "enterprise"],
            ["P-1", "丙", "individual"],
        ],
    )
    write_csv(
        folder / "trademarks.csv",
        ["registration_no", "nice_classes"],
        [["12345678", "9;35"], ["12345679", "9、46"]],
    )
    write_csv(
        folder / "cases.csv",
        ["case_no", "types", "opened_date"],
        [
            ["C1", "trademark_infringement；other", "2023-01-01"],
            ["C2", "robbery", "2023-01-01"],
            ["C3", "", "2023-01-01"],
            ["C4", "other", ""],
        ],
    )
    result = import_dataset(ledger.store, folder, keep_going=True)
    assert rejected(result) == [
        ("parties.csv", 3, "party_id"),
        ("trademarks.csv", 3, "nice_classes"),
        ("cases.csv", 3, "types"),
        ("cases.csv", 4, "types"),
        ("cases.csv", 5, "opened_date"),
    ]
    assert ledger.parties.get(good).party_id == good  # upper-cased
    assert ledger.cases.get("C1").types[0].value == "trademark_infringement"


def test_missing_required_column_and_duplicate_header(ledger, tmp_path):
    """A file without a required column, or with a column given twice, is rejected at line 1."""
    folder = tmp_path / "d"
    write_csv(folder / "pledges.csv", ["pledge_id", "amount"], [["Y1", "1"]])
    write_csv(folder / "patents.csv", ["application_no", "申请号"], [[GOOD, GOOD]])
    result = import_dataset(ledger.store, folder, keep_going=True)
    assert rejected(result) == [
        ("patents.csv", 1, "application_no"),
        ("pledges.csv", 1, "registered_date"),
    ]
    assert not any(f.written for f in result.files)


def test_unreadable_csv_is_rejected_as_a_whole(ledger, tmp_path):
    """A row with too many cells or a file that is not UTF-8 rejects the file, saying why."""
    folder = tmp_path / "d"
    folder.mkdir()
    (folder / "patents.csv").write_text(f"application_no,title\n{GOOD},a,b,c\n", encoding="utf-8")
    (folder / "trademarks.csv").write_bytes("registration_no,mark\n1,商标\n".encode("gbk"))
    result = import_dataset(ledger.store, folder)
    assert [f.file for f in result.files if not f.ok] == ["patents.csv", "trademarks.csv"]
    assert "not a readable CSV" in result.files[0].rejects[0].reason
    assert ledger.patents.count() == 0


def test_rejects_csv_lists_every_value(ledger, bad_patents, tmp_path):
    """rejects_path gets every rejected value as CSV: file,line,column,value,reason."""
    out = tmp_path / "rejects.csv"
    import_dataset(ledger.store, bad_patents, rejects_path=out)
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "file,line,column,value,reason"
    assert len(lines) == 12
    assert lines[1].startswith(f"patents.csv,3,application_no,{wrong_check(OTHER)},")


def test_arrow_upsert_is_validated(ledger):
    """Repository.upsert of an Arrow table goes through the same validation; nothing written."""
    import pyarrow as pa

    from ipledger import RejectedRowsError

    table = pa.table(
        {"application_no": [GOOD, wrong_check(OTHER)], "region_code": ["440700", "999999"]}
    )
    with pytest.raises(RejectedRowsError) as caught:
        ledger.patents.upsert(table)
    assert [(r.line, r.column) for r in caught.value.rejects] == [
        (1, "application_no"),
        (1, "region_code"),
    ]
    assert ledger.patents.count() == 0
    counts = ledger.patents.upsert(pa.table({"application_no": [GOOD], "region_code": ["440700"]}))
    assert counts.inserted == 1
    assert ledger.patents.get(GOOD).kind.value == "invention"
