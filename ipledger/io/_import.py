"""Importing a dataset: discover, stage, validate (in SQL), write (type-2 history), report."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from pathlib import Path

import attrs
import duckdb
import pyarrow as pa

from ipledger._sql import count as count_rows
from ipledger._sql import literal, quote, run
from ipledger.codes import install_macros
from ipledger.codes._text import BLANKS
from ipledger.errors import RejectedRowsError, ValidationError
from ipledger.io._discover import DataFile, Dataset, open_dataset
from ipledger.io._history import add_history_rejects, require_empty, write_history
from ipledger.io._limits import DEFAULT_LIMITS, ImportLimits
from ipledger.io._progress import ImportProgress, Phase, ProgressCallback
from ipledger.io._result import DatasetWarning, FileResult, ImportResult
from ipledger.io._staging import (
    ARROW_FILE,
    SOURCE,
    Staged,
    drop_staging,
    stage_arrow,
    stage_file,
)
from ipledger.io._validate import (
    CHECKED,
    REGION_MAP,
    REJECTS,
    Check,
    build_checked,
    build_rejects,
    ensure_region_map,
    forget_region_map,
    valid_rows_view,
)
from ipledger.model import Entity
from ipledger.store import (
    HISTORY_COLUMNS,
    Store,
    WriteCounts,
    database_error,
    utc_now,
    write_versions,
)

__all__ = ["MAX_LISTED", "import_dataset", "recording_moment", "write_table"]

MAX_LISTED = 10_000
"""Rejects (and warnings) kept per file in a result; the ``rejects_path`` CSV has them all."""

_ALL_REJECTS = "_ipl_all_rejects"
_TEMPS = ("_ipl_valid", CHECKED, REJECTS, _ALL_REJECTS)
# _ipl_region_map stays: the cursor keeps it while the region tables do not change


def recording_moment(when: dt.datetime | None) -> dt.datetime:
    """The ``recorded_at`` of a write: now, or the moment given, as the store records it (UTC
    without tzinfo; a naive one is taken as UTC). A moment in the future is refused: every
    later correction, recorded at its real time, would then come "before" it and be refused.
    """
    now = utc_now()
    if when is None:
        return now
    moment = when.astimezone(dt.UTC).replace(tzinfo=None) if when.tzinfo is not None else when
    if moment > now:
        raise ValidationError(
            value=moment.isoformat(sep=" "),
            column="recorded_at",
            reason=f"is in the future (now is {now.isoformat(sep=' ', timespec='seconds')} UTC):"
            " a back-fill records a past moment",
        )
    return moment


def _cleanup(con: duckdb.DuckDBPyConnection) -> None:
    drop_staging(con)
    run(con, "DROP VIEW IF EXISTS _ipl_valid")
    for table in _TEMPS[1:]:
        run(con, f"DROP TABLE IF EXISTS {table}")
    with contextlib.suppress(duckdb.Error):
        con.unregister("_ipl_arrow")


def _rejects_sql(entity: Entity, staged: Staged) -> str:
    """The rejects of ``_ipl_rejects`` in file order, each with the value as given."""
    key = entity.key
    cases = [f"WHEN {literal(c)} THEN CAST(s.{quote(c)} AS VARCHAR)" for c in staged.columns]
    if len(key) > 1:
        parts = ", ".join(
            f"coalesce(CAST(s.{quote(k)} AS VARCHAR), '')" if k in staged.columns else "''"
            for k in key
        )
        cases.append(f"WHEN {literal(','.join(key))} THEN concat_ws(',', {parts})")
    value = f'CASE r."column" {" ".join(cases)} END' if cases else "NULL"
    order = "[" + ", ".join(literal(c) for c in entity.columns) + "]"
    return f"""SELECT r._file, r._line, r."column", {value} AS value, r.reason
        FROM {REJECTS} r LEFT JOIN {SOURCE} s ON s._file = r._file AND s._line = r._line
        ORDER BY r._file, r._line, list_position({order}, r."column"), r.reason"""


def _fetch_rejects(
    con: duckdb.DuckDBPyConnection, entity: Entity, staged: Staged
) -> list[ValidationError]:
    """The first `MAX_LISTED` rejects, in file order."""
    rows = con.execute(f"{_rejects_sql(entity, staged)} LIMIT {MAX_LISTED}").fetchall()
    return [
        ValidationError(file=f, line=int(line), column=c, value=v, reason=reason)
        for f, line, c, v, reason in rows
    ]


def _keep_rejects(
    con: duckdb.DuckDBPyConnection,
    entity: Entity,
    staged: Staged | None,
    listed: tuple[ValidationError, ...] = (),
) -> None:
    """Append a file's rejects to ``_ipl_all_rejects`` (for the rejects CSV): the ones found
    in SQL when ``staged`` is given, else the ``listed`` ones (header and file problems)."""
    if staged is not None:
        run(con, f"INSERT INTO {_ALL_REJECTS} {_rejects_sql(entity, staged)}")
    elif listed:
        con.executemany(
            f"INSERT INTO {_ALL_REJECTS} VALUES (?, ?, ?, ?, ?)",
            [
                [e.file, e.line, e.column, None if e.value is None else str(e.value), e.reason]
                for e in listed
            ],
        )


def _rights_warnings(
    con: duckdb.DuckDBPyConnection, rights: list[Entity], column: str, *, with_rejects: bool
) -> list[DatasetWarning]:
    """A warning for each right named in ``column`` (of the rows to write) that the ledger
    knows of no right by that number (no patent, no trademark: the entities of ``rights``)."""
    anti = (
        f" ANTI JOIN {REJECTS} r ON r._file = c._file AND r._line = c._line" if with_rejects else ""
    )
    unknown = " AND ".join(
        f"r NOT IN (SELECT {quote(e.key[0])} FROM {quote(e.name + '_current')})" for e in rights
    )
    labels = " or ".join(e.label for e in rights)
    rows = con.execute(
        f"""SELECT _file, _line, r FROM (
                SELECT c._file, c._line, unnest(c.{quote(column)}) AS r,
                       generate_subscripts(c.{quote(column)}, 1) AS position
                FROM {CHECKED} c{anti})
            WHERE {unknown or "true"}
            ORDER BY _file, _line, position LIMIT {MAX_LISTED}"""
    ).fetchall()
    return [
        DatasetWarning(
            file=file,
            line=int(line),
            column=column,
            value=right,
            message=f"no {labels} with this number in the ledger (kept)",
        )
        for file, line, right in rows
    ]


def _introduced_region_columns(entity: Entity) -> list[str]:
    """The columns of ``entity`` that introduce region codes (a ``regions`` file's ``code``)."""
    return [c.name for c in entity.declared_columns if c.rule == "new_region"]


def _introduces_regions(entity: Entity) -> bool:
    return bool(_introduced_region_columns(entity))


def _prepare(store: Store, con: duckdb.DuckDBPyConnection) -> None:
    """The macros and the region map the validation needs, on this thread's cursor (made once
    per cursor; the map again when the region tables changed)."""
    state = store.cursor_state()
    if not state.get("macros"):
        install_macros(con)
        state["macros"] = True
    ensure_region_map(con, state)


class _Importer:
    """One import run: its connection, dataset, moment, options and progress."""

    def __init__(
        self,
        store: Store,
        *,
        dataset: Dataset,
        name: str,
        keep_going: bool,
        recorded_at: dt.datetime,
        progress: ProgressCallback | None,
        keep_all_rejects: bool,
        limits: ImportLimits,
    ) -> None:
        self.store = store
        self.dataset = dataset
        self.name = name
        self.con = store.cursor()
        self.keep_going = keep_going
        self.recorded_at = recorded_at
        self.progress = progress
        self.keep_all_rejects = keep_all_rejects
        self.limits = limits
        self.rows_done = 0
        self.files_done = 0
        self.files_total = len(dataset.files)
        manifest = dataset.manifest
        self.history = manifest is not None and manifest.history
        self.formula_guard = manifest is not None and manifest.formula_guard

    def report(self, file: str, phase: Phase, rows: int = 0) -> None:
        if self.progress is not None:
            self.progress(
                ImportProgress(
                    file=file,
                    phase=phase,
                    rows=self.rows_done + rows,
                    files_done=self.files_done,
                    files_total=self.files_total,
                )
            )

    def listed_rows(self, unit: DataFile) -> int | None:
        """The rows the export's manifest lists for ``unit`` (None without a manifest)."""
        if self.dataset.manifest is None:
            return None
        names = {p.relative_to(self.dataset.root).as_posix() for p in unit.paths}
        return sum(f.rows for f in self.dataset.manifest.files if f.path in names)

    def stage(self, entity: Entity, unit: DataFile) -> Staged:
        if self.history:
            require_empty(self.con, entity, unit.name)
        staged = stage_file(
            self.con,
            entity,
            unit,
            self.dataset.root,
            limits=self.limits,
            extra=HISTORY_COLUMNS if self.history else (),
            formula_guard=self.formula_guard and unit.format == "csv",
        )
        listed = self.listed_rows(unit)
        if listed is not None and listed != staged.rows:
            raise ValidationError(
                file=unit.name,
                reason=f"{staged.rows:,} rows read, but the export's manifest lists {listed:,}:"
                " nothing imported",
            )
        return staged

    def run_file(self, unit: DataFile) -> FileResult:
        self.report(unit.name, "read")
        entity = self.store.domain.entity(unit.entity)
        try:
            staged = self.stage(entity, unit)
        except ValidationError as error:
            if self.keep_all_rejects:
                _keep_rejects(self.con, entity, None, (error,))
            return FileResult(file=unit.name, entity=unit.entity, rejects=(error,))
        result = self.check_and_write(entity, unit.name, staged, several=len(unit.paths) > 1)
        self.rows_done += staged.rows
        return result

    def check_and_write(
        self, entity: Entity, name: str, staged: Staged, *, several: bool
    ) -> FileResult:
        base = FileResult(
            file=name, entity=entity.name, rows_read=staged.rows, warnings=staged.warnings
        )
        if staged.rejects:
            if self.keep_all_rejects:
                _keep_rejects(self.con, entity, None, staged.rejects)
            return attrs.evolve(base, rejects=staged.rejects, rejected_rows=staged.rows)
        self.report(name, "validate", staged.rows)
        for introduced in _introduced_region_columns(entity):
            if introduced in staged.columns:  # known to the file's own rows (their parents)
                code = f"trim({quote(introduced)}, {literal(BLANKS)})"
                run(
                    self.con,
                    f"""INSERT INTO {REGION_MAP}
                        SELECT DISTINCT {code}, {code} FROM {SOURCE}
                        WHERE {code} NOT IN (SELECT code FROM {REGION_MAP})""",
                )
        check = build_checked(self.con, entity, staged.columns)
        count = build_rejects(
            self.con, entity, check, several_files=several, unique_keys=not self.history
        )
        if self.history:
            count = add_history_rejects(self.con, entity)
        rejects: tuple[ValidationError, ...] = ()
        rejected_rows = 0
        if count:
            rejects = tuple(_fetch_rejects(self.con, entity, staged))
            rejected_rows = count_rows(
                self.con, f"SELECT count(*) FROM (SELECT DISTINCT _file, _line FROM {REJECTS})"
            )
            if self.keep_all_rejects:
                _keep_rejects(self.con, entity, staged)
        result = attrs.evolve(
            base, rejects=rejects, rejected_rows=rejected_rows, rejected_values=count
        )
        if count and (self.history or not self.keep_going):  # a history is never partial
            return result
        if self.history:
            return self.write_history(entity, name, check, result)
        view = valid_rows_view(self.con, check, with_rejects=bool(count))
        warnings = list(result.warnings)
        rights = [e for e in self.store.domain.entities.values() if e.right_type]
        for listed in entity.declared_columns:
            if listed.rule == "rights" and listed.name in check.write_columns:
                warnings += _rights_warnings(
                    self.con, rights, listed.name, with_rejects=bool(count)
                )
        self.report(name, "write", staged.rows)
        origin = f"{self.name}: {name}"
        try:
            counts = self.store.atomic(
                lambda cur: write_versions(
                    cur, entity, view, recorded_at=self.recorded_at, source=None, origin=origin
                )
            )
        except ValidationError as error:  # e.g. a back-fill before the version it supersedes
            error.file = name
            if self.keep_all_rejects:
                _keep_rejects(self.con, entity, None, (error,))
            return attrs.evolve(result, rejects=(*rejects, error), warnings=tuple(warnings))
        return attrs.evolve(
            result,
            inserted=counts.inserted,
            updated=counts.updated,
            unchanged=counts.unchanged,
            warnings=tuple(warnings),
            written=True,
        )

    def write_history(
        self, entity: Entity, name: str, check: Check, result: FileResult
    ) -> FileResult:
        """Restore the versions of a history file (all of them, or none)."""
        self.report(name, "write", result.rows_read)
        origin = f"{self.name}: {name} (history)"
        try:
            counts = self.store.atomic(
                lambda cur: write_history(cur, entity, check, file=name, origin=origin)
            )
        except ValidationError as error:
            return attrs.evolve(result, rejects=(error,))
        return attrs.evolve(result, inserted=counts.inserted, written=True)


def import_dataset(
    store: Store,
    path: str | os.PathLike[str],
    *,
    keep_going: bool = False,
    recorded_at: dt.datetime | None = None,
    progress: ProgressCallback | None = None,
    rejects_path: str | os.PathLike[str] | None = None,
    limits: ImportLimits = DEFAULT_LIMITS,
) -> ImportResult:
    r"""Import the dataset at ``path`` (a folder, a .zip, or one data file) into ``store``.

    Files are imported in entity order (regions first, so that their codes are known to the
    files after them), each all-or-nothing: a file with any rejected row is not written at all,
    unless ``keep_going`` (then its valid rows are). Re-imported rows update their record (the
    old version is kept); unchanged rows write nothing. Every version written records
    ``recorded_at`` (UTC, default now; an aware datetime is converted) and ``source`` =
    ``file:line``. ``rejects_path`` gets every rejected value as CSV
    (``file,line,column,value,reason``).

    A dataset that cannot be opened — over one of the ``limits`` (`ImportLimits`), an
    unsafe, encrypted or damaged zip, a special file, an unfinished export or one that differs
    from its manifest — raises `ValidationError` before anything is
    read. A file the reader cannot read completely (fewer rows than the file holds) is rejected
    whole: no row is dropped silently. An export with a manifest is verified file by file (size,
    SHA-256, rows); a history export (``history`` in its manifest) restores every version as
    it was, into a ledger without rows of its entities (``recorded_at`` does not apply).

    Examples:
        >>> import pathlib, tempfile
        >>> from ipledger.store import Store
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> _ = (folder / "patents_2024.csv").write_text(
        ...     "申请号,授权日\nZL 2023 1 0123456.6,2024年1月5日\n", encoding="utf-8")
        >>> result = import_dataset(Store.open(), folder)
        >>> result.ok, result.inserted, result.files[0].file
        (True, 1, 'patents_2024.csv')
    """
    store.require_writable()
    moment = recording_moment(recorded_at)
    if rejects_path is not None and not Path(rejects_path).parent.is_dir():
        raise FileNotFoundError(2, "no such folder for the rejects file", os.fspath(rejects_path))
    with open_dataset(path, store.domain.entities, limits) as dataset:
        if dataset.manifest is not None and dataset.manifest.history and recorded_at:
            raise ValidationError(
                value=moment.isoformat(sep=" "),
                column="recorded_at",
                reason="a history export keeps every version's own recorded_at: give none",
            )
        importer = _Importer(
            store,
            dataset=dataset,
            name=os.fspath(path),
            keep_going=keep_going,
            recorded_at=moment,
            progress=progress,
            keep_all_rejects=rejects_path is not None,
            limits=limits,
        )
        con = importer.con
        results: list[FileResult] = []
        try:
            _prepare(store, con)
            run(
                con,
                f"CREATE OR REPLACE TEMP TABLE {_ALL_REJECTS} (file VARCHAR, line BIGINT,"
                ' "column" VARCHAR, value VARCHAR, reason VARCHAR)',
            )
            for unit in dataset.files:
                result = importer.run_file(unit)
                results.append(result)
                importer.files_done += 1
                importer.report(unit.name, "done")
                if _introduces_regions(store.domain.entity(unit.entity)):
                    forget_region_map(store.cursor_state())  # drops codes not written
                    _prepare(store, con)
            if rejects_path is not None:
                run(
                    con,
                    f"COPY {_ALL_REJECTS} TO {literal(os.fspath(rejects_path))}"
                    " (HEADER, DELIMITER ',')",
                )
        except duckdb.Error as error:
            raise database_error(error, store.path) from error
        finally:
            _cleanup(con)
        skipped = tuple(
            DatasetWarning(
                file=name, message="not a dataset file (name matches no entity): skipped"
            )
            for name in dataset.skipped
        )
    return ImportResult(
        dataset=os.fspath(path), recorded_at=moment, files=tuple(results), warnings=skipped
    )


def write_table(
    store: Store,
    entity: str,
    table: pa.Table,
    *,
    recorded_at: dt.datetime | None = None,
    source: str | None = "api",
) -> WriteCounts:
    """Validate an Arrow table of ``entity`` columns like an imported file, then write it.

    Raises `RejectedRowsError` listing every rejected value (``file``
    is ``"<table>"`` and ``line`` the row's index) and writes nothing if any row breaks a rule.
    """
    store.require_writable()
    declared = store.domain.entity(entity)
    con = store.cursor()
    try:
        _prepare(store, con)
        staged = stage_arrow(con, declared, table)
        if staged.rejects:
            raise RejectedRowsError(staged.rejects, file=ARROW_FILE)
        check: Check = build_checked(con, declared, staged.columns)
        if build_rejects(con, declared, check, several_files=False):
            raise RejectedRowsError(_fetch_rejects(con, declared, staged), file=ARROW_FILE)
        view = valid_rows_view(con, check, with_rejects=False, source=source)
        moment = recording_moment(recorded_at)
        return store.atomic(
            lambda cur: write_versions(cur, declared, view, recorded_at=moment, source=source)
        )
    except duckdb.Error as error:
        raise database_error(error, store.path) from error
    finally:
        _cleanup(con)
