"""Vectorised validation: the staged rows checked in DuckDB SQL, never a Python loop per row.

From ``_ipl_src`` (see :mod:`ipledger.io._staging`) one statement builds ``_ipl_checked``: per
row its ``_file`` and ``_line``, the typed, canonical value of every column to write, and one
``e__<column>`` (single-value rule) or ``x__<column>__<n>`` (cross-field rule) column holding
the reason the value is rejected, or NULL. Rejects are then those reasons unpivoted, plus the
rows whose key is given twice in the file. The single-value rules are the ``ipl_*`` macros of
:mod:`ipledger.codes`; the cross-field date rules are :func:`ipledger.model.date_order_rules`.
"""

from __future__ import annotations

import attrs
import duckdb

from ipledger.io._rules import ColumnRule, column_rules
from ipledger.io._sql import count, literal, quote, run
from ipledger.io._staging import SOURCE
from ipledger.model import ENTITIES, date_order_rules

__all__ = [
    "CHECKED",
    "REGION_MAP",
    "REJECTS",
    "Check",
    "build_checked",
    "build_region_map",
    "build_rejects",
    "valid_rows_view",
]

CHECKED = "_ipl_checked"
REJECTS = "_ipl_rejects"
REGION_MAP = "_ipl_region_map"
_BLANKS = " \t\r\n\u3000\u00a0"
_DATE_TYPES = ("DATE",)
_INT_TYPES = ("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "UTINYINT", "USMALLINT", "UINTEGER")


def _vocab(values: tuple[str, ...]) -> str:
    return "[" + ", ".join(literal(v) for v in values) + "]"


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


class _Builder:
    """Generates the SQL of ``_ipl_checked`` for one staged file."""

    def __init__(self, entity: str, types: dict[str, str]) -> None:
        self.entity = entity
        self.types = types
        self.rules = column_rules(entity)
        self.inner: list[str] = []
        self.joins: list[str] = []
        self.errors: dict[str, str] = {}
        self.inner_errors: list[str] = []
        self.late_errors: list[str] = []

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
            return f"nullif(trim({src}, {literal(_BLANKS)}), '')"
        if sql_type.endswith("[]"):
            return f"nullif(array_to_string({src}, ';'), '')"
        return f"nullif(trim(CAST({src} AS VARCHAR)), '')"

    def items(self, column: str) -> str:
        """The column as a list of trimmed, non-blank text items."""
        sql_type = self.types[column]
        if sql_type.endswith("[]"):
            trimmed = "lambda x: nullif(trim(CAST(x AS VARCHAR)), '')"
            listed = f"list_transform(s.{quote(column)}, {trimmed})"
            return f"list_filter({listed}, lambda x: x IS NOT NULL)"
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

    def column(self, column: str, rule: ColumnRule) -> None:
        t = self.text(column)
        src = f"s.{quote(column)}"
        sql_type = self.types[column]
        kind = rule.kind
        value: str
        if rule.required and kind != "enum_list":
            self.add_error(column, f"CASE WHEN {t} IS NULL THEN 'required, but blank' END")
        if kind in ("text", "party_id", "right_no"):
            value = t
        elif kind == "party_ref":
            value = (
                f"CASE WHEN length({t}) = 18 THEN coalesce(ipl_credit_code({t}), {t}) ELSE {t} END"
            )
        elif kind in ("patent_number", "trademark_number"):
            value = f"ipl_{kind}({t})"
            self.add_macro_error(column, kind)
        elif kind == "date":
            if sql_type in _DATE_TYPES:
                value = f"s.{quote(column)}"
            elif sql_type == "TIMESTAMP":
                value = f"CAST(s.{quote(column)} AS DATE)"
                self.add_error(
                    column,
                    f"CASE WHEN {src} <> CAST(CAST({src} AS DATE) AS TIMESTAMP)"
                    " THEN 'has a time of day: not a date' END",
                )
            else:
                value = f"ipl_date({t})"
                self.add_macro_error(column, "date")
        elif kind == "money":
            if sql_type in _INT_TYPES or (
                sql_type.startswith("DECIMAL")
                and sql_type.rstrip(")").split(",")[-1].strip() in "012"
            ):
                value = f"TRY_CAST({src} AS DECIMAL(18, 2))"
                self.add_error(
                    column,
                    f"CASE WHEN {src} IS NOT NULL AND {value} IS NULL THEN 'amount too large'"
                    f" WHEN {src} < 0 THEN 'money cannot be negative' END",
                )
            else:  # the macro rejects negative amounts itself
                value = f"ipl_money({t})"
                self.add_macro_error(column, "money")
        elif kind == "number":
            value = f"TRY_CAST(replace({t}, ',', '') AS DECIMAL(24, 6))"
            self.add_error(
                column,
                f"CASE WHEN {t} IS NOT NULL AND NOT regexp_full_match(replace({t}, ',', ''),"
                f" '[+-]?[0-9]+(\\.[0-9]{{1,6}})?') THEN 'not a number (at most 6 decimals)' END",
            )
        elif kind == "int":
            low, high = rule.bounds or (0, 2**62)
            if sql_type in _INT_TYPES or sql_type == "BIGINT":
                value = f"s.{quote(column)}"
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
        elif kind == "bool":
            if sql_type == "BOOLEAN":
                value = f"coalesce(s.{quote(column)}, false)"
            else:
                value = f"ipl_bool({t})"  # blank is false; unreadable is NULL (rejected)
                self.add_macro_error(column, "bool")
        elif kind == "list":
            value = self.items(column)
        elif kind == "rights":
            value = (
                f"list_transform({self.items(column)}, lambda x: coalesce(ipl_patent_number(x), x))"
            )
        elif kind in ("enum", "patent_kind"):
            token = f"lower({t})"
            value = token if rule.default is None else f"coalesce({token}, {literal(rule.default)})"
            self.add_error(
                column,
                f"CASE WHEN {t} IS NOT NULL"
                f" AND NOT list_contains({_vocab(rule.vocabulary)}, {token})"
                f" THEN {literal('not one of ' + '|'.join(rule.vocabulary))} END",
            )
        elif kind == "enum_list":
            items = f"list_transform({self.items(column)}, lambda x: lower(x))"
            value = f"list_filter({items}, lambda x, i: list_position({items}, x) = i)"
            vocabulary = _vocab(rule.vocabulary)
            bad = f"list_filter({items}, lambda x: NOT list_contains({vocabulary}, x))"
            blank = f"WHEN len({items}) = 0 THEN 'required, but blank' " if rule.required else ""
            self.add_error(
                column,
                f"CASE {blank}WHEN len({bad}) > 0 THEN"
                f" {literal('not one of ' + '|'.join(rule.vocabulary) + ': ')}"
                f" || array_to_string({bad}, ';') END",
            )
        elif kind == "nice_classes":
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
        elif kind in ("region", "new_region"):
            shape = (
                f"CASE WHEN {t} IS NOT NULL AND NOT regexp_full_match({t}, '[0-9]{{6}}')"
                " THEN 'not a 6-digit region code' END"
            )
            if kind == "new_region":
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
        else:  # pragma: no cover - every rule kind is handled above
            raise AssertionError(kind)
        self.inner.append(f"{value} AS {quote(column)}")

    # -- the whole row --------------------------------------------------------------------

    def sql(self) -> tuple[str, Check]:
        """The CREATE statement of ``_ipl_checked`` and what its columns are."""
        entity = ENTITIES[self.entity]
        present = [c for c in self.rules if c in self.types]
        for column in present:
            self.column(column, self.rules[column])
        write = list(present)
        for key in entity.key:
            if key not in self.types:
                default = self.rules[key].default
                self.inner.append(
                    f"{'NULL' if default is None else literal(default)} AS {quote(key)}"
                )
                write.append(key)
        outer = [f"i.{quote(c)}" for c in write if c not in ("kind", "party_id", "right_no")]
        cross: list[str] = []

        def cross_error(column: str, sql: str) -> None:
            alias = f"x__{column}__{len(cross)}"
            self.errors[alias] = column
            cross.append(f"{sql} AS {quote(alias)}")

        if self.entity == "patents":
            if "kind" not in self.types:
                self.inner.append("NULL AS kind")
                write.append("kind")
            derived = "ipl_patent_kind(i.application_no)"
            outer.append(f"coalesce(i.kind, {derived}) AS kind")
            cross_error(
                "kind",
                f"CASE WHEN i.kind IS NOT NULL AND list_contains(['invention', 'utility_model',"
                f" 'design'], i.kind) AND i.kind <> {derived} THEN 'kind ' || i.kind ||"
                f" ' does not match application number ' || i.application_no || ' ('"
                f" || {derived} || ')' END",
            )
        elif "kind" in write:
            outer.append("i.kind")
        if self.entity == "parties":
            organisation = (
                "i.kind IS NOT NULL AND i.kind <> 'individual'" if "kind" in self.types else "false"
            )
            outer.append(
                f"CASE WHEN {organisation} THEN ipl_credit_code(i.party_id)"
                " WHEN length(i.party_id) = 18"
                " THEN coalesce(ipl_credit_code(i.party_id), i.party_id)"
                " ELSE i.party_id END AS party_id"
            )
            if "kind" in self.types:
                cross_error(
                    "party_id",
                    f"CASE WHEN {organisation} THEN ipl_credit_code_error(i.party_id) END",
                )
        if self.entity == "transfers":
            right_type = "coalesce(i.right_type, 'patent')" if "right_type" in write else "'patent'"
            outer.append(
                f"CASE WHEN {right_type} = 'trademark' THEN ipl_trademark_number(i.right_no)"
                " ELSE ipl_patent_number(i.right_no) END AS right_no"
            )
            cross_error(
                "right_no",
                f"CASE WHEN {right_type} = 'trademark' THEN ipl_trademark_number_error(i.right_no)"
                " ELSE ipl_patent_number_error(i.right_no) END",
            )
        for rule in date_order_rules(entity.record_type):
            if rule.later in self.types and rule.earlier in self.types:
                cross_error(
                    rule.later,
                    f"CASE WHEN i.{quote(rule.later)} < i.{quote(rule.earlier)}"
                    f" THEN {literal(rule.reason)} END",
                )
        texts_out = [f"s.{quote('t__' + c)}" for c in self.types]
        inner = ",\n    ".join(["s._file", "s._line", *self.inner, *texts_out, *self.inner_errors])
        texts = "".join(f", {self.text_expression(c)} AS {quote('t__' + c)}" for c in self.types)
        inner_errors = [f"i.{quote(a)}" for a in self.errors if a.startswith("e__")]
        select = ",\n    ".join(
            ["i._file", "i._line", *outer, *inner_errors, *self.late_errors, *cross]
        )
        statement = (
            f"CREATE OR REPLACE TEMP TABLE {CHECKED} AS\nSELECT {select}\n"
            f"FROM (\n  SELECT {inner}\n"
            f"  FROM (SELECT src.*{texts} FROM {SOURCE} src) s {' '.join(self.joins)}\n) i"
        )
        return statement, Check(tuple(write), dict(self.errors))


def build_checked(con: duckdb.DuckDBPyConnection, entity: str, types: dict[str, str]) -> Check:
    """Validate ``_ipl_src`` into ``_ipl_checked`` (one pass over the staged rows)."""
    statement, check = _Builder(entity, types).sql()
    run(con, statement)
    return check


def build_rejects(
    con: duckdb.DuckDBPyConnection, entity: str, check: Check, *, several_files: bool
) -> int:
    """Fill ``_ipl_rejects`` (``_file, _line, column, reason``); return how many there are.

    Beyond the error columns, every row whose key is given more than once is rejected (all of
    its occurrences: which one is right cannot be told).
    """
    parts: list[str] = []
    if check.errors:
        names = ", ".join(quote(a) for a in check.errors)
        mapping = _vocab(tuple(check.errors)) + ", " + _vocab(tuple(check.errors.values()))
        parts.append(
            f"""SELECT _file, _line, map_from_entries(list_zip({_vocab(tuple(check.errors))},
                   {_vocab(tuple(check.errors.values()))}))[err] AS "column", reason
                FROM (UNPIVOT (SELECT _file, _line, {names} FROM {CHECKED}
                               WHERE coalesce({names}) IS NOT NULL)
                      ON {names} INTO NAME err VALUE reason)"""
        )
        del mapping
    key = ENTITIES[entity].key
    keys = ", ".join(quote(k) for k in key)
    rules = column_rules(entity)
    not_null = " AND ".join(f"{quote(k)} IS NOT NULL" for k in key if rules[k].required) or "true"
    clean = (
        " AND ".join(f"{quote(a)} IS NULL" for a, c in check.errors.items() if c in key) or "true"
    )
    where = f"{not_null} AND {clean}"
    duplicated = count(
        con,
        f"SELECT count(*) FROM (SELECT {keys} FROM {CHECKED} WHERE {where} GROUP BY ALL"
        " HAVING count(*) > 1)",
    )
    if duplicated:
        place = "_file || ':' || _line" if several_files else "CAST(_line AS VARCHAR)"
        label = ENTITIES[entity].label
        match = " AND ".join(f"k.{quote(c)} IS NOT DISTINCT FROM d.{quote(c)}" for c in key)
        parts.append(
            f"""SELECT k._file, k._line, {literal(",".join(key))} AS "column",
                   'the same {label} key is given more than once in this file (lines '
                   || d.places || ')' AS reason
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
