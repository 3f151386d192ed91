"""The HTML report as a person sees it: the demo's 江门 2023 report in headless Chromium."""

from __future__ import annotations

import base64
import io
import re
import shutil
import subprocess

import numpy as np
import pytest
from PIL import Image

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
    assert "知识产权质押732笔，同比增长156.8%，排名全国第十四、全省第三" in dom
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
