"""The region table the engine ranks and rolls up in, for callers that show regions (reports)."""

from __future__ import annotations

import pyarrow as pa

from ipledger.ledger import Ledger, Moment
from ipledger.ledger._high_value import moment_sql
from ipledger.stats._compute import engine_cursor
from ipledger.stats._regions import prepare_regions
from ipledger.store import Store

__all__ = ["REGION_COLUMNS", "region_table"]

REGION_COLUMNS = (
    "code",
    "name",
    "level",
    "parent_code",
    "province",
    "rankable",
    "valid_from",
    "valid_to",
)
"""The columns of `region_table`, in order."""


def region_table(source: Ledger | Store, *, as_known_at: Moment | None = None) -> pa.Table:
    """Every region as the indicator engine knows it at a moment (default: now), by code.

    The built-in GB/T 2260 table plus the ledger's own ``regions`` rows, with the columns
    `REGION_COLUMNS`: ``level`` (``province`` / ``city`` / ``county``, inferred from the
    code where no row gives it), ``parent_code`` (inferred the same way), ``province`` (the
    code of the province the region lies in: itself for a province), ``rankable`` (HK, Macao
    and Taiwan are not ranked) and the years ``valid_from`` / ``valid_to`` it is in use. The
    same tree the figures roll up and are ranked in, so a report names the regions as the
    engine counted them.

    Examples:
        >>> import pyarrow.compute as pc
        >>> with Ledger.open() as ledger:
        ...     regions = region_table(ledger)
        >>> row = regions.filter(pc.field("code") == "440703").to_pylist()[0]
        >>> row["name"], row["level"], row["parent_code"], row["province"]
        ('蓬江区', 'county', '440700', '440000')
    """
    with engine_cursor(source) as cur:
        prepare_regions(cur, moment_sql(as_known_at))
        columns = ", ".join(REGION_COLUMNS)
        query = f"SELECT {columns} FROM _ipl_regions ORDER BY code"
        table: pa.Table = cur.sql(query).to_arrow_table()
        return table
