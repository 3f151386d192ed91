"""The statistics report: the indicator table, narrative in the bureau's style and charts, as
Markdown, one self-contained HTML file, a PDF on A4, an XLSX workbook or the JSON of
docs/indicators.md.

`build_report` gathers what a report shows (one region, one period, as known at a moment,
with its provenance) into a `Report`; the ``render_*`` functions only format it, as the
bureau's `ReportSettings` say. Charts, HTML and XLSX need the ``report`` extra
(``pip install 'ipledger[report]'``: matplotlib, mplfonts, openpyxl), PDF also the ``pdf``
extra (WeasyPrint); Markdown and JSON need neither.

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
    english_name,
    report_from_table,
)
from ipledger.report._charts import CHART_FORMATS, Chart, render_charts
from ipledger.report._html import render_html
from ipledger.report._json import render_json
from ipledger.report._markdown import render_markdown
from ipledger.report._narrative import Paragraph, write_narrative
from ipledger.report._pdf import render_pdf
from ipledger.report._provenance import Provenance, moment_text
from ipledger.report._render import FORMATS, render_report
from ipledger.report._sections import SECTIONS, IndicatorRow, Section
from ipledger.report._settings import (
    DEFAULT_REPORT_SETTINGS,
    SECTION_KEYS,
    ReportSettings,
    load_settings,
)
from ipledger.report._xlsx import render_xlsx

__all__ = [
    "CHART_FORMATS",
    "DEFAULT_REPORT_SETTINGS",
    "FORMATS",
    "MONTH_INDICATORS",
    "PEER_INDICATORS",
    "SECTIONS",
    "SECTION_KEYS",
    "TREND_INDICATORS",
    "Chart",
    "IndicatorRow",
    "Paragraph",
    "Provenance",
    "Report",
    "ReportSettings",
    "Section",
    "build_report",
    "english_name",
    "load_settings",
    "moment_text",
    "render_charts",
    "render_html",
    "render_json",
    "render_markdown",
    "render_pdf",
    "render_report",
    "render_xlsx",
    "report_from_table",
    "write_narrative",
]
