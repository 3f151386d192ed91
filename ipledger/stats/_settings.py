"""Settings of the indicator engine: the numbers CNIPA leaves to the bureau."""

from __future__ import annotations

from decimal import Decimal

import attrs

from ipledger.ledger._high_value import DEFAULT_PLEDGE_THRESHOLD

__all__ = ["DEFAULT_SETTINGS", "StatsSettings"]


def _non_negative(_: object, attribute: attrs.Attribute[Decimal], value: Decimal) -> None:
    if not value.is_finite() or value < 0:
        raise ValueError(f"{attribute.name} must be a finite amount >= 0, not {value}")


@attrs.frozen(kw_only=True)
class StatsSettings:
    """How the engine reads the criteria CNIPA gives no number for.

    ``pledge_high_value_threshold``: the single-pledge secured amount (yuan) from which a pledged
    invention patent counts as high-value ("relatively high pledge financing"); default
    10,000,000 yuan.

    Each field's ``metadata`` holds its ``label_zh`` / ``label_en`` and, for money, ``unit``
    ``"yuan"``: what a report's provenance lists and how a settings file may write it.

    Examples:
        >>> StatsSettings(pledge_high_value_threshold="5000000").pledge_high_value_threshold
        Decimal('5000000')
    """

    pledge_high_value_threshold: Decimal = attrs.field(
        default=DEFAULT_PLEDGE_THRESHOLD,
        converter=Decimal,
        validator=_non_negative,
        metadata={
            "label_zh": "高价值发明专利质押金额阈值",
            "label_en": "High-value pledge threshold",
            "unit": "yuan",
        },
    )


DEFAULT_SETTINGS = StatsSettings()
"""The settings used when none are given."""
