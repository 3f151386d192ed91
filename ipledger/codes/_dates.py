"""Dates in every form docs/exchange.md lists."""

from __future__ import annotations

import datetime as dt
import re

from ipledger.codes._text import strip_blanks
from ipledger.errors import ValidationError

__all__ = ["DATE_PATTERNS", "parse_date"]

DATE_PATTERNS = (
    r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})",
    r"([0-9]{4})/([0-9]{1,2})/([0-9]{1,2})",
    r"([0-9]{4})\.([0-9]{1,2})\.([0-9]{1,2})",
    r"([0-9]{4})([0-9]{2})([0-9]{2})",
    r"([0-9]{4})年([0-9]{1,2})月([0-9]{1,2})日",
)
"""The accepted shapes (year, month, day groups); the SQL form uses the same patterns."""

_PATTERNS = tuple(re.compile(p) for p in DATE_PATTERNS)


def parse_date(text: str) -> dt.date:
    """Read ``2023-05-06``, ``2023/5/6``, ``2023.5.6``, ``20230506`` or ``2023年5月6日``.

    Years 1900–2199; impossible dates (``2023-02-30``) are rejected.

    Examples:
        >>> parse_date("2023年5月6日"), parse_date("20230506")
        (datetime.date(2023, 5, 6), datetime.date(2023, 5, 6))
    """
    compact = strip_blanks(text)
    for pattern in _PATTERNS:
        match = pattern.fullmatch(compact)
        if match:
            year, month, day = (int(g) for g in match.groups())
            if not 1900 <= year <= 2199:
                raise ValidationError(value=text, reason=f"implausible year {year}")
            try:
                return dt.date(year, month, day)
            except ValueError:
                raise ValidationError(value=text, reason="no such date") from None
    raise ValidationError(value=text, reason="not a date")
