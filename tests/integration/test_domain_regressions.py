"""Regressions of the declared-domain issue: each defect it listed, as a test."""

from __future__ import annotations

import datetime as dt
import pickle
from decimal import Decimal

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from ipledger import Case, Party, Patent, Pledge, Target, Transfer
from ipledger.errors import (
    ConcurrencyError,
    IpledgerError,
    NotFoundError,
    QueryError,
    RejectedRowsError,
    SchemaVersionError,
    UnknownIndicatorError,
    ValidationError,
)
from ipledger.stats import compute_indicators
from tests.stats_helpers import CHANCHENG, FOSHAN, JIANGMEN, PENGJIANG, pn

D = dt.date
YEAR_END = D(2023, 12, 31)


def _figure(ledger, region, indicator, period="2023"):
    table = compute_indicators(ledger, [period], regions=[region], indicators=[indicator])
    (row,) = table.to_pylist()
    return row["value"]


@pytest.fixture
def assigned(ledger):
    """Two invention patents of 江门 (蓬江); one assigned to 佛山 (禅城) in 2022."""
    ledger.patents.upsert(
        [
            Patent(
                application_no=pn(k),
                region_code=PENGJIANG,
                filing_date=D(2020, 1, 1),
                grant_date=D(2021, 1, 1),
                strategic_emerging=True,
            )
            for k in (1, 2)
        ]
    )
    ledger.transfers.upsert(
        Transfer(right_no=pn(2), date=D(2022, 6, 1), to_id="X", to_region_code=CHANCHENG)
    )
    return ledger


def test_query_follows_assignments_like_the_indicator(assigned):
    """find(...).in_region().in_force() counts an assigned patent where it is held, as the
    indicator does (the query ignored assignments: 19 where the indicator said 18)."""
    query = assigned.patents.find(kind="invention").in_force(YEAR_END)
    assert (
        query.in_region(JIANGMEN).count()
        == 1
        == _figure(assigned, JIANGMEN, "valid_invention_patents")
    )
    assert (
        query.in_region(CHANCHENG).count()
        == 1
        == _figure(assigned, FOSHAN, "valid_invention_patents")
    )
    before = assigned.patents.find().in_region(JIANGMEN, on=D(2022, 5, 31)).count()
    assert before == 2


def test_high_value_lists_a_patent_under_its_region_on_the_date(assigned):
    """high_value() gives the region a patent was held in on the date, and filters by it."""
    table = assigned.patents.high_value(on=YEAR_END)
    regions = dict(
        zip(table["application_no"].to_pylist(), table["region_code"].to_pylist(), strict=True)
    )
    assert regions == {pn(1): PENGJIANG, pn(2): CHANCHENG}
    assert assigned.patents.high_value(on=YEAR_END, region=FOSHAN)[
        "application_no"
    ].to_pylist() == [pn(2)]
    assert _figure(assigned, FOSHAN, "high_value_invention_patents") == 1


def test_the_statutory_term_ends_a_patent(ledger):
    """An invention filed 2000-03-01 and never lapsed is not valid (nor high-value) in 2023; a
    utility model filed 2010 is not in force in 2023; the query, the record, high_value() and
    the indicators agree."""
    invention = Patent(
        application_no=pn(7, "1", 2003),  # the number's year does not decide the term
        region_code=PENGJIANG,
        filing_date=D(2000, 3, 1),
        grant_date=D(2003, 5, 6),
    )
    utility = Patent(
        application_no=pn(8, "2", 2010),
        region_code=PENGJIANG,
        filing_date=D(2010, 4, 1),
        grant_date=D(2010, 12, 1),
    )
    ledger.patents.upsert([invention, utility])
    assert not invention.in_force(YEAR_END) and not utility.in_force(YEAR_END)
    assert ledger.patents.in_force(on=YEAR_END).count() == 0
    assert ledger.patents.in_force(on=D(2019, 12, 31)).count() == 2
    assert ledger.patents.high_value(on=YEAR_END).num_rows == 0
    assert _figure(ledger, JIANGMEN, "valid_invention_patents") == 0
    assert _figure(ledger, JIANGMEN, "valid_invention_patents", "2019") == 1


def test_a_record_and_a_table_store_the_same_values(ledger, tmp_path):
    """Retired region, lower-case credit code and a pledged right in display form are made
    canonical from a record as from a table or a file."""
    ledger.patents.upsert(Patent(application_no="ZL 2023 1 0123456.6", region_code="330104"))
    ledger.patents.upsert(
        pa.table({"application_no": ["2023101234566"], "region_code": ["330104"]})
    )
    assert ledger.patents.history("2023101234566").num_rows == 1  # the table changed nothing
    ledger.parties.upsert(Party(party_id="91440700ma4un9wj3t", name="甲", kind="enterprise"))
    assert ledger.parties.count() == 1 and ledger.parties.get("91440700MA4UN9WJ3T").name == "甲"
    ledger.pledges.upsert(
        Pledge(
            pledge_id="Y1",
            registered_date=D(2024, 1, 2),
            amount=Decimal(1),
            pledgor_id="91440700ma4un9wj3t",
            rights=["ZL 2023 1 0123456.6"],
        )
    )
    pledge = ledger.pledges.get("Y1")
    assert (pledge.rights, pledge.pledgor_id) == (("2023101234566",), "91440700MA4UN9WJ3T")


def test_unknown_region_and_indicator_are_refused_from_a_record(ledger):
    """A region the ledger does not know is refused from a record as from a file; a target
    for an unknown indicator is refused by the record constructor."""
    with pytest.raises(RejectedRowsError, match="not a known region code"):
        ledger.patents.upsert(Patent(application_no=pn(1), region_code="999999"))
    with pytest.raises(ValidationError, match="not an indicator of the catalog"):
        Target(region_code=JIANGMEN, indicator="pledge_counts", period="2023", target="1")
    assert ledger.patents.count() == 0


def test_look_ups_canonicalise_their_key(ledger):
    """get(), history() and find() read a key in any written form."""
    ledger.patents.upsert(Patent(application_no="2013101235245"))
    for written in ("ZL 2013 1 0123524.5", "CN201310123524.5", "２０１３１０１２３５２４５"):
        assert ledger.patents.get(written).application_no == "2013101235245"
        assert ledger.patents.history(written).num_rows == 1
        assert ledger.patents.find(application_no=written).count() == 1
    with pytest.raises(NotFoundError):
        ledger.patents.get("ZL 2013 1 0123524.6")  # wrong check character: no such patent


def test_limit_bounds_count_and_the_notebook_view(ledger):
    """limit(2).count() is 2 and a limited query's HTML shows 2 rows, not 20."""
    ledger.patents.upsert([Patent(application_no=pn(k)) for k in range(5)])
    limited = ledger.patents.find().limit(2)
    assert limited.count() == 2
    assert limited._repr_html_().count("<tr>") == 3  # header and two rows
    assert limited.limit(5).count() == 2


def test_parquet_money_with_a_large_scale(ledger, tmp_path):
    """A Parquet DECIMAL(18,12) amount is rejected when it has more than 2 places (it was cut
    to 1.12), and read exactly when its extra places are zeros."""
    folder = tmp_path / "in"
    folder.mkdir()
    amounts = pa.array(
        [Decimal("1.123456789012"), Decimal("2.500000000000")], pa.decimal128(18, 12)
    )
    pq.write_table(
        pa.table(
            {
                "pledge_id": ["A", "B"],
                "registered_date": [D(2023, 1, 1), D(2023, 1, 1)],
                "amount": amounts,
            }
        ),
        folder / "pledges.parquet",
    )
    result = ledger.import_dataset(folder, keep_going=True)
    assert [(r.line, r.column, r.reason) for r in result.rejects] == [
        (2, "amount", "more than 2 decimal places")
    ]
    assert ledger.pledges.get("B").amount == Decimal("2.50")


def test_list_columns_filter_and_bad_queries_are_ipledger_errors(ledger):
    """find(types=[...]) filters a list column (it raised DuckDB's BinderException); a query
    the database refuses is a QueryError, never a raw DuckDB exception."""
    ledger.cases.upsert(
        [
            Case(
                case_no="C1",
                types=["trademark_infringement", "gi_infringement"],
                opened_date=D(2023, 1, 1),
            ),
            Case(case_no="C2", types=["other"], opened_date=D(2023, 1, 1)),
        ]
    )
    assert [c.case_no for c in ledger.cases.find(types=["gi_infringement", "patent_dispute"])] == [
        "C1"
    ]
    assert ledger.cases.find(types="OTHER").count() == 1
    with pytest.raises(QueryError):
        ledger.cases.find().where("no_such_column = ?", 1).count()
    with pytest.raises(QueryError):
        ledger.sql("SELECT CAST('x' AS INTEGER)")
    with pytest.raises(ValidationError, match="opened_date: 'soon': not a date"):
        ledger.cases.find(opened_date="soon")


def test_record_constructors_convert_or_explain(ledger):
    """Pledge(amount=12000000) and Patent(grant_date="2024-01-05") convert; a bad value is a
    one-line ValidationError naming the field."""
    assert Pledge(pledge_id="Y", registered_date="2023-01-02", amount=12000000).amount == Decimal(
        "12000000.00"
    )
    assert Patent(application_no=pn(1), grant_date="2024-01-05").grant_date == D(2024, 1, 5)
    for bad, field in (
        (lambda: Patent(application_no=pn(1), grant_date="05/01/2024"), "grant_date"),
        (lambda: Pledge(pledge_id="Y", registered_date="2023-01-02", amount=-1), "amount"),
        (lambda: Patent(application_no=pn(1), award="platinum"), "award"),
    ):
        with pytest.raises(ValidationError) as raised:
            bad()
        assert raised.value.column == field and "\n" not in str(raised.value)


def test_dataframes_are_written_like_tables(ledger):
    """upsert() takes a pandas or a polars DataFrame."""
    import pandas as pd
    import polars as pl

    ledger.patents.upsert(
        pd.DataFrame({"application_no": ["ZL 2023 1 0123456.6"], "grant_date": ["2024年1月5日"]})
    )
    ledger.patents.upsert(pl.DataFrame({"application_no": [pn(3)], "title": ["甲"]}))
    assert ledger.patents.get("2023101234566").grant_date == D(2024, 1, 5)
    assert ledger.patents.get(pn(3)).title == "甲"


@pytest.mark.parametrize(
    "error",
    [
        ValidationError(reason="r", value="v", column="c", file="f.csv", line=3),
        RejectedRowsError([ValidationError(reason="a", line=2)], file="f.csv"),
        NotFoundError("patent", "x"),
        SchemaVersionError("p", 1, 2),
        ConcurrencyError("p", "busy"),
        QueryError("bad"),
        UnknownIndicatorError("x"),
        IpledgerError("plain"),
    ],
)
def test_errors_pickle(error):
    """Every error survives a trip through pickle (process pools hand them back) with its
    message and fields."""
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is type(error) and str(copy) == str(error)
    assert {k: v for k, v in vars(copy).items() if k != "rejects"} == {
        k: v for k, v in vars(error).items() if k != "rejects"
    }
