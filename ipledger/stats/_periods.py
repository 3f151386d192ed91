"""Reporting periods: a year, a quarter, a month, or a month range within one year, read from
and written as docs/indicators.md writes them, and named as sentences name them (2023年第二季度,
Q2 2023): one formatter for every form."""

from __future__ import annotations

import calendar
import datetime as dt
import re

import attrs

from ipledger.errors import ValidationError

__all__ = ["Period", "parse_period"]

_YEAR = re.compile(r"([0-9]{4})")
_QUARTER = re.compile(r"([0-9]{4})[Qq]([1-4])")
_MONTH = re.compile(r"([0-9]{4})-([0-9]{2})")
_RANGE = re.compile(r"([0-9]{4})-([0-9]{2})\.\.([0-9]{4})-([0-9]{2})")
_FORMS = "write 2023, 2023Q2, 2023-07 or 2024-01..2024-07"
MIN_YEAR, MAX_YEAR = 1900, 2199
"""The years ``parse_period`` reads (a typo like ``0223`` is an error, not a period)."""

_MONTHS_EN = (
    *("January", "February", "March", "April", "May", "June"),
    *("July", "August", "September", "October", "November", "December"),
)
_QUARTERS_ZH = "一二三四"
_LABELS = {
    # kind -> form -> template; "text" is the canonical form str() gives
    "year": {"text": "{year}", "zh": "{year}年", "en": "{year}"},
    "quarter": {
        "text": "{year}Q{quarter}",
        "zh": "{year}年第{quarter_zh}季度",
        "en": "Q{quarter} {year}",
    },
    "month": {"text": "{year}-{first:02d}", "zh": "{year}年{first}月", "en": "{first_en} {year}"},
    "range": {
        "text": "{year}-{first:02d}..{year}-{last:02d}",
        "zh": "{year}年{first}—{last}月",
        "en": "{first_en}–{last_en} {year}",
    },
}
_END_LABELS = {
    # whether the period ends with the year -> form -> template
    True: {"zh": "{year}年底", "en": "the end of {year}"},
    False: {"zh": "{year}年{last}月底", "en": "the end of {last_en} {year}"},
}


def _error(value: object, reason: str) -> ValidationError:
    return ValidationError(value=value, column="period", reason=reason)


@attrs.frozen(order=True)
class Period:
    """A span of whole months inside one calendar year, written as docs/indicators.md writes it.

    ``str(period)`` is the canonical text: ``2023`` (a year), ``2023Q2`` (a quarter),
    ``2023-07`` (a month), ``2024-01..2024-07`` (any other months of one year); a range that
    is a year, quarter or month is written as one. Flow indicators count events from
    `start` to `end`; stock indicators count what is in force on `end`.

    Examples:
        >>> p = parse_period("2024-01..2024-07")
        >>> p.start, p.end, str(p.previous())
        (datetime.date(2024, 1, 1), datetime.date(2024, 7, 31), '2023-01..2023-07')
        >>> str(Period(2023, 4, 6)), parse_period("2023").end
        ('2023Q2', datetime.date(2023, 12, 31))
    """

    year: int
    first_month: int
    last_month: int

    def __attrs_post_init__(self) -> None:
        if not 1 <= self.year <= 9999:
            raise _error(self.year, "years are 1..9999")
        if not (1 <= self.first_month <= 12 and 1 <= self.last_month <= 12):
            raise _error((self.first_month, self.last_month), "months are 01..12")
        if self.first_month > self.last_month:
            raise _error((self.first_month, self.last_month), "the range ends before it starts")

    @property
    def start(self) -> dt.date:
        """The first day of the period."""
        return dt.date(self.year, self.first_month, 1)

    @property
    def end(self) -> dt.date:
        """The last day of the period (stock indicators are counted on it)."""
        last_day = calendar.monthrange(self.year, self.last_month)[1]
        return dt.date(self.year, self.last_month, last_day)

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
        """The same span one year earlier (``2023-01..2023-07`` for ``2024-01..2024-07``)."""
        return attrs.evolve(self, year=self.year - 1)

    def contains(self, day: dt.date) -> bool:
        """Whether ``day`` lies in the period (both ends included)."""
        return self.start <= day <= self.end

    def label(self, lang: str = "zh") -> str:
        """The period as a sentence names it: 2023年, 2023年第二季度, 2023年7月, 2024年1—7月
        (``lang="en"``: 2023, Q2 2023, July 2023, January–July 2024).

        Examples:
            >>> [parse_period(p).label() for p in ("2023", "2023Q2", "2023-07", "2024-01..2024-07")]
            ['2023年', '2023年第二季度', '2023年7月', '2024年1—7月']
            >>> [parse_period(p).label("en") for p in ("2023Q2", "2023-07", "2024-01..2024-07")]
            ['Q2 2023', 'July 2023', 'January–July 2024']
        """
        return self._format(_LABELS[self.kind][_language(lang)])

    def end_label(self, lang: str = "zh") -> str:
        """The period's last day as stock figures are dated: 2023年底, 2024年7月底 (``en``: the
        end of 2023, the end of June 2023).

        Examples:
            >>> parse_period("2023").end_label(), parse_period("2024-01..2024-07").end_label()
            ('2023年底', '2024年7月底')
            >>> parse_period("2023").end_label("en"), parse_period("2023Q2").end_label("en")
            ('the end of 2023', 'the end of June 2023')
        """
        return self._format(_END_LABELS[self.last_month == 12][_language(lang)])

    def _format(self, template: str) -> str:
        quarter = (self.first_month + 2) // 3
        return template.format(
            year=self.year,
            quarter=quarter,
            quarter_zh=_QUARTERS_ZH[quarter - 1],
            first=self.first_month,
            last=self.last_month,
            first_en=_MONTHS_EN[self.first_month - 1],
            last_en=_MONTHS_EN[self.last_month - 1],
        )

    def __str__(self) -> str:
        return self._format(_LABELS[self.kind]["text"])


def _language(lang: str) -> str:
    if lang not in ("zh", "en"):
        raise ValueError(f"lang must be 'zh' or 'en', not {lang!r}")
    return lang


def parse_period(text: str | Period) -> Period:
    """Read ``2023``, ``2023Q2``, ``2023-07`` or ``2024-01..2024-07`` (a `Period` is
    returned as it is); anything else is a `ValidationError`.

    Examples:
        >>> parse_period("2023-07").kind, str(parse_period(" 2023q3 "))
        ('month', '2023Q3')
        >>> parse_period("2023-05..2024-02")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        ipledger.errors.ValidationError: period: '2023-05..2024-02': a month range must lie ...
    """
    if isinstance(text, Period):
        return text
    if not isinstance(text, str):
        raise _error(text, f"not a period: {_FORMS}")
    value = text.strip()
    year = value[:4]
    if year.isascii() and year.isdigit() and not MIN_YEAR <= int(year) <= MAX_YEAR:
        raise _error(text, f"years are {MIN_YEAR}..{MAX_YEAR}")
    try:
        if match := _YEAR.fullmatch(value):
            return Period(int(match[1]), 1, 12)
        if match := _QUARTER.fullmatch(value):
            quarter = int(match[2])
            return Period(int(match[1]), 3 * quarter - 2, 3 * quarter)
        if match := _MONTH.fullmatch(value):
            return Period(int(match[1]), int(match[2]), int(match[2]))
        if match := _RANGE.fullmatch(value):
            if match[1] != match[3]:
                raise _error(text, "a month range must lie within one year")
            return Period(int(match[1]), int(match[2]), int(match[4]))
    except ValidationError as error:
        raise _error(text, error.reason) from None
    raise _error(text, f"not a period: {_FORMS}")
