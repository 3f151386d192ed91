"""Immutable queries over one entity: each call returns a new query; values are always bound.

A query knows its entity's declaration (`Entity`): filter values are
read the way the column reads them (``ZL 2013 1 0123524.5`` finds ``2013101235245``), list
columns are filtered by their items, the lifecycle filters (``in_force``, ``outstanding``) are
the entity's lifecycle rule, and ``in_region`` follows a right to the region it was held in on
the date that matters (its assignments moved it).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, Generic, Self, TypeVar

import attrs
import pyarrow as pa

from ipledger._sql import date_literal, quote, timestamp_literal
from ipledger.errors import NotFoundError, ValidationError
from ipledger.ledger._holdings import descendants_sql, held_region_sql, holdings_sql
from ipledger.ledger._html import html_table
from ipledger.ledger._moments import Moment, as_utc_moment, today
from ipledger.model import Entity, make_converter
from ipledger.store import Store

if TYPE_CHECKING:
    import pandas
    import polars

__all__ = ["PatentQuery", "PledgeQuery", "Query", "RightQuery"]

R = TypeVar("R")

_CONVERTER = make_converter(detailed_validation=False)
_HTML_ROWS = 20
_ALIAS = "x"


@attrs.frozen
class Query(Generic[R]):
    """Records of one entity, filtered, ordered and limited; nothing runs until a terminal call.

    Terminal calls: iteration (typed records), `first`, `count`, `exists`,
    `to_arrow`, `to_arrow_batches`, `to_pandas`, `to_polars`,
    `to_records`.
    """

    store: Store
    entity: Entity
    conditions: tuple[tuple[str, tuple[Any, ...]], ...] = ()
    order: tuple[str, ...] = ()
    row_limit: int | None = None
    known_at: dt.datetime | None = None
    region: str | None = None
    """The region (with those under it) the rows must count for, see `in_region`."""
    region_on: dt.date | None = None
    state_on: dt.date | None = None
    """The date of the lifecycle filter (``in_force(on)``), if any."""

    # -- building -------------------------------------------------------------------------

    def _column(self, name: str) -> str:
        if name not in self.entity.columns:
            raise ValidationError(
                value=name,
                reason=f"not a column of {self.entity.name}: {', '.join(self.entity.columns)}",
            )
        return quote(name)

    def where(self, condition: str, *params: Any) -> Self:
        """Add a raw SQL condition with ``?`` placeholders for ``params`` (never format values in).

        Examples:
            >>> # ledger.patents.find().where("grant_date >= ?", dt.date(2023, 1, 1))
        """
        return attrs.evolve(self, conditions=(*self.conditions, (f"({condition})", params)))

    def filter(self, **equals: Any) -> Self:
        """Keep records whose columns equal the values; a list, tuple or set means "any of".

        Values are read as the column reads them (any written form of a number, a date as
        text, an enum member or token). On a list column (``types``, ``rights``) a value keeps
        the records whose list holds it, a list of values those holding any of them.
        """
        query = self
        for name, value in equals.items():
            column = self._column(name)
            declared = self.entity.column(name)
            many = isinstance(value, list | tuple | set | frozenset)
            values = [self._value(name, v) for v in value] if many else []
            if value is None:
                query = query.where(f"{column} IS NULL")
            elif declared.is_list:
                items = values if many else [self._value(name, value)]
                query = query.where(f"list_has_any({column}, ?)", items)
            elif many:
                query = query.where(f"{column} IN (SELECT unnest(?))", values)
            else:
                query = query.where(f"{column} = ?", self._value(name, value))
        return query

    def _value(self, name: str, value: Any) -> Any:
        return self.entity.canonical(name, value)

    def order_by(self, *columns: str) -> Self:
        """Order by columns; ``"-grant_date"`` orders descending."""
        terms = []
        for name in columns:
            if not isinstance(name, str):
                raise ValidationError(value=repr(name), reason="not a column name")
            descending = name.startswith("-")
            column = self._column(name.lstrip("-"))
            terms.append(f"{column} DESC NULLS LAST" if descending else f"{column} ASC NULLS LAST")
        return attrs.evolve(self, order=(*self.order, *terms))

    def limit(self, n: int) -> Self:
        """At most ``n`` records (``count()`` counts at most ``n`` too)."""
        if isinstance(n, bool) or not isinstance(n, int) or n < 0:
            raise ValidationError(value=n, reason="a limit is a whole number, not negative")
        return attrs.evolve(self, row_limit=n if self.row_limit is None else min(n, self.row_limit))

    def as_known_at(self, when: Moment | None) -> Self:
        """See the ledger as it was known at ``when`` (a date means the end of that day)."""
        return attrs.evolve(self, known_at=None if when is None else as_utc_moment(when))

    def in_region(self, code: str, *, on: dt.date | None = None) -> Self:
        """Keep records that count for region ``code`` or a region under it (a city includes
        its counties).

        A right (patent, trademark) counts for the region it was held in on ``on`` (its first
        holder's, moved by assignments); without ``on``, the date of the query's lifecycle
        filter (``in_force(on=...)``), else today. Other records count for their region code.
        """
        if not isinstance(code, str):
            raise ValidationError(value=code, column="region", reason="a region code is text")
        if on is not None and not isinstance(on, dt.date):
            raise ValidationError(value=on, column="on", reason="must be a date")
        return attrs.evolve(self, region=code.strip(), region_on=on)

    def _active(self, on: dt.date) -> Self:
        """Keep records whose lifecycle (the entity's rule) holds on ``on``."""
        if not isinstance(on, dt.date) or isinstance(on, dt.datetime):
            raise ValidationError(value=on, column="on", reason="must be a date")
        rule = self.entity.lifecycle_rule
        return attrs.evolve(self.where(rule.holds_sql(date_literal(on), alias=_ALIAS)), state_on=on)

    # -- SQL --------------------------------------------------------------------------------

    def _moment(self) -> str:
        return timestamp_literal(self.known_at)

    def compiled(self) -> tuple[str, list[Any]]:
        """The SQL and parameters this query runs (for logging and snapshot tests)."""
        moment = self._moment()
        columns = ", ".join(f"{_ALIAS}.{quote(c)}" for c in self.entity.columns)
        sql = f"SELECT {columns} FROM {quote(self.entity.name + '_at')}({moment}) {_ALIAS}"
        params: list[Any] = []
        conditions = [c for c, _ in self.conditions]
        for _, values in self.conditions:
            params.extend(values)
        if self.region is not None:
            region = f"{_ALIAS}.{quote(self.entity.region_column or 'region_code')}"
            if self.entity.right_type is not None:
                on = date_literal(self.region_on or self.state_on or today())
                holdings = f"({holdings_sql(self.entity, moment)})"
                join, region = held_region_sql(self.entity, _ALIAS, on, holdings)
                sql += f" {join}"
            elif self.entity.region_column is None:
                raise ValidationError(
                    value=self.region, reason=f"{self.entity.name} records have no region"
                )
            conditions.append(f"{region} IN ({descendants_sql(moment)})")
            params.append(self.region)
        if conditions:
            sql += " WHERE " + " AND ".join(conditions)
        if self.order:
            sql += " ORDER BY " + ", ".join(self.order)
        if self.row_limit is not None:
            sql += f" LIMIT {int(self.row_limit)}"
        return sql, params

    def _counted(self) -> tuple[str, list[Any]]:
        sql, params = attrs.evolve(self, order=()).compiled()
        return f"SELECT count(*) FROM ({sql})", params

    # -- terminals -------------------------------------------------------------------------

    def to_arrow(self) -> pa.Table:
        """All matching records as one Arrow table (columns as in the exchange format)."""
        sql, params = self.compiled()
        return self.store.sql(sql, params)

    def to_arrow_batches(self, batch_size: int = 100_000) -> pa.RecordBatchReader:
        """Stream the matching records as Arrow record batches (bounded memory)."""
        sql, params = self.compiled()
        return self.store.reader(sql, params, batch_size)

    def to_pandas(self) -> pandas.DataFrame:
        """The matching records as a pandas DataFrame (needs ``ipledger[pandas]``)."""
        try:
            import pandas  # noqa: F401
        except ImportError as error:
            raise ImportError("to_pandas() needs pandas: pip install 'ipledger[pandas]'") from error
        return self.to_arrow().to_pandas()

    def to_polars(self) -> polars.DataFrame:
        """The matching records as a polars DataFrame (needs ``ipledger[polars]``)."""
        try:
            import polars
        except ImportError as error:
            raise ImportError("to_polars() needs polars: pip install 'ipledger[polars]'") from error
        frame = polars.from_arrow(self.to_arrow())
        assert isinstance(frame, polars.DataFrame)
        return frame

    def __iter__(self) -> Iterator[R]:
        """The matching records as typed objects, read in batches."""
        record_type: type[R] = self.entity.record_type
        for batch in self.to_arrow_batches(10_000):
            for row in batch.to_pylist():
                yield _CONVERTER.structure(row, record_type)

    def to_records(self) -> list[R]:
        """The matching records as a list of typed objects (for small results)."""
        return list(self)

    def first(self) -> R:
        """The first matching record, or `NotFoundError`."""
        for record in self.limit(1):
            return record
        raise NotFoundError(self.entity.label, self._describe())

    def count(self) -> int:
        """How many records match (at most the limit, when one is set)."""
        sql, params = self._counted()
        return int(self.store.sql(sql, params).column(0)[0].as_py())

    def exists(self) -> bool:
        """Whether any record matches."""
        return self.limit(1).to_arrow().num_rows > 0

    def _describe(self) -> str:
        parts = [c for c, _ in self.conditions]
        if self.region is not None:
            parts.append(f"in region {self.region}")
        return " AND ".join(parts) or "any"

    def __repr__(self) -> str:
        known = "" if self.known_at is None else f" as known at {self.known_at.isoformat(sep=' ')}"
        limit = "" if self.row_limit is None else f" limit {self.row_limit}"
        where = "" if not (self.conditions or self.region) else f" where {self._describe()}"
        if len(where) > 120:
            where = where[:117] + "..."
        return f"<Query {self.entity.name}{where}{limit}{known}>"

    def _repr_html_(self) -> str:
        shown = self.limit(_HTML_ROWS)
        table = shown.to_arrow()
        total = self.count()
        caption = f"{self.entity.name}: {total} record(s)"
        if total > table.num_rows:
            caption += f", first {table.num_rows} shown"
        rows = zip(*(c.to_pylist() for c in table.columns), strict=True)
        return html_table(table.column_names, rows, caption=caption)


@attrs.frozen(repr=False)
class RightQuery(Query[R]):
    """A query over records that are in force between lifecycle dates (patents, trademarks,
    GI products and users, insurance policies)."""

    def in_force(self, on: dt.date) -> Self:
        """Keep records in force on ``on``: the entity's lifecycle rule (for a patent: granted
        by then, not lapsed, within its statutory term)."""
        return self._active(on)


@attrs.frozen(repr=False)
class PatentQuery(RightQuery[R]):
    """A query over patents, with the patent-specific filters."""

    def kind(self, *kinds: str) -> Self:
        """Keep patents of the given kinds (``"invention"``, ``"utility_model"``, ``"design"``)."""
        return self.filter(kind=list(kinds))


@attrs.frozen(repr=False)
class PledgeQuery(Query[R]):
    """A query over pledge registrations."""

    def outstanding(self, on: dt.date) -> Self:
        """Keep pledges outstanding on ``on``: registered by then, neither released nor past
        their term (the pledges' lifecycle rule)."""
        return self._active(on)

    def registered_between(self, start: dt.date, end: dt.date) -> Self:
        """Keep pledges registered from ``start`` to ``end``, both included."""
        return self.where("registered_date BETWEEN ? AND ?", start, end)


def key_conditions(entity: Entity, key: Sequence[Any]) -> dict[str, Any]:
    """The filter that selects one record by its natural key values (in any written form:
    `Query.filter` reads each as its column does)."""
    if len(key) != len(entity.key):
        raise ValidationError(
            value=tuple(key), reason=f"{entity.name} is keyed by {', '.join(entity.key)}"
        )
    return dict(zip(entity.key, key, strict=True))
