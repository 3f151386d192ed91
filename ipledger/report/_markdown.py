"""The report as Markdown: for terminals, wikis, e-mail and docs."""

from __future__ import annotations

from collections.abc import Mapping

from ipledger.report._build import Report
from ipledger.report._table import headers, note, row_cells

__all__ = ["render_markdown"]


_ESCAPED = str.maketrans(
    {c: "\\" + c for c in "\\`*_[]#|!"} | {"<": "&lt;", ">": "&gt;", "&": "&amp;", "\n": " "}
)


def _text(text: str) -> str:
    """Text from the ledger (a region name, a narrative built from names) as Markdown shows it,
    never as markup: HTML and Markdown's own characters escaped, one line."""
    return text.translate(_ESCAPED)


def _meta(report: Report) -> str:
    zh = report.lang == "zh"
    parts = [
        f"{'地区代码' if zh else 'Region'} {report.region}",
        f"{'统计期间' if zh else 'Period'} {report.period}",
    ]
    if report.known_at_text is not None:
        parts.append(
            f"按{report.known_at_text}的台账记录统计"
            if zh
            else f"as known at {report.known_at_text}"
        )
    return " · ".join(parts)


def render_markdown(report: Report, *, chart_links: Mapping[str, str] | None = None) -> str:
    """The report in Markdown: title, narrative, charts (images linked when ``chart_links``
    maps chart titles to image paths, e.g. PNG files written beside it), and one indicator
    table per section."""
    zh = report.lang == "zh"
    lines = [f"# {_text(report.title)}", "", f"*{_text(_meta(report))}*", ""]
    if report.narrative:
        lines += ["## " + ("概述" if zh else "Summary"), ""]
        for paragraph in report.narrative:
            lines += [
                f"**{_text(paragraph.title)}**" + ("　" if zh else " ") + _text(paragraph.text),
                "",
            ]
    if chart_links:
        lines += ["## " + ("图表" if zh else "Charts"), ""]
        lines += [f"![{_text(title)}]({path})" for title, path in chart_links.items()]
        lines.append("")
    lines += ["## " + ("指标明细" if zh else "Indicators"), ""]
    for section, rows in report.sections():
        names = headers(report.lang)
        lines += [f"### {_text(section.title(report.lang))}", ""]
        lines.append("| " + " | ".join(_text(n) for n in names) + " |")
        lines.append("|" + "---|" + "--:|" * (len(names) - 1))
        lines += [
            "| " + " | ".join(_text(c) for c in row_cells(r, report.lang)) + " |" for r in rows
        ]
        lines.append("")
    lines.append(f"*{_text(note(report.lang))}*")
    return "\n".join(lines) + "\n"
