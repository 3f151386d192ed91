"""Administrative regions, their population, and the targets governments set for them."""

from __future__ import annotations

from decimal import Decimal

import attrs

from ipledger.model._enums import RegionLevel
from ipledger.model._validators import non_blank, optional_region_code, region_code

__all__ = ["Population", "Region", "Target"]


@attrs.frozen(kw_only=True)
class Region:
    """An administrative division (GB/T 2260) added to or overriding the built-in table.

    Examples:
        >>> Region(code="440700", name="江门市", level=RegionLevel.CITY, parent_code="440000")
        Region(code='440700', name='江门市', level=<RegionLevel.CITY: 'city'>, parent_code='440000')
    """

    code: str = attrs.field(validator=region_code)
    name: str = attrs.field(validator=non_blank)
    level: RegionLevel | None = attrs.field(
        default=None, converter=attrs.converters.optional(RegionLevel)
    )
    parent_code: str | None = attrs.field(default=None, validator=optional_region_code)


@attrs.frozen(kw_only=True)
class Population:
    """Year-end resident population (常住人口) of a region, the divisor of per-10k indicators."""

    region_code: str = attrs.field(validator=region_code)
    year: int = attrs.field(validator=[attrs.validators.ge(1900), attrs.validators.le(2200)])
    population: int = attrs.field(validator=attrs.validators.ge(0))


@attrs.frozen(kw_only=True)
class Target:
    """A goal a government set for a region ("力争到2025年年底，每万人发明专利拥有量达到12件").

    ``indicator`` is an id of INDICATORS.md, ``period`` a period as written there (``2025``),
    ``target`` a number in the indicator's unit.
    """

    region_code: str = attrs.field(validator=region_code)
    indicator: str = attrs.field(validator=non_blank)
    period: str = attrs.field(validator=non_blank)
    target: Decimal = attrs.field(validator=attrs.validators.instance_of(Decimal))
