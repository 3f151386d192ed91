"""Periods: parsing, printing, previous period; property-tested."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ipledger.errors import ValidationError
from ipledger.stats import Period, parse_period


@pytest.mark.parametrize(
    ("text", "start", "end", "previous"),
    [
        ("2023", dt.date(2023, 1, 1), dt.date(2023, 12, 31), "2022"),
        ("2023Q2", dt.date(2023, 4, 1), dt.date(2023, 6, 30), "2022Q2"),
        ("2024-02", dt.date(2024, 2, 1), dt.date(2024, 2, 29), "2023-02"),
        ("2024-01..2024-07", dt.date(2024, 1, 1), dt.date(2024, 7, 31), "2023-01..2023-07"),
    ],
)
def test_period_forms(text, start, end, previous):
    """Every period form of INDICATORS.md, its span and its previous period."""
    p = parse_period(text)
    assert (p.start, p.end, str(p), str(p.previous())) == (start, end, text, previous)


@pytest.mark.parametrize(
    "text", ["2023Q5", "2023-13", "2023-05..2024-02", "2023-07..2023-03", "23", "0000"]
)
def test_bad_periods(text):
    """Malformed periods are ValidationErrors."""
    with pytest.raises(ValidationError):
        parse_period(text)


periods = st.builds(
    lambda y, a, b: Period(y, min(a, b), max(a, b)),
    st.integers(1901, 2199),
    st.integers(1, 12),
    st.integers(1, 12),
)


@given(periods)
def test_round_trip_and_previous(p):
    """str -> parse gives the same period; previous is one year earlier, same months."""
    assert parse_period(str(p)) == p
    assert p.previous().previous() == Period(p.year - 2, p.first_month, p.last_month)
    assert p.start <= p.end


def test_indicator_docs_are_current():
    """docs/indicators.md is generated from the catalog (tools/gen_indicator_docs.py)."""
    from pathlib import Path

    from ipledger.stats import indicator_docs

    page = Path(__file__).resolve().parents[2] / "docs" / "indicators.md"
    assert page.read_text(encoding="utf-8") == indicator_docs()
