"""Reading event logs from the store: a subject's merged events (explicit and implied, each
once) as known at a moment."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import attrs
import pyarrow as pa

from ipledger._sql import quote
from ipledger.model import make_converter
from ipledger.model.tracking import EventLog
from ipledger.store import Store

__all__ = ["LoggedEvent", "merged_events", "subject_events"]

_CONVERTER = make_converter(detailed_validation=False)


@attrs.frozen
class LoggedEvent:
    """One event of a subject as the ledger knows it: the typed event record, whether it is
    ``implied`` by a dated column (not recorded as an event), a ``detail`` (a transfer's
    assignee), when it was recorded and where it came from."""

    event: Any
    implied: bool
    detail: str | None
    recorded_at: dt.datetime
    source: str | None


def merged_events(
    store: Store,
    log: EventLog,
    moment: str,
    where: str = "",
    params: Sequence[Any] = (),
) -> pa.Table:
    """The merged events of ``log`` as known at ``moment`` (a SQL timestamp literal), in date
    order (a day's events in their kinds' order); ``where`` filters them (``?`` bound to
    ``params``)."""
    key = ", ".join(quote(k) for k in log.subject_key)
    condition = f" WHERE {where}" if where else ""
    return store.sql(
        f"SELECT * FROM ({log.merged_sql(moment)}){condition}"
        f" ORDER BY {key}, occurred_on, rank, recorded_at",
        list(params),
    )


def subject_events(
    store: Store, log: EventLog, key: Sequence[Any], moment: str
) -> list[LoggedEvent]:
    """The merged events of one subject (its key values, canonical), typed, in order."""
    where = " AND ".join(f"{quote(k)} = ?" for k in log.subject_key)
    rows = merged_events(store, log, moment, where, key).to_pylist()
    record_type = log.events.record_type
    columns = log.events.columns
    return [
        LoggedEvent(
            event=_CONVERTER.structure({c: row[c] for c in columns}, record_type),
            implied=bool(row["implied"]),
            detail=row["detail"],
            recorded_at=row["recorded_at"],
            source=row["source"],
        )
        for row in rows
    ]
