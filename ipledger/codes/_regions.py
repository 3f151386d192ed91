"""The built-in, year-versioned GB/T 2260 region table and look-ups in it.

The table (``data/regions.csv``, built by ``tools/build_regions.py``; sources, years and
decisions in ``data/README.md``) has one row per code ever used since the early 1980s:
``code, name, level, parent_code, valid_from, valid_to, successor_code``. Years are year-end
states: a code is in use at the end of year Y when ``valid_from <= Y < valid_to`` (either may
be empty: before the records begin / still in use).

Levels: ``province`` (31, plus 710000 / 810000 / 820000, see :data:`HK_MACAO_TAIWAN`),
``city`` (prefecture level) and ``county`` (county level). The four municipalities
(:data:`MUNICIPALITIES`) are provinces only: their districts and counties are counties whose
parent is the municipality. Counties administered directly by a province (省直辖, e.g. 429004
仙桃市) also have the province as parent. 东莞市 and 中山市 are cities without counties.

Nothing is read on import: the CSV is read once, on first use.
"""

from __future__ import annotations

import functools
import importlib.resources
import re

import attrs
import pyarrow as pa
import pyarrow.csv as pa_csv

from ipledger._sql import literal
from ipledger.codes._text import BLANKS, FULLWIDTH, HALFWIDTH, strip_blanks
from ipledger.errors import NotFoundError, ValidationError

__all__ = [
    "HK_MACAO_TAIWAN",
    "MUNICIPALITIES",
    "REGION_CODE_SQL",
    "REGION_SCHEMA",
    "RegionInfo",
    "ancestors",
    "builtin_regions",
    "current_code",
    "is_region_code_format",
    "parse_region_code",
    "region",
]

_COLUMNS: list[tuple[str, pa.DataType]] = [
    ("code", pa.string()),
    ("name", pa.string()),
    ("level", pa.string()),
    ("parent_code", pa.string()),
    ("valid_from", pa.int32()),
    ("valid_to", pa.int32()),
    ("successor_code", pa.string()),
]
REGION_SCHEMA = pa.schema(_COLUMNS)
"""Columns of the built-in table (and of the ledger's ``builtin_regions`` table)."""

MUNICIPALITIES = frozenset({"110000", "120000", "310000", "500000"})
"""直辖市 (北京, 天津, 上海, 重庆): province level, with no city level below them."""

HK_MACAO_TAIWAN = frozenset({"710000", "810000", "820000"})
"""台湾省, 香港, 澳门: province-level codes of GB/T 2260 with nothing below them in the table;
national statistics usually leave them out (不含港澳台)."""

_FORMAT = re.compile(r"[0-9]{6}")


_CLEAN_SQL = f"trim(translate(s, {literal(FULLWIDTH)}, {literal(HALFWIDTH)}), {literal(BLANKS)})"

REGION_CODE_SQL = (
    f"CREATE OR REPLACE TEMP MACRO ipl_region_code(s) AS (CASE"
    f" WHEN regexp_full_match({_CLEAN_SQL}, '[0-9]{{6}}') THEN {_CLEAN_SQL} END);\n"
    f"CREATE OR REPLACE TEMP MACRO ipl_region_code_error(s) AS (CASE"
    f" WHEN s IS NULL OR {_CLEAN_SQL} = '' THEN NULL"
    f" WHEN NOT regexp_full_match({_CLEAN_SQL}, '[0-9]{{6}}')"
    " THEN 'not a 6-digit region code' END);"
)
"""The SQL form of :func:`is_region_code_format`: two temporary macros, one connection.

``ipl_region_code(s)`` is the cleaned code (half-width, blanks trimmed) or NULL;
``ipl_region_code_error(s)`` is ``'not a 6-digit region code'`` or NULL (blank text is
unknown, not an error). Whether a well-formed code is known is a join with
``builtin_regions`` (and the ledger's ``regions``), which the import does.

Examples:
    >>> import duckdb
    >>> con = duckdb.connect()
    >>> _ = con.execute(REGION_CODE_SQL)
    >>> con.sql("SELECT ipl_region_code(' ４４０７００'), ipl_region_code_error('4407')").fetchall()
    [('440700', 'not a 6-digit region code')]
"""


@attrs.frozen(kw_only=True)
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
        """Whether the code was in use at the end of ``year`` (a code retired in Y was not).

        Examples:
            >>> region("330104").in_use(2020), region("330104").in_use(2021)
            (True, False)
        """
        started = self.valid_from is None or self.valid_from <= year
        return started and (self.valid_to is None or year < self.valid_to)


@functools.cache
def builtin_regions() -> pa.Table:
    """The whole built-in table as Arrow (read once per process from the package data).

    Examples:
        >>> builtin_regions().schema == REGION_SCHEMA
        True
    """
    data = importlib.resources.files("ipledger.codes") / "data" / "regions.csv"
    with data.open("rb") as f:
        table = pa_csv.read_csv(
            f,
            convert_options=pa_csv.ConvertOptions(
                column_types=REGION_SCHEMA,
                include_columns=REGION_SCHEMA.names,
                strings_can_be_null=True,
            ),
        )
    return table.combine_chunks()


@functools.cache
def _by_code() -> dict[str, RegionInfo]:
    return {row["code"]: RegionInfo(**row) for row in builtin_regions().to_pylist()}


def region(code: str, *, year: int | None = None) -> RegionInfo:
    """The region with this code (in use at the end of ``year``, when given).

    Raises:
        NotFoundError: the code is not in the table (or was not in use that year).

    Examples:
        >>> region("330104").successor_code
        '330102'
        >>> region("330104", year=2021)
        Traceback (most recent call last):
        ...
        ipledger.errors.NotFoundError: no region with key '330104 in 2021'
    """
    info = _by_code().get(code)
    if info is None or (year is not None and not info.in_use(year)):
        raise NotFoundError("region", code if year is None else f"{code} in {year}")
    return info


def current_code(code: str) -> str:
    """The code that now stands for ``code``: itself when in use, else the end of its chain of
    successors (a retired code whose successor is not known is returned as it is).

    Raises:
        NotFoundError: the code is not in the table.

    Examples:
        >>> current_code("330104"), current_code("440700")
        ('330102', '440700')
    """
    seen = {code}
    info = region(code)
    while info.successor_code is not None and info.successor_code not in seen:
        seen.add(info.successor_code)
        info = region(info.successor_code)
    return info.code


def ancestors(code: str) -> tuple[str, ...]:
    """The parent chain of a code up to its province, nearest first (empty for a province).

    Raises:
        NotFoundError: the code is not in the table.

    Examples:
        >>> ancestors("440703"), ancestors("429004"), ancestors("110105")
        (('440700', '440000'), ('420000',), ('110000',))
    """
    chain: list[str] = []
    parent = region(code).parent_code
    while parent is not None:
        chain.append(parent)
        parent = region(parent).parent_code
    return tuple(chain)


def is_region_code_format(text: str) -> bool:
    """Whether ``text`` is exactly six ASCII digits (no cleaning: see :func:`parse_region_code`).

    Examples:
        >>> [is_region_code_format(t) for t in ("440700", "44070", "４４０７００")]
        [True, False, False]
    """
    return _FORMAT.fullmatch(text) is not None


def parse_region_code(text: str) -> str:
    """Read a region code: six digits (full-width ones and surrounding blanks are cleaned as in
    every parser) that are in the built-in table at any year. A retired code is returned as it
    is, not mapped (see :func:`current_code`).

    Raises:
        ValidationError: reason ``"not a 6-digit region code"`` or ``"unknown region code"``.

    Examples:
        >>> parse_region_code(" 440700"), parse_region_code("330104")
        ('440700', '330104')
        >>> parse_region_code("440799")
        Traceback (most recent call last):
        ...
        ipledger.errors.ValidationError: '440799': unknown region code
    """
    code = strip_blanks(text)
    if not is_region_code_format(code):
        raise ValidationError(value=text, reason="not a 6-digit region code")
    if code not in _by_code():
        raise ValidationError(value=text, reason="unknown region code")
    return code
