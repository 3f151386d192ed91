"""Narrative sentences in the bureau's style, written from hand-made figures (no database)."""

from __future__ import annotations

import re

import pyarrow as pa
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ipledger.report import IndicatorRow, ReportSettings, report_from_table, write_narrative
from ipledger.report._narrative import scope_word
from ipledger.report._numbers import format_count_zh, format_money_zh
from ipledger.stats import CATALOG, COLUMNS


def row(indicator, value, previous=None, yoy=None, parent=None, national=None, **extra):
    """A row of the engine's table for 江门 (21 cities in the province, 333 in the nation)."""
    info = CATALOG[indicator]
    return IndicatorRow(
        indicator=indicator,
        label_zh=info.label_zh,
        label_en=info.label_en,
        unit=info.unit,
        value=value,
        previous=previous,
        yoy_pct=yoy,
        rank_parent=parent,
        peers_parent=None if parent is None else extra.pop("peers_parent", 21),
        rank_national=national,
        peers_national=None if national is None else extra.pop("peers_national", 333),
        **extra,
    )


def jiangmen(rows, lang="zh", period="2023", settings=None):
    """The narrative of 江门市, a city of 广东省."""
    return write_narrative(
        rows,
        region_name="江门市" if lang == "zh" else "Jiangmen",
        region_level="city",
        province_name="广东省",
        period=period,
        lang=lang,
        settings=settings or ReportSettings(),
    )


def text_of(paragraphs, section):
    """The text of one section's paragraph."""
    return next(p.text for p in paragraphs if p.section == section)


def test_the_pledge_sentence_of_the_jiangmen_article():
    """知识产权质押732笔，同比增长156.8%，排名全国第十四、全省第三 — from the figures, with
    江门's one decimal for changes; the default writes two (the other articles' usage)."""
    rows = [
        row("pledge_count", 732.0, 285.0, 156.8421, parent=3, national=14),
        row("pledge_amount", 19.9e9, 8.848e9, 124.9096, parent=5, national=12),
    ]
    text = text_of(jiangmen(rows, settings=ReportSettings(yoy_decimals=1)), "utilisation")
    assert text == (
        "2023年，江门市知识产权质押732笔，同比增长156.8%，排名全国第十四、全省第三；"
        "质押登记金额199亿元，同比增长124.9%，排名全国第十二、全省第五。"
    )
    default = text_of(jiangmen(rows), "utilisation")
    assert "同比增长156.84%" in default
    assert "同比增长124.91%" in default


@pytest.mark.parametrize(
    ("yoy", "written"),
    [
        (16.8521, "同比增长16.85%"),
        (13.0, "同比增长13%"),
        (25.72, "同比增长25.72%"),
        (-3.2, "同比下降3.2%"),
    ],
)
def test_changes_are_written_as_the_seed_articles_write_them(yoy, written):
    """新乡: 质押融资金额较去年同期增长16.85%, 有效商标…同比增长13%, 新增商标…同比增长25.72%."""
    rows = [row("pledge_count", 100.0, 90.0, yoy)]
    assert written in text_of(jiangmen(rows), "utilisation")


def test_money_and_count_thresholds_and_decimals_are_settings():
    """万 / 亿 from where the bureau writes them; money with the decimals it sets."""
    rows = [row("pledge_amount", 26_000_000.0), row("pledge_count", 28_000.0)]
    default = text_of(jiangmen(rows), "utilisation")
    assert "质押登记金额2600万元" in default
    assert "知识产权质押28000笔" in default
    settings = ReportSettings(
        money_yi_from=10_000_000, count_wan_from=10_000, unit_decimals={"yuan": 1}
    )
    text = text_of(jiangmen(rows, settings=settings), "utilisation")
    assert "质押登记金额0.3亿元" in text
    assert "知识产权质押2.8万笔" in text


def test_sections_not_published_are_not_told():
    """A bureau that publishes no protection section gets no protection paragraph."""
    rows = [row("pledge_count", 732.0), row("ip_cases", 43.0)]
    paragraphs = jiangmen(rows, settings=ReportSettings(sections=["utilisation"]))
    assert [p.section for p in paragraphs] == ["utilisation"]


def test_first_in_the_province_reads_ju_quansheng_diyiwei():
    """A first place in the province is 居全省第一位 (新乡: 居全省第一位)."""
    rows = [row("pledge_amount", 1_262_000_000.0, 1_080_000_000.0, 16.85, parent=1, national=40)]
    text = text_of(jiangmen(rows), "utilisation")
    assert "质押登记金额12.62亿元，同比增长16.85%，居全省第一位、全国第四十位" in text


def test_stock_figures_are_dated_at_the_period_end():
    """Stocks: 截至2023年底，全市有效发明专利6951件 after the flows."""
    rows = [
        row("patent_grants", 10_500.0, 10_000.0, 5.0),
        row("valid_invention_patents", 6951.0, parent=3),
    ]
    text = text_of(jiangmen(rows), "creation")
    assert text == (
        "2023年，江门市专利授权10500件，同比增长5%。"
        "截至2023年底，全市有效发明专利6951件，居全省第三位。"
    )


def test_one_breakdown_is_told_in_full_several_are_listed():
    """其中发明专利授权1450件，同比增长11.5%; 其中商标侵权案件27件、专利侵权纠纷案件7件."""
    rows = [
        row("patent_grants", 5350.0, 5200.0, 2.88),
        row("patent_grants.invention", 1450.0, 1300.0, 11.54, parent=1, national=3),
        row("ip_cases", 43.0),
        row("ip_cases.trademark_infringement", 27.0, 26.0, 3.8),
        row("ip_cases.patent_dispute", 7.0),
        row("ip_cases.gi_infringement", 0.0),
    ]
    paragraphs = jiangmen(rows)
    assert "专利授权5350件，同比增长2.88%，其中发明专利授权1450件，同比增长11.54%。" in (
        text_of(paragraphs, "creation")
    )
    protection = text_of(paragraphs, "protection")
    assert "立案查处知识产权案件43件，其中商标侵权案件27件、专利侵权纠纷案件7件" in protection
    assert "地理标志侵权" not in protection


def test_only_figures_that_exist_are_written():
    """Zero and unknown figures write no clause; a section without figures no paragraph."""
    rows = [
        row("pledge_count", 12.0),
        row("pledge_amount", 0.0),
        row("insurance_policies", None),
        row("ip_cases", 0.0, 3.0, -100.0),
    ]
    paragraphs = jiangmen(rows)
    assert [p.section for p in paragraphs] == ["utilisation"]
    assert paragraphs[0].text == "2023年，江门市知识产权质押12笔。"
    assert jiangmen([]) == ()


def test_ranks_are_told_only_where_every_region_was_ranked():
    """Per-10k figures ranked among 78 cities with population data are no 全国第二."""
    rows = [
        row("valid_invention_patents", 8123.0, parent=1, national=4),
        row("valid_invention_patents_per_10k", 16.92, parent=1, national=2, peers_national=78),
    ]
    text = text_of(jiangmen(rows), "creation")
    assert "有效发明专利8123件，居全省第一位、全国第四位" in text
    assert "每万人口发明专利拥有量16.92件，居全省第一位。" in text


def test_durations_are_not_ranked():
    """The most days to close a case is no first place."""
    rows = [row("case_median_days_to_close", 58.0, 62.0, -6.45, parent=1, national=1)]
    text = text_of(jiangmen(rows), "protection")
    assert text == "2023年，江门市办结案件用时中位数为58天，同比下降6.45%。"


def test_targets_are_told():
    """完成年度目标任务的122% where a target was set (at most one decimal by default)."""
    rows = [row("pledge_count", 732.0, target=600.0, completion_pct=122.0)]
    assert "完成年度目标任务的122%" in text_of(jiangmen(rows), "utilisation")
    quarter = jiangmen(rows, period="2023Q2")
    assert "完成目标任务的122%" in text_of(quarter, "utilisation")
    rows = [row("pledge_count", 732.0, target=600.0, completion_pct=132.666)]
    assert "完成年度目标任务的132.7%" in text_of(jiangmen(rows), "utilisation")


def test_other_periods_and_scopes():
    """2024年1—7月 for a month range; a district speaks of 全区."""
    rows = [row("patent_grants.invention", 1287.0), row("patent_grants", 5000.0)]
    text = text_of(jiangmen(rows, period="2024-01..2024-07"), "creation")
    assert text.startswith("2024年1—7月，江门市专利授权5000件，其中发明专利授权1287件")
    assert scope_word("蓬江区") == "全区"
    assert scope_word("北京市", "province") == "全市"


def test_english_narrative():
    """--lang en says the same in English."""
    rows = [row("pledge_count", 732.0, 285.0, 156.84, parent=3, national=14)]
    text = text_of(jiangmen(rows, lang="en"), "utilisation")
    assert text == (
        "In 2023, Jiangmen recorded 732 IP pledge registrations "
        "(up 156.84% year on year; 14th nationally and 3rd in the province)."
    )


def test_unknown_language_is_refused():
    """Only zh and en."""
    with pytest.raises(ValueError, match="lang"):
        jiangmen([], lang="fr")


@given(
    count=st.integers(1, 10**7),
    amount=st.integers(1, 10**13),
    previous=st.integers(1, 10**7),
)
def test_every_number_in_the_text_comes_from_the_figures(count, amount, previous):
    """Never a hard-coded number: the text holds exactly the figures' formatted values."""
    yoy = (count - previous) / previous * 100
    rows = [row("pledge_count", float(count), float(previous), yoy), row("pledge_amount", amount)]
    text = text_of(jiangmen(rows), "utilisation")
    assert format_count_zh(count, "笔") in text
    assert format_money_zh(amount) in text
    numbers = re.findall(r"[0-9]+(?:\.[0-9]+)?", text)
    shown = {"2023", *re.findall(r"[0-9]+(?:\.[0-9]+)?", format_count_zh(count, "笔"))}
    shown |= set(re.findall(r"[0-9]+(?:\.[0-9]+)?", format_money_zh(amount)))
    change = re.search(r"(增长|下降)([0-9.]+)%", text)
    if change:
        shown.add(change.group(2))
    assert set(numbers) <= shown


def engine_table(rows):
    """An Arrow table of exactly the engine's columns, for 江门 2023."""
    records = [
        {
            "region_code": "440700",
            "region_name": "江门市",
            "region_level": "city",
            "period": "2023",
            "indicator": r.indicator,
            "label_zh": r.label_zh,
            "label_en": r.label_en,
            "unit": r.unit,
            "value": r.value,
            "previous": r.previous,
            "yoy_pct": r.yoy_pct,
            "rank_parent": r.rank_parent,
            "peers_parent": r.peers_parent,
            "rank_national": r.rank_national,
            "peers_national": r.peers_national,
            "target": r.target,
            "completion_pct": r.completion_pct,
        }
        for r in rows
    ]
    table = pa.Table.from_pylist(records)
    assert tuple(table.column_names) == COLUMNS
    return table


def test_report_from_an_engine_table():
    """report_from_table reads the engine's tidy rows into a report with its narrative."""
    table = engine_table([row("pledge_count", 732.0, 285.0, 156.84, parent=3, national=14)])
    report = report_from_table(table, province_name="广东省")
    assert report.title == "江门市2023年知识产权统计报告"
    assert report.row("pledge_count").value == 732.0
    assert report.narrative[0].text.startswith("2023年，江门市知识产权质押732笔")
    with pytest.raises(ValueError, match="columns"):
        report_from_table(table.drop_columns(["yoy_pct"]))


def test_an_english_report_names_regions_in_english():
    """--lang en: "In 2023, Jiangmen recorded …", the name from the built-in region table."""
    table = engine_table([row("pledge_count", 732.0, 285.0, 156.84, parent=3, national=14)])
    report = report_from_table(table, lang="en", province_name="Guangdong")
    assert report.region_name == "Jiangmen"
    assert report.title == "Jiangmen IP statistics report, 2023"
    assert report.narrative[0].text.startswith("In 2023, Jiangmen recorded 732")


def test_rows_carry_the_basis_of_their_figures():
    """Without a basis column every figure is computed from the ledger; none without one."""
    table = engine_table([row("pledge_count", 732.0), row("pledge_amount", None)])
    report = report_from_table(table)
    assert [(r.basis, r.source) for r in report.rows] == [("computed", None), ("none", None)]
    published = table.append_column("basis", pa.array(["published", "none"]))
    published = published.append_column("source", pa.array(["国家知识产权局", None]))
    assert report_from_table(published).row("pledge_count").basis == "published"
