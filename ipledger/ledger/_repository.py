"""Repositories: one per entity, the small typed API over its table."""

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

__all__ = ["Repository"]

R = TypeVar("R")
Q = TypeVar("Q", bound=Query[Any])

_QUERY_TYPES: dict[str, type[Query[Any]]] = {
    "patents": PatentQuery,
    "trademarks": RightQuery,
    "gi_products": RightQuery,
    "gi_users": RightQuery,
    "pledges": PledgeQuery,
}


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
        ...     ledger.patents.get("2023101234566").kind
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
        """A query of the records whose columns equal ``equals`` (all records when empty)."""
        query_type = _QUERY_TYPES.get(self.entity.name, Query)
        query: Q = query_type(self.store, self.entity)  # type: ignore[assignment]
        return query.filter(**equals) if equals else query

    def get(self, *key: Any, as_known_at: Moment | None = None) -> R:
        """The record with this natural key, or :class:`~ipledger.errors.NotFoundError`."""
        query = self.find(**key_conditions(self.entity, key)).as_known_at(as_known_at)
        try:
            record: R = query.first()
        except NotFoundError:
            raise NotFoundError(self.entity.label, key[0] if len(key) == 1 else key) from None
        return record

    def count(self, *, as_known_at: Moment | None = None) -> int:
        """How many records there are (now, or as known at a moment)."""
        return self.find().as_known_at(as_known_at).count()

    def history(self, *key: Any) -> pa.Table:
        """Every version ever recorded for this key, oldest first, with ``recorded_at``,
        ``superseded_at`` and ``source``."""
        conditions = key_conditions(self.entity, key)
        where = " AND ".join(f'"{c}" IS NOT DISTINCT FROM ?' for c in conditions)
        return self.store.sql(
            f"SELECT * FROM {self.entity.name} WHERE {where} ORDER BY recorded_at",
            list(conditions.values()),
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

    def upsert(
        self,
        records: R | Iterable[R] | pa.Table,
        *,
        recorded_at: Moment | None = None,
        source: str | None = "api",
    ) -> WriteCounts:
        """Add records, or correct them where the key exists (the old version is kept).

        ``records`` is one record, an iterable of records, or an Arrow table of this entity's
        columns. Unchanged records write nothing. All-or-nothing. An Arrow table is validated
        as an imported file is (:func:`ipledger.io.write_table`): any bad row raises
        :class:`~ipledger.errors.RejectedRowsError` listing them all, and nothing is written.
        """
        moment = None if recorded_at is None else as_utc_moment(recorded_at)
        if isinstance(records, pa.Table):
            # validated like an imported file: RejectedRowsError, nothing written, if a row is bad
            return write_table(
                self.store, self.entity.name, records, recorded_at=moment, source=source
            )
        if isinstance(records, self.entity.record_type):
            table = self.to_arrow([records])
        else:
            table = self.to_arrow(records)  # type: ignore[arg-type]
        return self.store.write(self.entity, table, recorded_at=moment, source=source)

    def add(self, record: R, *, recorded_at: Moment | None = None) -> None:
        """Add a new record; :class:`~ipledger.errors.ValidationError` if its key exists."""
        key = tuple(getattr(record, k) for k in self.entity.key)
        with self.store.transaction():
            if self.find(**key_conditions(self.entity, key)).exists():
                raise ValidationError(
                    value=key[0] if len(key) == 1 else key,
                    reason=f"this {self.entity.label} is already in the ledger: use upsert()",
                )
            self.upsert(record, recorded_at=recorded_at)
