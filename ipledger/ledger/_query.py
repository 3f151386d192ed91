"""Immutable queries over one entity: each call returns a new query; values are always bound."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, Generic, Self, TypeVar

import attrs
import pyarrow as pa

from ipledger.errors import NotFoundError, ValidationError
from ipledger.ledger._html import html_table
from ipledger.ledger._moments import Moment, as_utc_moment
from ipledger.model import Entity, make_converter
from ipledger.store import Store

if TYPE_CHECKING:
    import pandas
    import polars

__all__ = ["PatentQuery", "PledgeQuery", "Query", "RightQuery"]

R = TypeVar("R")

_CONVERTER = make_converter(detailed_validation=False)
_HTML_ROWS = 20


def _q(name: str) -> str:
    return '"' + name + '"'


@attrs.frozen
class Query(Generic[R]):
    """Records of one entity, filtered, ordered and limited; nothing runs until a terminal call.

    Terminal calls: iteration (typed records), :meth:`first`, :meth:`count`, :meth:`to_arrow`,
    :meth:`to_arrow_batches`, :meth:`to_pandas`, :meth:`to_polars`, :meth:`to_records`.
    """

    store: Store
    entity: Entity
    conditions: tuple[tuple[str, tuple[Any, ...]], ...] = ()
    order: tuple[str, ...] = ()
    row_limit: int | None = None
    known_at: dt.datetime | None = None

    # -- building -------------------------------------------------------------------------

    def _column(self, name: str) -> str:
        if name not in self.entity.columns:
            raise ValidationError(
                value=name,
                reason=f"not a column of {self.entity.name}: {', '.join(self.entity.columns)}",
            )
        return _q(name)

    def where(self, condition: str, *params: Any) -> Self:
        """Add a raw SQL condition with ``?`` placeholders for ``params`` (never format values in).

        Examples:
            >>> # ledger.patents.find().where("grant_date >= ?", dt.date(2023, 1, 1))
        """
        return attrs.evolve(self, conditions=(*self.conditions, (f"({condition})", params)))

    def filter(self, **equals: Any) -> Self:
        """Keep records whose columns equal the values; a list, tuple or set means "any of"."""
        query = self
        for name, value in equals.items():
            column = self._column(name)
            if value is None:
                query = query.where(f"{column} IS NULL")
            elif isinstance(value, list | tuple | set | frozenset):
                values = [str(v) if hasattr(v, "value") else v for v in value]
                query = query.where(f"{column} IN (SELECT unnest(?))", values)
            else:
                query = query.where(f"{column} = ?", value)
        return query

    def order_by(self, *columns: str) -> Self:
        """Order by columns; ``"-grant_date"`` orders descending."""
        terms = []
        for name in columns:
            descending = name.startswith("-")
            column = self._column(name.lstrip("-"))
            terms.append(f"{column} DESC NULLS LAST" if descending else f"{column} ASC NULLS LAST")
        return attrs.evolve(self, order=(*self.order, *terms))

    def limit(self, n: int) -> Self:
        """At most ``n`` records."""
        if n < 0:
            raise ValidationError(value=n, reason="a limit cannot be negative")
        return attrs.evolve(self, row_limit=n)

    def as_known_at(self, when: Moment | None) -> Self:
        """See the ledger as it was known at ``when`` (a date means the end of that day)."""
        return attrs.evolve(self, known_at=None if when is None else as_utc_moment(when))

    def in_region(self, code: str, *, column: str = "region_code") -> Self:
        """Keep records of region ``code`` or any region under it (a city includes its counties)."""
        col = self._column(column)
        return self.where(
            f"""{col} IN (
                WITH RECURSIVE sub(code) AS (
                    SELECT CAST(? AS VARCHAR)
                    UNION
                    SELECT r.code FROM all_regions_at(CAST(? AS TIMESTAMP)) r
                    JOIN sub ON r.parent_code = sub.code
                ) SELECT code FROM sub)""",
            code,
            self._moment(),
        )

    # -- SQL --------------------------------------------------------------------------------

    def _moment(self) -> dt.datetime | str:
        return self.known_at if self.known_at is not None else "infinity"

    def compiled(self, select: str | None = None) -> tuple[str, list[Any]]:
        """The SQL and parameters this query runs (for logging and snapshot tests)."""
        columns = select or ", ".join(_q(c) for c in self.entity.columns)
        sql = f"SELECT {columns} FROM {self.entity.name}_at(CAST(? AS TIMESTAMP))"
        params: list[Any] = [self._moment()]
        if self.conditions:
            sql += " WHERE " + " AND ".join(c for c, _ in self.conditions)
            for _, values in self.conditions:
                params.extend(values)
        if self.order and select is None:
            sql += " ORDER BY " + ", ".join(self.order)
        if self.row_limit is not None and select is None:
            sql += f" LIMIT {int(self.row_limit)}"
        return sql, params

    # -- terminals -------------------------------------------------------------------------

    def to_arrow(self) -> pa.Table:
        """All matching records as one Arrow table (columns as in the exchange format)."""
        sql, params = self.compiled()
        return self.store.sql(sql, params)

    def to_arrow_batches(self, batch_size: int = 100_000) -> pa.RecordBatchReader:
        """Stream the matching records as Arrow record batches (bounded memory)."""
        sql, params = self.compiled()
        relation = self.store.cursor().sql(sql, params=params)
        reader: pa.RecordBatchReader = relation.to_arrow_reader(batch_size)
        return reader

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
        """The first matching record, or :class:`~ipledger.errors.NotFoundError`."""
        for record in self.limit(1):
            return record
        raise NotFoundError(self.entity.label, self._describe())

    def count(self) -> int:
        """How many records match."""
        sql, params = self.compiled("count(*)")
        return int(self.store.sql(sql, params).column(0)[0].as_py())

    def exists(self) -> bool:
        """Whether any record matches."""
        return self.limit(1).to_arrow().num_rows > 0

    def _describe(self) -> str:
        parts = [c for c, _ in self.conditions] or ["any"]
        return " AND ".join(parts)

    def _repr_html_(self) -> str:
        table = self.limit(_HTML_ROWS).to_arrow()
        total = self.count()
        caption = f"{self.entity.name}: {total} record(s)"
        if total > _HTML_ROWS:
            caption += f", first {_HTML_ROWS} shown"
        rows = zip(*(c.to_pylist() for c in table.columns), strict=True)
        return html_table(table.column_names, rows, caption=caption)


@attrs.frozen
class RightQuery(Query[R]):
    """A query over rights that are in force between two lifecycle dates (trademarks, GI)."""

    def _in_force_columns(self) -> tuple[str, str]:
        return {
            "trademarks": ("registration_date", "lapse_date"),
            "gi_products": ("protected_date", "lapse_date"),
            "gi_users": ("approved_date", "revoked_date"),
            "patents": ("grant_date", "lapse_date"),
        }[self.entity.name]

    def in_force(self, on: dt.date) -> Self:
        """Keep rights in force on ``on``: begun on or before it, not ended by it."""
        start, end = self._in_force_columns()
        return self.where(f"{start} <= ? AND ({end} IS NULL OR {end} > ?)", on, on)


@attrs.frozen
class PatentQuery(RightQuery[R]):
    """A query over patents, with the patent-specific filters."""

    def kind(self, *kinds: str) -> Self:
        """Keep patents of the given kinds (``"invention"``, ``"utility_model"``, ``"design"``)."""
        return self.filter(kind=[str(k) for k in kinds])


@attrs.frozen
class PledgeQuery(Query[R]):
    """A query over pledge registrations."""

    def outstanding(self, on: dt.date) -> Self:
        """Keep pledges registered by ``on`` and neither released nor past their term then."""
        return self.where(
            "registered_date <= ? AND (released_date IS NULL OR released_date > ?)"
            " AND (term_end IS NULL OR term_end >= ?)",
            on,
            on,
            on,
        )

    def registered_between(self, start: dt.date, end: dt.date) -> Self:
        """Keep pledges registered from ``start`` to ``end``, both included."""
        return self.where("registered_date BETWEEN ? AND ?", start, end)


def key_conditions(entity: Entity, key: Sequence[Any]) -> dict[str, Any]:
    """The filter that selects one record by its natural key values."""
    if len(key) != len(entity.key):
        raise ValidationError(
            value=tuple(key), reason=f"{entity.name} is keyed by {', '.join(entity.key)}"
        )
    return dict(zip(entity.key, key, strict=True))
