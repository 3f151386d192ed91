"""The machine-readable report of INDICATORS.md: one JSON object for a region and period."""

from __future__ import annotations

import math
from typing import Any

import pyarrow as pa

from ipledger.codes import region as builtin_region
from ipledger.errors import NotFoundError
from ipledger.ledger import Ledger, Moment, as_utc_moment
from ipledger.stats._compute import DEFAULT_SETTINGS, StatsSettings, compute_indicators
from ipledger.stats._periods import Period, parse_period

__all__ = ["report_json", "table_to_report"]


def _number(value: float | None, unit: str) -> int | float | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if unit == "count":
        return round(value)
    if unit == "yuan":
        return round(value, 2)
    return round(value, 2)


def _pct(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def table_to_report(
    table: pa.Table, region: str, period: str, as_known_at: Moment | None
) -> dict[str, Any]:
    """The INDICATORS.md JSON object from the tidy table rows of one region and period."""
    rows = [r for r in table.to_pylist() if r["region_code"] == region and r["period"] == period]
    if not rows:
        raise NotFoundError("region", region)
    return {
        "region": region,
        "region_name": rows[0]["region_name"],
        "period": period,
        "as_known_at": None if as_known_at is None else as_utc_moment(as_known_at).isoformat(),
        "indicators": [
            {
                "id": r["indicator"],
                "label_zh": r["label_zh"],
                "label_en": r["label_en"],
                "unit": r["unit"],
                "value": _number(r["value"], r["unit"]),
                "previous": _number(r["previous"], r["unit"]),
                "yoy_pct": _pct(r["yoy_pct"]),
                "rank_parent": r["rank_parent"],
                "peers_parent": r["peers_parent"],
                "rank_national": r["rank_national"],
                "peers_national": r["peers_national"],
                "target": r["target"],
                "completion_pct": _pct(r["completion_pct"]),
            }
            for r in rows
        ],
    }


def report_json(
    ledger: Ledger,
    region: str,
    period: str | Period,
    *,
    as_known_at: Moment | None = None,
    settings: StatsSettings = DEFAULT_SETTINGS,
) -> dict[str, Any]:
    """Every indicator of ``region`` for ``period`` in the JSON shape of INDICATORS.md.

    Counts are integers, money is yuan, percentages are rounded to 2 decimals.

    Examples:
        >>> with Ledger.open() as ledger:
        ...     report = report_json(ledger, "440700", "2023")
        >>> report["region_name"], report["indicators"][0]["id"]
        ('江门市', 'patent_applications')
    """
    parsed = parse_period(period)
    known = (
        ledger.sql(
            "SELECT count(*) AS n FROM all_regions_at(TIMESTAMP 'infinity') WHERE code = ?",
            [region],
        )
        .column(0)[0]
        .as_py()
    )
    if not known:
        builtin_region(region)  # raises NotFoundError for an unknown code
    table = compute_indicators(
        ledger, [parsed], regions=[region], as_known_at=as_known_at, settings=settings
    )
    return table_to_report(table, region, str(parsed), as_known_at)
