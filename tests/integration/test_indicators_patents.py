"""Patent indicators on small hand-made ledgers where every number is derivable by hand."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ipledger import Patent, Population, Transfer
from ipledger.stats import StatsSettings
from tests.stats_helpers import (
    CHANCHENG,
    FOSHAN,
    GUANGDONG,
    JIANGHAI,
    JIANGMEN,
    PENGJIANG,
    D,
    T,
    pledge,
    pn,
    rows,
    value,
)


def test_flows_count_by_event_date_and_period_boundaries(ledger):
    """Grants count in the period of their grant date: first and last day in, the next out."""
    ledger.patents.upsert(
        [
            Patent(application_no=pn(1), region_code=PENGJIANG, grant_date=D(2023, 1, 1)),
            Patent(application_no=pn(2), region_code=PENGJIANG, grant_date=D(2023, 3, 31)),
            Patent(application_no=pn(3), region_code=PENGJIANG, grant_date=D(2023, 4, 1)),
            Patent(application_no=pn(4, "2"), region_code=JIANGMEN, grant_date=D(2023, 12, 31)),
            Patent(application_no=pn(5), region_code=JIANGMEN, grant_date=D(2024, 1, 1)),
        ]
    )
    assert value(ledger, "2023Q1", "patent_grants") == 2
    assert value(ledger, "2023-04", "patent_grants") == 1
    assert value(ledger, "2023-01..2023-03", "patent_grants") == 2
    assert value(ledger, "2023-02..2023-11", "patent_grants") == 2
    year = rows(
        ledger,
        "2023",
        ["patent_grants", "patent_grants.invention", "patent_grants.utility_model"],
    )
    assert year[(JIANGMEN, "patent_grants")]["value"] == 4
    assert year[(JIANGMEN, "patent_grants.invention")]["value"] == 3
    assert year[(JIANGMEN, "patent_grants.utility_model")]["value"] == 1


def test_month_range_and_its_previous_period(ledger):
    """A Jan-Jul range is compared with Jan-Jul of the year before, by filing date and kind."""
    ledger.patents.upsert(
        [
            Patent(
                application_no=pn(1, year=2024), region_code=JIANGMEN, filing_date=D(2024, 7, 31)
            ),
            Patent(
                application_no=pn(2, year=2024), region_code=JIANGMEN, filing_date=D(2024, 8, 1)
            ),
            Patent(
                application_no=pn(3, "3", 2024), region_code=JIANGMEN, filing_date=D(2024, 1, 1)
            ),
            Patent(
                application_no=pn(4, year=2023), region_code=JIANGMEN, filing_date=D(2023, 2, 1)
            ),
            Patent(
                application_no=pn(5, year=2023), region_code=JIANGMEN, filing_date=D(2023, 9, 1)
            ),
        ]
    )
    got = rows(ledger, "2024-01..2024-07", ["patent_applications", "patent_applications.design"])
    total = got[(JIANGMEN, "patent_applications")]
    assert (total["period"], total["value"], total["previous"], total["yoy_pct"]) == (
        "2024-01..2024-07",
        2,
        1,
        100.0,
    )
    design = got[(JIANGMEN, "patent_applications.design")]
    assert (design["value"], design["previous"], design["yoy_pct"]) == (1, 0, None)


def test_stock_counts_what_is_in_force_on_the_last_day(ledger):
    """Valid invention patents: granted by the last day and not lapsed by it (a lapse on the
    last day itself ends the patent); utility models are not invention patents."""
    ledger.patents.upsert(
        [
            Patent(application_no=pn(1), region_code=JIANGMEN, grant_date=D(2020, 1, 1)),
            Patent(
                application_no=pn(2),
                region_code=JIANGMEN,
                grant_date=D(2020, 1, 1),
                lapse_date=D(2023, 6, 30),
            ),
            Patent(
                application_no=pn(3),
                region_code=JIANGMEN,
                grant_date=D(2020, 1, 1),
                lapse_date=D(2023, 7, 1),
            ),
            Patent(application_no=pn(4), region_code=JIANGMEN, grant_date=D(2023, 12, 31)),
            Patent(application_no=pn(5), region_code=JIANGMEN, filing_date=D(2020, 1, 1)),
            Patent(application_no=pn(6, "2"), region_code=JIANGMEN, grant_date=D(2020, 1, 1)),
        ]
    )
    assert value(ledger, "2023Q2", "valid_invention_patents") == 2  # 1 and 3
    assert value(ledger, "2023", "valid_invention_patents") == 2  # 1 and 4


def test_roll_up_county_city_province(ledger):
    """A county's patents count for its city and province; a row recorded at city level counts
    for the city and province but no county; another city's only for the province."""
    ledger.patents.upsert(
        [
            Patent(application_no=pn(1), region_code=PENGJIANG, grant_date=D(2023, 5, 1)),
            Patent(application_no=pn(2), region_code=JIANGHAI, grant_date=D(2023, 5, 1)),
            Patent(application_no=pn(3), region_code=JIANGMEN, grant_date=D(2023, 5, 1)),
            Patent(application_no=pn(4), region_code=CHANCHENG, grant_date=D(2023, 5, 1)),
        ]
    )
    got = rows(ledger, "2023", ["patent_grants"], regions=(PENGJIANG, JIANGMEN, FOSHAN, GUANGDONG))
    assert {region: got[(region, "patent_grants")]["value"] for region, _ in got} == {
        PENGJIANG: 1,
        JIANGMEN: 3,
        FOSHAN: 1,
        GUANGDONG: 4,
    }


def test_assignment_moves_a_patent_between_cities_mid_year(ledger):
    """From the assignment date on, the patent counts for the new holder's city: in the stock
    at each period end, and in a grant dated after the assignment."""
    ledger.patents.upsert(
        [
            Patent(application_no=pn(1), region_code=PENGJIANG, grant_date=D(2020, 1, 1)),
            Patent(application_no=pn(2), region_code=PENGJIANG, grant_date=D(2023, 9, 1)),
        ]
    )
    ledger.transfers.upsert(
        [
            Transfer(right_no=pn(1), date=D(2023, 7, 1), to_id="X", to_region_code=CHANCHENG),
            Transfer(right_no=pn(2), date=D(2023, 8, 1), to_id="X", to_region_code=CHANCHENG),
        ]
    )
    regions = (PENGJIANG, JIANGMEN, FOSHAN)
    first_half = rows(ledger, "2023-01..2023-06", ["valid_invention_patents"], regions)
    assert first_half[(JIANGMEN, "valid_invention_patents")]["value"] == 1
    assert first_half[(FOSHAN, "valid_invention_patents")]["value"] == 0
    year = rows(ledger, "2023", ["valid_invention_patents", "patent_grants"], regions)
    assert year[(PENGJIANG, "valid_invention_patents")]["value"] == 0
    assert year[(JIANGMEN, "valid_invention_patents")]["value"] == 0
    assert year[(FOSHAN, "valid_invention_patents")]["value"] == 2
    assert year[(JIANGMEN, "patent_grants")]["value"] == 0
    assert year[(FOSHAN, "patent_grants")]["value"] == 1


def test_latest_assignment_on_or_before_the_date_wins(ledger):
    """Assigned to Foshan, then back to Jiangmen: each period end sees the latest move by then,
    as known at each moment (a move recorded later is not seen before it was recorded)."""
    ledger.patents.upsert(
        Patent(application_no=pn(1), region_code=PENGJIANG, grant_date=D(2020, 1, 1)),
        recorded_at=T(2020, 1, 2),
    )
    ledger.transfers.upsert(
        Transfer(right_no=pn(1), date=D(2022, 3, 1), to_id="F", to_region_code=CHANCHENG),
        recorded_at=T(2022, 3, 2),
    )
    ledger.transfers.upsert(
        Transfer(right_no=pn(1), date=D(2023, 3, 1), to_id="J", to_region_code=JIANGHAI),
        recorded_at=T(2023, 3, 2),
    )
    where = [
        [r for r in (JIANGMEN, FOSHAN) if value(ledger, period, "valid_invention_patents", r, **kw)]
        for period, kw in [
            ("2021", {}),
            ("2022", {}),
            ("2023", {}),
            ("2023", {"as_known_at": "2023-01-31"}),
        ]
    ]
    assert where == [[JIANGMEN], [FOSHAN], [JIANGMEN], [FOSHAN]]


def test_assignments_and_licences_outbound(ledger):
    """An assignment counts for the assignor's region (before the move); .outbound when the
    assignee is outside the region: for the county and city here, not for the province. A
    licence inside the city is outbound for the county only."""
    ledger.patents.upsert(
        [
            Patent(application_no=pn(1), region_code=PENGJIANG, grant_date=D(2020, 1, 1)),
            Patent(application_no=pn(2), region_code=PENGJIANG, grant_date=D(2020, 1, 1)),
        ]
    )
    ledger.transfers.upsert(
        [
            Transfer(right_no=pn(1), date=D(2023, 7, 1), to_id="X", to_region_code=CHANCHENG),
            Transfer(
                right_no=pn(2),
                kind="licence",
                date=D(2023, 7, 1),
                to_id="Y",
                to_region_code=JIANGHAI,
            ),
        ]
    )
    ids = [
        "patent_assignments",
        "patent_assignments.outbound",
        "patent_licences",
        "patent_licences.outbound",
    ]
    got = rows(ledger, "2023", ids, regions=(PENGJIANG, JIANGMEN, FOSHAN, GUANGDONG))
    table = {
        r: [got[(r, i)]["value"] for i in ids] for r in (PENGJIANG, JIANGMEN, FOSHAN, GUANGDONG)
    }
    assert table == {
        PENGJIANG: [1, 1, 1, 1],
        JIANGMEN: [1, 1, 1, 0],
        FOSHAN: [0, 0, 0, 0],
        GUANGDONG: [1, 0, 1, 0],
    }


def _high_value_ledger(ledger):
    granted = D(2015, 1, 1)
    ledger.patents.upsert(
        [
            Patent(
                application_no=pn(1),
                region_code=JIANGMEN,
                grant_date=granted,
                strategic_emerging=True,
            ),
            Patent(
                application_no=pn(2),
                region_code=JIANGMEN,
                grant_date=granted,
                overseas_family_granted=True,
            ),
            Patent(
                application_no=pn(3, year=2012),
                region_code=JIANGMEN,
                filing_date=D(2012, 1, 1),
                grant_date=granted,
            ),
            Patent(application_no=pn(4), region_code=JIANGMEN, grant_date=granted),
            Patent(application_no=pn(5), region_code=JIANGMEN, grant_date=granted, award="gold"),
            Patent(application_no=pn(6), region_code=JIANGMEN, grant_date=granted),
            Patent(
                application_no=pn(7, "2"),
                region_code=JIANGMEN,
                grant_date=granted,
                strategic_emerging=True,
            ),
            Patent(
                application_no=pn(8),
                region_code=JIANGMEN,
                grant_date=granted,
                lapse_date=D(2023, 1, 1),
                award="silver",
            ),
            Patent(
                application_no=pn(9, year=2013),
                region_code=JIANGMEN,
                filing_date=D(2013, 12, 31),
                grant_date=granted,
            ),
        ]
    )
    ledger.pledges.upsert(
        [
            pledge("Y1", D(2023, 3, 1), 10_000_000, rights=[pn(4)]),
            pledge("Y2", D(2023, 3, 1), 9_999_999, rights=[pn(6)]),
            pledge("Y3", D(2023, 3, 1), 6_000_000, rights=[pn(6)]),
        ]
    )


def test_high_value_criteria_and_reasons(ledger):
    """Each of the five criteria makes a valid invention patent high-value, and the list says
    which; lapsed patents, utility models, a 9,999,999-yuan pledge and exactly 10 years since
    filing do not qualify. The count agrees with the list."""
    _high_value_ledger(ledger)
    table = ledger.patents.high_value(on=D(2023, 12, 31))
    reasons = dict(
        zip(table["application_no"].to_pylist(), table["reasons"].to_pylist(), strict=True)
    )
    assert reasons == {
        pn(1): ["strategic_emerging"],
        pn(2): ["overseas_family"],
        pn(3, year=2012): ["maintained_10_years"],
        pn(4): ["high_pledge"],
        pn(5): ["award"],
    }
    assert table.column_names[-6:] == [
        "meets_strategic_emerging",
        "meets_overseas_family",
        "meets_maintained_10_years",
        "meets_high_pledge",
        "meets_award",
        "reasons",
    ]
    assert "award" in table.column_names and len(set(table.column_names)) == table.num_columns
    assert value(ledger, "2023", "high_value_invention_patents") == 5
    assert ledger.patents.high_value(on=D(2023, 1, 1)).num_rows == 4  # the pledge came later
    assert value(ledger, "2024", "high_value_invention_patents") == 6  # 10 years passed for 9


def test_high_value_pledge_threshold_is_a_setting(ledger):
    """With a 5,000,000-yuan threshold the 9,999,999 pledge (but not two smaller ones adding
    up) makes patent 6 high-value too."""
    _high_value_ledger(ledger)
    settings = StatsSettings(pledge_high_value_threshold=Decimal(6_000_001))
    assert value(ledger, "2023", "high_value_invention_patents", settings=settings) == 6
    table = ledger.patents.high_value(on=D(2023, 12, 31), pledge_threshold=Decimal(6_000_001))
    assert pn(6) in table["application_no"].to_pylist()
    higher = StatsSettings(pledge_high_value_threshold="20000000")
    assert value(ledger, "2023", "high_value_invention_patents", settings=higher) == 4


def test_per_10k_divides_by_the_year_end_population(ledger):
    """Per-10k figures divide by the region's own year-end population of the period's year
    (the previous one by the year before's); null without population."""
    ledger.population.upsert(
        [
            Population(region_code=JIANGMEN, year=2023, population=4_000_000),
            Population(region_code=JIANGMEN, year=2022, population=2_000_000),
        ]
    )
    ledger.patents.upsert(
        [
            Patent(application_no=pn(i), region_code=PENGJIANG, grant_date=D(2022, 6, 1))
            for i in range(8)
        ]
        + [Patent(application_no=pn(9), region_code=PENGJIANG, grant_date=D(2023, 6, 1))]
    )
    got = rows(ledger, "2023", ["valid_invention_patents_per_10k"], regions=(JIANGMEN, PENGJIANG))
    city = got[(JIANGMEN, "valid_invention_patents_per_10k")]
    assert city["value"] == pytest.approx(9 / 400)
    assert city["previous"] == pytest.approx(8 / 200)
    assert city["yoy_pct"] == pytest.approx((9 / 400 - 8 / 200) / (8 / 200) * 100)
    assert city["unit"] == "per_10k"
    county = got[(PENGJIANG, "valid_invention_patents_per_10k")]
    assert (county["value"], county["rank_parent"]) == (None, None)  # no population
    assert value(ledger, "2023Q2", "valid_invention_patents_per_10k") == pytest.approx(9 / 400)
