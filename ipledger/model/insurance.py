"""IP insurance policies."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs

from ipledger.model._enums import InsuranceProduct
from ipledger.model._validators import date_field, non_blank, optional_money, optional_region_code

__all__ = ["InsurancePolicy"]


@attrs.frozen(kw_only=True)
class InsurancePolicy:
    """An IP insurance policy (知识产权保险).

    Examples:
        >>> InsurancePolicy(policy_no="P1", product=InsuranceProduct.FULL_CHAIN,
        ...                 coverage=Decimal("500000.00")).product
        <InsuranceProduct.FULL_CHAIN: 'full_chain'>
    """

    policy_no: str = attrs.field(validator=non_blank)
    product: InsuranceProduct = attrs.field(
        default=InsuranceProduct.OTHER, converter=InsuranceProduct
    )
    insured_id: str | None = None
    insured_name: str | None = None
    region_code: str | None = attrs.field(default=None, validator=optional_region_code)
    insurer_name: str | None = None
    start_date: dt.date | None = date_field()
    end_date: dt.date | None = date_field(not_before=("start_date",))
    coverage: Decimal | None = attrs.field(default=None, validator=optional_money)
    premium: Decimal | None = attrs.field(default=None, validator=optional_money)
