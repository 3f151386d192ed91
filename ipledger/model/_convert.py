"""The one cattrs converter: records <-> JSON-ready dicts (and rows read from the store)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import cattrs
from cattrs.preconf.json import make_converter as make_json_converter

__all__ = ["make_converter"]


def _structure_date(value: Any, _type: type[dt.date]) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(value)


def _structure_decimal(value: Any, _type: type[Decimal]) -> Decimal:
    if isinstance(value, Decimal):
        return value
    if isinstance(value, float):
        return Decimal(repr(value))
    return Decimal(value)


def make_converter(*, detailed_validation: bool = True) -> cattrs.Converter:
    """Make the converter every record goes through: dates as ISO strings, money as strings.

    Money is unstructured as a decimal string (``"12000000.00"``) so that JSON never turns an
    amount into a float; enums as their values; tuples as lists. Structuring accepts the same,
    and also ``date``/``Decimal`` objects as DuckDB returns them.

    Examples:
        >>> from ipledger.model import Pledge
        >>> c = make_converter()
        >>> d = c.unstructure(Pledge(pledge_id="Y1", registered_date=dt.date(2023, 1, 2),
        ...                          amount=Decimal("1.50")))
        >>> d["amount"], d["registered_date"]
        ('1.50', '2023-01-02')
        >>> c.structure(d, Pledge).amount
        Decimal('1.50')
    """
    converter = make_json_converter(detailed_validation=detailed_validation)
    converter.register_unstructure_hook(dt.date, dt.date.isoformat)
    converter.register_structure_hook(dt.date, _structure_date)
    converter.register_unstructure_hook(Decimal, str)
    converter.register_structure_hook(Decimal, _structure_decimal)
    return converter
