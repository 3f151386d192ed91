"""One Ledger shared by threads, and ledgers shared by processes: writes take turns (at most one
current version per key), conflicts are ConcurrencyErrors retried as the policy says, a reader
sees one state, thread cursors go with their threads, and a file another process holds is a
clear ConcurrencyError at once or after a wait."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import threading
import time
from decimal import Decimal

import pytest

from ipledger import ConcurrencyError, Ledger, Pledge
from ipledger.store import RetryPolicy, check_current_versions

DAY = dt.date(2023, 3, 1)


def pledges(n, amount, tag=""):
    return [
        Pledge(
            pledge_id=f"P{k:03d}",
            registered_date=DAY,
            amount=Decimal(amount),
            rights=("2023101234566",),
            pledgor_name=f"出质人{tag}",
        )
        for k in range(n)
    ]


def current_versions_per_key(ledger):
    return (
        ledger.sql(
            "SELECT max(n) AS most FROM (SELECT count(*) AS n FROM pledges"
            " WHERE superseded_at IS NULL GROUP BY pledge_id)"
        )
        .column(0)[0]
        .as_py()
    )


def test_two_threads_upserting_the_same_keys_leave_one_current_version_each(ledger):
    """The issue's probe: two threads upsert the same 30 pledges for a while; every key keeps
    exactly one current version, pledge_count says 30, and no raw DuckDB error escapes."""
    errors = []
    stop = time.monotonic() + 3

    def writer(tag):
        n = 0
        while time.monotonic() < stop:
            n += 1
            try:
                ledger.pledges.upsert(pledges(30, 1000 + n, f"{tag}{n}"))
            except ConcurrencyError:
                pass
            except Exception as error:  # pragma: no cover - the test fails with it
                errors.append(error)

    threads = [threading.Thread(target=writer, args=(t,)) for t in "ab"]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert ledger.pledges.count() == 30
    assert current_versions_per_key(ledger) == 1
    check_current_versions(ledger.store.cursor(), ledger.domain.entity("pledges"))
    history = ledger.pledges.history("P000")
    assert history.num_rows > 2  # both threads wrote, in turn


def test_two_ledgers_of_one_file_share_the_writer_lock(ledger_path):
    """Two Ledger objects on one file in one process share DuckDB's database, so they share
    the writer lock too: writes of both keep one current version per key."""
    with Ledger.open(ledger_path) as one, Ledger.open(ledger_path) as two:
        stop = time.monotonic() + 2

        def writer(ledger, tag):
            n = 0
            while time.monotonic() < stop:
                n += 1
                ledger.pledges.upsert(pledges(10, 500 + n, f"{tag}{n}"))

        threads = [
            threading.Thread(target=writer, args=(one, "a")),
            threading.Thread(target=writer, args=(two, "b")),
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert current_versions_per_key(one) == 1
        assert one.pledges.count() == 10


def test_a_writer_waits_for_the_lock_then_gives_up_with_a_concurrency_error(ledger):
    """A write waits for another thread's transaction up to lock_wait, then raises
    ConcurrencyError (cause "busy") and writes nothing."""
    ledger.retry = RetryPolicy(lock_wait=0.2)
    held, release = threading.Event(), threading.Event()

    def holder():
        with ledger.transaction():
            ledger.pledges.upsert(pledges(1, 100))
            held.set()
            release.wait(10)

    thread = threading.Thread(target=holder)
    thread.start()
    held.wait(10)
    started = time.monotonic()
    with pytest.raises(ConcurrencyError) as caught:
        ledger.pledges.upsert(pledges(2, 200))
    assert caught.value.cause == "busy"
    assert 0.15 < time.monotonic() - started < 5
    release.set()
    thread.join()
    assert ledger.pledges.count() == 1  # only the holder's write


def test_a_conflict_is_retried_as_the_policy_says(ledger):
    """atomic() runs the work again after a conflict, waiting the policy's delays; a conflict
    on every attempt is raised as ConcurrencyError."""
    ledger.retry = RetryPolicy(attempts=3, backoff=0.01)
    calls = []

    def flaky(cur):
        calls.append(time.monotonic())
        if len(calls) < 3:
            raise ConcurrencyError(ledger.store.path, "simulated conflict", cause="conflict")
        return "done"

    assert ledger.store.atomic(flaky) == "done"
    assert len(calls) == 3
    calls.clear()

    def always(cur):
        calls.append(1)
        raise ConcurrencyError(ledger.store.path, "simulated conflict", cause="conflict")

    with pytest.raises(ConcurrencyError):
        ledger.store.atomic(always)
    assert len(calls) == 3
    assert RetryPolicy(attempts=4, backoff=0.5).delays() == (0.5, 1.0, 2.0)
    with pytest.raises(ValueError, match="attempts"):
        RetryPolicy(attempts=0)


def test_a_conflict_from_a_write_outside_ipledger_is_a_concurrency_error(ledger):
    """A write made on a raw cursor of its own (bypassing the writer lock) that conflicts with
    an ipledger write is DuckDB's "Conflict": it reaches the caller as ConcurrencyError, never
    as a DuckDB exception, and nothing of the losing write is kept."""
    ledger.pledges.upsert(pledges(1, 100))
    raw = ledger.store.fresh_cursor()
    raw.execute("BEGIN TRANSACTION")
    raw.execute("UPDATE pledges SET superseded_at = now() WHERE superseded_at IS NULL")
    ledger.retry = RetryPolicy(attempts=1)
    with pytest.raises(ConcurrencyError) as caught:
        ledger.pledges.upsert(pledges(1, 200))
    assert caught.value.cause == "conflict"
    raw.execute("ROLLBACK")
    raw.close()
    assert ledger.pledges.get("P000").amount == Decimal("100.00")
    assert current_versions_per_key(ledger) == 1


def test_a_snapshot_reads_one_state_while_another_thread_writes(ledger):
    """Inside snapshot() every read sees the state of its start; outside, the next read sees
    the write."""
    ledger.pledges.upsert(pledges(5, 100))
    inside, wrote = threading.Event(), threading.Event()
    seen = {}

    def reader():
        with ledger.snapshot():
            seen["before"] = ledger.pledges.count()
            inside.set()
            wrote.wait(10)
            seen["after_in_snapshot"] = ledger.pledges.count()
            seen["sql"] = ledger.sql("SELECT count(*) FROM pledges_current").column(0)[0].as_py()
        seen["after"] = ledger.pledges.count()

    thread = threading.Thread(target=reader)
    thread.start()
    inside.wait(10)
    ledger.pledges.upsert(pledges(8, 100))
    wrote.set()
    thread.join()
    assert seen == {"before": 5, "after_in_snapshot": 5, "sql": 5, "after": 8}


def test_nothing_is_written_inside_a_snapshot(ledger):
    """A snapshot only reads: a write in it is refused."""
    with ledger.snapshot(), pytest.raises(ConcurrencyError, match="snapshot"):
        ledger.pledges.upsert(pledges(1, 100))
    assert ledger.pledges.count() == 0


def test_thread_cursors_are_released_when_their_threads_end(ledger):
    """3,000 short-lived threads each read once: the ledger does not keep their cursors."""
    for _ in range(3000):
        thread = threading.Thread(target=ledger.pledges.count)
        thread.start()
        thread.join()
    assert ledger.store.open_cursors <= 2


HOLD = """
import sys, time
from ipledger import Ledger
ledger = Ledger.open(sys.argv[1], read_only=sys.argv[2] == "ro")
print("holding", flush=True)
time.sleep(float(sys.argv[3]))
ledger.close()
"""


def _stop(process):
    process.kill()
    process.wait()
    process.stdout.close()


def _hold(path, mode, seconds):
    process = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(path), mode, str(seconds)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout.readline().strip() == "holding"
    return process


def test_a_file_held_by_another_process_is_a_concurrency_error(ledger_path):
    """Another process writing: opening (read-only or not) fails at once with a clear
    ConcurrencyError naming its PID; readers elsewhere: opening to write fails the same way."""
    Ledger.open(ledger_path).close()
    writer = _hold(ledger_path, "rw", 30)
    try:
        for read_only in (True, False):
            started = time.monotonic()
            with pytest.raises(ConcurrencyError) as caught:
                Ledger.open(ledger_path, read_only=read_only)
            assert time.monotonic() - started < 5
            assert caught.value.cause == "locked"
            assert f"PID {writer.pid}" in str(caught.value)
            assert "open for writing" in str(caught.value)
    finally:
        _stop(writer)
    reader = _hold(ledger_path, "ro", 30)
    try:
        with pytest.raises(ConcurrencyError, match="another process is reading"):
            Ledger.open(ledger_path)
        with Ledger.open(ledger_path, read_only=True) as also_reading:
            assert also_reading.patents.count() == 0
    finally:
        _stop(reader)


def test_open_waits_for_another_process_when_asked(ledger_path):
    """wait=: the open keeps trying while the other process holds the file, and succeeds once
    it lets go; a wait that runs out says how long it waited."""
    Ledger.open(ledger_path).close()
    writer = _hold(ledger_path, "rw", 1.5)
    try:
        with pytest.raises(ConcurrencyError, match=r"waited 0\.3 s"):
            Ledger.open(ledger_path, wait=0.3)
        started = time.monotonic()
        with Ledger.open(ledger_path, wait=30) as opened:
            assert opened.patents.count() == 0
        assert time.monotonic() - started < 25
    finally:
        _stop(writer)
