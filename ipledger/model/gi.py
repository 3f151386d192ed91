"""Geographical indications: protected GI products and the enterprises approved to use the label."""

from __future__ import annotations

import datetime as dt

import attrs

from ipledger.model._validators import date_field, non_blank, optional_region_code

__all__ = ["GIProduct", "GIUser"]


@attrs.frozen(kw_only=True)
class GIProduct:
    """A geographical-indication product protected by announcement (地理标志保护产品).

    Examples:
        >>> GIProduct(gi_id="GI-001", name="新会陈皮", protected_date=dt.date(2006, 12, 1)).name
        '新会陈皮'
    """

    gi_id: str = attrs.field(validator=non_blank)
    name: str = attrs.field(validator=non_blank)
    region_code: str | None = attrs.field(default=None, validator=optional_region_code)
    holder_id: str | None = None
    protected_date: dt.date | None = date_field()
    lapse_date: dt.date | None = date_field(not_before=("protected_date",))

    def in_force(self, on: dt.date) -> bool:
        """Whether the product was under protection on ``on``."""
        protected = self.protected_date is not None and self.protected_date <= on
        return protected and (self.lapse_date is None or self.lapse_date > on)


@attrs.frozen(kw_only=True)
class GIUser:
    """An enterprise approved to use the GI special label (地理标志专用标志使用核准).

    ``gi_ref`` names a GI product (its ``gi_id``) or a GI trademark (its registration number).
    """

    gi_ref: str = attrs.field(validator=non_blank)
    user_id: str = attrs.field(validator=non_blank)
    user_name: str | None = None
    region_code: str | None = attrs.field(default=None, validator=optional_region_code)
    approved_date: dt.date | None = date_field()
    revoked_date: dt.date | None = date_field(not_before=("approved_date",))
    labels_used: int | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.ge(0))
    )

    def approved(self, on: dt.date) -> bool:
        """Whether the approval was granted on or before ``on`` and not revoked by then."""
        granted = self.approved_date is not None and self.approved_date <= on
        return granted and (self.revoked_date is None or self.revoked_date > on)
