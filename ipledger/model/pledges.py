"""IP pledge registrations (知识产权质押登记) and the rights they pledge."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs

from ipledger.model._validators import date_field, money, non_blank, optional_region_code

__all__ = ["Pledge"]


@attrs.frozen(kw_only=True)
class Pledge:
    """A pledge of patents and/or trademarks as security for a loan.

    ``rights`` lists the pledged patent and trademark numbers as written; a number the ledger
    does not know is kept (and reported as a warning on import).

    Examples:
        >>> p = Pledge(pledge_id="Y2023440000001", registered_date=dt.date(2023, 3, 1),
        ...            amount=Decimal("12000000.00"), term_end=dt.date(2024, 2, 28))
        >>> p.outstanding(dt.date(2023, 12, 31)), p.outstanding(dt.date(2024, 3, 1))
        (True, False)
    """

    pledge_id: str = attrs.field(validator=non_blank)
    registered_date: dt.date = date_field(required=True)
    pledgor_id: str | None = None
    pledgor_name: str | None = None
    pledgee_id: str | None = None
    pledgee_name: str | None = None
    region_code: str | None = attrs.field(default=None, validator=optional_region_code)
    amount: Decimal = attrs.field(validator=money)
    term_start: dt.date | None = date_field()
    term_end: dt.date | None = date_field(not_before=("term_start",))
    released_date: dt.date | None = date_field(not_before=("registered_date",))
    rights: tuple[str, ...] = attrs.field(default=(), converter=tuple)

    def outstanding(self, on: dt.date) -> bool:
        """Whether the pledge was registered by ``on`` and neither released nor past its term."""
        if self.registered_date > on:
            return False
        released = self.released_date is not None and self.released_date <= on
        ended = self.term_end is not None and self.term_end < on
        return not (released or ended)
