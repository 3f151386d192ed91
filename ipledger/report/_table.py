"""The indicator table as rows of display text, shared by the Markdown and HTML renderers."""

from __future__ import annotations

from typing import Any

from ipledger.report._numbers import en_amount, zh_amount
from ipledger.report._sections import SECTIONS, Section, section_of

__all__ = ["HEADERS", "display_rows", "rows_by_section"]

HEADERS = {
    "zh": ("指标", "数值", "上年同期", "同比", "全省排名", "全国排名", "目标完成率"),
    "en": (
        "Indicator",
        "Value",
        "Previous",
        "YoY",
        "Rank in province",
        "Rank in nation",
        "Target done",
    ),
}
"""Column headers of the indicator table, per language."""


def _number(value: float | None, unit: str, lang: str) -> str:
    if value is None:
        return "—"
    if unit == "yuan":
        return zh_amount(value) if lang == "zh" else en_amount(value)
    if unit in ("per_10k", "days"):
        return f"{value:,.2f}"
    return f"{value:,.0f}"


def _rank(rank: int | None, peers: int | None) -> str:
    return "—" if rank is None else f"{rank}/{peers}"


def display_rows(rows: list[dict[str, Any]], lang: str) -> list[tuple[str, ...]]:
    """Each indicator row as the text of the table's cells."""
    out: list[tuple[str, ...]] = []
    for r in rows:
        label = r["label_zh"] if lang == "zh" else r["label_en"]
        yoy = "—" if r["yoy_pct"] is None else f"{r['yoy_pct']:+.2f}%"
        done = "—" if r["completion_pct"] is None else f"{r['completion_pct']:.1f}%"
        out.append(
            (
                label,
                _number(r["value"], r["unit"], lang),
                _number(r["previous"], r["unit"], lang),
                yoy,
                _rank(r["rank_parent"], r["peers_parent"]),
                _rank(r["rank_national"], r["peers_national"]),
                done,
            )
        )
    return out


def rows_by_section(rows: tuple[dict[str, Any], ...]) -> list[tuple[Section, list[dict[str, Any]]]]:
    """The rows grouped by report section, in section order."""
    return [(s, [r for r in rows if section_of(r["indicator"]) is s]) for s in SECTIONS]
