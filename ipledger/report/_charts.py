"""Charts of a report (matplotlib, Agg), with a CJK font that pip installs (mplfonts)."""

from __future__ import annotations

import functools
import importlib.resources
import io
from typing import TYPE_CHECKING

import attrs

from ipledger.report._build import TREND_INDICATORS, Report
from ipledger.stats import CATALOG

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["Chart", "charts", "register_cjk_font"]

_FONT_FILE = "NotoSansCJKsc-Regular.otf"
_HIGHLIGHT, _BASE = "#c0392b", "#7f8c8d"


@attrs.frozen
class Chart:
    """One rendered chart: a title, PNG bytes and SVG text."""

    key: str
    title: str
    png: bytes
    svg: str


@functools.cache
def register_cjk_font() -> str:
    """Register the Noto Sans CJK font shipped by the ``mplfonts`` package; its family name.

    A fresh machine has no CJK font: without this, Chinese text is drawn as boxes.
    """
    from matplotlib import font_manager, rcParams

    font = importlib.resources.files("mplfonts") / "fonts" / _FONT_FILE
    with importlib.resources.as_file(font) as path:
        font_manager.fontManager.addfont(str(path))
        family = font_manager.FontProperties(fname=str(path)).get_name()
    rcParams["font.family"] = [family]
    rcParams["axes.unicode_minus"] = False
    return family


def _render(key: str, title: str, figure: Figure) -> Chart:
    import matplotlib.pyplot as plt

    png, svg = io.BytesIO(), io.StringIO()
    figure.savefig(png, format="png", dpi=110, bbox_inches="tight")
    figure.savefig(svg, format="svg", bbox_inches="tight")
    plt.close(figure)
    return Chart(key, title, png.getvalue(), svg.getvalue())


def _scale(indicator_id: str, values: list[float]) -> tuple[list[float], str]:
    if CATALOG[indicator_id].unit == "yuan":
        return [v / 1e8 for v in values], "亿元"
    return values, "件"


def charts(report: Report) -> list[Chart]:
    """The report's charts: 5-year trends, the region among its provincial peers, pledges by
    month (each only where it has data)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    register_cjk_font()
    out = []
    figure, axes = plt.subplots(1, len(TREND_INDICATORS), figsize=(13, 3.2))
    for ax, indicator_id in zip(axes, TREND_INDICATORS, strict=True):
        points = report.trends.get(indicator_id, ())
        values, unit = _scale(indicator_id, [v for _, v in points])
        ax.bar([p for p, _ in points], values, color=_BASE)
        if values:
            ax.patches[-1].set_color(_HIGHLIGHT)
        ax.set_title(f"{CATALOG[indicator_id].label_zh}（{unit}）", fontsize=10)
        ax.tick_params(labelsize=8)
    figure.suptitle(f"{report.region_name}近五年主要指标", fontsize=12, y=1.05)
    out.append(_render("trends", "近五年主要指标", figure))

    if len(report.peers) > 1:
        names = [name for _, name, _ in report.peers]
        values = [v / 1e8 for _, _, v in report.peers]
        figure, ax = plt.subplots(figsize=(8, 0.28 * len(names) + 1.2))
        colors = [_HIGHLIGHT if code == report.region else _BASE for code, _, _ in report.peers]
        ax.barh(names[::-1], values[::-1], color=colors[::-1])
        ax.set_xlabel("亿元")
        ax.set_title(f"全省各市知识产权质押金额对比（{report.period}）", fontsize=11)
        ax.tick_params(labelsize=8)
        out.append(_render("peers", "全省对比", figure))

    if any(v for _, v in report.monthly_pledges):
        figure, ax = plt.subplots(figsize=(8, 3))
        months = [f"{m}月" for m, _ in report.monthly_pledges]
        ax.bar(months, [v / 1e8 for _, v in report.monthly_pledges], color=_BASE)
        ax.set_ylabel("亿元")
        ax.set_title(f"{report.region_name}{report.period.year}年各月知识产权质押金额", fontsize=11)
        out.append(_render("monthly", "各月质押金额", figure))
    return out
