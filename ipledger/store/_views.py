"""The SQL objects every entity table gets, derived from the entity (not written by hand in a
migration): the ``<entity>_current`` view and the ``<entity>_at(t)`` table macro."""

from __future__ import annotations

from collections.abc import Iterable

import duckdb

from ipledger._sql import quote
from ipledger.errors import IpledgerError
from ipledger.model import Entity

__all__ = ["HISTORY_COLUMNS", "check_tables", "create_views", "views_sql"]

HISTORY_COLUMNS = ("recorded_at", "superseded_at", "source")
"""The columns every entity table has besides the entity's own: when a version was recorded,
when it was superseded (NULL while current), and where it came from (``file:line``, ``api``)."""


def views_sql(entity: Entity) -> str:
    """The DDL of an entity's ``_current`` view and ``_at(t)`` macro.

    Examples:
        >>> from ipledger.model import entity
        >>> print(views_sql(entity("targets")).splitlines()[0][:60])
        CREATE OR REPLACE VIEW "targets_current" AS SELECT * EXCLUDE
    """
    table = quote(entity.name)
    return (
        f"CREATE OR REPLACE VIEW {quote(entity.name + '_current')} AS"
        f" SELECT * EXCLUDE (superseded_at) FROM {table} WHERE superseded_at IS NULL;\n"
        f"CREATE OR REPLACE MACRO {quote(entity.name + '_at')}(t) AS TABLE"
        f" SELECT * EXCLUDE (superseded_at) FROM {table}"
        " WHERE recorded_at <= t AND (superseded_at IS NULL OR superseded_at > t);"
    )


def _existing(con: duckdb.DuckDBPyConnection) -> tuple[set[str], set[str]]:
    views = {r[0] for r in con.execute("SELECT view_name FROM duckdb_views()").fetchall()}
    macros = {
        r[0]
        for r in con.execute(
            "SELECT function_name FROM duckdb_functions() WHERE function_type = 'table_macro'"
        ).fetchall()
    }
    return views, macros


def create_views(con: duckdb.DuckDBPyConnection, entities: Iterable[Entity]) -> None:
    """Create the view and macro of every entity that lacks them (its migration made only the
    table); the caller holds the transaction."""
    views, macros = _existing(con)
    for entity in entities:
        if f"{entity.name}_current" not in views or f"{entity.name}_at" not in macros:
            con.execute(views_sql(entity))


def check_tables(con: duckdb.DuckDBPyConnection, path: str, entities: Iterable[Entity]) -> None:
    """Every entity has its table, with every declared column and the history columns, and its
    view and macro: else an `IpledgerError` naming what is missing (a
    column declared in the model needs a migration that adds it)."""
    rows = con.execute(
        "SELECT table_name, list(column_name) FROM duckdb_columns()"
        " WHERE schema_name = 'main' GROUP BY table_name"
    ).fetchall()
    tables = {name: set(columns) for name, columns in rows}
    views, macros = _existing(con)
    for entity in entities:
        found = tables.get(entity.name)
        if found is None:
            raise IpledgerError(f"{path}: no table {entity.name}: a migration must create it")
        missing = [c for c in (*entity.columns, *HISTORY_COLUMNS) if c not in found]
        if missing:
            raise IpledgerError(
                f"{path}: table {entity.name} lacks {', '.join(missing)}, declared in the model:"
                " a migration must add them"
            )
        if f"{entity.name}_current" not in views or f"{entity.name}_at" not in macros:
            raise IpledgerError(
                f"{path}: no {entity.name}_current view: open the ledger once writable"
            )
