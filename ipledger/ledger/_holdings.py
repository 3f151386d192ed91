"""The region of a right on a date, written once in SQL: used by the query API
(``in_region(code, on=...)``), ``high_value()`` and every indicator (``ipledger.stats``).

A right (an entity with a ``right_type``: patents, trademarks) counts for its own
``region_code`` (its first holder's) until an assignment (``transfers`` of its ``right_type``,
kind ``assignment``, with a ``to_region_code``) moves it: from an assignment's ``date`` on, it is
in that ``to_region_code``; the latest assignment on or before a date wins, assignments of the
same day in the order they were recorded. `holdings_sql` lists, for every assigned right,
the region it was held in from ``held_since`` (inclusive) to ``held_until`` (exclusive), from
its first assignment on; `held_region_sql` is the join and the expression that give a
row's region on a date.
"""

from __future__ import annotations

from ipledger._sql import literal, quote
from ipledger.codes._text import FULLWIDTH, HALFWIDTH
from ipledger.model import Entity

__all__ = ["descendants_sql", "held_region_sql", "holdings_sql", "right_number_sql"]


def descendants_sql(moment: str) -> str:
    """SQL query of one column ``code``: the region bound to its one ``?`` parameter and every
    region under it (a city with its counties), in the region tree as known at ``moment``."""
    return f"""
        WITH RECURSIVE sub(code) AS (
            SELECT CAST(? AS VARCHAR)
            UNION
            SELECT r.code FROM all_regions_at({moment}) r JOIN sub ON r.parent_code = sub.code
        ) SELECT code FROM sub"""


def right_number_sql(column: str) -> str:
    """SQL: a patent or trademark number as written (``ZL 2023 1 0123456.6``) in the canonical
    form the ledger keys rights by (``2023101234566``): half-width, upper-case, without a ZL/CN
    prefix, spaces or dots. ``column`` must be a plain column (it is read twice): numbers that
    are already canonical (digits, maybe a final X) skip the slower clean-up."""
    half = f"translate({column}, {literal(FULLWIDTH)}, {literal(HALFWIDTH)})"
    return (
        f"CASE WHEN regexp_full_match({column}, '[0-9]+X?') THEN {column}"
        f" ELSE regexp_replace(upper({half}), '^\\s*(ZL|CN)|[\\s.]', '', 'g') END"
    )


def holdings_sql(right: Entity, moment: str) -> str:
    """SQL rows ``(held_no, held_since, held_until, held_region_code)``: where each assigned
    right of the entity
    ``right`` was held from its first assignment on, as known at ``moment`` (a SQL timestamp
    literal). Only the assignments are read, not the (large) right table."""
    if right.right_type is None:
        raise ValueError(f"{right.name} is not a right that assignments move")
    return f"""
        SELECT held_no, held_since,
               lead(held_since, 1, DATE '9999-12-31') OVER (
                   PARTITION BY held_no ORDER BY held_since, recorded_at, held_region_code
               ) AS held_until,
               held_region_code
        FROM (
            SELECT {right_number_sql("right_no")} AS held_no, date AS held_since,
                   to_region_code AS held_region_code, recorded_at
            FROM transfers_at({moment})
            WHERE kind = 'assignment' AND right_type = {literal(right.right_type)}
              AND to_region_code IS NOT NULL
        )
    """


def held_region_sql(right: Entity, alias: str, on: str, holdings: str) -> tuple[str, str]:
    """(LEFT JOIN clause, region expression): the region the right of row ``alias`` was held in
    on the date expression ``on``; ``holdings`` is a table (or parenthesised query) of
    `holdings_sql` rows."""
    held = f"h_{alias}"
    key = quote(right.key[0])
    join = (
        f"LEFT JOIN {holdings} {held} ON {held}.held_no = {alias}.{key}"
        f" AND {on} >= {held}.held_since AND {on} < {held}.held_until"
    )
    region = f"{alias}.{quote(right.region_column or 'region_code')}"
    return join, f"coalesce({held}.held_region_code, {region})"
