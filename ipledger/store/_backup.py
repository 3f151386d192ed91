"""Backups: a consistent copy of a ledger in a new file, and putting one back in place.

A backup copies the whole database (every table, every history version, the views and macros)
in one read transaction on the ledger's own connection, so it is one state of the ledger while
other threads keep reading and writing, and readers in other processes keep reading. It is
written under a scratch name beside its destination and renamed into place when complete: a
killed backup leaves no file that looks like one (and the next backup there removes the
scratch file).
"""

from __future__ import annotations

import contextlib
import os
import uuid
from pathlib import Path

import duckdb

from ipledger._scratch import remove_stale, scratch_name
from ipledger._sql import literal, quote
from ipledger.errors import ConcurrencyError, IpledgerError
from ipledger.model import DOMAIN, Domain
from ipledger.store._errors import translated
from ipledger.store._history import check_current_versions
from ipledger.store._store import Store

__all__ = ["backup", "copy_database", "restore"]


def _scratch_for(target: Path) -> Path:
    prefix = f".{target.name}.partial-"
    remove_stale(target.parent, prefix)
    return target.parent / scratch_name(prefix)


def _wal(path: Path) -> Path:
    """The write-ahead log DuckDB keeps beside a database file."""
    return path.with_name(path.name + ".wal")


def _discard(*paths: Path) -> None:
    for leftover in paths:
        with contextlib.suppress(FileNotFoundError):
            leftover.unlink()


def _fsync(path: Path) -> None:
    with open(path, "rb") as handle:
        os.fsync(handle.fileno())


def copy_database(cursor: duckdb.DuckDBPyConnection, source: str, target: Path) -> None:
    """Copy the database attached to ``cursor`` as ``source`` into the new DuckDB file
    ``target``, in one transaction (one state of the source)."""
    alias = f"_ipl_copy_{uuid.uuid4().hex}"
    cursor.execute(f"ATTACH {literal(str(target))} AS {quote(alias)} (READ_WRITE)")
    try:
        cursor.execute("BEGIN TRANSACTION")
        try:
            cursor.execute(f"COPY FROM DATABASE {quote(source)} TO {quote(alias)}")
            cursor.execute("COMMIT")
        except BaseException:
            with contextlib.suppress(duckdb.Error):
                cursor.execute("ROLLBACK")
            raise
    finally:
        with contextlib.suppress(duckdb.Error):
            cursor.execute(f"DETACH {quote(alias)}")


def _refuse_existing(target: Path, *, overwrite: bool, option: str) -> None:
    """Refuse to replace ``target`` unless ``overwrite``; and never replace a file that is not
    a DuckDB database or that a process holds open."""
    if not target.exists():
        return
    if not overwrite:
        raise IpledgerError(f"{target}: the file exists: give a new file name, or {option}")
    if not target.is_file():
        raise IpledgerError(f"{target}: not a file: refusing to replace it")
    try:
        held = duckdb.connect(str(target))
    except duckdb.Error as error:
        text = str(error).lower()
        if "lock" in text:
            raise ConcurrencyError(
                str(target),
                "another process has this file open: it cannot be replaced now",
                cause="locked",
            ) from None
        raise IpledgerError(f"{target}: not a DuckDB database: refusing to replace it") from None
    held.close()  # a clean close leaves no write-ahead log to be replayed onto the new file


def backup(store: Store, path: str | os.PathLike[str], *, overwrite: bool = False) -> Path:
    """Write a consistent copy of the ledger of ``store`` to the file ``path``; the path
    written.

    The copy is one state of the ledger (one read transaction): other threads keep writing and
    readers keep reading meanwhile. An existing ``path`` is refused unless ``overwrite`` (and
    even then, one that is not a DuckDB file or is open in another process). The copy opens as
    a ledger of the same schema, with every history version.
    """
    target = Path(path)
    if store.path != ":memory:" and target.resolve() == Path(store.path).resolve():
        raise IpledgerError(f"{target}: that is the ledger itself: give another file")
    target.parent.mkdir(parents=True, exist_ok=True)
    _refuse_existing(target, overwrite=overwrite, option="overwrite=True (--overwrite)")
    scratch = _scratch_for(target)
    cursor = store.fresh_cursor()
    try:
        with translated(store.path):
            ((database,),) = cursor.execute("SELECT current_database()").fetchall()
            copy_database(cursor, str(database), scratch)
        _fsync(scratch)
        _discard(_wal(target))
        os.replace(scratch, target)
    except BaseException:
        _discard(scratch, _wal(scratch))
        raise
    finally:
        with contextlib.suppress(duckdb.Error):
            cursor.close()
    return target


def restore(
    source: str | os.PathLike[str],
    path: str | os.PathLike[str],
    *,
    overwrite: bool = False,
    domain: Domain = DOMAIN,
) -> Path:
    """Put the backup ``source`` in place as the ledger file ``path``; the path written.

    The backup is copied beside ``path`` under a scratch name, opened as a ledger (which
    upgrades an older one and refuses a file that is no ledger) and checked (no key with two
    current versions), then renamed into place in one step. An existing ``path`` is refused
    unless ``overwrite``; a ledger file that another process holds open is never replaced
    (`ConcurrencyError`).
    """
    origin, target = Path(source), Path(path)
    if not origin.is_file():
        raise IpledgerError(f"{origin}: no such backup file")
    if target.exists() and origin.resolve() == target.resolve():
        raise IpledgerError(f"{target}: the backup and the ledger are the same file")
    target.parent.mkdir(parents=True, exist_ok=True)
    _refuse_existing(target, overwrite=overwrite, option="--overwrite")
    scratch = _scratch_for(target)
    try:
        con = duckdb.connect(":memory:")
        try:
            con.execute(f"ATTACH {literal(str(origin))} AS _ipl_backup (READ_ONLY)")
            copy_database(con, "_ipl_backup", scratch)
        except duckdb.Error as error:
            first = str(error).strip().splitlines()[0]
            raise IpledgerError(f"{origin}: not a readable DuckDB file: {first}") from None
        finally:
            con.close()
        restored = Store.open(scratch, domain=domain)
        try:
            cursor = restored.cursor()
            for entity in domain.entities.values():
                check_current_versions(cursor, entity)
        finally:
            restored.close()
        _fsync(scratch)
        _replace_ledger(scratch, target)
    except BaseException:
        _discard(scratch, _wal(scratch))
        raise
    return target


def _replace_ledger(scratch: Path, target: Path) -> None:
    """Rename ``scratch`` over ``target`` while holding ``target``'s write lock (so that no
    process has it open meanwhile), its write-ahead log checkpointed away first."""
    if not target.exists():
        os.replace(scratch, target)
        return
    try:
        held = duckdb.connect(str(target))
    except duckdb.Error:
        raise ConcurrencyError(
            str(target),
            "another process has this ledger open: close it to restore",
            cause="locked",
        ) from None
    try:
        held.execute("CHECKPOINT")
        _discard(_wal(target))
        os.replace(scratch, target)
    finally:
        held.close()
