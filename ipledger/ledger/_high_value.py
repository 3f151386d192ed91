"""High-value invention patents (高价值发明专利, CNIPA): the criteria, written once in SQL.

A valid invention patent is high-value when it meets at least one criterion on the date:
strategic emerging industry; overseas family patent granted; maintained more than 10 years
since filing; pledged in a single pledge of at least the threshold; China Patent Award or
national S&T award. The indicator engine and ``ledger.patents.high_value(on=)`` use the same
SQL from here.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pyarrow as pa

from ipledger.store import Store

__all__ = [
    "CRITERIA",
    "DEFAULT_PLEDGE_THRESHOLD",
    "criteria_sql",
    "high_value_patents",
    "high_value_source_sql",
    "valid_on_sql",
]

DEFAULT_PLEDGE_THRESHOLD = Decimal("10000000")
"""CNIPA sets no number for "relatively high pledge financing": ipledger's default, in yuan."""

CRITERIA = ("strategic_emerging", "overseas_family", "maintained_10_years", "high_pledge", "award")
"""The criterion columns, in the order the reasons list them."""


def high_value_source_sql(moment: str, threshold: Decimal) -> str:
    """Invention patents as known at ``moment`` (a SQL timestamp literal) with the date each
    was first pledged in a single pledge of at least ``threshold`` (``first_high_pledge``)."""
    amount = f"CAST('{Decimal(threshold):f}' AS DECIMAL(18, 2))"
    return f"""
        SELECT x.*, hp.first_high_pledge
        FROM patents_at({moment}) x
        LEFT JOIN (
            SELECT right_no, min(registered_date) AS first_high_pledge
            FROM (SELECT unnest(rights) AS right_no, registered_date
                  FROM pledges_at({moment}) WHERE amount >= {amount})
            GROUP BY right_no
        ) hp ON hp.right_no = x.application_no
        WHERE x.kind = 'invention'
    """


def criteria_sql(on: str) -> dict[str, str]:
    """Each criterion as a SQL boolean over a row of :func:`high_value_source_sql` at the date
    expression ``on``."""
    return {
        "strategic_emerging": "coalesce(strategic_emerging, false)",
        "overseas_family": "coalesce(overseas_family_granted, false)",
        "maintained_10_years": f"coalesce(filing_date + INTERVAL 10 YEAR < {on}, false)",
        "high_pledge": f"coalesce(first_high_pledge <= {on}, false)",
        "award": "coalesce(award IN ('excellence', 'silver', 'gold'), false)",
    }


def valid_on_sql(on: str) -> str:
    """SQL condition: granted by ``on`` and not lapsed then."""
    return f"grant_date <= {on} AND (lapse_date IS NULL OR lapse_date > {on})"


def high_value_patents(
    store: Store,
    *,
    on: dt.date,
    moment: str = "TIMESTAMP 'infinity'",
    pledge_threshold: Decimal = DEFAULT_PLEDGE_THRESHOLD,
) -> pa.Table:
    """The high-value invention patents on ``on``: the patent columns, one boolean column per
    criterion and ``reasons`` (the criteria met, as a list)."""
    on_sql = f"DATE '{on.isoformat()}'"
    criteria = criteria_sql(on_sql)
    columns = ", ".join(f"{sql} AS {name}" for name, sql in criteria.items())
    reasons = ", ".join(f"CASE WHEN {sql} THEN '{name}' END" for name, sql in criteria.items())
    any_met = " OR ".join(criteria.values())
    return store.sql(
        f"""
        SELECT * EXCLUDE (first_high_pledge, recorded_at, source), {columns},
               list_filter([{reasons}], lambda r: r IS NOT NULL) AS reasons
        FROM ({high_value_source_sql(moment, pledge_threshold)})
        WHERE {valid_on_sql(on_sql)} AND ({any_met})
        ORDER BY application_no
        """
    )
