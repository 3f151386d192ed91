"""The small public API: ``Ledger.open(...)``, one repository per entity, immutable queries;
``publish`` and `PublishedLedger` for services (docs/service.md)."""

from __future__ import annotations

from ipledger.ledger._ledger import Ledger, PatentRepository, PledgeRepository, RightRepository
from ipledger.ledger._moments import Moment, as_utc_moment
from ipledger.ledger._published import CURRENT, PublishedLedger, publish, published_versions
from ipledger.ledger._query import PatentQuery, PledgeQuery, Query, RightQuery
from ipledger.ledger._repository import Repository

__all__ = [
    "CURRENT",
    "Ledger",
    "Moment",
    "PatentQuery",
    "PatentRepository",
    "PledgeQuery",
    "PledgeRepository",
    "PublishedLedger",
    "Query",
    "Repository",
    "RightQuery",
    "RightRepository",
    "as_utc_moment",
    "publish",
    "published_versions",
]
