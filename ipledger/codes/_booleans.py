"""Yes/no values."""

from __future__ import annotations

from ipledger.codes._text import strip_blanks
from ipledger.errors import ValidationError

__all__ = ["FALSE_WORDS", "TRUE_WORDS", "parse_bool"]

TRUE_WORDS = ("true", "1", "yes", "y", "是")
"""Words read as true (compared case-insensitively)."""

FALSE_WORDS = ("false", "0", "no", "n", "否", "")
"""Words read as false; blank is false."""


def parse_bool(text: str | None) -> bool:
    """Read ``true/false``, ``1/0``, ``yes/no``, ``是/否``, ``Y/N``; blank is false.

    Examples:
        >>> parse_bool("是"), parse_bool(" N "), parse_bool("")
        (True, False, False)
    """
    word = strip_blanks(text or "").lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ValidationError(value=text, reason="not a yes/no value")
