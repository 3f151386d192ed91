"""The report as a PDF on A4, made from the HTML page by WeasyPrint (the ``pdf`` extra).

The page is the one of `render_html`, with its print rules (``@page`` A4, a heading kept with
what follows it, table headers repeated, page numbers), and the Noto Sans CJK SC font file
itself instead of the page's glyph subset: WeasyPrint embeds the glyphs the document uses as a
CID-keyed CFF font with a Unicode map, so the PDF shows Chinese on any machine and its text
can be searched and extracted (``pdftotext`` reads the narrative). Charts are the PNG images.

WeasyPrint runs in the process (no browser, no subprocess); it needs Pango, a system library
that Linux distributions ship (Debian: ``libpango-1.0-0``, ``libpangoft2-1.0-0``).
"""

from __future__ import annotations

import importlib
import logging
import threading
from collections.abc import Sequence
from typing import Any

from ipledger.report._build import Report
from ipledger.report._charts import Chart, render_charts
from ipledger.report._font import FONT_FAMILY, cjk_font_path
from ipledger.report._html import html_page, page_content

__all__ = ["render_pdf"]

_EXTRA = "pip install 'ipledger[pdf]'"
_LOCK = threading.Lock()  # WeasyPrint's font configuration is shared by the process
_PRINT = (
    "@page{@bottom-right{content:counter(page) ' / ' counter(pages);font-size:8pt;color:#6b7280}}"
)


def _weasyprint() -> Any:
    """The weasyprint module (untyped), or a clear ImportError naming the extra."""
    try:
        module = importlib.import_module("weasyprint")
    except ImportError as error:
        raise ImportError(f"PDF reports need WeasyPrint: {_EXTRA}") from error
    except OSError as error:  # the module is there, Pango is not
        raise ImportError(
            f"PDF reports need the Pango library (Debian: apt-get install libpango-1.0-0 "
            f"libpangoft2-1.0-0): {error}"
        ) from error
    # CSS the page has for browsers only (grid, overflow-x) is reported as a warning per rule
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    return module


def render_pdf(report: Report, *, charts: Sequence[Chart] | None = None) -> bytes:
    """The report as the bytes of a PDF document on A4.

    ``charts`` defaults to `render_charts` of the report (PNG only); pass ``[]`` for a
    document without charts.

    Raises:
        ImportError: WeasyPrint (the ``pdf`` extra), Pango, matplotlib or the CJK font
            (the ``report`` extra) is not installed.
    """
    weasyprint = _weasyprint()
    if charts is None:
        charts = render_charts(report, formats=("png",))
    content, _ = page_content(report, charts)
    font = cjk_font_path().as_uri()
    font_css = f"@font-face{{font-family:'{FONT_FAMILY}';src:url('{font}');}}{_PRINT}"
    page = html_page(report, content, font_css)
    with _LOCK:
        pdf: bytes = weasyprint.HTML(string=page).write_pdf()
    return pdf
