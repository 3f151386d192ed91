"""Reports from a small hand-made ledger through the real engine (the command: tests/e2e)."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest

from ipledger import Case, Ledger, Patent, Pledge, Trademark
from ipledger.codes import patent_check_character
from ipledger.errors import NotFoundError
from ipledger.report import build_report, render_markdown
from ipledger.stats import report_json

D = dt.date
PENGJIANG, FOSHAN = "440703", "440600"


def patent_no(serial: int, year: int = 2020) -> str:
    """A valid invention patent application number."""
    digits = f"{year}1{serial:07d}"
    return digits + patent_check_character(digits)


def fill(ledger: Ledger) -> None:
    """江门 (through its district 蓬江) and 佛山: pledges 2022-2023, patents, marks, a case."""
    ledger.pledges.upsert(
        [
            Pledge(
                pledge_id=f"A{k}",
                registered_date=D(2022, 3 + k, 1),
                amount=Decimal("25000000"),
                region_code=PENGJIANG,
            )
            for k in range(4)
        ]
        + [
            Pledge(
                pledge_id=f"B{k}",
                registered_date=D(2023, 1 + 2 * k, 15),
                amount=Decimal("252400000"),
                region_code=PENGJIANG,
            )
            for k in range(5)
        ]
        + [
            Pledge(
                pledge_id="F1",
                registered_date=D(2023, 6, 1),
                amount=Decimal("9000000"),
                region_code=FOSHAN,
            )
        ]
    )
    ledger.patents.upsert(
        [
            Patent(
                application_no=patent_no(k, 2019 + k % 4),
                region_code=PENGJIANG,
                filing_date=D(2019 + k % 4, 1, 10),
                grant_date=D(2020 + k % 4, 6, 1),
            )
            for k in range(12)
        ]
    )
    ledger.trademarks.upsert(
        [
            Trademark(
                registration_no=str(100 + k), region_code=PENGJIANG, registration_date=D(2023, 5, 1)
            )
            for k in range(3)
        ]
    )
    ledger.cases.upsert(
        [
            Case(
                case_no="JM-2023-1",
                types=("trademark_infringement",),
                region_code=PENGJIANG,
                opened_date=D(2023, 2, 1),
                closed_date=D(2023, 4, 1),
                fine=Decimal("50000"),
            )
        ]
    )


@pytest.fixture(scope="module")
def small_path(tmp_path_factory):
    """The small ledger file, filled once for the module."""
    path = tmp_path_factory.mktemp("small") / "small.duckdb"
    with Ledger.open(path) as ledger:
        fill(ledger)
    return path


@pytest.fixture(scope="module")
def small(small_path):
    """The small ledger, open read-only as report consumers open it."""
    with Ledger.open(small_path, read_only=True) as ledger:
        yield ledger


@pytest.fixture(scope="module")
def report(small):
    """The report of 江门 2023, built once."""
    return build_report(small, "440700", "2023")


def test_report_from_the_engine(report):
    """The report's rows are the engine's; the narrative tells the computed figures."""
    pledges = report.row("pledge_count")
    assert (pledges.value, pledges.previous, pledges.rank_parent) == (5, 4, 1)
    assert pledges.yoy_pct == pytest.approx(25.0)
    assert report.province_name == "广东省"
    text = next(p.text for p in report.narrative if p.section == "utilisation")
    assert text.startswith("2023年，")
    assert "知识产权质押5笔，同比增长25%，居全国、全省第一位" in text
    assert "质押登记金额12.62亿元" in text


def test_trends_peers_and_months(report):
    """Five years of trends, the province's cities as peers, twelve months of pledges."""
    trend = {(r["period"], r["indicator"]): r["value"] for r in report.trends.to_pylist()}
    assert [p for p, i in trend if i == "pledge_count"] == ["2019", "2020", "2021", "2022", "2023"]
    assert trend[("2022", "pledge_count")] == 4 and trend[("2023", "pledge_count")] == 5
    assert trend[("2021", "patent_grants")] == 3
    peers = [r for r in report.peers.to_pylist() if r["indicator"] == "pledge_amount"]
    assert len(peers) == 21
    assert [r["region_code"] for r in peers[:2]] == ["440700", FOSHAN]
    months = {
        r["period"]: r["value"]
        for r in report.months.to_pylist()
        if r["indicator"] == "pledge_count"
    }
    assert len(months) == 12 and months["2023-03"] == 1 and months["2023-02"] == 0


def test_report_equals_report_json(small, report):
    """The report's JSON is exactly what the engine's report_json gives."""
    from ipledger.report import render_json

    data = json.loads(render_json(report))
    moment = report.provenance.as_known_at
    again = report_json(small, "440700", "2023", as_known_at=moment)
    assert data["as_known_at"] == again["as_known_at"] == moment.isoformat()[:-6] + "Z"
    assert data["indicators"] == again["indicators"]
    assert data["provenance"]["latest"] is True and again["provenance"]["latest"] is False
    assert data["provenance"]["settings"] == again["provenance"]["settings"]


def test_a_latest_report_is_made_again_from_its_moment(tmp_path):
    """A report of the latest data says the moment it read the ledger as known at; the same
    moment, given after more is recorded, makes the same figures again."""
    with Ledger.open(tmp_path / "own.duckdb") as ledger:
        fill(ledger)
        latest = build_report(ledger, "440700", "2023")
        assert latest.provenance.latest and latest.provenance.as_known_at is not None
        ledger.pledges.upsert(
            Pledge(
                pledge_id="C1",
                registered_date=D(2023, 6, 1),
                amount=Decimal("1000000"),
                region_code=PENGJIANG,
            )
        )
        moment = latest.provenance.as_known_at
        again = build_report(ledger, "440700", "2023", as_known_at=moment)
        now = build_report(ledger, "440700", "2023")
    assert again.table.equals(latest.table)
    assert now.row("pledge_count").value == latest.row("pledge_count").value + 1
    assert not again.provenance.latest and again.provenance.as_known_at == moment


def test_as_known_at_reads_the_ledger_as_it_was(small):
    """Figures recorded later are not in a report as known before."""
    before = dt.datetime.now(dt.UTC) - dt.timedelta(days=1)
    report = build_report(small, "440700", "2023", as_known_at=before)
    assert report.row("pledge_count").value == 0
    assert report.narrative == ()
    shown = report.provenance.as_known_at.strftime("%Y-%m-%d %H:%M:%S")
    assert f"数据截至 {shown}+00:00*" in render_markdown(report)
    assert not report.provenance.latest


def test_unknown_region_and_language(small):
    """A region the ledger does not know is NotFoundError; only zh and en."""
    with pytest.raises(NotFoundError):
        build_report(small, "999999", "2023")
    with pytest.raises(ValueError, match="lang"):
        build_report(small, "440700", "2023", lang="de")


def test_regions_come_from_the_engines_tree(tmp_path):
    """A ledger's own district recorded without a parent lies in 江门 and 广东 as the engine
    infers it (the code's pattern): the report names the province and compares the district
    with the province's other districts, as its ranks do."""
    from ipledger.model import Region

    with Ledger.open(tmp_path / "own.duckdb") as ledger:
        ledger.regions.upsert(Region(code="440799", name="江门新区"))
        ledger.pledges.upsert(
            Pledge(
                pledge_id="N1",
                registered_date=D(2023, 5, 1),
                amount=Decimal("1000000"),
                region_code="440799",
            )
        )
        report = build_report(ledger, "440799", "2023")
    assert (report.region_level, report.province_name) == ("county", "广东省")
    assert report.row("pledge_count").rank_parent == 1
    peers = [r for r in report.peers.to_pylist() if r["indicator"] == "pledge_amount"]
    assert peers[0]["region_code"] == "440799" and len(peers) > 100
    assert {r["region_code"][:2] for r in peers} == {"44"}
