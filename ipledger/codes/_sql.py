"""The vectorised form of every value rule: DuckDB SQL macros, one pair per rule.

For each rule ``X`` there is ``ipl_X(text)`` (the parsed value, or NULL) and
``ipl_X_error(text)`` (why the text is rejected, or NULL), written to agree exactly with the
scalar parser (hypothesis tests check both on arbitrary text). Blank text is unknown: value and
error NULL, except ``ipl_bool`` (blank is false) and ``ipl_list`` (blank is the empty list).

Speed (``python -m ipledger.codes._sql``, 2 cores): see :func:`_benchmark`; on 1,000,000
generated patent numbers, value + error together take well under a second.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import duckdb
import pyarrow as pa

from ipledger.codes._booleans import FALSE_WORDS, TRUE_WORDS
from ipledger.codes._credit_codes import CREDIT_CODE_ALPHABET, CREDIT_CODE_WEIGHTS
from ipledger.codes._dates import DATE_PATTERNS
from ipledger.codes._lists import LIST_SEPARATORS
from ipledger.codes._patent_numbers import KIND_DIGITS, NEW_WEIGHTS, OLD_WEIGHTS
from ipledger.codes._text import BLANKS, FULLWIDTH, HALFWIDTH

__all__ = ["RULES", "install_macros", "macro_sql", "parse_array"]

RULES = ("patent_number", "trademark_number", "credit_code", "money", "date", "bool", "list")
"""The value rules that have a vectorised form (``ipl_<rule>`` and ``ipl_<rule>_error``)."""


def _lit(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _words(words: tuple[str, ...]) -> str:
    return "(" + ", ".join(_lit(w) for w in words) + ")"


def _weighted_sum(weights: tuple[int, ...], digit: str) -> str:
    return " + ".join(digit.format(i=i) + f" * {w}" for i, w in enumerate(weights, start=1))


def _macros() -> Iterator[str]:
    # shared text helpers
    yield f"ipl__hw(s) AS translate(s, {_lit(FULLWIDTH)}, {_lit(HALFWIDTH)})"
    yield f"ipl__clean(s) AS trim(ipl__hw(s), {_lit(BLANKS)})"
    yield "ipl__blank(s) AS (s IS NULL OR ipl__clean(s) = '')"

    # patent application numbers
    digit = "CAST(substr(d, {i}, 1) AS INTEGER)"
    new_sum = _weighted_sum(NEW_WEIGHTS, digit)
    old_sum = _weighted_sum(OLD_WEIGHTS, digit)
    kinds = " ".join(f"WHEN {_lit(k)} THEN {_lit(v)}" for k, v in KIND_DIGITS.items())
    yield "ipl__pn_compact(s) AS regexp_replace(upper(ipl__clean(s)), '[ .]', '', 'g')"
    yield (
        "ipl__pn_parts(s) AS regexp_extract(ipl__pn_compact(s),"
        " '^(?:ZL|CN)?([0-9]{12}|[0-9]{8})([0-9X])$', ['d', 'k'])"
    )
    yield (
        "ipl__pn_check(d) AS (CASE WHEN length(d) = 12"
        f" THEN ({new_sum}) % 11 ELSE ({old_sum}) % 11 END)"
    )
    yield (
        "ipl__pn_checkchar(d) AS (CASE ipl__pn_check(d) WHEN 10 THEN 'X'"
        " ELSE CAST(ipl__pn_check(d) AS VARCHAR) END)"
    )
    yield "ipl__pn_kinddigit(d) AS substr(d, CASE WHEN length(d) = 8 THEN 3 ELSE 5 END, 1)"
    yield (
        "ipl__pn_error(p) AS (CASE"
        " WHEN p.d = '' THEN 'not a patent application number'"
        f" WHEN ipl__pn_kinddigit(p.d) NOT IN {_words(tuple(KIND_DIGITS))}"
        "  THEN 'unknown kind digit ' || ipl__pn_kinddigit(p.d)"
        " WHEN length(p.d) = 8 AND NOT (substr(p.d, 1, 2) >= '85' OR substr(p.d, 1, 2) <= '03')"
        "  THEN 'an 8-digit number cannot be from year ' || substr(p.d, 1, 2)"
        " WHEN length(p.d) = 12 AND NOT (substr(p.d, 1, 4) BETWEEN '1985' AND '2099')"
        "  THEN 'implausible filing year ' || substr(p.d, 1, 4)"
        " WHEN p.k <> ipl__pn_checkchar(p.d)"
        "  THEN 'check character should be ' || ipl__pn_checkchar(p.d) || ', not ' || p.k"
        " END)"
    )
    yield (
        "ipl_patent_number_error(s) AS (CASE WHEN ipl__blank(s) THEN NULL"
        " ELSE ipl__pn_error(ipl__pn_parts(s)) END)"
    )
    yield (
        "ipl_patent_number(s) AS (CASE WHEN ipl__blank(s) THEN NULL"
        " WHEN ipl__pn_error(ipl__pn_parts(s)) IS NULL"
        " THEN ipl__pn_parts(s).d || ipl__pn_parts(s).k END)"
    )
    yield (
        "ipl_patent_kind(canonical) AS (CASE substr(canonical,"
        f" CASE WHEN length(canonical) = 9 THEN 3 ELSE 5 END, 1) {kinds} END)"
    )

    # trademark registration numbers
    yield "ipl__tm(s) AS replace(upper(ipl__clean(s)), ' ', '')"
    yield (
        "ipl_trademark_number_error(s) AS (CASE WHEN ipl__blank(s) THEN NULL"
        " WHEN NOT regexp_full_match(ipl__tm(s), 'G?[0-9]{1,9}')"
        " THEN 'not a trademark registration number' END)"
    )
    yield (
        "ipl_trademark_number(s) AS (CASE WHEN ipl__blank(s) THEN NULL"
        " WHEN regexp_full_match(ipl__tm(s), 'G?[0-9]{1,9}') THEN ipl__tm(s) END)"
    )

    # unified social credit codes
    alphabet = _lit(CREDIT_CODE_ALPHABET)
    char_value = f"(instr({alphabet}, substr(c, {{i}}, 1)) - 1)"
    yield "ipl__cc(s) AS upper(replace(replace(ipl__clean(s), ' ', ''), '-', ''))"
    total = _weighted_sum(CREDIT_CODE_WEIGHTS, char_value)
    yield f"ipl__cc_check(c) AS substr({alphabet}, ((31 - ({total}) % 31) % 31) + 1, 1)"
    yield (
        "ipl__cc_error(c) AS (CASE"
        " WHEN NOT regexp_full_match(c, '[0-9]{8}[0-9A-HJ-NPQRTUWXY]{10}')"
        "  THEN 'not an 18-character unified social credit code'"
        " WHEN right(c, 1) <> ipl__cc_check(c)"
        "  THEN 'check character should be ' || ipl__cc_check(c) || ', not ' || right(c, 1)"
        " END)"
    )
    yield (
        "ipl_credit_code_error(s) AS (CASE WHEN ipl__blank(s) THEN NULL"
        " ELSE ipl__cc_error(ipl__cc(s)) END)"
    )
    yield (
        "ipl_credit_code(s) AS (CASE WHEN ipl__blank(s) THEN NULL"
        " WHEN ipl__cc_error(ipl__cc(s)) IS NULL THEN ipl__cc(s) END)"
    )

    # money
    yield ("ipl__mn_a(s) AS replace(replace(ipl__clean(s), ',', ''), ' ', '')")
    yield ("ipl__mn_b(a) AS (CASE WHEN starts_with(a, '\u00a5') THEN substr(a, 2) ELSE a END)")
    yield ("ipl__mn_c(b) AS (CASE WHEN ends_with(b, '元') THEN left(b, length(b) - 1) ELSE b END)")
    yield "ipl__mn(s) AS ipl__mn_c(ipl__mn_b(ipl__mn_a(s)))"
    money_re = "'^([0-9]+)(?:\\.([0-9]+))?(万|亿)?$'"
    yield f"ipl__mn_parts(c) AS regexp_extract(c, {money_re}, ['w', 'f', 'u'])"
    yield "ipl__mn_shift(u) AS (CASE u WHEN '万' THEN 4 WHEN '亿' THEN 8 ELSE 0 END)"
    yield (
        "ipl__mn_error(c) AS (CASE"
        " WHEN starts_with(c, '-') THEN 'money cannot be negative'"
        f" WHEN NOT regexp_matches(c, {money_re}) THEN 'not an amount of money'"
        " WHEN length(ipl__mn_parts(c).f) - ipl__mn_shift(ipl__mn_parts(c).u) > 2"
        "  THEN 'more than 2 decimal places'"
        " WHEN length(ltrim(ipl__mn_parts(c).w, '0')) + ipl__mn_shift(ipl__mn_parts(c).u) > 16"
        "  THEN 'amount too large'"
        " END)"
    )
    yield (
        "ipl__mn_value(p) AS CAST(CAST(coalesce(nullif(ltrim(p.w, '0'), ''), '0') || '.'"
        " || coalesce(nullif(p.f, ''), '0') AS DECIMAL(38, 10))"
        " * CASE p.u WHEN '万' THEN 10000 WHEN '亿' THEN 100000000 ELSE 1 END AS DECIMAL(18, 2))"
    )
    yield (
        "ipl_money_error(s) AS (CASE WHEN ipl__blank(s) THEN NULL"
        " ELSE ipl__mn_error(ipl__mn(s)) END)"
    )
    yield (
        "ipl_money(s) AS (CASE WHEN ipl__blank(s) THEN NULL"
        " WHEN ipl__mn_error(ipl__mn(s)) IS NULL THEN ipl__mn_value(ipl__mn_parts(ipl__mn(s))) END)"
    )

    # dates
    shapes = " ".join(
        f"WHEN regexp_full_match(c, {_lit(p)}) THEN regexp_extract(c, {_lit(p)}, ['y', 'm', 'd'])"
        for p in DATE_PATTERNS
    )
    yield f"ipl__dt_parts(c) AS (CASE {shapes} END)"
    yield (
        "ipl__dt_days(y, m) AS (CASE WHEN m = 2 THEN"
        " (CASE WHEN y % 4 = 0 AND (y % 100 <> 0 OR y % 400 = 0) THEN 29 ELSE 28 END)"
        " WHEN m IN (4, 6, 9, 11) THEN 30 ELSE 31 END)"
    )
    yield (
        "ipl__dt_error(p) AS (CASE"
        " WHEN p IS NULL THEN 'not a date'"
        " WHEN NOT CAST(p.y AS INTEGER) BETWEEN 1900 AND 2199"
        "  THEN 'implausible year ' || CAST(CAST(p.y AS INTEGER) AS VARCHAR)"
        " WHEN NOT CAST(p.m AS INTEGER) BETWEEN 1 AND 12 OR CAST(p.d AS INTEGER) < 1"
        "  OR CAST(p.d AS INTEGER) > ipl__dt_days(CAST(p.y AS INTEGER), CAST(p.m AS INTEGER))"
        "  THEN 'no such date'"
        " END)"
    )
    yield (
        "ipl_date_error(s) AS (CASE WHEN ipl__blank(s) THEN NULL"
        " ELSE ipl__dt_error(ipl__dt_parts(ipl__clean(s))) END)"
    )
    yield (
        "ipl_date(s) AS (CASE WHEN ipl__blank(s) THEN NULL"
        " WHEN ipl__dt_error(ipl__dt_parts(ipl__clean(s))) IS NULL THEN make_date("
        " CAST(ipl__dt_parts(ipl__clean(s)).y AS INTEGER),"
        " CAST(ipl__dt_parts(ipl__clean(s)).m AS INTEGER),"
        " CAST(ipl__dt_parts(ipl__clean(s)).d AS INTEGER)) END)"
    )

    # booleans
    yield "ipl__bw(s) AS lower(ipl__clean(coalesce(s, '')))"
    yield (
        f"ipl_bool(s) AS (CASE WHEN ipl__bw(s) IN {_words(TRUE_WORDS)} THEN true"
        f" WHEN ipl__bw(s) IN {_words(FALSE_WORDS)} THEN false END)"
    )
    yield (
        f"ipl_bool_error(s) AS (CASE WHEN ipl__bw(s) NOT IN {_words(TRUE_WORDS + FALSE_WORDS)}"
        " THEN 'not a yes/no value' END)"
    )

    # lists
    yield (
        "ipl_list(s) AS list_filter(list_transform("
        f"regexp_split_to_array(ipl__hw(coalesce(s, '')), {_lit(LIST_SEPARATORS)}),"
        f" lambda x: trim(x, {_lit(BLANKS)})), lambda x: x <> '')"
    )
    yield "ipl_list_error(s) AS CAST(NULL AS VARCHAR)"


def macro_sql() -> str:
    """The SQL that creates every macro (temporary, on one connection)."""
    return ";\n".join(f"CREATE OR REPLACE TEMP MACRO {m}" for m in _macros()) + ";"


def install_macros(con: duckdb.DuckDBPyConnection) -> None:
    """Create the ``ipl_*`` macros on ``con`` (idempotent; temporary to the connection)."""
    con.execute(macro_sql())


def parse_array(rule: str, values: pa.Array[Any]) -> tuple[pa.Array[Any], pa.Array[Any]]:
    """Run rule ``rule`` over an Arrow string array: (values, errors), both as long as input.

    Examples:
        >>> import pyarrow as pa
        >>> v, e = parse_array("money", pa.array(["1.2亿", "x", None]))
        >>> v.to_pylist(), e.to_pylist()
        ([Decimal('120000000.00'), None, None], [None, 'not an amount of money', None])
    """
    if rule not in RULES:
        raise ValueError(f"unknown rule {rule!r}; rules: {', '.join(RULES)}")
    con = duckdb.connect()
    try:
        install_macros(con)
        name = f"_ipl_values_{uuid.uuid4().hex}"
        con.register(name, pa.table({"s": values.cast(pa.string())}))
        result = con.sql(
            f"SELECT ipl_{rule}(s) AS v, ipl_{rule}_error(s) AS e FROM {name}"
        ).to_arrow_table()
    finally:
        con.close()
    return result.column("v").combine_chunks(), result.column("e").combine_chunks()
