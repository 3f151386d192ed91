"""Every error ipledger raises, in one tree.

    IpledgerError                       base of everything ipledger raises
    ├── ValidationError (ValueError)    a value or row that breaks a rule; carries where and why
    │   └── RejectedRowsError           a file had rejected rows; carries them all
    ├── NotFoundError (LookupError)     a key that is not in the ledger
    ├── SchemaVersionError              a file from a newer ipledger (or old and read-only)
    ├── ConcurrencyError                locked by another process, a write conflict, or read-only
    ├── QueryError (ValueError)         a query the database refused: bad SQL, a value of the
    │                                   wrong type for its column
    ├── IllegalTransitionError (ValueError)  an event the subject's workflow does not allow now
    └── UnknownIndicatorError (LookupError)  an indicator id not in the catalog

Messages are built in ``__str__`` from the fields, so callers can read the fields and show
their own messages. Every error pickles with its fields (services hand them between processes).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

__all__ = [
    "ConcurrencyError",
    "IllegalTransitionError",
    "IpledgerError",
    "NotFoundError",
    "QueryError",
    "RejectedRowsError",
    "SchemaVersionError",
    "UnknownIndicatorError",
    "ValidationError",
]


class IpledgerError(Exception):
    """Base class of every error ipledger raises."""

    def __reduce__(self) -> tuple[Any, ...]:
        # rebuilt from its fields (the constructors take keywords), so that it pickles
        return (_rebuild, (type(self), self.args, dict(vars(self))))


def _rebuild(
    kind: type[IpledgerError], args: tuple[Any, ...], state: dict[str, Any]
) -> IpledgerError:
    error = kind.__new__(kind)
    Exception.__init__(error, *args)
    error.__dict__.update(state)
    return error


class ValidationError(IpledgerError, ValueError):
    """A value (or a row) that breaks a rule of the exchange format or the model.

    ``file``, ``line`` and ``column`` say where, when known (line 1 is a file's header row);
    ``value`` is the offending text; ``reason`` says what is wrong with it.

    Examples:
        >>> str(ValidationError(value="2023101234567", reason="check character should be 6",
        ...                     column="application_no"))
        "application_no: '2023101234567': check character should be 6"
    """

    def __init__(
        self,
        *,
        reason: str,
        value: object = None,
        column: str | None = None,
        file: str | None = None,
        line: int | None = None,
    ) -> None:
        super().__init__(reason)
        self.reason = reason
        self.value = value
        self.column = column
        self.file = file
        self.line = line

    def __str__(self) -> str:
        where = ""
        if self.file is not None:
            where = self.file if self.line is None else f"{self.file}:{self.line}"
        if self.column is not None:
            where = f"{where} {self.column}" if where else self.column
        what = "" if self.value is None else f"{self.value!r}: "
        return f"{where}: {what}{self.reason}" if where else f"{what}{self.reason}"


class RejectedRowsError(ValidationError):
    """A file (or batch) in which some rows were rejected; nothing of it was written.

    ``rejects`` holds one `ValidationError` per rejected value, in file order.
    """

    def __init__(self, rejects: Sequence[ValidationError], *, file: str | None = None) -> None:
        self.rejects = tuple(rejects)
        super().__init__(reason=f"{len(self.rejects)} rejected row value(s)", file=file)

    def __str__(self) -> str:
        head = f"{self.file}: " if self.file else ""
        lines = [f"{head}{len(self.rejects)} rejected value(s), nothing written"]
        lines += [f"  {r}" for r in self.rejects[:20]]
        if len(self.rejects) > 20:
            lines.append(f"  ... and {len(self.rejects) - 20} more")
        return "\n".join(lines)


class NotFoundError(IpledgerError, LookupError):
    """A record looked up by its key is not in the ledger (or not as known at that moment)."""

    def __init__(self, entity: str, key: object) -> None:
        super().__init__(entity, key)
        self.entity = entity
        self.key = key

    def __str__(self) -> str:
        return f"no {self.entity} with key {self.key!r}"


class SchemaVersionError(IpledgerError):
    """The ledger file's schema version does not fit: written by a newer ipledger, or an older
    file opened read-only (which cannot be upgraded)."""

    def __init__(self, path: str, file_version: int, library_version: int) -> None:
        super().__init__(path, file_version, library_version)
        self.path = path
        self.file_version = file_version
        self.library_version = library_version

    def __str__(self) -> str:
        if self.file_version < self.library_version:
            return (
                f"{self.path} has schema version {self.file_version} and this ipledger writes "
                f"version {self.library_version}: open it once without read_only to upgrade it"
            )
        return (
            f"{self.path} has schema version {self.file_version}, but this ipledger only knows "
            f"versions up to {self.library_version}: upgrade ipledger to open it"
        )


class ConcurrencyError(IpledgerError):
    """The ledger cannot be used this way now. ``cause`` says why:

    ``"locked"``
        another process holds the file (a writer; or readers, when opening to write);
    ``"busy"``
        another thread of this process kept the writer lock longer than the wait allowed;
    ``"conflict"``
        DuckDB refused a write as conflicting with a concurrent one (nothing was written; the
        write may be run again);
    ``"read_only"``
        the ledger was opened read-only, or the operation may not write (a snapshot).
    """

    def __init__(self, path: str, reason: str, *, cause: str = "conflict") -> None:
        super().__init__(path, reason)
        self.path = path
        self.reason = reason
        self.cause = cause

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


class QueryError(IpledgerError, ValueError):
    """A query or statement the database refused: SQL that does not bind or parse, or a value
    that does not fit its column's type. ``reason`` is the database's first line."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason

    def __str__(self) -> str:
        return self.reason


class IllegalTransitionError(IpledgerError, ValueError):
    """An event that the workflow of its subject does not allow in the subject's state (closing a
    case that was never decided, deciding a closed case, a third extension): nothing was written.

    ``subject`` names the case (or pledge), ``event`` the kind refused, ``state`` the state it
    was in on the event's day, ``allowed`` the events that state allows, ``reason`` why.

    Examples:
        >>> e = IllegalTransitionError(subject="case A1", event="closed", state="investigating",
        ...                            allowed=("decided",), reason="decide it first")
        >>> print(e)
        case A1: cannot record closed while investigating (decide it first); allowed: decided
    """

    def __init__(
        self, *, subject: str, event: str, state: str, allowed: Sequence[str], reason: str
    ) -> None:
        super().__init__(subject, event, state)
        self.subject = subject
        self.event = event
        self.state = state
        self.allowed = tuple(allowed)
        self.reason = reason

    def __str__(self) -> str:
        allowed = ", ".join(self.allowed) or "nothing"
        return (
            f"{self.subject}: cannot record {self.event} while {self.state} ({self.reason});"
            f" allowed: {allowed}"
        )


class UnknownIndicatorError(IpledgerError, LookupError):
    """An indicator id that is not in the catalog (docs/indicators.md)."""

    def __init__(self, indicator: str) -> None:
        super().__init__(indicator)
        self.indicator = indicator

    def __str__(self) -> str:
        return f"unknown indicator {self.indicator!r}: `ipledger indicators` lists them"
