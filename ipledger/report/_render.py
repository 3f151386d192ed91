"""One entry point for every format: what the CLI, the examples and services call."""

from __future__ import annotations

from collections.abc import Sequence

from ipledger.report._build import Report
from ipledger.report._charts import Chart
from ipledger.report._html import render_html
from ipledger.report._json import render_json
from ipledger.report._markdown import render_markdown
from ipledger.report._pdf import render_pdf
from ipledger.report._xlsx import render_xlsx

__all__ = ["FORMATS", "render_report"]

FORMATS = ("md", "html", "pdf", "xlsx", "json")
"""The formats `render_report` writes."""


def render_report(report: Report, fmt: str, *, charts: Sequence[Chart] | None = None) -> bytes:
    """The report in ``fmt`` (``md``, ``html``, ``pdf``, ``xlsx`` or ``json``) as the bytes of
    a file (text is UTF-8). ``charts`` are reused by HTML, PDF and XLSX instead of rendering
    them again.

    Raises:
        ValueError: an unknown format.
        ImportError: a format's extra is not installed (``report``; ``pdf`` for PDF).
    """
    if fmt == "md":
        return render_markdown(report).encode("utf-8")
    if fmt == "json":
        return render_json(report).encode("utf-8")
    if fmt == "html":
        return render_html(report, charts=charts).encode("utf-8")
    if fmt == "pdf":
        return render_pdf(report, charts=charts)
    if fmt == "xlsx":
        return render_xlsx(report, charts=charts)
    raise ValueError(f"unknown report format {fmt!r}; formats: {', '.join(FORMATS)}")
