"""The Ledger API: queries, typed results, DataFrames, threads, notebook HTML."""

from __future__ import annotations

import datetime as dt
import threading
from decimal import Decimal

import pytest

from ipledger import Ledger, NotFoundError, Patent, PatentKind, Pledge, Trademark, ValidationError

D = dt.date


@pytest.fixture
def filled(ledger: Ledger) -> Ledger:
    """A ledger with a few patents, trademarks and pledges."""
    ledger.patents.upsert(
        [
            Patent(application_no="2023101234566", region_code="440703", grant_date=D(2023, 6, 1)),
            Patent(
                application_no="2023201234561",
                region_code="440700",
                grant_date=D(2023, 2, 1),
                lapse_date=D(2023, 12, 1),
            ),
            Patent(application_no="2022301234562", region_code="410700", filing_date=D(2022, 3, 1)),
        ]
    )
    ledger.trademarks.upsert(Trademark(registration_no="12345678", registration_date=D(2020, 1, 1)))
    ledger.pledges.upsert(
        [
            Pledge(
                pledge_id="Y1",
                registered_date=D(2023, 1, 10),
                amount=Decimal("5000000.00"),
                term_end=D(2024, 1, 9),
            ),
            Pledge(
                pledge_id="Y2",
                registered_date=D(2023, 3, 10),
                amount=Decimal("1.00"),
                released_date=D(2023, 6, 1),
            ),
        ]
    )
    return ledger


def test_find_filter_and_typed_iteration(filled):
    """find() filters by equality and yields typed records."""
    records = list(filled.patents.find(kind="invention"))
    assert [r.application_no for r in records] == ["2023101234566"]
    assert isinstance(records[0], Patent) and records[0].kind is PatentKind.INVENTION


def test_queries_are_immutable(filled):
    """Each query call returns a new query and leaves the old one as it was."""
    base = filled.patents.find()
    narrowed = base.filter(region_code="440700")
    assert base.count() == 3
    assert narrowed.count() == 1


def test_in_force_and_order(filled):
    """in_force(on=) applies the lifecycle dates; order_by orders."""
    on = D(2023, 12, 31)
    assert [p.application_no for p in filled.patents.in_force(on=on)] == ["2023101234566"]
    ordered = filled.patents.find().order_by("-grant_date").to_arrow()
    assert ordered.column("application_no").to_pylist()[:2] == ["2023101234566", "2023201234561"]


def test_in_region_includes_descendants(filled):
    """A city's query includes its counties' records (440703 蓬江区 is in 江门)."""
    assert filled.patents.find().in_region("440700").count() == 2
    assert filled.patents.find().in_region("440000").count() == 2


def test_outstanding_pledges(filled):
    """outstanding(on=) drops released pledges and those past their term."""
    assert [p.pledge_id for p in filled.pledges.outstanding(on=D(2023, 12, 31))] == ["Y1"]
    assert filled.pledges.outstanding(on=D(2024, 1, 10)).count() == 0


def test_get_missing_raises_not_found(filled):
    """get() of an unknown key raises NotFoundError naming the key."""
    with pytest.raises(NotFoundError, match="2099"):
        filled.patents.get("2099")


def test_unknown_column_is_an_error(filled):
    """Filtering on a column that does not exist is a ValidationError, not SQL injection."""
    with pytest.raises(ValidationError, match="not a column"):
        filled.patents.find(**{"kind; DROP TABLE patents": "x"})


def test_values_are_bound_not_formatted(filled):
    """A hostile value is just a value."""
    assert filled.patents.find(title="x' OR '1'='1").count() == 0
    assert filled.patents.count() == 3


def test_dataframes(filled):
    """to_pandas() and to_polars() give the same rows as to_arrow()."""
    assert len(filled.patents.find().to_pandas()) == 3
    assert filled.patents.find().to_polars().height == 3


def test_arrow_batches_stream(filled):
    """to_arrow_batches() streams record batches."""
    reader = filled.patents.find().to_arrow_batches(batch_size=2)
    assert sum(b.num_rows for b in reader) == 3


def test_shared_between_threads(filled):
    """One Ledger serves several threads at once, each on its own cursor."""
    errors: list[BaseException] = []
    counts: list[int] = []

    def work() -> None:
        try:
            for _ in range(20):
                counts.append(filled.patents.find(kind="invention").count())
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert counts == [1] * 80


def test_repr_html(filled):
    """Records and queries show as HTML tables in notebooks."""
    assert "<table>" in filled._repr_html_()
    html = filled.patents.find()._repr_html_()
    assert "2023101234566" in html and "3 record(s)" in html


def test_sql_with_params(filled):
    """ledger.sql binds parameters and returns Arrow."""
    table = filled.sql(
        "SELECT count(*) AS n FROM patents_current WHERE region_code = ?", ["410700"]
    )
    assert table.to_pylist() == [{"n": 1}]
