"""The PDF report as a bureau files it: ``ipledger report --format pdf`` on the demo ledger, read
back with poppler (pdfinfo, pdffonts, pdftotext) as any PDF reader would."""

from __future__ import annotations

import pytest

from tests.pdf_helpers import HEADINGS, POPPLER, last_lines, page_sizes, poppler
from tests.run_cli import EXIT_ERROR, EXIT_OK, run_ipledger

pytestmark = [
    pytest.mark.skipif(not POPPLER, reason="needs poppler: apt-get install -y poppler-utils"),
    pytest.mark.slow,
]
pytest.importorskip("weasyprint", reason="needs the pdf extra: pip install 'ipledger[pdf]'")


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
    sizes = page_sizes(pdf)
    assert 3 <= len(sizes) <= 8
    assert set(sizes) == {(595, 842)}


def test_the_chinese_font_is_embedded_with_a_unicode_map(pdf):
    """Every font is embedded (a subset) and maps its glyphs back to Unicode."""
    lines = poppler("pdffonts", pdf).splitlines()[2:]
    assert lines
    for line in lines:
        emb, sub, uni = line.split()[-5:-2]
        assert (emb, sub, uni) == ("yes", "yes", "yes"), line


def test_the_text_holds_the_narrative_and_the_figures(pdf):
    """pdftotext reads the generated sentences and the table's figures."""
    text = poppler("pdftotext", pdf, "-")
    joined = text.replace("\n", "")
    assert "江门市2023年知识产权统计报告" in joined
    assert "知识产权质押732笔，同比增长156.84%，排名全国第十四、全省第三" in joined
    assert "质押登记金额199亿元，同比增长124.91%，排名全国第十二、全省第五" in joined
    for figure in ("1,990,000.00", "884,800.00", "+156.84%", "14/333"):
        assert figure in text
    assert "数据截至" in text and "生成于" in text and "ipledger" in text


def test_no_page_ends_with_a_heading(pdf):
    """A heading is kept with what follows it: no page's last line is a heading."""
    for number, line in enumerate(last_lines(pdf), start=1):
        assert line not in HEADINGS, f"page {number} ends with {line!r}"


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
