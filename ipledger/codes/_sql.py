"""The vectorised form of every value rule: DuckDB SQL macros, one pair per rule.

For each rule ``X`` there is ``ipl_X(text)`` (the parsed value, or NULL) and
``ipl_X_error(text)`` (why the text is rejected, or NULL), written to agree exactly with the
scalar parser (hypothesis tests check both on arbitrary text). Blank text is unknown: value and
error NULL, except ``ipl_bool`` (blank is false) and ``ipl_list`` (blank is the empty list).

Speed (``python -m ipledger.codes._sql``, 2 cores): see `_benchmark`; on 1,000,000
generated patent numbers, value + error together take well under a second.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import duckdb
import pyarrow as pa

from ipledger._sql import literal
from ipledger.codes._booleans import FALSE_WORDS, TRUE_WORDS
from ipledger.codes._credit_codes import (
    CREDIT_CODE_ALPHABET,
    CREDIT_CODE_PATTERN,
    CREDIT_CODE_WEIGHTS,
)
from ipledger.codes._dates import DATE_PATTERNS
from ipledger.codes._lists import LIST_SEPARATORS
from ipledger.codes._money import NEGATIVE_ZERO
from ipledger.codes._patent_numbers import (
    DOTS,
    KIND_DIGITS,
    LABEL_PATTERN,
    NEW_WEIGHTS,
    OLD_WEIGHTS,
    PUBLICATION_PATTERN,
    PUBLICATION_REASON,
    SEPARATORS_PATTERN,
    SHAPE_PATTERN,
    WRAPPER_PATTERN,
)
from ipledger.codes._text import BLANKS, FULLWIDTH, HALFWIDTH
from ipledger.codes._trademark_numbers import TRADEMARK_LABEL_PATTERN, TRADEMARK_SHAPE_PATTERN

__all__ = ["RULES", "install_macros", "macro_sql", "parse_array"]

RULES = ("patent_number", "trademark_number", "credit_code", "money", "date", "bool", "list")
"""The value rules that have a vectorised form (``ipl_<rule>`` and ``ipl_<rule>_error``)."""


def _words(words: tuple[str, ...]) -> str:
    return "(" + ", ".join(literal(w) for w in words) + ")"


def _weighted_sum(weights: tuple[int, ...], digit: str) -> str:
    return " + ".join(digit.format(i=i) + f" * {w}" for i, w in enumerate(weights, start=1))


def _let(value: str, name: str, body: str) -> str:
    """SQL computing ``value`` once and ``body`` over it (a one-element lambda binding): macros
    otherwise paste their argument wherever it is used, and nested macros multiply the work."""
    return f"list_transform([{value}], lambda {name}: {body})[1]"


def _macros() -> Iterator[str]:
    # shared text helpers: half-width only when the text is not plain ASCII (cheap test)
    yield (
        "ipl__hw(s) AS (CASE WHEN strlen(s) = length(s) THEN s"
        f" ELSE translate(s, {literal(FULLWIDTH)}, {literal(HALFWIDTH)}) END)"
    )
    yield f"ipl__clean(s) AS trim(ipl__hw(s), {literal(BLANKS)})"
    yield "ipl__blank(s) AS (s IS NULL OR ipl__clean(s) = '')"

    # Every public macro binds its argument once: ipl_X(s) = f(cleaned text c).
    def public(rule: str, value: str, error: str) -> Iterator[str]:
        blank = "c IS NULL OR c = ''"
        for name, body in ((f"ipl_{rule}", value), (f"ipl_{rule}_error", error)):
            yield f"{name}(s) AS " + _let(
                "ipl__clean(s)", "c", f"CASE WHEN {blank} THEN NULL ELSE {body} END"
            )

    # patent application numbers
    digit = "CAST(substr(d, {i}, 1) AS INTEGER)"
    new_sum = _weighted_sum(NEW_WEIGHTS, digit)
    old_sum = _weighted_sum(OLD_WEIGHTS, digit)
    kinds = " ".join(f"WHEN {literal(k)} THEN {literal(v)}" for k, v in KIND_DIGITS.items())
    dots = "." * len(DOTS)
    yield (
        "ipl__pn_compact(c) AS regexp_replace(translate(regexp_replace(regexp_replace("
        f"upper(c), {literal(LABEL_PATTERN)}, '', 'g'), {literal(WRAPPER_PATTERN)}, '', 'g'),"
        f" {literal(DOTS)}, {literal(dots)}), {literal(SEPARATORS_PATTERN)}, '', 'g')"
    )
    yield (f"ipl__pn_parts(x) AS regexp_extract(x, {literal(SHAPE_PATTERN)}, ['z', 'd', 'k', 't'])")
    yield (
        "ipl__pn_checkchar(d) AS "
        + _let(
            f"CASE WHEN length(d) = 12 THEN ({new_sum}) % 11 ELSE ({old_sum}) % 11 END",
            "n",
            "CASE n WHEN 10 THEN 'X' ELSE CAST(n AS VARCHAR) END",
        )
    )
    yield "ipl__pn_kinddigit(d) AS substr(d, CASE WHEN length(d) = 8 THEN 3 ELSE 5 END, 1)"
    check = _let(
        "ipl__pn_checkchar(p.d)",
        "e",
        "CASE WHEN p.k <> '' AND p.k <> e THEN"
        " 'check character should be ' || e || ', not ' || p.k END",
    )
    yield (
        "ipl__pn_error(x, p) AS (CASE"
        f" WHEN regexp_full_match(x, {literal(PUBLICATION_PATTERN)})"
        f" THEN {literal(PUBLICATION_REASON)}"
        " WHEN p.d = '' OR (length(p.d) = 8 AND p.k = '' AND p.z = '' AND p.t = '')"
        "  THEN 'not a patent application number'"
        f" WHEN ipl__pn_kinddigit(p.d) NOT IN {_words(tuple(KIND_DIGITS))}"
        "  THEN 'unknown kind digit ' || ipl__pn_kinddigit(p.d)"
        " WHEN length(p.d) = 8 AND NOT (substr(p.d, 1, 2) >= '85' OR substr(p.d, 1, 2) <= '03')"
        "  THEN 'an 8-digit number cannot be from year ' || substr(p.d, 1, 2)"
        " WHEN length(p.d) = 12 AND NOT (substr(p.d, 1, 4) BETWEEN '1985' AND '2099')"
        "  THEN 'implausible filing year ' || substr(p.d, 1, 4)"
        f" ELSE {check} END)"
    )

    def over_parts(body: str) -> str:
        return _let("ipl__pn_compact(c)", "x", _let("ipl__pn_parts(x)", "p", body))

    yield from public(
        "patent_number",
        over_parts(
            "CASE WHEN ipl__pn_error(x, p) IS NULL THEN p.d ||"
            " CASE WHEN p.k = '' THEN ipl__pn_checkchar(p.d) ELSE p.k END END"
        ),
        over_parts("ipl__pn_error(x, p)"),
    )
    yield (
        "ipl_patent_kind(canonical) AS (CASE substr(canonical,"
        f" CASE WHEN length(canonical) = 9 THEN 3 ELSE 5 END, 1) {kinds} END)"
    )

    # trademark registration numbers
    tm = f"regexp_full_match(t, {literal(TRADEMARK_SHAPE_PATTERN)})"
    tm_compact = (
        f"regexp_replace(replace(upper(c), ' ', ''), {literal(TRADEMARK_LABEL_PATTERN)}, '', 'g')"
    )
    yield from public(
        "trademark_number",
        _let(tm_compact, "t", f"CASE WHEN {tm} THEN t END"),
        _let(tm_compact, "t", f"CASE WHEN NOT {tm} THEN 'not a trademark registration number' END"),
    )

    # unified social credit codes
    alphabet = literal(CREDIT_CODE_ALPHABET)
    char_value = f"(instr({alphabet}, substr(c, {{i}}, 1)) - 1)"
    total = _weighted_sum(CREDIT_CODE_WEIGHTS, char_value)
    yield f"ipl__cc_check(c) AS substr({alphabet}, ((31 - ({total}) % 31) % 31) + 1, 1)"
    cc_error = (
        f"CASE WHEN NOT regexp_full_match(u, {literal(CREDIT_CODE_PATTERN)})"
        "  THEN 'not an 18-character unified social credit code'"
        " ELSE "
        + _let(
            "ipl__cc_check(u)",
            "e",
            "CASE WHEN right(u, 1) <> e THEN"
            " 'check character should be ' || e || ', not ' || right(u, 1) END",
        )
        + " END"
    )
    compact = "upper(replace(replace(c, ' ', ''), '-', ''))"
    yield "ipl__cc_error(u) AS (" + cc_error + ")"
    yield from public(
        "credit_code",
        _let(compact, "u", "CASE WHEN ipl__cc_error(u) IS NULL THEN u END"),
        _let(compact, "u", "ipl__cc_error(u)"),
    )

    # money: strip commas and spaces, one leading ¥, one trailing 元
    money_re = "'^([0-9]+)(?:\\.([0-9]+))?(万|亿)?$'"
    strip = (
        "regexp_replace(regexp_replace(regexp_replace(replace(replace(c, ',', ''), ' ', ''),"
        f" '^\u00a5', ''), '元$', ''), {literal('^' + NEGATIVE_ZERO + '$')}, '\\1')"
    )
    yield "ipl__mn_shift(u) AS (CASE u WHEN '万' THEN 4 WHEN '亿' THEN 8 ELSE 0 END)"
    yield (
        "ipl__mn_error(m) AS (CASE"
        " WHEN starts_with(m, '-') THEN 'money cannot be negative'"
        f" WHEN NOT regexp_matches(m, {money_re}) THEN 'not an amount of money'"
        " ELSE "
        + _let(
            f"regexp_extract(m, {money_re}, ['w', 'f', 'u'])",
            "p",
            "CASE WHEN length(rtrim(p.f, '0')) - ipl__mn_shift(p.u) > 2"
            " THEN 'more than 2 decimal places'"
            " WHEN length(ltrim(p.w, '0')) + ipl__mn_shift(p.u) > 16 THEN 'amount too large'"
            " END",
        )
        + " END)"
    )
    value = _let(
        f"regexp_extract(m, {money_re}, ['w', 'f', 'u'])",
        "p",
        "CAST(CAST(coalesce(nullif(ltrim(p.w, '0'), ''), '0') || '.'"
        " || coalesce(nullif(p.f, ''), '0') AS DECIMAL(38, 10))"
        " * CASE p.u WHEN '万' THEN 10000 WHEN '亿' THEN 100000000 ELSE 1 END"
        " AS DECIMAL(18, 2))",
    )
    yield from public(
        "money",
        _let(strip, "m", f"CASE WHEN ipl__mn_error(m) IS NULL THEN {value} END"),
        _let(strip, "m", "ipl__mn_error(m)"),
    )

    # dates
    shapes = " ".join(
        f"WHEN regexp_full_match(c, {literal(p)})"
        f" THEN regexp_extract(c, {literal(p)}, ['y', 'm', 'd'])"
        for p in DATE_PATTERNS
    )
    yield f"ipl__dt_parts(c) AS (CASE {shapes} END)"
    yield (
        "ipl__dt_days(y, m) AS (CASE WHEN m = 2 THEN"
        " (CASE WHEN y % 4 = 0 AND (y % 100 <> 0 OR y % 400 = 0) THEN 29 ELSE 28 END)"
        " WHEN m IN (4, 6, 9, 11) THEN 30 ELSE 31 END)"
    )
    ymd = (
        "struct_pack(y := CAST(p.y AS INTEGER), m := CAST(p.m AS INTEGER),"
        " d := CAST(p.d AS INTEGER))"
    )
    yield (
        "ipl__dt_error(p) AS (CASE WHEN p IS NULL THEN 'not a date' ELSE "
        + _let(
            ymd,
            "x",
            "CASE WHEN NOT x.y BETWEEN 1900 AND 2199"
            " THEN 'implausible year ' || CAST(x.y AS VARCHAR)"
            " WHEN NOT x.m BETWEEN 1 AND 12 OR x.d < 1 OR x.d > ipl__dt_days(x.y, x.m)"
            " THEN 'no such date' END",
        )
        + " END)"
    )
    yield from public(
        "date",
        _let(
            "ipl__dt_parts(c)",
            "p",
            "CASE WHEN ipl__dt_error(p) IS NULL THEN make_date(CAST(p.y AS INTEGER),"
            " CAST(p.m AS INTEGER), CAST(p.d AS INTEGER)) END",
        ),
        _let("ipl__dt_parts(c)", "p", "ipl__dt_error(p)"),
    )

    # booleans (blank is false)
    yield "ipl__bw(s) AS lower(ipl__clean(coalesce(s, '')))"
    yield _let_macro(
        "ipl_bool(s)",
        "ipl__bw(s)",
        "w",
        f"CASE WHEN w IN {_words(TRUE_WORDS)} THEN true"
        f" WHEN w IN {_words(FALSE_WORDS)} THEN false END",
    )
    yield _let_macro(
        "ipl_bool_error(s)",
        "ipl__bw(s)",
        "w",
        f"CASE WHEN w NOT IN {_words(TRUE_WORDS + FALSE_WORDS)} THEN 'not a yes/no value' END",
    )

    # lists (blank is the empty list)
    yield (
        "ipl_list(s) AS list_filter(list_transform("
        f"regexp_split_to_array(ipl__hw(coalesce(s, '')), {literal(LIST_SEPARATORS)}),"
        f" lambda x: trim(x, {literal(BLANKS)})), lambda x: x <> '')"
    )
    yield "ipl_list_error(s) AS CAST(NULL AS VARCHAR)"


def _let_macro(signature: str, value: str, name: str, body: str) -> str:
    return f"{signature} AS {_let(value, name, body)}"


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
