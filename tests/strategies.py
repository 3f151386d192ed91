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
        ]
    else:
        forms = [f"{digits}.{check}", canonical]
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
    """A valid unified social credit code."""
    head = draw(st.text("0123456789", min_size=8, max_size=8))
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
