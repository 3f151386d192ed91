"""The entity catalog (one row per exchange-format file and ledger table) and the
`Domain` a ledger is opened with: the entities plus any extension of them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from types import MappingProxyType

import attrs

from ipledger.errors import NotFoundError
from ipledger.model._entity import Entity
from ipledger.model.cases import CASES
from ipledger.model.events import (
    CASE_EVENTS,
    GI_USER_EVENTS,
    INSURANCE_EVENTS,
    PLEDGE_EVENTS,
    RIGHT_EVENTS,
)
from ipledger.model.gi import GI_PRODUCTS, GI_USERS
from ipledger.model.insurance import INSURANCE
from ipledger.model.parties import PARTIES
from ipledger.model.patents import PATENTS
from ipledger.model.pledges import PLEDGES
from ipledger.model.regions import POPULATION, REGIONS, TARGETS
from ipledger.model.trademarks import TRADEMARKS
from ipledger.model.transfers import TRANSFERS

__all__ = [
    "DOMAIN",
    "ENTITIES",
    "Domain",
    "Extension",
    "entity",
]


def _by_name(entities: Iterable[Entity]) -> Mapping[str, Entity]:
    found: dict[str, Entity] = {}
    for item in entities:
        if item.name in found:
            raise ValueError(f"entity {item.name} declared twice")
        found[item.name] = item
    return MappingProxyType(found)


ENTITIES: Mapping[str, Entity] = _by_name(
    (
        REGIONS,
        POPULATION,
        PARTIES,
        PATENTS,
        TRADEMARKS,
        GI_PRODUCTS,
        GI_USERS,
        TRANSFERS,
        PLEDGES,
        INSURANCE,
        CASES,
        TARGETS,
        RIGHT_EVENTS,
        GI_USER_EVENTS,
        PLEDGE_EVENTS,
        INSURANCE_EVENTS,
        CASE_EVENTS,
    )
)
"""Every built-in entity, by its exchange-format name, in an order where references point
backwards (regions first): the order files are imported in."""


@attrs.frozen
class Extension:
    """Entities added to the built-in ones, with the SQL migrations that create their tables
    (each script applied once, in order; a ledger records how many it has applied)."""

    name: str
    entities: tuple[Entity, ...]
    migrations: tuple[str, ...]


@attrs.frozen
class Domain:
    """The entities a ledger holds: the built-in ones and any `Extension`.

    Examples:
        >>> DOMAIN.entity("patents").label_zh
        '专利'
    """

    entities: Mapping[str, Entity] = ENTITIES
    extensions: tuple[Extension, ...] = ()

    def entity(self, name: str) -> Entity:
        """The entity named ``name``, or `NotFoundError`."""
        try:
            return self.entities[name]
        except KeyError:
            raise NotFoundError("entity", name) from None

    def extend(self, name: str, *, entities: Sequence[Entity], migrations: Sequence[str]) -> Domain:
        """A domain with more entities, whose tables the ``migrations`` create (each script
        a table with the entity's columns and the history columns ``recorded_at``,
        ``superseded_at`` and ``source``; see docs/extending.md)."""
        if any(e.name == name for e in self.extensions):
            raise ValueError(f"extension {name!r} is already part of this domain")
        added = Extension(name, tuple(entities), tuple(migrations))
        merged = _by_name((*self.entities.values(), *added.entities))
        return Domain(merged, (*self.extensions, added))


DOMAIN = Domain()
"""The built-in domain: `ENTITIES`, no extension."""


def entity(name: str) -> Entity:
    """The built-in entity named ``name`` (``"patents"``), or `NotFoundError`."""
    return DOMAIN.entity(name)
