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


def render_markdown(report: Report, *, chart_links: Mapping[str, str] | None = None) -> str:
    """The report in Markdown: title, narrative, charts (images linked when ``chart_links``
    maps chart titles to image paths, e.g. PNG files written beside it), one indicator table
    per published section, and the provenance."""
    zh = report.lang == "zh"
    lines = [f"# {_text(report.title)}", "", f"*{_text(report.subtitle)}*", ""]
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
            "| " + " | ".join(_text(c) for c in row_cells(r, report.lang, report.settings)) + " |"
            for r in rows
        ]
        lines.append("")
    lines += [f"*{_text(note(report.lang))}*", ""]
    lines += ["## " + ("数据说明" if zh else "Provenance"), ""]
    lines += [
        f"- {_text(label)}：{_text(text)}" if zh else f"- {_text(label)}: {_text(text)}"
        for label, text in report.provenance.facts(report.lang, report.rows)
    ]
    return "\n".join(lines) + "\n"
