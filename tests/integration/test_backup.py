"""Backups are one state of the ledger while others keep writing and reading; restore puts one
back in place only when it is safe; publishing gives services whole states, swapped under them
without a failed request."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import threading
import time
from decimal import Decimal

import duckdb
import pytest

from ipledger import ConcurrencyError, IpledgerError, Ledger, Pledge
from ipledger.ledger import CURRENT, PublishedLedger, publish, published_versions
from ipledger.store import restore
from tests.fixtures_io import snapshot
from tests.integration.test_ledger_files import _first_schema_ledger


def _pair(n):
    """Two pledges written together: a backup holds both or neither."""
    return [
        Pledge(
            pledge_id=f"Y{n}-{side}",
            registered_date=dt.date(2023, 1, 1),
            amount=Decimal(100),
            rights=("2023101234566",),
        )
        for side in "ab"
    ]


def test_a_backup_is_one_state_while_another_thread_writes(ledger, tmp_path):
    """Pairs of pledges are written in one transaction each while backups are taken: every
    backup holds whole pairs, and restores to the same tables."""
    stop, written = threading.Event(), threading.Event()
    errors: list[BaseException] = []

    def writer():
        n = 0
        try:
            while not stop.is_set():
                n += 1
                ledger.pledges.upsert(_pair(n))
                written.set()
        except BaseException as error:  # reported below: a thread's error would be lost
            errors.append(error)
            written.set()

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        assert written.wait(120), "the writer wrote nothing in 2 minutes"
        copies = [ledger.backup(tmp_path / f"b{i}.duckdb") for i in range(3)]
    finally:
        stop.set()
        thread.join()
    assert errors == []
    counts = []
    for copy in copies:
        with Ledger.open(copy, read_only=True) as backup:
            count = backup.pledges.count()
            assert count % 2 == 0 and count > 0
            counts.append(count)
            logged = backup.sql("SELECT sum(inserted) FROM write_log").column(0)[0].as_py()
            assert logged == count
    assert counts == sorted(counts)
    target = tmp_path / "restored.duckdb"
    restore(copies[-1], target)
    with Ledger.open(target) as restored, Ledger.open(copies[-1], read_only=True) as backup:
        assert snapshot(restored) == snapshot(backup)


def test_backup_refuses_to_replace_what_it_should_not(ledger, ledger_path, tmp_path):
    existing = ledger.backup(tmp_path / "b.duckdb")
    with pytest.raises(IpledgerError, match="exists"):
        ledger.backup(existing)
    ledger.backup(existing, overwrite=True)
    notes = tmp_path / "notes.txt"
    notes.write_text("mine", encoding="utf-8")
    with pytest.raises(IpledgerError, match="not a DuckDB"):
        ledger.backup(notes, overwrite=True)
    assert notes.read_text(encoding="utf-8") == "mine"
    with pytest.raises(IpledgerError, match="the ledger itself"):
        ledger.backup(ledger_path, overwrite=True)
    assert not [p for p in tmp_path.iterdir() if ".partial-" in p.name]


def test_restore_replaces_only_with_consent_and_never_an_open_ledger(ledger, tmp_path):
    ledger.pledges.upsert(_pair(1))
    backup = ledger.backup(tmp_path / "b.duckdb")
    target = tmp_path / "t.duckdb"
    Ledger.open(target).close()
    with pytest.raises(IpledgerError, match="--overwrite"):
        restore(backup, target)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys,time; from ipledger import Ledger; l = Ledger.open(sys.argv[1]);"
            " print('holding', flush=True); time.sleep(30)",
            str(target),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "holding"
        with pytest.raises(ConcurrencyError):
            restore(backup, target, overwrite=True)
    finally:
        holder.kill()
        holder.wait()
        holder.stdout.close()
    restore(backup, target, overwrite=True)
    with Ledger.open(target, read_only=True) as restored:
        assert restored.pledges.count() == 2
    assert not [p for p in tmp_path.iterdir() if ".partial-" in p.name]


def test_restore_upgrades_an_older_backup_and_refuses_what_is_no_ledger(tmp_path):
    old = tmp_path / "old.duckdb"
    _first_schema_ledger(old)
    target = tmp_path / "t.duckdb"
    restore(old, target)
    with Ledger.open(target, read_only=True) as restored:
        assert restored.patents.count() == 2
    foreign = tmp_path / "foreign.duckdb"
    con = duckdb.connect(str(foreign))
    con.execute("CREATE TABLE sales (id INTEGER)")
    con.close()
    with pytest.raises(IpledgerError, match="not an ipledger ledger"):
        restore(foreign, tmp_path / "u.duckdb")
    assert not (tmp_path / "u.duckdb").exists()
    junk = tmp_path / "junk.duckdb"
    junk.write_bytes(b"junk" * 100)
    with pytest.raises(IpledgerError, match="not a readable DuckDB file"):
        restore(junk, tmp_path / "v.duckdb")


def test_a_published_ledger_is_swapped_under_a_service_without_a_failed_request(ledger, tmp_path):
    """Threads read the published ledger while new copies are published: every request
    succeeds and sees a whole state (pairs), the service moves to each new copy, requests
    running on an older copy finish on it, and only the newest copies are kept."""
    folder = tmp_path / "published"
    ledger.pledges.upsert(_pair(0))
    publish(ledger, folder)
    service = PublishedLedger(folder)
    errors, seen = [], []
    stop = threading.Event()

    def request():
        while not stop.is_set():
            try:
                with service.ledger() as served:
                    count = served.pledges.count()
                    assert count % 2 == 0
                    seen.append(count)
            except Exception as error:  # pragma: no cover - the test fails with it
                errors.append(error)

    threads = [threading.Thread(target=request) for _ in range(4)]
    for thread in threads:
        thread.start()
    try:
        for n in range(1, 6):
            ledger.pledges.upsert(_pair(n))
            publish(ledger, folder)
            time.sleep(0.1)
    finally:
        stop.set()
        for thread in threads:
            thread.join()
    assert errors == []
    assert max(seen) == 12
    with service.ledger() as served:
        assert served.pledges.count() == 12
        assert service.path == (folder / CURRENT).resolve()
    assert len(published_versions(folder)) == 2
    service.close()
    with pytest.raises(IpledgerError, match="closed"), service.ledger():
        pass
    with (
        pytest.raises(IpledgerError, match="nothing published"),
        PublishedLedger(tmp_path / "empty").ledger(),
    ):
        pass
