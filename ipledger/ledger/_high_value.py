"""High-value invention patents (高价值发明专利, CNIPA): the criteria, written once in SQL.

A valid invention patent (granted, not lapsed on the date) is high-value when it meets at least
one criterion on that date:

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

from ipledger.codes._text import FULLWIDTH, HALFWIDTH
from ipledger.ledger._moments import Moment, as_utc_moment
from ipledger.store import Store

__all__ = [
    "CRITERIA",
    "DEFAULT_PLEDGE_THRESHOLD",
    "criteria_sql",
    "high_value_patents",
    "high_value_source_sql",
    "moment_sql",
    "right_number_sql",
    "valid_on_sql",
]

DEFAULT_PLEDGE_THRESHOLD = Decimal("10000000")
"""CNIPA sets no number for "relatively high pledge financing": ipledger's default, in yuan."""

CRITERIA = ("strategic_emerging", "overseas_family", "maintained_10_years", "high_pledge", "award")
"""The criteria, in the order ``reasons`` lists them; the boolean columns are ``meets_<name>``."""


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def moment_sql(as_known_at: Moment | None) -> str:
    """The SQL timestamp literal for "as known at" (``infinity``: everything recorded).

    Built from a parsed datetime, never from the caller's text, so it is safe to inline.

    Examples:
        >>> moment_sql(None), moment_sql("2024-01-31")
        ("TIMESTAMP 'infinity'", "TIMESTAMP '2024-01-31 23:59:59.999999'")
    """
    if as_known_at is None:
        return "TIMESTAMP 'infinity'"
    return f"TIMESTAMP '{as_utc_moment(as_known_at).isoformat(sep=' ')}'"


def right_number_sql(column: str) -> str:
    """SQL: a patent or trademark number as written (``ZL 2023 1 0123456.6``) in the canonical
    form the ledger keys rights by (``2023101234566``): half-width, upper-case, without a ZL/CN
    prefix, spaces or dots. ``column`` must be a plain column (it is read twice): numbers that
    are already canonical (digits, maybe a final X) skip the slower clean-up."""
    half = f"translate({column}, {_literal(FULLWIDTH)}, {_literal(HALFWIDTH)})"
    return (
        f"CASE WHEN regexp_full_match({column}, '[0-9]+X?') THEN {column}"
        f" ELSE regexp_replace(upper({half}), '^\\s*(ZL|CN)|[\\s.]', '', 'g') END"
    )


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
        WHERE x.kind = 'invention'
    """


def criteria_sql(on: str) -> dict[str, str]:
    """Each criterion as a SQL boolean over a row of :func:`high_value_source_sql`, on the date
    expression ``on``."""
    return {
        "strategic_emerging": "coalesce(strategic_emerging, false)",
        "overseas_family": "coalesce(overseas_family_granted, false)",
        "maintained_10_years": f"coalesce(filing_date + INTERVAL 10 YEAR < {on}, false)",
        "high_pledge": f"coalesce(first_high_pledge <= {on}, false)",
        "award": "coalesce(award IN ('excellence', 'silver', 'gold'), false)",
    }


def valid_on_sql(on: str) -> str:
    """SQL condition on a patent row: granted by ``on`` and not lapsed then."""
    return f"grant_date <= {on} AND (lapse_date IS NULL OR lapse_date > {on})"


def high_value_patents(
    store: Store,
    *,
    on: dt.date,
    as_known_at: Moment | None = None,
    pledge_threshold: Decimal = DEFAULT_PLEDGE_THRESHOLD,
) -> pa.Table:
    """The high-value invention patents on ``on`` (as known at a moment), by number.

    Columns: the patent columns (without the history columns), ``meets_<criterion>`` (bool)
    for each of :data:`CRITERIA`, and ``reasons``: the criteria met, as a list.
    """
    if not isinstance(on, dt.date):
        raise TypeError(f"on must be a date, not {type(on).__name__}")
    on_sql = f"DATE '{on.isoformat()}'"
    criteria = criteria_sql(on_sql)
    flags = ", ".join(f"{sql} AS meets_{name}" for name, sql in criteria.items())
    reasons = ", ".join(f"CASE WHEN meets_{name} THEN '{name}' END" for name in criteria)
    source = high_value_source_sql(moment_sql(as_known_at), pledge_threshold)
    return store.sql(
        f"""
        SELECT *, list_filter([{reasons}], lambda r: r IS NOT NULL) AS reasons
        FROM (
            SELECT * EXCLUDE (first_high_pledge, recorded_at, source), {flags}
            FROM ({source})
            WHERE {valid_on_sql(on_sql)}
        )
        WHERE {" OR ".join(f"meets_{name}" for name in criteria)}
        ORDER BY application_no
        """
    )
