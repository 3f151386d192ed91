"""Periods: parsing, printing, spans and previous periods; property-tested."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ipledger.errors import ValidationError
from ipledger.stats import Period, parse_period


@pytest.mark.parametrize(
    ("text", "start", "end", "previous", "kind"),
    [
        ("2023", dt.date(2023, 1, 1), dt.date(2023, 12, 31), "2022", "year"),
        ("2023Q2", dt.date(2023, 4, 1), dt.date(2023, 6, 30), "2022Q2", "quarter"),
        ("2024-02", dt.date(2024, 2, 1), dt.date(2024, 2, 29), "2023-02", "month"),
        (
            "2024-01..2024-07",
            dt.date(2024, 1, 1),
            dt.date(2024, 7, 31),
            "2023-01..2023-07",
            "range",
        ),
    ],
)
def test_period_forms(text, start, end, previous, kind):
    """Every period form of docs/indicators.md: its span, its previous period and its kind."""
    p = parse_period(text)
    assert (p.start, p.end, str(p), str(p.previous()), p.kind) == (start, end, text, previous, kind)


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        (" 2023q3 ", "2023Q3"),
        ("2023-01..2023-03", "2023Q1"),
        ("2023-01..2023-12", "2023"),
        ("2023-05..2023-05", "2023-05"),
    ],
)
def test_ranges_that_are_other_forms_print_canonically(text, canonical):
    """A range that is a year, quarter or month is written as one (targets match on this)."""
    assert str(parse_period(text)) == canonical


@pytest.mark.parametrize(
    "text",
    [
        "2023Q5",
        "2023Q0",
        "2023-13",
        "2023-00",
        "2023-05..2024-02",
        "2023-07..2023-03",
        "23",
        "0000",
        "2023H1",
        "",
        "2023-7",
        "1899",
    ],
)
def test_bad_periods(text):
    """Malformed periods are ValidationErrors naming the period."""
    with pytest.raises(ValidationError) as error:
        parse_period(text)
    assert error.value.column == "period"


def test_parse_accepts_a_period_and_rejects_other_types():
    """A Period passes through; a number is not a period."""
    p = Period(2023, 4, 6)
    assert parse_period(p) is p
    with pytest.raises(ValidationError):
        parse_period(2023)  # type: ignore[arg-type]


periods = st.builds(
    lambda y, a, b: Period(y, min(a, b), max(a, b)),
    st.integers(1902, 2199),
    st.integers(1, 12),
    st.integers(1, 12),
)

texts = st.one_of(
    st.integers(1900, 2199).map(str),
    st.tuples(st.integers(1900, 2199), st.integers(1, 4)).map(lambda t: f"{t[0]}Q{t[1]}"),
    st.tuples(st.integers(1900, 2199), st.integers(1, 12)).map(lambda t: f"{t[0]}-{t[1]:02d}"),
    st.tuples(st.integers(1900, 2199), st.integers(1, 12), st.integers(1, 12))
    .filter(lambda t: t[2] - t[1] >= 1 and not (t[2] - t[1] == 2 and t[1] % 3 == 1))
    .filter(lambda t: (t[1], t[2]) != (1, 12))
    .map(lambda t: f"{t[0]}-{t[1]:02d}..{t[0]}-{t[2]:02d}"),
)


@given(texts)
def test_canonical_text_round_trips(text):
    """str -> Period -> str gives the same text for every canonical form."""
    assert str(parse_period(text)) == text


@given(periods)
def test_period_round_trips_and_previous(p):
    """Period -> str -> Period is the identity; previous is one year earlier with the same
    months, twice is two years; the span lies inside its year and contains its ends."""
    assert parse_period(str(p)) == p
    assert p.previous().previous() == Period(p.year - 2, p.first_month, p.last_month)
    assert str(p.previous())[4:] == str(p)[4:].replace(str(p.year), str(p.year - 1))
    assert p.start.year == p.end.year == p.year and p.start <= p.end
    assert p.contains(p.start) and p.contains(p.end)
    assert not p.contains(p.end + dt.timedelta(days=1))
    assert p.previous() < p


@pytest.mark.parametrize(
    ("period", "zh", "en", "end_zh", "end_en"),
    [
        ("2023", "2023年", "2023", "2023年底", "the end of 2023"),
        ("2023Q2", "2023年第二季度", "Q2 2023", "2023年6月底", "the end of June 2023"),
        ("2023-07", "2023年7月", "July 2023", "2023年7月底", "the end of July 2023"),
        (
            "2024-01..2024-07",
            "2024年1—7月",
            "January–July 2024",
            "2024年7月底",
            "the end of July 2024",
        ),
    ],
)
def test_period_labels(period, zh, en, end_zh, end_en):
    """Periods as sentences name them (今年1—7月) and their ends as stocks are dated."""
    p = parse_period(period)
    assert (p.label(), p.label("zh"), p.label("en")) == (zh, zh, en)
    assert (p.end_label(), p.end_label("en")) == (end_zh, end_en)
    with pytest.raises(ValueError, match="lang"):
        p.label("de")


@given(periods)
def test_labels_name_the_year_and_months(p):
    """Every form names the period's year; the Chinese label its first and last months, or
    its quarter, or nothing more for a year; the end label its last month (年底 for December)."""
    zh, en = p.label("zh"), p.label("en")
    assert zh.startswith(f"{p.year}年") and str(p.year) in en
    if p.kind == "quarter":
        assert zh.endswith("季度") and en.startswith(f"Q{(p.first_month + 2) // 3} ")
    elif p.kind != "year":
        assert zh.endswith(f"{p.last_month}月") and f"{p.first_month}" in zh
    assert p.end_label("zh") == (
        f"{p.year}年底" if p.last_month == 12 else f"{p.year}年{p.last_month}月底"
    )


@given(st.text(max_size=12))
def test_arbitrary_text_parses_or_is_a_validation_error(text):
    """Any text is a period or a ValidationError: never another exception."""
    try:
        p = parse_period(text)
    except ValidationError:
        return
    assert str(p) == str(parse_period(str(p)))
