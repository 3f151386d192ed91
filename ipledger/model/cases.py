"""IP enforcement cases handled by the authority (知识产权行政保护案件, `CASES`)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs

from ipledger.model._columns import column
from ipledger.model._entity import Entity
from ipledger.model._enums import CaseOutcome, CaseType

__all__ = ["CASES", "Case"]


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

    case_no: str = column("text", "案号")
    types: tuple[CaseType, ...] = column("enum_list", "案件类型", vocabulary=CaseType)
    region_code: str | None = column("region", "行政区划代码", default=None)
    opened_date: dt.date = column("date", "立案日期")
    closed_date: dt.date | None = column(
        "date", "结案日期", default=None, not_before=("opened_date",)
    )
    outcome: CaseOutcome | None = column("enum", "处理结果", default=None, vocabulary=CaseOutcome)
    respondent_id: str | None = column(
        "party_ref", "当事人代码", default=None, name_column="respondent_name"
    )
    respondent_name: str | None = column("text", "当事人", default=None)
    right_holder_id: str | None = column(
        "party_ref", "权利人代码", default=None, name_column="right_holder_name"
    )
    right_holder_name: str | None = column("text", "权利人", default=None)
    rights: tuple[str, ...] = column("rights", "涉案权利")
    goods_value: Decimal | None = column("money", "涉案金额", default=None)
    fine: Decimal | None = column("money", "罚款", default=None)
    confiscated: Decimal | None = column("money", "没收违法所得", default=None)
    recovered: Decimal | None = column("money", "追赃挽损", default=None)
    transferred_to_police: bool = column("bool", "移送公安")
    cross_region: bool = column("bool", "跨区域协作")
    typical: bool = column("bool", "典型案例")

    @property
    def days_to_close(self) -> int | None:
        """Days from opening (立案) to closing (结案), or ``None`` while open."""
        if self.closed_date is None:
            return None
        return (self.closed_date - self.opened_date).days


CASES = Entity(
    name="cases",
    record_type=Case,
    key=("case_no",),
    label="case",
    label_zh="案件",
    dated_by="opened_date",
)
"""Enforcement cases: counted for the handling authority's region."""
