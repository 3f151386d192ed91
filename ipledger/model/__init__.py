"""The domain model: frozen, validated attrs records and their vocabularies, and the indicator
catalog's definitions and units (what each published figure is); pure, no I/O.

Each entity is declared once here: its record class (whose fields, declared with
`column`, carry each column's rule, Chinese header, synonyms and whether it is required)
and its `Entity` (key, labels, lifecycle, region, export partition). The store, the
import and export, the repositories and the checks are derived from these declarations; see
``docs/extending.md``.

Field names are the exchange-format column names (docs/exchange.md v1), so that a record, a row of
an exchange file and a row of a ledger table all speak the same words.
"""

from __future__ import annotations

from ipledger.model._columns import Column, RuleKind, column, columns_of
from ipledger.model._convert import make_converter
from ipledger.model._entities import (
    DOMAIN,
    ENTITIES,
    Domain,
    Extension,
    entity,
)
from ipledger.model._entity import Entity, normalise_header
from ipledger.model._enums import (
    Award,
    CaseOutcome,
    CaseType,
    EnterpriseSize,
    InsuranceProduct,
    PartyKind,
    PatentKind,
    RegionLevel,
    RightType,
    TrademarkKind,
    TransferKind,
)
from ipledger.model._indicators import (
    INDICATOR_KINDS,
    INDICATORS,
    UNITS,
    IndicatorDefinition,
    Unit,
    indicator_definition,
    indicator_ids,
)
from ipledger.model._jsonschema import json_schema, json_schema_text, write_json_schemas
from ipledger.model._lifecycle import End, Lifecycle, StatutoryTerm, TermYears, add_years
from ipledger.model.cases import CASES, Case
from ipledger.model.events import (
    CASE_EVENTS,
    GI_USER_EVENTS,
    INSURANCE_EVENTS,
    PLEDGE_EVENTS,
    RIGHT_EVENTS,
    CaseEvent,
    CaseEventKind,
    ExtensionAuthority,
    GIUserEvent,
    GIUserEventKind,
    InsuranceEvent,
    InsuranceEventKind,
    PledgeEvent,
    PledgeEventKind,
    RightEvent,
    RightEventKind,
)
from ipledger.model.gi import GI_PRODUCTS, GI_USERS, GIProduct, GIUser
from ipledger.model.insurance import INSURANCE, InsurancePolicy
from ipledger.model.parties import PARTIES, Party
from ipledger.model.patents import PATENT_TERMS, PATENTS, Patent, canonical_patent_number
from ipledger.model.pledges import PLEDGES, Pledge
from ipledger.model.regions import POPULATION, REGIONS, TARGETS, Population, Region, Target
from ipledger.model.trademarks import TRADEMARKS, Trademark
from ipledger.model.transfers import TRANSFERS, Transfer

__all__ = [
    "CASES",
    "CASE_EVENTS",
    "DOMAIN",
    "ENTITIES",
    "GI_PRODUCTS",
    "GI_USERS",
    "GI_USER_EVENTS",
    "INDICATORS",
    "INDICATOR_KINDS",
    "INSURANCE",
    "INSURANCE_EVENTS",
    "PARTIES",
    "PATENTS",
    "PATENT_TERMS",
    "PLEDGES",
    "PLEDGE_EVENTS",
    "POPULATION",
    "REGIONS",
    "RIGHT_EVENTS",
    "TARGETS",
    "TRADEMARKS",
    "TRANSFERS",
    "UNITS",
    "Award",
    "Case",
    "CaseEvent",
    "CaseEventKind",
    "CaseOutcome",
    "CaseType",
    "Column",
    "Domain",
    "End",
    "EnterpriseSize",
    "Entity",
    "Extension",
    "ExtensionAuthority",
    "GIProduct",
    "GIUser",
    "GIUserEvent",
    "GIUserEventKind",
    "IndicatorDefinition",
    "InsuranceEvent",
    "InsuranceEventKind",
    "InsurancePolicy",
    "InsuranceProduct",
    "Lifecycle",
    "Party",
    "PartyKind",
    "Patent",
    "PatentKind",
    "Pledge",
    "PledgeEvent",
    "PledgeEventKind",
    "Population",
    "Region",
    "RegionLevel",
    "RightEvent",
    "RightEventKind",
    "RightType",
    "RuleKind",
    "StatutoryTerm",
    "Target",
    "TermYears",
    "Trademark",
    "TrademarkKind",
    "Transfer",
    "TransferKind",
    "Unit",
    "add_years",
    "canonical_patent_number",
    "column",
    "columns_of",
    "entity",
    "indicator_definition",
    "indicator_ids",
    "json_schema",
    "json_schema_text",
    "make_converter",
    "normalise_header",
    "write_json_schemas",
]
