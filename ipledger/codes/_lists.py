"""Lists written in one cell."""

from __future__ import annotations

import re

from ipledger.codes._text import BLANKS, halfwidth

__all__ = ["LIST_SEPARATORS", "parse_list"]

LIST_SEPARATORS = "[;、]"
"""Items are separated by ``;``, ``；`` (half-width after conversion) or ``、``."""

_SPLIT = re.compile(LIST_SEPARATORS)


def parse_list(text: str | None) -> tuple[str, ...]:
    """Split a cell into items: blanks trimmed, empty items dropped; blank is the empty list.

    Examples:
        >>> parse_list("2023101234566；12345678、 ;")
        ('2023101234566', '12345678')
    """
    items = (item.strip(BLANKS) for item in _SPLIT.split(halfwidth(text or "")))
    return tuple(item for item in items if item)
