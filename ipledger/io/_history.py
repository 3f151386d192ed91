"""Importing a history export (``ipledger export --with-history``): every version as it was.

Each row of such a file is one version, with its ``recorded_at``, ``superseded_at`` and
``source``. Its values go through the same validation as any imported row (the same rejects);
what is written is the version itself, not a new one: the validated values, except that a
region code is kept as the version recorded it (validation would map a code retired since to
its successor, and the version would no longer be what was known then). The versions of one
key must form a history: each recorded no later than it was superseded, none overlapping the
next, at most one current (the last). A history is restored into a ledger that has no row of
the entity yet, in one transaction, and the current-version invariant is checked before it
commits.
"""

from __future__ import annotations

import duckdb

from ipledger._sql import count, literal, quote, run
from ipledger.codes._text import BLANKS
from ipledger.errors import ValidationError
from ipledger.io._staging import SOURCE
from ipledger.io._validate import CHECKED, REJECTS, Check
from ipledger.model import Entity
from ipledger.store import HISTORY_COLUMNS, WriteCounts, check_current_versions, log_write

__all__ = ["add_history_rejects", "require_empty", "write_history"]

_RECORDED = f"TRY_CAST(s.{quote('recorded_at')} AS TIMESTAMP)"
_SUPERSEDED = f"TRY_CAST(s.{quote('superseded_at')} AS TIMESTAMP)"


def require_empty(con: duckdb.DuckDBPyConnection, entity: Entity, file: str) -> None:
    """Refuse a history file for an entity that already has rows in the ledger."""
    rows = count(con, f"SELECT count(*) FROM {quote(entity.name)}")
    if rows:
        raise ValidationError(
            file=file,
            reason=f"a history export restores every version, but this ledger already has"
            f" {rows:,} {entity.name} rows: import it into a new ledger; nothing imported",
        )


def add_history_rejects(con: duckdb.DuckDBPyConnection, entity: Entity) -> int:
    """Add to ``_ipl_rejects`` the versions whose history columns do not fit; the rejects
    there now."""
    key = ", ".join(f"c.{quote(k)}" for k in entity.key)
    key_name = literal(",".join(entity.key))
    run(
        con,
        f"""INSERT INTO {REJECTS}
        WITH v AS (
            SELECT c._file, c._line, {key}, {_RECORDED} AS r, {_SUPERSEDED} AS x,
                   s.recorded_at IS NOT NULL AND {_RECORDED} IS NULL AS bad_r,
                   s.superseded_at IS NOT NULL AND {_SUPERSEDED} IS NULL AS bad_x
            FROM {CHECKED} c JOIN {SOURCE} s ON s._file = c._file AND s._line = c._line
        ), ordered AS (
            SELECT *, lead(r) OVER (PARTITION BY {", ".join(quote(k) for k in entity.key)}
                                    ORDER BY r, x NULLS LAST) AS next_r,
                   count(*) FILTER (WHERE x IS NULL) OVER (
                       PARTITION BY {", ".join(quote(k) for k in entity.key)}) AS currents
            FROM v
        )
        SELECT _file, _line, 'recorded_at', 'not a timestamp' FROM v WHERE bad_r
        UNION ALL
        SELECT _file, _line, 'recorded_at', 'required, but blank' FROM v
            WHERE r IS NULL AND NOT bad_r
        UNION ALL
        SELECT _file, _line, 'superseded_at', 'not a timestamp' FROM v WHERE bad_x
        UNION ALL
        SELECT _file, _line, 'superseded_at', 'is before recorded_at' FROM v WHERE x < r
        UNION ALL
        SELECT _file, _line, {key_name},
               'versions of this key overlap: superseded after the next version was recorded'
            FROM ordered WHERE x > next_r OR (x IS NULL AND next_r IS NOT NULL)
        UNION ALL
        SELECT _file, _line, {key_name}, 'more than one current version of this key'
            FROM ordered WHERE currents > 1 AND x IS NULL""",
    )
    return count(con, f"SELECT count(*) FROM {REJECTS}")


def _value(entity: Entity, column: str) -> str:
    """What a version's column is restored as: the validated value, or for a region code the
    code as given (trimmed)."""
    if entity.column(column).rule == "region":
        return f"nullif(trim(CAST(s.{quote(column)} AS VARCHAR), {literal(BLANKS)}), '')"
    return f"c.{quote(column)}"


def write_history(
    cur: duckdb.DuckDBPyConnection, entity: Entity, check: Check, *, file: str, origin: str
) -> WriteCounts:
    """Insert the staged versions of ``entity`` as they are (none was rejected), in the
    caller's transaction; the versions written (as ``inserted``)."""
    require_empty(cur, entity, file)
    names = list(check.write_columns)
    values = ", ".join(_value(entity, c) for c in names)
    columns = ", ".join(quote(c) for c in (*names, *HISTORY_COLUMNS))
    run(
        cur,
        f"""INSERT INTO {quote(entity.name)} ({columns})
            SELECT {values}, {_RECORDED}, {_SUPERSEDED}, CAST(s.source AS VARCHAR)
            FROM {CHECKED} c JOIN {SOURCE} s ON s._file = c._file AND s._line = c._line""",
    )
    written = count(cur, f"SELECT count(*) FROM {quote(entity.name)}")
    check_current_versions(cur, entity)
    counts = WriteCounts(inserted=written)
    ((latest,),) = cur.execute(f"SELECT max(recorded_at) FROM {quote(entity.name)}").fetchall()
    if latest is not None:
        log_write(cur, entity, latest, origin, counts)
    return counts
