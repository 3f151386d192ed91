"""16 readers and 2 writers on one Ledger: no error but ConcurrencyError, no torn read, at most
one current version per key.

The writers keep invariants every committed state holds: each transaction adds a patent and a
pledge over it (so patents and pledges are as many), every pledge secures 1,000 yuan (so the
amount pledged and the amount outstanding are 1,000 times the count), and they also rewrite the
same 30 pledges over and over (the issue's duplicate-current-version probe). A read that sees
two states at once — one statement before a write, another after — breaks an invariant: a torn
read.

Short run in the normal suite (a few seconds); the long run (60 s):

    .venv/bin/python -m pytest tests/reliability/test_stress.py -m reliability_long
"""

from __future__ import annotations

import collections
import datetime as dt
import random
import threading
import time
from decimal import Decimal

import pytest

from ipledger import ConcurrencyError, Ledger, Patent, Pledge
from ipledger.stats import compute_indicators, report_json, run_checks
from tests.fixtures_io import patent_no

pytestmark = pytest.mark.reliability

AMOUNT = 1000
DAY = dt.date(2023, 3, 1)
SHARED = 30


def _patent(serial):
    return Patent(application_no=patent_no(f"20231{serial:07d}"), grant_date=dt.date(2023, 1, 5))


def _pledge(key, serial, name="出质人"):
    return Pledge(
        pledge_id=key,
        registered_date=DAY,
        amount=Decimal(AMOUNT),
        region_code="440703",
        pledgor_name=name,
        rights=(patent_no(f"20231{serial:07d}"),),
    )


class Load:
    """The shared ledger and what the threads saw."""

    def __init__(self, ledger, seconds):
        self.ledger = ledger
        self.deadline = time.monotonic() + seconds
        self.lock = threading.Lock()
        self.counts = collections.Counter()
        self.errors = []
        self.torn = []

    def running(self):
        return time.monotonic() < self.deadline

    def count(self, what, n=1):
        with self.lock:
            self.counts[what] += n

    def fail(self, kind, detail):
        with self.lock:
            (self.torn if kind == "torn" else self.errors).append(detail)


def writer(load, number):
    rng = random.Random(number)
    serial = number * 1_000_000
    while load.running():
        try:
            if rng.random() < 0.6:
                serial += 1
                with load.ledger.transaction():
                    load.ledger.patents.upsert(_patent(serial))
                    load.ledger.pledges.upsert(_pledge(f"W{serial}", serial))
            else:
                tag = f"{number}-{rng.random():.6f}"
                load.ledger.pledges.upsert([_pledge(f"S{k:03d}", k, tag) for k in range(SHARED)])
            load.count("writes")
        except ConcurrencyError:
            load.count("concurrency_errors")
        except Exception as error:  # every other error fails the run
            load.fail("error", repr(error))


def _figure(table, indicator):
    return next(r["value"] for r in table.to_pylist() if r["indicator"] == indicator)


def reader(load, number):
    rng = random.Random(100 + number)
    ledger = load.ledger
    while load.running():
        choice = rng.random()
        try:
            if choice < 0.35:
                table = compute_indicators(
                    ledger,
                    ["2023"],
                    regions=["440700"],
                    indicators=["pledge_count", "pledge_amount", "pledge_outstanding_amount"],
                )
                n = _figure(table, "pledge_count")
                amount = _figure(table, "pledge_amount")
                outstanding = _figure(table, "pledge_outstanding_amount")
                if not amount == outstanding == AMOUNT * n:
                    load.fail("torn", f"indicators: {n} pledges, {amount}, {outstanding}")
            elif choice < 0.7:
                with ledger.snapshot():
                    patents = ledger.patents.count()
                    pledges = ledger.sql("SELECT count(*) FROM pledges_current").column(0)[0]
                    if patents != pledges.as_py():
                        load.fail("torn", f"snapshot: {patents} patents, {pledges} pledges")
            elif choice < 0.9:
                report = report_json(ledger, "440700", "2023")
                figures = {i["id"]: i["value"] for i in report["indicators"]}
                if figures["pledge_amount"] != AMOUNT * figures["pledge_count"]:
                    load.fail(
                        "torn", f"report: {figures['pledge_count']}, {figures['pledge_amount']}"
                    )
            elif choice < 0.97:
                ledger.pledges.find(region_code="440703").limit(5).to_arrow()
                ledger.pledges.get(f"S{rng.randrange(SHARED):03d}")
            else:
                run_checks(ledger, period="2023")
            load.count("reads")
        except ConcurrencyError:
            load.count("concurrency_errors")
        except Exception as error:
            load.fail("error", repr(error))


def _most_current_versions(ledger):
    most = 0
    for entity in ledger.domain.entities.values():
        keys = ", ".join(f'"{k}"' for k in entity.key)
        found = (
            ledger.sql(
                f"SELECT coalesce(max(n), 0) FROM (SELECT count(*) AS n FROM {entity.name}"
                f" WHERE superseded_at IS NULL GROUP BY {keys})"
            )
            .column(0)[0]
            .as_py()
        )
        most = max(most, found)
    return most


def hold(tmp_path, figures, *, seconds, readers=16, writers=2):
    with Ledger.open(tmp_path / "stress.duckdb") as ledger:
        with ledger.transaction():
            ledger.patents.upsert([_patent(k) for k in range(SHARED)])
            ledger.pledges.upsert([_pledge(f"S{k:03d}", k) for k in range(SHARED)])
        load = Load(ledger, seconds)
        threads = [threading.Thread(target=writer, args=(load, n + 1)) for n in range(writers)]
        threads += [threading.Thread(target=reader, args=(load, n)) for n in range(readers)]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        held = time.monotonic() - started
        most = _most_current_versions(ledger)
        patents, pledges = ledger.patents.count(), ledger.pledges.count()
    figures.record(
        "stress",
        threads=readers + writers,
        seconds=round(held),
        reads=load.counts["reads"],
        writes=load.counts["writes"],
        concurrency_errors=load.counts["concurrency_errors"],
        other_errors=len(load.errors),
        torn_reads=len(load.torn),
        most_current_versions_per_key=most,
    )
    assert load.errors == []
    assert load.torn == []
    assert most == 1
    assert patents == pledges
    assert load.counts["writes"] > 0 and load.counts["reads"] > 0
    return load


def test_readers_and_writers_for_a_few_seconds(tmp_path, figures):
    hold(tmp_path, figures, seconds=4)


@pytest.mark.reliability_long
def test_sixteen_readers_and_two_writers_for_a_minute(tmp_path, figures):
    hold(tmp_path, figures, seconds=60)
