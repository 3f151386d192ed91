"""Exporting the ledger as an exchange dataset (docs/exchange.md v1), as CSV or Parquet."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Literal

import duckdb

from ipledger._sql import count, literal, quote, run
from ipledger.errors import ValidationError
from ipledger.io._result import ExportedFile, ExportResult
from ipledger.model import ENTITIES, Entity
from ipledger.store import Store, translated

__all__ = ["PARTITIONS", "ExportFormat", "export_dataset"]

ExportFormat = Literal["csv", "parquet"]

PARTITIONS: Mapping[str, tuple[str, str]] = MappingProxyType(
    {name: e.partition for name, e in ENTITIES.items() if e.partition is not None}
)
"""Built-in entities whose Parquet export is a folder partitioned by year: partition column,
its date (``Entity.partition``)."""


def _column_types(con: duckdb.DuckDBPyConnection, table: str) -> dict[str, str]:
    rows = con.execute(
        "SELECT column_name, data_type FROM duckdb_columns() "
        "WHERE table_name = ? AND schema_name = 'main'",
        [table],
    ).fetchall()
    return {str(name): str(sql_type) for name, sql_type in rows}


def _csv_value(column: str, sql_type: str) -> str:
    if sql_type.endswith("[]"):
        return f"array_to_string({quote(column)}, ';') AS {quote(column)}"
    return quote(column)


def export_dataset(
    store: Store,
    folder: str | os.PathLike[str],
    *,
    format: ExportFormat = "csv",
    as_known_at: dt.datetime | None = None,
) -> ExportResult:
    """Write every non-empty entity of the ledger to ``folder`` in the exchange format.

    CSV: one ``<entity>.csv`` each, English headers, canonical values, lists joined with ``;``,
    money as plain decimal yuan, ISO dates. Parquet: typed columns; ``patents`` and
    ``trademarks`` as folders partitioned by year (``patents/filing_year=2023/data_0.parquet``,
    ``__HIVE_DEFAULT_PARTITION__`` for rows without the date), as Spark and Trino read them;
    `import_dataset` reads that layout back. ``as_known_at`` (UTC) exports the ledger as
    it was known then; default: as it is now. Existing files of the same names are replaced.
    """
    if format not in ("csv", "parquet"):
        raise ValidationError(value=format, column="format", reason="must be csv or parquet")
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    con = store.cursor()
    when = None if as_known_at is None else as_known_at.isoformat(sep=" ")
    files: list[ExportedFile] = []
    with translated(store.path):
        for entity in store.domain.entities.values():
            files += _export_entity(con, entity, target, format, when)
    return ExportResult(
        folder=str(target), format=format, as_known_at=as_known_at, files=tuple(files)
    )


def _export_entity(
    con: duckdb.DuckDBPyConnection,
    entity: Entity,
    target: Path,
    format: ExportFormat,
    when: str | None,
) -> list[ExportedFile]:
    """Write one entity's file (none when it has no rows); what was written."""
    name = entity.name
    source = f"{name}_current" if when is None else f"{name}_at(TIMESTAMP {literal(when)})"
    rows = count(con, f"SELECT count(*) FROM {source}")
    if not rows:
        return []
    types = _column_types(con, name)
    order = ", ".join(quote(k) for k in entity.key)
    if format == "csv":
        columns = ", ".join(_csv_value(c, types[c]) for c in entity.columns)
        path = target / f"{name}.csv"
        run(
            con,
            f"COPY (SELECT {columns} FROM {source} ORDER BY {order}) TO {literal(str(path))}"
            " (FORMAT csv, HEADER, DELIMITER ',')",
        )
    elif entity.partition is not None:
        partition, date_column = entity.partition
        columns = ", ".join(quote(c) for c in entity.columns)
        path = target / name
        run(
            con,
            f"COPY (SELECT {columns}, year({quote(date_column)}) AS {quote(partition)}"
            f" FROM {source} ORDER BY {order}) TO {literal(str(path))}"
            " (FORMAT parquet, COMPRESSION zstd,"
            f" PARTITION_BY ({quote(partition)}), OVERWRITE)",
        )
    else:
        columns = ", ".join(quote(c) for c in entity.columns)
        path = target / f"{name}.parquet"
        run(
            con,
            f"COPY (SELECT {columns} FROM {source} ORDER BY {order}) TO {literal(str(path))}"
            " (FORMAT parquet, COMPRESSION zstd)",
        )
    return [ExportedFile(entity=name, path=str(path), rows=rows)]
