"""The report as an XLSX workbook (openpyxl): real numbers with number formats, the charts as
images.

Sheets: 概览 (title, provenance, narrative), one sheet per published section (every
indicator with value, previous, YoY, ranks, target and the basis of its figure as numeric
cells), 历年趋势, 同级比较, 按月 (the chart data), 图表. Money stays in yuan (exact, as in the
JSON); every figure is shown with thousands separators and its unit's decimals
(`ipledger.model.Unit`, or the report's `ipledger.report.ReportSettings`); YoY and completion
are fractions shown as percentages. Text cells are always text: a region name beginning with
``=`` is never run as a formula.

Every sheet prints on A4 (`print_setup`): landscape where it is wider than a portrait page, fit
to the page's width, the header row repeated on every page, the narrative wrapped in cells
whose rows are as tall as its lines.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from ipledger.model import Unit
from ipledger.report._build import Report
from ipledger.report._charts import Chart, render_charts
from ipledger.report._sections import unit_of
from ipledger.report._settings import DEFAULT_REPORT_SETTINGS, ReportSettings
from ipledger.stats import CATALOG

__all__ = ["number_format", "print_setup", "render_xlsx"]

_PORTRAIT_WIDTH = 95.0
"""How many character widths (Excel's column width unit) fit across a portrait A4 page at
100%; a wider sheet prints landscape."""
_NARRATIVE_LINE = 80
"""Character widths of narrative per line across the merged cells of the overview (for the
rows' heights: Excel does not grow a merged row to its wrapped text)."""
_HEADERS = {
    "zh": (
        "指标代码",
        "指标",
        "单位",
        "本期",
        "上年同期",
        "同比",
        "全省排名",
        "全省参评地区数",
        "全国排名",
        "全国参评地区数",
        "目标",
        "完成率",
        "数据依据",
        "来源",
    ),
    "en": (
        "Indicator id",
        "Indicator",
        "Unit",
        "Value",
        "Previous",
        "YoY",
        "Rank in province",
        "Regions ranked (province)",
        "Rank in nation",
        "Regions ranked (nation)",
        "Target",
        "Completion",
        "Basis",
        "Source",
    ),
}


def number_format(unit: Unit, settings: ReportSettings = DEFAULT_REPORT_SETTINGS) -> str:
    """The Excel number format of a unit's figures: thousands separators, its decimals.

    Examples:
        >>> from ipledger.model import UNITS
        >>> number_format(UNITS["count"]), number_format(UNITS["yuan"])
        ('#,##0', '#,##0.00')
    """
    places = settings.decimals(unit)
    return "#,##0" + ("." + "0" * places if places else "")


def _percent(places: int) -> str:
    return "0" + ("." + "0" * places if places else "") + "%"


def print_setup(sheet: Any, *, header_rows: int = 1) -> None:
    """Print ``sheet`` on A4: landscape when its columns are wider than a portrait page, fit
    to one page wide (as many pages tall as it takes), the first ``header_rows`` rows
    repeated on every page, centred, with gridlines."""
    widths = [
        sheet.column_dimensions[_letter(c)].width or 13.0 for c in range(1, sheet.max_column + 1)
    ]
    setup = sheet.page_setup
    setup.paperSize = sheet.PAPERSIZE_A4
    setup.orientation = "landscape" if sum(widths) > _PORTRAIT_WIDTH else "portrait"
    setup.fitToWidth = 1
    setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    sheet.print_options.gridLines = True
    if header_rows:
        sheet.print_title_rows = f"1:{header_rows}"
    sheet.oddFooter.center.text = "&P / &N"


class _Sheet:
    """Writes rows into a worksheet, text cells forced to text, numbers with formats."""

    def __init__(self, sheet: Any) -> None:
        self.sheet = sheet
        self.row = 1

    def put(self, column: int, value: Any, number_format: str | None = None) -> Any:
        cell = self.sheet.cell(row=self.row, column=column)
        if isinstance(value, str):
            cell.value = value
            cell.data_type = "s"  # never a formula, whatever the text starts with
        else:
            cell.value = value
            if number_format is not None and value is not None:
                cell.number_format = number_format
        return cell

    def header(self, names: Sequence[str]) -> None:
        from openpyxl.styles import Font, PatternFill

        for column, name in enumerate(names, start=1):
            cell = self.put(column, name)
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor="F3F4F6")
        self.sheet.freeze_panes = self.sheet.cell(row=self.row + 1, column=1)
        self.row += 1


def _fraction(pct: float | None) -> float | None:
    return None if pct is None else pct / 100


def _section_sheet(book: Any, report: Report, title: str, rows: Sequence[Any]) -> None:
    lang = report.lang
    settings = report.settings
    sheet = _Sheet(book.create_sheet(title[:31]))
    sheet.header(_HEADERS[lang])
    yoy, completion = _percent(settings.yoy_decimals), _percent(settings.completion_decimals)
    for r in rows:
        number = number_format(r.unit_record, settings)
        sheet.put(1, r.indicator)
        sheet.put(2, ("　" if r.is_breakdown else "") + r.label(lang))
        sheet.put(3, r.unit_label(lang))
        sheet.put(4, r.value, number)
        sheet.put(5, r.previous, number)
        sheet.put(6, _fraction(r.yoy_pct), yoy)
        sheet.put(7, r.rank_parent, "0")
        sheet.put(8, r.peers_parent, "0")
        sheet.put(9, r.rank_national, "0")
        sheet.put(10, r.peers_national, "0")
        sheet.put(11, r.target, number)
        sheet.put(12, _fraction(r.completion_pct), completion)
        sheet.put(13, r.basis)
        sheet.put(14, r.source)
        sheet.row += 1
    widths = (26, 30, 8, 16, 16, 10, 9, 9, 9, 9, 16, 9, 9, 14)
    for column, width in enumerate(widths, start=1):
        sheet.sheet.column_dimensions[_letter(column)].width = width
    print_setup(sheet.sheet)


def _letter(column: int) -> str:
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(column))


def _overview(book: Any, report: Report) -> None:
    from openpyxl.styles import Alignment, Font

    zh = report.lang == "zh"
    sheet = _Sheet(book.active)
    sheet.sheet.title = "概览" if zh else "Overview"
    sheet.put(1, report.title).font = Font(bold=True, size=16)
    sheet.row += 1
    facts = [
        ("地区代码" if zh else "Region", report.region),
        ("地区" if zh else "Region name", report.region_name),
        ("统计期间" if zh else "Period", report.period),
        *report.provenance.facts(report.lang, report.rows),
    ]
    for name, value in facts:
        sheet.put(1, name).font = Font(bold=True)
        cell = sheet.put(2, value)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.sheet.merge_cells(
            start_row=sheet.row, start_column=2, end_row=sheet.row, end_column=_COLUMNS
        )
        sheet.row += 1
    sheet.row += 1
    for paragraph in report.narrative:
        sheet.put(1, paragraph.title).font = Font(bold=True)
        sheet.row += 1
        cell = sheet.put(1, paragraph.text)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.sheet.merge_cells(
            start_row=sheet.row, start_column=1, end_row=sheet.row, end_column=_COLUMNS
        )
        lines = -(-_text_width(paragraph.text) // _NARRATIVE_LINE)
        sheet.sheet.row_dimensions[sheet.row].height = 16 * lines + 6
        sheet.row += 2
    sheet.sheet.column_dimensions["A"].width = 20
    for column in range(2, _COLUMNS + 1):
        sheet.sheet.column_dimensions[_letter(column)].width = 12
    print_setup(sheet.sheet, header_rows=0)


_COLUMNS = 7
"""The columns the overview's text spans (20 + 6 × 12 character widths: a portrait page)."""


def _text_width(text: str) -> int:
    """The width of ``text`` in Latin character widths: a CJK character is two."""
    return sum(1 if ord(c) < 0x2E80 else 2 for c in text)


def _data_sheet(
    book: Any,
    title: str,
    names: Sequence[str],
    rows: list[dict[str, Any]],
    settings: ReportSettings,
) -> None:
    if not rows:
        return
    sheet = _Sheet(book.create_sheet(title))
    sheet.header(names)
    keys = list(rows[0])
    for row in rows:
        unit = unit_of(row.get("indicator", ""))
        for column, key in enumerate(keys, start=1):
            value = row[key]
            number = number_format(unit, settings) if key in ("value", "previous") else "0"
            sheet.put(column, value, number)
        sheet.row += 1
    for column in range(1, len(names) + 1):
        sheet.sheet.column_dimensions[_letter(column)].width = 20
    print_setup(sheet.sheet)


def _chart_sheet(book: Any, charts: Sequence[Chart], lang: str) -> None:
    from openpyxl.drawing.image import Image

    images = [c for c in charts if c.png is not None]
    if not images:
        return
    sheet = _Sheet(book.create_sheet("图表" if lang == "zh" else "Charts"))
    from openpyxl.worksheet.pagebreak import Break

    widest = 0
    for chart in images:
        if sheet.row > 1:  # each chart on a page of its own
            sheet.sheet.row_breaks.append(Break(id=sheet.row - 1))
        sheet.put(1, chart.title)
        image = Image(io.BytesIO(chart.png or b""))
        sheet.sheet.add_image(image, f"A{sheet.row + 1}")
        sheet.row += int(image.height / 20) + 3
        widest = max(widest, int(image.width))
    # columns under the widest chart, so that fitting the columns to the page fits the charts
    for column in range(1, widest // _COLUMN_PX + 2):
        sheet.sheet.column_dimensions[_letter(column)].width = _COLUMN_PX / 7
    sheet.put(widest // _COLUMN_PX + 1, "")
    print_setup(sheet.sheet, header_rows=0)


_COLUMN_PX = 64
"""Pixels of a chart sheet's column (Excel shows about 7 pixels per character width)."""


def render_xlsx(report: Report, *, charts: Sequence[Chart] | None = None) -> bytes:
    """The report as the bytes of an XLSX workbook.

    ``charts`` defaults to `render_charts` of the report (PNG only).

    Raises:
        ImportError: openpyxl is not installed (``pip install 'ipledger[report]'``).
    """
    try:
        from openpyxl import Workbook
    except ImportError as error:
        raise ImportError("XLSX reports need openpyxl: pip install 'ipledger[report]'") from error
    if charts is None:
        charts = render_charts(report, formats=("png",))
    zh = report.lang == "zh"
    book = Workbook()
    _overview(book, report)
    for section, rows in report.sections():
        _section_sheet(book, report, section.title(report.lang), rows)
    label = "label_zh" if zh else "label_en"
    trends = [
        {
            "indicator": r["indicator"],
            "label": getattr(CATALOG.get(r["indicator"]), label, ""),
            "period": r["period"],
            "value": r["value"],
        }
        for r in report.trends.to_pylist()
        if report.published(r["indicator"])
    ]
    _data_sheet(
        book,
        "历年趋势" if zh else "Trends",
        ("指标代码", "指标", "期间", "数值")
        if zh
        else ("Indicator id", "Indicator", "Period", "Value"),
        trends,
        report.settings,
    )
    _data_sheet(
        book,
        "同级比较" if zh else "Peers",
        ("指标代码", "地区代码", "地区", "数值", "全省排名")
        if zh
        else ("Indicator id", "Region", "Region name", "Value", "Rank"),
        [r for r in report.peers.to_pylist() if report.published(r["indicator"])],
        report.settings,
    )
    _data_sheet(
        book,
        "按月" if zh else "Months",
        ("期间", "指标代码", "本期", "上年同期")
        if zh
        else ("Period", "Indicator id", "Value", "Previous"),
        [r for r in report.months.to_pylist() if report.published(r["indicator"])],
        report.settings,
    )
    _chart_sheet(book, charts, report.lang)
    book.properties.creator = "ipledger"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
