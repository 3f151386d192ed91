"""The rule of every exchange column, read from the model's field types and names.

Each column has one rule (how its text is read and what makes it wrong); the rules come from
the record classes of :mod:`ipledger.model` (a ``dt.date`` field is a date, an enum field takes
the enum's tokens, ...) plus the few columns the contract gives a rule of their own.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import types
import typing
from collections.abc import Mapping
from decimal import Decimal
from typing import Any, Literal

import attrs

from ipledger.io._headers import REQUIRED_COLUMNS
from ipledger.model import ENTITIES

__all__ = ["ColumnRule", "RuleKind", "column_rules"]

RuleKind = Literal[
    "text",
    "party_ref",
    "party_id",
    "patent_number",
    "patent_kind",
    "trademark_number",
    "right_no",
    "date",
    "money",
    "number",
    "int",
    "bool",
    "list",
    "rights",
    "enum",
    "enum_list",
    "nice_classes",
    "region",
    "new_region",
]

_PARTY_REFS = frozenset(
    {
        "holder_id",
        "pledgor_id",
        "pledgee_id",
        "insured_id",
        "respondent_id",
        "right_holder_id",
        "from_id",
        "to_id",
        "user_id",
    }
)
_SPECIAL: Mapping[tuple[str, str], RuleKind] = {
    ("patents", "application_no"): "patent_number",
    ("patents", "kind"): "patent_kind",
    ("trademarks", "registration_no"): "trademark_number",
    ("trademarks", "nice_classes"): "nice_classes",
    ("parties", "party_id"): "party_id",
    ("transfers", "right_no"): "right_no",
    ("pledges", "rights"): "rights",
    ("cases", "rights"): "rights",
    ("regions", "code"): "new_region",
    ("targets", "target"): "number",
}


@attrs.frozen
class ColumnRule:
    """How one column is read: its rule, vocabulary (enums), blank default and bounds."""

    column: str
    kind: RuleKind
    required: bool = False
    vocabulary: tuple[str, ...] = ()
    default: str | None = None
    bounds: tuple[int, int] | None = None


def _strip_optional(hint: Any) -> Any:
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        return args[0] if len(args) == 1 else hint
    return hint


def _rule(entity_name: str, field: attrs.Attribute[Any], hint: Any) -> ColumnRule:
    name = field.name
    required = name in REQUIRED_COLUMNS[entity_name]
    hint = _strip_optional(hint)
    default = field.default if not isinstance(field.default, attrs.Factory) else None  # type: ignore[arg-type]
    special = _SPECIAL.get((entity_name, name))
    if special is not None:
        vocabulary = ("invention", "utility_model", "design") if special == "patent_kind" else ()
        return ColumnRule(name, special, required, vocabulary)
    if name in _PARTY_REFS:
        return ColumnRule(name, "party_ref", required)
    if name.endswith("region_code") or name == "parent_code":
        return ColumnRule(name, "region", required)
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        token = default.value if isinstance(default, enum.Enum) else None
        return ColumnRule(name, "enum", required, tuple(m.value for m in hint), token)
    if typing.get_origin(hint) is tuple:
        item = typing.get_args(hint)[0]
        if isinstance(item, type) and issubclass(item, enum.Enum):
            return ColumnRule(name, "enum_list", required, tuple(m.value for m in item))
        return ColumnRule(name, "list", required)
    if hint is dt.date:
        return ColumnRule(name, "date", required)
    if hint is Decimal:
        return ColumnRule(name, "money", required)
    if hint is bool:
        return ColumnRule(name, "bool", required)
    if hint is int:
        bounds = (1900, 2200) if name == "year" else (0, 2**62)
        return ColumnRule(name, "int", required, bounds=bounds)
    return ColumnRule(name, "text", required)


@functools.cache
def column_rules(entity_name: str) -> Mapping[str, ColumnRule]:
    """The rule of each column of an entity, in column order.

    Examples:
        >>> column_rules("patents")["grant_date"].kind, column_rules("patents")["award"].default
        ('date', 'none')
    """
    record_type = ENTITIES[entity_name].record_type
    hints = typing.get_type_hints(record_type)
    return types.MappingProxyType(
        {f.name: _rule(entity_name, f, hints[f.name]) for f in attrs.fields(record_type)}
    )
