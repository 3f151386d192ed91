"""Building the demo ledger file: generate, write in recording order, add a late correction."""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Callable
from decimal import Decimal

import attrs
import pyarrow as pa
import pyarrow.compute as pc

from ipledger.demo._generate import generate
from ipledger.ledger import Ledger
from ipledger.model import ENTITIES

__all__ = ["CORRECTION", "DEMO_MARKER", "DemoSummary", "build_demo_ledger"]

DEMO_MARKER = "ipledger demo"
"""The ``meta`` value (key ``demo``) that marks a ledger file as the built-in demo."""

CORRECTION = ("Y2023440700" + "00007", dt.datetime(2024, 2, 20, 10, 0))
"""A 江门 2023 pledge whose amount was entered wrong in January 2024 and corrected on the date
given: reports "as known at" 2024-01-31 show the figure before the correction."""


@attrs.frozen
class DemoSummary:
    """What the demo ledger holds: rows per entity, the cities, and how long it took."""

    path: str
    rows: dict[str, int]
    cities: tuple[str, ...]
    seconds: float


def build_demo_ledger(
    path: str | os.PathLike[str],
    *,
    seed: int = 2024,
    progress: Callable[[str], None] | None = None,
) -> DemoSummary:
    """Build the demo ledger at ``path`` (a new or empty file) from ``seed``; deterministic.

    Examples:
        >>> # build_demo_ledger("demo.duckdb").rows["patents"]   # about 0.5 million rows
    """
    started = time.perf_counter()
    data, cities = generate(seed)
    with Ledger.open(path) as ledger:
        for name in ENTITIES:
            for recorded_at, table in data.tables(name):
                if name == "pledges" and recorded_at.year == 2024:
                    table = _with_entry_error(table)
                ledger.store.write(ENTITIES[name], table, recorded_at=recorded_at, source="demo")
            if progress is not None:
                progress(name)
        pledge = ledger.pledges.get(CORRECTION[0])
        ledger.pledges.upsert(
            attrs.evolve(pledge, amount=pledge.amount / 10),
            recorded_at=CORRECTION[1],
            source="correction",
        )
        ledger.sql("INSERT OR REPLACE INTO meta VALUES ('demo', ?)", [f"{DEMO_MARKER} seed={seed}"])
        rows = {n: ledger.repository(n).count() for n in ENTITIES}
    return DemoSummary(os.fspath(path), rows, tuple(cities), time.perf_counter() - started)


def _with_entry_error(table: pa.Table) -> pa.Table:
    """The January 2024 entry of 江门's 2023 pledges, with one amount keyed in ten times too big."""
    wrong = pc.equal(table["pledge_id"], pa.scalar(CORRECTION[0]))
    amount = pc.if_else(
        wrong,
        pc.multiply(table["amount"], pa.scalar(Decimal(10), pa.decimal128(4, 0))),
        table["amount"],
    )
    return table.set_column(
        table.schema.get_field_index("amount"), "amount", amount.cast(pa.decimal128(18, 2))
    )
