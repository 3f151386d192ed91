"""The demo annual report as a person sees it: rendered by headless Chromium."""

from __future__ import annotations

import base64
import io
import re
import shutil
import subprocess

import pytest
from matplotlib import image as mpimg

from ipledger.cli import main

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="needs Debian's chromium (apt-get install chromium)"
)


@pytest.fixture(scope="module")
def html_report(demo_path, tmp_path_factory):
    """The HTML report of 江门 2023 from the demo ledger, made by the CLI."""
    out = tmp_path_factory.mktemp("report") / "jiangmen-2023.html"
    with pytest.raises(SystemExit) as done:
        main(
            [
                "--db",
                str(demo_path),
                "report",
                "--region",
                "440700",
                "--period",
                "2023",
                "--format",
                "html",
                "--out",
                str(out),
            ]
        )
    assert done.value.code == 0
    return out


def chromium(tmp_path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run headless Chromium with a fresh profile."""
    return subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )


def test_chinese_text_is_in_the_rendered_page(html_report, tmp_path):
    """The DOM Chromium builds holds the Chinese narrative with the published figures."""
    dom = chromium(tmp_path, "--dump-dom", html_report.as_uri()).stdout
    assert "江门市2023年知识产权统计报告" in dom
    assert "知识产权质押732笔，同比增长156.8%，排名全国第十四、全省第三" in dom


def test_charts_are_images_with_content(html_report):
    """Every chart is an inline PNG that is not blank (many distinct colours)."""
    html = html_report.read_text(encoding="utf-8")
    images = re.findall(r'src="data:image/png;base64,([^"]+)"', html)
    assert len(images) == 3
    for data in images:
        pixels = mpimg.imread(io.BytesIO(base64.b64decode(data)), format="png")
        flat = pixels.reshape(-1, pixels.shape[-1])
        assert len({tuple(p) for p in flat[:: max(1, len(flat) // 5000)]}) > 5


def test_screenshot_is_not_blank(html_report, tmp_path):
    """A screenshot of the page has ink on it, not just white."""
    shot = tmp_path / "page.png"
    chromium(tmp_path, f"--screenshot={shot}", "--window-size=1200,2400", html_report.as_uri())
    pixels = mpimg.imread(shot)
    dark = (pixels[..., :3].mean(axis=-1) < 0.6).mean()
    assert dark > 0.01
