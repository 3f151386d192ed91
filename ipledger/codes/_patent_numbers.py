"""Chinese patent application numbers (专利申请号): written forms, check character, kind."""

from __future__ import annotations

import re

import attrs

from ipledger.codes._text import strip_blanks
from ipledger.errors import ValidationError

__all__ = [
    "DOTS",
    "KIND_DIGITS",
    "LABEL_PATTERN",
    "NEW_WEIGHTS",
    "OLD_WEIGHTS",
    "PUBLICATION_PATTERN",
    "PUBLICATION_REASON",
    "SEPARATORS_PATTERN",
    "SHAPE_PATTERN",
    "WRAPPER_PATTERN",
    "PatentNumber",
    "compact_patent_number",
    "parse_patent_number",
    "patent_check_character",
]

NEW_WEIGHTS = (2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5)
"""Weights of the 12 digits of a number filed since 2003 (check = sum mod 11, 10 is X)."""

OLD_WEIGHTS = (2, 3, 4, 5, 6, 7, 8, 9)
"""Weights of the 8 digits of an older number."""

KIND_DIGITS = {
    "1": "invention",
    "2": "utility_model",
    "3": "design",
    "8": "invention",  # PCT application entering China
    "9": "utility_model",  # PCT application entering China
}
"""The kind digit (5th of a new number, 3rd of an old one) and the kind it means."""

LABEL_PATTERN = "^(专利号|申请号|专利申请号):?"
"""A label written before the number (``专利号：ZL…``), dropped (after half-width conversion)."""
WRAPPER_PATTERN = "^第|号$"
"""``第…号`` around the number, dropped."""
DOTS = "·・•"
"""Middle dots typed for the full stop before the check character (``ZL201310209986·9``)."""
SEPARATORS_PATTERN = "[ .:-]"
"""Spaces, dots, colons and hyphens inside the number (``CN-201310209986-A``), dropped."""
SHAPE_PATTERN = "^(ZL|CN)?([0-9]{12}|[0-9]{8})([0-9X]?)([A-Z]?)$"
"""What remains: an optional ZL/CN prefix, 12 (8 before October 2003) digits, the check
character (computed when missing, as DOCDB, PATSTAT and BigQuery write numbers) and an optional
kind letter (Google Patents' ``CN2013102099869A``). Eight bare digits are no patent number (a
trademark number looks the same): an old number without its check character needs its CN
prefix or kind letter."""
PUBLICATION_PATTERN = "^(?:CN)?([0-9]{7}|[0-9]{9})[ABCUYS][0-9]?$"
"""A publication (公开/公告) number, ``CN111725454A``: refused, it names a document, not an
application."""
PUBLICATION_REASON = "a publication number (公开/公告号), not an application number"

_LABEL = re.compile(LABEL_PATTERN)
_WRAPPER = re.compile(WRAPPER_PATTERN)
_DOTS = str.maketrans(DOTS, "." * len(DOTS))
_SEPARATORS = re.compile(SEPARATORS_PATTERN)
_SHAPE = re.compile(SHAPE_PATTERN)
_PUBLICATION = re.compile(PUBLICATION_PATTERN)


def patent_check_character(digits: str) -> str:
    """The check character of 12 (new) or 8 (old) digits.

    Examples:
        >>> patent_check_character("202310123456")
        '6'
        >>> patent_check_character("95115608")
        'X'
    """
    weights = NEW_WEIGHTS if len(digits) == 12 else OLD_WEIGHTS
    if len(digits) != len(weights) or not digits.isascii() or not digits.isdigit():
        raise ValueError(f"need 12 or 8 digits, not {digits!r}")
    check = sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11
    return "X" if check == 10 else str(check)


@attrs.frozen
class PatentNumber:
    """A verified patent application number.

    ``canonical`` is the digits and the check character without separators
    (``2023101234566``; old numbers ``95115608X``); ``str()`` gives the usual display form.

    Examples:
        >>> n = parse_patent_number("ZL 2023 1 0123456.6")
        >>> n.canonical, n.kind, n.filing_year, str(n)
        ('2023101234566', 'invention', 2023, '202310123456.6')
    """

    canonical: str

    @property
    def digits(self) -> str:
        """The digits before the check character."""
        return self.canonical[:-1]

    @property
    def check_character(self) -> str:
        """The check character (a digit or ``X``)."""
        return self.canonical[-1]

    @property
    def is_old_form(self) -> bool:
        """Whether this is an 8-digit number (filed before October 2003)."""
        return len(self.canonical) == 9

    @property
    def kind(self) -> str:
        """``invention``, ``utility_model`` or ``design``, from the kind digit."""
        return KIND_DIGITS[self.canonical[2 if self.is_old_form else 4]]

    @property
    def filing_year(self) -> int:
        """The year of filing the number encodes."""
        if self.is_old_form:
            yy = int(self.canonical[:2])
            return 1900 + yy if yy >= 85 else 2000 + yy
        return int(self.canonical[:4])

    def __str__(self) -> str:
        return f"{self.digits}.{self.check_character}"


def compact_patent_number(text: str) -> str:
    """A written number with what surrounds and separates its characters dropped: half-width,
    upper case, no label, no ``第…号``, middle dots read as dots, no separators."""
    upper = strip_blanks(text).upper()
    unwrapped = _WRAPPER.sub("", _LABEL.sub("", upper))
    return _SEPARATORS.sub("", unwrapped.translate(_DOTS))


def parse_patent_number(text: str) -> PatentNumber:
    """Read a patent application number in any accepted written form and verify it.

    Accepted: ``202310123456.6``, ``2023101234566``, ``CN202310123456.6``,
    ``ZL 2023 1 0123456.6``, old ``95115608.X``; full-width digits; lower-case ``x``; a middle
    dot for the dot (``ZL201310209986·9``); ``第…号`` and a label (``专利号：``) around it;
    Google Patents' ``CN2013102099869A``; without the check character, as DOCDB, PATSTAT and
    BigQuery write it (``CN201310209986A``, ``CN-201310209986-A``, ``201310209986``: the
    check character is computed). A publication number (``CN111725454A``) is refused.

    Examples:
        >>> parse_patent_number("CN202310123456.6").canonical
        '2023101234566'
        >>> parse_patent_number("CN-201310209986-A").canonical
        '2013102099869'
        >>> parse_patent_number("2023101234567")
        Traceback (most recent call last):
        ...
        ipledger.errors.ValidationError: '2023101234567': check character should be 6, not 7
    """
    compact = compact_patent_number(text)
    if _PUBLICATION.fullmatch(compact):
        raise ValidationError(value=text, reason=PUBLICATION_REASON)
    match = _SHAPE.fullmatch(compact)
    if match is None:
        raise ValidationError(value=text, reason="not a patent application number")
    prefix, digits, written_check, kind_letter = match.groups()
    if len(digits) == 8 and not (written_check or prefix or kind_letter):
        raise ValidationError(value=text, reason="not a patent application number")
    kind_digit = digits[2] if len(digits) == 8 else digits[4]
    if kind_digit not in KIND_DIGITS:
        raise ValidationError(value=text, reason=f"unknown kind digit {kind_digit}")
    if len(digits) == 8 and not (digits[:2] >= "85" or digits[:2] <= "03"):
        raise ValidationError(
            value=text, reason=f"an 8-digit number cannot be from year {digits[:2]}"
        )
    if len(digits) == 12 and not "1985" <= digits[:4] <= "2099":
        raise ValidationError(value=text, reason=f"implausible filing year {digits[:4]}")
    expected = patent_check_character(digits)
    check = written_check or expected
    if check != expected:
        raise ValidationError(
            value=text, reason=f"check character should be {expected}, not {check}"
        )
    return PatentNumber(digits + check)
