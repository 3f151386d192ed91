"""IP pledge registrations (知识产权质押登记) and the rights they pledge (`PLEDGES`)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs

from ipledger.model._columns import column
from ipledger.model._entity import Entity
from ipledger.model._lifecycle import End, Lifecycle

__all__ = ["PLEDGES", "Pledge"]


@attrs.frozen(kw_only=True)
class Pledge:
    """A pledge of patents and/or trademarks as security for a loan.

    ``rights`` lists the pledged patent and trademark numbers (patent numbers in canonical
    form); a number the ledger does not know is kept (and reported as a warning on import).
    Outstanding from registration until released or past its term's last day ``term_end``.

    Examples:
        >>> p = Pledge(pledge_id="Y2023440000001", registered_date=dt.date(2023, 3, 1),
        ...            amount=Decimal("12000000.00"), term_end=dt.date(2024, 2, 28))
        >>> p.outstanding(dt.date(2023, 12, 31)), p.outstanding(dt.date(2024, 3, 1))
        (True, False)
    """

    pledge_id: str = column("text", "登记号", synonyms=("质押登记号",))
    registered_date: dt.date = column("date", "登记日", synonyms=("质押登记日", "登记生效日"))
    pledgor_id: str | None = column(
        "party_ref", "出质人代码", default=None, name_column="pledgor_name"
    )
    pledgor_name: str | None = column("text", "出质人", default=None)
    pledgee_id: str | None = column(
        "party_ref", "质权人代码", default=None, name_column="pledgee_name"
    )
    pledgee_name: str | None = column("text", "质权人", default=None)
    region_code: str | None = column("region", "行政区划代码", default=None)
    amount: Decimal = column("money", "质押金额", synonyms=("担保金额",))
    term_start: dt.date | None = column("date", "质押期限起", default=None)
    term_end: dt.date | None = column(
        "date", "质押期限止", default=None, not_before=("term_start",)
    )
    released_date: dt.date | None = column(
        "date", "注销日期", default=None, not_before=("registered_date",)
    )
    rights: tuple[str, ...] = column("rights", "质押权利")

    def outstanding(self, on: dt.date) -> bool:
        """Whether the pledge is outstanding on ``on``: `PLEDGES` ``.lifecycle``."""
        return PLEDGES.lifecycle_rule.holds(self, on)


PLEDGES = Entity(
    name="pledges",
    record_type=Pledge,
    key=("pledge_id",),
    label="pledge",
    label_zh="质押登记",
    lifecycle=Lifecycle(
        state="outstanding",
        start="registered_date",
        ends=(End("released_date"), End("term_end", inclusive=True)),
    ),
    dated_by="registered_date",
)
"""Pledge registrations: outstanding from registration until released or past term_end (a
term ending on a date is still running that day); counted for the pledgor's region."""
