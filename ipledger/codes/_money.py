"""Money in yuan: exact decimals with 2 places, written as office spreadsheets write it."""

from __future__ import annotations

import re
from decimal import Decimal

from ipledger.codes._text import strip_blanks
from ipledger.errors import ValidationError

__all__ = ["MAX_MONEY", "NEGATIVE_ZERO", "parse_money"]

MAX_MONEY = Decimal("10000000000000000")
"""Amounts must be below this (10^16 yuan: DECIMAL(18, 2))."""

_SHAPE = re.compile(r"([0-9]+)(?:\.([0-9]+))?(万|亿)?")
NEGATIVE_ZERO = r"-(0+(?:\.0+)?(?:万|亿)?)"
"""A zero written with a minus sign (``-0``, ``-0.00``, ``-0万``): zero, not a negative amount
(spreadsheets write it after a subtraction)."""
_NEGATIVE_ZERO = re.compile(NEGATIVE_ZERO)
_SCALE = {None: 0, "万": 4, "亿": 8}


def parse_money(text: str) -> Decimal:
    """Read an amount of yuan: ``12000000``, ``12,000,000.50``, ``1200万元``, ``1.2亿``,
    ``¥3,000``, full-width digits. Never negative (``-0`` is zero); no more than 2 decimal
    places after scaling (nothing is rounded; trailing zeros do not count: ``1.500`` is 1.50).

    Examples:
        >>> parse_money("1.2亿元"), parse_money("¥3,000"), parse_money("１２００万")
        (Decimal('120000000.00'), Decimal('3000.00'), Decimal('12000000.00'))
    """
    compact = strip_blanks(text).replace(",", "").replace(" ", "")
    compact = compact.removeprefix("\u00a5").removesuffix("元")
    zero = _NEGATIVE_ZERO.fullmatch(compact)
    if zero is not None:
        compact = zero[1]
    if compact.startswith("-"):
        raise ValidationError(value=text, reason="money cannot be negative")
    match = _SHAPE.fullmatch(compact)
    if match is None:
        raise ValidationError(value=text, reason="not an amount of money")
    whole, fraction, unit = match.groups()
    shift = _SCALE[unit]
    if len((fraction or "").rstrip("0")) - shift > 2:  # 1.50 and 1.500 are both 1.50
        raise ValidationError(value=text, reason="more than 2 decimal places")
    amount = Decimal(f"{whole}.{fraction or '0'}").scaleb(shift)
    if amount >= MAX_MONEY:
        raise ValidationError(value=text, reason="amount too large")
    return amount.quantize(Decimal("0.01"))
