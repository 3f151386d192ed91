"""The report as Markdown: for terminals, wikis, e-mail and docs."""

from __future__ import annotations

from collections.abc import Mapping

from ipledger.report._build import Report
from ipledger.report._table import headers, note, row_cells

__all__ = ["render_markdown"]


def _cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def render_markdown(report: Report, *, chart_links: Mapping[str, str] | None = None) -> str:
    """The report in Markdown: title, narrative, charts (images linked when ``chart_links``
    maps chart titles to image paths, e.g. PNG files written beside it), one indicator table
    per published section, and the provenance."""
    zh = report.lang == "zh"
    lines = [f"# {report.title}", "", f"*{report.subtitle}*", ""]
    if report.narrative:
        lines += ["## " + ("概述" if zh else "Summary"), ""]
        for paragraph in report.narrative:
            lines += [f"**{paragraph.title}**" + ("　" if zh else " ") + paragraph.text, ""]
    if chart_links:
        lines += ["## " + ("图表" if zh else "Charts"), ""]
        lines += [f"![{_cell(title)}]({path})" for title, path in chart_links.items()]
        lines.append("")
    lines += ["## " + ("指标明细" if zh else "Indicators"), ""]
    for section, rows in report.sections():
        names = headers(report.lang)
        lines += [f"### {section.title(report.lang)}", ""]
        lines.append("| " + " | ".join(names) + " |")
        lines.append("|" + "---|" + "--:|" * (len(names) - 1))
        lines += [
            "| " + " | ".join(_cell(c) for c in row_cells(r, report.lang, report.settings)) + " |"
            for r in rows
        ]
        lines.append("")
    lines += [f"*{note(report.lang)}*", ""]
    lines += ["## " + ("数据说明" if zh else "Provenance"), ""]
    lines += [
        f"- {_cell(label)}：{_cell(text)}" if zh else f"- {_cell(label)}: {_cell(text)}"
        for label, text in report.provenance.facts(report.lang, report.rows)
    ]
    return "\n".join(lines) + "\n"
