"""Reading a PDF back as any reader would, with poppler's command-line tools."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from ipledger.report import SECTIONS

POPPLER = all(shutil.which(tool) for tool in ("pdfinfo", "pdffonts", "pdftotext"))
"""Whether poppler-utils are installed (Debian: apt-get install poppler-utils)."""

HEADINGS = frozenset(
    {"主要指标", "概述", "图表", "指标明细", "数据说明", *(s.title_zh for s in SECTIONS)}
)
"""The headings of a Chinese report: none may end a page."""


def poppler(tool: str, *args: str | Path) -> str:
    """The text a poppler tool prints."""
    command = [tool, *(str(a) for a in args)]
    return subprocess.run(command, capture_output=True, text=True, check=True, timeout=60).stdout


def page_sizes(pdf: Path) -> list[tuple[int, int]]:
    """Each page's size in points, rounded (A4 is 595 x 842)."""
    info = poppler("pdfinfo", "-f", "1", "-l", "999", pdf)
    sizes = re.findall(r"Page +\d+ size: +([\d.]+) x ([\d.]+) pts", info)
    return [(round(float(w)), round(float(h))) for w, h in sizes]


def last_lines(pdf: Path) -> list[str]:
    """The last line of text of each page, page numbers ("3 / 5") left out."""
    out = []
    for number in range(1, len(page_sizes(pdf)) + 1):
        text = poppler("pdftotext", "-f", str(number), "-l", str(number), "-layout", pdf, "-")
        lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
        body = [ln for ln in lines if not re.fullmatch(r"\d+ / \d+", ln)]
        out.append(body[-1] if body else "")
    return out
