"""``docs/indicators.md``, generated from the catalog (``python tools/gen_indicator_docs.py``)."""

from __future__ import annotations

import inspect

from ipledger.model import UNITS, Unit
from ipledger.stats._catalog import CATALOG, Indicator
from ipledger.stats._checks import BREAKDOWN_CHECK, CHECKS, TARGET_CHECK
from ipledger.stats._derived import COLUMNS

__all__ = ["indicators_markdown"]


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _readings() -> str:
    import ipledger.stats as stats  # the package docstring holds the readings

    doc = inspect.getdoc(stats) or ""
    start = doc.index("Readings taken where the contract is silent:")
    return doc[start:].strip()


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"


def _units() -> list[str]:
    """The table of units: how each is written, ranked and compared."""
    lines = [
        "How a figure of each unit is written, whether regions are ranked on it and whether a",
        "year-on-year change is told. The measure word is the indicator's (笔 for pledges, 家",
        "for enterprises, 单 for policies, 个 for GI products, 件 otherwise).",
        "",
        "| unit | 中文 | English | decimals shown | JSON decimals | money (万元 / 亿元) "
        "| ranked | YoY |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for u in UNITS.values():
        lines.append(
            f"| `{u.id}` | {_cell(u.label('zh', '*measure word*'))} | {u.label_en} | {u.decimals} "
            f"| {u.json_decimals}{' (integers when whole)' if u.whole else ''} "
            f"| {_yes(u.money)} | {_yes(u.ranked)} | {_yes(u.yoy)} |"
        )
    return lines


def _unit_text(item: Indicator) -> str:
    unit: Unit = item.unit_record
    return f"{unit.id} ({unit.label('zh', item.measure_word)})"


def _rules(item: Indicator) -> list[str]:
    lines = []
    if item.parent:
        lines.append(f"Breakdown of `{item.parent}`.")
    if item.per_10k_of:
        lines.append(f"Derived from `{item.per_10k_of}` and the `population` table.")
    if item.at_most:
        lines.append(f"Never more than `{item.at_most}`.")
    if item.parts_add_up:
        parts = ", ".join(f"`{i.id}`" for i in CATALOG.values() if i.parent == item.id)
        lines.append(f"Its parts {parts} add up to it.")
    return lines


def _breakdown_rules() -> str:
    """The breakdown check's rules, as the indicators declare them."""
    bounded = [f"`{i.id}` above `{i.at_most}`" for i in CATALOG.values() if i.at_most]
    adding = [f"`{i.id}`" for i in CATALOG.values() if i.parts_add_up]
    return (
        "in the indicator table of a period, a sub-id larger than its total (the `ip_cases` "
        "types may add up to more than `ip_cases`, but none may exceed it), "
        + ", ".join(bounded)
        + ", and the parts of "
        + ", ".join(adding)
        + " not adding up to their total."
    )


def _section(item: Indicator) -> list[str]:
    lines = [f"### `{item.id}`", ""]
    lines.append(f"**{item.label_zh}** / {item.label_en}; {item.kind}, {_unit_text(item)}.")
    lines += _rules(item)
    lines += ["", f"- zh: {item.definition_zh}", f"- en: {item.definition_en}"]
    lines += [f"- computed by the `{item.family.name}` family ({item.family.rollup} roll-up)", ""]
    return lines


def indicators_markdown() -> str:
    """The indicator reference page as Markdown: every catalog entry, the table columns, the
    readings taken, and the data checks.

    Examples:
        >>> indicators_markdown().splitlines()[0]
        '# Indicators'
    """
    lines = [
        "# Indicators",
        "",
        "<!-- Generated from ipledger.stats.CATALOG by tools/gen_indicator_docs.py:"
        " do not edit by hand. -->",
        "",
        "The figures ipledger computes (the indicator contract, version 1), for any region and",
        "period. List them with `ipledger indicators` (`--format json` for scripts); compute",
        "them with `ipledger.stats.compute_indicators(...)`, which returns one Arrow table with",
        "one row per region x period x indicator and the columns",
        "",
        ", ".join(f"`{c}`" for c in COLUMNS) + ".",
        "",
        "| id | kind | unit | 中文 | English |",
        "|---|---|---|---|---|",
    ]
    lines += [
        f"| `{i.id}` | {i.kind} | {i.unit} | {_cell(i.label_zh)} | {_cell(i.label_en)} |"
        for i in CATALOG.values()
    ]
    lines += ["", "## Units", "", *_units()]
    lines += ["", "## Readings", "", _readings(), "", "## Definitions", ""]
    for item in CATALOG.values():
        lines += _section(item)
    lines += [
        "## Data checks (`ipledger check`)",
        "",
        "One line per problem; exit code 1 when there is any.",
        "",
    ]
    lines += [f"- `{c.name}`: {c.description}" for c in CHECKS.values()]
    lines += [
        f"- `{TARGET_CHECK}`: a target whose indicator is not in the catalog or whose period "
        "cannot be read: it is never shown.",
        f"- `{BREAKDOWN_CHECK}`: {_breakdown_rules()}",
        "",
    ]
    return "\n".join(lines)
