"""Reading "as known at" moments given as datetimes, dates or ISO text."""

from __future__ import annotations

import datetime as dt

from ipledger.errors import ValidationError

__all__ = ["BEIJING", "Moment", "as_utc_moment", "today"]

BEIJING = dt.timezone(dt.timedelta(hours=8), "Asia/Shanghai")
"""China Standard Time (UTC+8, no daylight saving since 1991): the bureau's calendar."""


def today() -> dt.date:
    """Today's date in Beijing, the date a query means when it is given none."""
    return dt.datetime.now(BEIJING).date()


Moment = dt.datetime | dt.date | str
"""A moment: an aware or UTC-naive datetime, a date (its end), or ISO text of either."""


def as_utc_moment(when: Moment) -> dt.datetime:
    """The moment as the store compares it: a UTC datetime without tzinfo.

    A date means the end of that day (everything recorded on it is known); a naive datetime
    is taken as UTC.

    Examples:
        >>> as_utc_moment("2024-01-31")
        datetime.datetime(2024, 1, 31, 23, 59, 59, 999999)
        >>> as_utc_moment("2024-01-31T08:00:00+08:00")
        datetime.datetime(2024, 1, 31, 0, 0)
    """
    if isinstance(when, str):
        try:
            when = (
                dt.date.fromisoformat(when) if len(when) == 10 else dt.datetime.fromisoformat(when)
            )
        except ValueError:
            raise ValidationError(
                value=when, column="as_known_at", reason="not an ISO date or timestamp"
            ) from None
    if isinstance(when, dt.datetime):
        if when.tzinfo is not None:
            when = when.astimezone(dt.UTC).replace(tzinfo=None)
        return when
    if not isinstance(when, dt.date):
        raise ValidationError(
            value=repr(when),
            column="as_known_at",
            reason="not a moment: give a date, a datetime or ISO text",
        )
    return dt.datetime.combine(when, dt.time.max)
