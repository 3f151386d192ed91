"""The annual report of the demo ledger tells what the bureaus' own articles published."""

from __future__ import annotations

import time

import pytest

from ipledger import Ledger
from ipledger.report import ReportSettings, build_report, render_markdown


@pytest.fixture(scope="module")
def demo_ledger(request, tmp_path_factory):
    """The demo ledger (the session's ``demo_path`` when conftest has one), read-only."""
    try:
        path = request.getfixturevalue("demo_path")
    except pytest.FixtureLookupError:
        from ipledger.demo import build_demo_ledger

        path = tmp_path_factory.mktemp("demo") / "demo.duckdb"
        build_demo_ledger(path)
    with Ledger.open(path, read_only=True) as ledger:
        yield ledger


@pytest.fixture(scope="module")
def jiangmen(demo_ledger):
    """江门市 2023, and how long building it took."""
    started = time.perf_counter()
    report = build_report(demo_ledger, "440700", "2023")
    return report, time.perf_counter() - started


def test_the_jiangmen_pledge_sentence(demo_ledger, jiangmen):
    """知识产权质押732笔，同比增长156.8%，排名全国第十四、全省第三 (江门 article), generated
    with 江门's one decimal for changes; two by default."""
    report, _ = jiangmen
    text = next(p.text for p in report.narrative if p.section == "utilisation")
    assert "知识产权质押732笔，同比增长156.84%，排名全国第十四、全省第三" in text
    own = build_report(
        demo_ledger, "440700", "2023", report_settings=ReportSettings(yoy_decimals=1)
    )
    text = next(p.text for p in own.narrative if p.section == "utilisation")
    assert "知识产权质押732笔，同比增长156.8%，排名全国第十四、全省第三" in text
    assert "质押登记金额199亿元，同比增长124.9%，排名全国第十二、全省第五" in text


def test_the_xinxiang_pledge_sentence(demo_ledger):
    """质押融资12.62亿元 … 增长16.85%，居全省第一位 (新乡 article), with the default settings."""
    report = build_report(demo_ledger, "410700", "2024")
    text = next(p.text for p in report.narrative if p.section == "utilisation")
    assert "质押登记金额12.62亿元，同比增长16.85%，居全省第一位" in text


def test_every_indicator_is_in_the_table(jiangmen):
    """The report's table has every catalog indicator with value, previous, YoY and ranks."""
    from ipledger.stats import CATALOG

    report, _ = jiangmen
    assert [r.indicator for r in report.rows] == list(CATALOG)
    pledges = report.row("pledge_count")
    assert (pledges.rank_parent, pledges.peers_parent, pledges.rank_national) == (3, 21, 14)
    markdown = render_markdown(report)
    assert "| 知识产权质押笔数 | 笔 | 732 | 285 | +156.84% | 3/21 | 14/333 |" in markdown


def test_the_report_is_quick_to_build(jiangmen):
    """A city's report on the demo ledger (about 1.8 million rows) builds in seconds."""
    _, seconds = jiangmen
    assert seconds < 20
