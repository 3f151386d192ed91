"""Lifecycle rules, declared once and rendered twice: for a record in Python and for rows in SQL.

A `Lifecycle` says when a record is in its active state on a date: from its ``start``
date (inclusive) until the earliest of its ``ends`` and, for patents, the end of the statutory
term (`StatutoryTerm`). Each end is the first day no longer active, or, for an
``inclusive`` end (a pledge's ``term_end``, a trademark's ``expiry_date``), the last day still
active. `Lifecycle.holds` and `Lifecycle.holds_sql` are the two forms of one rule;
hypothesis tests check that they agree.

Statutory patent terms, from the filing date (Patent Law, art. 42): invention 20 years, utility
model 10 years, design 10 years, or 15 years for applications filed on or after 2021-06-01 (the
2020 revision); a granted patent term compensation (``term_extension_days``) is added. The term
ends on the anniversary of the filing date, which is no longer in force (专利审查指南: filed
1999-09-06, in force until 2019-09-05, ends 2019-09-06); a filing on 29 February ends on 28
February of a common year.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs

from ipledger._sql import date_literal, literal, quote

__all__ = ["End", "Lifecycle", "StatutoryTerm", "TermYears", "add_years"]


def add_years(day: dt.date, years: int) -> dt.date:
    """The same day ``years`` later; 29 February becomes 28 February in a common year (as
    DuckDB's ``date + INTERVAL n YEAR`` does).

    Examples:
        >>> add_years(dt.date(2004, 2, 29), 10)
        datetime.date(2014, 2, 28)
    """
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def _column(alias: str, name: str) -> str:
    return f"{alias}.{quote(name)}" if alias else quote(name)


@attrs.frozen
class End:
    """A date column that ends the active state: the first day no longer active, or with
    ``inclusive`` the last day still active."""

    column: str
    inclusive: bool = False

    def exclusive(self, record: Any) -> dt.date | None:
        """The first day no longer active, for a record."""
        value: dt.date | None = getattr(record, self.column)
        if value is None:
            return None
        return value + dt.timedelta(days=1) if self.inclusive else value

    def exclusive_sql(self, alias: str = "") -> str:
        """SQL of the first day no longer active."""
        column = _column(alias, self.column)
        return f"({column} + 1)" if self.inclusive else column

    def active_sql(self, on: str, alias: str = "") -> str:
        """SQL condition: this end has not come by the date expression ``on`` (a plain
        comparison of the column, so that DuckDB can use it in range joins)."""
        column = _column(alias, self.column)
        return f"({column} IS NULL OR {column} {'>=' if self.inclusive else '>'} {on})"


@attrs.frozen
class TermYears:
    """One line of a statutory term table: rights of ``kind`` (filed on or after
    ``filed_from``, when given) are protected ``years`` years from filing."""

    kind: str
    years: int
    filed_from: dt.date | None = None


@attrs.frozen
class StatutoryTerm:
    """A term counted from a date column, by kind (the first matching line of ``terms`` wins),
    plus a number of extension days."""

    counted_from: str
    kind_column: str
    terms: tuple[TermYears, ...]
    extension_column: str | None = None

    def years(self, kind: str, counted_from: dt.date) -> int | None:
        """The term's years for a kind and a start date (``None``: no term for the kind)."""
        for line in self.terms:
            if line.kind == kind and (line.filed_from is None or counted_from >= line.filed_from):
                return line.years
        return None

    def end(self, record: Any) -> dt.date | None:
        """The first day past the term, for a record (``None`` when its start is unknown)."""
        start: dt.date | None = getattr(record, self.counted_from)
        if start is None:
            return None
        years = self.years(str(getattr(record, self.kind_column)), start)
        if years is None:
            return None
        extension = getattr(record, self.extension_column) if self.extension_column else None
        return add_years(start, years) + dt.timedelta(days=extension or 0)

    def end_sql(self, alias: str = "") -> str:
        """SQL of the first day past the term (NULL when its start is unknown)."""
        start = _column(alias, self.counted_from)
        kind = _column(alias, self.kind_column)
        lines = " ".join(
            f"WHEN {kind} = {literal(line.kind)}"
            + (f" AND {start} >= {date_literal(line.filed_from)}" if line.filed_from else "")
            + f" THEN {line.years}"
            for line in self.terms
        )
        end = f"CAST({start} + to_years(CASE {lines} END) AS DATE)"
        if self.extension_column:
            end += f" + CAST(coalesce({_column(alias, self.extension_column)}, 0) AS INTEGER)"
        return f"({end})"


@attrs.frozen(kw_only=True)
class Lifecycle:
    """When a record is active (``state``: ``in_force``, ``outstanding``, ``approved``):
    from ``start`` (inclusive) until the earliest of ``ends`` and the statutory ``term``.

    Examples:
        >>> from ipledger.model import Pledge, entity
        >>> rule = entity("pledges").lifecycle
        >>> p = Pledge(pledge_id="Y1", registered_date="2023-03-01", amount="1200万",
        ...            term_end="2024-02-28")
        >>> rule.holds(p, dt.date(2024, 2, 28)), rule.holds(p, dt.date(2024, 2, 29))
        (True, False)
        >>> print(rule.holds_sql("DATE '2024-02-28'", alias="x").replace(" AND ", "\\n"))
        x."registered_date" <= DATE '2024-02-28'
        (x."released_date" IS NULL OR x."released_date" > DATE '2024-02-28')
        (x."term_end" IS NULL OR x."term_end" >= DATE '2024-02-28')
    """

    state: str
    start: str
    ends: tuple[End, ...] = ()
    term: StatutoryTerm | None = None

    def end_of(self, record: Any) -> dt.date | None:
        """The first day the record is no longer active (``None``: no end known)."""
        candidates = [e.exclusive(record) for e in self.ends]
        if self.term is not None:
            candidates.append(self.term.end(record))
        known = [d for d in candidates if d is not None]
        return min(known) if known else None

    def holds(self, record: Any, on: dt.date) -> bool:
        """Whether the record is active on the date ``on``."""
        start: dt.date | None = getattr(record, self.start)
        if start is None or start > on:
            return False
        end = self.end_of(record)
        return end is None or end > on

    def end_sql(self, alias: str = "") -> str:
        """SQL of the first day no longer active (NULL: no end known)."""
        parts = [e.exclusive_sql(alias) for e in self.ends]
        if self.term is not None:
            parts.append(self.term.end_sql(alias))
        return parts[0] if len(parts) == 1 else f"least({', '.join(parts)})"

    def holds_sql(self, on: str, alias: str = "") -> str:
        """SQL condition: the row ``alias`` is active on the date expression ``on`` (NULL, so
        false in a WHERE or ON clause, when its start is unknown; see `flag_sql`)."""
        parts = [f"{_column(alias, self.start)} <= {on}"]
        parts += [e.active_sql(on, alias) for e in self.ends]
        if self.term is not None:
            term = self.term.end_sql(alias)
            parts.append(f"({term} IS NULL OR {term} > {on})")
        return " AND ".join(parts)

    def flag_sql(self, on: str, alias: str = "") -> str:
        """SQL boolean, never NULL: `holds_sql` as a value."""
        return f"coalesce({self.holds_sql(on, alias)}, false)"
