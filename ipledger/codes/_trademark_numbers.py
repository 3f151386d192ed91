"""Trademark registration numbers (商标注册号)."""

from __future__ import annotations

import re

from ipledger.codes._text import strip_blanks
from ipledger.errors import ValidationError

__all__ = ["parse_trademark_number"]

_SHAPE = re.compile(r"G?[0-9]{1,9}")


def parse_trademark_number(text: str) -> str:
    """Read a trademark registration number: 1–9 digits, or ``G`` + digits for an
    international (Madrid) registration. Spaces are dropped and leading zeros kept as written
    (the number is an identifier, not a quantity).

    Examples:
        >>> parse_trademark_number(" 1234 5678 "), parse_trademark_number("g1234567")
        ('12345678', 'G1234567')
    """
    compact = strip_blanks(text).upper().replace(" ", "")
    if not _SHAPE.fullmatch(compact):
        raise ValidationError(value=text, reason="not a trademark registration number")
    return compact
