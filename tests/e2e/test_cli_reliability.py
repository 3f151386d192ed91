"""The installed command under service use: backup while readers read, restore, publish, safe
exports, hostile imports refused in one line, a held ledger waited for."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from ipledger import Ledger
from tests import hostile
from tests.hostile import HEADER, patent_rows
from tests.integration.test_report_ledger import fill
from tests.run_cli import EXIT_DATA, EXIT_ERROR, EXIT_OK, run_ipledger

READER = """
import sys, time
from ipledger import Ledger
with Ledger.open(sys.argv[1], read_only=True) as ledger:
    print("reading", flush=True)
    while True:
        ledger.patents.count()
        time.sleep(0.01)
"""


def _report(db):
    """The figures of a report from ``db`` (its provenance says when it was made: left out)."""
    result = run_ipledger(
        "report", "--region", "440700", "--period", "2023", "--format", "json", db=db
    )
    assert result.returncode == EXIT_OK, result.stderr
    return json.loads(result.stdout)["indicators"]


def _one_line_error(result):
    assert result.returncode == EXIT_ERROR, (result.stdout, result.stderr)
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("ipledger: error: "), result.stderr
    return lines[0]


@pytest.fixture(scope="module")
def bureau(tmp_path_factory):
    """A small ledger file (江门 and 佛山, 2019-2023: every kind of record, some corrected)."""
    path = tmp_path_factory.mktemp("bureau") / "bureau.duckdb"
    with Ledger.open(path) as ledger:
        fill(ledger)
    return path


def test_backup_while_readers_read_and_restore(bureau, tmp_path):
    """`ipledger backup` runs while another process reads the ledger (which keeps reading);
    `ipledger restore` puts it in place as a new ledger with the same figures; an existing
    ledger is replaced only with --overwrite."""
    with subprocess.Popen(
        [sys.executable, "-c", READER, str(bureau)], stdout=subprocess.PIPE, text=True
    ) as reader:
        try:
            assert reader.stdout.readline().strip() == "reading"
            made = run_ipledger("backup", tmp_path / "b.duckdb", db=bureau)
            assert made.returncode == EXIT_OK, made.stderr
            assert reader.poll() is None  # still reading
        finally:
            reader.kill()
    again = run_ipledger("backup", tmp_path / "b.duckdb", db=bureau)
    assert "exists" in _one_line_error(again)
    target = tmp_path / "restored.duckdb"
    restored = run_ipledger("restore", tmp_path / "b.duckdb", db=target)
    assert restored.returncode == EXIT_OK, restored.stderr
    assert _report(target) == _report(bureau)
    assert "--overwrite" in _one_line_error(
        run_ipledger("restore", tmp_path / "b.duckdb", db=target)
    )
    assert run_ipledger("restore", tmp_path / "b.duckdb", "--overwrite", db=target).returncode == 0


def test_publish_makes_a_current_copy_readers_open(bureau, tmp_path):
    folder = tmp_path / "published"
    result = run_ipledger("publish", folder, db=bureau)
    assert result.returncode == EXIT_OK, result.stderr
    assert (folder / "current.duckdb").is_symlink()
    assert _report(folder / "current.duckdb") == _report(bureau)


def test_export_refuses_a_used_folder_and_moves_history(bureau, tmp_path):
    """A non-empty folder is refused (exit 2, one line); --overwrite replaces an export;
    --with-history moves every version into a new ledger; --mask-personal writes no
    individual's id; --no-formula-guard is accepted."""
    out = tmp_path / "out"
    out.mkdir()
    (out / "mine.txt").write_text("x", encoding="utf-8")
    assert "not empty" in _one_line_error(run_ipledger("export", "--to", out, db=bureau))
    (out / "mine.txt").unlink()
    for extra in ((), ("--overwrite", "--no-formula-guard"), ("--overwrite", "--mask-personal")):
        result = run_ipledger("export", "--to", out, *extra, db=bureau)
        assert result.returncode == EXIT_OK, result.stderr
    history = tmp_path / "history"
    result = run_ipledger(
        "export", "--to", history, "--with-history", "--format", "parquet", db=bureau
    )
    assert result.returncode == EXIT_OK, result.stderr
    moved = tmp_path / "moved.duckdb"
    imported = run_ipledger("import", history, db=moved)
    assert imported.returncode == EXIT_OK, imported.stdout[-2000:]
    assert _report(moved) == _report(bureau)


@pytest.mark.parametrize(
    ("build", "match"),
    [
        (
            lambda d: hostile.zip_of(d / "bomb.zip", {"patents.csv": HEADER + b"\0" * (4 << 20)}),
            "zip bomb",
        ),
        (lambda d: hostile.encrypted(d / "e.zip", {"patents.csv": HEADER}), "encrypted"),
        (
            lambda d: hostile.truncated(d / "t.zip", {"patents.csv": HEADER + patent_rows(500)}),
            "not a readable zip",
        ),
        (lambda d: hostile.fifo(d), "FIFO"),
    ],
)
def test_hostile_datasets_exit_2_in_one_line(tmp_path, build, match):
    """An archive or special file refused before reading: exit 2, one line, nothing written."""
    dataset = build(tmp_path)
    db = tmp_path / "x.duckdb"
    line = _one_line_error(run_ipledger("import", dataset, db=db, timeout=60))
    assert match in line
    counted = run_ipledger("check", db=db)
    assert counted.returncode == EXIT_OK, counted.stdout


def test_a_file_over_a_limit_is_rejected_and_limits_are_set_on_the_command_line(tmp_path):
    """A file over a limit is a rejected file (exit 1, its reason listed, NOT WRITTEN); --limit
    sets the bound, and a bad --limit is a usage error."""
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "patents.csv").write_bytes(HEADER + patent_rows(20))
    db = tmp_path / "x.duckdb"
    result = run_ipledger("import", folder, "--limit", "max_rows=10", db=db)
    assert result.returncode == EXIT_DATA
    assert "patents.csv: more than 10 rows: over the limit max_rows" in result.stdout
    assert "NOT WRITTEN" in result.stdout
    assert run_ipledger("import", folder, "--limit", "max_rows=20", db=db).returncode == EXIT_OK
    assert "not a limit" in _one_line_error(
        run_ipledger("import", folder, "--limit", "rows=5", db=db)
    )
    assert "NAME=VALUE" in _one_line_error(run_ipledger("import", folder, "--limit", "x", db=db))


HOLD = """
import sys, time
from ipledger import Ledger
ledger = Ledger.open(sys.argv[1])
print("holding", flush=True)
time.sleep(float(sys.argv[2]))
"""


def test_wait_for_a_ledger_another_process_holds(tmp_path):
    """Without --wait a held ledger fails at once; with --wait the command waits and then
    runs, or says how long it waited."""
    db = tmp_path / "x.duckdb"
    assert run_ipledger("init", db=db).returncode == EXIT_OK
    with subprocess.Popen(
        [sys.executable, "-c", HOLD, str(db), "8"], stdout=subprocess.PIPE, text=True
    ) as holder:
        assert holder.stdout.readline().strip() == "holding"
        assert "open for writing" in _one_line_error(run_ipledger("check", db=db))
        assert "waited 0.2 s" in _one_line_error(run_ipledger("--wait", "0.2", "check", db=db))
        waited = run_ipledger("--wait", "60", "check", db=db)
        assert waited.returncode == EXIT_OK, waited.stderr
