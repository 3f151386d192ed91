"""The entity catalog: one row per exchange-format file and ledger table."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

import attrs

from ipledger.errors import NotFoundError
from ipledger.model._validators import NOT_BEFORE
from ipledger.model.cases import Case
from ipledger.model.gi import GIProduct, GIUser
from ipledger.model.insurance import InsurancePolicy
from ipledger.model.parties import Party
from ipledger.model.patents import Patent
from ipledger.model.pledges import Pledge
from ipledger.model.regions import Population, Region, Target
from ipledger.model.trademarks import Trademark
from ipledger.model.transfers import Transfer

__all__ = ["ENTITIES", "DateOrderRule", "Entity", "date_order_rules", "entity"]


@attrs.frozen
class Entity:
    """One kind of record: its exchange-file and table name, its class and its natural key.

    Examples:
        >>> entity("patents").key
        ('application_no',)
    """

    name: str
    record_type: type[Any]
    key: tuple[str, ...]
    label: str

    @property
    def columns(self) -> tuple[str, ...]:
        """The record's fields, in order: the exchange-format columns and the table columns."""
        return tuple(a.name for a in attrs.fields(self.record_type))


ENTITIES: Mapping[str, Entity] = MappingProxyType(
    {
        e.name: e
        for e in (
            Entity("regions", Region, ("code",), "region"),
            Entity("population", Population, ("region_code", "year"), "population"),
            Entity("parties", Party, ("party_id",), "party"),
            Entity("patents", Patent, ("application_no",), "patent"),
            Entity("trademarks", Trademark, ("registration_no",), "trademark"),
            Entity("gi_products", GIProduct, ("gi_id",), "GI product"),
            Entity("gi_users", GIUser, ("gi_ref", "user_id"), "GI label user"),
            Entity("transfers", Transfer, ("right_no", "kind", "date", "to_id"), "transfer"),
            Entity("pledges", Pledge, ("pledge_id",), "pledge"),
            Entity("insurance", InsurancePolicy, ("policy_no",), "insurance policy"),
            Entity("cases", Case, ("case_no",), "case"),
            Entity("targets", Target, ("region_code", "indicator", "period"), "target"),
        )
    }
)
"""Every entity, by its exchange-format name, in an order where references point backwards."""


def entity(name: str) -> Entity:
    """The entity named ``name`` (``"patents"``), or :class:`NotFoundError`."""
    try:
        return ENTITIES[name]
    except KeyError:
        raise NotFoundError("entity", name) from None


@attrs.frozen
class DateOrderRule:
    """``later`` must not be before ``earlier`` (both optional dates of one record)."""

    later: str
    earlier: str

    @property
    def reason(self) -> str:
        """The rejection reason, as import reports print it."""
        return f"{self.later} is before {self.earlier}"


def date_order_rules(record_type: type[Any]) -> tuple[DateOrderRule, ...]:
    """The date-order rules of a record class, read from the same field metadata its validators use.

    Examples:
        >>> date_order_rules(Patent)[0]
        DateOrderRule(later='grant_date', earlier='filing_date')
    """
    return tuple(
        DateOrderRule(a.name, earlier)
        for a in attrs.fields(record_type)
        for earlier in a.metadata.get(NOT_BEFORE, ())
    )
