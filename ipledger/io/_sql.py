"""Small SQL helpers shared by the io modules: quoting, literals, running a statement."""

from __future__ import annotations

from collections.abc import Sequence

import duckdb

__all__ = ["count", "literal", "quote", "run", "scalar"]


def quote(name: str) -> str:
    """A SQL identifier, double-quoted.

    Examples:
        >>> print(quote("grant_date"))
        "grant_date"
    """
    return '"' + name.replace('"', '""') + '"'


def literal(text: str) -> str:
    """A SQL string literal, for names and paths the code itself chose (data is bound).

    Examples:
        >>> print(literal("it's"))
        'it''s'
    """
    return "'" + text.replace("'", "''") + "'"


def run(con: duckdb.DuckDBPyConnection, sql: str, params: Sequence[object] | None = None) -> None:
    """Execute a statement and consume its result.

    DuckDB 2 refuses new work on a connection while a result is pending.
    """
    con.execute(sql, params).fetchall()


def scalar(
    con: duckdb.DuckDBPyConnection, sql: str, params: Sequence[object] | None = None
) -> object:
    """The first value of the first row of a query (``None`` when it has no row)."""
    rows = con.execute(sql, params).fetchall()
    return rows[0][0] if rows else None


def count(con: duckdb.DuckDBPyConnection, sql: str) -> int:
    """The integer a ``SELECT count(*) ...`` query returns."""
    value = scalar(con, sql)
    return int(value) if isinstance(value, int) else 0
