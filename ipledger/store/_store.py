"""The store: one DuckDB database with ipledger's schema, shared safely between threads.

Threads read in parallel, each on a cursor of its own (closed when the thread ends); writes take
turns on the file's writer lock (`writer_lock`) and run in one
transaction each; a reader that needs several statements to agree reads them in one
`Store.snapshot`. SQL that callers write (``Ledger.sql``) is vetted first: on a read-only
ledger it may only read, and runs on a sandboxed connection without file, network or extension
access and with its settings locked (`ipledger.store._sandbox`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import threading
import time
import weakref
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

import duckdb
import pyarrow as pa

from ipledger.errors import ConcurrencyError, IpledgerError
from ipledger.model import DOMAIN, Domain, Entity
from ipledger.store._builtin import refresh_builtin_regions
from ipledger.store._errors import database_error, translated
from ipledger.store._history import WriteCounts, utc_now, write_versions
from ipledger.store._migrations import apply_migrations
from ipledger.store._retry import DEFAULT_RETRY, RetryPolicy, writer_lock
from ipledger.store._sandbox import Sandbox, is_read_only_sql
from ipledger.store._views import check_tables

__all__ = ["Store", "utc_now"]

T = TypeVar("T")

_PID = re.compile(r"\(PID (\d+)\)")


def _first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


def _lock_error(path: str, error: duckdb.Error, *, read_only: bool) -> ConcurrencyError | None:
    """The `ConcurrencyError` for DuckDB's refusal to open a file another process (or
    this one, differently) holds; ``None`` for any other error."""
    text = str(error)
    lower = text.lower()
    if "could not set lock" in lower or "conflicting lock" in lower:
        found = _PID.search(text)
        pid = f" (PID {found[1]})" if found else ""
        if not read_only and "read-only mode" in lower:
            reason = f"another process is reading this ledger{pid}: it cannot be written meanwhile"
        else:
            reason = f"another process has this ledger open for writing{pid}"
        return ConcurrencyError(path, reason, cause="locked")
    if "different configuration" in lower or "unique file handle conflict" in lower:
        other = "writable" if read_only else "read-only"
        reason = f"this process already has the ledger open {other}: close it first"
        return ConcurrencyError(path, reason, cause="locked")
    return None


def _close_quietly(cursor: duckdb.DuckDBPyConnection) -> None:
    with contextlib.suppress(duckdb.Error):
        cursor.close()


class _ThreadState:
    """What the store keeps for one thread: its cursor, the layers' notes about it, how deep
    it is in a write transaction, and its snapshot (cursor and depth) if it reads one."""

    __slots__ = ("__weakref__", "cursor", "depth", "snapshot", "snapshot_depth", "state")

    def __init__(self, cursor: duckdb.DuckDBPyConnection) -> None:
        self.cursor = cursor
        self.state: dict[str, Any] = {}
        self.depth = 0
        self.snapshot: duckdb.DuckDBPyConnection | None = None
        self.snapshot_depth = 0


class Store:
    """A ledger database: a DuckDB file (or ``":memory:"``) with the schema applied.

    One ``Store`` may be shared by the threads of a service: each thread works through its own
    cursor (`cursor`, closed when the thread ends), writes take turns and are retried
    as ``retry`` says, and `snapshot` gives a thread one consistent state to read.
    Opening applies pending migrations (never on a read-only store), loads the built-in
    region table and checks that every entity of the ``domain`` has its table with every
    declared column.
    """

    def __init__(
        self,
        con: duckdb.DuckDBPyConnection,
        path: str,
        *,
        read_only: bool,
        domain: Domain = DOMAIN,
        retry: RetryPolicy = DEFAULT_RETRY,
    ) -> None:
        self._con = con
        self.path = path
        self.read_only = read_only
        self.domain = domain
        self.retry = retry
        """The `RetryPolicy` of this store's writes (may be replaced at any time)."""
        self._local = threading.local()
        self._threads: weakref.WeakSet[_ThreadState] = weakref.WeakSet()
        self._cursors_lock = threading.Lock()
        self._writer = writer_lock(path)
        self._sandbox: Sandbox | None = None
        self._closed = False

    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str] = ":memory:",
        *,
        read_only: bool = False,
        domain: Domain = DOMAIN,
        wait: float = 0.0,
        retry: RetryPolicy = DEFAULT_RETRY,
    ) -> Store:
        """Open (creating if needed) the ledger at ``path``, for the entities of ``domain``.

        When another process holds the file (a writer; or readers, to open it writable), try
        again for up to ``wait`` seconds, then raise `ConcurrencyError`
        (``cause="locked"``). Raises `SchemaVersionError` for a file of
        a newer schema, and `IpledgerError` for a file that is no
        ledger (not DuckDB, or a DuckDB database of other tables).
        """
        name = os.fspath(path)
        if read_only and name == ":memory:":
            raise IpledgerError("an in-memory ledger cannot be opened read-only")
        if read_only and not os.path.exists(name):
            raise IpledgerError(f"{name}: no such ledger file")
        if wait < 0:
            raise ValueError(f"wait must not be negative, not {wait!r}")
        con = _connect(name, read_only=read_only, wait=wait)
        try:
            with translated(name):
                apply_migrations(con, name, read_only=read_only, domain=domain)
                if not read_only:
                    refresh_builtin_regions(con)
                check_tables(con, name, domain.entities.values())
        except BaseException:
            con.close()
            raise
        return cls(con, name, read_only=read_only, domain=domain, retry=retry)

    # -- cursors ----------------------------------------------------------------------------

    def _thread(self) -> _ThreadState:
        if self._closed:
            raise IpledgerError(f"{self.path}: the ledger is closed")
        found: _ThreadState | None = getattr(self._local, "thread", None)
        if found is None:
            with self._cursors_lock:
                cursor = self._con.cursor()
                found = _ThreadState(cursor)
                weakref.finalize(found, _close_quietly, cursor)  # when the thread ends
                self._threads.add(found)
            self._local.thread = found
        return found

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """This thread's cursor on the database: its snapshot's inside `snapshot`, else
        the thread's own (made on first use, closed when the thread ends or the store closes)."""
        thread = self._thread()
        return thread.snapshot if thread.snapshot is not None else thread.cursor

    def fresh_cursor(self) -> duckdb.DuckDBPyConnection:
        """A new cursor of the caller's own (its own transactions and temporary objects), to
        be closed by the caller."""
        self._thread()
        with self._cursors_lock:
            return self._con.cursor()

    @property
    def open_cursors(self) -> int:
        """How many threads hold a cursor now (threads that ended have released theirs)."""
        return len(self._threads)

    def cursor_state(self) -> dict[str, Any]:
        """What the layers above keep about this thread's cursor (the temporary macros and
        tables they made on it), so that they make them once, not on every write."""
        return self._thread().state

    # -- writing ----------------------------------------------------------------------------

    @property
    def in_transaction(self) -> bool:
        """Whether this thread is inside `transaction`."""
        return bool(getattr(self._local, "thread", None) and self._local.thread.depth)

    def require_writable(self) -> None:
        """Raise `ConcurrencyError` if the store was opened read-only,
        or if this thread is reading a `snapshot` (which cannot write)."""
        if self.read_only:
            raise ConcurrencyError(self.path, "the ledger was opened read-only", cause="read_only")
        thread = self._thread()
        if thread.snapshot is not None:
            raise ConcurrencyError(
                self.path, "cannot write inside a snapshot (it only reads)", cause="read_only"
            )

    @contextlib.contextmanager
    def _turn(self) -> Iterator[None]:
        """Hold the file's writer lock (waiting up to ``retry.lock_wait`` seconds for it)."""
        if not self._writer.acquire(timeout=self.retry.lock_wait):
            raise ConcurrencyError(
                self.path,
                f"another thread kept writing for more than {self.retry.lock_wait:g} s:"
                " gave up waiting for the writer lock",
                cause="busy",
            )
        try:
            yield
        finally:
            self._writer.release()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """All-or-nothing: everything written on this thread inside the block, or nothing.

        The block holds the file's writer lock (other threads' writes wait for it; reads do
        not). Nested blocks join the outermost one. A conflict with a writer outside ipledger
        raises `ConcurrencyError` and leaves nothing written.
        """
        self.require_writable()
        thread = self._thread()
        cur = thread.cursor
        if thread.depth:
            thread.depth += 1
            try:
                yield cur
            finally:
                thread.depth -= 1
            return
        with self._turn():
            with translated(self.path):
                cur.execute("BEGIN TRANSACTION")
            thread.depth = 1
            try:
                yield cur
            except BaseException as error:
                thread.depth = 0
                with contextlib.suppress(duckdb.Error):
                    cur.execute("ROLLBACK")
                if isinstance(error, duckdb.Error):
                    raise database_error(error, self.path) from error
                raise
            thread.depth = 0
            try:
                cur.execute("COMMIT")
            except duckdb.Error as error:
                with contextlib.suppress(duckdb.Error):
                    cur.execute("ROLLBACK")
                raise database_error(error, self.path) from error

    def atomic(self, work: Callable[[duckdb.DuckDBPyConnection], T]) -> T:
        """Run ``work(cursor)`` in one `transaction`; a write conflict runs it again as
        `retry` says (not inside an outer transaction: that block is the unit to rerun)."""
        delays = () if self.in_transaction else self.retry.delays()
        for delay in (*delays, None):
            try:
                with self.transaction() as cur:
                    return work(cur)
            except ConcurrencyError as error:
                if error.cause != "conflict" or delay is None:
                    raise
            time.sleep(delay)
        raise AssertionError("unreachable")  # pragma: no cover

    def write(
        self,
        entity: Entity,
        rows: pa.Table | str,
        *,
        recorded_at: dt.datetime | None = None,
        source: str | None = None,
    ) -> WriteCounts:
        """Write ``rows`` of ``entity`` as new versions (see `write_versions`), atomically."""
        moment = recorded_at or utc_now()
        return self.atomic(
            lambda cur: write_versions(cur, entity, rows, recorded_at=moment, source=source)
        )

    # -- reading ----------------------------------------------------------------------------

    @contextlib.contextmanager
    def snapshot(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """One consistent state: every read on this thread inside the block (queries,
        indicators, reports, checks) sees the ledger as it was when the block began, whatever
        other threads write meanwhile. Nested blocks join the outermost one; inside a
        `transaction` the block reads the transaction's state. Nothing can be written
        inside it. Streamed results (``to_arrow_batches``) are to be read inside the block."""
        thread = self._thread()
        if thread.depth:
            yield thread.cursor
            return
        if thread.snapshot is not None:
            thread.snapshot_depth += 1
            try:
                yield thread.snapshot
            finally:
                thread.snapshot_depth -= 1
            return
        cur = self.fresh_cursor()
        try:
            with translated(self.path):
                cur.execute("BEGIN TRANSACTION")
            thread.snapshot, thread.snapshot_depth = cur, 1
            try:
                yield cur
            finally:
                thread.snapshot, thread.snapshot_depth = None, 0
                with contextlib.suppress(duckdb.Error):
                    cur.execute("ROLLBACK")
        finally:
            _close_quietly(cur)

    def sql(self, query: str, params: Sequence[Any] | dict[str, Any] | None = None) -> pa.Table:
        """Run ipledger's own query on this thread's cursor; the result as an Arrow table.

        DuckDB's errors are raised as ipledger's (`QueryError` for a
        query it refuses). SQL a caller wrote goes through `run_sql`."""
        cursor = self.cursor()
        with translated(self.path):
            table: pa.Table = cursor.sql(query, params=params).to_arrow_table()
        return table

    def run_sql(self, query: str, params: Sequence[Any] | dict[str, Any] | None = None) -> pa.Table:
        """Run SQL a caller wrote (``Ledger.sql``); the result as an Arrow table.

        On a read-only store only reading statements (``SELECT``, ``EXPLAIN``) run, on a
        sandboxed connection: no file, network or extension access, no setting changed
        (`ConcurrencyError` for any other statement,
        `QueryError` for a refused read). On a writable store a
        statement that writes takes the writer lock like any write.
        """
        reads = is_read_only_sql(self.cursor(), query, self.path)
        if self.read_only:
            if not reads:
                raise ConcurrencyError(
                    self.path,
                    "the ledger was opened read-only: Ledger.sql runs only SELECT and EXPLAIN"
                    " (no writes, COPY, ATTACH, INSTALL, LOAD or SET)",
                    cause="read_only",
                )
            return self._sandboxed().run(query, params)
        if reads:
            return self.sql(query, params)
        self.require_writable()
        with self._turn():
            return self.sql(query, params)

    def _sandboxed(self) -> Sandbox:
        with self._cursors_lock:
            if self._sandbox is None:
                self._sandbox = Sandbox.open(self.path, self._con)
            return self._sandbox

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

    def close(self) -> None:
        """Close every cursor and the database; further use raises an error."""
        if self._closed:
            return
        self._closed = True
        with self._cursors_lock:
            for thread in list(self._threads):
                _close_quietly(thread.cursor)
            if self._sandbox is not None:
                self._sandbox.close()
        self._con.close()


def _connect(name: str, *, read_only: bool, wait: float) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection to ``name``, trying again for ``wait`` seconds while it is locked."""
    deadline = time.monotonic() + wait
    pause = 0.02
    while True:
        try:
            return duckdb.connect(name, read_only=read_only)
        except duckdb.Error as error:
            locked = _lock_error(name, error, read_only=read_only)
            if locked is None:
                raise IpledgerError(f"{name}: {_first_line(error)}") from error
            left = deadline - time.monotonic()
            if left <= 0:
                if wait:
                    locked.reason += f" (waited {wait:g} s)"
                raise locked from error
            time.sleep(min(pause, left))
            pause = min(pause * 2, 0.5)
