"""ipledger: a typed ledger of a bureau's IP records, kept in DuckDB, and the figures it publishes.

Examples:
    >>> import ipledger
    >>> with ipledger.Ledger.open() as ledger:
    ...     ledger.patents.count()
    0
"""

from __future__ import annotations

from ipledger.errors import (
    ConcurrencyError,
    IllegalTransitionError,
    IpledgerError,
    NotFoundError,
    RejectedRowsError,
    SchemaVersionError,
    UnknownIndicatorError,
    ValidationError,
)
from ipledger.ledger import Ledger, Query, Repository
from ipledger.model import (
    Award,
    Case,
    CaseOutcome,
    CaseType,
    EnterpriseSize,
    GIProduct,
    GIUser,
    InsurancePolicy,
    InsuranceProduct,
    Party,
    PartyKind,
    Patent,
    PatentKind,
    Pledge,
    Population,
    Region,
    RegionLevel,
    RightType,
    Target,
    Trademark,
    TrademarkKind,
    Transfer,
    TransferKind,
)
from ipledger.store import WriteCounts

__version__ = "0.1.0"

__all__ = [
    "Award",
    "Case",
    "CaseOutcome",
    "CaseType",
    "ConcurrencyError",
    "EnterpriseSize",
    "GIProduct",
    "GIUser",
    "IllegalTransitionError",
    "InsurancePolicy",
    "InsuranceProduct",
    "IpledgerError",
    "Ledger",
    "NotFoundError",
    "Party",
    "PartyKind",
    "Patent",
    "PatentKind",
    "Pledge",
    "Population",
    "Query",
    "Region",
    "RegionLevel",
    "RejectedRowsError",
    "Repository",
    "RightType",
    "SchemaVersionError",
    "Target",
    "Trademark",
    "TrademarkKind",
    "Transfer",
    "TransferKind",
    "UnknownIndicatorError",
    "ValidationError",
    "WriteCounts",
    "__version__",
]
