"""Lifecycle events (事件): what happened to a case, a pledge, a right, a GI label user or an
insurance policy, on which day, done by whom and why.

Each kind of event is an entity of its own (`CASE_EVENTS`, `PLEDGE_EVENTS`,
`RIGHT_EVENTS`, `GI_USER_EVENTS`, `INSURANCE_EVENTS`): an exchange file, a
ledger table, history-kept like every entity (``recorded_at`` says when an event was recorded,
``occurred_on`` when it happened). An event is keyed by its subject, its kind and its day, so an
event file imported twice records each event once, and a corrected row (another actor, a
reason) is a new version of the same event. ``void`` marks an event recorded in error: it stays
in the history and counts nowhere.

The dated columns of the subjects (a case's ``opened_date`` and ``closed_date``, a pledge's
``registered_date`` and ``released_date`` ...) are events too: `ipledger.model.tracking`
declares which events a row implies, so that a timeline and a case's state read both sources
and count each event once.

The kinds are listed in the order events of one day are taken in.
"""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal
from typing import Any

import attrs

from ipledger.model._columns import column, convert_dependent
from ipledger.model._entity import Entity
from ipledger.model._enums import RightType

__all__ = [
    "CASE_EVENTS",
    "GI_USER_EVENTS",
    "INSURANCE_EVENTS",
    "PLEDGE_EVENTS",
    "RIGHT_EVENTS",
    "CaseEvent",
    "CaseEventKind",
    "ExtensionAuthority",
    "GIUserEvent",
    "GIUserEventKind",
    "InsuranceEvent",
    "InsuranceEventKind",
    "PledgeEvent",
    "PledgeEventKind",
    "RightEvent",
    "RightEventKind",
]


class CaseEventKind(enum.StrEnum):
    """What happens to an enforcement case (立案, 调查, 听证告知, 听证, 延期, 中止, 恢复, 作出决定,
    移送公安, 结案, 诉讼, 行政复议, 重新办理)."""

    OPENED = "opened"
    INVESTIGATION = "investigation"
    HEARING_NOTICE = "hearing_notice"
    HEARING = "hearing"
    EXTENDED = "extended"
    SUSPENDED = "suspended"
    RESUMED = "resumed"
    DECIDED = "decided"
    TRANSFERRED_TO_POLICE = "transferred_to_police"
    CLOSED = "closed"
    APPEALED = "appealed"
    RECONSIDERATION = "reconsideration"
    REOPENED = "reopened"


class ExtensionAuthority(enum.StrEnum):
    """Who approved a case's extension: the head of the authority (负责人批准), or its heads
    by collective decision (负责人集体讨论决定)."""

    APPROVAL = "approval"
    COLLECTIVE = "collective"


class PledgeEventKind(enum.StrEnum):
    """What happens to a pledge registration (登记, 变更, 注销, 到期, 实现质权)."""

    REGISTERED = "registered"
    CHANGED = "changed"
    RELEASED = "released"
    EXPIRED = "expired"
    ENFORCED = "enforced"


class RightEventKind(enum.StrEnum):
    """What happens to a patent or trademark (申请, 授权/注册, 转让, 许可, 认定驰名商标, 宣告无效,
    失效, 恢复, 期满)."""

    FILED = "filed"
    GRANTED = "granted"
    ASSIGNED = "assigned"
    LICENSED = "licensed"
    RECOGNISED_WELL_KNOWN = "recognised_well_known"
    INVALIDATED = "invalidated"
    LAPSED = "lapsed"
    RESTORED = "restored"
    EXPIRED = "expired"


class GIUserEventKind(enum.StrEnum):
    """What happens to an approval to use the GI special label (核准, 年度用标, 注销)."""

    APPROVED = "approved"
    LABELS_USED = "labels_used"
    REVOKED = "revoked"


class InsuranceEventKind(enum.StrEnum):
    """What happens to an IP insurance policy (起保, 理赔, 期满)."""

    ISSUED = "issued"
    CLAIM_PAID = "claim_paid"
    EXPIRED = "expired"


def _actor() -> Any:
    return column("text", "经办人", default=None, synonyms=("承办人",))


def _reason() -> Any:
    return column("text", "事由", default=None, synonyms=("原因",))


def _reference() -> Any:
    return column("text", "文号", default=None, synonyms=("批准文号",))


def _void() -> Any:
    return column("bool", "作废")


@attrs.frozen(kw_only=True)
class CaseEvent:
    """An event of an enforcement case (`CASE_EVENTS`).

    An ``extended`` event says who approved it (``authority``; blank: the next extension the
    case's time limit allows) and by how many ``days`` (blank: that extension's length).

    Examples:
        >>> e = CaseEvent(case_no="江市监知〔2024〕7号", event="extended",
        ...               occurred_on="2024年4月20日", authority="approval", reference="批2024-3")
        >>> e.event, e.occurred_on
        (<CaseEventKind.EXTENDED: 'extended'>, datetime.date(2024, 4, 20))
    """

    case_no: str = column("text", "案号")
    event: CaseEventKind = column("enum", "事件", vocabulary=CaseEventKind)
    occurred_on: dt.date = column("date", "发生日期", synonyms=("日期",))
    actor: str | None = _actor()
    reason: str | None = _reason()
    reference: str | None = _reference()
    authority: ExtensionAuthority | None = column(
        "enum", "延期批准方式", default=None, vocabulary=ExtensionAuthority
    )
    days: int | None = column("int", "延长天数", default=None, bounds=(1, 3650))
    void: bool = _void()


@attrs.frozen(kw_only=True)
class PledgeEvent:
    """An event of a pledge registration (`PLEDGE_EVENTS`).

    A ``changed`` event (变更登记) carries the new ``amount``, ``term_end`` or ``rights``
    (blank: unchanged).
    """

    pledge_id: str = column("text", "登记号", synonyms=("质押登记号",))
    event: PledgeEventKind = column("enum", "事件", vocabulary=PledgeEventKind)
    occurred_on: dt.date = column("date", "发生日期", synonyms=("日期",))
    actor: str | None = _actor()
    reason: str | None = _reason()
    reference: str | None = _reference()
    amount: Decimal | None = column("money", "变更后质押金额", default=None)
    term_end: dt.date | None = column("date", "变更后质押期限止", default=None)
    rights: tuple[str, ...] = column("rights", "变更后质押权利")
    void: bool = _void()


@attrs.frozen(kw_only=True)
class RightEvent:
    """An event of a patent or trademark (`RIGHT_EVENTS`): a restoration (权利恢复), an
    invalidation (宣告无效) and the other kinds that no column of the right records."""

    right_no: str = column("right_no", "专利号/注册号", depends_on="right_type")
    right_type: RightType = column(
        "enum", "权利类型", default=RightType.PATENT, vocabulary=RightType
    )
    event: RightEventKind = column("enum", "事件", vocabulary=RightEventKind)
    occurred_on: dt.date = column("date", "发生日期", synonyms=("日期",))
    actor: str | None = _actor()
    reason: str | None = _reason()
    reference: str | None = _reference()
    void: bool = _void()

    def __attrs_post_init__(self) -> None:
        convert_dependent(self, "right_no")


@attrs.frozen(kw_only=True)
class GIUserEvent:
    """An event of an approval to use the GI special label (`GI_USER_EVENTS`); a
    ``labels_used`` event gives the ``labels`` used in the year ending on its day."""

    gi_ref: str = column("text", "地理标志")
    user_id: str = column("party_ref", "用标主体代码")
    event: GIUserEventKind = column("enum", "事件", vocabulary=GIUserEventKind)
    occurred_on: dt.date = column("date", "发生日期", synonyms=("日期",))
    labels: int | None = column("int", "用标数量", default=None, bounds=(0, 2**62))
    actor: str | None = _actor()
    reason: str | None = _reason()
    reference: str | None = _reference()
    void: bool = _void()


@attrs.frozen(kw_only=True)
class InsuranceEvent:
    """An event of an IP insurance policy (`INSURANCE_EVENTS`); a ``claim_paid`` event
    gives the ``amount`` paid."""

    policy_no: str = column("text", "保单号")
    event: InsuranceEventKind = column("enum", "事件", vocabulary=InsuranceEventKind)
    occurred_on: dt.date = column("date", "发生日期", synonyms=("日期",))
    amount: Decimal | None = column("money", "赔付金额", default=None)
    actor: str | None = _actor()
    reason: str | None = _reason()
    reference: str | None = _reference()
    void: bool = _void()


def _events(name: str, record: type[object], subject: tuple[str, ...], zh: str) -> Entity:
    return Entity(
        name=name,
        record_type=record,
        key=(*subject, "event", "occurred_on"),
        label=name.removesuffix("s").replace("_", " "),
        label_zh=zh,
        region_column=None,
        counts_for_region=False,
        dated_by="occurred_on",
        file_names=(zh,),
    )


CASE_EVENTS = _events("case_events", CaseEvent, ("case_no",), "案件事件")
"""Case events, keyed by (case_no, event, occurred_on)."""

PLEDGE_EVENTS = _events("pledge_events", PledgeEvent, ("pledge_id",), "质押事件")
"""Pledge events, keyed by (pledge_id, event, occurred_on)."""

RIGHT_EVENTS = _events("right_events", RightEvent, ("right_no",), "权利事件")
"""Patent and trademark events, keyed by (right_no, event, occurred_on)."""

GI_USER_EVENTS = _events("gi_user_events", GIUserEvent, ("gi_ref", "user_id"), "用标事件")
"""GI label user events, keyed by (gi_ref, user_id, event, occurred_on)."""

INSURANCE_EVENTS = _events("insurance_events", InsuranceEvent, ("policy_no",), "保险事件")
"""Insurance policy events, keyed by (policy_no, event, occurred_on)."""
