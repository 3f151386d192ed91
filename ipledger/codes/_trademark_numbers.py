"""Trademark registration numbers (商标注册号)."""

from __future__ import annotations

import re

from ipledger.codes._text import strip_blanks
from ipledger.errors import ValidationError

__all__ = ["TRADEMARK_LABEL_PATTERN", "TRADEMARK_SHAPE_PATTERN", "parse_trademark_number"]

TRADEMARK_LABEL_PATTERN = "^(商标注册证|商标注册号|注册号)?:?第?|号$"
"""What surrounds a number as certificates and notices write it (``商标注册证第9988776号``),
dropped."""
TRADEMARK_SHAPE_PATTERN = "^(G[0-9]{1,9}[A-Z]?|[0-9]{1,9}[A-Z]{0,2})$"
"""1–9 digits with up to two letters of suffix (``12345678A``, ``12345678AA``: marks split or
re-registered), or ``G`` + digits (+ a letter) for an international (Madrid) registration."""

_LABEL = re.compile(TRADEMARK_LABEL_PATTERN)
_SHAPE = re.compile(TRADEMARK_SHAPE_PATTERN)


def parse_trademark_number(text: str) -> str:
    """Read a trademark registration number: 1–9 digits, maybe with a one- or two-letter
    suffix, or ``G`` + digits for an international (Madrid) registration; ``第…号`` and a
    certificate label around it are dropped. Spaces are dropped, letters upper-cased and
    leading zeros kept as written (the number is an identifier, not a quantity).

    Examples:
        >>> parse_trademark_number(" 1234 5678 "), parse_trademark_number("g602365a")
        ('12345678', 'G602365A')
        >>> parse_trademark_number("商标注册证第9988776号"), parse_trademark_number("第17528858号")
        ('9988776', '17528858')
    """
    compact = _LABEL.sub("", strip_blanks(text).upper().replace(" ", ""))
    if not _SHAPE.fullmatch(compact):
        raise ValidationError(value=text, reason="not a trademark registration number")
    return compact
