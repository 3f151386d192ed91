"""Geographical indications: protected GI products (`GI_PRODUCTS`) and the enterprises
approved to use the GI special label (`GI_USERS`)."""

from __future__ import annotations

import datetime as dt

import attrs

from ipledger.model._columns import column
from ipledger.model._entity import Entity
from ipledger.model._lifecycle import End, Lifecycle

__all__ = ["GI_PRODUCTS", "GI_USERS", "GIProduct", "GIUser"]


@attrs.frozen(kw_only=True)
class GIProduct:
    """A geographical-indication product protected by announcement (地理标志保护产品).

    Examples:
        >>> GIProduct(gi_id="GI-001", name="新会陈皮", protected_date=dt.date(2006, 12, 1)).name
        '新会陈皮'
    """

    gi_id: str = column("text", "编号")
    name: str = column("text", "名称", synonyms=("产品名称",))
    region_code: str | None = column("region", "行政区划代码", default=None)
    holder_id: str | None = column("party_ref", "申请人代码", default=None)
    protected_date: dt.date | None = column("date", "保护日期", default=None)
    lapse_date: dt.date | None = column(
        "date", "撤销日期", default=None, not_before=("protected_date",)
    )

    def in_force(self, on: dt.date) -> bool:
        """Whether the product is under protection on ``on``: `GI_PRODUCTS`."""
        return GI_PRODUCTS.lifecycle_rule.holds(self, on)


@attrs.frozen(kw_only=True)
class GIUser:
    """An enterprise approved to use the GI special label (地理标志专用标志使用核准).

    ``gi_ref`` names a GI product (its ``gi_id``) or a GI trademark (its registration number).
    """

    gi_ref: str = column("text", "地理标志")
    user_id: str = column("party_ref", "用标主体代码", name_column="user_name")
    user_name: str | None = column("text", "用标主体", default=None)
    region_code: str | None = column("region", "行政区划代码", default=None)
    approved_date: dt.date | None = column("date", "核准日期", default=None)
    revoked_date: dt.date | None = column(
        "date", "注销日期", default=None, not_before=("approved_date",)
    )
    labels_used: int | None = column("int", "用标数量", default=None, bounds=(0, 2**62))

    def approved(self, on: dt.date) -> bool:
        """Whether the approval holds on ``on`` (granted by then, not revoked)."""
        return GI_USERS.lifecycle_rule.holds(self, on)


GI_PRODUCTS = Entity(
    name="gi_products",
    record_type=GIProduct,
    key=("gi_id",),
    label="GI product",
    label_zh="地理标志产品",
    lifecycle=Lifecycle(state="in_force", start="protected_date", ends=(End("lapse_date"),)),
    dated_by="protected_date",
)
"""GI products: in force (protected) from announcement until revoked."""

GI_USERS = Entity(
    name="gi_users",
    record_type=GIUser,
    key=("gi_ref", "user_id"),
    label="GI label user",
    label_zh="地理标志专用标志使用企业",
    lifecycle=Lifecycle(state="approved", start="approved_date", ends=(End("revoked_date"),)),
    dated_by="approved_date",
)
"""GI label users: approved from the approval date until revoked."""
