"""The indicator engine (INDICATORS.md v1): every published figure, from row-level data.

- :data:`CATALOG` / :func:`indicator`: the declared indicators (id, labels, unit, kind,
  definition); reports, the CLI and ``docs/indicators.md`` are generated from it.
- :func:`compute_indicators`: all indicators for all regions and periods at once, as one tidy
  Arrow table with the columns :data:`COLUMNS` (value, previous, yoy_pct, ranks, target).
- :func:`report_json`: one region and period in the JSON shape of INDICATORS.md.
- :func:`run_checks`: data problems to fix before publishing.

Readings taken where INDICATORS.md is silent: a region's ranks are among all regions of the
same level in use in the period's year (regions without data count as 0; indicators that
cannot be computed, e.g. per-10k without population, are not ranked); a province has no
``rank_parent``; transfers count for the region the right was held in before the transfer;
``cases_transferred_to_police`` counts cases closed with that outcome or that flag.
"""

from __future__ import annotations

from ipledger.stats._catalog import CATALOG, Indicator, indicator, indicator_docs
from ipledger.stats._checks import CHECKS, CheckFinding, breakdown_findings, run_checks
from ipledger.stats._compute import COLUMNS, StatsSettings, compute_indicators, moment_literal
from ipledger.stats._json import report_json, table_to_report
from ipledger.stats._periods import Period, parse_period

__all__ = [
    "CATALOG",
    "CHECKS",
    "COLUMNS",
    "CheckFinding",
    "Indicator",
    "Period",
    "StatsSettings",
    "breakdown_findings",
    "compute_indicators",
    "indicator",
    "indicator_docs",
    "moment_literal",
    "parse_period",
    "report_json",
    "run_checks",
    "table_to_report",
]
