"""The HTML report as a person sees it: the demo's 江门 2023 report in headless Chromium, on
screen and with its print rules at A4 width (element boxes measured in the DOM)."""

from __future__ import annotations

import base64
import io
import json
import re
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from tests.pdf_helpers import HEADINGS, POPPLER, last_lines, page_sizes
from tests.run_cli import EXIT_OK, run_ipledger

CHROMIUM = next(
    (p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if p), None
)
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
)
CHART_BLUE = np.array([0x8F, 0xA8, 0xC8])  # the bars' colour: only charts use it

pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="needs a headless Chromium: apt-get install -y chromium"
)


@pytest.fixture(scope="module")
def page(demo_path, tmp_path_factory):
    """The HTML report of 江门 2023 from the demo ledger, made by ``ipledger report``."""
    out = tmp_path_factory.mktemp("report") / "jiangmen-2023.html"
    args = ("report", "--region", "440700", "--period", "2023", "--format", "html", "--out", out)
    done = run_ipledger(*args, db=demo_path)
    assert done.returncode == EXIT_OK, done.stderr
    return out


def chromium(profile, *args: str) -> subprocess.CompletedProcess[str]:
    """Run headless Chromium with a fresh profile folder."""
    return subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True,
        text=True,
        timeout=90,
        check=True,
    )


def test_chinese_text_is_in_the_dom(page, tmp_path):
    """The DOM Chromium builds holds the title and the generated narrative."""
    dom = chromium(tmp_path / "profile", "--dump-dom", page.as_uri()).stdout
    assert "<h1>江门市2023年知识产权统计报告</h1>" in dom
    assert "知识产权质押732笔，同比增长156.84%，排名全国第十四、全省第三" in dom
    assert dom.count("<figure") == 4


def test_chart_images_are_not_blank(page):
    """Each chart is an inline PNG of many colours, not a single-colour image."""
    html = page.read_text(encoding="utf-8")
    images = re.findall(r'src="data:image/png;base64,([^"]+)"', html)
    assert len(images) == 4
    for data in images:
        image = Image.open(io.BytesIO(base64.b64decode(data))).convert("RGB")
        assert image.width > 500
        assert len(image.getcolors(maxcolors=1 << 20) or []) > 20


def test_screenshot_shows_text_and_charts(page, tmp_path):
    """A screenshot of the page has text ink and the charts' bars painted."""
    shot = tmp_path / "page.png"
    chromium(tmp_path / "profile", f"--screenshot={shot}", "--window-size=1200,5200", page.as_uri())
    pixels = np.asarray(Image.open(shot).convert("RGB")).astype(int)
    top = pixels[:1200]  # title, key figures and narrative
    assert (top.mean(axis=-1) < 100).mean() > 0.01  # dark text
    bars = (np.abs(pixels - CHART_BLUE).sum(axis=-1) < 30).sum()
    assert bars > 20_000  # the bars of the trend and peer charts


MEASURE = (Path(__file__).parent / "measure_cells.js").read_text(encoding="utf-8")
A4_CONTENT_PX = 688  # 210 mm less the page's 2 x 14 mm margins, at 96 px per inch


def measured(page: Path, tmp_path: Path, *, width: int, print_rules: bool) -> dict:
    """Every table cell's box and its text's boxes, measured by a script in a copy of the
    page (the report itself has no script); with ``print_rules`` the page's print CSS is
    applied on screen, at the width of an A4 page's text."""
    html = page.read_text(encoding="utf-8")
    if print_rules:
        assert "@media print{" in html
        html = html.replace("@media print{", "@media all{")
    copy = tmp_path / "measured.html"
    copy.write_text(html.replace("</body>", f"<script>{MEASURE}</script></body>"), "utf-8")
    dom = chromium(
        tmp_path / "profile",
        f"--window-size={width},1200",
        "--virtual-time-budget=5000",
        "--dump-dom",
        copy.as_uri(),
    ).stdout
    found = re.search(r'<pre id="measured">(.*?)</pre>', dom)
    assert found, "the measuring script did not run"
    return json.loads(found.group(1).replace("&quot;", '"'))


@pytest.mark.parametrize(
    ("width", "print_rules"), [(A4_CONTENT_PX, True), (800, False), (1200, False)]
)
def test_no_cell_overlaps_another(page, tmp_path, width, print_rules):
    """Printed on A4 (the print rules at an A4 page's width) and in an 800 px window, every
    figure stays inside its cell, no cell overlaps the next, no table is wider than the page."""
    result = measured(page, tmp_path, width=width, print_rules=print_rules)
    assert result["cells"] > 400
    assert result["problems"] == []


def test_the_page_prints_on_a4(page):
    """The print CSS sets A4 and keeps a heading with what follows it."""
    html = page.read_text(encoding="utf-8")
    assert "@page{size:A4;" in html
    assert re.search(r"h2,h3\{break-after:avoid", html)
    assert "thead{display:table-header-group}" in html


def test_the_measure_finds_overlapping_cells(tmp_path):
    """The measuring script sees the overlap of fixed narrow columns (as the page had)."""
    cells = "".join(f"<td>{n:,.2f}</td>" for n in (1_990_000, 884_800, 1_500_000))
    page = tmp_path / "narrow.html"
    page.write_text(
        "<html><body><main><table style='table-layout:fixed;width:200px'>"
        f"<tr style='white-space:nowrap'>{cells}</tr></table></main></body></html>",
        "utf-8",
    )
    result = measured(page, tmp_path, width=400, print_rules=False)
    assert any("out of its cell" in p for p in result["problems"])


@pytest.mark.skipif(not POPPLER, reason="needs poppler-utils")
def test_chromium_prints_the_page_on_a4_with_headings_kept(page, tmp_path):
    """Printed by Chromium itself (its own print dialog's engine): A4 pages, and no page
    ends with a heading left alone at its foot."""
    pdf = tmp_path / "printed.pdf"
    chromium(tmp_path / "profile", "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri())
    assert set(page_sizes(pdf)) == {(595, 842)}
    for number, line in enumerate(last_lines(pdf), start=1):
        assert line not in HEADINGS, f"page {number} ends with {line!r}"
