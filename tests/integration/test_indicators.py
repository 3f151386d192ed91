"""The indicator engine on small hand-made ledgers where every number is derivable by hand."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from ipledger import (
    Case,
    Party,
    Patent,
    Pledge,
    Population,
    Target,
    Trademark,
    Transfer,
)
from ipledger.codes import patent_check_character
from ipledger.stats import compute_indicators, report_json

D = dt.date
T = dt.datetime

JIANGMEN, PENGJIANG, XINHUI, FOSHAN, GUANGDONG = "440700", "440703", "440705", "440600", "440000"


def pn(serial: int, kind: str = "1", year: int = 2020) -> str:
    """A valid canonical patent number."""
    digits = f"{year}{kind}{serial:07d}"
    return digits + patent_check_character(digits)


def values(ledger, period, indicators, regions=(JIANGMEN,), **kwargs):
    """{(region, indicator): row} of the engine's table."""
    table = compute_indicators(
        ledger, [period], regions=list(regions), indicators=indicators, **kwargs
    )
    return {(r["region_code"], r["indicator"]): r for r in table.to_pylist()}


def test_flow_counts_by_event_date_and_period_boundaries(ledger):
    """Grants count in the period of their grant date; the last day is inside, the next is not."""
    ledger.patents.upsert(
        [
            Patent(application_no=pn(1), region_code=PENGJIANG, grant_date=D(2023, 1, 1)),
            Patent(application_no=pn(2), region_code=PENGJIANG, grant_date=D(2023, 3, 31)),
            Patent(application_no=pn(3), region_code=PENGJIANG, grant_date=D(2023, 4, 1)),
            Patent(application_no=pn(4, "2"), region_code=JIANGMEN, grant_date=D(2023, 12, 31)),
            Patent(application_no=pn(5), region_code=JIANGMEN, grant_date=D(2024, 1, 1)),
        ]
    )
    assert values(ledger, "2023Q1", ["patent_grants"])[(JIANGMEN, "patent_grants")]["value"] == 2
    assert values(ledger, "2023-04", ["patent_grants"])[(JIANGMEN, "patent_grants")]["value"] == 1
    year = values(
        ledger, "2023", ["patent_grants", "patent_grants.invention", "patent_grants.utility_model"]
    )
    assert year[(JIANGMEN, "patent_grants")]["value"] == 4
    assert year[(JIANGMEN, "patent_grants.invention")]["value"] == 3
    assert year[(JIANGMEN, "patent_grants.utility_model")]["value"] == 1
    ranged = values(ledger, "2023-01..2023-03", ["patent_grants"])
    assert ranged[(JIANGMEN, "patent_grants")]["value"] == 2


def test_stock_counts_what_is_in_force_on_the_last_day(ledger):
    """A stock counts patents granted by the period's end and not lapsed by then."""
    ledger.patents.upsert(
        [
            Patent(application_no=pn(1), region_code=JIANGMEN, grant_date=D(2020, 1, 1)),
            Patent(
                application_no=pn(2),
                region_code=JIANGMEN,
                grant_date=D(2020, 1, 1),
                lapse_date=D(2023, 12, 31),
            ),
            Patent(
                application_no=pn(3),
                region_code=JIANGMEN,
                grant_date=D(2020, 1, 1),
                lapse_date=D(2024, 1, 1),
            ),
            Patent(application_no=pn(4, "2"), region_code=JIANGMEN, grant_date=D(2020, 1, 1)),
        ]
    )
    got = values(ledger, "2023", ["valid_invention_patents"])
    assert got[(JIANGMEN, "valid_invention_patents")]["value"] == 2


def test_roll_up_county_city_province(ledger):
    """A county's records count for its city and its province."""
    ledger.pledges.upsert(
        [
            Pledge(
                pledge_id="Y1",
                registered_date=D(2023, 5, 1),
                amount=Decimal("100"),
                region_code=PENGJIANG,
            ),
            Pledge(
                pledge_id="Y2",
                registered_date=D(2023, 6, 1),
                amount=Decimal("50"),
                region_code=XINHUI,
            ),
            Pledge(
                pledge_id="Y3",
                registered_date=D(2023, 6, 1),
                amount=Decimal("7"),
                region_code=FOSHAN,
            ),
        ]
    )
    got = values(
        ledger, "2023", ["pledge_count", "pledge_amount"], regions=(PENGJIANG, JIANGMEN, GUANGDONG)
    )
    assert got[(PENGJIANG, "pledge_count")]["value"] == 1
    assert got[(JIANGMEN, "pledge_count")]["value"] == 2
    assert got[(JIANGMEN, "pledge_amount")]["value"] == 150
    assert got[(GUANGDONG, "pledge_amount")]["value"] == 157


def test_assignment_moves_a_patent_between_cities_mid_year(ledger):
    """From the assignment date on, the patent counts for the new holder's city."""
    ledger.patents.upsert(
        Patent(application_no=pn(1), region_code=JIANGMEN, grant_date=D(2020, 1, 1))
    )
    ledger.transfers.upsert(
        Transfer(
            right_no=pn(1),
            right_type="patent",
            kind="assignment",
            date=D(2023, 7, 1),
            to_id="X",
            to_region_code=FOSHAN,
        )
    )
    h1 = values(ledger, "2023-01..2023-06", ["valid_invention_patents"], regions=(JIANGMEN, FOSHAN))
    year = values(
        ledger,
        "2023",
        ["valid_invention_patents", "patent_assignments", "patent_assignments.outbound"],
        regions=(JIANGMEN, FOSHAN, GUANGDONG),
    )
    assert h1[(JIANGMEN, "valid_invention_patents")]["value"] == 1
    assert h1[(FOSHAN, "valid_invention_patents")]["value"] == 0
    assert year[(JIANGMEN, "valid_invention_patents")]["value"] == 0
    assert year[(FOSHAN, "valid_invention_patents")]["value"] == 1
    assert year[(JIANGMEN, "patent_assignments")]["value"] == 1
    assert year[(JIANGMEN, "patent_assignments.outbound")]["value"] == 1
    assert year[(GUANGDONG, "patent_assignments.outbound")]["value"] == 0  # stayed in the province


def test_ranks_with_ties_and_peers(ledger):
    """Ties share the best rank; peers count the ranked regions of the same level."""
    for i, (region, n) in enumerate([(JIANGMEN, 2), (FOSHAN, 2), ("440100", 3)]):
        ledger.pledges.upsert(
            [
                Pledge(
                    pledge_id=f"Y{i}-{k}",
                    registered_date=D(2023, 1, 2),
                    amount=Decimal(1),
                    region_code=region,
                )
                for k in range(n)
            ]
        )
    got = values(ledger, "2023", ["pledge_count"], regions=(JIANGMEN, FOSHAN, "440100", GUANGDONG))
    assert got[("440100", "pledge_count")]["rank_parent"] == 1
    assert got[(JIANGMEN, "pledge_count")]["rank_parent"] == 2
    assert got[(FOSHAN, "pledge_count")]["rank_parent"] == 2
    assert got[(JIANGMEN, "pledge_count")]["peers_parent"] == 21
    assert got[(JIANGMEN, "pledge_count")]["rank_national"] == 2
    assert got[(GUANGDONG, "pledge_count")]["rank_parent"] is None
    assert got[(GUANGDONG, "pledge_count")]["rank_national"] == 1


def test_yoy_and_zero_previous(ledger):
    """YoY is (value - previous) / previous x 100, null when previous is 0."""
    ledger.pledges.upsert(
        [
            Pledge(
                pledge_id=f"A{k}",
                registered_date=D(2022, 3, 1),
                amount=Decimal(1),
                region_code=JIANGMEN,
            )
            for k in range(4)
        ]
        + [
            Pledge(
                pledge_id=f"B{k}",
                registered_date=D(2023, 3, 1),
                amount=Decimal(1),
                region_code=JIANGMEN,
            )
            for k in range(5)
        ]
    )
    got = values(ledger, "2023", ["pledge_count"])[(JIANGMEN, "pledge_count")]
    assert (got["value"], got["previous"], got["yoy_pct"]) == (5, 4, 25.0)
    first = values(ledger, "2022", ["pledge_count"])[(JIANGMEN, "pledge_count")]
    assert (first["previous"], first["yoy_pct"]) == (0, None)


def test_case_of_two_types_counts_once_in_total(ledger):
    """A case of two types counts in both sub-ids and once in ip_cases."""
    ledger.cases.upsert(
        [
            Case(
                case_no="C1",
                types=["trademark_infringement", "gi_infringement"],
                region_code=JIANGMEN,
                opened_date=D(2023, 2, 1),
                closed_date=D(2023, 3, 3),
                fine=Decimal(1000),
                confiscated=Decimal(500),
                recovered=Decimal(200),
            ),
            Case(
                case_no="C2",
                types=["patent_dispute"],
                region_code=JIANGMEN,
                opened_date=D(2023, 4, 1),
                closed_date=D(2023, 4, 11),
                outcome="transferred_to_police",
            ),
        ]
    )
    got = values(
        ledger,
        "2023",
        [
            "ip_cases",
            "ip_cases.trademark_infringement",
            "ip_cases.gi_infringement",
            "ip_cases.patent_dispute",
            "case_penalties",
            "case_recovered",
            "cases_transferred_to_police",
            "case_median_days_to_close",
        ],
    )
    assert got[(JIANGMEN, "ip_cases")]["value"] == 2
    assert got[(JIANGMEN, "ip_cases.trademark_infringement")]["value"] == 1
    assert got[(JIANGMEN, "ip_cases.gi_infringement")]["value"] == 1
    assert got[(JIANGMEN, "ip_cases.patent_dispute")]["value"] == 1
    assert got[(JIANGMEN, "case_penalties")]["value"] == 1500
    assert got[(JIANGMEN, "case_recovered")]["value"] == 200
    assert got[(JIANGMEN, "cases_transferred_to_police")]["value"] == 1
    assert got[(JIANGMEN, "case_median_days_to_close")]["value"] == 20  # median of 30 and 10


def test_as_known_at_before_and_after_a_correction(ledger):
    """A report as known at a moment ignores corrections recorded later."""
    ledger.pledges.upsert(
        Pledge(
            pledge_id="Y1", registered_date=D(2023, 5, 1), amount=Decimal(100), region_code=JIANGMEN
        ),
        recorded_at=T(2023, 5, 2),
    )
    ledger.pledges.upsert(
        Pledge(
            pledge_id="Y1", registered_date=D(2023, 5, 1), amount=Decimal(120), region_code=JIANGMEN
        ),
        recorded_at=T(2024, 2, 10),
    )
    then = values(ledger, "2023", ["pledge_amount"], as_known_at="2024-01-31")
    now = values(ledger, "2023", ["pledge_amount"])
    assert then[(JIANGMEN, "pledge_amount")]["value"] == 100
    assert now[(JIANGMEN, "pledge_amount")]["value"] == 120


def test_high_value_criteria_and_reasons(ledger):
    """Each of the five criteria makes a valid invention patent high-value; reasons say which."""
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
        ]
    )
    ledger.pledges.upsert(
        [
            Pledge(
                pledge_id="Y1",
                registered_date=D(2023, 3, 1),
                amount=Decimal(10_000_000),
                rights=[pn(4)],
            ),
            Pledge(
                pledge_id="Y2",
                registered_date=D(2023, 3, 1),
                amount=Decimal(9_999_999),
                rights=[pn(6)],
            ),
        ]
    )
    table = ledger.patents.high_value(on=D(2023, 12, 31))
    reasons = dict(
        zip(
            table.column("application_no").to_pylist(),
            table.column("reasons").to_pylist(),
            strict=True,
        )
    )
    assert reasons == {
        pn(1): ["strategic_emerging"],
        pn(2): ["overseas_family"],
        pn(3, year=2012): ["maintained_10_years"],
        pn(4): ["high_pledge"],
        pn(5): ["award"],
    }
    got = values(ledger, "2023", ["high_value_invention_patents"])
    assert got[(JIANGMEN, "high_value_invention_patents")]["value"] == 5
    assert ledger.patents.high_value(on=D(2023, 1, 1)).num_rows == 4  # the pledge came later


def test_targets_per_10k_and_distinct_beneficiaries(ledger):
    """Per-10k divides by year-end population; completion compares with the target."""
    ledger.population.upsert(Population(region_code=JIANGMEN, year=2023, population=4_800_000))
    ledger.targets.upsert(
        Target(
            region_code=JIANGMEN,
            indicator="valid_invention_patents_per_10k",
            period="2023",
            target=Decimal("0.02"),
        )
    )
    ledger.parties.upsert(Party(party_id="P1", name="甲", kind="individual", size="small"))
    ledger.patents.upsert(
        [
            Patent(application_no=pn(i), region_code=JIANGMEN, grant_date=D(2021, 1, 1))
            for i in range(6)
        ]
    )
    ledger.pledges.upsert(
        [
            Pledge(
                pledge_id=f"Y{k}",
                registered_date=D(2023, 3, 1),
                amount=Decimal(1),
                pledgor_id=p,
                region_code=JIANGMEN,
            )
            for k, p in enumerate(["P1", "P1", "P2"])
        ]
    )
    got = values(
        ledger,
        "2023",
        ["valid_invention_patents_per_10k", "pledge_beneficiaries", "pledge_beneficiaries.sme"],
    )
    per = got[(JIANGMEN, "valid_invention_patents_per_10k")]
    assert per["value"] == pytest.approx(6 / 4_800_000 * 10_000)
    assert per["target"] == pytest.approx(0.02)
    assert per["completion_pct"] == pytest.approx(per["value"] / 0.02 * 100)
    assert got[(JIANGMEN, "pledge_beneficiaries")]["value"] == 2
    assert got[(JIANGMEN, "pledge_beneficiaries.sme")]["value"] == 1


def test_trademark_stocks(ledger):
    """Valid, well-known and GI marks on the last day of the period."""
    ledger.trademarks.upsert(
        [
            Trademark(
                registration_no="1",
                region_code=JIANGMEN,
                registration_date=D(2010, 1, 1),
                well_known_date=D(2020, 1, 1),
            ),
            Trademark(
                registration_no="2",
                region_code=JIANGMEN,
                registration_date=D(2010, 1, 1),
                kind="certification",
                geographical_indication=True,
            ),
            Trademark(
                registration_no="3",
                region_code=JIANGMEN,
                registration_date=D(2023, 6, 1),
                kind="collective",
                geographical_indication=True,
            ),
            Trademark(
                registration_no="4",
                region_code=JIANGMEN,
                registration_date=D(2010, 1, 1),
                lapse_date=D(2022, 1, 1),
            ),
        ]
    )
    got = values(
        ledger,
        "2023",
        [
            "valid_trademarks",
            "well_known_trademarks",
            "gi_trademarks",
            "gi_trademarks.certification",
            "gi_trademarks.collective",
            "trademark_registrations",
        ],
    )
    assert [
        got[(JIANGMEN, i)]["value"]
        for i in (
            "valid_trademarks",
            "well_known_trademarks",
            "gi_trademarks",
            "gi_trademarks.certification",
            "gi_trademarks.collective",
            "trademark_registrations",
        )
    ] == [3, 1, 2, 1, 1, 1]


def test_report_json_shape(ledger):
    """report_json gives the INDICATORS.md keys, integers for counts."""
    ledger.pledges.upsert(
        Pledge(
            pledge_id="Y1",
            registered_date=D(2023, 5, 1),
            amount=Decimal("12.5"),
            region_code=JIANGMEN,
        )
    )
    report = report_json(ledger, JIANGMEN, "2023")
    assert list(report) == ["region", "region_name", "period", "as_known_at", "indicators"]
    entry = next(i for i in report["indicators"] if i["id"] == "pledge_count")
    assert list(entry) == [
        "id",
        "label_zh",
        "label_en",
        "unit",
        "value",
        "previous",
        "yoy_pct",
        "rank_parent",
        "peers_parent",
        "rank_national",
        "peers_national",
        "target",
        "completion_pct",
    ]
    assert entry["value"] == 1 and isinstance(entry["value"], int)
    amount = next(i for i in report["indicators"] if i["id"] == "pledge_amount")
    assert amount["value"] == 12.5
