"""``docs/indicators.md``, generated from the catalog (``python tools/gen_indicator_docs.py``)."""

from __future__ import annotations

import inspect

from ipledger.stats._catalog import CATALOG, Indicator
from ipledger.stats._checks import BREAKDOWN_CHECK, CHECKS, TARGET_CHECK
from ipledger.stats._derived import COLUMNS

__all__ = ["indicators_markdown"]

_UNITS = {
    "count": "count (件 / 笔 / 家)",
    "yuan": "yuan (元)",
    "per_10k": "per 10,000 people",
    "days": "days",
    "percent": "percent",
}


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _readings() -> str:
    import ipledger.stats as stats  # the package docstring holds the readings

    doc = inspect.getdoc(stats) or ""
    start = doc.index("Readings taken where INDICATORS.md is silent:")
    return doc[start:].strip()


def _section(item: Indicator) -> list[str]:
    lines = [f"### `{item.id}`", ""]
    lines.append(f"**{item.label_zh}** / {item.label_en}; {item.kind}, {_UNITS[item.unit]}.")
    if item.parent:
        lines.append(f"Breakdown of `{item.parent}`.")
    if item.per_10k_of:
        lines.append(f"Derived from `{item.per_10k_of}` and the `population` table.")
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
        "The figures ipledger computes (INDICATORS.md, contract version 1), for any region and",
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
        f"- `{BREAKDOWN_CHECK}`: in the indicator table of a period, a sub-id larger than its "
        "total (the `ip_cases` types may add up to more than `ip_cases`, but none may exceed "
        "it), high-value above valid invention patents, well-known or GI marks above valid "
        "trademarks, patent kinds or GI mark kinds not adding up to their total.",
        "",
    ]
    return "\n".join(lines)
