"""Trademarks, including collective and certification marks and GI marks (`TRADEMARKS`)."""

from __future__ import annotations

import datetime as dt

import attrs

from ipledger.model._columns import column
from ipledger.model._entity import Entity
from ipledger.model._enums import TrademarkKind
from ipledger.model._lifecycle import End, Lifecycle

__all__ = ["TRADEMARKS", "Trademark"]


@attrs.frozen(kw_only=True)
class Trademark:
    """A registered trademark (注册商标).

    A GI mark (地理标志商标) is a collective or certification mark with
    ``geographical_indication`` set. In force from its registration date until its lapse date
    (cancelled, invalidated, not renewed) or past ``expiry_date``, the last day of its
    registered term (专用权期限, when known; a renewal moves it).

    Examples:
        >>> tm = Trademark(registration_no="12345678", kind=TrademarkKind.CERTIFICATION,
        ...                geographical_indication=True, registration_date=dt.date(2020, 5, 6))
        >>> tm.is_gi_mark, tm.in_force(dt.date(2023, 12, 31))
        (True, True)
    """

    registration_no: str = column("trademark_number", "注册号", synonyms=("商标注册号",))
    mark: str | None = column("text", "商标名称", default=None)
    nice_classes: tuple[int, ...] = column("nice_classes", "类别", synonyms=("国际分类",))
    kind: TrademarkKind = column(
        "enum", "商标类型", default=TrademarkKind.ORDINARY, vocabulary=TrademarkKind
    )
    geographical_indication: bool = column("bool", "地理标志")
    holder_id: str | None = column(
        "party_ref", "注册人代码", default=None, name_column="holder_name"
    )
    holder_name: str | None = column("text", "注册人", default=None)
    region_code: str | None = column("region", "行政区划代码", default=None)
    application_date: dt.date | None = column("date", "申请日", default=None)
    registration_date: dt.date | None = column(
        "date", "注册日", default=None, not_before=("application_date",), synonyms=("注册日期",)
    )
    lapse_date: dt.date | None = column(
        "date", "失效日", default=None, not_before=("registration_date",)
    )
    well_known_date: dt.date | None = column(
        "date", "驰名商标认定日", default=None, not_before=("registration_date",)
    )
    expiry_date: dt.date | None = column(
        "date",
        "专用期结束日期",
        default=None,
        not_before=("registration_date",),
        synonyms=("专用权期限截止日",),
    )

    @property
    def is_gi_mark(self) -> bool:
        """Whether this is a GI certification or collective mark (地理标志证明/集体商标)."""
        return self.geographical_indication and self.kind is not TrademarkKind.ORDINARY

    def in_force(self, on: dt.date) -> bool:
        """Whether the mark is in force on ``on``: `TRADEMARKS` ``.lifecycle``."""
        return TRADEMARKS.lifecycle_rule.holds(self, on)


TRADEMARKS = Entity(
    name="trademarks",
    record_type=Trademark,
    key=("registration_no",),
    label="trademark",
    label_zh="商标",
    lifecycle=Lifecycle(
        state="in_force",
        start="registration_date",
        ends=(End("lapse_date"), End("expiry_date", inclusive=True)),
    ),
    right_type="trademark",
    partition=("application_year", "application_date"),
    dated_by="registration_date",
)
"""The trademarks entity: keyed by registration number; in force from registration until lapse
or the end of the registered term; moved between regions by assignments."""
