"""The built-in, year-versioned GB/T 2260 region table and look-ups in it.

The table (``data/regions.csv``, built by ``tools/build_regions.py`` from the Ministry of Civil
Affairs' year-end lists; sources, years and decisions in ``data/README.md``) has one row per
code used since 1981: ``code, name, level, parent_code, valid_from, valid_to, successor_code,
successor_codes, name_en, former_names``. Years are year-end states: a code is in use at the
end of year Y when ``valid_from <= Y < valid_to`` (either may be empty: before the lists begin /
still in use). A retired code has the codes its area went to (``successor_codes``, several when
it was split); ``successor_code`` is filled only when there is exactly one.

Levels: ``province`` (31, plus 710000 / 810000 / 820000, see `HK_MACAO_TAIWAN`),
``city`` (prefecture level) and ``county`` (county level). The four municipalities
(`MUNICIPALITIES`) are provinces only: their districts and counties are counties whose
parent is the municipality. Counties administered directly by a province (省直辖, e.g. 429004
仙桃市) also have the province as parent. 东莞市 and 中山市 are cities without counties.

Nothing is read on import: the CSV is read once, on first use.
"""

from __future__ import annotations

import functools
import importlib.resources
import re
from typing import IO, Any

import attrs
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv

from ipledger._sql import literal
from ipledger.codes._text import BLANKS, FULLWIDTH, HALFWIDTH, strip_blanks
from ipledger.errors import NotFoundError, ValidationError

__all__ = [
    "FORMER_NAME",
    "HK_MACAO_TAIWAN",
    "MUNICIPALITIES",
    "REGION_CODE_SQL",
    "REGION_SCHEMA",
    "RegionInfo",
    "ancestors",
    "builtin_regions",
    "current_code",
    "current_codes",
    "is_region_code_format",
    "parse_region_code",
    "region",
]

FORMER_NAME = pa.struct([("name", pa.string()), ("valid_to", pa.int32())])
"""One earlier name of a code: the name, and the first year-end it no longer had it."""

_COLUMNS: list[tuple[str, pa.DataType]] = [
    ("code", pa.string()),
    ("name", pa.string()),
    ("level", pa.string()),
    ("parent_code", pa.string()),
    ("valid_from", pa.int32()),
    ("valid_to", pa.int32()),
    ("successor_code", pa.string()),
    ("successor_codes", pa.list_(pa.string())),
    ("name_en", pa.string()),
    ("former_names", pa.list_(FORMER_NAME)),
]
REGION_SCHEMA = pa.schema(_COLUMNS)
"""Columns of the built-in table (and of the ledger's ``builtin_regions`` table)."""

_LISTS = ("successor_codes", "former_names")  # ';'-joined in the CSV

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
"""The SQL form of `is_region_code_format`: two temporary macros, one connection.

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

    ``successor_codes`` are the codes a retired code's area went to (several when it was
    split), ``successor_code`` the one of them when there is exactly one. ``former_names`` are
    the code's earlier names, oldest first, each with the first year-end it no longer had it.

    Examples:
        >>> info = region("440700")
        >>> info.name, info.name_en, info.level, info.parent_code
        ('江门市', 'Jiangmen', 'city', '440000')
        >>> region("330104").successor_codes
        ('330102', '330114')
    """

    code: str
    name: str
    level: str
    parent_code: str | None
    valid_from: int | None
    valid_to: int | None
    successor_code: str | None
    successor_codes: tuple[str, ...] = ()
    name_en: str | None = None
    former_names: tuple[tuple[str, int], ...] = ()

    def in_use(self, year: int) -> bool:
        """Whether the code was in use at the end of ``year`` (a code retired in Y was not).

        Examples:
            >>> region("330104").in_use(2020), region("330104").in_use(2021)
            (True, False)
        """
        started = self.valid_from is None or self.valid_from <= year
        return started and (self.valid_to is None or year < self.valid_to)

    def name_in(self, year: int) -> str:
        """The name the code had at the end of ``year`` (for a year it was not in use: its
        first name before, its last after).

        Examples:
            >>> region("130502").name_in(2019), region("130502").name_in(2020)
            ('桥东区', '襄都区')
        """
        for name, until in self.former_names:
            if year < until:
                return name
        return self.name


@functools.cache
def builtin_regions() -> pa.Table:
    """The whole built-in table as Arrow (read once per process from the package data).

    Examples:
        >>> builtin_regions().schema == REGION_SCHEMA
        True
    """
    data = importlib.resources.files("ipledger.codes") / "data" / "regions.csv"
    with data.open("rb") as f:
        return _read_csv(f)


def _read_csv(f: IO[bytes]) -> pa.Table:
    """A table in the format of ``data/regions.csv``, its ';'-joined lists made lists."""
    types = {c.name: pa.string() if c.name in _LISTS else c.type for c in REGION_SCHEMA}
    table = pa_csv.read_csv(
        f,
        convert_options=pa_csv.ConvertOptions(
            column_types=types,
            include_columns=REGION_SCHEMA.names,
            strings_can_be_null=True,
        ),
    ).combine_chunks()
    codes = _split(table["successor_codes"].combine_chunks(), ";")
    former = _split(table["former_names"].combine_chunks(), ";")
    name_year = pc.split_pattern(former.values, ":", max_splits=1, reverse=True)
    names = pa.StructArray.from_arrays(
        [pc.list_element(name_year, 0), pc.list_element(name_year, 1).cast(pa.int32())],
        fields=list(FORMER_NAME),
    )
    table = table.set_column(
        table.schema.get_field_index("successor_codes"), "successor_codes", codes
    )
    table = table.set_column(
        table.schema.get_field_index("former_names"),
        "former_names",
        pa.ListArray.from_arrays(former.offsets, names),
    )
    return table.cast(REGION_SCHEMA)


def _split(text: pa.Array[Any], separator: str) -> pa.ListArray[Any]:
    """Each text split at ``separator`` into a list; empty or NULL text is an empty list."""
    filled = text.fill_null("")
    parts = pc.split_pattern(filled, separator)
    empty = pc.equal(filled, pa.scalar("", pa.string()))
    lengths = pc.if_else(empty, 0, pc.list_value_length(parts))
    offsets = pa.concat_arrays(
        [pa.array([0], pa.int32()), pc.cumulative_sum(lengths).cast(pa.int32())]
    )
    items = pc.list_flatten(parts)
    kept = pc.filter(items, pc.not_equal(items, pa.scalar("", pa.string())))
    return pa.ListArray.from_arrays(offsets, kept)


@functools.cache
def _by_code() -> dict[str, RegionInfo]:
    found = {}
    for row in builtin_regions().to_pylist():
        row["successor_codes"] = tuple(row["successor_codes"])
        row["former_names"] = tuple((f["name"], f["valid_to"]) for f in row["former_names"])
        found[row["code"]] = RegionInfo(**row)
    return found


def region(code: str, *, year: int | None = None) -> RegionInfo:
    """The region with this code (in use at the end of ``year``, when given).

    Raises:
        NotFoundError: the code is not in the table (or was not in use that year).

    Examples:
        >>> region("330103").successor_code
        '330105'
        >>> region("330104", year=2021)
        Traceback (most recent call last):
        ...
        ipledger.errors.NotFoundError: no region with key '330104 in 2021'
    """
    info = _by_code().get(code)
    if info is None or (year is not None and not info.in_use(year)):
        raise NotFoundError("region", code if year is None else f"{code} in {year}")
    return info


def current_codes(code: str) -> tuple[str, ...]:
    """The codes that now stand for ``code``, sorted: itself when in use; else the ends of its
    chains of successors (several when it was split), each a code in use, or a retired code
    whose successors are not known.

    Raises:
        NotFoundError: the code is not in the table.

    Examples:
        >>> current_codes("330103"), current_codes("440700")
        (('330105',), ('440700',))
        >>> current_codes("330104")  # 江干区 (2021): to 上城区 and 钱塘区
        ('330102', '330114')
    """
    ends: set[str] = set()
    seen: set[str] = set()
    todo = [code]
    while todo:
        info = region(todo.pop())
        if info.code in seen:
            continue
        seen.add(info.code)
        if info.valid_to is None or not info.successor_codes:
            ends.add(info.code)
        else:
            todo.extend(info.successor_codes)
    return tuple(sorted(ends))


def current_code(code: str) -> str:
    """The one code that now stands for ``code`` (see `current_codes`).

    Raises:
        NotFoundError: the code is not in the table.
        ValidationError: the code's area is now in several regions (it was split); the
            reason names them. Choose one (e.g. from an address), do not guess.

    Examples:
        >>> current_code("330103"), current_code("440700")
        ('330105', '440700')
        >>> current_code("330104")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        ipledger.errors.ValidationError: '330104': ... 330102 上城区, 330114 钱塘区
    """
    codes = current_codes(code)
    if len(codes) > 1:
        names = ", ".join(f"{c} {region(c).name}" for c in codes)
        raise ValidationError(value=code, reason=f"retired, now in several regions: {names}")
    return codes[0]


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
    """Whether ``text`` is exactly six ASCII digits (no cleaning: see `parse_region_code`).

    Examples:
        >>> [is_region_code_format(t) for t in ("440700", "44070", "４４０７００")]
        [True, False, False]
    """
    return _FORMAT.fullmatch(text) is not None


def parse_region_code(text: str) -> str:
    """Read a region code: six digits (full-width ones and surrounding blanks are cleaned as in
    every parser) that are in the built-in table at any year. A retired code is returned as it
    is, not mapped (see `current_code`).

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
