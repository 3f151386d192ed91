"""The region of a right on a date is one definition: over random ledgers with assignments,
for every region and date, the query API's count of valid invention patents, ``high_value()``
and the indicators give the same numbers."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ipledger import Ledger, Patent, Pledge, Transfer
from ipledger.stats import compute_indicators, parse_period
from tests.stats_helpers import (
    CHANCHENG,
    FOSHAN,
    GUANGDONG,
    HENAN,
    JIANGHAI,
    JIANGMEN,
    PENGJIANG,
    XINXIANG,
    pn,
)

XINXIANG_COUNTY = "410702"
COUNTIES = [PENGJIANG, JIANGHAI, CHANCHENG, XINXIANG_COUNTY]
REGIONS = [*COUNTIES, JIANGMEN, FOSHAN, XINXIANG, GUANGDONG, HENAN]
PERIODS = ["2015", "2019", "2021", "2023", "2023-06"]
DAYS = st.dates(min_value=dt.date(1996, 1, 1), max_value=dt.date(2023, 12, 31))


@st.composite
def ledgers(draw):
    """Patents held in a few counties, some assigned (several times) to others, some pledged
    for large amounts; old enough for statutory terms to end."""
    patents, transfers, pledges = [], [], []
    for serial in range(draw(st.integers(1, 25))):
        filed = draw(DAYS)
        kind = draw(st.sampled_from(["1", "1", "1", "2"]))
        year = max(filed.year, 2003)  # a new-form number; the filing date decides the term
        number = pn(serial, kind, year)
        delay = draw(st.none() | st.integers(100, 1500))
        granted = None if delay is None else filed + dt.timedelta(delay)
        lapsed = None
        if granted is not None and draw(st.booleans()):
            lapsed = granted + dt.timedelta(draw(st.integers(1, 6000)))
        patents.append(
            Patent(
                application_no=number,
                region_code=draw(st.sampled_from(COUNTIES)),
                filing_date=filed,
                grant_date=granted,
                lapse_date=lapsed,
                strategic_emerging=draw(st.booleans()),
            )
        )
        for _ in range(draw(st.integers(0, 2))):
            transfers.append(
                Transfer(
                    right_no=number,
                    date=draw(DAYS),
                    to_id=f"T{len(transfers)}",
                    to_region_code=draw(st.none() | st.sampled_from(COUNTIES)),
                )
            )
        if draw(st.integers(0, 4)) == 0:
            pledges.append(
                Pledge(
                    pledge_id=f"Y{serial}",
                    registered_date=draw(DAYS),
                    amount=draw(st.sampled_from([Decimal("5000000"), Decimal("20000000")])),
                    region_code=PENGJIANG,
                    rights=[number],
                )
            )
    return patents, transfers, pledges


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=ledgers())
def test_query_high_value_and_indicators_agree(data):
    """valid_invention_patents == find(kind="invention").in_force(on).in_region(r).count() and
    high_value_invention_patents == high_value(on=, region=r), for every region and period."""
    patents, transfers, pledges = data
    with Ledger.open() as ledger:
        ledger.patents.upsert(patents)
        if transfers:
            ledger.transfers.upsert(transfers)
        if pledges:
            ledger.pledges.upsert(pledges)
        table = compute_indicators(
            ledger,
            PERIODS,
            regions=REGIONS,
            indicators=["valid_invention_patents", "high_value_invention_patents"],
        )
        figures = {
            (r["region_code"], r["period"], r["indicator"]): r["value"] for r in table.to_pylist()
        }
        for period in PERIODS:
            on = parse_period(period).end
            for region in REGIONS:
                counted = (
                    ledger.patents.find(kind="invention").in_force(on).in_region(region).count()
                )
                listed = ledger.patents.high_value(on=on, region=region).num_rows
                assert counted == figures[(region, period, "valid_invention_patents")], (
                    region,
                    period,
                )
                assert listed == figures[(region, period, "high_value_invention_patents")], (
                    region,
                    period,
                )
