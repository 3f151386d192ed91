"""Repositories: one per entity, the small typed API over its table.

Every write goes one way: records, an Arrow table, a pandas or polars DataFrame are turned
into one Arrow table and validated like an imported file (`ipledger.io.write_table`), so
a record and the same row in a file are canonicalised (region successors, upper-case codes,
canonical right numbers) and checked (known regions) alike, with the same errors.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import Any, Generic, TypeVar

import attrs
import pyarrow as pa

from ipledger.errors import NotFoundError, ValidationError
from ipledger.io import write_table
from ipledger.ledger._moments import Moment, as_utc_moment
from ipledger.ledger._query import PatentQuery, PledgeQuery, Query, RightQuery, key_conditions
from ipledger.model import Entity
from ipledger.store import Store, WriteCounts

__all__ = ["Repository", "query_type"]

R = TypeVar("R")
Q = TypeVar("Q", bound=Query[Any])

_QUERIES_BY_STATE: dict[str, type[Query[Any]]] = {
    "in_force": RightQuery,
    "approved": RightQuery,
    "outstanding": PledgeQuery,
}


def query_type(entity: Entity) -> type[Query[Any]]:
    """The query class of an entity, from its declaration: patents get `PatentQuery`,
    entities with a lifecycle the query of its state (``in_force``: `RightQuery`,
    ``outstanding``: `PledgeQuery`), the rest `Query`."""
    if entity.right_type == "patent":
        return PatentQuery
    if entity.lifecycle is not None:
        return _QUERIES_BY_STATE.get(entity.lifecycle.state, Query)
    return Query


def _arrow_value(value: Any) -> Any:
    if isinstance(value, tuple):
        return [_arrow_value(v) for v in value]
    if isinstance(value, str):
        return str(value)  # StrEnum members become plain strings
    return value


class Repository(Generic[R, Q]):
    """The records of one entity: look up, find, add and correct them, read their history.

    Examples:
        >>> import datetime
        >>> from ipledger import Ledger, Patent
        >>> with Ledger.open() as ledger:
        ...     ledger.patents.add(Patent(application_no="202310123456.6",
        ...                               grant_date=datetime.date(2024, 1, 5)))
        ...     ledger.patents.get("ZL 2023 1 0123456.6").kind
        <PatentKind.INVENTION: 'invention'>
    """

    def __init__(self, store: Store, entity: Entity) -> None:
        self.store = store
        self.entity = entity

    def __repr__(self) -> str:
        return f"<Repository {self.entity.name} of {self.store.path}>"

    @functools.cached_property
    def arrow_schema(self) -> pa.Schema:
        """The Arrow schema of this entity's records (the table's columns, without history)."""
        columns = ", ".join(f'"{c}"' for c in self.entity.columns)
        return self.store.sql(f"SELECT {columns} FROM {self.entity.name} LIMIT 0").schema

    # -- reading ---------------------------------------------------------------------------

    def find(self, **equals: Any) -> Q:
        """A query of the records whose columns equal ``equals`` (all records when empty);
        values in any form the column reads (see `Query.filter`)."""
        query: Q = query_type(self.entity)(self.store, self.entity)  # type: ignore[assignment]
        return query.filter(**equals) if equals else query

    def get(self, *key: Any, as_known_at: Moment | None = None) -> R:
        """The record with this natural key (in any written form the import accepts), or
        `NotFoundError` (also for a key no record can have, e.g. a
        patent number with a wrong check character)."""
        missing = NotFoundError(self.entity.label, key[0] if len(key) == 1 else key)
        try:
            query = self.find(**key_conditions(self.entity, key)).as_known_at(as_known_at)
        except ValidationError as error:
            raise missing from error
        try:
            record: R = query.first()
        except NotFoundError:
            raise missing from None
        return record

    def count(self, *, as_known_at: Moment | None = None) -> int:
        """How many records there are (now, or as known at a moment)."""
        return self.find().as_known_at(as_known_at).count()

    def history(self, *key: Any) -> pa.Table:
        """Every version ever recorded for this key (in any written form), oldest first, with
        ``recorded_at``, ``superseded_at`` and ``source``."""
        conditions = key_conditions(self.entity, key)
        values = [self.entity.canonical(c, v) for c, v in conditions.items()]
        where = " AND ".join(f'"{c}" IS NOT DISTINCT FROM ?' for c in conditions)
        return self.store.sql(
            f"SELECT * FROM {self.entity.name} WHERE {where} ORDER BY recorded_at", values
        )

    # -- writing ---------------------------------------------------------------------------

    def to_arrow(self, records: Iterable[R]) -> pa.Table:
        """Records as an Arrow table of this entity's schema."""
        rows = []
        for record in records:
            if not isinstance(record, self.entity.record_type):
                raise ValidationError(
                    value=type(record).__name__,
                    reason=f"expected a {self.entity.record_type.__name__}",
                )
            fields = attrs.asdict(record, recurse=False)
            rows.append({k: _arrow_value(v) for k, v in fields.items()})
        return pa.Table.from_pylist(rows, schema=self.arrow_schema)

    def _as_table(self, records: Any) -> pa.Table:
        if isinstance(records, pa.Table):
            return records
        if isinstance(records, self.entity.record_type):
            return self.to_arrow([records])
        if hasattr(records, "__arrow_c_stream__"):  # a pandas or polars DataFrame
            return pa.table(records)
        if isinstance(records, str | bytes) or not isinstance(records, Iterable):
            raise ValidationError(
                value=type(records).__name__,
                reason=f"expected {self.entity.record_type.__name__} records, an Arrow table"
                " or a DataFrame",
            )
        return self.to_arrow(records)

    def upsert(
        self,
        records: R | Iterable[R] | pa.Table | Any,
        *,
        recorded_at: Moment | None = None,
        source: str | None = "api",
    ) -> WriteCounts:
        """Add records, or correct them where the key exists (the old version is kept).

        ``records`` is one record, an iterable of records, an Arrow table or a pandas / polars
        DataFrame of this entity's columns (a table may carry only some columns: the others
        keep their current values). Everything goes through the same validation as an
        imported file: any bad row raises `RejectedRowsError` listing
        them all, and nothing is written. Unchanged records write nothing. All-or-nothing.
        """
        moment = None if recorded_at is None else as_utc_moment(recorded_at)
        table = self._as_table(records)
        return write_table(self.store, self.entity.name, table, recorded_at=moment, source=source)

    def add(self, record: R, *, recorded_at: Moment | None = None) -> None:
        """Add a new record; `ValidationError` if its key exists."""
        key = tuple(getattr(record, k) for k in self.entity.key)
        with self.store.transaction():
            if self.find(**key_conditions(self.entity, key)).exists():
                raise ValidationError(
                    value=key[0] if len(key) == 1 else key,
                    reason=f"this {self.entity.label} is already in the ledger: use upsert()",
                )
            self.upsert(record, recorded_at=recorded_at)
