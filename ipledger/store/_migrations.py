"""Numbered SQL migrations (``schemas/sql/NNN_name.sql``), applied in order on open, then the
migrations of the domain's extensions, then the views every entity table gets."""

from __future__ import annotations

import functools
import re

import attrs
import duckdb

from ipledger.errors import IpledgerError, SchemaVersionError
from ipledger.model import Domain
from ipledger.store._history import utc_now
from ipledger.store._resources import schemas_root
from ipledger.store._views import create_views

__all__ = [
    "Migration",
    "apply_migrations",
    "file_schema_version",
    "library_schema_version",
    "migrations",
]

_NAME = re.compile(r"(\d{3})_(\w+)\.sql")


@attrs.frozen
class Migration:
    """One numbered migration script."""

    version: int
    name: str
    sql: str


@functools.cache
def migrations() -> tuple[Migration, ...]:
    """The shipped migrations, in version order (read once per process)."""
    found = []
    for item in (schemas_root() / "sql").iterdir():
        match = _NAME.fullmatch(item.name)
        if match:
            found.append(Migration(int(match[1]), match[2], item.read_text(encoding="utf-8")))
    found.sort(key=lambda m: m.version)
    if [m.version for m in found] != list(range(1, len(found) + 1)):
        raise RuntimeError(f"migrations are not numbered 1..n: {[m.version for m in found]}")
    return tuple(found)


def library_schema_version() -> int:
    """The newest schema version this ipledger knows."""
    return migrations()[-1].version


def _user_objects(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The tables and views of the file (its own, not DuckDB's), by name."""
    rows = con.execute(
        "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database()"
        " UNION ALL SELECT view_name FROM duckdb_views()"
        " WHERE NOT internal AND database_name = current_database() ORDER BY 1"
    ).fetchall()
    return [str(r[0]) for r in rows]


def file_schema_version(con: duckdb.DuckDBPyConnection, path: str = "the ledger") -> int:
    """The schema version recorded in an open ledger file, 0 for a new, empty file.

    A DuckDB file that holds tables but was not made by ipledger (no ``meta`` table with a
    whole-number ``schema_version``) raises `IpledgerError`: opening
    it must not add the ledger's tables beside someone else's.
    """
    objects = _user_objects(con)
    if not objects:
        return 0
    rows = (
        con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchall()
        if "meta" in objects and "schema_migrations" in objects
        else []
    )
    if not rows:
        shown = ", ".join(objects[:5]) + (", ..." if len(objects) > 5 else "")
        raise IpledgerError(
            f"{path}: not an ipledger ledger (a DuckDB database of other tables: {shown});"
            " give the path of a ledger, or of a new file"
        )
    text = str(rows[0][0])
    if not re.fullmatch(r"[0-9]{1,6}", text):
        raise IpledgerError(
            f"{path}: meta.schema_version is {text!r}, not a whole number: not a ledger"
            " ipledger wrote, or a damaged one"
        )
    return int(text)


def _run_migration(
    con: duckdb.DuckDBPyConnection, sql: str, bump: list[tuple[str, list[object]]]
) -> None:
    """One migration in its own transaction with its bookkeeping: a crash leaves the file at
    the previous version, never half-way."""
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute(sql)
        for statement, params in bump:
            con.execute(statement, params)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


def _extension_versions(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    rows = con.execute(
        "SELECT key, value FROM meta WHERE starts_with(key, 'extension:')"
    ).fetchall()
    return {str(k).removeprefix("extension:"): int(v) for k, v in rows}


def apply_migrations(
    con: duckdb.DuckDBPyConnection, path: str, *, read_only: bool, domain: Domain
) -> int:
    """Bring the ledger file to the library's schema version and the domain's extensions to
    theirs; create the views of entity tables that lack them; return the schema version.

    A file from a newer ipledger, or an older file opened read-only (it cannot be upgraded),
    raises `SchemaVersionError`.
    """
    current = file_schema_version(con, path)
    newest = library_schema_version()
    if current > newest or (read_only and current < newest):
        raise SchemaVersionError(path, current, newest)
    for migration in migrations()[current:]:
        _run_migration(
            con,
            migration.sql,
            [
                (
                    "INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)",
                    [str(migration.version)],
                ),
                (
                    "INSERT INTO schema_migrations VALUES (?, ?, ?)",
                    [migration.version, migration.name, utc_now()],
                ),
            ],
        )
    applied = _extension_versions(con)
    for extension in domain.extensions:
        done = applied.get(extension.name, 0)
        if read_only and done < len(extension.migrations):
            raise SchemaVersionError(
                f"{path} (extension {extension.name})", done, len(extension.migrations)
            )
        for number, sql in enumerate(extension.migrations[done:], start=done + 1):
            _run_migration(
                con,
                sql,
                [
                    (
                        "INSERT OR REPLACE INTO meta VALUES (?, ?)",
                        [f"extension:{extension.name}", str(number)],
                    )
                ],
            )
    if not read_only:
        con.execute("BEGIN TRANSACTION")
        try:
            create_views(con, domain.entities.values())
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
    return newest
