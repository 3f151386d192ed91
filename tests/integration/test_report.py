"""Reports from small hand-made ledgers: narrative, Markdown, HTML, XLSX, JSON."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from ipledger import Pledge, Trademark
from ipledger.report import build_report, charts, narrative, render

D = dt.date


@pytest.fixture
def small(ledger):
    """江门 with 4 pledges in 2022 and 5 in 2023, and a few trademarks."""
    ledger.pledges.upsert(
        [
            Pledge(
                pledge_id=f"A{k}",
                registered_date=D(2022, 3, 1),
                amount=Decimal("25000000"),
                region_code="440703",
            )
            for k in range(4)
        ]
        + [
            Pledge(
                pledge_id=f"B{k}",
                registered_date=D(2023, 3 + k, 1),
                amount=Decimal("252400000"),
                region_code="440703",
            )
            for k in range(5)
        ]
    )
    ledger.trademarks.upsert(
        [
            Trademark(registration_no=str(k), region_code="440700", registration_date=D(2023, 5, 1))
            for k in range(3)
        ]
    )
    return ledger


def test_narrative_in_the_bureaus_style(small):
    """The sentence reads as the articles do, with the computed figures."""
    report = build_report(small, "440700", "2023")
    text = dict(narrative(report))["知识产权运用"]
    assert text.startswith("2023年，江门市知识产权质押5笔，同比增长25%，排名全国第一、全省第一")
    assert "质押融资金额12.62亿元" in text


def test_english_narrative(small):
    """--lang en writes English sentences."""
    text = dict(narrative(build_report(small, "440700", "2023"), "en"))["Utilisation"]
    assert "5 IP pledges were registered, up 25% year on year" in text


def test_sections_without_data_are_left_out(small):
    """No figures on enforcement: no protection paragraph."""
    titles = [t for t, _ in narrative(build_report(small, "440700", "2023"))]
    assert "知识产权保护" not in titles


def test_markdown_has_table_and_narrative(small):
    """Markdown: title, narrative, one table per section."""
    text = render(small, "440700", "2023", fmt="md")
    assert text.startswith("# 江门市2023年知识产权统计报告")
    assert "| 知识产权质押笔数 | 5 | 4 | +25.00% | 1/21 | 1/333 | — |" in text


def test_json_is_the_contract_shape(small):
    """--format json is the INDICATORS.md object."""
    data = json.loads(render(small, "440700", "2023", fmt="json"))
    pledge = next(i for i in data["indicators"] if i["id"] == "pledge_count")
    assert (data["region_name"], pledge["value"], pledge["previous"], pledge["yoy_pct"]) == (
        "江门市",
        5,
        4,
        25.0,
    )


def test_html_is_self_contained(small, tmp_path):
    """One HTML file: charts inline as data URIs, no external reference."""
    out = tmp_path / "r.html"
    text = render(small, "440700", "2023", fmt="html", out=out)
    assert out.read_text(encoding="utf-8") == text
    assert text.count('src="data:image/png;base64,') >= 2
    assert "http://" not in text.replace("http://www.w3.org", "")
    assert "江门市" in text


def test_charts_are_png_and_svg(small):
    """Every chart comes as PNG bytes and SVG text."""
    for chart in charts(build_report(small, "440700", "2023")):
        assert chart.png.startswith(b"\x89PNG")
        assert "<svg" in chart.svg


def test_xlsx_has_numeric_cells(small, tmp_path):
    """XLSX: one sheet per section, values as numbers with formats."""
    out = tmp_path / "r.xlsx"
    render(small, "440700", "2023", fmt="xlsx", out=out)
    book = load_workbook(out)
    assert book.sheetnames == [
        "摘要",
        "知识产权创造",
        "知识产权运用",
        "地理标志",
        "知识产权保护",
        "图表",
    ]
    sheet = book["知识产权运用"]
    rows = {r[1].value: r for r in sheet.iter_rows(min_row=2)}
    assert rows["pledge_count"][3].value == 5
    assert rows["pledge_amount"][3].value == 1_262_000_000
    assert rows["pledge_amount"][3].data_type == "n"
    assert rows["pledge_amount"][3].number_format == "#,##0.00"
    assert book["图表"]._images


def test_as_known_at_is_shown(small):
    """A report as known at a moment says so."""
    text = render(small, "440700", "2023", fmt="md", as_known_at="2099-01-01")
    assert "数据截至 2099-01-01" in text
