"""The machine-readable report of INDICATORS.md: one JSON object for a region and period."""

from __future__ import annotations

import math
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from ipledger.errors import NotFoundError
from ipledger.ledger import Ledger, Moment, as_utc_moment
from ipledger.model import UNITS
from ipledger.stats._compute import compute_indicators
from ipledger.stats._periods import Period, parse_period
from ipledger.stats._settings import DEFAULT_SETTINGS, StatsSettings

__all__ = ["json_number", "report_json", "table_to_report"]


def json_number(value: float | None, unit: str) -> int | float | None:
    """A figure as it goes into JSON, rounded to its unit's ``json_decimals``
    (:data:`ipledger.model.UNITS`): counts as integers (2 decimals if not whole), yuan to the
    fen (2 decimals), per-10k figures to 4 decimals, days and percentages to 2; NULL (or NaN)
    as ``None``. Raises ``KeyError`` for a unit that is not in ``UNITS``.

    Examples:
        >>> json_number(732.0, "count"), json_number(1262000000.0, "yuan")
        (732, 1262000000.0)
        >>> json_number(None, "days"), json_number(0.123456, "per_10k")
        (None, 0.1235)
    """
    facts = UNITS[unit]
    if value is None or math.isnan(value):
        return None
    if facts.whole and float(value).is_integer():
        return round(value)
    return round(float(value), facts.json_decimals)


def _pct(value: float | None) -> float | None:
    return None if value is None or math.isnan(value) else round(value, 2)


def _moment_text(as_known_at: Moment | None) -> str | None:
    return None if as_known_at is None else as_utc_moment(as_known_at).isoformat() + "Z"


def table_to_report(
    table: pa.Table, region: str, period: str | Period, as_known_at: Moment | None = None
) -> dict[str, Any]:
    """The INDICATORS.md JSON object from the rows of one region and period of a table made by
    :func:`~ipledger.stats.compute_indicators` (e.g. one table for many regions' reports).

    Raises :class:`~ipledger.errors.NotFoundError` when the table has no row for them.
    """
    label = str(parse_period(period))
    mine = (pc.field("region_code") == region) & (pc.field("period") == label)
    rows = table.filter(mine).to_pylist()
    if not rows:
        raise NotFoundError("indicator rows for region and period", (region, label))
    return {
        "region": region,
        "region_name": rows[0]["region_name"],
        "period": label,
        "as_known_at": _moment_text(as_known_at),
        "indicators": [
            {
                "id": r["indicator"],
                "label_zh": r["label_zh"],
                "label_en": r["label_en"],
                "unit": r["unit"],
                "value": json_number(r["value"], r["unit"]),
                "previous": json_number(r["previous"], r["unit"]),
                "yoy_pct": _pct(r["yoy_pct"]),
                "rank_parent": r["rank_parent"],
                "peers_parent": r["peers_parent"],
                "rank_national": r["rank_national"],
                "peers_national": r["peers_national"],
                "target": json_number(r["target"], r["unit"]),
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

    Keys: ``region, region_name, period, as_known_at`` (the moment as UTC ISO text ending in
    ``Z``, or ``None`` for now) and ``indicators``: one object per catalog indicator, in catalog
    order, with ``id, label_zh, label_en, unit, value, previous, yoy_pct, rank_parent,
    peers_parent, rank_national, peers_national, target, completion_pct``. Counts are integers,
    money is yuan, percentages are rounded to 2 decimals (see :func:`json_number`). Ranks need
    every region, so this costs one engine run for the period. Raises
    :class:`~ipledger.errors.NotFoundError` for a region the ledger does not know.

    Examples:
        >>> with Ledger.open() as ledger:
        ...     report = report_json(ledger, "440700", "2023")
        >>> report["region_name"], report["indicators"][0]["id"], report["as_known_at"]
        ('江门市', 'patent_applications', None)
    """
    parsed = parse_period(period)
    table = compute_indicators(
        ledger, [parsed], regions=[region], as_known_at=as_known_at, settings=settings
    )
    return table_to_report(table, region.strip(), parsed, as_known_at)
