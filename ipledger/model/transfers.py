"""Assignments and licences of patents and trademarks (`TRANSFERS`)."""

from __future__ import annotations

import datetime as dt

import attrs

from ipledger.model._columns import column, convert_dependent
from ipledger.model._entity import Entity
from ipledger.model._enums import RightType, TransferKind

__all__ = ["TRANSFERS", "Transfer"]


@attrs.frozen(kw_only=True)
class Transfer:
    """An assignment (转让) or licence (许可) of a patent or trademark, recorded on ``date``.

    An assignment moves the right to the region of its new holder from ``date`` on.
    ``right_no`` is read as a patent number or a trademark number by ``right_type``.

    Examples:
        >>> t = Transfer(right_no="ZL 2023 1 0123456.6", right_type=RightType.PATENT,
        ...              kind=TransferKind.ASSIGNMENT, date=dt.date(2024, 6, 1), to_id="X")
        >>> t.right_no, t.kind
        ('2023101234566', <TransferKind.ASSIGNMENT: 'assignment'>)
    """

    right_no: str = column("right_no", "专利号/注册号", depends_on="right_type")
    right_type: RightType = column(
        "enum", "权利类型", default=RightType.PATENT, vocabulary=RightType
    )
    kind: TransferKind = column(
        "enum", "类型", default=TransferKind.ASSIGNMENT, vocabulary=TransferKind
    )
    date: dt.date = column("date", "日期")
    from_id: str | None = column("party_ref", "转出方代码", default=None, name_column="from_name")
    from_name: str | None = column("text", "转出方", default=None)
    to_id: str | None = column("party_ref", "受让方代码", default=None, name_column="to_name")
    to_name: str | None = column("text", "受让方", default=None)
    to_region_code: str | None = column("region", "受让方行政区划", default=None)

    def __attrs_post_init__(self) -> None:
        convert_dependent(self, "right_no")


TRANSFERS = Entity(
    name="transfers",
    record_type=Transfer,
    key=("right_no", "kind", "date", "to_id"),
    label="transfer",
    label_zh="转让许可",
    region_column=None,
    dated_by="date",
)
"""Transfers: keyed by (right_no, kind, date, to_id); an assignment's ``to_region_code`` is
where the right is held from its date on."""
