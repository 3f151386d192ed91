"""The store layer: DuckDB schema from ``schemas/sql``, migrations, history-keeping writes.

Tables are named after the entities (``patents``); each has a ``<entity>_current`` view and
an ``<entity>_at(t)`` table macro ("as known at" ``t``).
"""

from __future__ import annotations

from ipledger.store._errors import database_error, translated
from ipledger.store._history import WriteCounts, write_versions
from ipledger.store._migrations import library_schema_version, migrations
from ipledger.store._store import Store, utc_now
from ipledger.store._views import HISTORY_COLUMNS, views_sql

__all__ = [
    "HISTORY_COLUMNS",
    "Store",
    "WriteCounts",
    "database_error",
    "library_schema_version",
    "migrations",
    "translated",
    "utc_now",
    "views_sql",
    "write_versions",
]
