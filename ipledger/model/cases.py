"""IP enforcement cases handled by the authority (知识产权行政保护案件)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

import attrs

from ipledger.model._enums import CaseOutcome, CaseType
from ipledger.model._validators import date_field, non_blank, optional_money, optional_region_code

__all__ = ["Case"]


def _case_types(values: Iterable[str]) -> tuple[CaseType, ...]:
    types = tuple(dict.fromkeys(CaseType(v) for v in values))
    if not types:
        raise ValueError("a case needs at least one type")
    return types


@attrs.frozen(kw_only=True)
class Case:
    """An enforcement case; one case may be of several types and counts once in ``ip_cases``.

    Examples:
        >>> c = Case(case_no="江市监知〔2023〕1号",
        ...          types=["trademark_infringement", "gi_infringement"],
        ...          opened_date=dt.date(2023, 3, 1), closed_date=dt.date(2023, 5, 30))
        >>> c.days_to_close
        90
    """

    case_no: str = attrs.field(validator=non_blank)
    types: tuple[CaseType, ...] = attrs.field(converter=_case_types)
    region_code: str | None = attrs.field(default=None, validator=optional_region_code)
    opened_date: dt.date = date_field(required=True)
    closed_date: dt.date | None = date_field(not_before=("opened_date",))
    outcome: CaseOutcome | None = attrs.field(
        default=None, converter=attrs.converters.optional(CaseOutcome)
    )
    respondent_id: str | None = None
    respondent_name: str | None = None
    right_holder_id: str | None = None
    right_holder_name: str | None = None
    rights: tuple[str, ...] = attrs.field(default=(), converter=tuple)
    goods_value: Decimal | None = attrs.field(default=None, validator=optional_money)
    fine: Decimal | None = attrs.field(default=None, validator=optional_money)
    confiscated: Decimal | None = attrs.field(default=None, validator=optional_money)
    recovered: Decimal | None = attrs.field(default=None, validator=optional_money)
    transferred_to_police: bool = False
    cross_region: bool = False
    typical: bool = False

    @property
    def days_to_close(self) -> int | None:
        """Days from opening (立案) to closing (结案), or ``None`` while open."""
        if self.closed_date is None:
            return None
        return (self.closed_date - self.opened_date).days
