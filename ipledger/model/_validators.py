"""Field validators shared by the record classes: one rule, one function, reused everywhere."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

import attrs

from ipledger.codes import parse_credit_code, parse_patent_number

__all__ = [
    "NOT_BEFORE",
    "canonical_patent_number",
    "credit_code",
    "date_field",
    "money",
    "non_blank",
    "optional_money",
    "optional_region_code",
    "region_code",
]

_REGION_CODE = re.compile(r"\d{6}")

NOT_BEFORE = "ipledger_not_before"
"""Field-metadata key naming the date fields a date must not precede."""


def non_blank(_instance: Any, attribute: attrs.Attribute[Any], value: str) -> None:
    """Reject an empty or all-blank string."""
    if not value.strip():
        raise ValueError(f"{attribute.name} must not be blank")


def canonical_patent_number(_instance: Any, attribute: attrs.Attribute[Any], value: str) -> None:
    """Accept only a canonical patent application number (``2023101234566``) with a valid check."""
    if parse_patent_number(value).canonical != value:
        raise ValueError(
            f"{attribute.name} must be the canonical form "
            f"{parse_patent_number(value).canonical!r}, not {value!r}"
        )


def credit_code(_instance: Any, attribute: attrs.Attribute[Any], value: str | None) -> None:
    """Accept ``None`` or a valid, upper-case unified social credit code."""
    if value is not None and parse_credit_code(value) != value:
        raise ValueError(f"{attribute.name} must be upper-case: {value!r}")


def region_code(_instance: Any, attribute: attrs.Attribute[Any], value: str) -> None:
    """Accept a 6-digit GB/T 2260 code (whether it is known is checked against the ledger)."""
    if not _REGION_CODE.fullmatch(value):
        raise ValueError(f"{attribute.name} must be a 6-digit region code, not {value!r}")


def optional_region_code(instance: Any, attribute: attrs.Attribute[Any], value: str | None) -> None:
    """Accept ``None`` or a 6-digit region code."""
    if value is not None:
        region_code(instance, attribute, value)


def money(_instance: Any, attribute: attrs.Attribute[Any], value: Decimal) -> None:
    """Accept a finite, non-negative amount of yuan with at most 2 decimal places."""
    if not value.is_finite() or value < 0:
        raise ValueError(f"{attribute.name} must be a non-negative amount, not {value}")
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -2:
        raise ValueError(f"{attribute.name} has more than 2 decimal places: {value}")


def optional_money(instance: Any, attribute: attrs.Attribute[Any], value: Decimal | None) -> None:
    """Accept ``None`` or a valid amount (see :func:`money`)."""
    if value is not None:
        money(instance, attribute, value)


def _not_before(instance: Any, attribute: attrs.Attribute[Any], value: dt.date | None) -> None:
    for other in attribute.metadata[NOT_BEFORE]:
        earlier = getattr(instance, other)
        if value is not None and earlier is not None and value < earlier:
            raise ValueError(f"{attribute.name} {value} is before {other} {earlier}")


def date_field(*, not_before: tuple[str, ...] = (), required: bool = False) -> Any:
    """An optional (or required) date field that must not be before the fields ``not_before``.

    The order rule is kept in the field's metadata under :data:`NOT_BEFORE`, so that the bulk
    import path reads the very same rules (:func:`ipledger.model.date_order_rules`) and checks
    them in SQL.
    """
    validators: list[Any] = [attrs.validators.instance_of(dt.date)]
    if not required:
        validators = [attrs.validators.optional(validators[0])]
    if not_before:
        validators.append(_not_before)
    metadata = {NOT_BEFORE: not_before}
    if required:
        return attrs.field(validator=validators, metadata=metadata)
    return attrs.field(default=None, validator=validators, metadata=metadata)
