"""`ipledger indicators` and `ipledger check` as users run them: output and exit codes."""

from __future__ import annotations

import json

from ipledger import Case, Ledger
from ipledger.stats import CATALOG
from tests.run_cli import EXIT_DATA, EXIT_ERROR, EXIT_OK, run_ipledger
from tests.stats_helpers import JIANGMEN, D, T, fill_every_indicator, write_raw


def _run(path, *args):
    return run_ipledger(*args, db=path)


def test_indicators_lists_the_catalog(tmp_path):
    """One line per indicator (id, unit, kind, labels); JSON carries the definitions too."""
    result = _run(tmp_path / "l.duckdb", "indicators")
    assert result.returncode == EXIT_OK
    lines = result.stdout.splitlines()
    assert [line.split()[0] for line in lines] == list(CATALOG)
    assert lines[list(CATALOG).index("pledge_count")].split()[1:4] == [
        "count",
        "flow",
        "知识产权质押笔数",
    ]
    listed = json.loads(_run(tmp_path / "l.duckdb", "indicators", "--format", "json").stdout)
    assert [i["id"] for i in listed] == list(CATALOG)
    assert set(listed[0]) == {
        "id",
        "label_zh",
        "label_en",
        "unit",
        "kind",
        "parent",
        "definition_zh",
        "definition_en",
    }


def test_check_exit_codes_and_one_line_per_problem(tmp_path):
    """A clean ledger exits 0 and prints nothing; two problems print two lines and exit 1; as
    known before the bad row was written, it is clean again."""
    path = tmp_path / "l.duckdb"
    with Ledger.open(path) as ledger:
        ledger.cases.upsert(
            Case(case_no="OK", types=["other"], region_code=JIANGMEN, opened_date=D(2023, 1, 1))
        )
    clean = _run(path, "check")
    assert (clean.returncode, clean.stdout) == (EXIT_OK, "")
    with Ledger.open(path) as ledger:
        write_raw(
            ledger,
            "cases",
            [
                {
                    "case_no": f"C{k}",
                    "types": ["other"],
                    "region_code": JIANGMEN,
                    "opened_date": D(2023, 5, 1),
                    "closed_date": D(2023, 4, k),
                }
                for k in (1, 2)
            ],
            recorded_at=T(2024, 1, 1),
        )
    result = _run(path, "check", "--period", "2023")
    assert result.returncode == EXIT_DATA
    assert result.stdout.splitlines() == [
        "closed_before_opened: cases C1: closed 2023-04-01 before opened 2023-05-01",
        "closed_before_opened: cases C2: closed 2023-04-02 before opened 2023-05-01",
    ]
    assert "2 problem(s) found" in result.stderr
    as_json = json.loads(_run(path, "check", "--format", "json").stdout)
    assert [f["key"] for f in as_json] == ["C1", "C2"]
    assert _run(path, "check", "--as-known-at", "2023-12-31").returncode == EXIT_OK


def test_check_rejects_bad_options(tmp_path):
    """A bad period or moment is one error line and exit code 2, before the ledger is opened."""
    path = tmp_path / "l.duckdb"
    Ledger.open(path).close()
    result = _run(path, "check", "--period", "2023H1")
    assert result.returncode == EXIT_ERROR
    assert result.stderr.startswith("ipledger: error: period: '2023H1'")
    assert _run(path, "check", "--as-known-at", "yesterday").returncode == EXIT_ERROR
    bad = _run(path, "check", "--pledge-threshold", "-5")
    assert bad.returncode == EXIT_ERROR
    assert bad.stderr.splitlines() == [
        "ipledger: error: --pledge-threshold: '-5': money cannot be negative"
    ]


def test_check_takes_the_pledge_threshold(tmp_path):
    """`check` accepts --pledge-threshold (money as exchange files write it) and computes the
    breakdown check with it: a consistent ledger stays clean."""
    path = tmp_path / "l.duckdb"
    with Ledger.open(path) as ledger:
        fill_every_indicator(ledger)
    result = _run(path, "check", "--period", "2023", "--pledge-threshold", "500万")
    assert (result.returncode, result.stdout) == (EXIT_OK, ""), result.stderr
