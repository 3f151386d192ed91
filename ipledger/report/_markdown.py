"""The report as Markdown (for terminals, wikis and e-mail)."""

from __future__ import annotations

from ipledger.report._build import Report
from ipledger.report._narrative import narrative, period_label
from ipledger.report._table import HEADERS, display_rows, rows_by_section

__all__ = ["render_markdown"]


def render_markdown(report: Report, lang: str = "zh") -> str:
    """The narrative and one indicator table per section, in Markdown."""
    title = (
        f"# {report.region_name}{period_label(report.period)}知识产权统计报告"
        if lang == "zh"
        else f"# IP statistics of {report.region_name}, {period_label(report.period, 'en')}"
    )
    lines = [title, ""]
    if report.as_known_at is not None:
        known = "数据截至" if lang == "zh" else "As known at"
        lines += [f"*{known} {report.as_known_at:%Y-%m-%d %H:%M} UTC*", ""]
    for section_title, paragraph in narrative(report, lang):
        lines += [f"## {section_title}", "", paragraph, ""]
    lines += ["## " + ("指标表" if lang == "zh" else "Indicators"), ""]
    for section, rows in rows_by_section(report.rows):
        lines += [f"### {section.title_zh if lang == 'zh' else section.title_en}", ""]
        headers = HEADERS[lang]
        lines.append("| " + " | ".join(headers) + " |")
        lines.append("|" + "---|" * len(headers))
        lines += ["| " + " | ".join(cells) + " |" for cells in display_rows(rows, lang)]
        lines.append("")
    return "\n".join(lines)
