"""Numbers as the bureau writes them: 万/亿 amounts, changes, ranks in Chinese numerals."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ipledger.codes import parse_money
from ipledger.model import UNITS
from ipledger.report._numbers import (
    chinese_numeral,
    english_ordinal,
    format_amount,
    format_change,
    format_count_en,
    format_count_zh,
    format_money_en,
    format_money_zh,
    format_rank,
    money_scale,
)

_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")}
_UNITS = {"十": 10, "百": 100, "千": 1000}


def parse_chinese_numeral(text: str) -> int:
    """A small, independent reader of Chinese numerals below 10^8 (一万零一, 一百零三, 十四)."""
    if "万" in text:
        high, low = text.split("万")
        return parse_chinese_numeral(high) * 10_000 + (parse_chinese_numeral(low) if low else 0)
    total, digit = 0, None
    for char in text:
        if char in _DIGITS:
            digit = _DIGITS[char]
        else:
            total += (1 if digit is None else digit) * _UNITS[char]
            digit = None
    return total + (digit or 0)


@pytest.mark.parametrize(
    ("n", "text"),
    [
        (1, "一"),
        (3, "三"),
        (10, "十"),
        (11, "十一"),
        (14, "十四"),
        (20, "二十"),
        (21, "二十一"),
        (33, "三十三"),
        (100, "一百"),
        (103, "一百零三"),
        (110, "一百一十"),
        (115, "一百一十五"),
        (153, "一百五十三"),
        (333, "三百三十三"),
        (1001, "一千零一"),
        (1010, "一千零一十"),
        (10_001, "一万零一"),
        (100_015, "十万零一十五"),
    ],
)
def test_numerals_as_the_articles_write_ranks(n, text):
    """第一, 第三, 第十, 第十四, 第二十一, 第一百零三 ... as bureau articles write them."""
    assert chinese_numeral(n) == text


@given(st.integers(1, 999))
def test_numerals_1_to_999_round_trip(n):
    """Every numeral 1..999 reads back as its number through an independent parser."""
    assert parse_chinese_numeral(chinese_numeral(n)) == n


@given(st.integers(0, 10**8 - 1))
def test_large_numerals_round_trip_and_have_no_double_zero(n):
    """Up to 99,999,999 too; a run of zeros is one 零, never at the end."""
    text = chinese_numeral(n)
    assert parse_chinese_numeral(text) == n or (n == 0 and text == "零")
    assert "零零" not in text
    assert n == 0 or not text.endswith("零")


def test_numerals_outside_range_are_refused():
    """Negative numbers and 10^8 have no numeral here."""
    with pytest.raises(ValueError, match="99,999,999"):
        chinese_numeral(-1)
    with pytest.raises(ValueError, match="99,999,999"):
        chinese_numeral(10**8)


@pytest.mark.parametrize(
    ("yuan", "text"),
    [
        (1_262_000_000, "12.62亿元"),  # 质押融资12.62亿元
        (19_900_000_000, "199亿元"),  # 质押登记金额199亿元
        (21_000_000_000, "210亿元"),
        (215_000_000, "2.15亿元"),  # 保额2.15亿元
        (12_000_000, "1200万元"),
        (1_460_000, "146万元"),  # 追赃挽损146万元
        (39_600, "3.96万元"),  # 资助资金3.96万元
        (70_430_500, "7043.05万元"),  # 罚没款7043.05万元
        (853_990_000_000, "8539.9亿元"),
        (3000, "3000元"),
        (0.5, "0.5元"),
        (0, "0元"),
        (99_999_999.99, "1亿元"),  # rounding carries into the next unit
        (9_999.999, "1万元"),
    ],
)
def test_money_as_the_articles_write_it(yuan, text):
    """元 below 10,000, 万元, 亿元; at most two decimals, no trailing zeros."""
    assert format_money_zh(yuan) == text


@given(st.integers(0, 10**16 - 1))
def test_money_reads_back_within_the_shown_precision(cents):
    """parse_money(format_money_zh(v)) is v to within half the last shown digit."""
    value = Decimal(cents) / 100
    text = format_money_zh(value)
    back = parse_money(text)
    unit = Decimal(10**8) if "亿" in text else Decimal(10**4) if "万" in text else Decimal(1)
    assert abs(back - value) <= unit * Decimal("0.005")


@given(st.floats(0, 1e15, allow_nan=False, allow_infinity=False))
def test_money_from_floats_reads_back_too(yuan):
    """The engine's money comes as floats; those read back the same way."""
    text = format_money_zh(yuan)
    back = parse_money(text)
    unit = Decimal(10**8) if "亿" in text else Decimal(10**4) if "万" in text else Decimal(1)
    assert abs(back - Decimal(str(yuan))) <= unit * Decimal("0.005") + Decimal("0.01")


@pytest.mark.parametrize(
    ("count", "word", "text"),
    [
        (6951, "件", "6951件"),  # 有效发明专利6951件
        (732, "笔", "732笔"),
        (99_999, "件", "99999件"),
        (110_386, "件", "11.04万件"),
        (516_000, "件", "51.6万件"),  # 有效商标注册量达到51.6万件
        (313_000, "户", "31.3万户"),
        (16.924, "件", "16.92件"),  # per 10,000 people
        (0, "件", "0件"),
    ],
)
def test_counts(count, word, text):
    """Digits below 100,000, then 万 with at most two decimals."""
    assert format_count_zh(count, word) == text


@pytest.mark.parametrize(
    ("pct", "zh", "en"),
    [
        (156.8421, "增长156.84%", "up 156.84%"),
        (124.91, "增长124.91%", "up 124.91%"),
        (16.8521, "增长16.85%", "up 16.85%"),  # 新乡: 较去年同期增长16.85%
        (13.0, "增长13%", "up 13%"),  # 新乡: 同比增长13%
        (-3.2, "下降3.2%", "down 3.2%"),
        (-0.004, "持平", "unchanged"),
        (0.0, "持平", "unchanged"),
        (100.0, "增长100%", "up 100%"),
        (None, None, None),
    ],
)
def test_changes(pct, zh, en):
    """同比增长16.85% / 同比下降3.2% / 持平 (at most two decimals, the seed articles' usage),
    and the English equivalents."""
    assert format_change(pct) == zh
    assert format_change(pct, "en") == en


@given(st.floats(-100, 10_000, allow_nan=False).filter(lambda p: abs(p) >= 0.05))
def test_change_text_is_the_rounded_value(pct):
    """The percentage shown is the value rounded to one decimal, with its direction."""
    text = format_change(pct)
    shown = Decimal(re.fullmatch(r"(增长|下降)([0-9.]+)%", text).group(2))
    assert abs(shown - Decimal(str(abs(pct)))) <= Decimal("0.05")
    assert text.startswith("增长") == (pct > 0)


def test_two_place_changes_as_some_articles_write_them():
    """同比增长16.85%: two decimals when asked for."""
    assert format_change(16.85, places=2) == "增长16.85%"


@pytest.mark.parametrize(
    ("national", "parent", "zh", "en"),
    [
        (14, 3, "排名全国第十四、全省第三", "14th nationally and 3rd in the province"),
        (12, 5, "排名全国第十二、全省第五", "12th nationally and 5th in the province"),
        (4, 1, "居全省第一位、全国第四位", "1st in the province and 4th nationally"),
        (1, 1, "居全国、全省第一位", "1st nationally and in the province"),
        (None, 3, "居全省第三位", "3rd in the province"),  # 均居全省第三位
        (None, 1, "居全省第一位", "1st in the province"),  # 居全省第一位
        (103, None, "居全国第一百零三位", "103rd nationally"),
        (None, None, None, None),
    ],
)
def test_ranks(national, parent, zh, en):
    """Ranks in the articles' words, Chinese numerals included."""
    assert format_rank(national, parent) == zh
    assert format_rank(national, parent, lang="en") == en


def test_rank_in_a_municipality():
    """A district of 北京市 ranks 全市, not 全省."""
    assert format_rank(None, 2, parent_scope="全市") == "居全市第二位"


@pytest.mark.parametrize(
    ("n", "text"), [(1, "1st"), (2, "2nd"), (3, "3rd"), (11, "11th"), (13, "13th"), (22, "22nd")]
)
def test_english_ordinals(n, text):
    """1st, 2nd, 3rd, 11th ..."""
    assert english_ordinal(n) == text


def test_english_amounts():
    """CNY millions and billions, counts with separators."""
    assert format_money_en(1_262_000_000) == "CNY 1.26 billion"
    assert format_money_en(12_000_000) == "CNY 12 million"
    assert format_money_en(999.5) == "CNY 999.5"
    assert format_count_en(110_386) == "110,386"


def test_amounts_by_unit():
    """A figure in its indicator's unit, as a sentence writes it: the unit's suffix and
    decimals, money in 万元 / 亿元."""
    assert format_amount(19.9e9, UNITS["yuan"], "") == "199亿元"
    assert format_amount(58.0, UNITS["days"], "件") == "58天"
    assert format_amount(58.5, UNITS["days"], "件") == "58.5天"
    assert format_amount(16.924, UNITS["per_10k"], "件") == "16.92件"
    assert format_amount(732, UNITS["count"], "笔") == "732笔"
    assert format_amount(58.0, UNITS["days"], "", "en") == "58 days"
    assert format_amount(6951, UNITS["count"], "件", "en") == "6,951"


@given(st.floats(0, 1e13, allow_nan=False))
def test_money_scale_keeps_amounts_readable(top):
    """The scale chosen for an axis leaves the largest amount at 1 or more (or is 元)."""
    scale = money_scale(top)
    assert top / scale.divisor >= 1 or scale.divisor == 1
    assert scale.label(UNITS["yuan"], "zh").endswith("元")


@given(
    cents=st.integers(0, 10**14),
    places=st.integers(0, 4),
    wan=st.sampled_from([10**3, 10**4, 10**5]),
    yi=st.sampled_from([10**7, 10**8, 10**9]),
)
def test_money_with_a_bureaus_thresholds_and_decimals_reads_back(cents, places, wan, yi):
    """Any decimals and 万 / 亿 thresholds: the text reads back to within half its last digit,
    in the scale the thresholds give."""
    value = Decimal(cents) / 100
    text = format_money_zh(value, places, wan_from=wan, yi_from=yi)
    back = parse_money(text)
    unit = Decimal(10**8) if "亿" in text else Decimal(10**4) if "万" in text else Decimal(1)
    assert abs(back - value) <= unit * Decimal(5).scaleb(-places - 1)
    if value >= yi and round(value / 10**8, places) > 0:
        assert "亿" in text
    if value < wan * Decimal("0.99"):
        assert "万" not in text and "亿" not in text


@given(count=st.integers(0, 10**12), wan=st.sampled_from([10**4, 10**5, 10**6]))
def test_counts_follow_the_wan_threshold(count, wan):
    """Counts are digits below the bureau's 万 threshold, exactly; 万 / 亿 from it on."""
    text = format_count_zh(count, "件", wan_from=wan)
    if count < wan:
        assert text == f"{count}件"
    else:
        assert ("万" in text or "亿" in text) and text.endswith("件")
