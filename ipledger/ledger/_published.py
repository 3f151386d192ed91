"""Publishing: how a service reads a ledger that the bureau keeps writing.

DuckDB lets one process write a file, and while it does, no other process may even read it.
So a service does not open the bureau's ledger: it serves a *published* copy. ``publish``
copies the ledger (one consistent snapshot, `ipledger.store.backup`) into a new,
versioned file of a publishing folder and then points the link ``current.duckdb`` at it, in one
atomic rename; `PublishedLedger` gives a service's request threads the published ledger,
read-only, and moves to a newly published one by itself, while requests still running finish on
the copy they started with. Imports, corrections and checks go on in the bureau's ledger at any
time; the service sees a state when it is published, and only whole states.

::

    publishing/
        ledger-20240501T080000123456Z-4711.duckdb   the copy published before (kept for
                                                     requests still reading it)
        ledger-20240601T080000654321Z-4802.duckdb   the current copy
        current.duckdb -> ledger-20240601T080000654321Z-4802.duckdb
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import threading
from collections.abc import Iterator
from pathlib import Path

import attrs

from ipledger._scratch import scratch_name
from ipledger.errors import IpledgerError
from ipledger.ledger._ledger import Ledger
from ipledger.model import DOMAIN, Domain
from ipledger.store import Store, backup

__all__ = ["CURRENT", "PublishedLedger", "publish", "published_versions"]

CURRENT = "current.duckdb"
"""The link, in a publishing folder, to the published copy services read."""

_VERSION_PREFIX = "ledger-"


def published_versions(folder: str | os.PathLike[str]) -> list[Path]:
    """The published copies in ``folder``, oldest first."""
    return sorted(Path(folder).glob(f"{_VERSION_PREFIX}*.duckdb"))


def publish(ledger: Ledger, folder: str | os.PathLike[str], *, keep: int = 2) -> Path:
    """Publish a consistent copy of ``ledger`` into ``folder``; the copy's path.

    The copy is written and checked (it opens read-only as a ledger) before ``current.duckdb``
    is pointed at it, in one rename: a service never sees a half-written copy, and a failed or
    killed publish leaves the published ledger as it was. Of the copies, the ``keep`` newest
    are kept (requests running on the one before finish on it); older ones are removed.
    """
    if keep < 1:
        raise ValueError(f"keep must be at least 1, not {keep!r}")
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    link = target / CURRENT
    if link.exists() and not link.is_symlink():
        raise IpledgerError(f"{link}: not a link made by ipledger publish: refusing to replace it")
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
    copy = backup(ledger.store, target / f"{_VERSION_PREFIX}{stamp}-{os.getpid()}.duckdb")
    Store.open(copy, read_only=True, domain=ledger.domain).close()
    pointer = target / scratch_name(".current.")
    os.symlink(copy.name, pointer)
    os.replace(pointer, link)
    for old in published_versions(target)[:-keep]:
        if old != copy:
            with contextlib.suppress(OSError):
                old.unlink()
    return copy


@attrs.define
class _Copy:
    """One published copy, open, and how many requests are reading it."""

    path: str
    ledger: Ledger
    readers: int = 0
    retired: bool = False


class PublishedLedger:
    """The published ledger of a publishing folder, for the threads of a read-only service.

    ``with published.ledger() as ledger:`` gives the copy ``current.duckdb`` points at, opened
    read-only and shared by every thread; a new ``publish`` is picked up by the next request
    (one ``readlink`` per request), and the copy it replaces is closed once its last request
    has finished.

    Examples:
        >>> import tempfile
        >>> folder = tempfile.mkdtemp()
        >>> with Ledger.open() as bureau:
        ...     _ = publish(bureau, folder)
        >>> service = PublishedLedger(folder)
        >>> with service.ledger() as ledger:
        ...     ledger.patents.count(), ledger.read_only
        (0, True)
        >>> service.close()
    """

    def __init__(self, folder: str | os.PathLike[str], *, domain: Domain = DOMAIN) -> None:
        self.folder = Path(folder)
        self.domain = domain
        self._lock = threading.Lock()
        self._current: _Copy | None = None
        self._closed = False

    @property
    def path(self) -> Path | None:
        """The file of the copy served now (``None`` before the first request)."""
        current = self._current
        return None if current is None else Path(current.path)

    def _published(self) -> str:
        link = self.folder / CURRENT
        if not link.exists():
            raise IpledgerError(f"{link}: nothing published yet (run `ipledger publish`)")
        return os.path.realpath(link)

    def _acquire(self) -> _Copy:
        for _ in range(3):  # a copy removed between readlink and open: read the link again
            path = self._published()
            with self._lock:
                if self._closed:
                    raise IpledgerError(f"{self.folder}: the published ledger is closed")
                current = self._current
                if current is None or current.path != path:
                    try:
                        opened = Ledger.open(path, read_only=True, domain=self.domain)
                    except IpledgerError:
                        if os.path.exists(path):
                            raise
                        continue
                    current = _Copy(path, opened)
                    self._retire(self._current)
                    self._current = current
                current.readers += 1
                return current
        raise IpledgerError(f"{self.folder}: the published copy keeps changing; try again")

    def _retire(self, copy: _Copy | None) -> None:
        if copy is not None:
            copy.retired = True
            if not copy.readers:
                copy.ledger.close()

    def _release(self, copy: _Copy) -> None:
        with self._lock:
            copy.readers -= 1
            if copy.retired and not copy.readers:
                copy.ledger.close()

    @contextlib.contextmanager
    def ledger(self) -> Iterator[Ledger]:
        """The published ledger, read-only, for the duration of the block (one request)."""
        copy = self._acquire()
        try:
            yield copy.ledger
        finally:
            self._release(copy)

    def close(self) -> None:
        """Close the copy served now (requests still running finish first)."""
        with self._lock:
            self._closed = True
            current, self._current = self._current, None
        if current is not None:
            with self._lock:
                self._retire(current)
