"""Chinese number formatting: 万/亿, percentages, ranks in Chinese numerals."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ipledger.codes import parse_money
from ipledger.report import zh_amount, zh_change, zh_count, zh_numeral, zh_rank
from ipledger.report._numbers import en_ordinal

DIGIT = {c: i for i, c in enumerate("零一二三四五六七八九")}
UNIT = {"十": 10, "百": 100, "千": 1000}


def parse_numeral(text: str) -> int:
    """A small reader of Chinese numerals 1..9999, to check zh_numeral against."""
    total, digit = 0, None
    for ch in text:
        if ch in DIGIT:
            digit = DIGIT[ch]
        else:
            total += (1 if digit is None else digit) * UNIT[ch]
            digit = None
    return total + (digit or 0)


@pytest.mark.parametrize(
    ("n", "text"),
    [
        (1, "一"),
        (3, "三"),
        (10, "十"),
        (14, "十四"),
        (21, "二十一"),
        (100, "一百"),
        (103, "一百零三"),
        (110, "一百一十"),
        (333, "三百三十三"),
        (1001, "一千零一"),
    ],
)
def test_numerals_as_articles_write_them(n, text):
    """第三, 第十四, 第二十一 ... as the articles write ranks."""
    assert zh_numeral(n) == text


@given(st.integers(1, 9999))
def test_numeral_round_trips(n):
    """Every numeral 1..9999 reads back as its number."""
    assert parse_numeral(zh_numeral(n)) == n


@pytest.mark.parametrize(
    ("yuan", "text"),
    [
        (1_262_000_000, "12.62亿元"),
        (19_900_000_000, "199亿元"),
        (21_000_000_000, "210亿元"),
        (215_000_000, "2.15亿元"),
        (1_460_000, "146万元"),
        (26_000_000, "2600万元"),
        (880, "880元"),
    ],
)
def test_amounts_as_articles_write_them(yuan, text):
    """12.62亿元, 199亿元, 146万元 as in the seed articles."""
    assert zh_amount(yuan) == text


@given(st.integers(0, 10**15))
def test_amount_reads_back_within_shown_precision(cents):
    """zh_amount's text parses back (parse_money) to the value within the precision shown."""
    yuan = cents / 100
    text = zh_amount(yuan)
    back = parse_money(text)
    unit = Decimal("1e8") if "亿" in text else Decimal("1e4") if "万" in text else Decimal(1)
    assert abs(back - Decimal(repr(yuan))) <= unit * Decimal("0.005") + Decimal("0.005")


@pytest.mark.parametrize(
    ("pct", "text"),
    [
        (156.84, "同比增长156.8%"),
        (124.91, "同比增长124.9%"),
        (57.33, "同比增长57.33%"),
        (25.72, "同比增长25.72%"),
        (45.0, "同比增长45%"),
        (-3.2, "同比下降3.2%"),
        (0.0, "与上年持平"),
        (None, ""),
    ],
)
def test_changes(pct, text):
    """同比增长156.8% / 同比下降3.2% / 与上年持平."""
    assert zh_change(pct) == text


@given(st.floats(-99.99, 10_000, allow_nan=False).filter(lambda p: round(p, 2) != 0))
def test_change_reads_back(pct):
    """The percentage in the text is the value rounded as shown."""
    text = zh_change(pct)
    number = float(re.search(r"([0-9.]+)%", text).group(1))
    assert abs(number - abs(pct)) <= (0.05 if abs(pct) >= 100 else 0.005) + 1e-9
    assert ("增长" in text) == (pct > 0)


def test_ranks_and_counts():
    """排名全国第十四、全省第三; 居全省第一位; 51.6万件."""
    assert zh_rank(3, 14) == "排名全国第十四、全省第三"
    assert zh_rank(1, 18) == "排名全国第十八、全省第一"
    assert zh_rank(1, 120) == "居全省第一位"
    assert zh_rank(None, None) == ""
    assert zh_count(516_000) == "51.6万件"
    assert zh_count(110_386) == "110386件"
    assert [en_ordinal(n) for n in (1, 12, 22)] == ["1st", "12th", "22nd"]
