"""Numbers as the bureau writes them: 12.62亿元, 1200万元, 6951件, 增长156.8%, 全国第十四.

Chinese forms follow the seed articles: amounts of money in 元 / 万元 / 亿元 with at most two
decimals and no trailing zeros, counts as plain digits (万 from 100,000 on), changes as
"增长 / 下降 x%" with at most two decimals ("增长16.85%", "增长13%"), ranks in Chinese numerals
("第一百零三"). English forms say the same thing
("CNY 1.26 billion", "up 16.85%", "14th"). Decimals and the 万 / 亿 thresholds are a
bureau's `ReportSettings`.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple

from ipledger.model import Unit
from ipledger.report._settings import DEFAULT_REPORT_SETTINGS, ReportSettings

__all__ = [
    "MONEY_SCALES",
    "WAN",
    "MoneyScale",
    "chinese_numeral",
    "english_ordinal",
    "format_amount",
    "format_change",
    "format_count_en",
    "format_count_zh",
    "format_decimal",
    "format_money_en",
    "format_money_zh",
    "format_percent",
    "format_rank",
    "money_scale",
]

_DIGITS = "零一二三四五六七八九"
_SMALL_UNITS = ("", "十", "百", "千")
_ZH_SCALES = ((Decimal(10) ** 8, "亿"), (Decimal(10) ** 4, "万"))
_EN_SCALES = ((Decimal(10) ** 9, "billion"), (Decimal(10) ** 6, "million"))


class MoneyScale(NamedTuple):
    """A scale money is shown in by tables and chart axes: the divisor, the Chinese prefix of
    元 (万) and the English words after CNY (10,000)."""

    divisor: int
    zh: str
    en: str

    def label(self, unit: Unit, lang: str) -> str:
        """The scaled unit as a column or axis names it: 万元, CNY 10,000.

        Examples:
            >>> from ipledger.model import UNITS
            >>> WAN.label(UNITS["yuan"], "zh"), WAN.label(UNITS["yuan"], "en")
            ('万元', 'CNY 10,000')
        """
        name = unit.label(lang)
        return f"{self.zh}{name}" if lang == "zh" else f"{name} {self.en}".rstrip()


WAN = MoneyScale(10**4, "万", "10,000")
"""万元: the scale the bureau's tables show money in."""
MONEY_SCALES = (MoneyScale(10**8, "亿", "100 million"), WAN, MoneyScale(1, "", ""))
"""The scales of `money_scale`, largest first: 亿元, 万元, 元."""


def _decimal(value: float | int | Decimal) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value))


def format_decimal(value: float | int | Decimal, places: int = 2) -> str:
    """``value`` rounded half up to ``places`` decimals, trailing zeros dropped, no separators.

    Examples:
        >>> format_decimal(12.6249), format_decimal(199.0), format_decimal(16.9203, 1)
        ('12.62', '199', '16.9')
    """
    quantum = Decimal(1).scaleb(-places)
    text = f"{_decimal(value).quantize(quantum, rounding=ROUND_HALF_UP):f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _section(n: int) -> str:
    """Chinese numeral of 1..9999, with 零 for inner zero runs (一千零一十五)."""
    digits = f"{n:04d}"
    out: list[str] = []
    zero_pending = False
    started = False
    for position, char in enumerate(digits):
        digit = int(char)
        unit = _SMALL_UNITS[3 - position]
        if digit == 0:
            zero_pending = started
            continue
        if zero_pending:
            out.append("零")
            zero_pending = False
        out.append(_DIGITS[digit] + unit)
        started = True
    return "".join(out)


def chinese_numeral(n: int) -> str:
    """``n`` (0 to 99,999,999) in Chinese numerals as ranks are written: 十四, 二十一, 一百零三.

    Examples:
        >>> [chinese_numeral(n) for n in (1, 10, 14, 21, 103, 110, 333, 10001)]
        ['一', '十', '十四', '二十一', '一百零三', '一百一十', '三百三十三', '一万零一']
    """
    if not 0 <= n < 10**8:
        raise ValueError(f"chinese_numeral takes 0 to 99,999,999, not {n}")
    if n == 0:
        return "零"
    high, low = divmod(n, 10_000)
    text = ""
    if high:
        text = _section(high) + "万"
        if low and low < 1000:
            text += "零"
    if low:
        text += _section(low)
    if text.startswith("一十"):
        text = text[1:]  # 十四, not 一十四 (but 一百一十 keeps its 一)
    return text


def english_ordinal(n: int) -> str:
    """``n`` as an English ordinal.

    Examples:
        >>> [english_ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 103, 111)]
        ['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '103rd', '111th']
    """
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _scaled(
    value: Decimal,
    places: int,
    scales: tuple[tuple[Decimal, Decimal, str], ...],
    *,
    rounded: bool = True,
) -> tuple[Decimal, str] | None:
    """``value`` in the first scale ``(from, divisor, unit)`` it reaches (largest first), or
    ``None`` below them all. A value reaches a scale from ``from`` on; with ``rounded`` also
    when, written to ``places`` in the scale below, it would read ``from`` or more
    (99,999,999.99 yuan is 1亿, not 10000万; 9,999.999 is 1万, not 10000元); never as a zero
    (a 亿 from 1000万 with no decimals leaves 1000万 in 万)."""
    quantum = Decimal(1).scaleb(-places)
    for k, (start, divisor, unit) in enumerate(scales):
        scaled = (abs(value) / divisor).quantize(quantum, rounding=ROUND_HALF_UP)
        below = scales[k + 1][1] if k + 1 < len(scales) else Decimal(1)
        shown_below = (abs(value) / below).quantize(quantum, rounding=ROUND_HALF_UP) * below
        reached = abs(value) >= start or (rounded and shown_below >= start)
        if reached and scaled > 0:
            return scaled, unit
    return None


def format_money_zh(
    yuan: float | int | Decimal,
    places: int = 2,
    *,
    wan_from: float | int | Decimal = 10**4,
    yi_from: float | int | Decimal = 10**8,
) -> str:
    """An amount of yuan as the bureau writes it: 元 below ``wan_from``, then 万元, from
    ``yi_from`` 亿元, with at most ``places`` decimals. `ipledger.codes.parse_money`
    reads the result back.

    Examples:
        >>> format_money_zh(1_262_000_000), format_money_zh(12_000_000), format_money_zh(3000)
        ('12.62亿元', '1200万元', '3000元')
        >>> format_money_zh(19_900_000_000), format_money_zh(99_999_999.99)
        ('199亿元', '1亿元')
        >>> format_money_zh(12_000_000, wan_from=10**8), format_money_zh(1_262_000_000, 1)
        ('12000000元', '12.6亿元')
    """
    value = _decimal(yuan)
    sign = "-" if value < 0 else ""
    scales = (
        (_decimal(yi_from), _ZH_SCALES[0][0], "亿"),
        (_decimal(wan_from), _ZH_SCALES[1][0], "万"),
    )
    found = _scaled(value, places, scales)
    if found is not None:
        return f"{sign}{format_decimal(found[0], places)}{found[1]}元"
    return f"{sign}{format_decimal(abs(value), places)}元"


def format_count_zh(
    count: float | int | Decimal,
    word: str = "",
    places: int = 2,
    *,
    wan_from: float | int | Decimal = 100_000,
    yi_from: float | int | Decimal = 10**8,
) -> str:
    """A count with its measure word: digits below ``wan_from`` (6951件), then 万, from
    ``yi_from`` 亿, with at most two decimals (51.6万件); fractional values (per 10,000
    people) keep at most ``places`` decimals.

    Examples:
        >>> format_count_zh(6951, "件"), format_count_zh(516_000, "件")
        ('6951件', '51.6万件')
        >>> format_count_zh(16.924, "件"), format_count_zh(28_000, "件", wan_from=10_000)
        ('16.92件', '2.8万件')
    """
    value = _decimal(count)
    scales = (
        (_decimal(yi_from), _ZH_SCALES[0][0], "亿"),
        (_decimal(wan_from), _ZH_SCALES[1][0], "万"),
    )
    found = _scaled(value, 2, scales, rounded=False)
    if found is not None:
        sign = "-" if value < 0 else ""
        return f"{sign}{format_decimal(found[0])}{found[1]}{word}"
    return f"{format_decimal(value, places)}{word}"


def format_money_en(yuan: float | int | Decimal, places: int = 2) -> str:
    """An amount of yuan in English: CNY with thousands separators, millions or billions,
    with at most ``places`` decimals.

    Examples:
        >>> format_money_en(1_262_000_000), format_money_en(12_000_000), format_money_en(3000)
        ('CNY 1.26 billion', 'CNY 12 million', 'CNY 3,000')
    """
    value = _decimal(yuan)
    found = _scaled(value, places, tuple((scale, scale, unit) for scale, unit in _EN_SCALES))
    if found is not None:
        sign = "-" if value < 0 else ""
        return f"CNY {sign}{format_decimal(found[0], places)} {found[1]}"
    return f"CNY {format_count_en(value, places)}"


def format_count_en(count: float | int | Decimal, places: int = 2) -> str:
    """A count with thousands separators (at most ``places`` decimals for fractional values).

    Examples:
        >>> format_count_en(6951), format_count_en(16.924), format_count_en(1_234_567.0)
        ('6,951', '16.92', '1,234,567')
    """
    text = format_decimal(count, places)
    whole, _, fraction = text.partition(".")
    sign = "-" if whole.startswith("-") else ""
    grouped = f"{int(whole.lstrip('-')):,}"
    return sign + grouped + (f".{fraction}" if fraction else "")


def format_amount(
    value: float | int | Decimal,
    unit: Unit,
    word: str,
    lang: str = "zh",
    settings: ReportSettings = DEFAULT_REPORT_SETTINGS,
) -> str:
    """A figure in its indicator's `Unit` for a sentence: money in
    元 / 万元 / 亿元 (CNY million / billion), anything else to the unit's decimals followed by
    its suffix; ``word`` is the indicator's Chinese measure word (件, 笔, 家); ``settings``
    give the decimals and the 万 / 亿 thresholds.

    Examples:
        >>> from ipledger.model import UNITS
        >>> format_amount(19.9e9, UNITS["yuan"], ""), format_amount(732, UNITS["count"], "笔")
        ('199亿元', '732笔')
        >>> format_amount(19.9e9, UNITS["yuan"], "", "en")
        'CNY 19.9 billion'
        >>> format_amount(58, UNITS["days"], "", "en"), format_amount(58, UNITS["days"], "")
        ('58 days', '58天')
    """
    places = settings.decimals(unit)
    if unit.money:
        if lang != "zh":
            return format_money_en(value, places)
        return format_money_zh(
            value, places, wan_from=settings.money_wan_from, yi_from=settings.money_yi_from
        )
    if lang == "zh":
        return format_count_zh(
            value,
            unit.suffix(lang, word),
            places,
            wan_from=settings.count_wan_from,
            yi_from=settings.count_yi_from,
        )
    return format_count_en(value, places) + unit.suffix(lang, word)


def money_scale(top: float) -> MoneyScale:
    """The largest of `MONEY_SCALES` that keeps amounts up to ``top`` yuan at 1 or more.

    Examples:
        >>> [money_scale(top).zh for top in (1.99e10, 3e5, 800)]
        ['亿', '万', '']
    """
    return next(s for s in MONEY_SCALES if abs(top) >= s.divisor or s.divisor == 1)


def format_percent(value: float | int | Decimal, places: int = 1) -> str:
    """A percentage with ``places`` decimals (zeros kept, as tables print them).

    Examples:
        >>> format_percent(156.842), format_percent(16.85, 2), format_percent(100)
        ('156.8%', '16.85%', '100.0%')
    """
    quantum = Decimal(1).scaleb(-places)
    return f"{_decimal(value).quantize(quantum, rounding=ROUND_HALF_UP):f}%"


def format_change(yoy_pct: float | None, lang: str = "zh", places: int = 2) -> str | None:
    """A year-on-year change as a sentence writes it, with at most ``places`` decimals:
    ``增长156.84%`` / ``下降3.2%`` / ``增长13%`` / ``持平`` (``up 156.84%``, ``down 3.2%``,
    ``unchanged``); ``None`` when there is no change to tell.

    Examples:
        >>> format_change(156.842), format_change(-3.2), format_change(0.004), format_change(None)
        ('增长156.84%', '下降3.2%', '持平', None)
        >>> format_change(13.0), format_change(16.8521), format_change(156.842, places=1)
        ('增长13%', '增长16.85%', '增长156.8%')
        >>> format_change(156.842, "en"), format_change(-3.25, "en", 1)
        ('up 156.84%', 'down 3.3%')
    """
    if yoy_pct is None:
        return None
    shown = format_decimal(abs(yoy_pct), places) + "%"
    if Decimal(shown[:-1]) == 0:
        return "持平" if lang == "zh" else "unchanged"
    if lang == "zh":
        return ("增长" if yoy_pct > 0 else "下降") + shown
    return ("up " if yoy_pct > 0 else "down ") + shown


def format_rank(
    national: int | None,
    parent: int | None,
    *,
    lang: str = "zh",
    parent_scope: str = "全省",
) -> str | None:
    """Where a region stands: ``排名全国第十四、全省第三``, ``居全省第一位``,
    ``居全省第三位`` (only the provincial rank), ``居全国第五位`` (only the national one).

    ``parent_scope`` is how the parent is named (全省, 全市 for a municipality, 全区).

    Examples:
        >>> format_rank(14, 3), format_rank(4, 1), format_rank(None, 3), format_rank(5, None)
        ('排名全国第十四、全省第三', '居全省第一位、全国第四位', '居全省第三位', '居全国第五位')
        >>> format_rank(1, 1)
        '居全国、全省第一位'
        >>> format_rank(14, 3, lang="en"), format_rank(None, 1, lang="en")
        ('14th nationally and 3rd in the province', '1st in the province')
    """
    if lang != "zh":
        if national == 1 and parent == 1:
            return "1st nationally and in the province"
        parts = []
        if parent is not None and parent == 1:
            parts.append(f"{english_ordinal(parent)} in the province")
        if national is not None:
            parts.append(f"{english_ordinal(national)} nationally")
        if parent is not None and parent != 1:
            parts.append(f"{english_ordinal(parent)} in the province")
        return " and ".join(parts) or None
    national_zh = None if national is None else f"全国第{chinese_numeral(national)}"
    parent_zh = None if parent is None else f"{parent_scope}第{chinese_numeral(parent)}"
    if national_zh and parent_zh:
        if parent == 1 and national == 1:
            return f"居全国、{parent_scope}第一位"
        if parent == 1:
            return f"居{parent_zh}位、{national_zh}位"
        return f"排名{national_zh}、{parent_zh}"
    if national_zh or parent_zh:
        return f"居{national_zh or parent_zh}位"
    return None
