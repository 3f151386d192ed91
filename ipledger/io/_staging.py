"""Staging: a file (or an Arrow table) made visible to DuckDB as ``_ipl_src``.

``_ipl_src`` has ``_file`` and ``_line`` (where each row came from: line 1 is the header, so
the first data row is line 2; for Parquet the row's ordinal counted the same way) and one
column per recognised header, renamed to its English exchange name. CSV cells stay text;
Parquet and Arrow columns keep their types (validation has fast paths for typed columns).

No row is dropped on the way: a CSV file is measured from its bytes first
(`csv_shape`: its rows and its longest row, which sets the
reader's line size, so that big cells are read), a Parquet file's rows are read from its
footer, and the rows the reader staged must be exactly those, else the file is refused.
"""

from __future__ import annotations

import csv
from pathlib import Path

import attrs
import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from ipledger._sql import count, literal, quote, run
from ipledger.errors import ValidationError
from ipledger.io._csvshape import csv_shape
from ipledger.io._discover import DataFile
from ipledger.io._limits import DEFAULT_LIMITS, ImportLimits
from ipledger.io._result import DatasetWarning
from ipledger.model import Entity

__all__ = [
    "ARROW_FILE",
    "SOURCE",
    "Staged",
    "drop_staging",
    "stage_arrow",
    "stage_file",
    "unguarded_sql",
]

SOURCE = "_ipl_src"
"""The name of the staged relation."""
ARROW_FILE = "<table>"
"""The ``file`` of rejects found in an Arrow table; their ``line`` is the row's index."""

_LINE_SIZE = 2 * 2**20  # DuckDB's own default maximum line size
_BUFFER = 16 * 2**20


@attrs.frozen
class Staged:
    """A staged file: its entity columns (English name -> SQL type), row count, and header
    problems (``_ipl_src`` may also carry the ``extra`` columns asked for)."""

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
    entity: Entity, file: str, headers: list[str], extra: tuple[str, ...] = ()
) -> tuple[dict[int, str], tuple[ValidationError, ...], tuple[DatasetWarning, ...]]:
    """Header position -> English column (or one of the ``extra`` columns, as named);
    header-level rejects; unknown-column warnings."""
    mapped: dict[int, str] = {}
    seen: dict[str, str] = {}
    rejects: list[ValidationError] = []
    warnings: list[DatasetWarning] = []
    for position, header in enumerate(headers):
        column = header if header in extra else entity.header(header)
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
        ValidationError(file=file, line=1, column=column, reason=reason)
        for column, reason in [
            *((c, "required column is missing") for c in entity.required),
            *((c, "column of a history export is missing") for c in extra),
        ]
        if column not in seen
    )
    return mapped, tuple(rejects), tuple(warnings)


def _too_many_columns(file: str, columns: int, limits: ImportLimits) -> ValidationError | None:
    if columns <= limits.max_columns:
        return None
    return ValidationError(
        file=file,
        line=1,
        reason=f"{columns:,} columns: over the limit max_columns ({limits.max_columns:,});"
        " nothing imported",
    )


def _csv_headers(path: Path, file: str, limits: ImportLimits) -> list[str]:
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
    too_many = _too_many_columns(file, len(header), limits)
    if too_many is not None:
        raise too_many
    return header


def _describe(con: duckdb.DuckDBPyConnection, relation: str) -> list[tuple[str, str]]:
    rows = con.execute(f"DESCRIBE SELECT * FROM {relation}").fetchall()
    return [(str(r[0]), str(r[1])) for r in rows]


def _unreadable(unit: DataFile, kind: str, error: duckdb.Error) -> ValidationError:
    message = str(error).strip().split("\n")[0]
    return ValidationError(file=unit.name, reason=f"not a readable {kind} file: {message}")


def unguarded_sql(cell: str) -> str:
    """SQL of a CSV cell with the formula guard's leading apostrophe taken off: the inverse of
    the export's guard (`ipledger.io._export.guarded_sql`)."""
    return f"CASE WHEN starts_with({cell}, '''') THEN substr({cell}, 2) ELSE {cell} END"


def stage_file(
    con: duckdb.DuckDBPyConnection,
    entity: Entity,
    unit: DataFile,
    root: Path,
    *,
    limits: ImportLimits = DEFAULT_LIMITS,
    extra: tuple[str, ...] = (),
    formula_guard: bool = False,
) -> Staged:
    """Stage one dataset file as ``_ipl_src``; raise `ValidationError` if it is
    unreadable, over a limit, or if the reader did not see every row the file holds.

    ``extra`` columns are staged under their own names (a history export's ``recorded_at``,
    ``superseded_at`` and ``source``); ``formula_guard``: the CSV's text cells were guarded
    against spreadsheet formulas by the export, and the guard is taken off again.
    """
    drop_staging(con)
    if unit.format == "csv":
        return _stage_csv(con, entity, unit, limits, extra, formula_guard)
    return _stage_parquet(con, entity, unit, root, limits, extra)


def _stage_csv(
    con: duckdb.DuckDBPyConnection,
    entity: Entity,
    unit: DataFile,
    limits: ImportLimits,
    extra: tuple[str, ...],
    formula_guard: bool,
) -> Staged:
    path = unit.paths[0]
    shape = csv_shape(path, unit.name, limits)
    headers = _csv_headers(path, unit.name, limits)
    mapped, rejects, warnings = _map_headers(entity, unit.name, headers, extra)
    columns = "{" + ", ".join(f"'c{i}': 'VARCHAR'" for i in range(len(headers))) + "}"
    line_size = max(_LINE_SIZE, shape.longest + 1024)
    try:
        run(
            con,
            f"""CREATE TEMP TABLE _ipl_raw AS SELECT * FROM read_csv(?, header = true,
                auto_detect = false, columns = {columns}, delim = ',', quote = '"', escape = '"',
                strict_mode = true, encoding = 'utf-8', max_line_size = {line_size},
                buffer_size = {max(_BUFFER, 2 * line_size)})""",
            [str(path)],
        )
    except duckdb.Error as error:
        raise _unreadable(unit, "CSV", error) from None
    rows = count(con, "SELECT count(*) FROM _ipl_raw")
    if rows != shape.rows:
        raise ValidationError(
            file=unit.name,
            reason=f"the CSV reader read {rows:,} rows, but the file holds {shape.rows:,}"
            " (a stray quote or line break?): nothing imported",
        )
    cells = {i: unguarded_sql(f"c{i}") if formula_guard else f"c{i}" for i in mapped}
    select = ", ".join(f"{cells[i]} AS {quote(c)}" for i, c in mapped.items())
    run(
        con,
        f"CREATE TEMP VIEW {SOURCE} AS SELECT {literal(unit.name)} AS _file, rowid + 2 AS _line"
        f"{', ' if select else ''}{select} FROM _ipl_raw",
    )
    own = [c for c in mapped.values() if c not in extra]
    return Staged(dict.fromkeys(own, "VARCHAR"), rows, rejects, warnings)


def _parquet_rows(unit: DataFile, limits: ImportLimits) -> int:
    """The rows the Parquet file(s) of ``unit`` hold, from their footers; refused over
    ``max_rows``, or when the data is larger than ``max_file_bytes`` uncompressed."""
    rows = data = 0
    for path in unit.paths:
        try:
            meta = pq.read_metadata(path)
        except (OSError, ValueError, pa.ArrowException) as error:
            first = str(error).strip().split("\n")[0]
            raise ValidationError(
                file=unit.name, reason=f"not a readable Parquet file: {first}"
            ) from None
        rows += meta.num_rows
        data += sum(meta.row_group(i).total_byte_size for i in range(meta.num_row_groups))
    if rows > limits.max_rows:
        raise ValidationError(
            file=unit.name,
            reason=f"{rows:,} rows: over the limit max_rows ({limits.max_rows:,});"
            " nothing imported",
        )
    if data > limits.max_file_bytes:
        raise ValidationError(
            file=unit.name,
            reason=f"{data / 2**20:,.0f} MiB of data uncompressed: over the limit"
            " max_file_bytes; nothing imported",
        )
    return rows


def _stage_parquet(
    con: duckdb.DuckDBPyConnection,
    entity: Entity,
    unit: DataFile,
    root: Path,
    limits: ImportLimits,
    extra: tuple[str, ...],
) -> Staged:
    expected = _parquet_rows(unit, limits)
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
        raise _unreadable(unit, "Parquet", error) from None
    too_many = _too_many_columns(unit.name, len(described), limits)
    if too_many is not None:
        raise too_many
    mapped, rejects, warnings = _map_headers(entity, unit.name, [n for n, _ in described], extra)
    types = {c: described[i][1] for i, c in mapped.items() if c not in extra}
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
    try:
        rows = count(con, f"SELECT count(*) FROM {SOURCE}")
    except duckdb.Error as error:
        raise _unreadable(unit, "Parquet", error) from None
    if rows != expected:
        raise ValidationError(
            file=unit.name,
            reason=f"the Parquet reader read {rows:,} rows, but the file holds {expected:,}:"
            " nothing imported",
        )
    return Staged(types, rows, rejects, warnings)


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
