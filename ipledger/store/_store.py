"""The store: one DuckDB database with ipledger's schema, shared safely between threads."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import threading
from collections.abc import Iterator, Sequence
from typing import Any

import duckdb
import pyarrow as pa

from ipledger.errors import ConcurrencyError, IpledgerError
from ipledger.model import DOMAIN, Domain, Entity
from ipledger.store._builtin import refresh_builtin_regions
from ipledger.store._errors import database_error, translated
from ipledger.store._history import WriteCounts, write_versions
from ipledger.store._migrations import apply_migrations
from ipledger.store._views import check_tables

__all__ = ["Store", "utc_now"]


def utc_now() -> dt.datetime:
    """The current time as the store records it: UTC, without a tzinfo."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _lock_error(path: str, error: duckdb.Error) -> ConcurrencyError | None:
    text = str(error)
    if "lock" in text.lower() and (
        "conflicting" in text.lower() or "could not set" in text.lower()
    ):
        return ConcurrencyError(path, "another process has this ledger open for writing")
    return None


class Store:
    """A ledger database: a DuckDB file (or ``":memory:"``) with the schema applied.

    Each thread works through its own cursor (`cursor`), so one ``Store`` may be shared
    by the threads of a service. Opening applies pending migrations (never on a read-only
    store), loads the built-in region table and checks that every entity of the ``domain``
    has its table with every declared column.
    """

    def __init__(
        self,
        con: duckdb.DuckDBPyConnection,
        path: str,
        *,
        read_only: bool,
        domain: Domain = DOMAIN,
    ) -> None:
        self._con = con
        self.path = path
        self.read_only = read_only
        self.domain = domain
        self._local = threading.local()
        self._cursors: list[duckdb.DuckDBPyConnection] = []
        self._cursors_lock = threading.Lock()
        self._closed = False

    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str] = ":memory:",
        *,
        read_only: bool = False,
        domain: Domain = DOMAIN,
    ) -> Store:
        """Open (creating if needed) the ledger at ``path``, for the entities of ``domain``.

        Raises `SchemaVersionError` for a file of a newer schema, and
        `ConcurrencyError` when another process holds its write lock.
        """
        name = os.fspath(path)
        if read_only and name == ":memory:":
            raise IpledgerError("an in-memory ledger cannot be opened read-only")
        if read_only and not os.path.exists(name):
            raise IpledgerError(f"{name}: no such ledger file")
        try:
            con = duckdb.connect(name, read_only=read_only)
        except duckdb.Error as error:
            raise (_lock_error(name, error) or IpledgerError(f"{name}: {error}")) from error
        try:
            with translated(name):
                apply_migrations(con, name, read_only=read_only, domain=domain)
                if not read_only:
                    refresh_builtin_regions(con)
                check_tables(con, name, domain.entities.values())
        except BaseException:
            con.close()
            raise
        return cls(con, name, read_only=read_only, domain=domain)

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """This thread's cursor on the database (made on first use, closed with the store)."""
        if self._closed:
            raise IpledgerError(f"{self.path}: the ledger is closed")
        cur: duckdb.DuckDBPyConnection | None = getattr(self._local, "cursor", None)
        if cur is None:
            cur = self._con.cursor()
            self._local.cursor = cur
            self._local.state = {}
            with self._cursors_lock:
                self._cursors.append(cur)
        return cur

    def cursor_state(self) -> dict[str, Any]:
        """What the layers above keep about this thread's cursor (the temporary macros and
        tables they made on it), so that they make them once, not on every write."""
        self.cursor()
        state: dict[str, Any] = self._local.state
        return state

    @property
    def in_transaction(self) -> bool:
        """Whether this thread is inside `transaction`."""
        return bool(getattr(self._local, "depth", 0))

    @contextlib.contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """All-or-nothing: everything written on this thread inside the block, or nothing.

        Nested blocks join the outermost one. A conflict with a concurrent writer raises
        `ConcurrencyError` and leaves nothing written.
        """
        self.require_writable()
        cur = self.cursor()
        depth = getattr(self._local, "depth", 0)
        if depth:
            self._local.depth = depth + 1
            try:
                yield cur
            finally:
                self._local.depth = depth
            return
        with translated(self.path):
            cur.execute("BEGIN TRANSACTION")
        self._local.depth = 1
        try:
            yield cur
        except BaseException as error:
            self._local.depth = 0
            with contextlib.suppress(duckdb.Error):
                cur.execute("ROLLBACK")
            if isinstance(error, duckdb.Error):
                raise database_error(error, self.path) from error
            raise
        self._local.depth = 0
        try:
            cur.execute("COMMIT")
        except duckdb.Error as error:
            with contextlib.suppress(duckdb.Error):
                cur.execute("ROLLBACK")
            raise database_error(error, self.path) from error

    def require_writable(self) -> None:
        """Raise `ConcurrencyError` if the store was opened read-only."""
        if self.read_only:
            raise ConcurrencyError(self.path, "the ledger was opened read-only")

    def sql(self, query: str, params: Sequence[Any] | dict[str, Any] | None = None) -> pa.Table:
        """Run a query on this thread's cursor and return the result as an Arrow table.

        DuckDB's errors are raised as ipledger's (`QueryError` for a
        query it refuses)."""
        cursor = self.cursor()
        with translated(self.path):
            table: pa.Table = cursor.sql(query, params=params).to_arrow_table()
        return table

    def reader(
        self, query: str, params: Sequence[Any] | None, batch_size: int
    ) -> pa.RecordBatchReader:
        """Stream a query's result as Arrow record batches (errors as in `sql`)."""
        cursor = self.cursor()
        with translated(self.path):
            reader: pa.RecordBatchReader = cursor.sql(query, params=params).to_arrow_reader(
                batch_size
            )
        return reader

    def write(
        self,
        entity: Entity,
        rows: pa.Table | str,
        *,
        recorded_at: dt.datetime | None = None,
        source: str | None = None,
    ) -> WriteCounts:
        """Write ``rows`` of ``entity`` as new versions (see `write_versions`), atomically."""
        with self.transaction() as cur:
            return write_versions(
                cur, entity, rows, recorded_at=recorded_at or utc_now(), source=source
            )

    def close(self) -> None:
        """Close every cursor and the database; further use raises an error."""
        if self._closed:
            return
        self._closed = True
        with self._cursors_lock:
            for cur in self._cursors:
                with contextlib.suppress(duckdb.Error):
                    cur.close()
            self._cursors.clear()
        self._con.close()
