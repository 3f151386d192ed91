"""Reporting periods: a year, a quarter, a month, or a month range within one year."""

from __future__ import annotations

import calendar
import datetime as dt
import re

import attrs

from ipledger.errors import ValidationError

__all__ = ["Period", "parse_period"]

_YEAR = re.compile(r"([0-9]{4})")
_QUARTER = re.compile(r"([0-9]{4})Q([1-4])")
_MONTH = re.compile(r"([0-9]{4})-([0-9]{2})")
_RANGE = re.compile(r"([0-9]{4})-([0-9]{2})\.\.([0-9]{4})-([0-9]{2})")


@attrs.frozen(order=True)
class Period:
    """A span of whole months inside one calendar year, written as INDICATORS.md writes it.

    Examples:
        >>> p = parse_period("2024-01..2024-07")
        >>> p.start, p.end, str(p.previous())
        (datetime.date(2024, 1, 1), datetime.date(2024, 7, 31), '2023-01..2023-07')
        >>> str(parse_period("2023Q2").previous()), parse_period("2023").end
        ('2022Q2', datetime.date(2023, 12, 31))
    """

    year: int
    first_month: int
    last_month: int

    @property
    def start(self) -> dt.date:
        """The first day of the period."""
        return dt.date(self.year, self.first_month, 1)

    @property
    def end(self) -> dt.date:
        """The last day of the period (stock indicators are counted on it)."""
        return dt.date(
            self.year, self.last_month, calendar.monthrange(self.year, self.last_month)[1]
        )

    @property
    def kind(self) -> str:
        """``year``, ``quarter``, ``month`` or ``range``."""
        if (self.first_month, self.last_month) == (1, 12):
            return "year"
        if self.first_month == self.last_month:
            return "month"
        if self.last_month - self.first_month == 2 and self.first_month % 3 == 1:
            return "quarter"
        return "range"

    def previous(self) -> Period:
        """The same span one year earlier."""
        return attrs.evolve(self, year=self.year - 1)

    def __str__(self) -> str:
        kind = self.kind
        if kind == "year":
            return f"{self.year}"
        if kind == "quarter":
            return f"{self.year}Q{(self.first_month + 2) // 3}"
        if kind == "month":
            return f"{self.year}-{self.first_month:02d}"
        return f"{self.year}-{self.first_month:02d}..{self.year}-{self.last_month:02d}"


def parse_period(text: str | Period) -> Period:
    """Read ``2023``, ``2023Q2``, ``2023-07`` or ``2024-01..2024-07``.

    Examples:
        >>> parse_period("2023-07").kind
        'month'
    """
    if isinstance(text, Period):
        return text
    value = text.strip()
    if match := _YEAR.fullmatch(value):
        return _checked(int(match[1]), 1, 12, text)
    if match := _QUARTER.fullmatch(value):
        quarter = int(match[2])
        return _checked(int(match[1]), 3 * quarter - 2, 3 * quarter, text)
    if match := _MONTH.fullmatch(value):
        return _checked(int(match[1]), int(match[2]), int(match[2]), text)
    if match := _RANGE.fullmatch(value):
        if match[1] != match[3]:
            raise ValidationError(
                value=text, column="period", reason="a month range must lie within one year"
            )
        return _checked(int(match[1]), int(match[2]), int(match[4]), text)
    raise ValidationError(
        value=text,
        column="period",
        reason="not a period: write 2023, 2023Q2, 2023-07 or 2024-01..2024-07",
    )


def _checked(year: int, first: int, last: int, text: str) -> Period:
    if not 1900 <= year <= 2199:
        raise ValidationError(value=text, column="period", reason="years are 1900..2199")
    if not (1 <= first <= 12 and 1 <= last <= 12):
        raise ValidationError(value=text, column="period", reason="months are 01..12")
    if first > last:
        raise ValidationError(value=text, column="period", reason="the range ends before it starts")
    return Period(year, first, last)
