"""Gathering what a report shows: the region's figures, 5-year trends, provincial peers, months."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
import pyarrow as pa
import pyarrow.compute as pc

from ipledger.errors import NotFoundError
from ipledger.ledger import Ledger, Moment, as_utc_moment
from ipledger.stats import Period, compute_indicators, parse_period, table_to_report

__all__ = ["TREND_INDICATORS", "Report", "build_report"]

TREND_INDICATORS = (
    "patent_grants",
    "valid_invention_patents",
    "trademark_registrations",
    "pledge_amount",
)
"""The indicators drawn as 5-year trends."""

PEER_INDICATOR = "pledge_amount"
"""The indicator on which the region is compared with the other regions of its province."""


@attrs.frozen
class Report:
    """Everything one annual (or period) report shows; renderers only format it."""

    region: str
    region_name: str
    region_level: str
    period: Period
    as_known_at: dt.datetime | None
    rows: tuple[dict[str, Any], ...]
    trends: dict[str, tuple[tuple[str, float], ...]]
    peers: tuple[tuple[str, str, float], ...]
    monthly_pledges: tuple[tuple[int, float], ...]
    json: dict[str, Any]

    def row(self, indicator_id: str) -> dict[str, Any] | None:
        """This region's row of an indicator, if it is in the report."""
        return next((r for r in self.rows if r["indicator"] == indicator_id), None)


def build_report(
    ledger: Ledger, region: str, period: str | Period, *, as_known_at: Moment | None = None
) -> Report:
    """Compute what the report of ``region`` for ``period`` shows (as known at a moment)."""
    parsed = parse_period(period)
    moment = None if as_known_at is None else as_utc_moment(as_known_at)
    table = compute_indicators(ledger, [parsed], as_known_at=moment)
    mine = table.filter(pc.equal(table["region_code"], pa.scalar(region)))
    if mine.num_rows == 0:
        raise NotFoundError("region", region)
    rows = tuple(mine.to_pylist())
    level = rows[0]["region_level"]
    years = [str(parsed.year - k) for k in range(4, -1, -1)]
    trend_table = compute_indicators(
        ledger, years, regions=[region], indicators=list(TREND_INDICATORS), as_known_at=moment
    ).to_pylist()
    trends = {
        ind: tuple((r["period"], r["value"] or 0.0) for r in trend_table if r["indicator"] == ind)
        for ind in TREND_INDICATORS
    }
    province = region[:2] + "0000"
    peers = tuple(
        sorted(
            (
                (r["region_code"], r["region_name"], r["value"] or 0.0)
                for r in table.filter(
                    pc.equal(table["indicator"], pa.scalar(PEER_INDICATOR))
                ).to_pylist()
                if r["region_level"] == level
                and r["region_code"][:2] == province[:2]
                and level != "province"
            ),
            key=lambda p: -p[2],
        )
    )
    return Report(
        region=region,
        region_name=rows[0]["region_name"],
        region_level=level,
        period=parsed,
        as_known_at=moment,
        rows=rows,
        trends=trends,
        peers=peers,
        monthly_pledges=_monthly_pledges(ledger, region, parsed, moment),
        json=table_to_report(mine, region, str(parsed), moment),
    )


def _monthly_pledges(
    ledger: Ledger, region: str, period: Period, moment: dt.datetime | None
) -> tuple[tuple[int, float], ...]:
    pledges = (
        ledger.pledges.find()
        .in_region(region)
        .registered_between(dt.date(period.year, 1, 1), dt.date(period.year, 12, 31))
        .as_known_at(moment)
        .to_arrow()
    )
    months = pc.month(pledges["registered_date"]).to_pylist()
    amounts = pledges["amount"].to_pylist()
    totals = dict.fromkeys(range(1, 13), 0.0)
    for month, amount in zip(months, amounts, strict=True):
        if month is not None and amount is not None:
            totals[month] += float(amount)
    return tuple(totals.items())
