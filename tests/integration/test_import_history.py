"""Re-imports update with history, unchanged rows write nothing, recorded-at back-fills."""

from __future__ import annotations

import datetime as dt

from ipledger.io import ImportProgress, import_dataset
from tests.fixtures_io import patent_no, snapshot, write_csv

GOOD = patent_no("202310123456")
OTHER = patent_no("202320654321")


def _patents(folder, rows, name="patents.csv"):
    return write_csv(folder / name, ["application_no", "title", "grant_date"], rows).parent


def test_reimport_updates_and_keeps_the_old_version(ledger, tmp_path):
    """A corrected row updates its record; the old version stays readable as known before."""
    first = import_dataset(
        ledger.store,
        _patents(tmp_path / "a", [[GOOD, "旧", ""], [OTHER, "x", ""]]),
        recorded_at=dt.datetime(2024, 1, 1),
    )
    assert (first.inserted, first.updated) == (2, 0)
    second = import_dataset(
        ledger.store,
        _patents(tmp_path / "b", [[GOOD, "新", "2024-03-01"], [OTHER, "x", ""]]),
        recorded_at=dt.datetime(2024, 6, 1),
    )
    assert (second.inserted, second.updated, second.unchanged) == (0, 1, 1)
    assert ledger.patents.get(GOOD).title == "新"
    assert ledger.patents.get(GOOD, as_known_at="2024-03-01").title == "旧"
    history = ledger.patents.history(GOOD).to_pylist()
    assert [h["title"] for h in history] == ["旧", "新"]
    assert [h["source"] for h in history] == ["patents.csv:2", "patents.csv:2"]
    assert history[0]["superseded_at"] == dt.datetime(2024, 6, 1)


def test_unchanged_reimport_writes_nothing(ledger, tmp_path):
    """Importing the same file twice writes no version the second time."""
    folder = _patents(tmp_path / "a", [[GOOD, "甲", "2024-01-05"]])
    import_dataset(ledger.store, folder)
    before = snapshot(ledger)
    again = import_dataset(ledger.store, folder)
    assert (again.inserted, again.updated, again.unchanged) == (0, 0, 1)
    assert snapshot(ledger) == before


def test_absent_columns_keep_their_values(ledger, tmp_path):
    """A file with only the key and one column changes that column and keeps the others."""
    import_dataset(ledger.store, _patents(tmp_path / "a", [[GOOD, "甲", "2024-01-05"]]))
    write_csv(
        tmp_path / "b" / "patents_lapses.csv",
        ["application_no", "lapse_date"],
        [[GOOD, "2025-01-01"]],
    )
    import_dataset(ledger.store, tmp_path / "b")
    patent = ledger.patents.get(GOOD)
    assert (patent.title, patent.lapse_date) == ("甲", dt.date(2025, 1, 1))


def test_recorded_at_backfills(ledger, tmp_path):
    """recorded_at sets the recording time of every version written (as-known-at sees it)."""
    result = import_dataset(
        ledger.store,
        _patents(tmp_path / "a", [[GOOD, "甲", ""]]),
        recorded_at=dt.datetime(2020, 1, 1, tzinfo=dt.UTC),
    )
    assert result.recorded_at == dt.datetime(2020, 1, 1)
    assert ledger.patents.count(as_known_at="2020-01-01") == 1
    assert ledger.patents.count(as_known_at="2019-12-31") == 0


def test_backfill_before_an_existing_version_is_rejected(ledger, tmp_path):
    """Back-filling a correction to before the version it would supersede rejects the file."""
    import_dataset(
        ledger.store,
        _patents(tmp_path / "a", [[GOOD, "甲", ""]]),
        recorded_at=dt.datetime(2024, 1, 1),
    )
    before = snapshot(ledger)
    result = import_dataset(
        ledger.store,
        _patents(tmp_path / "b", [[GOOD, "乙", ""]]),
        recorded_at=dt.datetime(2023, 1, 1),
    )
    assert not result.ok and result.rejects[0].column == "recorded_at"
    assert snapshot(ledger) == before


def test_progress_is_reported(ledger, tmp_path):
    """The progress callback sees every file's phases and the rows read so far."""
    folder = _patents(tmp_path / "a", [[GOOD, "甲", ""], [OTHER, "乙", ""]])
    write_csv(folder / "trademarks.csv", ["registration_no"], [["12345678"]])
    events: list[ImportProgress] = []
    import_dataset(ledger.store, folder, progress=events.append)
    assert [(e.file, e.phase) for e in events] == [
        ("patents.csv", "read"),
        ("patents.csv", "validate"),
        ("patents.csv", "write"),
        ("patents.csv", "done"),
        ("trademarks.csv", "read"),
        ("trademarks.csv", "validate"),
        ("trademarks.csv", "write"),
        ("trademarks.csv", "done"),
    ]
    assert (events[-1].rows, events[-1].files_done, events[-1].files_total) == (3, 2, 2)
