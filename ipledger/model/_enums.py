"""The closed vocabularies of the exchange format (docs/exchange.md v1), as ``StrEnum`` kinds.

Each member's value is the exact token the exchange format and the database use.
"""

from __future__ import annotations

import enum

__all__ = [
    "Award",
    "CaseOutcome",
    "CaseType",
    "EnterpriseSize",
    "InsuranceProduct",
    "PartyKind",
    "PatentKind",
    "RegionLevel",
    "RightType",
    "TrademarkKind",
    "TransferKind",
]


class RegionLevel(enum.StrEnum):
    """Level of an administrative division (GB/T 2260)."""

    PROVINCE = "province"
    CITY = "city"
    COUNTY = "county"


class PartyKind(enum.StrEnum):
    """What kind of body a party is."""

    ENTERPRISE = "enterprise"
    UNIVERSITY = "university"
    RESEARCH_INSTITUTE = "research_institute"
    ASSOCIATION = "association"
    BANK = "bank"
    INSURER = "insurer"
    INDIVIDUAL = "individual"
    GOVERNMENT = "government"
    OTHER = "other"


class EnterpriseSize(enum.StrEnum):
    """Enterprise size class; micro, small and medium together are the SMEs (中小微企业)."""

    MICRO = "micro"
    SMALL = "small"
    MEDIUM = "medium"
    LARGE = "large"


class PatentKind(enum.StrEnum):
    """Kind of patent: 发明 (invention), 实用新型 (utility model), 外观设计 (design)."""

    INVENTION = "invention"
    UTILITY_MODEL = "utility_model"
    DESIGN = "design"


class Award(enum.StrEnum):
    """China Patent Award (or national S&T award) level a patent received."""

    NONE = "none"
    EXCELLENCE = "excellence"
    SILVER = "silver"
    GOLD = "gold"


class TrademarkKind(enum.StrEnum):
    """Kind of trademark: ordinary, collective (集体商标) or certification (证明商标)."""

    ORDINARY = "ordinary"
    COLLECTIVE = "collective"
    CERTIFICATION = "certification"


class RightType(enum.StrEnum):
    """Which kind of right a transfer moves."""

    PATENT = "patent"
    TRADEMARK = "trademark"


class TransferKind(enum.StrEnum):
    """An assignment (转让) moves the right; a licence (许可) lets another use it."""

    ASSIGNMENT = "assignment"
    LICENCE = "licence"


class InsuranceProduct(enum.StrEnum):
    """IP insurance product line."""

    ENFORCEMENT = "enforcement"
    INFRINGEMENT_LIABILITY = "infringement_liability"
    OVERSEAS = "overseas"
    PLEDGE_GUARANTEE = "pledge_guarantee"
    FULL_CHAIN = "full_chain"
    OTHER = "other"


class CaseType(enum.StrEnum):
    """Type of an enforcement case; one case may have several."""

    TRADEMARK_INFRINGEMENT = "trademark_infringement"
    PATENT_DISPUTE = "patent_dispute"
    PATENT_COUNTERFEITING = "patent_counterfeiting"
    GI_INFRINGEMENT = "gi_infringement"
    OTHER = "other"


class CaseOutcome(enum.StrEnum):
    """How a closed case ended."""

    PENALTY = "penalty"
    MEDIATED = "mediated"
    RULED_INFRINGING = "ruled_infringing"
    RULED_NOT_INFRINGING = "ruled_not_infringing"
    DISMISSED = "dismissed"
    WITHDRAWN = "withdrawn"
    TRANSFERRED_TO_POLICE = "transferred_to_police"
    OTHER = "other"
