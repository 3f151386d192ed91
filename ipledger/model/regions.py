"""Administrative regions (`REGIONS`), their population (`POPULATION`), and the
targets governments set for them (`TARGETS`)."""

from __future__ import annotations

from decimal import Decimal

import attrs

from ipledger.model._columns import column
from ipledger.model._entity import Entity
from ipledger.model._enums import RegionLevel

__all__ = ["POPULATION", "REGIONS", "TARGETS", "Population", "Region", "Target"]


@attrs.frozen(kw_only=True)
class Region:
    """An administrative division (GB/T 2260) added to or overriding the built-in table.

    Examples:
        >>> Region(code="440700", name="江门市", level=RegionLevel.CITY, parent_code="440000")
        Region(code='440700', name='江门市', level=<RegionLevel.CITY: 'city'>, parent_code='440000')
    """

    code: str = column("new_region", "行政区划代码")
    name: str = column("text", "名称")
    level: RegionLevel | None = column("enum", "级别", default=None, vocabulary=RegionLevel)
    parent_code: str | None = column("region", "上级代码", default=None)


@attrs.frozen(kw_only=True)
class Population:
    """Year-end resident population (常住人口) of a region, the divisor of per-10k indicators."""

    region_code: str = column("region", "行政区划代码")
    year: int = column("int", "年份", bounds=(1900, 2200))
    population: int = column("int", "常住人口", bounds=(0, 2**62))


@attrs.frozen(kw_only=True)
class Target:
    """A goal a government set for a region ("力争到2025年年底，每万人发明专利拥有量达到12件").

    ``indicator`` is an id of docs/indicators.md, ``period`` a period as written there (``2025``),
    ``target`` a number in the indicator's unit.
    """

    region_code: str = column("region", "行政区划代码")
    indicator: str = column("indicator", "指标")
    period: str = column("text", "期间")
    target: Decimal = column("number", "目标值")


REGIONS = Entity(
    name="regions",
    record_type=Region,
    key=("code",),
    label="region",
    label_zh="行政区划",
    region_column=None,
)
"""A ledger's own regions, added to or overriding the built-in GB/T 2260 table."""

POPULATION = Entity(
    name="population",
    record_type=Population,
    key=("region_code", "year"),
    label="population",
    label_zh="常住人口",
)
"""Year-end resident population by region and year."""

TARGETS = Entity(
    name="targets",
    record_type=Target,
    key=("region_code", "indicator", "period"),
    label="target",
    label_zh="目标",
)
"""Targets by region, indicator and period."""
