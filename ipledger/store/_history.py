"""Writing versions: the one way rows enter an entity table (a type-2 history, set-based).

For a batch of incoming rows of one entity, matched to the current versions on the natural
key, each row is **new** (no current version), **unchanged** (every column equal: nothing is
written) or **updated** (the current version is closed with ``superseded_at`` and the new one
inserted). Columns the batch does not carry keep the current version's value (a new row gets
the column default), so a file with only ``application_no`` and ``lapse_date`` records lapses
without touching anything else. It is a handful of SQL statements whatever the batch size:
no Python loop per row.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import uuid

import attrs
import duckdb
import pyarrow as pa

from ipledger._sql import quote as _q
from ipledger.errors import ConcurrencyError, ValidationError
from ipledger.model import Entity
from ipledger.store._views import HISTORY_COLUMNS

__all__ = ["WriteCounts", "check_current_versions", "log_write", "utc_now", "write_versions"]


@attrs.frozen
class WriteCounts:
    """What a write did: rows inserted as new, rows that updated a version, rows unchanged."""

    inserted: int = 0
    updated: int = 0
    unchanged: int = 0

    def __add__(self, other: WriteCounts) -> WriteCounts:
        return WriteCounts(
            self.inserted + other.inserted,
            self.updated + other.updated,
            self.unchanged + other.unchanged,
        )

    @property
    def written(self) -> int:
        """Rows that wrote a version (new or updated)."""
        return self.inserted + self.updated


def utc_now() -> dt.datetime:
    """The current time as the store records it: UTC, without a tzinfo."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def table_columns(con: duckdb.DuckDBPyConnection, table: str) -> dict[str, tuple[str, str | None]]:
    """The columns of ``table``: name -> (SQL type, default expression or None)."""
    rows = con.execute(
        "SELECT column_name, data_type, column_default FROM duckdb_columns() "
        "WHERE table_name = ? AND schema_name = 'main' ORDER BY column_index",
        [table],
    ).fetchall()
    return {name: (sql_type, default) for name, sql_type, default in rows}


def write_versions(
    con: duckdb.DuckDBPyConnection,
    entity: Entity,
    rows: pa.Table | str,
    *,
    recorded_at: dt.datetime,
    source: str | None,
    origin: str | None = None,
) -> WriteCounts:
    """Write ``rows`` of ``entity`` as versions; the caller holds the transaction.

    ``rows`` is an Arrow table of ``entity`` columns, or the name of a table or view on ``con``
    holding them (the bulk import path stages files in DuckDB and never leaves it). It may
    carry a ``source`` column (e.g. ``file:line``); else ``source`` is used for every row.
    The write is logged in ``write_log`` as ``origin`` (default ``source``, else ``api``),
    in the same transaction. Raises `ValidationError` for an unknown column, a missing
    key column, a key given twice in the batch, or a ``recorded_at`` earlier than the version
    it would supersede; `ConcurrencyError` if the write would leave a
    key with two current versions (a write that bypassed the writer lock got there first).
    """
    label = origin or source or "api"
    if isinstance(rows, str):
        return _write(con, entity, rows, recorded_at, source, label)
    incoming = f"_ipl_in_{uuid.uuid4().hex}"
    con.register(incoming, rows)
    try:
        return _write(con, entity, incoming, recorded_at, source, label)
    finally:
        with contextlib.suppress(duckdb.Error):  # an aborted transaction must not hide the error
            con.unregister(incoming)


def _write(
    con: duckdb.DuckDBPyConnection,
    entity: Entity,
    incoming: str,
    recorded_at: dt.datetime,
    source: str | None,
    origin: str,
) -> WriteCounts:
    table = entity.name
    columns = table_columns(con, table)
    entity_columns = [c for c in columns if c not in HISTORY_COLUMNS]
    given_columns = [
        d[0] for d in con.execute(f"SELECT * FROM {_q(incoming)} LIMIT 0").description or []
    ]
    unknown = [c for c in given_columns if c not in columns or c in HISTORY_COLUMNS[:2]]
    if unknown:
        raise ValidationError(value=unknown, reason=f"not a column of {table}")
    missing_keys = [k for k in entity.key if k not in given_columns]
    if missing_keys:
        raise ValidationError(value=missing_keys, reason=f"key column(s) of {table} missing")
    given = set(given_columns)
    key_match = " AND ".join(f"s.{_q(k)} IS NOT DISTINCT FROM c.{_q(k)}" for k in entity.key)
    key_list = ", ".join(_q(k) for k in entity.key)

    duplicates = con.execute(
        f"SELECT {key_list} FROM {_q(incoming)} GROUP BY ALL HAVING count(*) > 1 LIMIT 1"
    ).fetchall()
    if duplicates:
        duplicate = duplicates[0]
        raise ValidationError(
            value=duplicate if len(duplicate) > 1 else duplicate[0],
            column=",".join(entity.key),
            reason=f"the same {entity.label} key is given more than once",
        )

    def staged(col: str) -> str:
        sql_type, default = columns[col]
        if col in given and default is not None:  # NULL in a column with a default: the default
            return f"coalesce(CAST(s.{_q(col)} AS {sql_type}), CAST({default} AS {sql_type}))"
        if col in given:
            return f"CAST(s.{_q(col)} AS {sql_type})"
        fallback = default if default is not None else "NULL"
        return f"CASE WHEN c._present THEN c.{_q(col)} ELSE CAST({fallback} AS {sql_type}) END"

    select_cols = ",\n".join(f"{staged(c)} AS {_q(c)}" for c in entity_columns)
    source_expr = "CAST(s.source AS VARCHAR)" if "source" in given else "CAST(? AS VARCHAR)"
    params: list[object] = [] if "source" in given else [source]
    differs = (
        " OR ".join(
            f"{staged(col)} IS DISTINCT FROM c.{_q(col)}" for col in entity_columns if col in given
        )
        or "false"
    )
    con.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE _ipl_changes AS
        SELECT * EXCLUDE (_changed) FROM (
            SELECT {select_cols},
                   {source_expr} AS source,
                   coalesce(c._present, false) AS _present,
                   c.recorded_at AS _previous_recorded_at,
                   c._present IS NULL OR ({differs}) AS _changed
            FROM {_q(incoming)} s
            LEFT JOIN (SELECT *, true AS _present FROM {_q(table)} WHERE superseded_at IS NULL) c
                   ON {key_match}
        ) WHERE _changed
        """,
        params,
    )
    (counts_row,) = con.execute(
        "SELECT count(*) FILTER (WHERE NOT _present), count(*) FILTER (WHERE _present), "
        "max(_previous_recorded_at) FROM _ipl_changes"
    ).fetchall()
    inserted, updated, latest = int(counts_row[0]), int(counts_row[1]), counts_row[2]
    if latest is not None and latest > recorded_at:
        raise ValidationError(
            value=recorded_at.isoformat(),
            column="recorded_at",
            reason=f"is earlier than the version it would supersede (recorded {latest})",
        )
    if updated:
        target_match = " AND ".join(
            f"s.{_q(k)} IS NOT DISTINCT FROM {_q(table)}.{_q(k)}" for k in entity.key
        )
        con.execute(
            f"""UPDATE {_q(table)} SET superseded_at = ? FROM _ipl_changes s
                WHERE s._present AND {target_match} AND {_q(table)}.superseded_at IS NULL""",
            [recorded_at],
        )
    if inserted or updated:
        names = ", ".join(_q(c) for c in entity_columns)
        con.execute(
            f"""INSERT INTO {_q(table)} ({names}, recorded_at, superseded_at, source)
                SELECT {names}, ?, NULL, source FROM _ipl_changes""",
            [recorded_at],
        )
    if inserted or updated:
        check_current_versions(con, entity, f"SELECT {key_list} FROM _ipl_changes")
    ((total,),) = con.execute(f"SELECT count(*) FROM {_q(incoming)}").fetchall()
    con.execute("DROP TABLE IF EXISTS _ipl_changes")
    counts = WriteCounts(inserted, updated, total - inserted - updated)
    log_write(con, entity, recorded_at, origin, counts)
    return counts


def log_write(
    con: duckdb.DuckDBPyConnection,
    entity: Entity,
    recorded_at: dt.datetime,
    origin: str,
    counts: WriteCounts,
) -> None:
    """Record a write in ``write_log`` (in the caller's transaction, so that a write is in the
    log exactly when its versions are in the table)."""
    con.execute(
        "INSERT INTO write_log VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            utc_now(),
            recorded_at,
            entity.name,
            origin,
            counts.inserted,
            counts.updated,
            counts.unchanged,
        ],
    )


def check_current_versions(
    con: duckdb.DuckDBPyConnection, entity: Entity, keys: str | None = None
) -> None:
    """Raise `ConcurrencyError` if a key of ``entity`` (of the query
    ``keys``, else any) has more than one current version: the invariant every write keeps,
    checked inside its transaction so that a breaking write is rolled back."""
    key_list = ", ".join(_q(k) for k in entity.key)
    within = ""
    if keys is not None:
        match = " AND ".join(f"t.{_q(k)} IS NOT DISTINCT FROM k.{_q(k)}" for k in entity.key)
        within = f" AND EXISTS (SELECT 1 FROM ({keys}) k WHERE {match})"
    rows = con.execute(
        f"SELECT {key_list}, count(*) FROM {_q(entity.name)} t"
        f" WHERE superseded_at IS NULL{within} GROUP BY ALL HAVING count(*) > 1 LIMIT 1"
    ).fetchall()
    if rows:
        *key, versions = rows[0]
        ((path,),) = con.execute(
            "SELECT coalesce(path, database_name) FROM duckdb_databases()"
            " WHERE database_name = current_database()"
        ).fetchall()
        raise ConcurrencyError(
            str(path),
            f"{entity.label} {key[0] if len(key) == 1 else tuple(key)!r} would have {versions}"
            " current versions: another writer changed it meanwhile; nothing written",
            cause="conflict",
        )
