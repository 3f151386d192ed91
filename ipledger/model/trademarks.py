"""Trademarks, including collective and certification marks and GI marks."""

from __future__ import annotations

import datetime as dt

import attrs

from ipledger.codes import parse_trademark_number
from ipledger.model._enums import TrademarkKind
from ipledger.model._validators import date_field, optional_region_code

__all__ = ["Trademark"]


def _nice_classes(values: object) -> tuple[int, ...]:
    classes = tuple(int(v) for v in values)  # type: ignore[attr-defined]
    bad = [c for c in classes if not 1 <= c <= 45]
    if bad:
        raise ValueError(f"Nice classes are 1..45, not {bad}")
    return classes


@attrs.frozen(kw_only=True)
class Trademark:
    """A registered trademark (注册商标).

    A GI mark (地理标志商标) is a collective or certification mark with
    ``geographical_indication`` set.

    Examples:
        >>> tm = Trademark(registration_no="12345678", kind=TrademarkKind.CERTIFICATION,
        ...                geographical_indication=True, registration_date=dt.date(2020, 5, 6))
        >>> tm.is_gi_mark, tm.in_force(dt.date(2023, 12, 31))
        (True, True)
    """

    registration_no: str = attrs.field(converter=parse_trademark_number)
    mark: str | None = None
    nice_classes: tuple[int, ...] = attrs.field(default=(), converter=_nice_classes)
    kind: TrademarkKind = attrs.field(default=TrademarkKind.ORDINARY, converter=TrademarkKind)
    geographical_indication: bool = False
    holder_id: str | None = None
    holder_name: str | None = None
    region_code: str | None = attrs.field(default=None, validator=optional_region_code)
    application_date: dt.date | None = date_field()
    registration_date: dt.date | None = date_field(not_before=("application_date",))
    lapse_date: dt.date | None = date_field(not_before=("registration_date",))
    well_known_date: dt.date | None = date_field(not_before=("registration_date",))

    @property
    def is_gi_mark(self) -> bool:
        """Whether this is a GI certification or collective mark (地理标志证明/集体商标)."""
        return self.geographical_indication and self.kind is not TrademarkKind.ORDINARY

    def in_force(self, on: dt.date) -> bool:
        """Whether the mark was registered on or before ``on`` and not lapsed by then."""
        registered = self.registration_date is not None and self.registration_date <= on
        return registered and (self.lapse_date is None or self.lapse_date > on)
