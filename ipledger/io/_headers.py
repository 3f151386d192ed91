"""Column names of the exchange format, derived from the model's column declarations: the
English names, the Chinese ones of docs/exchange.md and their synonyms."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from ipledger.model import ENTITIES

__all__ = ["CHINESE_HEADERS", "REQUIRED_COLUMNS"]

CHINESE_HEADERS: Mapping[str, Mapping[str, str]] = MappingProxyType(
    {
        name: MappingProxyType({c.name: c.zh for c in e.declared_columns})
        for name, e in ENTITIES.items()
    }
)
"""Per built-in entity: English column name -> Chinese column name, as bracketed in
docs/exchange.md (read from the model: ``entity(name).column(c).zh``)."""

REQUIRED_COLUMNS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {name: e.required for name, e in ENTITIES.items()}
)
"""Per built-in entity: the columns marked **required** in docs/exchange.md."""
