"""Staging: a file (or an Arrow table) made visible to DuckDB as ``_ipl_src``.

``_ipl_src`` has ``_file`` and ``_line`` (where each row came from: line 1 is the header, so
the first data row is line 2; for Parquet the row's ordinal counted the same way) and one
column per recognised header, renamed to its English exchange name. CSV cells stay text;
Parquet and Arrow columns keep their types (validation has fast paths for typed columns).
"""

from __future__ import annotations

import csv
from pathlib import Path

import attrs
import duckdb
import numpy as np
import pyarrow as pa

from ipledger._sql import count, literal, quote, run
from ipledger.errors import ValidationError
from ipledger.io._discover import DataFile
from ipledger.io._result import DatasetWarning
from ipledger.model import Entity

__all__ = ["ARROW_FILE", "SOURCE", "Staged", "drop_staging", "stage_arrow", "stage_file"]

SOURCE = "_ipl_src"
"""The name of the staged relation."""
ARROW_FILE = "<table>"
"""The ``file`` of rejects found in an Arrow table; their ``line`` is the row's index."""


@attrs.frozen
class Staged:
    """A staged file: its columns (English name -> SQL type), row count, and header problems."""

    columns: dict[str, str]
    rows: int
    rejects: tuple[ValidationError, ...] = ()
    warnings: tuple[DatasetWarning, ...] = ()


def drop_staging(con: duckdb.DuckDBPyConnection) -> None:
    """Drop whatever staging left on the connection."""
    run(con, f"DROP VIEW IF EXISTS {SOURCE}")
    run(con, "DROP TABLE IF EXISTS _ipl_raw")
    run(con, "DROP VIEW IF EXISTS _ipl_arrow_src")


def _map_headers(
    entity: Entity, file: str, headers: list[str]
) -> tuple[dict[int, str], tuple[ValidationError, ...], tuple[DatasetWarning, ...]]:
    """Header position -> English column; header-level rejects; unknown-column warnings."""
    mapped: dict[int, str] = {}
    seen: dict[str, str] = {}
    rejects: list[ValidationError] = []
    warnings: list[DatasetWarning] = []
    for position, header in enumerate(headers):
        column = entity.header(header)
        if column is None:
            warnings.append(
                DatasetWarning(file=file, line=1, column=header, message="unknown column (ignored)")
            )
        elif column in seen:
            rejects.append(
                ValidationError(
                    file=file,
                    line=1,
                    column=column,
                    value=header,
                    reason=f"column given twice (also as {seen[column]!r})",
                )
            )
        else:
            seen[column] = header
            mapped[position] = column
    rejects.extend(
        ValidationError(file=file, line=1, column=column, reason="required column is missing")
        for column in entity.required
        if column not in seen
    )
    return mapped, tuple(rejects), tuple(warnings)


def _csv_headers(path: Path, file: str) -> list[str]:
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            header = next(csv.reader(handle), None)
    except UnicodeDecodeError as error:
        raise ValidationError(
            file=file, line=1, reason=f"not UTF-8 text ({error.reason}): save the file as UTF-8"
        ) from None
    except csv.Error as error:
        raise ValidationError(
            file=file, line=1, reason=f"not a readable CSV header: {error}"
        ) from None
    if not header or not any(h.strip() for h in header):
        raise ValidationError(file=file, line=1, reason="empty file: no header row")
    return header


def _describe(con: duckdb.DuckDBPyConnection, relation: str) -> list[tuple[str, str]]:
    rows = con.execute(f"DESCRIBE SELECT * FROM {relation}").fetchall()
    return [(str(r[0]), str(r[1])) for r in rows]


def stage_file(
    con: duckdb.DuckDBPyConnection, entity: Entity, unit: DataFile, root: Path
) -> Staged:
    """Stage one dataset file as ``_ipl_src``; raise `ValidationError` if unreadable."""
    drop_staging(con)
    if unit.format == "csv":
        return _stage_csv(con, entity, unit)
    return _stage_parquet(con, entity, unit, root)


def _stage_csv(con: duckdb.DuckDBPyConnection, entity: Entity, unit: DataFile) -> Staged:
    path = unit.paths[0]
    headers = _csv_headers(path, unit.name)
    mapped, rejects, warnings = _map_headers(entity, unit.name, headers)
    columns = "{" + ", ".join(f"'c{i}': 'VARCHAR'" for i in range(len(headers))) + "}"
    try:
        run(
            con,
            f"""CREATE TEMP TABLE _ipl_raw AS SELECT * FROM read_csv(?, header = true,
                auto_detect = false, columns = {columns}, delim = ',', quote = '"', escape = '"',
                strict_mode = true, encoding = 'utf-8')""",
            [str(path)],
        )
    except duckdb.Error as error:
        message = str(error).split("\n")[0]
        raise ValidationError(
            file=unit.name, reason=f"not a readable CSV file: {message}"
        ) from None
    select = ", ".join(f"c{i} AS {quote(c)}" for i, c in mapped.items())
    run(
        con,
        f"CREATE TEMP VIEW {SOURCE} AS SELECT {literal(unit.name)} AS _file, rowid + 2 AS _line"
        f"{', ' if select else ''}{select} FROM _ipl_raw",
    )
    rows = count(con, "SELECT count(*) FROM _ipl_raw")
    return Staged(dict.fromkeys(mapped.values(), "VARCHAR"), rows, rejects, warnings)


def _stage_parquet(
    con: duckdb.DuckDBPyConnection, entity: Entity, unit: DataFile, root: Path
) -> Staged:
    paths = "[" + ", ".join(literal(str(p)) for p in unit.paths) + "]"
    reader = (
        f"read_parquet({paths}, file_row_number = true, filename = true,"
        " hive_partitioning = false, union_by_name = true)"
    )
    try:
        described = [
            (n, t) for n, t in _describe(con, reader) if n not in ("file_row_number", "filename")
        ]
    except duckdb.Error as error:
        message = str(error).split("\n")[0]
        raise ValidationError(
            file=unit.name, reason=f"not a readable Parquet file: {message}"
        ) from None
    mapped, rejects, warnings = _map_headers(entity, unit.name, [n for n, _ in described])
    types = {mapped[i]: described[i][1] for i in mapped}
    select = ", ".join(f"{quote(described[i][0])} AS {quote(c)}" for i, c in mapped.items())
    if len(unit.paths) == 1:
        file_expr = literal(unit.name)
    else:
        prefix = str(root) + "/"
        file_expr = (
            f"replace(replace(filename, '\\', '/'), {literal(prefix.replace(chr(92), '/'))}, '')"
        )
    run(
        con,
        f"CREATE TEMP VIEW {SOURCE} AS SELECT {file_expr} AS _file, file_row_number + 2 AS _line"
        f"{', ' if select else ''}{select} FROM {reader}",
    )
    return Staged(types, count(con, f"SELECT count(*) FROM {SOURCE}"), rejects, warnings)


def stage_arrow(con: duckdb.DuckDBPyConnection, entity: Entity, table: pa.Table) -> Staged:
    """Stage an Arrow table of entity columns (``Repository.upsert``); ``line`` = row index."""
    drop_staging(con)
    indexed = table.append_column("_ipl_row", pa.array(np.arange(table.num_rows, dtype=np.int64)))
    con.register("_ipl_arrow", indexed)
    described = [(n, t) for n, t in _describe(con, "_ipl_arrow") if n != "_ipl_row"]
    names = [n for n, _ in described]
    mapped, rejects, warnings = _map_headers(entity, ARROW_FILE, names)
    unknown = [w.column for w in warnings]
    if unknown:
        raise ValidationError(
            value=unknown, file=ARROW_FILE, reason=f"not a column of {entity.name}"
        )
    types = {mapped[i]: described[i][1] for i in mapped}
    select = ", ".join(f"{quote(described[i][0])} AS {quote(c)}" for i, c in mapped.items())
    run(
        con,
        f"CREATE TEMP VIEW {SOURCE} AS SELECT {literal(ARROW_FILE)} AS _file, _ipl_row AS _line"
        f"{', ' if select else ''}{select} FROM _ipl_arrow",
    )
    return Staged(types, table.num_rows, rejects, ())
