"""How a write meets contention: the writer lock of a ledger file, and the retry policy."""

from __future__ import annotations

import os
import threading

import attrs

__all__ = ["DEFAULT_RETRY", "RetryPolicy", "writer_lock"]


def _positive(_instance: object, attribute: attrs.Attribute[float], value: float) -> None:
    if value < 0:
        raise ValueError(f"{attribute.name} must not be negative, not {value!r}")


@attrs.frozen(kw_only=True)
class RetryPolicy:
    """What a write does when it meets another writer.

    Writes of one process to one ledger file take turns (a writer lock per file, shared by
    every `Ledger` of the process on that file): a write waits up to
    ``lock_wait`` seconds for its turn, then raises
    `ConcurrencyError`. A write that DuckDB still refuses as a
    conflict (a write made outside ipledger, on a cursor of its own) is tried ``attempts``
    times in all, ``backoff`` seconds after the first failure and twice as long after each
    next one; a write inside ``Ledger.transaction()`` is not retried (the caller's block is
    the unit to run again).

    Examples:
        >>> RetryPolicy(attempts=5, backoff=0.1).delays()
        (0.1, 0.2, 0.4, 0.8)
    """

    attempts: int = attrs.field(default=3, validator=attrs.validators.ge(1))
    backoff: float = attrs.field(default=0.05, validator=_positive)
    lock_wait: float = attrs.field(default=60.0, validator=_positive)

    def delays(self) -> tuple[float, ...]:
        """The waits before the second, third, ... attempt, in seconds."""
        return tuple(self.backoff * 2**n for n in range(self.attempts - 1))


DEFAULT_RETRY = RetryPolicy()
"""Three attempts, 50 ms then 100 ms apart; a minute's wait for the writer lock."""

_LOCKS: dict[str, threading.RLock] = {}
_LOCKS_GUARD = threading.Lock()


def writer_lock(path: str) -> threading.RLock:
    """The writer lock of the ledger file at ``path`` in this process (one per real path: two
    ``Ledger`` objects of one file share DuckDB's database, so they share the lock). An
    in-memory ledger gets a lock of its own."""
    if path == ":memory:":
        return threading.RLock()
    key = os.path.realpath(path)
    with _LOCKS_GUARD:
        lock = _LOCKS.get(key)
        if lock is None:
            lock = _LOCKS[key] = threading.RLock()
        return lock
