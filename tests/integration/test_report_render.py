"""Renderers on a hand-made report (tables of the engine's shape): Markdown, HTML, XLSX, JSON,
charts."""

from __future__ import annotations

import base64
import io
import json
import re

import numpy as np
import pyarrow as pa
import pytest
from openpyxl import load_workbook
from PIL import Image

import ipledger
from ipledger.report import (
    ReportSettings,
    render_charts,
    render_html,
    render_json,
    render_markdown,
    render_report,
    render_xlsx,
    report_from_table,
)
from ipledger.stats import CATALOG, COLUMNS

FIGURES = {
    # indicator: (value, previous, rank in province, rank in nation)
    "patent_grants": (5350.0, 5200.0, 2, 4),
    "patent_grants.invention": (1450.0, 1300.0, 1, 3),
    "valid_invention_patents": (8123.0, 7353.0, 1, 4),
    "valid_invention_patents_per_10k": (16.92, 15.38, 1, 2),
    "trademark_registrations": (624.0, 606.0, 2, 6),
    "pledge_count": (732.0, 285.0, 3, 14),
    "pledge_amount": (19.9e9, 8.848e9, 5, 12),
    "gi_users": (537.0, 494.0, 1, 1),
    "ip_cases": (43.0, 43.0, 2, 5),
    "case_penalties": (3_250_836.6, 3_913_484.3, 2, 5),
    "case_median_days_to_close": (58.0, 62.0, 6, 21),
}


@pytest.fixture(scope="module")
def table():
    """The engine's tidy rows of 江门 2023, made by hand (exactly the engine's columns)."""
    records = []
    for indicator, (value, previous, parent, national) in FIGURES.items():
        info = CATALOG[indicator]
        records.append(
            {
                "region_code": "440700",
                "region_name": "江门市",
                "region_level": "city",
                "period": "2023",
                "indicator": indicator,
                "label_zh": info.label_zh,
                "label_en": info.label_en,
                "unit": info.unit,
                "value": value,
                "previous": previous,
                "yoy_pct": (value - previous) / previous * 100,
                "rank_parent": parent,
                "peers_parent": 21,
                "rank_national": national,
                "peers_national": 78 if info.unit in ("per_10k", "days") else 333,
                "target": 600.0 if indicator == "pledge_count" else None,
                "completion_pct": 122.0 if indicator == "pledge_count" else None,
            }
        )
    result = pa.Table.from_pylist(records)
    assert tuple(result.column_names) == COLUMNS
    return result


@pytest.fixture(scope="module", params=["zh", "en"])
def report(request, table):
    """A full report of the hand-made table (trends, peers, months too), in Chinese and in
    English."""
    trends = pa.Table.from_pylist(
        [
            {"period": str(year), "indicator": i, "value": FIGURES[i][0] * (0.6 + 0.1 * k)}
            for k, year in enumerate(range(2019, 2024))
            for i in ("patent_grants", "pledge_count", "pledge_amount")
        ]
    )
    peers = pa.Table.from_pylist(
        [
            {
                "indicator": "pledge_amount",
                "region_code": code,
                "region_name": name,
                "value": value,
                "rank_parent": rank,
            }
            for rank, (code, name, value) in enumerate(
                [
                    ("440300", "深圳市", 6e10),
                    ("440700", "江门市", 1.99e10),
                    ("441200", "肇庆市", 1.9e8),
                ],
                start=1,
            )
        ]
    )
    months = pa.Table.from_pylist(
        [
            {
                "period": f"2023-{m:02d}",
                "indicator": "pledge_amount",
                "value": m * 1e8,
                "previous": 5e7,
            }
            for m in range(1, 13)
        ]
    )
    return report_from_table(
        table,
        lang=request.param,
        province_name="广东省",
        trends=trends,
        peers=peers,
        months=months,
        as_known_at="2024-01-31",
    )


@pytest.fixture(scope="module")
def charts(report):
    """The report's charts, rendered once (SVG too for the Chinese report)."""
    return render_charts(report, formats=("png", "svg") if report.lang == "zh" else ("png",))


def distinct_colours(png: bytes) -> int:
    """How many colours a PNG uses (a blank image has one)."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    return len(image.getcolors(maxcolors=1 << 20) or [])


def test_charts_are_png_and_svg_with_content(report, charts):
    """Trends, peers and months charts; PNG bytes with many colours, SVG with paths for text."""
    assert [c.key for c in charts] == ["trends", "peers-pledge_amount", "months"]
    for chart in charts:
        assert chart.png.startswith(b"\x89PNG")
        assert distinct_colours(chart.png) > 20
        if report.lang == "zh":
            assert chart.svg.lstrip().startswith("<?xml") and "<svg" in chart.svg
            assert "<path" in chart.svg  # text drawn as paths: the SVG needs no font
            assert "<dc:date>" not in chart.svg  # deterministic
        else:
            assert chart.svg is None


def test_chinese_is_drawn_with_the_cjk_font(report, charts):
    """Every character of the titles is in the pip-installed Noto CJK font, which matplotlib
    uses for the charts' family (no tofu boxes); the title band has ink."""
    from fontTools.ttLib import TTFont
    from matplotlib import font_manager

    from ipledger.report._font import cjk_font_path, register_with_matplotlib

    family = register_with_matplotlib()
    found = font_manager.findfont(
        font_manager.FontProperties(family=family), fallback_to_default=False
    )
    assert found == str(cjk_font_path())
    with TTFont(str(cjk_font_path()), lazy=True) as font:
        cmap = font.getBestCmap()
    for chart in charts:
        assert all(ord(char) in cmap for char in chart.title), chart.title
    trends = np.asarray(Image.open(io.BytesIO(charts[0].png)).convert("L"))
    assert (trends[:40] < 128).sum() > 200  # the suptitle is drawn


def test_markdown(report):
    """Title, narrative, one table per section with value, previous, YoY and ranks."""
    text = render_markdown(report)
    if report.lang == "zh":
        assert text.startswith("# 江门市2023年知识产权统计报告\n")
        assert "数据截至 2024-01-31" in text
        assert (
            "| 知识产权质押笔数 | 笔 | 732 | 285 | +156.84% | 3/21 | 14/333 | 600 | 122.0% |"
            in text
        )
        assert "### 知识产权创造" in text and "### 知识产权保护" in text
        assert "| 其中：发明专利授权量 |" in text
        assert "知识产权质押732笔，同比增长156.84%，排名全国第十四、全省第三" in text
    else:
        assert text.startswith("# Jiangmen IP statistics report, 2023\n")
        assert "| IP pledge registrations | number | 732 | 285 | +156.84% | 3/21 | 14/333 |" in text
    links = render_markdown(report, chart_links={"趋势": "r-trends.png"})
    assert "![趋势](r-trends.png)" in links


def test_html_is_one_self_contained_file(report, charts):
    """No external reference: CSS inline, the font and the charts as data URIs."""
    page = render_html(report, charts=charts)
    assert page.startswith("<!DOCTYPE html>")
    assert not re.search(r"""(src|href)=["'](?!data:)""", page)
    assert "<link" not in page and "<script" not in page
    assert "@font-face{font-family:'ipledger-cjk'" in page
    images = re.findall(r'src="data:image/png;base64,([^"]+)"', page)
    assert len(images) == len(charts) == 3
    for data in images:
        assert distinct_colours(base64.b64decode(data)) > 20
    assert report.title in page
    assert 'data-indicator="pledge_count"' in page


def test_html_escapes_text(table):
    """A region name with markup is shown as text."""
    hostile = table.set_column(
        table.column_names.index("region_name"),
        "region_name",
        pa.array(["<script>x</script>"] * table.num_rows),
    )
    page = render_html(report_from_table(hostile), charts=[], embed_font=False)
    assert "<script>" not in page and "&lt;script&gt;" in page


def test_xlsx_has_real_numbers_and_formats(report, charts):
    """One sheet per section; values, YoY, ranks and targets are numeric cells with formats."""
    book = load_workbook(io.BytesIO(render_xlsx(report, charts=charts)))
    zh = report.lang == "zh"
    sections = (
        ["知识产权创造", "知识产权运用", "地理标志", "知识产权保护"]
        if zh
        else ["IP creation", "IP utilisation", "Geographical indications", "IP protection"]
    )
    for name in sections:
        assert name in book.sheetnames
    sheet = book[sections[1]]
    rows = {r[0].value: r for r in sheet.iter_rows(min_row=2)}
    pledge = rows["pledge_count"]
    assert (pledge[3].value, pledge[4].value) == (732, 285)
    assert pledge[3].data_type == "n" and pledge[3].number_format == "#,##0"
    assert pledge[5].value == pytest.approx(1.568, abs=1e-3)
    assert pledge[5].number_format == "0.00%"
    assert (pledge[6].value, pledge[7].value, pledge[8].value, pledge[9].value) == (3, 21, 14, 333)
    assert pledge[11].value == pytest.approx(1.22)
    amount = rows["pledge_amount"]
    assert amount[3].value == 19_900_000_000 and amount[3].number_format == "#,##0.00"
    charts_sheet = book["图表" if zh else "Charts"]
    assert len(charts_sheet._images) == 3
    assert book["历年趋势" if zh else "Trends"].max_row == 16


def test_xlsx_text_is_never_a_formula(table):
    """A label starting with = is stored as text, not run as a formula."""
    hostile = table.set_column(
        table.column_names.index("region_name"),
        "region_name",
        pa.array(['=HYPERLINK("http://x")'] * table.num_rows),
    )
    book = load_workbook(io.BytesIO(render_xlsx(report_from_table(hostile), charts=[])))
    cells = [
        c
        for r in book.worksheets[0].iter_rows()
        for c in r
        if c.value == hostile["region_name"][0].as_py()
    ]
    assert cells and all(c.data_type == "s" for c in cells)


def test_json_is_the_contract_shape(report):
    """The docs/indicators.md object: region, names, indicators with value, previous, YoY, ranks."""
    data = json.loads(render_json(report))
    v1 = {"region", "region_name", "period", "as_known_at", "indicators"}
    assert set(data) == v1 | {"provenance"}  # v1 keys kept, provenance added
    assert data["as_known_at"].startswith("2024-01-31T23:59:59")
    pledge = next(i for i in data["indicators"] if i["id"] == "pledge_count")
    assert pledge["value"] == 732 and pledge["rank_national"] == 14
    assert pledge["yoy_pct"] == 156.84
    assert (pledge["basis"], pledge["source"]) == ("computed", None)
    assert data["provenance"]["latest"] is False
    assert data["provenance"]["ipledger_version"] == ipledger.__version__
    assert data["provenance"]["generated_at"].endswith("Z")


def test_render_report_for_every_format(report, charts):
    """One entry point, bytes for every format; unknown formats are refused."""
    assert render_report(report, "md").decode().startswith("# ")
    assert render_report(report, "html", charts=charts).startswith(b"<!DOCTYPE html>")
    assert render_report(report, "xlsx", charts=charts)[:2] == b"PK"
    assert json.loads(render_report(report, "json"))["region"] == "440700"
    with pytest.raises(ValueError, match="format"):
        render_report(report, "docx")


def test_every_format_tells_its_provenance(table, charts):
    """数据截至, 生成于, the version, the pledge threshold and the basis in md, html, xlsx, json."""
    report = report_from_table(table, as_known_at="2024-01-31", province_name="广东省")
    facts = dict(report.provenance.facts("zh", report.rows))
    assert facts["数据截至"] == "2024-01-31"
    assert facts["生成程序"] == f"ipledger {ipledger.__version__}"
    assert facts["高价值发明专利质押金额阈值"] == "1000万元"
    assert facts["数据与排名依据"] == "全部指标按本台账记录计算"
    markdown = render_markdown(report)
    page = render_html(report, charts=[], embed_font=False)
    book = load_workbook(io.BytesIO(render_xlsx(report, charts=[])))
    overview = {r[0].value: r[1].value for r in book.worksheets[0].iter_rows() if r[0].value}
    for label, text in facts.items():
        assert f"- {label}：{text}" in markdown
        assert f"<th>{label}</th><td>{text}</td>" in page
        assert overview[label] == text
    assert facts["生成于"].startswith(report.provenance.generated_at.date().isoformat())


def test_xlsx_sheets_print_on_a4(report, charts):
    """Every sheet: A4, fit to one page wide, header rows repeated; wide sheets landscape."""
    book = load_workbook(io.BytesIO(render_xlsx(report, charts=charts)))
    for sheet in book.worksheets:
        setup = sheet.page_setup
        assert int(setup.paperSize) == int(sheet.PAPERSIZE_A4), sheet.title
        assert sheet.sheet_properties.pageSetUpPr.fitToPage, sheet.title
        assert (setup.fitToWidth, setup.fitToHeight) == (1, 0), sheet.title
    zh = report.lang == "zh"
    section = book["知识产权运用" if zh else "IP utilisation"]
    assert section.page_setup.orientation == "landscape"
    assert section.print_title_rows == "$1:$1"
    overview = book.worksheets[0]
    assert overview.page_setup.orientation == "portrait"
    narrative = [c for r in overview.iter_rows() for c in r if c.value == report.narrative[0].text]
    assert narrative and narrative[0].alignment.wrap_text
    row = narrative[0].row
    assert any(str(m).startswith(f"A{row}:") for m in overview.merged_cells.ranges)
    # the merged cells' width in character widths (a CJK character is two), at 14 pt a line
    width = sum(overview.column_dimensions[chr(65 + k)].width for k in range(7))
    text = report.narrative[0].text
    lines = sum(2 if ord(c) >= 0x2E80 else 1 for c in text) / width
    assert overview.row_dimensions[row].height >= 14 * lines


def test_settings_change_how_figures_are_written(table):
    """Decimals and sections of the bureau's settings reach the tables and the workbook."""
    settings = ReportSettings(yoy_decimals=1, sections=["utilisation"])
    report = report_from_table(table, settings=settings)
    markdown = render_markdown(report)
    assert "| 知识产权质押笔数 | 笔 | 732 | 285 | +156.8% |" in markdown
    assert "### 知识产权创造" not in markdown and "### 知识产权运用" in markdown
    assert [p.section for p in report.narrative] == ["utilisation"]
    book = load_workbook(io.BytesIO(render_xlsx(report, charts=[])))
    assert "知识产权创造" not in book.sheetnames
    pledge = {r[0].value: r for r in book["知识产权运用"].iter_rows(min_row=2)}["pledge_count"]
    assert pledge[5].number_format == "0.0%"
    # the contract JSON keeps every indicator, whatever the report publishes
    ids = {i["id"] for i in json.loads(render_json(report))["indicators"]}
    assert "patent_grants" in ids


def test_report_in_a_notebook(report):
    """A notebook shows the report as HTML (no font, no charts); its repr is one line."""
    html = report._repr_html_()
    assert html.startswith('<div class="ipledger-report">')
    assert "<html" not in html and "@font-face" not in html
    assert 'data-indicator="pledge_count"' in html
    assert len(html) < 40_000
    assert "\n" not in repr(report) and len(repr(report)) < 100


def test_count_charts_have_whole_number_ticks(table):
    """A count's axis never shows 2.5 pledges (the SVG keeps each label's text in a comment)."""
    trends = pa.Table.from_pylist(
        [
            {"period": str(year), "indicator": "pledge_count", "value": float(value)}
            for year, value in zip(range(2019, 2024), (1, 2, 1, 2, 3), strict=True)
        ]
    )
    report = report_from_table(table, trends=trends)
    (chart,) = [c for c in render_charts(report, formats=("svg",)) if c.key == "trends"]
    labels = re.findall(r"<!-- ([0-9.]+) -->", chart.svg)
    assert "0" in labels and "3" in labels
    assert all("." not in label for label in labels), labels
