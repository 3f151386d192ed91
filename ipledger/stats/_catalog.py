"""The indicator catalog of the engine: each definition of `ipledger.model.INDICATORS`
joined with the SQL family that computes it.

What an indicator is (labels, unit, kind, definitions, breakdown rules) is declared in
`ipledger.model._indicators`; which family computes it is what the families declare they
emit (`emits`). Joining them is checked when this module
is imported: every catalog id is emitted by exactly one family (a per-10k figure by none: it
is derived from its base, and counts as its base's family), so a mistyped or forgotten id
fails at import instead of reading 0. Reports, ``ipledger indicators`` and
``docs/indicators.md`` are generated from `CATALOG`.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

import attrs

from ipledger.errors import UnknownIndicatorError
from ipledger.model import INDICATOR_KINDS, INDICATORS, UNITS, IndicatorDefinition
from ipledger.stats._family import Family
from ipledger.stats._sql_cases import CASE_DAYS, CASES_CLOSED, CASES_IN_TIME, CASES_OPENED
from ipledger.stats._sql_finance import (
    INSURANCE,
    INSURANCE_INSURED,
    PLEDGE_BENEFICIARIES,
    PLEDGE_OUTSTANDING,
    PLEDGES,
)
from ipledger.stats._sql_patents import (
    PATENT_APPLICATIONS,
    PATENT_GRANTS,
    PATENT_STOCK,
    PATENT_TRANSFERS,
)
from ipledger.stats._sql_trademarks import (
    GI_PRODUCTS,
    GI_USERS,
    TRADEMARK_REGISTRATIONS,
    TRADEMARK_STOCK,
)

__all__ = ["CATALOG", "FAMILIES", "KINDS", "UNITS", "Indicator", "indicator", "join_families"]

KINDS = INDICATOR_KINDS
"""``flow``: events dated in the period; ``stock``: in force on the period's last day."""

FAMILIES: tuple[Family, ...] = (
    PATENT_APPLICATIONS,
    PATENT_GRANTS,
    PATENT_STOCK,
    PATENT_TRANSFERS,
    TRADEMARK_REGISTRATIONS,
    TRADEMARK_STOCK,
    GI_PRODUCTS,
    GI_USERS,
    PLEDGES,
    PLEDGE_BENEFICIARIES,
    PLEDGE_OUTSTANDING,
    INSURANCE,
    INSURANCE_INSURED,
    CASES_OPENED,
    CASES_CLOSED,
    CASE_DAYS,
    CASES_IN_TIME,
)
"""Every indicator family of the engine."""


@attrs.frozen(kw_only=True)
class Indicator(IndicatorDefinition):
    """One published figure: its `IndicatorDefinition` (id, labels,
    unit, kind, definitions, breakdown rules) and the SQL ``family`` that computes it.

    Examples:
        >>> i = indicator("pledge_count")
        >>> i.label_zh, i.label_en, i.unit, i.kind, i.family.name
        ('知识产权质押笔数', 'IP pledge registrations', 'count', 'flow', 'pledges')
    """

    family: Family


def join_families(families: tuple[Family, ...]) -> dict[str, Indicator]:
    """The definitions joined with the families emitting them, in catalog order.

    Raises ValueError when a family emits an id another family emits too, or a catalog id
    (other than a per-10k figure) is emitted by no family.
    """
    emitted: dict[str, Family] = {}
    for family in families:
        for emitted_id in family.emits:
            if emitted_id in emitted:
                raise ValueError(
                    f"indicator {emitted_id!r} is emitted by two families: "
                    f"{emitted[emitted_id].name!r} and {family.name!r}"
                )
            emitted[emitted_id] = family
    out: dict[str, Indicator] = {}
    for item in INDICATORS.values():
        source = item.per_10k_of or item.id
        if source not in emitted:
            raise ValueError(f"indicator {item.id!r} is emitted by no family")
        fields = {a.name: getattr(item, a.name) for a in attrs.fields(IndicatorDefinition)}
        out[item.id] = Indicator(**fields, family=emitted[source])
    return out


CATALOG: Mapping[str, Indicator] = MappingProxyType(join_families(FAMILIES))
"""Every indicator by id, in the order reports list them."""


def indicator(indicator_id: str) -> Indicator:
    """The indicator with this id, or `UnknownIndicatorError`.

    Examples:
        >>> indicator("patent_grants.invention").label_zh
        '发明专利授权量'
        >>> indicator("patent_grant")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        ipledger.errors.UnknownIndicatorError: unknown indicator 'patent_grant': ...
    """
    try:
        return CATALOG[indicator_id]
    except KeyError:
        raise UnknownIndicatorError(indicator_id) from None
