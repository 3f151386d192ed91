"""IP insurance policies (`INSURANCE`)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs

from ipledger.model._columns import column
from ipledger.model._entity import Entity
from ipledger.model._enums import InsuranceProduct
from ipledger.model._lifecycle import End, Lifecycle

__all__ = ["INSURANCE", "InsurancePolicy"]


@attrs.frozen(kw_only=True)
class InsurancePolicy:
    """An IP insurance policy (知识产权保险), in force from its start date to its end date
    (both included).

    Examples:
        >>> InsurancePolicy(policy_no="P1", product=InsuranceProduct.FULL_CHAIN,
        ...                 coverage=Decimal("500000.00")).product
        <InsuranceProduct.FULL_CHAIN: 'full_chain'>
    """

    policy_no: str = column("text", "保单号")
    product: InsuranceProduct = column(
        "enum", "险种", default=InsuranceProduct.OTHER, vocabulary=InsuranceProduct
    )
    insured_id: str | None = column(
        "party_ref", "投保人代码", default=None, name_column="insured_name"
    )
    insured_name: str | None = column("text", "投保人", default=None)
    region_code: str | None = column("region", "行政区划代码", default=None)
    insurer_name: str | None = column("text", "保险机构", default=None)
    start_date: dt.date | None = column("date", "起保日", default=None)
    end_date: dt.date | None = column("date", "终保日", default=None, not_before=("start_date",))
    coverage: Decimal | None = column("money", "保额", default=None)
    premium: Decimal | None = column("money", "保费", default=None)

    def in_force(self, on: dt.date) -> bool:
        """Whether the policy covers ``on``: `INSURANCE` ``.lifecycle``."""
        return INSURANCE.lifecycle_rule.holds(self, on)


INSURANCE = Entity(
    name="insurance",
    record_type=InsurancePolicy,
    key=("policy_no",),
    label="insurance policy",
    label_zh="知识产权保险",
    lifecycle=Lifecycle(
        state="in_force", start="start_date", ends=(End("end_date", inclusive=True),)
    ),
    dated_by="start_date",
)
"""IP insurance policies: in force from start_date to end_date, both included; counted for the
insured's region."""
