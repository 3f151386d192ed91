"""What an import or an export did: typed, immutable results."""

from __future__ import annotations

import datetime as dt

import attrs

from ipledger.errors import ValidationError

__all__ = ["DatasetWarning", "ExportResult", "ExportedFile", "FileResult", "ImportResult"]


@attrs.frozen(kw_only=True)
class DatasetWarning:
    """Something worth knowing that rejected nothing: an unknown column, an unknown right, ...

    Examples:
        >>> str(DatasetWarning(file="pledges.csv", line=3, column="rights",
        ...                    value="2023101234566", message="not in the ledger (kept)"))
        "pledges.csv:3 rights: '2023101234566': not in the ledger (kept)"
    """

    message: str
    file: str | None = None
    line: int | None = None
    column: str | None = None
    value: object = None

    def __str__(self) -> str:
        return str(
            ValidationError(
                reason=self.message,
                value=self.value,
                column=self.column,
                file=self.file,
                line=self.line,
            )
        )


@attrs.frozen(kw_only=True)
class FileResult:
    """The outcome of one file: rows read, what was written, what was rejected and why.

    ``rejects`` has one `ValidationError` per rejected value (a row may
    have several), in file order, at most ``MAX_LISTED`` of them; ``rejected_rows`` counts the
    rows and ``rejected_values`` the values (all of them). ``written`` is False when
    the file was not written at all (all-or-nothing: it had rejects and ``keep_going`` was off).
    """

    file: str
    entity: str
    rows_read: int = 0
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected_rows: int = 0
    rejected_values: int = 0
    rejects: tuple[ValidationError, ...] = ()
    warnings: tuple[DatasetWarning, ...] = ()
    written: bool = False

    @property
    def ok(self) -> bool:
        """Whether no row of the file was rejected."""
        return not self.rejects


@attrs.frozen(kw_only=True)
class ImportResult:
    """The outcome of an import: one `FileResult` per file, in import order."""

    dataset: str
    recorded_at: dt.datetime
    files: tuple[FileResult, ...] = ()
    warnings: tuple[DatasetWarning, ...] = ()

    @property
    def ok(self) -> bool:
        """Whether no row of any file was rejected."""
        return all(f.ok for f in self.files)

    @property
    def rejects(self) -> tuple[ValidationError, ...]:
        """Every rejected value of every file, in import order."""
        return tuple(r for f in self.files for r in f.rejects)

    @property
    def all_warnings(self) -> tuple[DatasetWarning, ...]:
        """The dataset's warnings, then every file's."""
        return self.warnings + tuple(w for f in self.files for w in f.warnings)

    @property
    def inserted(self) -> int:
        """Rows inserted as new records, over all files."""
        return sum(f.inserted for f in self.files)

    @property
    def updated(self) -> int:
        """Rows that corrected a record (its old version kept), over all files."""
        return sum(f.updated for f in self.files)

    @property
    def unchanged(self) -> int:
        """Rows equal to the current record (nothing written), over all files."""
        return sum(f.unchanged for f in self.files)


@attrs.frozen(kw_only=True)
class ExportedFile:
    """One file (or partitioned folder) an export wrote."""

    entity: str
    path: str
    rows: int


@attrs.frozen(kw_only=True)
class ExportResult:
    """The outcome of an export: the files written, the moment the ledger was read at, and
    whether it carries every version (``with_history``) and masked personal data."""

    folder: str
    format: str
    as_known_at: dt.datetime | None
    files: tuple[ExportedFile, ...] = ()
    with_history: bool = False
    masked: bool = False

    @property
    def rows(self) -> int:
        """Rows written over all files."""
        return sum(f.rows for f in self.files)
