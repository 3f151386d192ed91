"""The built-in, year-versioned GB/T 2260 region table and look-ups in it."""

from __future__ import annotations

import functools
import importlib.resources
import re

import attrs
import pyarrow as pa
import pyarrow.csv as pa_csv

from ipledger.errors import NotFoundError, ValidationError

__all__ = [
    "REGION_SCHEMA",
    "RegionInfo",
    "ancestors",
    "builtin_regions",
    "current_code",
    "is_region_code_format",
    "parse_region_code",
    "region",
]

_COLUMNS: dict[str, pa.DataType] = {
    "code": pa.string(),
    "name": pa.string(),
    "level": pa.string(),
    "parent_code": pa.string(),
    "valid_from": pa.int32(),
    "valid_to": pa.int32(),
    "successor_code": pa.string(),
}
REGION_SCHEMA = pa.schema(_COLUMNS)
"""Columns of the built-in table (and of the ledger's ``builtin_regions`` table)."""

_FORMAT = re.compile(r"[0-9]{6}")


@attrs.frozen
class RegionInfo:
    """One code of the built-in table.

    Examples:
        >>> info = region("440700")
        >>> info.name, info.level, info.parent_code
        ('江门市', 'city', '440000')
    """

    code: str
    name: str
    level: str
    parent_code: str | None
    valid_from: int | None
    valid_to: int | None
    successor_code: str | None

    def in_use(self, year: int) -> bool:
        """Whether the code was in use in ``year`` (retired codes stop in their last year)."""
        started = self.valid_from is None or self.valid_from <= year
        return started and (self.valid_to is None or year < self.valid_to)


@functools.cache
def builtin_regions() -> pa.Table:
    """The whole built-in table as Arrow (read once per process from the package data)."""
    data = importlib.resources.files("ipledger.codes") / "data" / "regions.csv"
    with data.open("rb") as f:
        return pa_csv.read_csv(
            f,
            convert_options=pa_csv.ConvertOptions(
                column_types=REGION_SCHEMA, strings_can_be_null=True
            ),
        ).select(REGION_SCHEMA.names)


@functools.cache
def _by_code() -> dict[str, RegionInfo]:
    return {row["code"]: RegionInfo(**row) for row in builtin_regions().to_pylist()}


def region(code: str, *, year: int | None = None) -> RegionInfo:
    """The region with this code (in use in ``year`` when given), or NotFoundError."""
    info = _by_code().get(code)
    if info is None or (year is not None and not info.in_use(year)):
        raise NotFoundError("region", code if year is None else f"{code} in {year}")
    return info


def current_code(code: str) -> str:
    """Follow successor codes from a retired code to the code that took it over.

    Examples:
        >>> current_code("330104")
        '330102'
    """
    seen = {code}
    info = region(code)
    while info.successor_code is not None and info.successor_code not in seen:
        seen.add(info.successor_code)
        info = region(info.successor_code)
    return info.code


def ancestors(code: str) -> tuple[str, ...]:
    """The parent chain of a code up to its province (nearest first).

    Examples:
        >>> ancestors("440703")
        ('440700', '440000')
    """
    chain = []
    parent = region(code).parent_code
    while parent is not None:
        chain.append(parent)
        parent = region(parent).parent_code
    return tuple(chain)


def is_region_code_format(text: str) -> bool:
    """Whether ``text`` is six ASCII digits."""
    return _FORMAT.fullmatch(text) is not None


def parse_region_code(text: str) -> str:
    """Check a region code: six digits and in the built-in table (at any year).

    Examples:
        >>> parse_region_code("440700")
        '440700'
    """
    code = text.strip()
    if not is_region_code_format(code):
        raise ValidationError(value=text, reason="not a 6-digit region code")
    if code not in _by_code():
        raise ValidationError(value=text, reason="unknown region code")
    return code
