"""Hostile and broken datasets: each is refused with one clear line, quickly, with nothing
written and no row lost silently; big cells are read. (The sizes of the issue's probes run in
tests/reliability/test_hostile_sizes.py.)"""

from __future__ import annotations

import os
import threading
import time

import pytest

from ipledger import Ledger, ValidationError
from ipledger._scratch import scratch_name
from ipledger.io import ImportLimits
from ipledger.io._discover import SCRATCH_PREFIX
from tests import hostile
from tests.hostile import HEADER, patent_rows


def _refused(ledger, path, match, *, limits=None, seconds=20):
    """Import ``path``: a ValidationError of one line matching ``match`` (the dataset refused
    before reading) or a file result rejecting the file with such a line; nothing written."""
    started = time.monotonic()
    kwargs = {} if limits is None else {"limits": limits}
    try:
        result = ledger.import_dataset(path, **kwargs)
    except ValidationError as error:
        message = str(error)
    else:
        assert not result.ok, "the hostile dataset was imported"
        message = str(result.rejects[0])
        assert not any(f.written for f in result.files)
    assert time.monotonic() - started < seconds
    assert len(message.splitlines()) == 1, message
    assert match in message, message
    assert ledger.patents.count() == 0
    assert ledger.sql("SELECT count(*) FROM write_log").column(0)[0].as_py() == 0
    return message


def test_a_zip_bomb_is_refused_before_unpacking(ledger, tmp_path):
    """A member far larger than its packed size (NUL bytes packed 1000 times) is refused from
    the zip's directory, before anything is unpacked."""
    bomb = hostile.zip_of(tmp_path / "bomb.zip", {"patents.csv": HEADER + b"\x00" * (8 << 20)})
    assert bomb.stat().st_size < 100_000
    _refused(ledger, bomb, "zip bomb", seconds=5)


def test_a_zip_over_the_size_limits_is_refused(ledger, tmp_path):
    """Unpacked size over max_file_bytes (one member) or max_archive_bytes (all)."""
    rows = HEADER + patent_rows(20_000)
    big = hostile.zip_of(tmp_path / "big.zip", {"patents.csv": rows, "patents_2.csv": rows})
    _refused(ledger, big, "max_file_bytes", limits=ImportLimits(max_file_bytes=100_000))
    _refused(
        ledger, big, "max_archive_bytes", limits=ImportLimits(max_archive_bytes=len(rows) + 10)
    )


def test_a_zip_of_too_many_entries_is_refused_at_once(ledger, tmp_path):
    """More entries than max_files: refused from the directory (the issue's 5,000-entry zip
    took 219 s to import)."""
    members = {f"notes/{i}.txt": b"x" for i in range(1_500)}
    many = hostile.zip_of(tmp_path / "many.zip", members)
    _refused(ledger, many, "max_files", seconds=5)


def test_an_encrypted_zip_is_refused_clearly(ledger, tmp_path):
    path = hostile.encrypted(tmp_path / "secret.zip", {"patents.csv": HEADER + patent_rows(3)})
    _refused(ledger, path, "encrypted")


@pytest.mark.parametrize(
    ("build", "match"),
    [(hostile.damaged, "damaged zip"), (hostile.truncated, "not a readable zip")],
)
def test_a_damaged_zip_is_refused_clearly(ledger, tmp_path, build, match):
    """Corrupted data (CRC mismatch) or a zip cut short: one line, no BadZipFile traceback."""
    path = build(tmp_path / "broken.zip", {"patents.csv": HEADER + patent_rows(2_000)})
    _refused(ledger, path, match)


def test_a_file_named_zip_that_is_no_zip_is_refused(ledger, tmp_path):
    path = tmp_path / "data.zip"
    path.write_bytes(b"application_no\n")
    _refused(ledger, path, "not a readable zip")


@pytest.mark.parametrize("second", ["patents.csv", "PATENTS.csv", "./patents.csv"])
def test_duplicate_zip_entries_are_refused(ledger, tmp_path, second):
    """Two entries of one name (also one differing only in case, which collide when unpacked
    on Windows or macOS): refused, instead of the later silently replacing the earlier."""
    path = hostile.zip_with_duplicates(
        tmp_path / "dup.zip",
        ("patents.csv", second),
        HEADER + patent_rows(2),
        HEADER + patent_rows(2, start=5),
    )
    _refused(ledger, path, "given twice")


def test_special_files_and_links_out_of_the_dataset_are_refused(ledger, tmp_path):
    """A FIFO (never opened: no hang), a link to a device, a link to a file outside the
    dataset folder; a link inside the folder is read."""
    folder = tmp_path / "data"
    folder.mkdir()
    hostile.fifo(folder)
    done = {}

    def run():
        done["message"] = _refused(ledger, folder, "FIFO")

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(20)
    assert "message" in done, "importing a FIFO hung"
    os.unlink(folder / "patents.csv")
    os.symlink("/dev/zero", folder / "patents.csv")
    _refused(ledger, folder, "a device")
    _refused(ledger, folder / "patents.csv", "a device")
    os.unlink(folder / "patents.csv")
    outside = tmp_path / "secret.csv"
    outside.write_bytes(HEADER + patent_rows(1))
    os.symlink(outside, folder / "patents.csv")
    _refused(ledger, folder, "outside the dataset folder")
    os.unlink(folder / "patents.csv")
    (folder / "real").mkdir()
    (folder / "real" / "x.csv").write_bytes(HEADER + patent_rows(2))
    os.symlink("real/x.csv", folder / "patents.csv")
    assert ledger.import_dataset(folder).inserted == 2


def test_a_big_cell_is_read_and_no_row_is_lost(ledger, tmp_path):
    """A cell larger than DuckDB's default line size (2 MiB) in the middle of a file: every row
    is read, the cell whole (the issue's 40 MB cell gave an engine error, one past 32 MB
    vanished with exit 0)."""
    path = hostile.big_cell_csv(tmp_path / "patents.csv", rows=501, cell_bytes=3 << 20, at=250)
    result = ledger.import_dataset(path)
    assert result.ok and result.inserted == 501
    longest = ledger.sql("SELECT max(length(title)) FROM patents").column(0)[0].as_py()
    assert longest == 3 << 20


def test_rows_cells_and_columns_over_the_limits_are_refused(ledger, tmp_path):
    path = hostile.big_cell_csv(tmp_path / "patents.csv", rows=20, cell_bytes=300_000, at=7)
    message = _refused(ledger, path, "max_row_bytes", limits=ImportLimits(max_row_bytes=100_000))
    assert message.startswith("patents.csv:9:")  # header line 1, row index 7 is line 9
    many = tmp_path / "many" / "patents.csv"
    many.parent.mkdir()
    many.write_bytes(HEADER + patent_rows(101))
    _refused(ledger, many.parent, "max_rows", limits=ImportLimits(max_rows=100))
    wide = tmp_path / "wide" / "patents.csv"
    wide.parent.mkdir()
    wide.write_bytes(b"application_no," + b",".join(b"c%d" % i for i in range(2000)) + b"\n")
    _refused(ledger, wide.parent, "max_columns")


def test_a_parquet_file_over_the_row_limit_is_refused(ledger, tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    from tests.fixtures_io import patent_no

    folder = tmp_path / "data"
    folder.mkdir()
    numbers = [patent_no(f"20231{i:07d}") for i in range(50)]
    pq.write_table(pa.table({"application_no": numbers}), folder / "patents.parquet")
    _refused(ledger, folder, "max_rows", limits=ImportLimits(max_rows=49))
    assert ledger.import_dataset(folder).inserted == 50


def test_a_malformed_csv_is_refused_never_read_short(ledger, tmp_path):
    """An unterminated quote: the file is refused with one line, not read short."""
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "patents.csv").write_bytes(HEADER + patent_rows(3) + b'"unterminated,x\n')
    _refused(ledger, folder, "patents.csv")


def test_scratch_folders_of_killed_imports_are_removed_by_the_next(ledger, tmp_path):
    """A zip is unpacked into a scratch folder named after the importing process; one left by
    a process that no longer runs is removed by the next zip import (one of a running process
    is kept)."""
    import tempfile
    from pathlib import Path

    base = Path(tempfile.gettempdir())
    dead = base / f"{SCRATCH_PREFIX}999999999-deadbeef"
    dead.mkdir(exist_ok=True)
    (dead / "patents.csv").write_bytes(b"x" * 1000)
    alive = base / scratch_name(SCRATCH_PREFIX)
    alive.mkdir()
    try:
        data = hostile.zip_of(tmp_path / "ok.zip", {"patents.csv": HEADER + patent_rows(2)})
        assert ledger.import_dataset(data).inserted == 2
        assert not dead.exists()
        assert alive.exists()
        assert not [p for p in base.glob(f"{SCRATCH_PREFIX}{os.getpid()}-*") if p != alive]
    finally:
        alive.rmdir()


def test_a_zip_dataset_imports(tmp_path):
    """The safe path still works: a zipped folder of files, in a fresh ledger."""
    members = {"export/patents.csv": HEADER + patent_rows(3), "export/readme.txt": b"hello"}
    path = hostile.zip_of(tmp_path / "ok.zip", members)
    with Ledger.open(tmp_path / "x.duckdb") as ledger:
        result = ledger.import_dataset(path)
    assert result.ok and result.inserted == 3
