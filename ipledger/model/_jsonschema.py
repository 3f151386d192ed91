"""JSON Schemas of the record classes, generated from their attrs fields.

The committed files in ``schemas/json/`` are the output of `write_json_schemas`; a test
checks they are current.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import types
import typing
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

from ipledger.model._columns import record_column
from ipledger.model._entities import ENTITIES

__all__ = ["json_schema", "json_schema_text", "write_json_schemas"]

_MONEY_PATTERN = r"^[0-9]+(\.[0-9]{1,2})?$"
_DECIMAL_PATTERN = r"^-?[0-9]+(\.[0-9]+)?$"


def _type_schema(tp: Any, *, money: bool) -> dict[str, Any]:
    origin = typing.get_origin(tp)
    if origin in (types.UnionType, typing.Union):
        members = [a for a in typing.get_args(tp) if a is not type(None)]
        inner = _type_schema(members[0], money=money)
        return {"anyOf": [inner, {"type": "null"}]}
    if origin is tuple:
        return {"type": "array", "items": _type_schema(typing.get_args(tp)[0], money=money)}
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return {"type": "string", "enum": [m.value for m in tp]}
    if tp is bool:
        return {"type": "boolean"}
    if tp is int:
        return {"type": "integer"}
    if tp is str:
        return {"type": "string"}
    if tp is dt.date:
        return {"type": "string", "format": "date"}
    if tp is Decimal:
        return {"type": "string", "pattern": _MONEY_PATTERN if money else _DECIMAL_PATTERN}
    raise TypeError(f"no JSON Schema for {tp!r}")


def json_schema(record_type: type[Any]) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a record class as the converter unstructures it.

    Examples:
        >>> from ipledger.model import Pledge
        >>> json_schema(Pledge)["required"]
        ['pledge_id', 'registered_date', 'amount']
    """
    hints = typing.get_type_hints(record_type)
    properties: dict[str, Any] = {}
    required: list[str] = []
    for field in attrs.fields(record_type):
        declared = record_column(field)
        properties[field.name] = _type_schema(hints[field.name], money=declared.rule == "money")
        if declared.required:
            required.append(field.name)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://ipledger.invalid/schemas/{record_type.__name__}.schema.json",
        "title": record_type.__name__,
        "description": " ".join((record_type.__doc__ or "").strip().split("\n\n")[0].split()),
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }


def json_schema_text(record_type: type[Any]) -> str:
    """The schema as the committed file holds it: indented JSON, UTF-8, newline at the end."""
    return json.dumps(json_schema(record_type), ensure_ascii=False, indent=2) + "\n"


def write_json_schemas(folder: Path) -> list[Path]:
    """Write one ``<entity>.schema.json`` per entity into ``folder``; return the paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for entity in ENTITIES.values():
        path = folder / f"{entity.name}.schema.json"
        path.write_text(json_schema_text(entity.record_type), encoding="utf-8")
        paths.append(path)
    return paths
