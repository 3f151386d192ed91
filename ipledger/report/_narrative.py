"""Sentences in the bureau's own style, generated from the figures (never typed in)."""

from __future__ import annotations

from typing import Any

from ipledger.report._build import Report
from ipledger.report._numbers import (
    en_amount,
    en_change,
    en_ordinal,
    zh_amount,
    zh_change,
    zh_count,
    zh_rank,
)
from ipledger.report._sections import PHRASES, SECTIONS, Section, section_of
from ipledger.stats import Period

__all__ = ["narrative", "period_label"]


def period_label(period: Period, lang: str = "zh") -> str:
    """2023年, 2024年1—7月, 2023年第二季度, 2023年7月 (or 2023, Jan-Jul 2024, ...)."""
    kind = period.kind
    if lang == "en":
        months = [
            "Jan",
            "Feb",
            "Mar",
            "Apr",
            "May",
            "Jun",
            "Jul",
            "Aug",
            "Sep",
            "Oct",
            "Nov",
            "Dec",
        ]
        if kind == "year":
            return str(period.year)
        if kind == "month":
            return f"{months[period.first_month - 1]} {period.year}"
        return f"{months[period.first_month - 1]}-{months[period.last_month - 1]} {period.year}"
    if kind == "year":
        return f"{period.year}年"
    if kind == "quarter":
        return f"{period.year}年第{'一二三四'[(period.first_month - 1) // 3]}季度"
    if kind == "month":
        return f"{period.year}年{period.first_month}月"
    return f"{period.year}年{period.first_month}—{period.last_month}月"


def _value_zh(row: dict[str, Any], measure: str) -> str:
    value = row["value"] or 0.0
    if row["unit"] == "yuan":
        return zh_amount(value)
    if row["unit"] == "per_10k":
        return f"{value:.2f}{measure}"
    return zh_count(value, measure)


def _value_en(row: dict[str, Any]) -> str:
    value = row["value"] or 0.0
    if row["unit"] == "yuan":
        return en_amount(value)
    if row["unit"] == "per_10k":
        return f"{value:.2f}"
    return f"{value:,.0f}"


def _clause_zh(row: dict[str, Any]) -> str:
    phrase = PHRASES[row["indicator"]]
    parts = [f"{phrase.zh}{_value_zh(row, phrase.measure)}"]
    if change := zh_change(row["yoy_pct"]):
        parts.append(change)
    if rank := zh_rank(row["rank_parent"], row["rank_national"]):
        parts.append(rank)
    return "，".join(parts)


def _clause_en(row: dict[str, Any]) -> str:
    phrase = PHRASES[row["indicator"]]
    text = (
        f"{_value_en(row)} {phrase.en}"
        if row["unit"] != "yuan"
        else f"{phrase.en} {_value_en(row)}"
    )
    if change := en_change(row["yoy_pct"]):
        text += f", {change}"
    if row["rank_parent"] is not None and row["rank_parent"] <= 5:
        text += f", {en_ordinal(row['rank_parent'])} in the province"
        if row["rank_national"] is not None and row["rank_national"] <= 30:
            text += f" and {en_ordinal(row['rank_national'])} nationally"
    return text


def _section_rows(report: Report, section: Section) -> list[dict[str, Any]]:
    rows = [report.row(i) for i in PHRASES if section_of(i) is section]
    return [r for r in rows if r is not None and r["value"]]


def narrative(report: Report, lang: str = "zh") -> list[tuple[str, str]]:
    """One paragraph per section with figures: ``[(title, paragraph), ...]``.

    A figure of zero or unknown is left out; a section with no figure has no paragraph.
    """
    when = period_label(report.period, lang)
    paragraphs = []
    for section in SECTIONS:
        rows = _section_rows(report, section)
        if not rows:
            continue
        if lang == "en":
            flows = [_clause_en(r) for r in rows if not PHRASES[r["indicator"]].stock]
            stocks = [_clause_en(r) for r in rows if PHRASES[r["indicator"]].stock]
            text = ""
            if flows:
                text += f"In {when}, in {report.region_name}, " + "; ".join(flows) + "."
            if stocks:
                text += (" " if text else "") + "At the end of the period there were "
                text += "; ".join(stocks) + "."
            paragraphs.append((section.title_en, text))
            continue
        flows = [_clause_zh(r) for r in rows if not PHRASES[r["indicator"]].stock]
        stocks = [_clause_zh(r) for r in rows if PHRASES[r["indicator"]].stock]
        text = ""
        if flows:
            text += f"{when}，{report.region_name}" + "；".join(flows) + "。"
        if stocks:
            text += f"截至{_stock_date(report.period)}，"
            text += "；".join(stocks) + "。"
        paragraphs.append((section.title_zh, text))
    return paragraphs


def _stock_date(period: Period) -> str:
    if period.kind == "year":
        return f"{period.year}年底"
    return f"{period.year}年{period.last_month}月底"
