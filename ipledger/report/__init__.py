"""The statistics report: the indicator table, narrative in the bureau's style and charts, as
Markdown, one self-contained HTML file, an XLSX workbook or the JSON of INDICATORS.md.

:func:`build_report` gathers what a report shows (one region, one period, as known at a
moment) into a :class:`Report`; the ``render_*`` functions only format it. Charts, HTML and
XLSX need the ``report`` extra (``pip install 'ipledger[report]'``: matplotlib, mplfonts,
openpyxl); Markdown and JSON do not.

Examples:
    >>> from ipledger import Ledger
    >>> with Ledger.open() as ledger:
    ...     report = build_report(ledger, "440700", "2023")
    >>> report.title
    '江门市2023年知识产权统计报告'
    >>> render_markdown(report).splitlines()[0]
    '# 江门市2023年知识产权统计报告'
"""

from __future__ import annotations

from ipledger.report._build import (
    MONTH_INDICATORS,
    PEER_INDICATORS,
    TREND_INDICATORS,
    Report,
    build_report,
    report_from_table,
)
from ipledger.report._charts import CHART_FORMATS, Chart, render_charts
from ipledger.report._html import render_html
from ipledger.report._json import render_json
from ipledger.report._markdown import render_markdown
from ipledger.report._narrative import Paragraph, write_narrative
from ipledger.report._render import FORMATS, render_report
from ipledger.report._sections import SECTIONS, IndicatorRow, Section
from ipledger.report._xlsx import render_xlsx

__all__ = [
    "CHART_FORMATS",
    "FORMATS",
    "MONTH_INDICATORS",
    "PEER_INDICATORS",
    "SECTIONS",
    "TREND_INDICATORS",
    "Chart",
    "IndicatorRow",
    "Paragraph",
    "Report",
    "Section",
    "build_report",
    "render_charts",
    "render_html",
    "render_json",
    "render_markdown",
    "render_report",
    "render_xlsx",
    "report_from_table",
    "write_narrative",
]
