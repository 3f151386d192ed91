"""The PDF report as a bureau files it: ``ipledger report --format pdf`` on the demo ledger, read
back with poppler (pdfinfo, pdffonts, pdftotext) as any PDF reader would."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from ipledger.report import SECTIONS
from tests.run_cli import EXIT_ERROR, EXIT_OK, run_ipledger

POPPLER = all(shutil.which(tool) for tool in ("pdfinfo", "pdffonts", "pdftotext"))
pytestmark = [
    pytest.mark.skipif(not POPPLER, reason="needs poppler: apt-get install -y poppler-utils"),
    pytest.mark.slow,
]
pytest.importorskip("weasyprint", reason="needs the pdf extra: pip install 'ipledger[pdf]'")

HEADINGS = {"主要指标", "概述", "图表", "指标明细", "数据说明", *(s.title_zh for s in SECTIONS)}


def poppler(tool: str, *args: str) -> str:
    """The text a poppler tool prints."""
    done = subprocess.run([tool, *args], capture_output=True, text=True, check=True, timeout=60)
    return done.stdout


@pytest.fixture(scope="module")
def pdf(demo_path, tmp_path_factory):
    """The PDF report of 江门 2023 from the demo ledger, made by ``ipledger report``."""
    out = tmp_path_factory.mktemp("pdf") / "jiangmen-2023.pdf"
    args = ("report", "--region", "440700", "--period", "2023", "--format", "pdf", "--out", out)
    done = run_ipledger(*args, db=demo_path)
    assert done.returncode == EXIT_OK, done.stderr
    assert done.stdout.strip() == str(out)
    return out


def test_pages_are_a4(pdf):
    """Every page is A4 (595 x 842 pt), and the report takes a handful of them."""
    info = poppler("pdfinfo", "-f", "1", "-l", "99", str(pdf))
    sizes = re.findall(r"Page +\d+ size: +([\d.]+) x ([\d.]+) pts", info)
    assert 3 <= len(sizes) <= 8
    for width, height in sizes:
        assert (round(float(width)), round(float(height))) == (595, 842)


def test_the_chinese_font_is_embedded_with_a_unicode_map(pdf):
    """Every font is embedded (a subset) and maps its glyphs back to Unicode."""
    lines = poppler("pdffonts", str(pdf)).splitlines()[2:]
    assert lines
    for line in lines:
        emb, sub, uni = line.split()[-5:-2]
        assert (emb, sub, uni) == ("yes", "yes", "yes"), line


def test_the_text_holds_the_narrative_and_the_figures(pdf):
    """pdftotext reads the generated sentences and the table's figures."""
    text = poppler("pdftotext", str(pdf), "-")
    joined = text.replace("\n", "")
    assert "江门市2023年知识产权统计报告" in joined
    assert "知识产权质押732笔，同比增长156.84%，排名全国第十四、全省第三" in joined
    assert "质押登记金额199亿元，同比增长124.91%，排名全国第十二、全省第五" in joined
    for figure in ("1,990,000.00", "884,800.00", "+156.84%", "14/333"):
        assert figure in text
    assert "数据截至" in text and "生成于" in text and "ipledger" in text


def test_no_page_ends_with_a_heading(pdf):
    """A heading is kept with what follows it: no page's last line is a heading."""
    pages = int(re.search(r"Pages: +(\d+)", poppler("pdfinfo", str(pdf))).group(1))
    for number in range(1, pages + 1):
        text = poppler("pdftotext", "-f", str(number), "-l", str(number), "-layout", str(pdf), "-")
        lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
        body = [ln for ln in lines if not re.fullmatch(r"\d+ / \d+", ln)]
        assert body[-1] not in HEADINGS, f"page {number} ends with {body[-1]!r}"


def test_pdf_without_the_extra_is_a_clear_error(demo_path, tmp_path):
    """Without WeasyPrint the command says which extra to install and exits 2."""
    blocker = tmp_path / "site"
    blocker.mkdir()
    (blocker / "weasyprint.py").write_text("raise ImportError('no weasyprint here')\n")
    args = ("report", "--region", "440700", "--period", "2023", "--format", "pdf")
    done = run_ipledger(*args, db=demo_path, cwd=tmp_path, env={"PYTHONPATH": str(blocker)})
    assert done.returncode == EXIT_ERROR
    assert "pip install 'ipledger[pdf]'" in done.stderr
    assert not list(tmp_path.glob("*.pdf"))
