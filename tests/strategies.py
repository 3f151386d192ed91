"""Hypothesis strategies for ipledger's values, shared by the property tests."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import strategies as st

from ipledger.codes import patent_check_character
from ipledger.codes._credit_codes import CREDIT_CODE_ALPHABET, CREDIT_CODE_WEIGHTS
from ipledger.codes._text import FULLWIDTH, HALFWIDTH

KIND_DIGITS = "12389"


def to_fullwidth(text: str) -> str:
    """Write the ASCII characters of ``text`` in their full-width forms."""
    return text.translate(str.maketrans(HALFWIDTH[:94], FULLWIDTH[:94]))


@st.composite
def new_patent_digits(draw: st.DrawFn) -> str:
    """12 digits of a number filed since 2003: year, kind digit, serial."""
    year = draw(st.integers(2003, 2099))
    kind = draw(st.sampled_from(KIND_DIGITS))
    serial = draw(st.integers(0, 9_999_999))
    return f"{year}{kind}{serial:07d}"


@st.composite
def old_patent_digits(draw: st.DrawFn) -> str:
    """8 digits of a number filed 1985-2003."""
    yy = draw(st.sampled_from([*range(85, 100), 0, 1, 2, 3]))
    kind = draw(st.sampled_from(KIND_DIGITS))
    serial = draw(st.integers(0, 99_999))
    return f"{yy:02d}{kind}{serial:05d}"


@st.composite
def patent_numbers(draw: st.DrawFn) -> tuple[str, str]:
    """(a written form, its canonical form) of a valid patent application number."""
    digits = draw(st.one_of(new_patent_digits(), old_patent_digits()))
    check = patent_check_character(digits)
    canonical = digits + check
    if len(digits) == 12:
        forms = [
            f"{digits}.{check}",
            canonical,
            f"CN{digits}.{check}",
            f"ZL {digits[:4]} {digits[4]} {digits[5:]}.{check}",
            f"ZL{digits}.{check}",
            f"ZL{digits}.{check}号",  # as notices write it
            f"第{digits}.{check}号",
            f"专利号：ZL{digits}.{check}",
            f"ZL{digits}·{check}",  # a middle dot typed with a Chinese input method
            f"CN{canonical}A",  # Google Patents
            f"CN {canonical} A",
            f"CN:{canonical}A",
            f"CN{digits}A",  # DOCDB / PATSTAT: no check character
            f"CN-{digits}-A",
            digits,  # BigQuery
        ]
    else:
        forms = [f"{digits}.{check}", canonical, f"CN{digits}A"]  # 8 bare digits: a trademark?
    form = draw(st.sampled_from(forms))
    if draw(st.booleans()):
        form = form.lower()
    if draw(st.booleans()):
        form = to_fullwidth(form)
    return f" {form} " if draw(st.booleans()) else form, canonical


@st.composite
def wrong_check_patent_numbers(draw: st.DrawFn) -> str:
    """A well-formed number whose check character is wrong."""
    digits = draw(new_patent_digits())
    right = patent_check_character(digits)
    wrong = draw(st.sampled_from([c for c in "0123456789X" if c != right]))
    return digits + wrong


@st.composite
def credit_codes(draw: st.DrawFn) -> str:
    """A valid unified social credit code (registration department 1-9, A, N or Y)."""
    head = (
        draw(st.sampled_from("123456789ANY"))
        + draw(st.sampled_from("123456789"))
        + draw(st.text("0123456789", min_size=6, max_size=6))
    )
    body = draw(st.text(CREDIT_CODE_ALPHABET, min_size=9, max_size=9))
    first = head + body
    total = sum(
        CREDIT_CODE_ALPHABET.index(c) * w for c, w in zip(first, CREDIT_CODE_WEIGHTS, strict=True)
    )
    return first + CREDIT_CODE_ALPHABET[(31 - total) % 31]


@st.composite
def money_texts(draw: st.DrawFn) -> tuple[str, Decimal]:
    """(a written amount, its exact value in yuan)."""
    cents = draw(st.integers(0, 10**15))
    value = Decimal(cents).scaleb(-2)
    form = draw(st.sampled_from(["plain", "commas", "wan", "yi", "yen"]))
    if form == "wan" and cents % 100 == 0:
        text = f"{(value / 10000).normalize():f}万" + draw(st.sampled_from(["", "元"]))
    elif form == "yi" and cents % 100 == 0:
        text = f"{(value / 100000000).normalize():f}亿" + draw(st.sampled_from(["", "元"]))
    elif form == "commas":
        text = f"{value:,.2f}"
    elif form == "yen":
        text = "¥" + f"{value:,}"
    else:
        text = f"{value}"
    if draw(st.booleans()):
        text = to_fullwidth(text)
    return text, value


@st.composite
def date_texts(draw: st.DrawFn) -> tuple[str, dt.date]:
    """(a written date, the date)."""
    day = draw(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2199, 12, 31)))
    y, m, d = day.year, day.month, day.day
    text = draw(
        st.sampled_from(
            [
                f"{y}-{m:02d}-{d:02d}",
                f"{y}/{m}/{d}",
                f"{y}.{m}.{d}",
                f"{y}{m:02d}{d:02d}",
                f"{y}年{m}月{d}日",
            ]
        )
    )
    return text, day


bool_texts = st.sampled_from(
    ["true", "false", "1", "0", "yes", "no", "是", "否", "Y", "N", "TRUE", "No", "", " "]
)
"""Accepted yes/no words (blank included)."""

list_texts = st.lists(st.text("abc123", min_size=1, max_size=5), max_size=5).flatmap(
    lambda items: st.tuples(
        st.just(items),
        st.lists(
            st.sampled_from([";", "；", "、", " ; "]), min_size=len(items), max_size=len(items)
        ),
    )
)
"""(items, separators) to join into a list cell."""

messy_text = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=24
) | st.text("0123456789 .-/年月日万亿元¥,;；、ZLCNXGxzl０１２３．", max_size=24)
"""Arbitrary text, and text made of the characters the parsers care about."""


@st.composite
def patent_rows(draw: st.DrawFn) -> tuple[str, dict[str, str]]:
    """(canonical number, a valid patents exchange row written in any accepted forms)."""
    written, canonical = draw(patent_numbers())
    dates = sorted(draw(st.lists(date_texts(), min_size=2, max_size=2)), key=lambda d: d[1])
    title = draw(
        st.text(
            st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zs", "Zl", "Zp")),
            max_size=12,
        )
    )
    row = {
        "application_no": written,
        "title": title,
        "filing_date": draw(st.sampled_from(["", dates[0][0]])),
        "grant_date": draw(st.sampled_from(["", dates[1][0]])),
        "strategic_emerging": draw(bool_texts),
        "award": draw(st.sampled_from(["", "none", "excellence", "silver", "gold", "Gold"])),
    }
    return canonical, row


# -- a cell of any declared column: valid forms, near misses and garbage ---------------------

_BLANKS = st.sampled_from(["", " ", "\u3000", "\t"])
_SAFE_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=10)


def _padded(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """Text with blanks (also full-width ones) around it, sometimes."""
    return st.tuples(_BLANKS, inner, _BLANKS).map(lambda t: t[0] + t[1] + t[2]) | inner


def _region_codes() -> st.SearchStrategy[str]:
    from ipledger.codes import builtin_regions

    table = builtin_regions()
    current = [
        c
        for c, to in zip(table["code"].to_pylist(), table["valid_to"].to_pylist(), strict=True)
        if to is None
    ]
    retired = [
        c
        for c, s in zip(table["code"].to_pylist(), table["successor_code"].to_pylist(), strict=True)
        if s is not None
    ]
    return (
        st.sampled_from(current[:400])
        | st.sampled_from(retired[:200])
        | st.sampled_from(["999999", "44070", "44070a", "４４０７００"])
    )


def _trademark_numbers() -> st.SearchStrategy[str]:
    return (
        st.integers(1, 999_999_999).map(str)
        | st.integers(1, 9_999_999).map(lambda n: f"G{n}")
        | st.sampled_from(["12 345 678", "g1234567", "A123", "1234567890"])
    )


def _joined(items: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.lists(st.tuples(items, st.sampled_from([";", "；", "、", " ; "])), max_size=4).map(
        lambda parts: "".join(i + s for i, s in parts)
    )


def _money_cells() -> st.SearchStrategy[str]:
    return (
        money_texts().map(lambda t: t[0])
        | st.decimals(min_value=-10, max_value=10**9, places=3, allow_nan=False).map(str)
        | st.sampled_from(["-0", "1.500", "1.505", "abc", "1e5", "1,2,3", "0.001万"])
    )


def _int_cells(bounds: tuple[int, int] | None) -> st.SearchStrategy[str]:
    low, high = bounds or (0, 2**62)
    return st.integers(low - 2, min(high, 10**12) + 2).map(str) | st.sampled_from(
        ["1,200", "+5", "-1", "3.5", "x", "00012"]
    )


def cells(column) -> st.SearchStrategy[str]:
    """Text a file could hold in ``column``: every accepted form of its rule, near misses
    (a wrong check character, an impossible date, a negative amount) and garbage."""
    rule = column.rule
    garbage = messy_text.filter(lambda t: "\x00" not in t)
    if rule in ("text", "indicator"):
        valid = _padded(_SAFE_TEXT)
    elif rule in ("party_ref", "party_id"):
        valid = _padded(credit_codes() | credit_codes().map(str.lower) | _SAFE_TEXT)
    elif rule == "patent_number":
        valid = patent_numbers().map(lambda p: p[0]) | wrong_check_patent_numbers()
    elif rule == "patent_kind":
        valid = st.sampled_from(["", "invention", "utility_model", "design", "Design", "x"])
    elif rule == "trademark_number":
        valid = _trademark_numbers()
    elif rule == "right_no":
        valid = patent_numbers().map(lambda p: p[0]) | _trademark_numbers()
    elif rule == "date":
        valid = date_texts().map(lambda d: d[0]) | st.sampled_from(
            ["2023-02-30", "1899-12-31", "2023-13-01", "2023年5月6日", "20230506"]
        )
    elif rule == "money":
        valid = _money_cells()
    elif rule == "number":
        valid = st.decimals(min_value=-(10**6), max_value=10**6, places=7, allow_nan=False).map(
            str
        ) | st.sampled_from(["1,000.5", "+3", "12.1234567", "x"])
    elif rule == "int":
        valid = _int_cells(column.bounds)
    elif rule == "bool":
        valid = bool_texts | st.sampled_from(["maybe", "2"])
    elif rule == "list":
        valid = _joined(_SAFE_TEXT.filter(lambda t: not any(c in t for c in ";；、")))
    elif rule == "rights":
        valid = _joined(patent_numbers().map(lambda p: p[0]) | _trademark_numbers())
    elif rule in ("enum",):
        tokens = list(column.vocabulary)
        valid = st.sampled_from(tokens + [t.upper() for t in tokens] + ["", "bogus"])
    elif rule == "enum_list":
        tokens = list(column.vocabulary)
        valid = _joined(st.sampled_from(tokens + [t.upper() for t in tokens] + ["bogus"]))
    elif rule == "nice_classes":
        valid = _joined(st.integers(0, 50).map(str) | st.sampled_from(["09", "x"]))
    elif rule == "region":
        valid = _region_codes()
    elif rule == "new_region":
        valid = st.integers(100000, 999999).map(str) | st.sampled_from(["12345", "abcdef"])
    else:  # pragma: no cover - every rule has a strategy
        raise AssertionError(rule)
    return st.one_of(valid, valid, valid, _BLANKS, garbage)
