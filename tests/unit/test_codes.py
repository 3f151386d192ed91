"""Identifiers and values: every written form, every error, and scalar == vectorised."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import duckdb
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ipledger.codes import (
    RULES,
    install_macros,
    is_blank,
    parse_array,
    parse_bool,
    parse_credit_code,
    parse_date,
    parse_list,
    parse_money,
    parse_patent_number,
    parse_trademark_number,
)
from ipledger.errors import ValidationError
from tests import strategies as S

SCALAR = {
    "patent_number": lambda t: parse_patent_number(t).canonical,
    "trademark_number": parse_trademark_number,
    "credit_code": parse_credit_code,
    "money": parse_money,
    "date": parse_date,
    "bool": parse_bool,
    "list": lambda t: list(parse_list(t)),
}


def scalar(rule: str, text: str | None) -> tuple[object, str | None]:
    """The scalar result as (value, error reason), blank being unknown as in SQL."""
    if rule not in ("bool", "list") and (text is None or is_blank(text)):
        return None, None
    try:
        return SCALAR[rule](text), None
    except ValidationError as error:
        return None, error.reason


@pytest.fixture(scope="module")
def con():
    """One in-memory DuckDB connection with the macros installed."""
    connection = duckdb.connect()
    install_macros(connection)
    yield connection
    connection.close()


def vectorised(con, rule: str, texts: list[str | None]) -> list[tuple[object, str | None]]:
    """The SQL macros' results for many texts in one query."""
    con.register("_t", pa.table({"s": pa.array(texts, pa.string()), "i": list(range(len(texts)))}))
    rows = con.sql(f"SELECT ipl_{rule}(s), ipl_{rule}_error(s) FROM _t ORDER BY i").fetchall()
    con.unregister("_t")
    return [tuple(r) for r in rows]


# -- written forms from docs/exchange.md ---------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "202310123456.6",
        "2023101234566",
        "CN202310123456.6",
        "ZL 2023 1 0123456.6",
        "ZL202310123456.6",
        "２０２３１０１２３４５６．６",
        " 202310123456.6 ",
        "ZL202310123456.6号",
        "第202310123456.6号",
        "专利号：ZL202310123456.6",
        "ZL202310123456·6",
        "CN2023101234566A",
        "CN 2023101234566 A",
        "CN:2023101234566A",
        "CN202310123456A",
        "CN-202310123456-A",
        "202310123456",
    ],
)
def test_patent_number_forms(text):
    """Every written form of docs/exchange.md, and the forms of gazettes, Google Patents and DOCDB /
    PATSTAT / BigQuery (no check character: it is computed), give the canonical number."""
    n = parse_patent_number(text)
    assert (n.canonical, n.kind, n.filing_year, str(n)) == (
        "2023101234566",
        "invention",
        2023,
        "202310123456.6",
    )


def test_old_patent_number_form():
    """The old 8+1 form, check X, year 1995, invention; also without its check character."""
    n = parse_patent_number("95115608.X")
    assert (n.canonical, n.kind, n.filing_year) == ("95115608X", "invention", 1995)
    assert parse_patent_number("95115608.x").canonical == "95115608X"
    assert parse_patent_number("CN95115608A").canonical == "95115608X"


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("12345678A", "12345678A"),
        ("12345678aa", "12345678AA"),
        ("G602365A", "G602365A"),
        ("第17528858号", "17528858"),
        ("商标注册证第9988776号", "9988776"),
        ("注册号：17528858", "17528858"),
    ],
)
def test_trademark_number_forms(text, canonical):
    """Suffixed and Madrid numbers, and the forms certificates and notices write."""
    assert parse_trademark_number(text) == canonical


def test_credit_codes_of_every_registration_department():
    """GB 32100 allows the first characters 1-9, A, N and Y (N2: village collectives)."""
    from stdnum.cn import uscc

    for head in ("91", "12", "A1", "N2", "Y1"):
        body = head + "440700MA4UN9WJ3"
        code = body + uscc.calc_check_digit(body + "0")
        assert parse_credit_code(code.lower()) == code
    with pytest.raises(ValidationError, match="not an 18-character"):
        parse_credit_code("01440700MA4UN9WJ3T")


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("2023101234567", "check character should be 6, not 7"),
        ("20231012345", "not a patent application number"),
        ("CN111725454A", "a publication number"),
        ("CN211789201U", "a publication number"),
        ("CN1048232A", "a publication number"),
        ("2023501234566", "unknown kind digit 5"),
        ("1980101234560", "implausible filing year 1980"),
        ("50115608.X", "an 8-digit number cannot be from year 50"),
        ("abc", "not a patent application number"),
    ],
)
def test_patent_number_errors(text, reason):
    """Each kind of bad number is rejected with its reason."""
    with pytest.raises(ValidationError) as info:
        parse_patent_number(text)
    assert info.value.reason.startswith(reason.split(",")[0])


@pytest.mark.parametrize(
    ("kind_digit", "kind"),
    [
        ("1", "invention"),
        ("2", "utility_model"),
        ("3", "design"),
        ("8", "invention"),
        ("9", "utility_model"),
    ],
)
def test_patent_kind_digits(kind_digit, kind):
    """The kind digit decides the kind (8 and 9: PCT entering China)."""
    from ipledger.codes import patent_check_character

    digits = f"2023{kind_digit}0123456"
    assert parse_patent_number(digits + patent_check_character(digits)).kind == kind


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("12000000", "12000000"),
        ("12,000,000.50", "12000000.50"),
        ("1200万元", "12000000"),
        ("1200万", "12000000"),
        ("1.2亿元", "120000000"),
        ("1.2亿", "120000000"),
        ("¥3,000", "3000"),
        ("￥3,000", "3000"),
        ("１２００万", "12000000"),
        ("12.62亿", "1262000000"),
        ("0.01", "0.01"),
        ("-0", "0"),  # a spreadsheet's zero after a subtraction: zero, not negative
        ("-0.00", "0"),
        ("-0万元", "0"),
        ("¥-0", "0"),
    ],
)
def test_money_forms(text, value):
    """Every money form of docs/exchange.md gives exact yuan with 2 places."""
    assert parse_money(text) == Decimal(value).quantize(Decimal("0.01"))


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("-5", "money cannot be negative"),
        ("-0.01", "money cannot be negative"),
        ("-0.", "money cannot be negative"),
        ("1.005", "more than 2 decimal places"),
        ("1.23456789012亿", "more than 2 decimal places"),
        ("12 dollars", "not an amount of money"),
        ("100000000亿", "amount too large"),
    ],
)
def test_money_errors(text, reason):
    """Negative, over-precise, unreadable and too large amounts are rejected."""
    with pytest.raises(ValidationError, match=reason):
        parse_money(text)


@pytest.mark.parametrize(
    "text", ["2023-05-06", "2023/5/6", "2023.5.6", "20230506", "2023年5月6日", "２０２３-05-06"]
)
def test_date_forms(text):
    """Every date form of docs/exchange.md reads as 2023-05-06."""
    assert parse_date(text) == dt.date(2023, 5, 6)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("2023-02-30", "no such date"),
        ("2023-13-01", "no such date"),
        ("1800-01-01", "implausible year"),
        ("May 6", "not a date"),
        ("2023-5/6", "not a date"),
    ],
)
def test_date_errors(text, reason):
    """Impossible, implausible and unreadable dates are rejected."""
    with pytest.raises(ValidationError, match=reason):
        parse_date(text)


def test_bool_and_list_forms():
    """Yes/no words and list separators of docs/exchange.md."""
    assert [parse_bool(t) for t in ("true", "1", "yes", "是", "Y")] == [True] * 5
    assert [parse_bool(t) for t in ("false", "0", "no", "否", "N", "")] == [False] * 6
    assert parse_list("a;b；c、d") == ("a", "b", "c", "d")
    with pytest.raises(ValidationError):
        parse_bool("maybe")


def test_credit_code_and_trademark_number():
    """Credit codes are verified (stdnum); trademark numbers keep their digits."""
    assert parse_credit_code("91440700MA4UN9WJ3T") == "91440700MA4UN9WJ3T"
    with pytest.raises(ValidationError, match="check character should be T"):
        parse_credit_code("91440700MA4UN9WJ3X")
    assert parse_trademark_number("G 1234567") == "G1234567"
    with pytest.raises(ValidationError):
        parse_trademark_number("TM-1")


# -- properties ------------------------------------------------------------------------------


@given(S.patent_numbers())
def test_patent_number_any_form_parses_to_canonical(pair):
    """Any generated written form parses to its canonical number."""
    text, canonical = pair
    assert parse_patent_number(text).canonical == canonical
    assert parse_patent_number(str(parse_patent_number(text))).canonical == canonical


@given(S.wrong_check_patent_numbers())
def test_wrong_check_character_always_rejected(text):
    """A wrong check character is always caught."""
    with pytest.raises(ValidationError, match="check character"):
        parse_patent_number(text)


@given(S.credit_codes())
def test_generated_credit_codes_valid(code):
    """Codes with a computed check character validate."""
    assert parse_credit_code(code.lower()) == code


@given(S.money_texts())
def test_money_round_trip(pair):
    """Every written amount reads as its exact value."""
    text, value = pair
    assert parse_money(text) == value


@given(S.date_texts())
def test_date_round_trip(pair):
    """Every written date reads as its date."""
    text, day = pair
    assert parse_date(text) == day


@given(S.list_texts)
def test_list_round_trip(pair):
    """Items joined with any separators split back into the items."""
    items, seps = pair
    text = "".join(i + s for i, s in zip(items, seps, strict=True))
    assert list(parse_list(text)) == items


VALID = {
    "patent_number": S.patent_numbers().map(lambda p: p[0]),
    "trademark_number": st.from_regex(r"G?[0-9]{1,9}", fullmatch=True),
    "credit_code": S.credit_codes(),
    "money": S.money_texts().map(lambda p: p[0])
    | st.sampled_from(["-0", "-0.00", "-00万", "-0.01", "-0.", "- 0", "-0元", "--0"]),
    "date": S.date_texts().map(lambda p: p[0]),
    "bool": S.bool_texts,
    "list": S.list_texts.map(lambda p: "".join(i + s for i, s in zip(*p, strict=True))),
}


@pytest.mark.parametrize("rule", RULES)
@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_scalar_equals_vectorised(con, rule, data):
    """For valid and for arbitrary text, the SQL macros agree with the scalar parser exactly."""
    texts = data.draw(st.lists(VALID[rule] | S.messy_text | st.none(), min_size=1, max_size=30))
    expected = [scalar(rule, t) for t in texts]
    got = vectorised(con, rule, texts)
    for text, want, have in zip(texts, expected, got, strict=True):
        assert have == want, f"{rule} {text!r}"


def test_parse_array_is_the_bulk_form():
    """parse_array runs a rule over an Arrow array."""
    values, errors = parse_array(
        "patent_number", pa.array(["ZL 2023 1 0123456.6", "2023101234567", None])
    )
    assert values.to_pylist() == ["2023101234566", None, None]
    assert errors.to_pylist() == [None, "check character should be 6, not 7", None]
