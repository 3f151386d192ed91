"""Loading the built-in national region table (GB/T 2260) into a ledger."""

from __future__ import annotations

import hashlib

import duckdb
import pyarrow as pa

from ipledger.codes import builtin_regions

__all__ = ["refresh_builtin_regions"]


def _fingerprint(table: pa.Table) -> str:
    digest = hashlib.sha256()
    for column in table.columns:
        for chunk in column.chunks:
            for buffer in chunk.buffers():
                if buffer is not None:
                    digest.update(buffer)
    return digest.hexdigest()[:16]


def refresh_builtin_regions(con: duckdb.DuckDBPyConnection) -> bool:
    """Replace ``builtin_regions`` when this ipledger ships a different table; True if replaced.

    The table is versioned by a fingerprint kept in ``meta``, so opening a ledger costs one
    look-up when nothing changed.
    """
    table = builtin_regions()
    fingerprint = _fingerprint(table)
    rows = con.execute("SELECT value FROM meta WHERE key = 'builtin_regions'").fetchall()
    if rows and rows[0][0] == fingerprint:
        return False
    con.execute("BEGIN TRANSACTION")
    try:
        con.register("_ipl_builtin_regions", table)
        con.execute("DELETE FROM builtin_regions")
        con.execute("INSERT INTO builtin_regions BY NAME SELECT * FROM _ipl_builtin_regions")
        con.execute("INSERT OR REPLACE INTO meta VALUES ('builtin_regions', ?)", [fingerprint])
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    finally:
        con.unregister("_ipl_builtin_regions")
    return True
