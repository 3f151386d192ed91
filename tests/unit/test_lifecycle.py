"""Lifecycle rules: the Python form (``Lifecycle.holds`` / ``end_of``) and the SQL form
(``holds_sql`` / ``end_sql``) of every entity's rule agree on arbitrary records and dates."""

from __future__ import annotations

import datetime as dt

import duckdb
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ipledger.model import ENTITIES, PATENT_TERMS, PATENTS, Patent, add_years
from ipledger.model._lifecycle import Lifecycle

LIFECYCLES = {name: e for name, e in ENTITIES.items() if e.lifecycle is not None}
DATES = st.dates(min_value=dt.date(1985, 1, 1), max_value=dt.date(2060, 12, 31))


def _columns(rule: Lifecycle) -> dict[str, st.SearchStrategy[object]]:
    """A strategy per column the rule reads (dates may be missing)."""
    found: dict[str, st.SearchStrategy[object]] = {rule.start: st.none() | DATES}
    for end in rule.ends:
        found[end.column] = st.none() | DATES
    if rule.term is not None:
        found[rule.term.counted_from] = st.none() | DATES
        found[rule.term.kind_column] = st.sampled_from(["invention", "utility_model", "design"])
        if rule.term.extension_column:
            found[rule.term.extension_column] = st.none() | st.integers(0, 2000)
    return found


class _Row:
    """A record-like object of plain attributes."""

    def __init__(self, values: dict[str, object]) -> None:
        self.__dict__.update(values)


def _schema(rule: Lifecycle) -> pa.Schema:
    fields = [pa.field(rule.start, pa.date32())]
    fields += [pa.field(e.column, pa.date32()) for e in rule.ends]
    if rule.term is not None:
        fields += [
            pa.field(rule.term.counted_from, pa.date32()),
            pa.field(rule.term.kind_column, pa.string()),
        ]
        if rule.term.extension_column:
            fields.append(pa.field(rule.term.extension_column, pa.int64()))
    return pa.schema([*fields, pa.field("_i", pa.int64())])


def _sql_values(rule: Lifecycle, rows: list[dict[str, object]], on: dt.date) -> list[tuple]:
    table = pa.Table.from_pylist(rows, schema=_schema(rule))
    con = duckdb.connect()
    try:
        con.register("rows", table)
        on_sql = f"DATE '{on.isoformat()}'"
        return con.sql(
            f"SELECT {rule.flag_sql(on_sql, alias='x')}, {rule.end_sql('x')}"
            " FROM rows x ORDER BY _i"
        ).fetchall()
    finally:
        con.close()


@pytest.mark.parametrize("name", sorted(LIFECYCLES))
def test_python_and_sql_forms_agree(name):
    """For random dates of every column the rule reads and a random day, ``holds`` equals
    ``holds_sql`` and ``end_of`` equals ``end_sql``."""
    rule = LIFECYCLES[name].lifecycle_rule
    row = st.fixed_dictionaries(_columns(rule))

    @settings(max_examples=40)
    @given(rows=st.lists(row, min_size=1, max_size=30), on=DATES)
    def check(rows, on):
        indexed = [{**r, "_i": i} for i, r in enumerate(rows)]
        sql = _sql_values(rule, indexed, on)
        python = [(rule.holds(_Row(r), on), rule.end_of(_Row(r))) for r in rows]
        assert python == [(bool(held), end) for held, end in sql]

    check()


@given(filed=DATES, kind=st.sampled_from(["invention", "utility_model", "design"]))
def test_statutory_terms(filed, kind):
    """A patent's term ends on the filing date's anniversary: 20 years for inventions, 10 for
    utility models, 10 for designs, 15 for designs filed on or after 2021-06-01."""
    years = {"invention": 20, "utility_model": 10, "design": 10}[kind]
    if kind == "design" and filed >= dt.date(2021, 6, 1):
        years = 15
    term = PATENTS.lifecycle_rule.term
    assert term is not None and term.terms == PATENT_TERMS
    end = term.end(_Row({"filing_date": filed, "kind": kind, "term_extension_days": None}))
    assert end == add_years(filed, years)


def test_the_examination_guidelines_example():
    """专利审查指南: filed 1999-09-06, in force until 2019-09-05, ended on 2019-09-06; a term
    compensation of 100 days moves the end by 100 days."""
    from ipledger.codes import patent_check_character

    patent = Patent(
        application_no="99112345" + patent_check_character("99112345"),
        filing_date="1999-09-06",
        grant_date="2003-01-01",
    )
    assert patent.in_force(dt.date(2019, 9, 5)) and not patent.in_force(dt.date(2019, 9, 6))
    assert patent.term_end == dt.date(2019, 9, 6)
    extended = Patent(
        application_no=patent.application_no,
        filing_date="1999-09-06",
        grant_date="2003-01-01",
        term_extension_days=100,
    )
    assert extended.term_end == dt.date(2019, 9, 6) + dt.timedelta(days=100)
