"""Numbered SQL migrations (``schemas/sql/NNN_name.sql``), applied in order on open."""

from __future__ import annotations

import datetime as dt
import functools
import re

import attrs
import duckdb

from ipledger.errors import SchemaVersionError
from ipledger.store._resources import schemas_root

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


def file_schema_version(con: duckdb.DuckDBPyConnection) -> int:
    """The schema version recorded in an open ledger file, 0 for a new, empty file."""
    ((has_meta,),) = con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'meta' AND schema_name = 'main'"
    ).fetchall()
    if not has_meta:
        return 0
    rows = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchall()
    return int(rows[0][0]) if rows else 0


def apply_migrations(con: duckdb.DuckDBPyConnection, path: str, *, read_only: bool) -> int:
    """Bring the ledger file to the library's schema version; return the version it is at.

    Each migration runs in its own transaction with the version bump, so a crash leaves the
    file at the previous version, never half-way. A file from a newer ipledger, or an older
    file opened read-only (it cannot be upgraded), raises :class:`SchemaVersionError`.
    """
    current = file_schema_version(con)
    newest = library_schema_version()
    if current > newest or (read_only and current < newest):
        raise SchemaVersionError(path, current, newest)
    for migration in migrations()[current:]:
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(migration.sql)
            con.execute(
                "INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)",
                [str(migration.version)],
            )
            con.execute(
                "INSERT INTO schema_migrations VALUES (?, ?, ?)",
                [migration.version, migration.name, dt.datetime.now(dt.UTC).replace(tzinfo=None)],
            )
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
    return newest
