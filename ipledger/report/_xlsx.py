"""The report as an XLSX workbook: one sheet per section with real numbers, and the charts."""

from __future__ import annotations

import io
from pathlib import Path

from ipledger.report._build import Report
from ipledger.report._charts import Chart
from ipledger.report._narrative import narrative, period_label
from ipledger.report._table import rows_by_section

__all__ = ["write_xlsx"]

_FORMATS = {"count": "#,##0", "yuan": "#,##0.00", "per_10k": "0.00", "days": "0.0"}


def write_xlsx(report: Report, charts: list[Chart], path: Path, lang: str = "zh") -> None:
    """Write the workbook: a summary sheet (narrative), one sheet per section, a chart sheet."""
    from openpyxl import Workbook
    from openpyxl.drawing.image import Image
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    summary = book.active
    summary.title = "摘要" if lang == "zh" else "Summary"
    summary["A1"] = f"{report.region_name} {period_label(report.period, lang)}"
    summary["A1"].font = Font(bold=True, size=14)
    row = 3
    for title, paragraph in narrative(report, lang):
        summary.cell(row=row, column=1, value=title).font = Font(bold=True)
        cell = summary.cell(row=row + 1, column=1, value=paragraph)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        summary.row_dimensions[row + 1].height = 90
        row += 3
    summary.column_dimensions["A"].width = 120
    headers = (
        (
            "指标",
            "编号",
            "单位",
            "数值",
            "上年同期",
            "同比%",
            "全省排名",
            "全省参与数",
            "全国排名",
            "全国参与数",
            "目标",
            "完成率%",
        )
        if lang == "zh"
        else (
            "Indicator",
            "Id",
            "Unit",
            "Value",
            "Previous",
            "YoY %",
            "Rank province",
            "Peers province",
            "Rank nation",
            "Peers nation",
            "Target",
            "Completion %",
        )
    )
    for section, rows in rows_by_section(report.rows):
        sheet = book.create_sheet(section.title_zh if lang == "zh" else section.title_en)
        sheet.append(headers)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for r in rows:
            sheet.append(
                [
                    r["label_zh"] if lang == "zh" else r["label_en"],
                    r["indicator"],
                    r["unit"],
                    r["value"],
                    r["previous"],
                    r["yoy_pct"],
                    r["rank_parent"],
                    r["peers_parent"],
                    r["rank_national"],
                    r["peers_national"],
                    r["target"],
                    r["completion_pct"],
                ]
            )
            number_format = _FORMATS.get(r["unit"], "General")
            for column in (4, 5, 11):
                sheet.cell(row=sheet.max_row, column=column).number_format = number_format
            for column in (6, 12):
                sheet.cell(row=sheet.max_row, column=column).number_format = "0.00"
        sheet.column_dimensions["A"].width = 36
        sheet.column_dimensions["B"].width = 34
        sheet.freeze_panes = "A2"
    figures = book.create_sheet("图表" if lang == "zh" else "Charts")
    anchor_row = 1
    for chart in charts:
        image = Image(io.BytesIO(chart.png))
        figures.add_image(image, f"A{anchor_row}")
        anchor_row += int(image.height / 20) + 2
    book.save(path)
