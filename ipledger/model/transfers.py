"""Assignments and licences of patents and trademarks."""

from __future__ import annotations

import datetime as dt

import attrs

from ipledger.model._enums import RightType, TransferKind
from ipledger.model._validators import non_blank, optional_region_code

__all__ = ["Transfer"]


@attrs.frozen(kw_only=True)
class Transfer:
    """An assignment (转让) or licence (许可) of a patent or trademark, recorded on ``date``.

    An assignment moves the right to the region of its new holder from ``date`` on.

    Examples:
        >>> Transfer(right_no="2023101234566", right_type=RightType.PATENT,
        ...          kind=TransferKind.ASSIGNMENT, date=dt.date(2024, 6, 1), to_id="X").kind
        <TransferKind.ASSIGNMENT: 'assignment'>
    """

    right_no: str = attrs.field(validator=non_blank)
    right_type: RightType = attrs.field(default=RightType.PATENT, converter=RightType)
    kind: TransferKind = attrs.field(default=TransferKind.ASSIGNMENT, converter=TransferKind)
    date: dt.date = attrs.field(validator=attrs.validators.instance_of(dt.date))
    from_id: str | None = None
    from_name: str | None = None
    to_id: str | None = None
    to_name: str | None = None
    to_region_code: str | None = attrs.field(default=None, validator=optional_region_code)
