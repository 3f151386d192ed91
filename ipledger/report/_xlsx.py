"""The report as an XLSX workbook (openpyxl): real numbers with number formats, the charts as
images.

Sheets: 概览 (title, narrative), one sheet per section (every indicator with value, previous,
YoY, ranks and target as numeric cells), 历年趋势, 同级比较, 按月 (the chart data), 图表.
Money stays in yuan (exact, as in the JSON); every figure is shown with thousands separators
and its unit's decimals (:class:`ipledger.model.Unit`); YoY and completion are fractions shown
as percentages. Text cells are always text: a region name
beginning with ``=`` is never run as a formula.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from ipledger.model import Unit
from ipledger.report._build import Report
from ipledger.report._charts import Chart, render_charts
from ipledger.report._sections import unit_of
from ipledger.stats import CATALOG

__all__ = ["number_format", "render_xlsx"]

_PERCENT = "0.0%"
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
    ),
}


def number_format(unit: Unit) -> str:
    """The Excel number format of a unit's figures: thousands separators, its decimals.

    Examples:
        >>> from ipledger.model import UNITS
        >>> number_format(UNITS["count"]), number_format(UNITS["yuan"])
        ('#,##0', '#,##0.00')
    """
    return "#,##0" + ("." + "0" * unit.decimals if unit.decimals else "")


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
    sheet = _Sheet(book.create_sheet(title[:31]))
    sheet.header(_HEADERS[lang])
    for r in rows:
        number = number_format(r.unit_record)
        sheet.put(1, r.indicator)
        sheet.put(2, ("　" if r.is_breakdown else "") + r.label(lang))
        sheet.put(3, r.unit_label(lang))
        sheet.put(4, r.value, number)
        sheet.put(5, r.previous, number)
        sheet.put(6, _fraction(r.yoy_pct), _PERCENT)
        sheet.put(7, r.rank_parent, "0")
        sheet.put(8, r.peers_parent, "0")
        sheet.put(9, r.rank_national, "0")
        sheet.put(10, r.peers_national, "0")
        sheet.put(11, r.target, number)
        sheet.put(12, _fraction(r.completion_pct), _PERCENT)
        sheet.row += 1
    widths = (34, 34, 9, 18, 18, 10, 10, 14, 10, 14, 16, 10)
    for column, width in enumerate(widths, start=1):
        sheet.sheet.column_dimensions[_letter(column)].width = width


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
        ("数据口径" if zh else "As known at", report.known_at_text or ("最新" if zh else "latest")),
    ]
    for name, value in facts:
        sheet.put(1, name).font = Font(bold=True)
        sheet.put(2, value)
        sheet.row += 1
    sheet.row += 1
    for paragraph in report.narrative:
        sheet.put(1, paragraph.title).font = Font(bold=True)
        sheet.row += 1
        cell = sheet.put(1, paragraph.text)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.sheet.merge_cells(
            start_row=sheet.row, start_column=1, end_row=sheet.row, end_column=8
        )
        lines = len(paragraph.text) // 60 + 1
        sheet.sheet.row_dimensions[sheet.row].height = max(30, 16 * lines)
        sheet.row += 2
    sheet.sheet.column_dimensions["A"].width = 16
    sheet.sheet.column_dimensions["B"].width = 16
    for column in range(3, 9):
        sheet.sheet.column_dimensions[_letter(column)].width = 14


def _data_sheet(book: Any, title: str, names: Sequence[str], rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    sheet = _Sheet(book.create_sheet(title))
    sheet.header(names)
    keys = list(rows[0])
    for row in rows:
        unit = unit_of(row.get("indicator", ""))
        for column, key in enumerate(keys, start=1):
            value = row[key]
            number = number_format(unit) if key in ("value", "previous") else "0"
            sheet.put(column, value, number)
        sheet.row += 1
    for column in range(1, len(names) + 1):
        sheet.sheet.column_dimensions[_letter(column)].width = 20


def _chart_sheet(book: Any, charts: Sequence[Chart], lang: str) -> None:
    from openpyxl.drawing.image import Image

    images = [c for c in charts if c.png is not None]
    if not images:
        return
    sheet = _Sheet(book.create_sheet("图表" if lang == "zh" else "Charts"))
    for chart in images:
        sheet.put(1, chart.title)
        image = Image(io.BytesIO(chart.png or b""))
        sheet.sheet.add_image(image, f"A{sheet.row + 1}")
        sheet.row += int(image.height / 20) + 3


def render_xlsx(report: Report, *, charts: Sequence[Chart] | None = None) -> bytes:
    """The report as the bytes of an XLSX workbook.

    ``charts`` defaults to :func:`render_charts` of the report (PNG only).

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
    ]
    _data_sheet(
        book,
        "历年趋势" if zh else "Trends",
        ("指标代码", "指标", "期间", "数值")
        if zh
        else ("Indicator id", "Indicator", "Period", "Value"),
        trends,
    )
    _data_sheet(
        book,
        "同级比较" if zh else "Peers",
        ("指标代码", "地区代码", "地区", "数值", "全省排名")
        if zh
        else ("Indicator id", "Region", "Region name", "Value", "Rank"),
        report.peers.to_pylist(),
    )
    _data_sheet(
        book,
        "按月" if zh else "Months",
        ("期间", "指标代码", "本期", "上年同期")
        if zh
        else ("Period", "Indicator id", "Value", "Previous"),
        report.months.to_pylist(),
    )
    _chart_sheet(book, charts, report.lang)
    book.properties.creator = "ipledger"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
