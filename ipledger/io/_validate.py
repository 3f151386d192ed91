"""Vectorised validation: the staged rows checked in DuckDB SQL, never a Python loop per row.

From ``_ipl_src`` (see `ipledger.io._staging`) one statement builds ``_ipl_checked``: per
row its ``_file`` and ``_line``, the typed, canonical value of every column to write, and one
``e__<column>`` (single-value rule) or ``x__<column>__<n>`` (cross-field rule) column holding
the reason the value is rejected, or NULL. Rejects are then those reasons unpivoted, plus the
rows whose key is given twice in the file.

This is the SQL form of the column rules the model declares (`ipledger.model._columns`;
the scalar form is the record constructors' converter): the single-value rules are the
``ipl_*`` macros of `ipledger.codes`, the cross-field rules are the columns'
``not_before`` and ``depends_on``. Hypothesis tests check that a record and the same row as a
table are accepted alike and stored alike.
"""

from __future__ import annotations

import re

import attrs
import duckdb

from ipledger._sql import count, list_literal, literal, quote, run
from ipledger.codes._lists import LIST_SEPARATORS
from ipledger.codes._text import BLANKS
from ipledger.io._staging import SOURCE
from ipledger.model import Column, Entity, indicator_ids
from ipledger.model._columns import NOT_AN_ORGANISATION, UNKNOWN_INDICATOR, date_order_prefix

__all__ = [
    "CHECKED",
    "REGION_MAP",
    "REJECTS",
    "Check",
    "build_checked",
    "build_region_map",
    "build_rejects",
    "ensure_region_map",
    "forget_region_map",
    "valid_rows_view",
]

CHECKED = "_ipl_checked"
REJECTS = "_ipl_rejects"
REGION_MAP = "_ipl_region_map"
_DATE_TYPES = ("DATE",)
_INT_TYPES = ("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "UTINYINT", "USMALLINT", "UINTEGER")
_DECIMAL = re.compile(r"DECIMAL\((\d+),\s*(\d+)\)")


@attrs.frozen
class Check:
    """The columns of ``_ipl_checked``: values to write, and error columns -> their column."""

    write_columns: tuple[str, ...]
    errors: dict[str, str]


def build_region_map(con: duckdb.DuckDBPyConnection) -> None:
    """(Re)build ``_ipl_region_map``: every known region code -> its current code.

    Known codes are the ledger's ``all_regions_at('infinity')`` (built-in table and ``regions``
    rows); a retired code maps to the end of its ``successor_code`` chain.
    """
    run(
        con,
        f"""
        CREATE OR REPLACE TEMP TABLE {REGION_MAP} AS
        WITH RECURSIVE r AS (
            SELECT code, successor_code FROM all_regions_at('infinity'::TIMESTAMP)
        ), chain(code, cur, depth) AS (
            SELECT code, code, 0 FROM r
            UNION ALL
            SELECT chain.code, r.successor_code, chain.depth + 1
            FROM chain JOIN r ON r.code = chain.cur
            WHERE r.successor_code IS NOT NULL AND r.successor_code <> r.code AND chain.depth < 32
        )
        SELECT code, arg_max(cur, depth) AS current_code FROM chain GROUP BY code
        """,
    )


_REGION_TABLES_VERSION = (
    "SELECT (SELECT value FROM meta WHERE key = 'builtin_regions'),"
    " count(*), max(recorded_at), max(superseded_at) FROM regions"
)


def ensure_region_map(con: duckdb.DuckDBPyConnection, state: dict[str, object]) -> None:
    """Build ``_ipl_region_map`` on ``con`` unless it is current: ``state`` (the cursor's,
    `ipledger.store.Store.cursor_state`) remembers the version of the region tables it
    was built from; a change to the built-in table or to ``regions`` rebuilds it."""
    version = con.execute(_REGION_TABLES_VERSION).fetchall()[0]
    if state.get("region_map") != version:
        build_region_map(con)
        state["region_map"] = version


def forget_region_map(state: dict[str, object]) -> None:
    """Mark ``_ipl_region_map`` stale (codes were added to it that may not be written)."""
    state.pop("region_map", None)


def _decimal_scale(sql_type: str) -> int | None:
    """The scale of a ``DECIMAL(p, s)`` type, ``None`` for other types."""
    match = _DECIMAL.fullmatch(sql_type.replace(" ", ""))
    return int(match[2]) if match else None


class _Builder:
    """Generates the SQL of ``_ipl_checked`` for one staged file."""

    def __init__(self, entity: Entity, types: dict[str, str]) -> None:
        self.entity = entity
        self.types = types
        self.inner: list[str] = []
        self.joins: list[str] = []
        self.errors: dict[str, str] = {}
        self.inner_errors: list[str] = []
        self.late_errors: list[str] = []
        self.cross: list[str] = []

    # -- single values ------------------------------------------------------------------

    def text(self, column: str) -> str:
        """The column as trimmed text, NULL when blank: a column of the ``s`` subquery, so that
        the ``ipl_*`` macros (which repeat their argument) expand over a name, not an
        expression."""
        return f"s.{quote('t__' + column)}"

    def text_expression(self, column: str) -> str:
        """How ``t__<column>`` is computed from the staged column (lists joined with ';')."""
        src = f"src.{quote(column)}"
        sql_type = self.types[column]
        if sql_type == "VARCHAR":
            return f"nullif(trim({src}, {literal(BLANKS)}), '')"
        if sql_type.endswith("[]"):
            return f"nullif(array_to_string({src}, ';'), '')"
        return f"nullif(trim(CAST({src} AS VARCHAR), {literal(BLANKS)}), '')"

    def typed_items(self, column: str) -> str:
        """A list column's items: half-width, trimmed, blanks dropped (as ``ipl_list`` reads a
        cell)."""
        clean = f"lambda x: nullif(trim(ipl__hw(CAST(x AS VARCHAR)), {literal(BLANKS)}), '')"
        listed = f"list_transform(s.{quote(column)}, {clean})"
        return f"list_filter({listed}, lambda x: x IS NOT NULL)"

    def items(self, column: str) -> str:
        """The column as a list of trimmed, non-blank text items."""
        if self.types[column].endswith("[]"):
            return self.typed_items(column)
        return f"coalesce(ipl_list({self.text(column)}), [])"

    def add_error(self, column: str, sql: str) -> None:
        """A reason column computed beside the values (from the staged text)."""
        alias = f"e__{column}__{len([e for e in self.errors.values() if e == column])}"
        self.errors[alias] = column
        self.inner_errors.append(f"{sql} AS {quote(alias)}")

    def add_macro_error(self, column: str, rule: str) -> None:
        """The reason of ``ipl_<rule>_error``, asked only where ``ipl_<rule>`` gave no value.

        Computed a level above the values, so that a valid row runs one macro, not two (the
        macros agree: no value for non-blank text exactly when there is a reason).
        """
        alias = f"m__{column}"
        self.errors[alias] = column
        text = f"i.{quote('t__' + column)}"
        self.late_errors.append(
            f"CASE WHEN {text} IS NOT NULL AND i.{quote(column)} IS NULL"
            f" THEN ipl_{rule}_error({text}) END AS {quote(alias)}"
        )

    def cross_error(self, column: str, sql: str) -> None:
        """A reason computed over the row's values (``i.<column>``), e.g. a date order."""
        alias = f"x__{column}__{len(self.cross)}"
        self.errors[alias] = column
        self.cross.append(f"{sql} AS {quote(alias)}")

    def vocabulary_error(self, column: Column, token: str) -> str:
        return (
            f"CASE WHEN {token} IS NOT NULL AND NOT list_contains("
            f"{list_literal(column.vocabulary)}, {token})"
            f" THEN {literal('not one of ' + '|'.join(column.vocabulary))} END"
        )

    def column(self, declared: Column) -> None:
        """The value (and single-value errors) of one staged column, by its declared rule."""
        column = declared.name
        t = self.text(column)
        src = f"s.{quote(column)}"
        sql_type = self.types[column]
        rule = declared.rule
        value: str
        if declared.required and rule != "enum_list":
            self.add_error(column, f"CASE WHEN {t} IS NULL THEN 'required, but blank' END")
        if rule in ("text", "party_id", "right_no"):
            value = t
        elif rule == "indicator":
            value = t
            self.add_error(
                column,
                f"CASE WHEN {t} IS NOT NULL AND NOT list_contains("
                f"{list_literal(indicator_ids())}, {t}) THEN {literal(UNKNOWN_INDICATOR)} END",
            )
        elif rule == "party_ref":
            value = (
                f"CASE WHEN length({t}) = 18 THEN coalesce(ipl_credit_code({t}), {t}) ELSE {t} END"
            )
        elif rule in ("patent_number", "trademark_number"):
            value = f"ipl_{rule}({t})"
            self.add_macro_error(column, rule)
        elif rule == "date":
            if sql_type in _DATE_TYPES:
                value = src
            elif sql_type.startswith("TIMESTAMP"):
                value = f"CAST({src} AS DATE)"
                self.add_error(
                    column,
                    f"CASE WHEN {src} <> CAST(CAST({src} AS DATE) AS TIMESTAMP)"
                    " THEN 'has a time of day: not a date' END",
                )
            else:
                value = f"ipl_date({t})"
                self.add_macro_error(column, "date")
        elif rule == "money":
            scale = _decimal_scale(sql_type)
            if sql_type in _INT_TYPES or (scale is not None and scale <= 2):
                value = f"TRY_CAST({src} AS DECIMAL(18, 2))"
                self.add_error(
                    column,
                    f"CASE WHEN {src} IS NOT NULL AND {value} IS NULL THEN 'amount too large'"
                    f" WHEN {src} < 0 THEN 'money cannot be negative' END",
                )
            else:  # the macro reads the text (and rejects negative amounts itself)
                value = f"ipl_money({t})"
                self.add_macro_error(column, "money")
        elif rule == "number":
            value = f"TRY_CAST(replace({t}, ',', '') AS DECIMAL(24, 6))"
            self.add_error(
                column,
                f"CASE WHEN {t} IS NOT NULL AND NOT regexp_full_match(replace({t}, ',', ''),"
                f" '[+-]?[0-9]+(\\.[0-9]{{1,6}})?') THEN 'not a number (at most 6 decimals)' END",
            )
        elif rule == "int":
            low, high = declared.bounds or (0, 2**62)
            if sql_type in _INT_TYPES:
                value = src
            else:
                value = f"TRY_CAST(replace({t}, ',', '') AS BIGINT)"
                self.add_error(
                    column,
                    f"CASE WHEN {t} IS NOT NULL AND NOT regexp_full_match(replace({t}, ',', ''),"
                    f" '[+-]?[0-9]{{1,18}}') THEN 'not a whole number' END",
                )
            self.add_error(
                column,
                f"CASE WHEN {value} NOT BETWEEN {low} AND {high} THEN"
                f" 'must be between {low} and {high}' END"
                if high < 2**62
                else f"CASE WHEN {value} < {low} THEN 'must not be negative' END",
            )
        elif rule == "bool":
            if sql_type == "BOOLEAN":
                value = f"coalesce({src}, false)"
            else:
                value = f"ipl_bool({t})"  # blank is false; unreadable is NULL (rejected)
                self.add_macro_error(column, "bool")
        elif rule in ("list", "rights"):
            value = self.items(column)
            if sql_type.endswith("[]"):
                self.add_error(
                    column,
                    f"CASE WHEN len(list_filter({value}, lambda x:"
                    f" regexp_matches(x, {literal(LIST_SEPARATORS)}))) > 0 THEN"
                    " 'a list item cannot contain a separator (; ； 、)' END",
                )
            if rule == "rights":
                value = f"list_transform({value}, lambda x: coalesce(ipl_patent_number(x), x))"
        elif rule in ("enum", "patent_kind"):
            token = f"lower({t})"
            value = (
                token
                if declared.default is None
                else f"coalesce({token}, {literal(declared.default)})"
            )
            self.add_error(column, self.vocabulary_error(declared, token))
        elif rule == "enum_list":
            items = f"list_transform({self.items(column)}, lambda x: lower(x))"
            value = f"list_filter({items}, lambda x, i: list_position({items}, x) = i)"
            vocabulary = list_literal(declared.vocabulary)
            bad = f"list_filter({items}, lambda x: NOT list_contains({vocabulary}, x))"
            blank = (
                f"WHEN len({items}) = 0 THEN 'required, but blank' " if declared.required else ""
            )
            self.add_error(
                column,
                f"CASE {blank}WHEN len({bad}) > 0 THEN"
                f" {literal('not one of ' + '|'.join(declared.vocabulary) + ': ')}"
                f" || array_to_string({bad}, ';') END",
            )
        elif rule == "nice_classes":
            items = self.items(column)
            bad = (
                f"list_filter({items}, lambda x: NOT coalesce(regexp_full_match(x, '[0-9]{{1,2}}')"
                " AND TRY_CAST(x AS INTEGER) BETWEEN 1 AND 45, false))"
            )
            value = f"list_transform({items}, lambda x: TRY_CAST(x AS SMALLINT))"
            self.add_error(
                column,
                f"CASE WHEN len({bad}) > 0 THEN 'Nice classes are 1..45, not '"
                f" || array_to_string({bad}, ';') END",
            )
        elif rule in ("region", "new_region"):
            shape = (
                f"CASE WHEN {t} IS NOT NULL AND NOT regexp_full_match({t}, '[0-9]{{6}}')"
                " THEN 'not a 6-digit region code' END"
            )
            if rule == "new_region":
                value = t
                self.add_error(column, shape)
            else:
                alias = f"m_{column}"
                self.joins.append(f"LEFT JOIN {REGION_MAP} {alias} ON {alias}.code = {t}")
                value = f"coalesce({alias}.current_code, {t})"
                self.add_error(
                    column,
                    f"coalesce({shape}, CASE WHEN {t} IS NOT NULL AND {alias}.code IS NULL THEN"
                    " 'not a known region code (GB/T 2260 table or a regions file)' END)",
                )
        else:  # pragma: no cover - every rule is handled above
            raise AssertionError(rule)
        self.inner.append(f"{value} AS {quote(column)}")

    # -- rules over several columns -------------------------------------------------------

    def dependent(self, declared: Column, write: list[str]) -> str:
        """The final value of a column whose rule depends on another column of the row."""
        column, other = declared.name, declared.depends_on
        assert other is not None
        mine = f"i.{quote(column)}"
        default = self.entity.column(other).default
        if other in write:
            theirs = f"i.{quote(other)}"  # an enum's blank is its default already
        else:
            theirs = "NULL" if default is None else literal(default)
        if declared.rule == "patent_kind":
            derived = f"ipl_patent_kind({theirs})"
            known = f"list_contains({list_literal(declared.vocabulary)}, {mine})"
            self.cross_error(
                column,
                f"CASE WHEN {mine} IS NOT NULL AND {known} AND {mine} <> {derived}"
                f" THEN 'does not match application number ' || {theirs}"
                f" || ' (' || {derived} || ')' END",
            )
            return f"coalesce({mine}, {derived}) AS {quote(column)}"
        if declared.rule == "right_no":
            self.cross_error(
                column,
                f"CASE WHEN {theirs} = 'trademark' THEN ipl_trademark_number_error({mine})"
                f" ELSE ipl_patent_number_error({mine}) END",
            )
            return (
                f"CASE WHEN {theirs} = 'trademark' THEN ipl_trademark_number({mine})"
                f" ELSE ipl_patent_number({mine}) END AS {quote(column)}"
            )
        if declared.rule == "party_id":
            organisation = f"{theirs} IS NOT NULL AND {theirs} <> {literal(NOT_AN_ORGANISATION)}"
            self.cross_error(
                column, f"CASE WHEN {organisation} THEN ipl_credit_code_error({mine}) END"
            )
            return (
                f"CASE WHEN {organisation} THEN ipl_credit_code({mine})"
                f" WHEN length({mine}) = 18 THEN coalesce(ipl_credit_code({mine}), {mine})"
                f" ELSE {mine} END AS {quote(column)}"
            )
        raise AssertionError(declared.rule)  # pragma: no cover

    # -- the whole row --------------------------------------------------------------------

    def sql(self) -> tuple[str, Check]:
        """The CREATE statement of ``_ipl_checked`` and what its columns are."""
        declared = {c.name: c for c in self.entity.declared_columns}
        present = [c for c in declared if c in self.types]
        for column in present:
            self.column(declared[column])
        write = list(present)
        for name, c in declared.items():
            derived = c.rule == "patent_kind"
            if name not in self.types and (name in self.entity.key or derived):
                self.inner.append(
                    f"{'NULL' if c.default is None else literal(c.default)} AS {quote(name)}"
                )
                write.append(name)
        outer = []
        for name in write:
            c = declared[name]
            if c.depends_on is not None:
                outer.append(self.dependent(c, write))
            else:
                outer.append(f"i.{quote(name)}")
        for c in declared.values():
            for earlier in c.not_before:
                if c.name in self.types and earlier in self.types:
                    self.cross_error(
                        c.name,
                        f"CASE WHEN i.{quote(c.name)} < i.{quote(earlier)}"
                        f" THEN {literal(date_order_prefix(earlier))}"
                        f" || CAST(i.{quote(earlier)} AS VARCHAR) END",
                    )
        texts_out = [f"s.{quote('t__' + c)}" for c in self.types]
        inner = ",\n    ".join(["s._file", "s._line", *self.inner, *texts_out, *self.inner_errors])
        texts = "".join(f", {self.text_expression(c)} AS {quote('t__' + c)}" for c in self.types)
        inner_errors = [f"i.{quote(a)}" for a in self.errors if a.startswith("e__")]
        select = ",\n    ".join(
            ["i._file", "i._line", *outer, *inner_errors, *self.late_errors, *self.cross]
        )
        statement = (
            f"CREATE OR REPLACE TEMP TABLE {CHECKED} AS\nSELECT {select}\n"
            f"FROM (\n  SELECT {inner}\n"
            f"  FROM (SELECT src.*{texts} FROM {SOURCE} src) s {' '.join(self.joins)}\n) i"
        )
        return statement, Check(tuple(write), dict(self.errors))


def build_checked(con: duckdb.DuckDBPyConnection, entity: Entity, types: dict[str, str]) -> Check:
    """Validate ``_ipl_src`` into ``_ipl_checked`` (one pass over the staged rows)."""
    statement, check = _Builder(entity, types).sql()
    run(con, statement)
    return check


def checked_sql(entity: Entity, types: dict[str, str]) -> str:
    """The statement `build_checked` runs (for snapshot tests of the generated SQL)."""
    return _Builder(entity, types).sql()[0]


def build_rejects(
    con: duckdb.DuckDBPyConnection,
    entity: Entity,
    check: Check,
    *,
    several_files: bool,
    unique_keys: bool = True,
) -> int:
    """Fill ``_ipl_rejects`` (``_file, _line, column, reason``); return how many there are.

    Beyond the error columns, every row whose key is given more than once is rejected (all of
    its occurrences: which one is right cannot be told) — unless not ``unique_keys`` (a
    history export holds every version of a key).
    """
    parts: list[str] = []
    if check.errors:
        names = ", ".join(quote(a) for a in check.errors)
        parts.append(
            f"""SELECT _file, _line, map_from_entries(list_zip({list_literal(check.errors)},
                   {list_literal(check.errors.values())}))[err] AS "column", reason
                FROM (UNPIVOT (SELECT _file, _line, {names} FROM {CHECKED}
                               WHERE coalesce({names}) IS NOT NULL)
                      ON {names} INTO NAME err VALUE reason)"""
        )
    key = entity.key
    keys = ", ".join(quote(k) for k in key)
    not_null = (
        " AND ".join(f"{quote(k)} IS NOT NULL" for k in key if entity.column(k).required) or "true"
    )
    clean = (
        " AND ".join(f"{quote(a)} IS NULL" for a, c in check.errors.items() if c in key) or "true"
    )
    where = f"{not_null} AND {clean}"
    duplicated = unique_keys and count(
        con,
        f"SELECT count(*) FROM (SELECT {keys} FROM {CHECKED} WHERE {where} GROUP BY ALL"
        " HAVING count(*) > 1)",
    )
    if duplicated:
        place = "_file || ':' || _line" if several_files else "CAST(_line AS VARCHAR)"
        match = " AND ".join(f"k.{quote(c)} IS NOT DISTINCT FROM d.{quote(c)}" for c in key)
        parts.append(
            f"""SELECT k._file, k._line, {literal(",".join(key))} AS "column",
                   {literal(f"the same {entity.label} key is given more than once in this file")}
                   || ' (lines ' || d.places || ')' AS reason
                FROM (SELECT _file, _line, {keys} FROM {CHECKED} WHERE {where}) k
                JOIN (SELECT {keys}, string_agg({place}, ', ' ORDER BY _file, _line) AS places
                      FROM {CHECKED} WHERE {where} GROUP BY ALL HAVING count(*) > 1) d
                  ON {match}"""
        )
    if not parts:
        run(
            con,
            f"CREATE OR REPLACE TEMP TABLE {REJECTS}"
            ' (_file VARCHAR, _line BIGINT, "column" VARCHAR, reason VARCHAR)',
        )
        return 0
    run(con, f"CREATE OR REPLACE TEMP TABLE {REJECTS} AS " + " UNION ALL ".join(parts))
    return count(con, f"SELECT count(*) FROM {REJECTS}")


def valid_rows_view(
    con: duckdb.DuckDBPyConnection, check: Check, *, with_rejects: bool, source: str | None = None
) -> str:
    """A view of the rows to write (rejected lines left out), with ``source`` = ``file:line``
    (or the given ``source`` for every row)."""
    columns = ", ".join(f"c.{quote(c)}" for c in check.write_columns)
    anti = (
        f" ANTI JOIN (SELECT DISTINCT _file, _line FROM {REJECTS}) r"
        " ON r._file = c._file AND r._line = c._line"
        if with_rejects
        else ""
    )
    origin = "c._file || ':' || c._line" if source is None else literal(source)
    run(
        con,
        f"CREATE OR REPLACE TEMP VIEW _ipl_valid AS SELECT {columns},"
        f" {origin} AS source FROM {CHECKED} c{anti}",
    )
    return "_ipl_valid"
