"""The report as ONE self-contained HTML file: inline CSS, the CJK glyphs it uses embedded as a
font, charts as data-URI PNG images. It opens offline, by e-mail, on machines without a CJK
font, and prints on A4: ``@page`` A4 with margins, print rules that keep a heading with what
follows it, a table's rows whole and its header repeated on every page, and columns that size
to their figures (nothing overlaps; ``tests/e2e/test_report_browser.py`` measures the boxes).
The same page is what the PDF is made from (``ipledger.report.render_pdf``)."""

from __future__ import annotations

import base64
from collections.abc import Sequence
from html import escape

import ipledger
from ipledger.report._build import TREND_INDICATORS, Report
from ipledger.report._charts import Chart, render_charts
from ipledger.report._font import FONT_FAMILY, embedded_font_css
from ipledger.report._numbers import format_amount, format_change
from ipledger.report._table import headers, note, row_cells

__all__ = ["html_page", "page_content", "provenance_table", "render_html"]

_CSS = """
*{box-sizing:border-box}
body{font-family:%(fonts)s;margin:0;color:#1f2933;background:#f4f5f7;line-height:1.7}
main{max-width:1080px;margin:0 auto;padding:32px 40px;background:#fff}
header{border-bottom:3px solid #c0392b;margin-bottom:24px}
h1{font-size:28px;margin:0 0 4px}
.meta{color:#6b7280;font-size:13px;margin:0 0 12px}
h2{font-size:20px;color:#c0392b;margin:32px 0 12px;border-left:4px solid #c0392b;padding-left:10px}
h3{font-size:16px;margin:20px 0 6px}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(220px,1fr));gap:12px}
.card{border:1px solid #e5e7eb;border-radius:6px;padding:12px 14px;background:#fafafa}
.card .label{font-size:13px;color:#6b7280}
.card .value{font-size:24px;font-weight:bold;color:#1f2933}
.card .change{font-size:13px;color:#374151}
p.narrative{text-indent:2em;margin:6px 0 12px;font-size:15px}
figure{margin:16px 0;text-align:center}
figure img{max-width:100%%;height:auto;border:1px solid #eee}
figcaption{font-size:13px;color:#6b7280}
.table-wrap{overflow-x:auto;margin:6px 0 18px}
table{border-collapse:collapse;width:100%%;font-size:13px}
th,td{border:1px solid #e5e7eb;padding:4px 8px;text-align:right;white-space:nowrap;
 font-variant-numeric:tabular-nums}
th{background:#f3f4f6;font-weight:bold}
th:first-child,td:first-child{text-align:left;white-space:normal;min-width:9em}
tr.sub td:first-child{padding-left:2em;color:#4b5563}
table.provenance{width:auto;font-size:12px;color:#4b5563;margin:8px 0}
table.provenance th,table.provenance td{border:0;padding:1px 12px 1px 0;text-align:left;
 white-space:normal;background:none;font-weight:normal}
table.provenance th{color:#6b7280;white-space:nowrap}
footer{margin-top:32px;color:#6b7280;font-size:12px;border-top:1px solid #e5e7eb;padding-top:8px}
@page{size:A4;margin:16mm 14mm 16mm 14mm}
@media print{
 body{background:#fff;font-size:10pt;line-height:1.6}
 main{max-width:none;margin:0;padding:0}
 h1{font-size:19pt}h2{font-size:14pt;margin:18pt 0 8pt}h3{font-size:11pt;margin:12pt 0 4pt}
 h2,h3{break-after:avoid;page-break-after:avoid}
 .block,figure,tr,.card{break-inside:avoid;page-break-inside:avoid}
 .cards{display:block}
 .card{display:inline-block;width:32%%;margin:0 1%% 6pt 0;vertical-align:top;padding:6pt 8pt}
 .card .value{font-size:15pt}.card .label,.card .change{font-size:8.5pt}
 p.narrative{font-size:10pt}
 .table-wrap{overflow:visible}
 table{font-size:8pt}th,td{padding:2pt 4pt}
 thead{display:table-header-group}
 figure img{max-height:120mm;width:auto}
 footer{font-size:8pt}
}
"""

_FONTS = "'Noto Sans CJK SC','PingFang SC','Microsoft YaHei',sans-serif"


def _cards(report: Report) -> str:
    zh = report.lang == "zh"
    cards = []
    for indicator in TREND_INDICATORS:
        row = report.row(indicator)
        if row is None or row.value is None or not report.published(indicator):
            continue
        value = format_amount(
            row.value, row.unit_record, row.measure_word, report.lang, report.settings
        )
        change = format_change(row.yoy_pct, report.lang, report.settings.yoy_decimals)
        change_text = "" if change is None else (f"同比{change}" if zh else f"{change} YoY")
        cards.append(
            '<div class="card">'
            f'<div class="label">{escape(row.label(report.lang))}</div>'
            f'<div class="value">{escape(value)}</div>'
            f'<div class="change">{escape(change_text)}</div></div>'
        )
    return f'<div class="cards">{"".join(cards)}</div>' if cards else ""


def _figure(chart: Chart) -> str:
    if chart.png is None:
        return ""
    data = base64.b64encode(chart.png).decode("ascii")
    title = escape(chart.title)
    return (
        f'<figure id="chart-{escape(chart.key)}"><img alt="{title}" '
        f'src="data:image/png;base64,{data}"><figcaption>{title}</figcaption></figure>'
    )


def _tables(report: Report) -> str:
    parts = []
    names = "".join(f"<th>{escape(h)}</th>" for h in headers(report.lang))
    for section, rows in report.sections():
        body = "".join(
            ('<tr class="sub"' if r.is_breakdown else "<tr")
            + f' data-indicator="{escape(r.indicator)}">'
            + "".join(f"<td>{escape(c)}</td>" for c in row_cells(r, report.lang, report.settings))
            + "</tr>"
            for r in rows
        )
        parts.append(
            f'<section class="indicator-table" id="table-{section.key}">'
            f"<h3>{escape(section.title(report.lang))}</h3>"
            f'<div class="table-wrap"><table><thead><tr>{names}</tr></thead>'
            f"<tbody>{body}</tbody></table></div></section>"
        )
    return "".join(parts)


def provenance_table(report: Report) -> str:
    """The report's provenance (数据截至, 生成于, version, settings, basis) as an HTML table."""
    rows = "".join(
        f"<tr><th>{escape(label)}</th><td>{escape(text)}</td></tr>"
        for label, text in report.provenance.facts(report.lang, report.rows)
    )
    return f'<table class="provenance"><tbody>{rows}</tbody></table>'


def page_content(report: Report, charts: Sequence[Chart]) -> tuple[str, str]:
    """The page's body and the figures in it (the HTML of the images)."""
    zh = report.lang == "zh"
    body = [f"<header><h1>{escape(report.title)}</h1>"]
    body.append(f'<p class="meta">{escape(report.subtitle)}</p></header>')
    cards = _cards(report)
    if cards:
        title = "主要指标" if zh else "Key figures"
        body.append(f'<section class="block"><h2>{title}</h2>{cards}</section>')
    if report.narrative:
        body.append(f'<h2 id="summary">{"概述" if zh else "Summary"}</h2>')
        for paragraph in report.narrative:
            body.append(
                f'<div class="block"><h3>{escape(paragraph.title)}</h3>'
                f'<p class="narrative" data-section="{paragraph.section}">'
                f"{escape(paragraph.text)}</p></div>"
            )
    figures = "".join(_figure(c) for c in charts)
    if figures:
        body.append(f'<h2 id="charts">{"图表" if zh else "Charts"}</h2>{figures}')
    body.append(f'<h2 id="indicators">{"指标明细" if zh else "Indicators"}</h2>{_tables(report)}')
    body.append(
        f"<footer><p>{escape(note(report.lang))}</p>"
        f'<h3 id="provenance">{"数据说明" if zh else "Provenance"}</h3>'
        f"{provenance_table(report)}</footer>"
    )
    return "".join(body), figures


def html_page(report: Report, content: str, font_css: str) -> str:
    """The whole document of the page's ``content`` (`page_content`), with ``font_css``
    (an ``@font-face`` rule for `FONT_FAMILY`, or nothing)."""
    fonts = (f"'{FONT_FAMILY}'," if font_css else "") + _FONTS
    zh = report.lang == "zh"
    return (
        f'<!DOCTYPE html>\n<html lang="{"zh-CN" if zh else "en"}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f'<meta name="generator" content="ipledger {escape(ipledger.__version__)}">'
        f"<title>{escape(report.title)}</title>"
        f"<style>{font_css}{_CSS % {'fonts': fonts}}</style></head>"
        f"<body><main>{content}</main></body></html>\n"
    )


def render_html(
    report: Report,
    *,
    charts: Sequence[Chart] | None = None,
    embed_font: bool = True,
    fragment: bool = False,
) -> str:
    """The whole report as one HTML document that references no other file.

    ``charts`` defaults to `render_charts` of the report (PNG only); pass ``[]`` for a page
    without charts (no matplotlib needed). ``embed_font`` embeds the CJK glyphs the page
    uses, so it renders Chinese on machines without a CJK font. ``fragment`` gives a
    ``<div>`` with its own scoped style instead of a document (a notebook's view of the
    report), without charts or font.
    """
    if fragment:
        content, _ = page_content(report, ())
        return f'<div class="ipledger-report"><style>{_NOTEBOOK_CSS}</style>{content}</div>'
    if charts is None:
        charts = render_charts(report, formats=("png",))
    content, figures = page_content(report, charts)
    # the glyphs of every text on the page: the content less the images, plus the captions
    glyphs = content.replace(figures, "") + "".join(c.title for c in charts)
    return html_page(report, content, embedded_font_css(glyphs) if embed_font else "")


_NOTEBOOK_CSS = (
    ".ipledger-report{max-width:980px}"
    ".ipledger-report .cards{display:flex;flex-wrap:wrap;gap:8px}"
    ".ipledger-report .card{border:1px solid #ddd;border-radius:4px;padding:4px 10px}"
    ".ipledger-report .card .value{font-size:1.3em;font-weight:bold}"
    ".ipledger-report td,.ipledger-report th{text-align:right;white-space:nowrap}"
    ".ipledger-report td:first-child,.ipledger-report th:first-child{text-align:left;"
    "white-space:normal}"
    ".ipledger-report tr.sub td:first-child{padding-left:2em}"
    ".ipledger-report .meta{color:#666}"
)
