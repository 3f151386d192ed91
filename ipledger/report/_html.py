"""The report as ONE self-contained HTML file: inline CSS, the CJK glyphs it uses embedded as a
font, charts as data-URI PNG images. It opens offline, by e-mail, on machines without a CJK
font, and prints on A4."""

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

__all__ = ["render_html"]

_CSS = """
*{box-sizing:border-box}
body{font-family:'%(font)s','Noto Sans CJK SC','PingFang SC','Microsoft YaHei',sans-serif;
 margin:0;color:#1f2933;background:#f4f5f7;line-height:1.7}
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
table{border-collapse:collapse;width:100%%;margin:6px 0 18px;font-size:13px;table-layout:fixed}
th:first-child{width:30%%}th:nth-child(2){width:8%%}
th,td{border:1px solid #e5e7eb;padding:4px 8px;text-align:right;white-space:nowrap}
th{background:#f3f4f6;font-weight:bold}
th:first-child,td:first-child{text-align:left;white-space:normal}
tr.sub td:first-child{padding-left:2em;color:#4b5563}
footer{margin-top:32px;color:#6b7280;font-size:12px;border-top:1px solid #e5e7eb;padding-top:8px}
@media print{body{background:#fff}main{padding:0}figure,table{break-inside:avoid}}
"""


def _cards(report: Report) -> str:
    zh = report.lang == "zh"
    cards = []
    for indicator in TREND_INDICATORS:
        row = report.row(indicator)
        if row is None or row.value is None:
            continue
        value = format_amount(row.value, row.unit_record, row.measure_word, report.lang)
        change = format_change(row.yoy_pct, report.lang)
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
            + "".join(f"<td>{escape(c)}</td>" for c in row_cells(r, report.lang))
            + "</tr>"
            for r in rows
        )
        parts.append(
            f'<h3 id="table-{section.key}">{escape(section.title(report.lang))}</h3>'
            f"<table><thead><tr>{names}</tr></thead><tbody>{body}</tbody></table>"
        )
    return "".join(parts)


def render_html(
    report: Report, *, charts: Sequence[Chart] | None = None, embed_font: bool = True
) -> str:
    """The whole report as one HTML document that references no other file.

    ``charts`` defaults to :func:`render_charts` of the report (PNG only); pass ``[]`` for a
    page without charts (no matplotlib needed). ``embed_font`` embeds the CJK glyphs the page
    uses, so it renders Chinese on machines without a CJK font.
    """
    zh = report.lang == "zh"
    if charts is None:
        charts = render_charts(report, formats=("png",))
    meta = [
        f"{'地区代码' if zh else 'Region'} {report.region}",
        f"{'统计期间' if zh else 'Period'} {report.period}",
    ]
    if report.known_at_text is not None:
        meta.append(
            f"按{report.known_at_text}的台账记录统计"
            if zh
            else f"as known at {report.known_at_text}"
        )
    body = [f"<header><h1>{escape(report.title)}</h1>"]
    body.append(f'<p class="meta">{escape(" · ".join(meta))}</p></header>')
    cards = _cards(report)
    if cards:
        body.append(f"<h2>{'主要指标' if zh else 'Key figures'}</h2>{cards}")
    if report.narrative:
        body.append(f'<h2 id="summary">{"概述" if zh else "Summary"}</h2>')
        for paragraph in report.narrative:
            body.append(
                f"<h3>{escape(paragraph.title)}</h3>"
                f'<p class="narrative" data-section="{paragraph.section}">'
                f"{escape(paragraph.text)}</p>"
            )
    figures = "".join(_figure(c) for c in charts)
    if figures:
        body.append(f'<h2 id="charts">{"图表" if zh else "Charts"}</h2>{figures}')
    body.append(f'<h2 id="indicators">{"指标明细" if zh else "Indicators"}</h2>{_tables(report)}')
    footer = escape(note(report.lang))
    body.append(f"<footer>{footer}<br>ipledger {escape(ipledger.__version__)}</footer>")
    content = "".join(body)
    # the glyphs of every text on the page: the content less the images, plus the captions
    glyphs = content.replace(figures, "") + "".join(c.title for c in charts)
    font_css = embedded_font_css(glyphs) if embed_font else ""
    return (
        f'<!DOCTYPE html>\n<html lang="{"zh-CN" if zh else "en"}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>{escape(report.title)}</title>"
        f"<style>{font_css}{_CSS % {'font': FONT_FAMILY}}</style></head>"
        f"<body><main>{content}</main></body></html>\n"
    )
