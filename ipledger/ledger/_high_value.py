"""High-value invention patents (高价值发明专利, CNIPA): the criteria, written once in SQL.

A valid invention patent (in force on the date: ``PATENTS.lifecycle``, granted, not lapsed,
within its statutory term) is high-value when it meets at least one criterion on that date:

``strategic_emerging``
    it belongs to a strategic emerging industry;
``overseas_family``
    a patent of its family was granted abroad;
``maintained_10_years``
    more than 10 years have passed since its filing date;
``high_pledge``
    a pledge registered on or before the date, whose ``rights`` list holds the patent's number,
    secured at least the threshold on its own (CNIPA sets no number: default 10,000,000 yuan);
``award``
    it won a China Patent Award (or national S&T award): excellence, silver or gold.

The indicator engine (``ipledger.stats``) and ``ledger.patents.high_value(on=)`` both use the
SQL from here, so the count and the list always agree.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pyarrow as pa

from ipledger._sql import date_literal, literal, timestamp_literal
from ipledger.codes import parse_money
from ipledger.errors import ValidationError
from ipledger.ledger._holdings import (
    descendants_sql,
    held_region_sql,
    holdings_sql,
    right_number_sql,
)
from ipledger.ledger._moments import Moment, as_utc_moment
from ipledger.model import PATENTS, PatentKind
from ipledger.store import Store

__all__ = [
    "CRITERIA",
    "DEFAULT_PLEDGE_THRESHOLD",
    "criteria_sql",
    "high_value_patents",
    "high_value_source_sql",
    "moment_sql",
]

DEFAULT_PLEDGE_THRESHOLD = Decimal("10000000")
"""CNIPA sets no number for "relatively high pledge financing": ipledger's default, in yuan."""

CRITERIA = ("strategic_emerging", "overseas_family", "maintained_10_years", "high_pledge", "award")
"""The criteria, in the order ``reasons`` lists them; the boolean columns are ``meets_<name>``."""


def moment_sql(as_known_at: Moment | None) -> str:
    """The SQL timestamp literal for "as known at" (``infinity``: everything recorded).

    Built from a parsed datetime, never from the caller's text, so it is safe to inline.

    Examples:
        >>> moment_sql(None), moment_sql("2024-01-31")
        ("TIMESTAMP 'infinity'", "TIMESTAMP '2024-01-31 23:59:59.999999'")
    """
    return timestamp_literal(None if as_known_at is None else as_utc_moment(as_known_at))


def high_value_source_sql(moment: str, threshold: Decimal) -> str:
    """Invention patents as known at ``moment`` (a SQL timestamp literal) with the date each was
    first pledged in a single pledge of at least ``threshold`` yuan (``first_high_pledge``)."""
    amount = f"CAST('{Decimal(threshold):f}' AS DECIMAL(38, 2))"
    return f"""
        SELECT x.*, hp.first_high_pledge
        FROM patents_at({moment}) x
        LEFT JOIN (
            SELECT right_no, min(registered_date) AS first_high_pledge
            FROM (SELECT {right_number_sql("written")} AS right_no, registered_date
                  FROM (SELECT unnest(rights) AS written, registered_date
                        FROM pledges_at({moment}) WHERE amount >= {amount}))
            GROUP BY right_no
        ) hp ON hp.right_no = x.application_no
        WHERE x.kind = {literal(PatentKind.INVENTION)}
    """


def criteria_sql(on: str) -> dict[str, str]:
    """Each criterion as a SQL boolean over a row of `high_value_source_sql`, on the date
    expression ``on``."""
    return {
        "strategic_emerging": "coalesce(strategic_emerging, false)",
        "overseas_family": "coalesce(overseas_family_granted, false)",
        "maintained_10_years": f"coalesce(filing_date + INTERVAL 10 YEAR < {on}, false)",
        "high_pledge": f"coalesce(first_high_pledge <= {on}, false)",
        "award": "coalesce(award IN ('excellence', 'silver', 'gold'), false)",
    }


def _threshold(value: object) -> Decimal:
    """A pledge threshold given as an amount (Decimal, int) or as text the money rule reads."""
    if isinstance(value, Decimal | int) and not isinstance(value, bool):
        amount = Decimal(value)
        if amount.is_finite() and amount >= 0:
            return amount
    elif isinstance(value, str):
        return parse_money(value)
    raise ValidationError(
        value=repr(value), column="pledge_threshold", reason="not an amount of money"
    )


def high_value_patents(
    store: Store,
    *,
    on: dt.date,
    as_known_at: Moment | None = None,
    pledge_threshold: Decimal = DEFAULT_PLEDGE_THRESHOLD,
    region: str | None = None,
) -> pa.Table:
    """The high-value invention patents on ``on`` (as known at a moment), by number.

    Columns: the patent columns (without the history columns; ``region_code`` is the region the
    patent was held in on ``on``, its holder's, moved by assignments), ``meets_<criterion>``
    (bool) for each of `CRITERIA`, and ``reasons``: the criteria met, as a list.
    ``region`` keeps the patents held in that region or a region under it on ``on``.
    """
    if not isinstance(on, dt.date) or isinstance(on, dt.datetime):
        raise ValidationError(value=repr(on), column="on", reason="must be a date")
    if region is not None and not isinstance(region, str):
        raise ValidationError(value=repr(region), column="region", reason="a region code is text")
    threshold = _threshold(pledge_threshold)
    on_sql = date_literal(on)
    moment = moment_sql(as_known_at)
    criteria = criteria_sql(on_sql)
    flags = ", ".join(f"{sql} AS meets_{name}" for name, sql in criteria.items())
    reasons = ", ".join(f"CASE WHEN meets_{name} THEN '{name}' END" for name in criteria)
    source = high_value_source_sql(moment, threshold)
    join, held = held_region_sql(PATENTS, "x", on_sql, f"({holdings_sql(PATENTS, moment)})")
    within = "" if region is None else f"AND region_code IN ({descendants_sql(moment)})"
    return store.sql(
        f"""
        SELECT *, list_filter([{reasons}], lambda r: r IS NOT NULL) AS reasons
        FROM (
            SELECT x.* EXCLUDE (first_high_pledge, recorded_at, source)
                       REPLACE ({held} AS region_code),
                   {flags}
            FROM ({source}) x {join}
            WHERE {PATENTS.lifecycle_rule.holds_sql(on_sql, alias="x")}
        )
        WHERE ({" OR ".join(f"meets_{name}" for name in criteria)}) {within}
        ORDER BY application_no
        """,
        None if region is None else [region],
    )
