"""Helpers for the indicator-engine tests: region codes, patent numbers, one-line look-ups."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pyarrow as pa

from ipledger import Case, Ledger, Patent, Pledge, Trademark, Transfer
from ipledger.codes import patent_check_character
from ipledger.model import (
    ENTITIES,
    CaseType,
    GIProduct,
    GIUser,
    InsurancePolicy,
    Party,
    Population,
)
from ipledger.stats import compute_indicators

D = dt.date
T = dt.datetime

GUANGDONG = "440000"
JIANGMEN, PENGJIANG, JIANGHAI, XINHUI = "440700", "440703", "440704", "440705"
FOSHAN, CHANCHENG = "440600", "440604"
GUANGZHOU = "440100"
BEIJING, DONGCHENG = "110000", "110101"
HENAN, XINXIANG = "410000", "410700"


def pn(serial: int, kind: str = "1", year: int = 2020) -> str:
    """A valid canonical patent number: ``year``, kind digit (1 invention, 2 utility model,
    3 design), a 7-digit serial and its check character."""
    digits = f"{year}{kind}{serial:07d}"
    return digits + patent_check_character(digits)


def rows(ledger: Ledger, period: str, indicators: list[str], regions=(JIANGMEN,), **kwargs):
    """{(region, indicator): row} of the engine's table for one period."""
    table = compute_indicators(
        ledger, [period], regions=list(regions), indicators=indicators, **kwargs
    )
    return {(r["region_code"], r["indicator"]): r for r in table.to_pylist()}


def value(ledger: Ledger, period: str, indicator: str, region: str = JIANGMEN, **kwargs):
    """One figure's value."""
    return rows(ledger, period, [indicator], regions=(region,), **kwargs)[(region, indicator)][
        "value"
    ]


def pledge(pledge_id: str, registered: dt.date, amount, region=JIANGMEN, **kwargs) -> Pledge:
    """A pledge registration with the fields most tests need."""
    return Pledge(
        pledge_id=pledge_id,
        registered_date=registered,
        amount=Decimal(str(amount)),
        region_code=region,
        **kwargs,
    )


def write_raw(ledger: Ledger, entity: str, records: list[dict], **kwargs) -> None:
    """Write rows straight into an entity table (no model validation: for bad data)."""
    ledger.store.write(ENTITIES[entity], pa.Table.from_pylist(records), **kwargs)


def fill_every_indicator(ledger: Ledger) -> None:
    """A small ledger in 江门 (its districts 蓬江 and 新会) on which every catalog indicator of
    2023 is non-zero: one patent of each kind filed and granted in 2023 (the invention a
    strategic emerging one), an older invention assigned and licensed to 佛山禅城, the
    population, an ordinary well-known mark and two GI marks, a GI product and its user, an
    SME's pledge and policy, and one case of each type closed in the year."""
    ledger.patents.upsert(
        [
            Patent(
                application_no=pn(1, "1", 2023),
                region_code=PENGJIANG,
                filing_date=D(2023, 2, 1),
                grant_date=D(2023, 9, 1),
                strategic_emerging=True,
            ),
            Patent(
                application_no=pn(2, "2", 2023),
                region_code=PENGJIANG,
                filing_date=D(2023, 3, 1),
                grant_date=D(2023, 8, 1),
            ),
            Patent(
                application_no=pn(3, "3", 2023),
                region_code=PENGJIANG,
                filing_date=D(2023, 3, 1),
                grant_date=D(2023, 7, 1),
            ),
            Patent(application_no=pn(4), region_code=PENGJIANG, grant_date=D(2021, 6, 1)),
        ]
    )
    ledger.transfers.upsert(
        [
            Transfer(right_no=pn(4), kind="licence", date=D(2023, 4, 1), to_region_code=CHANCHENG),
            Transfer(right_no=pn(4), date=D(2023, 5, 1), to_id="F", to_region_code=CHANCHENG),
        ]
    )
    ledger.population.upsert(Population(region_code=JIANGMEN, year=2023, population=4_800_000))
    ledger.trademarks.upsert(
        [
            Trademark(
                registration_no="101",
                region_code=PENGJIANG,
                registration_date=D(2023, 5, 1),
                well_known_date=D(2023, 6, 1),
            ),
            Trademark(
                registration_no="102",
                kind="certification",
                geographical_indication=True,
                region_code=XINHUI,
                registration_date=D(2010, 5, 1),
            ),
            Trademark(
                registration_no="103",
                kind="collective",
                geographical_indication=True,
                region_code=XINHUI,
                registration_date=D(2012, 5, 1),
            ),
        ]
    )
    ledger.gi_products.upsert(
        GIProduct(gi_id="G1", name="新会陈皮", region_code=XINHUI, protected_date=D(2006, 1, 1))
    )
    ledger.gi_users.upsert(
        GIUser(gi_ref="G1", user_id="U1", region_code=XINHUI, approved_date=D(2020, 1, 1))
    )
    ledger.parties.upsert(Party(party_id="P1", name="江门某科技有限公司", size="small"))
    ledger.pledges.upsert(pledge("Q1", D(2023, 3, 1), 5_000_000, region=PENGJIANG, pledgor_id="P1"))
    ledger.insurance.upsert(
        InsurancePolicy(
            policy_no="I1",
            insured_id="P1",
            region_code=PENGJIANG,
            start_date=D(2023, 2, 1),
            coverage=Decimal("1000000"),
        )
    )
    ledger.cases.upsert(
        [
            Case(
                case_no=f"C-{case_type.value}",
                types=(case_type,),
                region_code=PENGJIANG,
                opened_date=D(2023, 2, 1),
                closed_date=D(2023, 3, 1),
                fine=Decimal("1000"),
                recovered=Decimal("500"),
                transferred_to_police=True,
            )
            for case_type in CaseType
        ]
    )
