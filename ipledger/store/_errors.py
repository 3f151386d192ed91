"""The one boundary where DuckDB's errors become ipledger's: no raw ``duckdb`` exception
reaches a user."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import duckdb

from ipledger.errors import ConcurrencyError, IpledgerError, QueryError

__all__ = ["database_error", "translated"]

_REFUSED = (
    duckdb.BinderException,
    duckdb.ConversionException,
    duckdb.InvalidInputException,
    duckdb.ParserException,
    duckdb.CatalogException,
    duckdb.ConstraintException,
    duckdb.OutOfRangeException,
    duckdb.TypeMismatchException,
    duckdb.NotImplementedException,
    duckdb.PermissionException,
)


def database_error(error: duckdb.Error, path: str) -> IpledgerError:
    """The ipledger error for a DuckDB error: a write conflict is a
    `ConcurrencyError`, a refused query a
    `QueryError`, anything else an `IpledgerError`
    (each with DuckDB's first line)."""
    first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    if isinstance(error, duckdb.TransactionException) and "conflict" in first.lower():
        return ConcurrencyError(
            path, f"write conflict with another writer, nothing written: {first}", cause="conflict"
        )
    if isinstance(error, _REFUSED):
        return QueryError(first)
    return IpledgerError(f"{path}: {first}")


@contextlib.contextmanager
def translated(path: str) -> Iterator[None]:
    """Run a block, raising DuckDB's errors as ipledger's (`database_error`)."""
    try:
        yield
    except duckdb.Error as error:
        raise database_error(error, path) from error
