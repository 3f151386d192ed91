"""Text normalisation shared by every parser: full-width to half-width, blanks."""

from __future__ import annotations

__all__ = ["BLANKS", "FULLWIDTH", "HALFWIDTH", "halfwidth", "is_blank", "strip_blanks"]

FULLWIDTH = "".join(chr(0xFF01 + i) for i in range(94)) + "\u3000\uffe5"
"""Full-width ASCII forms (！..～), the ideographic space and the full-width yen sign."""

HALFWIDTH = "".join(chr(0x21 + i) for i in range(94)) + " \u00a5"
"""What each character of `FULLWIDTH` becomes, position by position."""

BLANKS = " \t\r\n\u3000\u00a0\ufeff"
"""The blank characters trimmed from both ends of every value: spaces, tabs, line ends, the
ideographic (full-width) space, the no-break space and a stray byte-order mark."""

_TABLE = str.maketrans(FULLWIDTH, HALFWIDTH)


def halfwidth(text: str) -> str:
    """Replace full-width digits, letters and punctuation by their ASCII forms.

    The SQL form is ``translate(text, FULLWIDTH, HALFWIDTH)`` with the same two strings.

    Examples:
        >>> halfwidth("２０２３１０１２３４５６．６")
        '202310123456.6'
    """
    return text.translate(_TABLE)


def strip_blanks(text: str) -> str:
    """Half-width text with `BLANKS` trimmed from both ends."""
    return halfwidth(text).strip(BLANKS)


def is_blank(text: str | None) -> bool:
    """Whether a value is missing: ``None``, empty, or only blanks (full-width ones too).

    Examples:
        >>> is_blank("\u3000 "), is_blank("0")
        (True, False)
    """
    return text is None or strip_blanks(text) == ""
