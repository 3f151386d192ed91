"""Pledge and insurance indicators on small hand-made ledgers."""

from __future__ import annotations

from decimal import Decimal

from ipledger import InsurancePolicy, Party
from tests.stats_helpers import (
    FOSHAN,
    GUANGDONG,
    JIANGHAI,
    JIANGMEN,
    PENGJIANG,
    XINHUI,
    D,
    pledge,
    rows,
)


def test_pledges_roll_up_county_city_province(ledger):
    """Pledges count for the pledgor's region and every region above it, amounts to the fen."""
    ledger.pledges.upsert(
        [
            pledge("Y1", D(2023, 5, 1), "100.10", PENGJIANG),
            pledge("Y2", D(2023, 6, 1), "50.20", XINHUI),
            pledge("Y3", D(2023, 6, 1), "7", FOSHAN),
            pledge("Y4", D(2024, 1, 1), "1000", XINHUI),
        ]
    )
    got = rows(
        ledger, "2023", ["pledge_count", "pledge_amount"], regions=(PENGJIANG, JIANGMEN, GUANGDONG)
    )
    assert got[(PENGJIANG, "pledge_count")]["value"] == 1
    assert got[(JIANGMEN, "pledge_count")]["value"] == 2
    assert got[(JIANGMEN, "pledge_amount")]["value"] == 150.3  # exact decimals, then double
    assert got[(GUANGDONG, "pledge_amount")]["value"] == 157.3
    assert got[(JIANGMEN, "pledge_amount")]["unit"] == "yuan"


def test_beneficiaries_are_distinct_pledgors_and_smes_by_size(ledger):
    """A pledgor with pledges in two counties is one beneficiary of the city (and one of each
    county); SMEs by parties.size; a pledgor known only by name counts by name."""
    ledger.parties.upsert(
        [
            Party(party_id="P1", name="甲", size="small"),
            Party(party_id="P2", name="乙", size="large"),
        ]
    )
    ledger.pledges.upsert(
        [
            pledge("Y1", D(2023, 3, 1), 1, PENGJIANG, pledgor_id="P1"),
            pledge("Y2", D(2023, 4, 1), 1, JIANGHAI, pledgor_id="P1"),
            pledge("Y3", D(2023, 4, 1), 1, JIANGHAI, pledgor_id="P2"),
            pledge("Y4", D(2023, 4, 1), 1, JIANGHAI, pledgor_name="丙"),
            pledge("Y5", D(2023, 4, 1), 1, JIANGHAI, pledgor_name="丙"),
        ]
    )
    ids = ["pledge_count", "pledge_beneficiaries", "pledge_beneficiaries.sme"]
    got = rows(ledger, "2023", ids, regions=(JIANGMEN, PENGJIANG, JIANGHAI))
    assert [got[(JIANGMEN, i)]["value"] for i in ids] == [5, 3, 1]
    assert [got[(PENGJIANG, i)]["value"] for i in ids] == [1, 1, 1]
    assert [got[(JIANGHAI, i)]["value"] for i in ids] == [4, 3, 1]


def test_outstanding_amount_on_the_last_day(ledger):
    """Outstanding: registered by the last day, not released by then, term not ended before it
    (a term ending on the last day still counts)."""
    ledger.pledges.upsert(
        [
            pledge("Y1", D(2023, 1, 1), 100),
            pledge("Y2", D(2023, 1, 1), 20, released_date=D(2023, 12, 31)),
            pledge("Y3", D(2023, 1, 1), 3, term_end=D(2023, 12, 31)),
            pledge("Y4", D(2023, 1, 1), 4000, term_end=D(2023, 12, 30)),
            pledge("Y5", D(2024, 1, 1), 50000),
            pledge("Y6", D(2022, 1, 1), 600000, released_date=D(2024, 1, 1)),
        ]
    )
    got = rows(ledger, "2023", ["pledge_outstanding_amount"])[
        (JIANGMEN, "pledge_outstanding_amount")
    ]
    assert got["value"] == 600103
    assert got["previous"] == 600000


def test_insurance_policies_insured_and_coverage(ledger):
    """Policies starting in the period, distinct insured parties, total coverage (a policy
    without coverage adds nothing)."""
    ledger.insurance.upsert(
        [
            InsurancePolicy(
                policy_no="B1",
                insured_id="I1",
                region_code=PENGJIANG,
                start_date=D(2023, 2, 1),
                coverage=Decimal("1000000"),
            ),
            InsurancePolicy(
                policy_no="B2", insured_id="I1", region_code=JIANGHAI, start_date=D(2023, 3, 1)
            ),
            InsurancePolicy(
                policy_no="B3",
                insured_id="I2",
                region_code=JIANGMEN,
                start_date=D(2023, 12, 31),
                coverage=Decimal("0.5"),
            ),
            InsurancePolicy(
                policy_no="B4",
                insured_id="I3",
                region_code=JIANGMEN,
                start_date=D(2024, 1, 1),
                coverage=Decimal("7"),
            ),
        ]
    )
    ids = ["insurance_policies", "insurance_insured", "insurance_coverage"]
    got = rows(ledger, "2023", ids)
    assert [got[(JIANGMEN, i)]["value"] for i in ids] == [3, 2, 1000000.5]
