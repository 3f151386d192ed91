"""The SQL text helpers every layer shares: quoting names, literals of text, dates and moments,
and running a statement. Values a caller gives are always bound as parameters; these literals
are for names, paths and values the code itself chose or parsed (a date object, a moment)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

import duckdb

__all__ = [
    "count",
    "date_literal",
    "list_literal",
    "literal",
    "quote",
    "run",
    "scalar",
    "timestamp_literal",
]


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


def list_literal(texts: Iterable[str]) -> str:
    """A SQL list of string literals.

    Examples:
        >>> print(list_literal(["a", "it's"]))
        ['a', 'it''s']
    """
    return "[" + ", ".join(literal(t) for t in texts) + "]"


def date_literal(day: dt.date) -> str:
    """A SQL DATE literal of a date object.

    Examples:
        >>> print(date_literal(dt.date(2023, 12, 31)))
        DATE '2023-12-31'
    """
    return f"DATE '{dt.date.isoformat(day)}'"


def timestamp_literal(moment: dt.datetime | None) -> str:
    """A SQL TIMESTAMP literal of a (naive, UTC) moment; ``None`` is ``infinity`` (everything
    recorded so far and later).

    Examples:
        >>> print(timestamp_literal(dt.datetime(2024, 1, 31, 16)))
        TIMESTAMP '2024-01-31 16:00:00'
        >>> print(timestamp_literal(None))
        TIMESTAMP 'infinity'
    """
    if moment is None:
        return "TIMESTAMP 'infinity'"
    return f"TIMESTAMP '{moment.replace(tzinfo=None).isoformat(sep=' ')}'"


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
