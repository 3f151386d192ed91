"""Helpers for the indicator-engine tests: region codes, patent numbers, one-line look-ups."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pyarrow as pa

from ipledger import Ledger, Pledge
from ipledger.codes import patent_check_character
from ipledger.model import ENTITIES
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
