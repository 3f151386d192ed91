"""Injection payloads at every entry point that takes a value: each call answers or raises an
ipledger error (never a raw DuckDB exception, never another exception), and no payload changes
the ledger (values are bound, never formatted into SQL)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import duckdb
import pytest

from ipledger import IpledgerError, Ledger, Patent, Pledge
from ipledger.stats import compute_indicators, region_table, report_json, run_checks
from tests.fixtures_io import patent_no, snapshot

pytestmark = pytest.mark.reliability

PAYLOADS = [
    "'; DROP TABLE patents; --",
    "' OR '1'='1",
    '" OR ""="',
    "1; DELETE FROM pledges",
    "') UNION SELECT * FROM meta --",
    "patents_current; COPY patents TO '/tmp/x.csv'",
    "x' || (SELECT value FROM meta LIMIT 1) || '",
    "%",
    "_",
    "\\",
    "\x00",
    "\u2019 OR 1=1 --",
    "２０２３１０１２３４５６．６",
    "ZL 2023 1 0123456.6",
    "2023",
    "2023Q5",
    "2024-01..2023-01",
    "9999-99-99",
    "infinity",
    "-1",
    "1e308",
    "NaN",
    "440700",
    "44070' OR 1=1",
    "a" * 10_000,
    "",
    " ",
    "NULL",
    "read_text('/etc/passwd')",
    "$1",
    "?",
    None,
    0,
    -1,
    2**70,
    1.5,
    float("nan"),
    True,
    b"bytes",
    ["a", "b"],
    ("x",),
    {"k": "v"},
    dt.date(2023, 1, 1),
    Decimal("-1"),
    object(),
]


@pytest.fixture(scope="module")
def probed(tmp_path_factory):
    path = tmp_path_factory.mktemp("injection") / "ledger.duckdb"
    with Ledger.open(path) as ledger:
        number = patent_no("202310000001")
        ledger.patents.upsert(Patent(application_no=number, grant_date=dt.date(2023, 5, 1)))
        ledger.pledges.upsert(
            Pledge(
                pledge_id="Y1",
                registered_date=dt.date(2023, 3, 1),
                amount=Decimal(1000),
                region_code="440703",
                rights=(number,),
            )
        )
        ledger.sql("CREATE TABLE canary AS SELECT 42 AS alive")
        yield ledger


def _entry_points(ledger):
    """(name, call(payload)) for every entry point that takes a caller's value."""
    points = []
    for name, entity in ledger.domain.entities.items():
        repository = ledger.repository(name)
        for column in entity.columns:
            points.append(
                (
                    f"{name}.find({column}=)",
                    lambda v, r=repository, c=column: r.find(**{c: v}).count(),
                )
            )
            points.append(
                (
                    f"{name}.find({column}=[...])",
                    lambda v, r=repository, c=column: r.find(**{c: [v, v]}).to_arrow(),
                )
            )
        keys = len(entity.key)
        points += [
            (f"{name}.get", lambda v, r=repository, n=keys: r.get(*([v] * n))),
            (f"{name}.history", lambda v, r=repository, n=keys: r.history(*([v] * n))),
            (f"{name}.order_by", lambda v, r=repository: r.find().order_by(v).to_arrow()),
            (f"{name}.where", lambda v, r=repository: r.find().where("? IS NOT NULL", v).count()),
            (f"{name}.limit", lambda v, r=repository: r.find().limit(v).count()),
            (f"{name}.as_known_at", lambda v, r=repository: r.find().as_known_at(v).count()),
            (f"{name}.count(as_known_at=)", lambda v, r=repository: r.count(as_known_at=v)),
            (f"{name}.in_region", lambda v, r=repository: r.find().in_region(v).count()),
            (
                f"{name}.in_region(on=)",
                lambda v, r=repository: r.find().in_region("440700", on=v).count(),
            ),
        ]
    points += [
        ("patents.in_force", lambda v: ledger.patents.in_force(on=v).count()),
        ("pledges.outstanding", lambda v: ledger.pledges.outstanding(on=v).count()),
        ("trademarks.in_force", lambda v: ledger.trademarks.in_force(on=v).count()),
        ("patents.high_value(on=)", lambda v: ledger.patents.high_value(on=v)),
        (
            "patents.high_value(region=)",
            lambda v: ledger.patents.high_value(on=dt.date(2023, 12, 31), region=v),
        ),
        (
            "patents.high_value(pledge_threshold=)",
            lambda v: ledger.patents.high_value(on=dt.date(2023, 12, 31), pledge_threshold=v),
        ),
        ("compute_indicators(periods)", lambda v: compute_indicators(ledger, [v])),
        (
            "compute_indicators(regions)",
            lambda v: compute_indicators(
                ledger, ["2023"], regions=[v], indicators=["pledge_count"]
            ),
        ),
        (
            "compute_indicators(indicators)",
            lambda v: compute_indicators(ledger, ["2023"], indicators=[v]),
        ),
        (
            "compute_indicators(as_known_at)",
            lambda v: compute_indicators(
                ledger, ["2023"], indicators=["pledge_count"], as_known_at=v
            ),
        ),
        ("report_json(region)", lambda v: report_json(ledger, v, "2023")),
        ("report_json(period)", lambda v: report_json(ledger, "440700", v)),
        (
            "report_json(as_known_at)",
            lambda v: report_json(ledger, "440700", "2023", as_known_at=v),
        ),
        ("run_checks(period)", lambda v: run_checks(ledger, period=v)),
        ("run_checks(as_known_at)", lambda v: run_checks(ledger, as_known_at=v)),
        ("region_table(as_known_at)", lambda v: region_table(ledger, as_known_at=v)),
        ("sql(params)", lambda v: ledger.sql("SELECT count(*) FROM patents WHERE title = ?", [v])),
        ("sql($name)", lambda v: ledger.sql("SELECT $x AS x", {"x": v})),
    ]
    return points


def probe(ledger, figures, *, every_payload):
    """Payloads at every entry point: all of them, or (the short run) a third of them at each
    point, a different third at the next, so that every payload meets every kind of point."""
    before = snapshot(ledger)
    points = _entry_points(ledger)
    answered = refused = probes = 0
    escaped: list[str] = []
    for index, (name, call) in enumerate(points):
        payloads = PAYLOADS if every_payload else PAYLOADS[index % 3 :: 3]
        for payload in payloads:
            probes += 1
            try:
                call(payload)
                answered += 1
            except IpledgerError as error:
                refused += 1
                if not str(error):
                    escaped.append(f"{name}({payload!r:.40}): an error without a message")
            except duckdb.Error as error:
                escaped.append(
                    f"{name}({payload!r:.40}): raw DuckDB {type(error).__name__}: {error}"
                )
            except Exception as error:
                escaped.append(f"{name}({payload!r:.40}): {type(error).__name__}: {error}")
    unchanged = snapshot(ledger) == before
    alive = ledger.sql("SELECT alive FROM canary").column(0)[0].as_py() == 42
    figures.record(
        "injection",
        entry_points=len(points),
        payloads=len(PAYLOADS),
        probes=probes,
        answered=answered,
        refused_with_ipledger_errors=refused,
        raw_or_other_errors=len(escaped),
        ledger_changed=not unchanged,
    )
    assert escaped == [], "\n".join(escaped[:40]) + f"\n... {len(escaped)} in all"
    assert unchanged and alive


def test_injection_payloads_at_every_entry_point(probed, figures):
    probe(probed, figures, every_payload=False)


@pytest.mark.reliability_long
def test_every_injection_payload_at_every_entry_point(probed, figures):
    probe(probed, figures, every_payload=True)
