"""Exporting the ledger as an exchange dataset (docs/exchange.md v1), as CSV or Parquet.

An export is written whole or not at all: into a scratch folder beside the target (holding the
marker `INCOMPLETE` until the end), every entity read from one
snapshot of the ledger, then the manifest (rows, size and SHA-256 of every file), then the
folder renamed into place. A killed export leaves only the scratch folder, which nothing imports
and the next export there removes. A target folder that holds anything is refused, except an
earlier ipledger export when ``overwrite`` is given (replaced in one step).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import secrets
import shutil
from collections.abc import Iterator, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Literal

import duckdb
import pyarrow.parquet as pq

from ipledger._scratch import remove_stale, scratch_name
from ipledger._sql import literal, quote, run, timestamp_literal
from ipledger.codes import install_macros
from ipledger.errors import ValidationError
from ipledger.io._manifest import (
    INCOMPLETE,
    MANIFEST,
    Manifest,
    ManifestFile,
    digest,
    read_manifest,
    write_manifest,
)
from ipledger.io._result import ExportedFile, ExportResult
from ipledger.model import ENTITIES, Entity
from ipledger.model._columns import NOT_AN_ORGANISATION
from ipledger.store import HISTORY_COLUMNS, Store, library_schema_version, translated, utc_now

__all__ = ["PARTITIONS", "ExportFormat", "export_dataset", "guarded_sql"]

ExportFormat = Literal["csv", "parquet"]

PARTITIONS: Mapping[str, tuple[str, str]] = MappingProxyType(
    {name: e.partition for name, e in ENTITIES.items() if e.partition is not None}
)
"""Built-in entities whose Parquet export is a folder partitioned by year: partition column,
its date (``Entity.partition``)."""

FORMULA_START = "=+-@\t\r'"
"""The first characters that make a spreadsheet read a CSV cell as a formula (OWASP: ``=``,
``+``, ``-``, ``@``, tab, carriage return), and the apostrophe that guards them (itself
guarded, so that the guard can be taken off exactly)."""

_PERSONAL_IDS = "_ipl_personal_ids"


_FORMULA_PATTERN = r"^[=+\-@\t\r']"  # FORMULA_START as a regular expression


def guarded_sql(cell: str) -> str:
    r"""SQL of a text cell guarded against spreadsheet formulas: an apostrophe before a cell
    that starts with one of `FORMULA_START` (a spreadsheet then shows it as text).

    Examples:
        >>> print(guarded_sql("x"))
        CASE WHEN regexp_matches(x, '^[=+\-@\t\r'']') THEN '''' || x ELSE x END
    """
    return (
        f"CASE WHEN regexp_matches({cell}, {literal(_FORMULA_PATTERN)})"
        f" THEN '''' || {cell} ELSE {cell} END"
    )


def _column_types(con: duckdb.DuckDBPyConnection, table: str) -> dict[str, str]:
    rows = con.execute(
        "SELECT column_name, data_type FROM duckdb_columns() "
        "WHERE table_name = ? AND schema_name = 'main' AND database_name = current_database()",
        [table],
    ).fetchall()
    return {str(name): str(sql_type) for name, sql_type in rows}


class _Columns:
    """The SELECT list of one entity's file: masked, joined and guarded as asked."""

    def __init__(
        self, entity: Entity, types: dict[str, str], *, csv: bool, guard: bool, salt: str | None
    ) -> None:
        self.entity = entity
        self.types = types
        self.csv = csv
        self.guard = guard
        self.salt = salt

    def personal(self, id_column: str) -> str:
        """SQL: the party the id names is an individual (not a valid organisation code, or the
        id of a party recorded as an individual)."""
        party = quote(id_column)
        return (
            f"({party} IS NOT NULL AND (ipl_credit_code({party}) IS NULL"
            f" OR {party} IN (SELECT party_id FROM {_PERSONAL_IDS})))"
        )

    def masked(self) -> dict[str, str]:
        """Column -> its masked SQL, for the party ids of individuals and their names."""
        if self.salt is None:
            return {}
        found: dict[str, str] = {}
        for id_column, name_column in self.entity.party_columns:
            personal = self.personal(id_column)
            party = quote(id_column)
            found[id_column] = (
                f"CASE WHEN {personal} THEN 'P-' || upper(left(sha256({literal(self.salt)}"
                f" || {party}), 12)) ELSE {party} END"
            )
            if name_column is not None:
                name = quote(name_column)
                found[name_column] = (
                    f"CASE WHEN {party} IS NULL OR {personal} THEN"
                    f" CASE WHEN length({name}) <= 1 THEN '*'"
                    f" ELSE left({name}, 1) || repeat('*', length({name}) - 1) END"
                    f" ELSE {name} END"
                )
        return found

    def select(self, names: tuple[str, ...]) -> str:
        masked = self.masked()
        out = []
        for name in names:
            value = masked.get(name, quote(name))
            sql_type = self.types[name]
            if self.csv and sql_type.endswith("[]"):
                value = f"array_to_string({value}, ';')"
            if self.csv and self.guard and sql_type.startswith("VARCHAR"):
                value = guarded_sql(value)
            out.append(f"{value} AS {quote(name)}")
        return ", ".join(out)


def _source_sql(entity: Entity, when: str | None, history: bool) -> str:
    """The rows of an entity's file: the versions current then (or now), or with ``history``
    every version recorded by then (one superseded later shows as current then)."""
    name = quote(entity.name)
    if not history:
        return f"{entity.name}_current" if when is None else f"{entity.name}_at({when})"
    if when is None:
        return name
    return (
        f"(SELECT * EXCLUDE (superseded_at), CASE WHEN superseded_at <= {when}"
        f" THEN superseded_at END AS superseded_at FROM {name} WHERE recorded_at <= {when})"
    )


def _target_owned(target: Path, *, overwrite: bool) -> None:
    """Refuse a target folder that holds anything, unless it is an earlier ipledger export and
    ``overwrite`` is given."""
    if not target.exists():
        return
    if not target.is_dir():
        raise ValidationError(file=str(target), reason="not a folder: export into a folder")
    entries = sorted(p for p in target.rglob("*") if not p.is_dir())
    if not entries:
        return
    shown = ", ".join(p.relative_to(target).as_posix() for p in entries[:3])
    more = f" and {len(entries) - 3} more" if len(entries) > 3 else ""
    if not overwrite:
        raise ValidationError(
            file=str(target),
            reason=f"the folder is not empty ({shown}{more}): export into a new or empty"
            " folder, or give --overwrite to replace an earlier export there",
        )
    manifest = read_manifest(target)
    listed = {MANIFEST} | {f.path for f in manifest.files} if manifest else set()
    foreign = [p.relative_to(target).as_posix() for p in entries]
    foreign = [p for p in foreign if p not in listed]
    if foreign:
        raise ValidationError(
            file=str(target),
            reason=f"--overwrite replaces only an earlier ipledger export, but the folder holds"
            f" files its manifest does not list ({', '.join(foreign[:3])}"
            f"{' ...' if len(foreign) > 3 else ''}): empty it, or choose another folder",
        )


@contextlib.contextmanager
def _scratch(target: Path) -> Iterator[Path]:
    """The scratch folder an export is written into (removed if the export fails)."""
    prefix = f".{target.name}.partial-"
    remove_stale(target.parent, prefix)
    remove_stale(target.parent, f".{target.name}.replaced-")
    folder = target.parent / scratch_name(prefix)
    folder.mkdir()
    (folder / INCOMPLETE).write_text(
        "an ipledger export is being written here; it is not complete\n", encoding="utf-8"
    )
    try:
        yield folder
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise


def _put_in_place(scratch: Path, target: Path) -> None:
    """Make the finished scratch folder the target: in one rename, an earlier export there
    moved aside first and removed after."""
    (scratch / INCOMPLETE).unlink()
    if target.exists() and not any(target.iterdir()):
        target.rmdir()
    if not target.exists():
        os.rename(scratch, target)
        return
    aside = target.parent / scratch_name(f".{target.name}.replaced-")
    os.rename(target, aside)
    try:
        os.rename(scratch, target)
    except BaseException:
        os.rename(aside, target)
        raise
    shutil.rmtree(aside, ignore_errors=True)


def export_dataset(
    store: Store,
    folder: str | os.PathLike[str],
    *,
    format: ExportFormat = "csv",
    as_known_at: dt.datetime | None = None,
    with_history: bool = False,
    overwrite: bool = False,
    formula_guard: bool = True,
    mask_personal: bool = False,
) -> ExportResult:
    """Write every non-empty entity of the ledger to ``folder`` in the exchange format.

    CSV: one ``<entity>.csv`` each, English headers, canonical values, lists joined with ``;``,
    money as plain decimal yuan, ISO dates. Parquet: typed columns; ``patents`` and
    ``trademarks`` as folders partitioned by year (``patents/filing_year=2023/data_0.parquet``,
    ``__HIVE_DEFAULT_PARTITION__`` for rows without the date), as Spark and Trino read them;
    `import_dataset` reads that layout back. ``as_known_at`` (UTC) exports the ledger as
    it was known then; default: as it is now. Every file is read from one snapshot.

    ``with_history``: every version (with ``recorded_at``, ``superseded_at``, ``source``), so
    that importing the export into a new ledger gives the same history. ``formula_guard``
    (CSV): a text cell starting with ``= + - @``, a tab, a carriage return or an apostrophe
    gets an apostrophe before it, so that a spreadsheet shows it instead of running it as a
    formula; ``import_dataset`` takes the guard off again (the manifest says it is there).
    ``mask_personal``: the ids of individuals (an id that is no valid credit code, or a party
    of kind ``individual``) become stable pseudonyms (``P-`` and 12 hex digits, the same across
    the files of one export, different in the next) and the names beside them (and names
    without an id) keep their first character (``张**``).

    The export is written into a scratch folder and renamed into place when complete, with a
    manifest that `import_dataset` verifies. A ``folder`` that holds anything is refused
    (`ValidationError`), unless it holds an earlier ipledger export
    and ``overwrite`` is given: then that export is replaced, in one step.
    """
    if format not in ("csv", "parquet"):
        raise ValidationError(value=format, column="format", reason="must be csv or parquet")
    target = Path(folder)
    _target_owned(target, overwrite=overwrite)
    real = target.resolve()  # "out/", ".": the scratch folder goes beside the real folder
    real.parent.mkdir(parents=True, exist_ok=True)
    when = None if as_known_at is None else timestamp_literal(as_known_at)
    guard = formula_guard and format == "csv"
    salt = secrets.token_hex(16) if mask_personal else None
    exported_at = utc_now()
    files: list[ExportedFile] = []
    entries: list[ManifestFile] = []
    with _scratch(real) as scratch, store.snapshot() as cur, translated(store.path):
        if salt is not None:
            install_macros(cur)
            run(
                cur,
                f"CREATE OR REPLACE TEMP TABLE {_PERSONAL_IDS} AS SELECT DISTINCT party_id"
                f" FROM parties WHERE kind = {literal(NOT_AN_ORGANISATION)}",
            )
        for entity in store.domain.entities.values():
            written = _export_entity(
                cur, entity, scratch, format, when, history=with_history, guard=guard, salt=salt
            )
            for path, rows in written:
                size, sha = digest(path)
                name = path.relative_to(scratch).as_posix()
                entries.append(
                    ManifestFile(path=name, entity=entity.name, rows=rows, bytes=size, sha256=sha)
                )
            if written:
                top = scratch / _file_name(entity, format)
                files.append(
                    ExportedFile(
                        entity=entity.name,
                        path=str(target / top.name),
                        rows=sum(rows for _, rows in written),
                    )
                )
        write_manifest(
            scratch,
            Manifest(
                exported_at=exported_at,
                as_known_at=as_known_at,
                file_format=format,
                history=with_history,
                formula_guard=guard,
                masked=mask_personal,
                files=tuple(entries),
                schema_version=library_schema_version(),
                ipledger_version=_version(),
            ),
        )
        _put_in_place(scratch, real)
    return ExportResult(
        folder=str(target),
        format=format,
        as_known_at=as_known_at,
        files=tuple(files),
        with_history=with_history,
        masked=mask_personal,
    )


def _version() -> str:
    from ipledger import __version__

    return __version__


def _file_name(entity: Entity, format: ExportFormat) -> str:
    if format == "parquet" and entity.partition is not None:
        return entity.name
    return f"{entity.name}.{format}"


def _export_entity(
    con: duckdb.DuckDBPyConnection,
    entity: Entity,
    target: Path,
    format: ExportFormat,
    when: str | None,
    *,
    history: bool,
    guard: bool,
    salt: str | None,
) -> list[tuple[Path, int]]:
    """Write one entity's file (none when it has no rows); the files written and their rows."""
    source = _source_sql(entity, when, history)
    ((rows,),) = con.execute(f"SELECT count(*) FROM {source}").fetchall()
    if not rows:
        return []
    types = _column_types(con, entity.name)
    names = (*entity.columns, *HISTORY_COLUMNS) if history else entity.columns
    columns = _Columns(entity, types, csv=format == "csv", guard=guard, salt=salt).select(names)
    order = ", ".join(quote(k) for k in entity.key) + (", recorded_at" if history else "")
    path = target / _file_name(entity, format)
    if format == "csv":
        run(
            con,
            f"COPY (SELECT {columns} FROM {source} ORDER BY {order}) TO {literal(str(path))}"
            " (FORMAT csv, HEADER, DELIMITER ',')",
        )
        return [(path, int(rows))]
    if entity.partition is None:
        run(
            con,
            f"COPY (SELECT {columns} FROM {source} ORDER BY {order}) TO {literal(str(path))}"
            " (FORMAT parquet, COMPRESSION zstd)",
        )
        return [(path, int(rows))]
    partition, date_column = entity.partition
    run(
        con,
        f"COPY (SELECT {columns}, year({quote(date_column)}) AS {quote(partition)}"
        f" FROM {source} ORDER BY {order}) TO {literal(str(path))}"
        f" (FORMAT parquet, COMPRESSION zstd, PARTITION_BY ({quote(partition)}))",
    )
    parts = sorted(path.rglob("*.parquet"))
    return [(part, pq.read_metadata(part).num_rows) for part in parts]
