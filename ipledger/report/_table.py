"""The indicator table as display text, shared by the Markdown and HTML renderers.

Every figure as its `Unit` says: money in 万元 (as the bureau's tables
do), everything with thousands separators and the unit's decimals; YoY and completion with the
decimals of the report's `ReportSettings` (zeros kept, as tables print
them); ranks as ``rank/peers`` (none for a figure of zero, which every region without data
shares, nor for a unit regions are not ranked on). The XLSX renderer keeps the engine's real
numbers.
"""

from __future__ import annotations

from ipledger.model import UNITS, Unit
from ipledger.report._numbers import WAN, format_percent
from ipledger.report._sections import IndicatorRow
from ipledger.report._settings import DEFAULT_REPORT_SETTINGS, ReportSettings

__all__ = ["DASH", "headers", "note", "row_cells", "unit_label"]

DASH = "—"
"""What an empty cell shows."""

_HEADERS = {
    "zh": ("指标", "单位", "本期", "上年同期", "同比", "全省排名", "全国排名", "目标", "完成率"),
    "en": (
        "Indicator",
        "Unit",
        "Value",
        "Previous",
        "YoY",
        "Rank in province",
        "Rank in nation",
        "Target",
        "Completion",
    ),
}


def headers(lang: str) -> tuple[str, ...]:
    """The table's column headers (ranks are ``rank/peers``)."""
    return _HEADERS["zh" if lang == "zh" else "en"]


def note(lang: str) -> str:
    """The note under the tables: what ranks mean, the money unit, what YoY compares.

    Examples:
        >>> note("zh")
        '排名为同级地区中的名次/参评地区数；金额单位为万元；同比为与上年同期相比。'
    """
    money = WAN.label(UNITS["yuan"], lang)
    if lang == "zh":
        return f"排名为同级地区中的名次/参评地区数；金额单位为{money}；同比为与上年同期相比。"
    return (
        "Ranks are rank/regions ranked among regions of the same level; money in "
        f"{money}; YoY against the same period a year earlier."
    )


def unit_label(row: IndicatorRow, lang: str) -> str:
    """The unit a table shows the row's figures in: 件, 笔, 万元, 件/万人, 天.

    Examples:
        >>> row = IndicatorRow(indicator="pledge_amount", label_zh="", label_en="", unit="yuan",
        ...                    value=1.0)
        >>> unit_label(row, "zh"), unit_label(row, "en")
        ('万元', 'CNY 10,000')
    """
    if row.unit_record.money:
        return WAN.label(row.unit_record, lang)
    return row.unit_label(lang)


def _number(value: float | None, unit: Unit, settings: ReportSettings) -> str:
    if value is None:
        return DASH
    shown = value / WAN.divisor if unit.money else value
    return f"{shown:,.{settings.decimals(unit)}f}"


def _pct(value: float | None, places: int, signed: bool) -> str:
    if value is None:
        return DASH
    return ("+" if signed and value >= 0 else "") + format_percent(value, places)


def _rank(row: IndicatorRow, rank: int | None, peers: int | None) -> str:
    # a region with nothing to count shares rank 1 with every other: no rank worth showing
    if rank is None or not row.value or not row.unit_record.tell_rank:
        return DASH
    return f"{rank}/{peers}"


def row_cells(
    row: IndicatorRow, lang: str, settings: ReportSettings = DEFAULT_REPORT_SETTINGS
) -> tuple[str, ...]:
    """The text of the row's cells, in the order of `headers`, with the decimals of
    ``settings``.

    Examples:
        >>> row = IndicatorRow(indicator="pledge_count", label_zh="知识产权质押笔数",
        ...     label_en="IP pledge registrations", unit="count", value=732.0, previous=285.0,
        ...     yoy_pct=156.84, rank_parent=3, peers_parent=21, rank_national=14,
        ...     peers_national=333, target=600.0, completion_pct=122.0)
        >>> row_cells(row, "zh")
        ('知识产权质押笔数', '笔', '732', '285', '+156.84%', '3/21', '14/333', '600', '122.0%')
        >>> row_cells(row, "zh", ReportSettings(yoy_decimals=1))[4]
        '+156.8%'
    """
    label = row.label(lang)
    if row.is_breakdown:
        label = ("其中：" if lang == "zh" else "of which: ") + label
    unit = row.unit_record
    return (
        label,
        unit_label(row, lang),
        _number(row.value, unit, settings),
        _number(row.previous, unit, settings),
        _pct(row.yoy_pct, settings.yoy_decimals, signed=True),
        _rank(row, row.rank_parent, row.peers_parent),
        _rank(row, row.rank_national, row.peers_national),
        _number(row.target, unit, settings),
        _pct(row.completion_pct, settings.completion_decimals, signed=False),
    )
