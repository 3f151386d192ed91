"""Exports appear whole or not at all, carry a manifest the import verifies, refuse to mix with
other files, move a ledger with its history, keep formulas out of spreadsheets and can mask
individuals."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from decimal import Decimal

import pytest

from ipledger import Ledger, Party, PartyKind, Patent, Pledge, ValidationError
from ipledger.io import INCOMPLETE, MANIFEST, read_manifest
from tests.fixtures_io import credit_code, current, patent_no, snapshot

COMPANY = credit_code("91440700MA4UN9WJ3")
ONE, TWO = patent_no("202310000001"), patent_no("202310000002")


@pytest.fixture
def filled(ledger):
    """Patents (one corrected: two versions), a company and an individual, a pledge."""
    early = dt.datetime(2024, 1, 1)
    ledger.parties.upsert(
        [
            Party(party_id=COMPANY, name="江门某某科技有限公司", kind=PartyKind.ENTERPRISE),
            Party(party_id="440781199001011234", name="张三丰", kind=PartyKind.INDIVIDUAL),
        ],
        recorded_at=early,
    )
    ledger.patents.upsert(
        [
            Patent(application_no=ONE, title='=HYPERLINK("http://x")', holder_id=COMPANY),
            Patent(
                application_no=TWO,
                title="-2+3",
                holder_id="440781199001011234",
                holder_name="张三丰",
            ),
        ],
        recorded_at=early,
    )
    ledger.patents.upsert(Patent(application_no=ONE, title="@SUM(A1)", holder_id=COMPANY))
    ledger.pledges.upsert(
        Pledge(
            pledge_id="Y1",
            registered_date=dt.date(2023, 3, 1),
            amount=Decimal("1000000"),
            pledgor_name="李四",
            rights=(ONE,),
        )
    )
    return ledger


def test_an_export_is_complete_with_its_manifest(filled, tmp_path):
    """The folder holds the files and a manifest: rows, bytes and SHA-256 per file, the moment
    exported; no scratch folder or marker is left."""
    target = tmp_path / "out"
    result = filled.export_dataset(target)
    manifest = read_manifest(target)
    assert manifest is not None and manifest.format_version == 1
    assert {f.path: f.rows for f in manifest.files} == {
        "parties.csv": 2,
        "patents.csv": 2,
        "pledges.csv": 1,
    }
    assert result.rows == 5
    assert not (target / INCOMPLETE).exists()
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".out.")]


def test_a_non_empty_folder_is_refused_and_overwrite_replaces_only_an_export(filled, tmp_path):
    """A folder holding anything is refused; --overwrite replaces an earlier export there (no
    stale file of it survives) but refuses a folder holding files of its own."""
    target = tmp_path / "out"
    filled.export_dataset(target, format="parquet")
    with pytest.raises(ValidationError, match="not empty"):
        filled.export_dataset(target)
    filled.export_dataset(target, overwrite=True)  # parquet export replaced by a CSV one
    assert sorted(p.name for p in target.iterdir()) == [
        MANIFEST,
        "parties.csv",
        "patents.csv",
        "pledges.csv",
    ]
    (target / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(ValidationError, match="does not list"):
        filled.export_dataset(target, overwrite=True)
    assert (target / "notes.txt").read_text(encoding="utf-8") == "mine"
    other = tmp_path / "other"
    other.mkdir()
    (other / "patents.csv").write_text("application_no\n", encoding="utf-8")
    with pytest.raises(ValidationError, match="does not list"):
        filled.export_dataset(other, overwrite=True)
    empty = tmp_path / "empty"
    empty.mkdir()
    assert filled.export_dataset(empty).rows == 5


def _fresh(tmp_path, name):
    return Ledger.open(tmp_path / f"{name}.duckdb")


def test_the_import_verifies_the_manifest(filled, tmp_path):
    """A changed file, a missing file, a file added beside the export, a damaged manifest or an
    unfinished export: the whole dataset is refused before anything is written."""
    target = tmp_path / "out"
    filled.export_dataset(target)

    def refused(match):
        with _fresh(tmp_path, "copy") as copy:
            with pytest.raises(ValidationError, match=match):
                copy.import_dataset(work)
            assert copy.patents.count() == 0 and copy.parties.count() == 0

    work = tmp_path / "work"
    cases = [
        (lambda: (work / "patents.csv").write_bytes(b"application_no\n" + ONE.encode()), "differs"),
        (lambda: (work / "pledges.csv").unlink(), "missing"),
        (
            lambda: shutil.copy(work / "patents.csv", work / "patents_2.csv"),
            "not part of the export",
        ),
        (lambda: (work / MANIFEST).write_text("{not json", encoding="utf-8"), "not readable JSON"),
        (lambda: (work / INCOMPLETE).write_text("", encoding="utf-8"), "did not finish"),
    ]
    for damage, match in cases:
        shutil.rmtree(work, ignore_errors=True)
        shutil.copytree(target, work)
        damage()
        refused(match)
    shutil.rmtree(work)
    shutil.copytree(target, work)
    body = json.loads((work / MANIFEST).read_text(encoding="utf-8"))
    body["format_version"] = 99
    (work / MANIFEST).write_text(json.dumps(body), encoding="utf-8")
    refused("newer ipledger")
    with _fresh(tmp_path, "good") as good:
        assert good.import_dataset(target).ok


def test_csv_cells_are_guarded_against_formulas_and_come_back_exactly(filled, tmp_path):
    """By default a text cell starting with = + - @ gets an apostrophe in the CSV (a
    spreadsheet shows it as text); the import takes it off again: the titles come back as
    they were. --no-formula-guard writes them raw, and they come back too."""
    guarded, raw = tmp_path / "guarded", tmp_path / "raw"
    filled.export_dataset(guarded)
    filled.export_dataset(raw, formula_guard=False)
    text = (guarded / "patents.csv").read_text(encoding="utf-8")
    assert "'@SUM(A1)" in text and "'-2+3" in text
    assert "\n@SUM" not in text and ",@SUM" not in text
    assert ",@SUM(A1)," in (raw / "patents.csv").read_text(encoding="utf-8")
    assert read_manifest(guarded).formula_guard and not read_manifest(raw).formula_guard
    for folder in (guarded, raw):
        with _fresh(tmp_path, folder.name) as copy:
            assert copy.import_dataset(folder).ok
            assert current(copy, "patents") == current(filled, "patents")


def test_a_history_export_moves_a_ledger_with_every_version(filled, tmp_path):
    """--with-history carries every version; imported into a new ledger, every table holds the
    same versions (recorded_at, superseded_at, source included); into a ledger that has rows,
    it is refused. As known at a moment, versions superseded later show as current then."""
    for file_format in ("csv", "parquet"):
        target = tmp_path / f"history-{file_format}"
        filled.export_dataset(target, format=file_format, with_history=True)
        with _fresh(tmp_path, f"moved-{file_format}") as moved:
            result = moved.import_dataset(target)
            assert result.ok, result.rejects
            assert snapshot(moved) == snapshot(filled)
            assert moved.patents.get(ONE, as_known_at="2024-01-02").title.startswith("=HYPER")
            again = moved.import_dataset(target)
            assert not again.ok and "already has" in str(again.rejects[0])
    past = tmp_path / "past"
    filled.export_dataset(past, with_history=True, as_known_at=dt.datetime(2024, 1, 2))
    with _fresh(tmp_path, "past") as then:
        assert then.import_dataset(past).ok
        assert then.patents.get(ONE).title.startswith("=HYPER")
        assert then.patents.history(ONE).num_rows == 1
        assert then.pledges.count() == 0


def test_masked_exports_hide_individuals_and_still_import(filled, tmp_path):
    """--mask-personal: an individual's id becomes a pseudonym, the same in every file of the
    export (and different in the next); names beside them keep their first character; a
    company keeps its code and name; the export imports and counts the same."""
    first, second = tmp_path / "m1", tmp_path / "m2"
    filled.export_dataset(first, mask_personal=True)
    filled.export_dataset(second, mask_personal=True)
    text = "".join(p.read_text(encoding="utf-8") for p in sorted(first.glob("*.csv")))
    assert "440781199001011234" not in text and "张三丰" not in text and "李四" not in text
    assert "张**" in text and "李*" in text
    assert COMPANY in text and "江门某某科技有限公司" in text
    assert read_manifest(first).masked
    with _fresh(tmp_path, "masked") as copy:
        assert copy.import_dataset(first).ok
        person = copy.parties.find(kind="individual").first()
        assert person.party_id.startswith("P-") and person.name == "张**"
        assert copy.patents.get(TWO).holder_id == person.party_id
        assert copy.patents.count() == filled.patents.count()
    with _fresh(tmp_path, "masked2") as other:
        other.import_dataset(second)
        assert other.parties.find(kind="individual").first().party_id != person.party_id
