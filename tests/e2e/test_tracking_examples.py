"""The tracker's examples and commands, run as users run them: the case officer's daily list,
the bank-facing pledge report, and ``ipledger cases`` / ``ipledger pledges`` (installed script)."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
from decimal import Decimal
from pathlib import Path

import pytest

from ipledger import Case, Ledger, Patent, Pledge
from ipledger.model import CaseEvent
from tests.run_cli import EXIT_DATA, EXIT_ERROR, EXIT_OK, run_ipledger

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
D = dt.date


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    """A ledger with a penalty case (one extension), a dispute, and a bank's pledge."""
    path = tmp_path_factory.mktemp("tracking") / "t.duckdb"
    with Ledger.open(path) as ledger:
        ledger.cases.upsert([
            Case(case_no="C1", types=("trademark_infringement",), opened_date=D(2024, 3, 1)),
            Case(case_no="P1", types=("patent_dispute",), opened_date=D(2024, 3, 20)),
        ])  # fmt: skip
        ledger.cases.record(
            CaseEvent(case_no="C1", event="investigation", occurred_on=D(2024, 3, 2))
        )
        ledger.patents.upsert(
            Patent(application_no="ZL 2013 1 0123524.5", filing_date=D(2013, 3, 1), grant_date=D(2015, 8, 1))
        )  # fmt: skip
        ledger.pledges.upsert(
            Pledge(pledge_id="Y1", registered_date=D(2023, 3, 1), amount=Decimal("12000000"),
                   term_end=D(2034, 2, 28), rights=("ZL 2013 1 0123524.5",), pledgee_name="工商银行")
        )  # fmt: skip
    return path


def _load(name):
    spec = importlib.util.spec_from_file_location(f"example_{name}", EXAMPLES / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_case_officer_daily_list(db, capsys):
    """On 31 May the penalty case is 1 day over (exit 1) and the dispute due on 20 June."""
    code = _load("case_officer_daily").main(
        ["--db", str(db), "--on", "2024-05-31", "--within", "30"]
    )
    out = capsys.readouterr().out
    assert code == 1
    assert "C1：期限 2024-05-30，超期 1 天（未延期）" in out
    assert "P1：期限 2024-06-20，剩余 20 天" in out


def test_bank_pledge_report(db, tmp_path, capsys):
    """The bank's outstanding amount and its pledged right ending before the pledge."""
    code = _load("bank_pledge_report").main(
        ["--db", str(db), "--bank", "工商银行", "--on", "2024-01-01", "--out", str(tmp_path)]
    )
    assert code == 0
    assert (
        "outstanding 12000000 yuan, 0 term(s) ending, 1 right(s) at risk" in capsys.readouterr().out
    )
    assert "2013101235245" in (tmp_path / "at_risk.csv").read_text(encoding="utf-8")


def test_cases_overdue_exits_1_and_prints_each_format(db):
    """`cases overdue` lists C1 in md, csv and json and exits 1; none the day before: 0."""
    for fmt in ("md", "csv", "json"):
        result = run_ipledger("cases", "overdue", "--on", "2024-05-31", "--format", fmt, db=db)
        assert result.returncode == EXIT_DATA, result.stderr
        assert "C1" in result.stdout
    rows = json.loads(
        run_ipledger("cases", "overdue", "--on", "2024-05-31", "--format", "json", db=db).stdout
    )
    assert [(r["case_no"], r["deadline"], r["days_over"]) for r in rows] == [
        ("C1", "2024-05-30", 1)
    ]
    quiet = run_ipledger("cases", "overdue", "--on", "2024-05-30", db=db)
    assert quiet.returncode == EXIT_OK and "(none)" in quiet.stdout


def test_cases_due_and_pledges_watch(db):
    """`cases due --within 14` and `pledges watch --within 90` exit 0 with their lists."""
    due = run_ipledger(
        "cases", "due", "--within", "14", "--on", "2024-05-20", "--format", "csv", db=db
    )
    assert due.returncode == EXIT_OK, due.stderr
    assert due.stdout.splitlines()[1].startswith("C1,")
    watch = run_ipledger(
        "pledges", "watch", "--on", "2024-01-01", "--within", "90", "--format", "json", db=db
    )
    assert watch.returncode == EXIT_OK, watch.stderr
    payload = json.loads(watch.stdout)
    assert payload["by_pledgee"][0]["pledgee_name"] == "工商银行"
    assert payload["at_risk"][0]["right_ends"] == "2033-03-01"
    assert run_ipledger("cases", "overdue", "--on", "2024-13-01", db=db).returncode == EXIT_ERROR
