"""Charts of a report (matplotlib, Agg; Chinese drawn with the pip-installed Noto CJK font).

Three kinds: 5-year trends of the key indicators, the region among its provincial peers, and
pledges month by month against the year before; only indicators of the sections the report
publishes, counts with whole-number ticks. Figures are made with
`matplotlib.figure.Figure` (no pyplot, no global backend switch) under one lock, since
matplotlib is not thread-safe; the output is deterministic (no dates or random ids in it).
"""

from __future__ import annotations

import io
import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import attrs

from ipledger.report._build import PEER_INDICATORS, TREND_INDICATORS, Report
from ipledger.report._font import register_with_matplotlib
from ipledger.report._numbers import chinese_numeral, format_decimal, money_scale
from ipledger.report._sections import measure_word, unit_of
from ipledger.stats import CATALOG, parse_period

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["CHART_FORMATS", "Chart", "render_charts"]

CHART_FORMATS = ("png", "svg")
"""The formats a chart is rendered in."""

_LOCK = threading.Lock()
_HIGHLIGHT = "#c0392b"
_BASE = "#8fa8c8"
_PREVIOUS = "#c8d3e0"
_DPI = 100


@attrs.frozen
class Chart:
    """One rendered chart: a key (``trends``, ``peers-pledge_amount``, ``months``), its title,
    and its PNG bytes and SVG text (``None`` for a format not asked for)."""

    key: str
    title: str
    png: bytes | None
    svg: str | None


def _scale(values: Sequence[float], indicator: str, lang: str) -> tuple[float, str]:
    """Divisor and unit label that keep an axis readable: 亿元 / 万元 / 元, 件 / 笔 ..."""
    unit = unit_of(indicator)
    if unit.money:
        scale = money_scale(max((abs(v) for v in values), default=0.0))
        return float(scale.divisor), scale.label(unit, lang)
    return 1.0, unit.label(lang, measure_word(indicator))


def _label(indicator: str, lang: str) -> str:
    info = CATALOG.get(indicator)
    if info is None:
        return indicator
    return info.label_zh if lang == "zh" else info.label_en


def _short(value: float) -> str:
    return format_decimal(value, 2 if abs(value) < 100 else 0 if abs(value) >= 1000 else 1)


def _count_ticks(axis: Any, indicator: str) -> None:
    """Whole-number ticks on the value axis of a count (no 2.5 patents)."""
    if unit_of(indicator).whole:
        from matplotlib.ticker import MaxNLocator

        axis.set_major_locator(MaxNLocator(integer=True))


def _style(ax: Axes) -> None:
    ax.spines[["top", "right"]].set_visible(False)
    ax.tick_params(labelsize=9)
    ax.grid(axis="y", color="#e5e5e5", linewidth=0.8)
    ax.set_axisbelow(True)


def _trends(report: Report, figure_cls: type[Figure]) -> tuple[str, Figure] | None:
    lang = report.lang
    data = report.trends.to_pylist()
    series = []
    for indicator in TREND_INDICATORS:
        if not report.published(indicator):
            continue
        points = [(r["period"], r["value"] or 0.0) for r in data if r["indicator"] == indicator]
        if any(v for _, v in points):
            series.append((indicator, points))
    if not series:
        return None
    columns = min(3, len(series))
    lines = (len(series) + columns - 1) // columns
    figure = figure_cls(figsize=(4.0 * columns, 3.0 * lines + 0.6), dpi=_DPI)
    axes = figure.subplots(lines, columns, squeeze=False).ravel()
    for ax, (indicator, points) in zip(axes, series, strict=False):
        divisor, unit_label = _scale([v for _, v in points], indicator, lang)
        values = [v / divisor for _, v in points]
        years = [str(parse_period(p).year) for p, _ in points]
        colors = [_BASE] * (len(points) - 1) + [_HIGHLIGHT]
        bars = ax.bar(years, values, color=colors, width=0.62)
        ax.bar_label(bars, labels=[_short(v) for v in values], fontsize=8, padding=2)
        title = _label(indicator, lang)
        ax.set_title(
            f"{title}（{unit_label}）"
            if unit_label and lang == "zh"
            else f"{title} ({unit_label})"
            if unit_label
            else title,
            fontsize=10,
        )
        ax.margins(y=0.18)
        _count_ticks(ax.yaxis, indicator)
        _style(ax)
    for ax in axes[len(series) :]:
        ax.set_visible(False)
    title = (
        f"{report.region_name}近{chinese_numeral(len(series[0][1]))}年主要知识产权指标"
        if lang == "zh"
        else f"{report.region_name}: key IP indicators over {len(series[0][1])} years"
    )
    figure.suptitle(title, fontsize=13)
    figure.tight_layout()
    return title, figure


def _peer_chart(
    report: Report, indicator: str, figure_cls: type[Figure]
) -> tuple[str, Figure] | None:
    lang = report.lang
    rows = [r for r in report.peers.to_pylist() if r["indicator"] == indicator]
    if not report.published(indicator) or len(rows) < 2 or not any(r["value"] for r in rows):
        return None
    if len(rows) > 25:  # the top 20, and the region wherever it stands
        top = rows[:20]
        mine = [r for r in rows[20:] if r["region_code"] == report.region]
        rows = top + mine
    divisor, unit_label = _scale([r["value"] for r in rows], indicator, lang)
    names = [f"{r['region_name']}" for r in rows][::-1]
    values = [r["value"] / divisor for r in rows][::-1]
    colors = [_HIGHLIGHT if r["region_code"] == report.region else _BASE for r in rows][::-1]
    figure = figure_cls(figsize=(9.0, 0.32 * len(rows) + 1.4), dpi=_DPI)
    ax = figure.subplots()
    bars = ax.barh(names, values, color=colors, height=0.7)
    ax.bar_label(bars, labels=[_short(v) for v in values], fontsize=8, padding=3)
    ax.margins(x=0.12)
    _count_ticks(ax.xaxis, indicator)
    ax.set_xlabel(unit_label, fontsize=9)
    _style(ax)
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", color="#e5e5e5", linewidth=0.8)
    when = parse_period(report.period).label(lang)
    peers_zh = {"province": "各省（区、市）", "city": "各市", "county": "各县（市、区）"}
    if lang == "zh":
        where = "全国" if report.region_level == "province" else report.province_name or "全省"
        peers = peers_zh.get(report.region_level, "")
        title = f"{_label(indicator, lang)}：{where}{peers}比较（{when}）"
    else:
        where = (
            "all provinces"
            if report.region_level == "province"
            else (f"its peers in {report.province_name}" if report.province_name else "its peers")
        )
        title = f"{_label(indicator, lang)}: {report.region_name} and {where} ({when})"
    ax.set_title(title, fontsize=12)
    figure.tight_layout()
    return title, figure


def _months(report: Report, figure_cls: type[Figure]) -> tuple[str, Figure] | None:
    lang = report.lang
    rows = [r for r in report.months.to_pylist() if r["indicator"] == "pledge_amount"]
    if not report.published("pledge_amount") or len(rows) < 2 or not any(r["value"] for r in rows):
        return None
    divisor, unit_label = _scale(
        [max(r["value"] or 0, r["previous"] or 0) for r in rows], "pledge_amount", lang
    )
    months = [parse_period(r["period"]).first_month for r in rows]
    year = parse_period(rows[0]["period"]).year
    labels = [f"{m}月" if lang == "zh" else f"{m}" for m in months]
    now = [(r["value"] or 0) / divisor for r in rows]
    before = [(r["previous"] or 0) / divisor for r in rows]
    figure = figure_cls(figsize=(10.0, 4.2), dpi=_DPI)
    ax = figure.subplots()
    positions = list(range(len(rows)))
    suffix = "年" if lang == "zh" else ""
    ax.bar(
        [p - 0.2 for p in positions],
        before,
        width=0.4,
        color=_PREVIOUS,
        label=f"{year - 1}{suffix}",
    )
    bars = ax.bar(
        [p + 0.2 for p in positions], now, width=0.4, color=_HIGHLIGHT, label=f"{year}{suffix}"
    )
    ax.bar_label(bars, labels=[_short(v) if v else "" for v in now], fontsize=7, padding=2)
    ax.set_xticks(positions, labels)
    ax.set_ylabel(unit_label, fontsize=9)
    ax.legend(fontsize=9, frameon=False)
    ax.margins(y=0.15)
    _style(ax)
    title = (
        f"{report.region_name}知识产权质押金额（按月）"
        if lang == "zh"
        else f"{report.region_name}: IP pledge amount by month"
    )
    ax.set_title(title, fontsize=12)
    figure.tight_layout()
    return title, figure


def _save(figure: Figure, fmt: str) -> bytes:
    buffer = io.BytesIO()
    metadata: dict[str, Any] = {"Software": None} if fmt == "png" else {"Date": None}
    figure.savefig(buffer, format=fmt, dpi=_DPI, metadata=metadata, facecolor="white")
    return buffer.getvalue()


def render_charts(report: Report, *, formats: Sequence[str] = CHART_FORMATS) -> tuple[Chart, ...]:
    """The report's charts, each rendered in ``formats`` (``png``, ``svg``); a chart without
    data (no pledges, no peers) is left out.

    Raises:
        ImportError: matplotlib or mplfonts is not installed (``pip install 'ipledger[report]'``).
    """
    unknown = set(formats) - set(CHART_FORMATS)
    if unknown:
        raise ValueError(f"unknown chart formats {sorted(unknown)}; formats: {CHART_FORMATS}")
    family = register_with_matplotlib()
    import matplotlib
    from matplotlib.figure import Figure

    settings: Any = {
        "font.family": [family],
        "axes.unicode_minus": False,
        "svg.fonttype": "path",
        "svg.hashsalt": "ipledger",
    }
    out = []
    with _LOCK, matplotlib.rc_context(settings):
        made: list[tuple[str, tuple[str, Figure] | None]] = [("trends", _trends(report, Figure))]
        made += [(f"peers-{i}", _peer_chart(report, i, Figure)) for i in PEER_INDICATORS]
        made.append(("months", _months(report, Figure)))
        for key, result in made:
            if result is None:
                continue
            title, figure = result
            png = _save(figure, "png") if "png" in formats else None
            svg = _save(figure, "svg").decode("utf-8") if "svg" in formats else None
            out.append(Chart(key, title, png, svg))
    return tuple(out)
