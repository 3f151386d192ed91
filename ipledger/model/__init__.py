"""The domain model: frozen, validated attrs records and their vocabularies, and the indicator
catalog's definitions and units (what each published figure is); pure, no I/O.

Field names are the exchange-format column names (EXCHANGE.md v1), so that a record, a row of
an exchange file and a row of a ledger table all speak the same words.
"""

from __future__ import annotations

from ipledger.model._convert import make_converter
from ipledger.model._entities import ENTITIES, DateOrderRule, Entity, date_order_rules, entity
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
from ipledger.model.cases import Case
from ipledger.model.gi import GIProduct, GIUser
from ipledger.model.insurance import InsurancePolicy
from ipledger.model.parties import Party
from ipledger.model.patents import Patent, canonical_patent_number
from ipledger.model.pledges import Pledge
from ipledger.model.regions import Population, Region, Target
from ipledger.model.trademarks import Trademark
from ipledger.model.transfers import Transfer

__all__ = [
    "ENTITIES",
    "INDICATORS",
    "INDICATOR_KINDS",
    "UNITS",
    "Award",
    "Case",
    "CaseOutcome",
    "CaseType",
    "DateOrderRule",
    "EnterpriseSize",
    "Entity",
    "GIProduct",
    "GIUser",
    "IndicatorDefinition",
    "InsurancePolicy",
    "InsuranceProduct",
    "Party",
    "PartyKind",
    "Patent",
    "PatentKind",
    "Pledge",
    "Population",
    "Region",
    "RegionLevel",
    "RightType",
    "Target",
    "Trademark",
    "TrademarkKind",
    "Transfer",
    "TransferKind",
    "Unit",
    "canonical_patent_number",
    "date_order_rules",
    "entity",
    "indicator_definition",
    "indicator_ids",
    "json_schema",
    "json_schema_text",
    "make_converter",
    "write_json_schemas",
]
