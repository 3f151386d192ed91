"""The report as one self-contained HTML file: inline CSS, charts as data-URI images."""

from __future__ import annotations

import base64
import html

from ipledger.report._build import Report
from ipledger.report._charts import Chart
from ipledger.report._font import embedded_font_css
from ipledger.report._narrative import narrative, period_label
from ipledger.report._table import HEADERS, display_rows, rows_by_section

__all__ = ["render_html"]

_CSS = """
body{font-family:"ipledger-cjk","Noto Sans CJK SC","Microsoft YaHei","PingFang SC",sans-serif;
margin:2em auto;max-width:1100px;color:#222;line-height:1.6}
h1{border-bottom:3px solid #c0392b;padding-bottom:.3em}h2{color:#c0392b;margin-top:1.6em}
table{border-collapse:collapse;width:100%;margin:.5em 0 1.5em;font-size:14px}
th,td{border:1px solid #ddd;padding:4px 8px;text-align:right}
th:first-child,td:first-child{text-align:left}
th{background:#f6f6f6}p.narrative{text-indent:2em}figure{margin:1em 0}img{max-width:100%}
.meta{color:#777;font-size:13px}
"""


def _figure(chart: Chart) -> str:
    data = base64.b64encode(chart.png).decode("ascii")
    return (
        f'<figure id="chart-{chart.key}"><img alt="{html.escape(chart.title)}" '
        f'src="data:image/png;base64,{data}">'
        f"<figcaption>{html.escape(chart.title)}</figcaption></figure>"
    )


def render_html(report: Report, charts: list[Chart], lang: str = "zh") -> str:
    """The whole report as one HTML document (no external file is referenced)."""
    e = html.escape
    title = (
        f"{report.region_name}{period_label(report.period)}知识产权统计报告"
        if lang == "zh"
        else f"IP statistics of {report.region_name}, {period_label(report.period, 'en')}"
    )
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{"zh-CN" if lang == "zh" else "en"}"><head><meta charset="utf-8">',
        f"<title>{e(title)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{e(title)}</h1>",
        f'<p class="meta">{e(report.region)} · {e(str(report.period))}'
        + (f" · as known at {report.as_known_at:%Y-%m-%d %H:%M} UTC" if report.as_known_at else "")
        + "</p>",
    ]
    for section_title, paragraph in narrative(report, lang):
        parts.append(f'<h2>{e(section_title)}</h2><p class="narrative">{e(paragraph)}</p>')
    parts.append(f"<h2>{'图表' if lang == 'zh' else 'Charts'}</h2>")
    parts += [_figure(c) for c in charts]
    parts.append(f"<h2>{'指标表' if lang == 'zh' else 'Indicators'}</h2>")
    for section, rows in rows_by_section(report.rows):
        heading = section.title_zh if lang == "zh" else section.title_en
        parts.append(f"<h3>{e(heading)}</h3><table><thead><tr>")
        parts += [f"<th>{e(h)}</th>" for h in HEADERS[lang]]
        parts.append("</tr></thead><tbody>")
        for cells in display_rows(rows, lang):
            parts.append("<tr>" + "".join(f"<td>{e(c)}</td>" for c in cells) + "</tr>")
        parts.append("</tbody></table>")
    parts.append("</body></html>")
    page = "\n".join(parts)
    return page.replace("</style>", embedded_font_css(page) + "</style>", 1)
