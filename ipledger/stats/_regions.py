"""The region tree the engine rolls figures up, ranks them in, and the region a right is in.

`prepare_regions` creates, on the engine's own cursor, temporary tables read by every
family and by the ranks (`ipledger.stats._derived`):

``_ipl_regions``
    every region as the ledger knows it at the moment (``all_regions_at``: the built-in
    GB/T 2260 table plus the ledger's own ``regions`` rows), with a level (inferred from the code
    pattern ``xx0000`` / ``xxxx00`` / other when a ledger row gives none), a parent (inferred
    the same way when missing and the inferred parent exists), its ``province`` and whether it
    is ``rankable`` (HK, Macao and Taiwan are not: national statistics leave them out).
``_ipl_closure``
    ``(code, ancestor)`` for every region and each of its ancestors, itself included: a
    region's figure is the sum over the codes whose ancestor it is. Retired codes keep the
    parent recorded for them, so their rows roll up as recorded.
``_ipl_held_patent`` / ``_ipl_held_trademark``
    the rows of `ipledger.ledger._holdings.holdings_sql` (the one definition of where a
    right was held: its own ``region_code`` until an assignment moves it), kept as tables for
    the families' many joins.

`held_region_sql` is the join that gives a row's region on a date; `held_stock_sql`
counts a stock at the regions its rights were held in on each period's last day.
"""

from __future__ import annotations

import duckdb

from ipledger.codes._regions import HK_MACAO_TAIWAN
from ipledger.ledger._holdings import held_region_sql as _held_region_sql
from ipledger.ledger._holdings import holdings_sql
from ipledger.model import ENTITIES, Entity

__all__ = [
    "RIGHTS",
    "held_region_sql",
    "held_stock_sql",
    "prepare_holdings",
    "prepare_regions",
    "region_in_use_sql",
]

RIGHTS = {e.right_type: (e.name, e.key[0]) for e in ENTITIES.values() if e.right_type}
"""Right type -> (entity table, key column), from the entities that declare a right type."""

_LEVEL = (
    "coalesce(level, CASE WHEN code LIKE '__0000' THEN 'province'"
    " WHEN code LIKE '____00' THEN 'city' ELSE 'county' END)"
)


def prepare_regions(cur: duckdb.DuckDBPyConnection, moment: str) -> None:
    """Create ``_ipl_regions`` and ``_ipl_closure`` as known at ``moment`` (a SQL literal)."""
    excluded = ", ".join(f"'{code}'" for code in sorted(HK_MACAO_TAIWAN))
    cur.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE _ipl_r0 AS
        SELECT code, name, {_LEVEL} AS level, parent_code, valid_from, valid_to
        FROM all_regions_at({moment});

        CREATE OR REPLACE TEMP TABLE _ipl_r1 AS
        SELECT r.code, r.name, r.level, r.valid_from, r.valid_to,
               coalesce(r.parent_code,
                        CASE r.level WHEN 'county' THEN coalesce(c.code, p.code)
                                     WHEN 'city' THEN p.code END) AS parent_code
        FROM _ipl_r0 r
        LEFT JOIN _ipl_r0 c ON c.code = substr(r.code, 1, 4) || '00' AND c.code <> r.code
        LEFT JOIN _ipl_r0 p ON p.code = substr(r.code, 1, 2) || '0000' AND p.code <> r.code;

        CREATE OR REPLACE TEMP TABLE _ipl_closure AS
        WITH RECURSIVE up(code, ancestor, depth) AS (
            SELECT code, code, 0 FROM _ipl_r1
            UNION ALL
            SELECT up.code, r.parent_code, up.depth + 1
            FROM up JOIN _ipl_r1 r ON r.code = up.ancestor
            WHERE r.parent_code IS NOT NULL AND r.parent_code <> r.code AND up.depth < 6
        )
        SELECT DISTINCT code, ancestor FROM up;

        CREATE OR REPLACE TEMP TABLE _ipl_regions AS
        SELECT r.*, pv.province,
               NOT EXISTS (SELECT 1 FROM _ipl_closure x
                           WHERE x.code = r.code AND x.ancestor IN ({excluded})) AS rankable
        FROM _ipl_r1 r
        LEFT JOIN (
            SELECT c.code, min(c.ancestor) AS province
            FROM _ipl_closure c JOIN _ipl_r1 a ON a.code = c.ancestor AND a.level = 'province'
            GROUP BY c.code
        ) pv ON pv.code = r.code;

        DROP TABLE _ipl_r0;
        DROP TABLE _ipl_r1;
        """
    )


def _right(right_type: str) -> Entity:
    """The right entity (patents, trademarks) that assignments of ``right_type`` move."""
    for candidate in ENTITIES.values():
        if candidate.right_type == right_type:
            return candidate
    raise KeyError(right_type)


def prepare_holdings(cur: duckdb.DuckDBPyConnection, moment: str) -> None:
    """Create ``_ipl_held_patent`` and ``_ipl_held_trademark`` as known at ``moment``: the
    rows of `ipledger.ledger._holdings.holdings_sql` (the one definition of where a
    right was held), kept for the families' many joins."""
    for right_type in RIGHTS:
        cur.execute(
            f"CREATE OR REPLACE TEMP TABLE _ipl_held_{right_type} AS"
            f" {holdings_sql(_right(right_type), moment)}"
        )


def held_region_sql(right_type: str, alias: str, on: str) -> tuple[str, str]:
    """(LEFT JOIN clause, region expression) giving the region the right of row ``alias``
    was held in on the date expression ``on`` (`ipledger.ledger._holdings.held_region_sql`
    over the prepared ``_ipl_held_<right_type>``)."""
    return _held_region_sql(_right(right_type), alias, on, f"_ipl_held_{right_type}")


def held_stock_sql(right_type: str, source: str, condition: str, measures: dict[str, str]) -> str:
    """SQL: ``(period, region_code, <measure>...)`` counting, for each period row ``p``, the
    rows ``x`` of ``source`` meeting ``condition`` (each measure counts the rows where its
    boolean expression holds) at the region the right was held in on ``p.end_date``.

    Written as a delta, for speed: every row is counted at its own ``region_code`` (no join),
    and only the rights held elsewhere on the day (a small join from ``_ipl_held_*``) are moved:
    -1 at their own region, +1 where they were held. The engine's roll-up adds it all up.
    """
    _, key = RIGHTS[right_type]
    counted = ", ".join(
        f"count(*) FILTER (WHERE {expr}) AS {name}" for name, expr in measures.items()
    )
    flags = ", ".join(f"coalesce({expr}, false) AS {name}" for name, expr in measures.items())
    moved = ", ".join(f"sum(CASE WHEN {name} THEN sign ELSE 0 END)" for name in measures)
    return f"""
        SELECT p.label AS period, x.region_code, {counted}
        FROM {source} x JOIN _ipl_p p ON {condition}
        GROUP BY ALL
        UNION ALL
        SELECT period, region_code, {moved}
        FROM (
            SELECT p.label AS period, unnest([h.held_region_code, x.region_code]) AS region_code,
                   unnest([1, -1]) AS sign, {flags}
            FROM _ipl_held_{right_type} h
            JOIN {source} x ON x.{key} = h.held_no
            JOIN _ipl_p p ON p.end_date >= h.held_since AND p.end_date < h.held_until
                          AND {condition}
            WHERE h.held_region_code IS DISTINCT FROM x.region_code
        )
        GROUP BY ALL
    """


def region_in_use_sql(alias: str, year: str) -> str:
    """SQL condition: region row ``alias`` is in use at the end of the year expression
    ``year`` (GB/T 2260 codes are year-end states)."""
    return (
        f"({alias}.valid_from IS NULL OR {alias}.valid_from <= {year})"
        f" AND ({alias}.valid_to IS NULL OR {alias}.valid_to > {year})"
    )
