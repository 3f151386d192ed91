"""Fuzzing every parser and every entity's import (hypothesis).

- every value rule: the scalar parser and its SQL macro agree on arbitrary text, and the
  scalar one raises nothing but a ValidationError;
- the other readers of caller text (periods, moments, sizes) raise nothing but ipledger errors;
- the CSV row count from bytes agrees with DuckDB's reader on arbitrary CSV-like bytes
  whenever the reader reads them;
- every entity: a table of arbitrary cells is accepted or rejected by ``upsert`` exactly as
  the model accepts or rejects the rows, and an arbitrary CSV file of the entity imports or is
  rejected (never another exception), with every row read or the file refused, and never two
  current versions of a key.

The short run (the normal suite) tries a few hundred cases; the long run at least 100,000:

    .venv/bin/python -m pytest tests/reliability/test_fuzz.py -m reliability_long
"""

from __future__ import annotations

import contextlib
import csv
import io
import itertools

import duckdb
import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ipledger import IpledgerError, Ledger
from ipledger.codes import install_macros
from ipledger.codes._sql import RULES
from ipledger.errors import RejectedRowsError, ValidationError
from ipledger.io import DEFAULT_LIMITS, parse_size
from ipledger.io._csvshape import csv_shape
from ipledger.ledger import as_utc_moment
from ipledger.model import ENTITIES
from ipledger.stats import parse_period
from ipledger.store import check_current_versions
from tests import strategies as S
from tests.unit.test_codes import VALID, scalar, vectorised

pytestmark = pytest.mark.reliability

SHORT, LONG = 10, 9_000
"""Examples per parser property; the entity properties run a 30th (upserts) and a 60th (files)
of it, at least 2 (each is a write)."""

_COUNTS: dict[str, int] = {}


def _count(topic):
    _COUNTS[topic] = _COUNTS.get(topic, 0) + 1


@pytest.fixture(scope="module")
def con():
    connection = duckdb.connect()
    install_macros(connection)
    yield connection
    connection.close()


@pytest.fixture(autouse=True)
def _report(figures):
    before = dict(_COUNTS)
    yield
    figures.record("fuzz", **{k: v - before.get(k, 0) for k, v in _COUNTS.items()})
    figures.record("fuzz", cases=sum(_COUNTS.values()) - sum(before.values()))


def _examples(long):
    return LONG if long else SHORT


def rules_agree(con, rule, examples):
    @settings(max_examples=examples, suppress_health_check=list(HealthCheck))
    @given(texts=st.lists(VALID[rule] | S.messy_text | st.none(), min_size=1, max_size=20))
    def check(texts):
        _count(f"parser {rule}")
        expected = [scalar(rule, t) for t in texts]
        assert vectorised(con, rule, texts) == expected

    check()


READERS = {
    "period": parse_period,
    "moment": as_utc_moment,
    "size": parse_size,
}


def readers_refuse_cleanly(name, examples):
    reader = READERS[name]

    @settings(max_examples=examples, suppress_health_check=list(HealthCheck))
    @given(text=S.messy_text | st.from_regex(r"[0-9]{4}(-[0-9]{2}){0,2}(Q[0-9])?(\.\.[0-9-]+)?"))
    def check(text):
        _count(f"parser {name}")
        with contextlib.suppress(IpledgerError):  # any other exception fails the test
            reader(text)

    check()


CSV_BYTES = st.lists(
    st.sampled_from([b"a", b",", b'"', b"\n", b"\r\n", b"\r", b"\xe4\xb8\xad", b" ", b"\x00"]),
    max_size=60,
).map(b"".join)


def csv_counts_agree(tmp_path_factory, examples):
    folder = tmp_path_factory.mktemp("csvfuzz")
    reader = duckdb.connect()

    @settings(max_examples=examples, suppress_health_check=list(HealthCheck))
    @given(body=CSV_BYTES)
    def check(body):
        _count("parser csv rows")
        path = folder / "f.csv"
        path.write_bytes(b"c0,c1\n" + body)
        shape = csv_shape(path, "f.csv", DEFAULT_LIMITS, chunk=7)
        try:
            read = reader.execute(
                "SELECT count(*) FROM read_csv(?, header = true, auto_detect = false,"
                " columns = {'c0': 'VARCHAR', 'c1': 'VARCHAR'}, delim = ',', quote = '\"',"
                " escape = '\"', strict_mode = true, encoding = 'utf-8')",
                [str(path)],
            ).fetchall()[0][0]
        except duckdb.Error:
            return  # the import refuses such a file as unreadable
        assert read == shape.rows, body

    check()


def upserts_agree_with_the_model(tmp_path_factory, name, examples):
    entity = ENTITIES[name]
    rows = st.lists(
        st.fixed_dictionaries({c.name: S.cells(c) for c in entity.declared_columns}),
        min_size=1,
        max_size=5,
    )
    path = tmp_path_factory.mktemp("upsert") / "l.duckdb"
    with Ledger.open(path) as ledger:

        @settings(max_examples=examples, suppress_health_check=list(HealthCheck))
        @given(batch=rows)
        def check(batch):
            _count(f"import {name} (upsert)")
            accepted = []
            for row in batch:
                try:
                    entity.record_type(**row)
                    accepted.append(True)
                except ValidationError:
                    accepted.append(False)
            table = pa.table({c: pa.array([r[c] for r in batch], pa.string()) for c in batch[0]})
            rejected: set[int] = set()
            try:
                ledger.repository(name).upsert(table)
            except RejectedRowsError as error:
                rejected = {r.line for r in error.rejects}
            refused_by_the_model = {line for line, ok in enumerate(accepted) if not ok}
            assert refused_by_the_model <= rejected, batch
            check_current_versions(ledger.store.cursor(), entity)

        check()


def files_import_or_are_refused(tmp_path_factory, name, examples):
    entity = ENTITIES[name]
    rows = st.lists(
        st.fixed_dictionaries({c.name: S.cells(c) for c in entity.declared_columns}),
        max_size=6,
    )
    root = tmp_path_factory.mktemp("files")
    with Ledger.open(root / "l.duckdb") as ledger:
        counter = itertools.count()

        @settings(max_examples=examples, suppress_health_check=list(HealthCheck))
        @given(batch=rows, zh=st.booleans())
        def check(batch, zh):
            _count(f"import {name} (file)")
            folder = root / f"d{next(counter)}"
            folder.mkdir()
            headers = [c.zh if zh else c.name for c in entity.declared_columns]
            out = io.StringIO(newline="")
            writer = csv.writer(out)
            writer.writerow(headers)
            for row in batch:
                writer.writerow([row[c.name] for c in entity.declared_columns])
            (folder / f"{name}.csv").write_text(out.getvalue(), encoding="utf-8")
            result = ledger.import_dataset(folder, keep_going=True)
            (found,) = result.files
            if found.written:  # every row read, and each written or listed as rejected
                assert found.rows_read == len(batch)
                done = found.inserted + found.updated + found.unchanged + found.rejected_rows
                assert done == len(batch), found
            else:  # refused whole: with the reasons
                assert found.rejects and found.rows_read in (0, len(batch)), found
            check_current_versions(ledger.store.cursor(), entity)

        check()


def _all(con, tmp_path_factory, long):
    examples = _examples(long)
    for rule in RULES:
        rules_agree(con, rule, examples)
    for name in READERS:
        readers_refuse_cleanly(name, examples)
    csv_counts_agree(tmp_path_factory, examples)
    for name in ENTITIES:
        upserts_agree_with_the_model(tmp_path_factory, name, max(examples // 30, 2))
        files_import_or_are_refused(tmp_path_factory, name, max(examples // 60, 2))


def test_fuzz_every_parser_and_import_briefly(con, tmp_path_factory):
    _all(con, tmp_path_factory, long=False)


@pytest.mark.reliability_long
def test_fuzz_every_parser_and_import_100k(con, tmp_path_factory):
    before = sum(_COUNTS.values())
    _all(con, tmp_path_factory, long=True)
    assert sum(_COUNTS.values()) - before >= 100_000
