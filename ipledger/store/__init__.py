"""The store layer: DuckDB schema from ``schemas/sql``, migrations, history-keeping writes,
the writer lock and snapshots of a shared ledger, backups.

Tables are named after the entities (``patents``); each has a ``<entity>_current`` view and
an ``<entity>_at(t)`` table macro ("as known at" ``t``). Every write is logged in
``write_log`` in its own transaction.
"""

from __future__ import annotations

from ipledger.store._backup import backup, restore
from ipledger.store._errors import database_error, translated
from ipledger.store._history import (
    WriteCounts,
    check_current_versions,
    log_write,
    utc_now,
    write_versions,
)
from ipledger.store._migrations import library_schema_version, migrations
from ipledger.store._retry import DEFAULT_RETRY, RetryPolicy
from ipledger.store._sandbox import READING_STATEMENTS
from ipledger.store._store import Store
from ipledger.store._views import HISTORY_COLUMNS, views_sql

__all__ = [
    "DEFAULT_RETRY",
    "HISTORY_COLUMNS",
    "READING_STATEMENTS",
    "RetryPolicy",
    "Store",
    "WriteCounts",
    "backup",
    "check_current_versions",
    "database_error",
    "library_schema_version",
    "log_write",
    "migrations",
    "restore",
    "translated",
    "utc_now",
    "views_sql",
    "write_versions",
]
