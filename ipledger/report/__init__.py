"""Reports: the annual IP statistics report in Markdown, HTML, XLSX and JSON, with charts and
narrative sentences in the bureau's style, made from the indicator engine's figures.

Examples:
    >>> from ipledger import Ledger
    >>> with Ledger.open() as ledger:
    ...     text = render(ledger, "440700", "2023", fmt="md")
    >>> text.splitlines()[0]
    '# 江门市2023年知识产权统计报告'
"""

from __future__ import annotations

import json
from pathlib import Path

from ipledger.ledger import Ledger, Moment
from ipledger.report._build import Report, build_report
from ipledger.report._charts import Chart, charts, register_cjk_font
from ipledger.report._html import render_html
from ipledger.report._markdown import render_markdown
from ipledger.report._narrative import narrative, period_label
from ipledger.report._numbers import zh_amount, zh_change, zh_count, zh_numeral, zh_rank
from ipledger.report._xlsx import write_xlsx

__all__ = [
    "FORMATS",
    "Chart",
    "Report",
    "build_report",
    "charts",
    "narrative",
    "period_label",
    "register_cjk_font",
    "render",
    "render_html",
    "render_markdown",
    "write_xlsx",
    "zh_amount",
    "zh_change",
    "zh_count",
    "zh_numeral",
    "zh_rank",
]

FORMATS = ("md", "html", "xlsx", "json")
"""The formats :func:`render` writes."""


def render(
    ledger: Ledger,
    region: str,
    period: str,
    *,
    fmt: str = "md",
    lang: str = "zh",
    as_known_at: Moment | None = None,
    out: Path | None = None,
) -> str:
    """Render the report of ``region`` for ``period``; text formats are returned (and written
    to ``out`` when given); ``xlsx`` needs ``out`` and returns its path."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; formats: {', '.join(FORMATS)}")
    report = build_report(ledger, region, period, as_known_at=as_known_at)
    if fmt == "json":
        text = json.dumps(report.json, ensure_ascii=False, indent=2)
    elif fmt == "md":
        text = render_markdown(report, lang)
    elif fmt == "html":
        text = render_html(report, charts(report), lang)
    else:
        if out is None:
            raise ValueError("an XLSX report needs an output path")
        write_xlsx(report, charts(report), out, lang)
        return str(out)
    if out is not None:
        out.write_text(text, encoding="utf-8")
    return text
