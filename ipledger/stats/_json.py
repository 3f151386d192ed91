"""The machine-readable report of docs/indicators.md: one JSON object for a region and period.

Contract v1 keys (``region, region_name, period, as_known_at, indicators`` and each
indicator's thirteen) are kept as they are; later keys are only added: ``provenance`` (when the
data was known, when and by which ipledger version the object was made, the engine settings)
and each indicator's ``basis`` and ``source`` (where its figure came from).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import attrs
import pyarrow as pa
import pyarrow.compute as pc

from ipledger.errors import NotFoundError
from ipledger.ledger import Ledger, Moment, as_utc_moment
from ipledger.model import UNITS
from ipledger.stats._compute import compute_indicators
from ipledger.stats._periods import Period, parse_period
from ipledger.stats._settings import DEFAULT_SETTINGS, StatsSettings

__all__ = ["BASES", "basis_of", "json_number", "provenance_json", "report_json", "table_to_report"]

BASES = ("computed", "published", "none")
"""Where an indicator's figure comes from: ``computed`` from the ledger's records,
``published`` (a published figure), ``none`` (no figure)."""


def json_number(value: float | None, unit: str) -> int | float | None:
    """A figure as it goes into JSON, rounded to its unit's ``json_decimals``
    (`ipledger.model.UNITS`): counts as integers (2 decimals if not whole), yuan to the
    fen (2 decimals), per-10k figures to 4 decimals, days and percentages to 2; NULL (or NaN)
    as ``None``.

    Raises:
        KeyError: a unit that is not in ``UNITS``.

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


def basis_of(row: Mapping[str, Any]) -> tuple[str, str | None]:
    """``(basis, source)`` of one row of the engine's table: its own ``basis`` and ``source``
    columns where the table has them, else ``computed`` for a figure and ``none`` without one
    (every figure the engine computes comes from the ledger's records).

    Examples:
        >>> basis_of({"value": 732.0}), basis_of({"value": None})
        (('computed', None), ('none', None))
        >>> basis_of({"value": 1.0, "basis": "published", "source": "CNIPA 2023"})
        ('published', 'CNIPA 2023')
    """
    basis = row.get("basis")
    if basis is None:
        basis = "none" if row.get("value") is None else "computed"
    return str(basis), row.get("source")


def _setting_json(value: object) -> object:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def provenance_json(
    *,
    generated_at: dt.datetime,
    latest: bool | None = None,
    settings: StatsSettings | None = None,
) -> dict[str, Any]:
    """The ``provenance`` object of the JSON report: ``latest`` (whether the report was asked
    for the latest data, its ``as_known_at`` then being the moment it was made; ``None``
    when unknown), ``generated_at`` (UTC ISO text ending in ``Z``), ``ipledger_version`` and
    ``settings`` (the engine settings the figures were computed with; ``None`` when unknown).

    Examples:
        >>> made = dt.datetime(2024, 2, 1, 8, 0, tzinfo=dt.UTC)
        >>> data = provenance_json(generated_at=made, latest=True, settings=DEFAULT_SETTINGS)
        >>> data["generated_at"], data["settings"]
        ('2024-02-01T08:00:00Z', {'pledge_high_value_threshold': 10000000})
    """
    from ipledger import __version__

    return {
        "latest": latest,
        "generated_at": _moment_text(generated_at.replace(microsecond=0)),
        "ipledger_version": __version__,
        "settings": None
        if settings is None
        else {
            f.name: _setting_json(getattr(settings, f.name)) for f in attrs.fields(StatsSettings)
        },
    }


def table_to_report(
    table: pa.Table,
    region: str,
    period: str | Period,
    as_known_at: Moment | None = None,
    *,
    latest: bool | None = None,
    settings: StatsSettings | None = None,
    generated_at: dt.datetime | None = None,
) -> dict[str, Any]:
    """The JSON report object from the rows of one region and period of a table made by
    `compute_indicators` (e.g. one table for many regions' reports).

    ``as_known_at`` is the moment the table was computed as known at; ``latest``,
    ``settings`` and ``generated_at`` (default: now) go into its ``provenance``
    (`provenance_json`).

    Raises:
        NotFoundError: the table has no row for the region and period.
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
        "provenance": provenance_json(
            generated_at=generated_at or dt.datetime.now(dt.UTC), latest=latest, settings=settings
        ),
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
                "basis": basis_of(r)[0],
                "source": basis_of(r)[1],
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
    """Every indicator of ``region`` for ``period`` in the JSON shape of docs/indicators.md.

    Keys: ``region, region_name, period, as_known_at`` (the moment the figures were computed
    as known at, as UTC ISO text ending in ``Z``: the moment given, or for the latest data the
    moment the object was made, so that ``as_known_at`` reproduces it), ``provenance`` (see
    `provenance_json`) and ``indicators``: one object per catalog indicator, in catalog order,
    with ``id, label_zh, label_en, unit, value, previous, yoy_pct, rank_parent, peers_parent,
    rank_national, peers_national, target, completion_pct, basis, source``. Counts are
    integers, money is yuan, percentages are rounded to 2 decimals (see `json_number`).
    Ranks need every region, so this costs one engine run for the period.

    Raises:
        NotFoundError: a region the ledger does not know.

    Examples:
        >>> with Ledger.open() as ledger:
        ...     report = report_json(ledger, "440700", "2023")
        >>> report["region_name"], report["indicators"][0]["id"], report["provenance"]["latest"]
        ('江门市', 'patent_applications', True)
        >>> report["as_known_at"][:19] == report["provenance"]["generated_at"][:19]
        True
    """
    parsed = parse_period(period)
    generated = dt.datetime.now(dt.UTC)  # to the microsecond: what was recorded before it
    moment = generated if as_known_at is None else as_known_at
    table = compute_indicators(
        ledger, [parsed], regions=[region], as_known_at=moment, settings=settings
    )
    return table_to_report(
        table,
        region.strip(),
        parsed,
        moment,
        latest=as_known_at is None,
        settings=settings,
        generated_at=generated,
    )
