"""SIGKILL mid-import and mid-export: the ledger opens and passes ``check``, holds each file
entirely or not at all (its write-log row with it), the scratch folders of killed runs are
removed by the next run, and no killed export imports as if complete.

Short run in the normal suite (2 + 2 kills); the long run (20 kills mid-import, 10 mid-export):

    .venv/bin/python -m pytest tests/reliability/test_kills.py -m reliability_long
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import time
import zipfile
from pathlib import Path

import pytest

from ipledger import Ledger
from tests.fixtures_io import patent_no
from tests.run_cli import EXIT_OK, ipledger_script

pytestmark = pytest.mark.reliability


def _dataset(folder: Path, rows: int) -> dict[str, tuple[str, int]]:
    """Patents, trademarks and pledges over the patents, as CSV files; file -> (entity, rows)."""
    folder.mkdir(parents=True)
    numbers = [patent_no(f"20231{i:07d}") for i in range(rows)]
    files = {
        "patents.csv": (
            "application_no,title,filing_date,grant_date,region_code\n",
            [
                f"{n},专利{i},2023-01-0{1 + i % 9},2023-06-01,440703\n"
                for i, n in enumerate(numbers)
            ],
        ),
        "trademarks.csv": (
            "registration_no,mark,registration_date,region_code\n",
            [f"{10_000_000 + i},商标{i},2023-02-01,440703\n" for i in range(rows)],
        ),
        "pledges.csv": (
            "pledge_id,registered_date,amount,region_code,rights\n",
            [f"Y{i},2023-07-01,{1000 + i},440703,{numbers[i]}\n" for i in range(rows // 10)],
        ),
    }
    shape = {}
    for name, (header, lines) in files.items():
        (folder / name).write_text(header + "".join(lines), encoding="utf-8")
        shape[name] = (name.removesuffix(".csv"), len(lines))
    return shape


def _zip(folder: Path, target: Path) -> Path:
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(folder.iterdir()):
            zf.write(path, path.name)
    return target


def _run(args, env, *, begun=None, kill_after=None):
    """Run the installed ipledger. ``begun(pid)`` tells when its work has begun (its scratch
    folder appeared); with ``kill_after`` it is SIGKILLed that many seconds after. (killed?,
    seconds of work done)."""
    process = subprocess.Popen(
        [str(ipledger_script()), *map(str, args)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    started = time.monotonic()
    while begun is not None and process.poll() is None and not begun(process.pid):
        time.sleep(0.002)
    started = time.monotonic() if begun is not None else started
    if kill_after is None:
        process.wait()
        assert process.returncode == EXIT_OK, args
        return False, time.monotonic() - started
    try:
        process.wait(timeout=kill_after)
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGKILL)
        process.wait()
        return True, time.monotonic() - started
    return False, time.monotonic() - started


def _environment(tmp: Path) -> dict[str, str]:
    tmp.mkdir(exist_ok=True)
    env = {k: v for k, v in os.environ.items() if k != "IPLEDGER_DB"}
    env["TMPDIR"] = str(tmp)  # the imports' scratch folders, where the test can see them
    return env


def _check_all_or_none(path: Path, dataset: str, shape: dict[str, tuple[str, int]]) -> int:
    """Each file is in the ledger entirely, with its write-log row, or not at all; the files
    that are in."""
    whole = 0
    with Ledger.open(path) as ledger:  # opens (and recovers) the killed ledger
        for name, (entity, rows) in shape.items():
            held = (
                ledger.sql(
                    f"SELECT count(*) FROM {entity} WHERE starts_with(source, ?)", [f"{name}:"]
                )
                .column(0)[0]
                .as_py()
            )
            logged = (
                ledger.sql(
                    "SELECT count(*) FROM write_log WHERE origin = ?", [f"{dataset}: {name}"]
                )
                .column(0)[0]
                .as_py()
            )
            assert (held, logged) in ((0, 0), (rows, 1)), (name, held, rows, logged)
            whole += held == rows
    return whole


def _passes_check(path: Path, env) -> None:
    result = subprocess.run(
        [str(ipledger_script()), "--db", str(path), "check"], env=env, capture_output=True
    )
    assert result.returncode == EXIT_OK, result.stdout[-2000:]


def kill_imports(tmp_path, figures, *, kills, rows):
    env = _environment(tmp_path / "tmp")
    shape = _dataset(tmp_path / "data", rows)
    dataset = _zip(tmp_path / "data", tmp_path / "data.zip")
    empty = tmp_path / "empty.duckdb"
    Ledger.open(empty).close()
    calibration = tmp_path / "calibration.duckdb"
    shutil.copy(empty, calibration)
    scratch = tmp_path / "tmp"

    def unpacking(pid):
        return any(scratch.glob(f"ipledger-import-{pid}-*"))

    _, full = _run(["--db", calibration, "import", dataset], env, begun=unpacking)
    _passes_check(calibration, env)
    rng = random.Random(17)
    killed = attempts = whole_files = 0
    killed_pids_left = set()
    while killed < kills:
        attempts += 1
        assert attempts < kills * 6, "the import finished before every kill"
        ledger = tmp_path / f"k{attempts}.duckdb"
        shutil.copy(empty, ledger)
        was_killed, took = _run(
            ["--db", ledger, "import", dataset],
            env,
            begun=unpacking,
            kill_after=rng.uniform(0.02, 0.98) * full,
        )
        killed += was_killed
        if not was_killed:  # the machine got less busy than when timed: kill sooner
            full = min(full, took)
        whole_files += _check_all_or_none(ledger, str(dataset), shape)
        _passes_check(ledger, env)
        killed_pids_left |= {p.name for p in (tmp_path / "tmp").glob("ipledger-import-*")}
    _run(["--db", tmp_path / "last.duckdb", "import", dataset], env)  # cleans up after them
    left = [p.name for p in (tmp_path / "tmp").glob("ipledger-import-*")]
    figures.record(
        "kills mid-import",
        kills=killed,
        imports=attempts,
        ledgers_open_and_check=attempts,
        files_whole=whole_files,
        files_partial=0,
        scratch_folders_left_by_kills=len(killed_pids_left),
        scratch_folders_left_after_next_run=len(left),
    )
    assert left == []


def kill_exports(tmp_path, figures, *, kills, rows):
    env = _environment(tmp_path / "tmp")
    shape = _dataset(tmp_path / "data", rows)
    ledger = tmp_path / "full.duckdb"
    _run(["--db", ledger, "import", tmp_path / "data"], env)

    def writing(name):
        return lambda pid: any(tmp_path.glob(f".{name}.partial-{pid}-*"))

    _, full = _run(
        ["--db", ledger, "export", "--to", tmp_path / "calibration"],
        env,
        begun=writing("calibration"),
    )
    total = sum(n for _, n in shape.values())
    rng = random.Random(18)
    killed = attempts = complete = refused = 0
    while killed < kills:
        attempts += 1
        assert attempts < kills * 6, "the export finished before every kill"
        target = tmp_path / f"out{attempts}"
        was_killed, took = _run(
            ["--db", ledger, "export", "--to", target],
            env,
            begun=writing(target.name),
            kill_after=rng.uniform(0.02, 0.98) * full,
        )
        killed += was_killed
        if not was_killed:
            full = min(full, took)
        if target.exists():  # finished before the kill landed: complete and verified
            copy = tmp_path / f"copy{attempts}.duckdb"
            _run(["--db", copy, "import", target], env)
            with Ledger.open(copy, read_only=True) as imported:
                held = sum(imported.repository(e).count() for e, _ in shape.values())
            assert held == total
            complete += 1
        for partial in tmp_path.glob(f".out{attempts}.partial-*"):
            result = subprocess.run(
                [
                    str(ipledger_script()),
                    "--db",
                    str(tmp_path / "x.duckdb"),
                    "import",
                    str(partial),
                ],
                env=env,
                capture_output=True,
                text=True,
            )
            assert result.returncode != EXIT_OK and "did not finish" in result.stderr
            refused += 1
        _run(["--db", ledger, "export", "--to", target, "--overwrite"], env)
        assert not list(tmp_path.glob(f".out{attempts}.*")), (
            "a killed export's scratch folder stayed"
        )
    figures.record(
        "kills mid-export",
        kills=killed,
        exports=attempts,
        complete_before_the_kill=complete,
        killed_exports_refused_on_import=refused,
        killed_exports_imported_as_complete=0,
    )


def test_two_kills_mid_import(tmp_path, figures):
    kill_imports(tmp_path, figures, kills=2, rows=5_000)


def test_two_kills_mid_export(tmp_path, figures):
    kill_exports(tmp_path, figures, kills=2, rows=5_000)


@pytest.mark.reliability_long
def test_twenty_kills_mid_import(tmp_path, figures):
    kill_imports(tmp_path, figures, kills=20, rows=150_000)


@pytest.mark.reliability_long
def test_ten_kills_mid_export(tmp_path, figures):
    kill_exports(tmp_path, figures, kills=10, rows=150_000)
