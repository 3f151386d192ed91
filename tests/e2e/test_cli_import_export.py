"""`ipledger import` and `ipledger export` as users run them: exit codes, listings, summary."""

from __future__ import annotations

import pytest

from ipledger import Ledger
from tests.fixtures_io import patent_no, write_csv, wrong_check
from tests.run_cli import EXIT_DATA, EXIT_ERROR, EXIT_OK, run_ipledger

GOOD = patent_no("202310123456")
BAD = wrong_check(patent_no("202320654321"))


@pytest.fixture
def dataset(tmp_path):
    """A folder with one good and one bad patents file, and a good trademarks file."""
    folder = tmp_path / "data"
    write_csv(folder / "patents_2023.csv", ["申请号", "名称", "备注"], [[GOOD, "甲", ""]], bom=True)
    write_csv(
        folder / "patents_2024.csv",
        ["application_no", "grant_date"],
        [[GOOD, "2024-01-05"], [BAD, "2024-13-01"]],
    )
    write_csv(folder / "trademarks.csv", ["registration_no"], [["12345678"]])
    return folder


def _run(tmp_path, *args):
    return run_ipledger(*args, db=tmp_path / "l.duckdb")


def test_import_lists_rejects_and_exits_2(tmp_path, dataset):
    """Rejected rows: every value listed as file:line column value reason, exit code 1."""
    result = _run(tmp_path, "import", str(dataset), "--rejects", str(tmp_path / "rejects.csv"))
    assert result.returncode == EXIT_DATA, result.stdout
    lines = result.stdout.splitlines()
    assert f"patents_2024.csv:3 application_no: {BAD!r}: " in "\n".join(lines)
    assert any(line.startswith("patents_2024.csv:3 grant_date: '2024-13-01'") for line in lines)
    assert "warning: patents_2023.csv:1 备注: unknown column (ignored)" in lines
    assert any(
        line.startswith("patents_2024.csv") and line.endswith("NOT WRITTEN") for line in lines
    )
    assert "nothing of patents_2024.csv was written" in result.stdout
    assert (tmp_path / "rejects.csv").read_text(encoding="utf-8").count("patents_2024.csv,3,") == 2
    with Ledger.open(tmp_path / "l.duckdb") as ledger:
        assert ledger.patents.get(GOOD).grant_date is None  # the 2024 file wrote nothing
        assert ledger.trademarks.count() == 1


def test_keep_going_and_clean_reimport(tmp_path, dataset):
    """--keep-going writes the valid rows (exit 1 still); a clean re-import exits 0, summed up;
    a --recorded-at in the future is refused (exit 2, nothing written)."""
    first = _run(tmp_path, "import", "--keep-going", str(dataset), "--recorded-at", "2020-01-01")
    assert first.returncode == EXIT_DATA
    (dataset / "patents_2024.csv").unlink()
    write_csv(dataset / "trademarks.csv", ["registration_no", "mark"], [["12345678", "新"]])
    future = _run(tmp_path, "import", str(dataset), "--recorded-at", "2999-01-01T00:00:00")
    assert future.returncode == EXIT_ERROR
    assert "is in the future" in future.stderr and len(future.stderr.splitlines()) == 1
    result = _run(tmp_path, "import", str(dataset), "--recorded-at", "2021-06-01T00:00:00")
    assert result.returncode == EXIT_OK, result.stdout
    assert result.stdout.splitlines()[-1].split() == ["total", "2", "0", "1", "1", "0", "1"]
    with Ledger.open(tmp_path / "l.duckdb") as ledger:
        assert ledger.patents.get(GOOD).grant_date is not None  # the valid 2024 row was written
        history = ledger.trademarks.history("12345678").to_pylist()
        assert str(history[-1]["recorded_at"]) == "2021-06-01 00:00:00"


def test_export_and_reimport(tmp_path, dataset):
    """export --to writes the contract; importing it into a new ledger finds nothing to change."""
    (dataset / "patents_2024.csv").unlink()
    _run(tmp_path, "import", str(dataset))
    for export_format in ("csv", "parquet"):
        out = tmp_path / f"out-{export_format}"
        result = _run(tmp_path, "export", "--to", str(out), "--format", export_format)
        assert result.returncode == EXIT_OK, result.stdout
        assert "exported 2 rows in 2 files" in result.stdout
        again = _run(tmp_path, "import", str(out))
        assert again.returncode == EXIT_OK and again.stdout.splitlines()[-1].split()[:5] == [
            "total",
            "2",
            "0",
            "0",
            "2",
        ]


def test_bad_recorded_at_is_an_error(tmp_path, dataset):
    """An unreadable --recorded-at is a one-line error with exit code 2, not a traceback."""
    result = _run(tmp_path, "import", str(dataset), "--recorded-at", "soon")
    assert result.returncode == EXIT_ERROR
    assert result.stderr.startswith("ipledger: error: ") and len(result.stderr.splitlines()) == 1
    assert result.stdout == ""
