"""The indicator engine (docs/indicators.md v1): every published figure, from row-level data.

Stable API (the demo ledger and the report renderers build on these):

- `CATALOG` / `indicator`: the declared `Indicator` objects: each
  definition of `ipledger.model.INDICATORS` (id, labels zh/en, unit, kind, definitions
  zh/en, parent, per-10k base, breakdown rules, measure word) joined with the SQL family that
  emits it; `UNITS` (`ipledger.model.Unit`): how each unit is written, ranked and
  compared. The CLI (``ipledger indicators``) and ``docs/indicators.md``
  (`indicators_markdown`) are generated from them.
- `compute_indicators` ``(ledger_or_store, periods, *, regions=None, indicators=None,
  as_known_at=None, settings=StatsSettings())``: all indicators for all regions and periods
  at once, as ONE tidy Arrow table, one row per region x period x indicator, with exactly
  the columns `COLUMNS`:

      region_code, region_name, region_level, period, indicator, label_zh, label_en, unit,
      value (double), previous (double), yoy_pct (double),
      rank_parent (int32), peers_parent (int32), rank_national (int32), peers_national (int32),
      target (double), completion_pct (double)

- `report_json` ``(ledger, region, period, *, as_known_at=None, settings=...)``: one
  region and period in the JSON shape of docs/indicators.md; `table_to_report` builds the
  same object from a table already computed (one engine run for many regions' reports).
- `region_table` ``(ledger, *, as_known_at=None)``: the regions as the engine rolls up
  and ranks in them (name, level, parent, province), for reports that name regions.
- `run_checks` ``(ledger, *, as_known_at=None, period=None, settings=...)``: data
  problems to fix before publishing, as `CheckFinding` objects (``ipledger check``).
- `Period` / `parse_period`: ``2023``, ``2023Q2``, ``2023-07``,
  ``2024-01..2024-07``; `StatsSettings`: the high-value pledge threshold.
- ``ledger.patents.high_value(on=)`` (ledger layer) lists the high-value invention patents
  with the criteria each met; the engine counts with the same SQL.

Readings taken where the contract is silent:

- Regions: a figure includes all descendant regions (``all_regions_at`` parent chains; retired
  codes roll up through the parent recorded for them). "All regions" of a period are the
  codes in use at the end of its year. A right counts for its holder's region on the date
  that matters (filing, grant, registration date for flows; the period's last day for
  stocks): its ``region_code`` (first holder) until an assignment with a ``to_region_code``,
  then that region from the assignment date on (the latest assignment on or before the date
  wins). Pledges count for the pledgor's, policies for the insured's, cases for the handling
  authority's ``region_code``.
- Ranks: ``rank_national`` ranks among all regions of the same level in use in the period's
  year in the ledger's region table (the national GB/T 2260 table plus its own regions; 333
  cities in 2023), regions without data counting as 0, HK / Macao / Taiwan left out, NULL
  values (per-10k without population, median without closed cases) not ranked; ties share the
  best rank. ``rank_parent`` ranks among those of the same level in the same province; a
  province has no ``rank_parent`` / ``peers_parent`` (NULL). Durations (unit ``days``:
  ``case_median_days_to_close``) are not ranked, their ranks and peers are NULL: the most days
  to close a case is no first place, and the bureaus' articles never rank them.
- ``patent_assignments`` / ``patent_licences`` count for the region the patent was held in
  before the transfer (the assignor's / licensor's); ``.outbound``: those whose
  ``to_region_code`` lies outside the region.
- ``cases_transferred_to_police``: closed cases with outcome ``transferred_to_police`` OR the
  ``transferred_to_police`` flag. ``case_median_days_to_close`` leaves out cases recorded as
  closed before they were opened.
- Per-10k: the region's own year-end population of the period's year (a quarter of 2023
  uses end-2023), NULL when unknown; never summed from the counties.
- Targets: matched on the canonical period text (``2023-01..2023-03`` is ``2023Q1``).
"""

from __future__ import annotations

from ipledger.stats._catalog import CATALOG, KINDS, UNITS, Indicator, indicator
from ipledger.stats._checks import (
    BREAKDOWN_CHECK,
    CHECKS,
    TARGET_CHECK,
    Check,
    CheckFinding,
    breakdown_findings,
    run_checks,
)
from ipledger.stats._compute import compute_indicators
from ipledger.stats._derived import COLUMNS
from ipledger.stats._docs import indicators_markdown
from ipledger.stats._json import (
    BASES,
    basis_of,
    json_number,
    provenance_json,
    report_json,
    table_to_report,
)
from ipledger.stats._periods import Period, parse_period
from ipledger.stats._region_table import REGION_COLUMNS, region_table
from ipledger.stats._settings import DEFAULT_SETTINGS, StatsSettings

__all__ = [
    "BASES",
    "BREAKDOWN_CHECK",
    "CATALOG",
    "CHECKS",
    "COLUMNS",
    "DEFAULT_SETTINGS",
    "KINDS",
    "REGION_COLUMNS",
    "TARGET_CHECK",
    "UNITS",
    "Check",
    "CheckFinding",
    "Indicator",
    "Period",
    "StatsSettings",
    "basis_of",
    "breakdown_findings",
    "compute_indicators",
    "indicator",
    "indicators_markdown",
    "json_number",
    "parse_period",
    "provenance_json",
    "region_table",
    "report_json",
    "run_checks",
    "table_to_report",
]
