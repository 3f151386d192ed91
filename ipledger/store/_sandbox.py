"""SQL a caller wrote, on a read-only ledger: only reads, on a connection that can reach nothing
but the ledger.

DuckDB's file, network and extension switches are set per database instance, not per
connection, and once off they cannot be turned on again: turning them off on the ledger's own
connection would also stop ipledger's exports and backups. So a read-only store keeps a second,
in-memory DuckDB instance, the *sandbox*, that attaches the ledger file read-only, then turns off
external access (files, ``glob``, ``read_text``, ``COPY ... TO``, ``ATTACH``, http), extension
installs and loads, and locks its configuration (no ``SET``, no ``PRAGMA`` that changes a
setting). Every caller statement runs on a fresh cursor of it.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Sequence
from typing import Any

import duckdb
import pyarrow as pa

from ipledger._sql import literal, quote
from ipledger.store._errors import translated

__all__ = ["READING_STATEMENTS", "Sandbox", "is_read_only_sql"]

READING_STATEMENTS = frozenset({duckdb.StatementType.SELECT, duckdb.StatementType.EXPLAIN})
"""The statement kinds that only read (``SELECT``, also ``FROM t``, ``DESCRIBE``, ``SHOW``,
``SUMMARIZE``, ``VALUES``; and ``EXPLAIN``)."""

_RESERVED_CATALOGS = frozenset({"memory", "system", "temp", "main"})


def is_read_only_sql(cursor: duckdb.DuckDBPyConnection, query: str, path: str) -> bool:
    """Whether every statement of ``query`` only reads (a `READING_STATEMENTS` kind);
    SQL that does not parse raises `QueryError`."""
    with translated(path):
        statements = cursor.extract_statements(query)
    return all(s.type in READING_STATEMENTS for s in statements)


class Sandbox:
    """An in-memory DuckDB instance holding the ledger file attached read-only, with external
    access off and its configuration locked."""

    def __init__(self, con: duckdb.DuckDBPyConnection, catalog: str, path: str) -> None:
        self._con = con
        self.catalog = catalog
        self.path = path
        self._lock = threading.Lock()  # cursors are made one at a time

    @classmethod
    def open(cls, path: str, ledger: duckdb.DuckDBPyConnection) -> Sandbox:
        """Attach the ledger file at ``path`` under the catalog name the ledger's own
        connection uses (so that SQL naming it works alike), with its memory and thread
        settings."""
        cur = ledger.cursor()
        try:
            (name, memory, threads) = cur.execute(
                "SELECT current_database(), current_setting('memory_limit'),"
                " current_setting('threads')"
            ).fetchall()[0]
        finally:
            cur.close()
        catalog = str(name) if str(name) not in _RESERVED_CATALOGS else "ledger"
        con = duckdb.connect(
            ":memory:",
            config={"autoinstall_known_extensions": False, "autoload_known_extensions": False},
        )
        try:
            with translated(path):
                con.execute(f"ATTACH {literal(path)} AS {quote(catalog)} (READ_ONLY)")
                con.execute(f"USE {quote(catalog)}")
                con.execute(f"SET memory_limit = {literal(str(memory))}")
                con.execute(f"SET threads = {int(threads)}")
                con.execute("SET enable_external_access = false")
                con.execute("SET allow_community_extensions = false")
                con.execute("SET lock_configuration = true")
        except BaseException:
            con.close()
            raise
        return cls(con, catalog, path)

    def run(self, query: str, params: Sequence[Any] | dict[str, Any] | None) -> pa.Table:
        """Run a reading query on a fresh cursor; its result as an Arrow table."""
        with self._lock:
            cursor = self._con.cursor()
        try:
            with translated(self.path):
                cursor.execute(f"USE {quote(self.catalog)}")
                table: pa.Table = cursor.sql(query, params=params).to_arrow_table()
            return table
        finally:
            cursor.close()

    def close(self) -> None:
        """Close the sandbox (and with it its hold on the file)."""
        with contextlib.suppress(duckdb.Error):
            self._con.close()
