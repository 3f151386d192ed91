"""Numbers as the bureau writes them: 万/亿, percentages, ranks in Chinese numerals."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

__all__ = [
    "en_amount",
    "en_change",
    "en_ordinal",
    "zh_amount",
    "zh_change",
    "zh_count",
    "zh_numeral",
    "zh_rank",
]

_DIGITS = "零一二三四五六七八九"
_UNITS = ((1000, "千"), (100, "百"), (10, "十"))


def _trim(value: float, places: int) -> str:
    """``value`` rounded half-up to ``places`` decimals, trailing zeros dropped."""
    quantum = Decimal(1).scaleb(-places)
    text = f"{Decimal(repr(value)).quantize(quantum, rounding=ROUND_HALF_UP):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def zh_numeral(n: int) -> str:
    """1..9999 in Chinese numerals as the articles write ranks: 一, 十, 十四, 二十一, 一百零三.

    Examples:
        >>> [zh_numeral(n) for n in (1, 3, 10, 14, 21, 103, 110, 2024)]
        ['一', '三', '十', '十四', '二十一', '一百零三', '一百一十', '二千零二十四']
    """
    if not 1 <= n <= 9999:
        raise ValueError(f"only 1..9999 are written in Chinese numerals here, not {n}")
    parts: list[str] = []
    rest = n
    zero_pending = False
    for value, unit in _UNITS:
        digit, rest = divmod(rest, value)
        if digit:
            if zero_pending:
                parts.append("零")
                zero_pending = False
            if not (unit == "十" and digit == 1 and not parts):
                parts.append(_DIGITS[digit])
            parts.append(unit)
        elif parts:
            zero_pending = True
    if rest:
        if zero_pending:
            parts.append("零")
        parts.append(_DIGITS[rest])
    return "".join(parts)


def zh_amount(yuan: float) -> str:
    """Money as the articles write it: 12.62亿元, 146万元, 3500元.

    Examples:
        >>> zh_amount(1_262_000_000), zh_amount(19_900_000_000)
        ('12.62亿元', '199亿元')
        >>> zh_amount(1_460_000), zh_amount(880)
        ('146万元', '880元')
    """
    if abs(yuan) >= 1e8:
        return f"{_trim(yuan / 1e8, 2)}亿元"
    if abs(yuan) >= 1e4:
        return f"{_trim(yuan / 1e4, 2)}万元"
    return f"{_trim(yuan, 2)}元"


def zh_count(n: float, unit: str = "件") -> str:
    """A count with its measure word; large ones in 万: 6951件, 110386件, 51.6万件.

    Examples:
        >>> zh_count(6951), zh_count(516000), zh_count(732, "笔")
        ('6951件', '51.6万件', '732笔')
    """
    if abs(n) >= 500_000:
        return f"{_trim(n / 1e4, 2)}万{unit}"
    return f"{_trim(n, 2)}{unit}"


def zh_change(pct: float | None) -> str:
    """Year-on-year change: 同比增长156.8% / 同比下降3.2% / 与上年持平; empty when unknown.

    One decimal from 100% on, two below, as the articles write them: 156.8%, 57.33%, 45%.

    Examples:
        >>> zh_change(156.84), zh_change(57.33), zh_change(-3.2), zh_change(0.0)
        ('同比增长156.8%', '同比增长57.33%', '同比下降3.2%', '与上年持平')
    """
    if pct is None:
        return ""
    if round(pct, 2) == 0:
        return "与上年持平"
    word = "增长" if pct > 0 else "下降"
    return f"同比{word}{_pct_text(abs(pct))}%"


def _pct_text(pct: float) -> str:
    return _trim(pct, 1 if pct >= 100 else 2)


def zh_rank(rank_parent: int | None, rank_national: int | None) -> str:
    """The rank phrase: 排名全国第十四、全省第三 / 居全省第一位; empty when unranked.

    Examples:
        >>> zh_rank(3, 14), zh_rank(1, None)
        ('排名全国第十四、全省第三', '居全省第一位')
    """
    if rank_national is not None and rank_parent is not None and rank_national <= 30:
        return f"排名全国第{zh_numeral(rank_national)}、全省第{zh_numeral(rank_parent)}"
    if rank_parent is not None and rank_parent <= 5:
        return f"居全省第{zh_numeral(rank_parent)}位"
    return ""


def en_amount(yuan: float) -> str:
    """Money in English: CNY 1.26 billion, CNY 1.46 million.

    Examples:
        >>> en_amount(1_262_000_000), en_amount(1_460_000)
        ('CNY 1.26 billion', 'CNY 1.46 million')
    """
    if abs(yuan) >= 1e9:
        return f"CNY {_trim(yuan / 1e9, 2)} billion"
    if abs(yuan) >= 1e6:
        return f"CNY {_trim(yuan / 1e6, 2)} million"
    return f"CNY {yuan:,.0f}"


def en_change(pct: float | None) -> str:
    """Year-on-year change in English: up 156.8% year on year.

    Examples:
        >>> en_change(-3.2)
        'down 3.2% year on year'
    """
    if pct is None:
        return ""
    if round(pct, 2) == 0:
        return "unchanged year on year"
    return f"{'up' if pct > 0 else 'down'} {_pct_text(abs(pct))}% year on year"


def en_ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 14th, 21st, 112th.

    Examples:
        >>> [en_ordinal(n) for n in (1, 2, 3, 11, 14, 21, 112)]
        ['1st', '2nd', '3rd', '11th', '14th', '21st', '112th']
    """
    suffix = "th" if 11 <= n % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
