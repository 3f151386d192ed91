"""The engine: every indicator, for every region and period at once, as one tidy Arrow table.

One call reads one snapshot of the ledger (`ipledger.store.Store.snapshot`: every
figure of a table from the same state, whatever is written meanwhile) and runs one query per
indicator family over all regions and periods (the wanted periods and the ones a year
earlier), rolls the rows up the region tree, and assembles the table with
`assemble_sql`. Every read goes through ``<entity>_at(t)``:
a report as known at a moment gives what it gave then, whatever was corrected later.
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Iterable, Iterator, Sequence

import duckdb
import pyarrow as pa

from ipledger._sql import quote
from ipledger.errors import NotFoundError, ValidationError
from ipledger.ledger import Ledger, Moment
from ipledger.ledger._high_value import moment_sql
from ipledger.stats._catalog import CATALOG, Indicator, indicator
from ipledger.stats._derived import assemble_sql
from ipledger.stats._family import Family, SqlContext
from ipledger.stats._periods import Period, parse_period
from ipledger.stats._regions import prepare_holdings, prepare_regions
from ipledger.stats._settings import DEFAULT_SETTINGS, StatsSettings
from ipledger.store import Store

__all__ = [
    "compute_indicators",
    "compute_values",
    "engine_cursor",
    "families_for",
    "prepare_tables",
    "sql_context",
    "store_of",
]


def store_of(source: Ledger | Store) -> Store:
    """The store behind a ledger (or the store itself)."""
    return source.store if isinstance(source, Ledger) else source


def families_for(chosen: Iterable[Indicator]) -> list[Family]:
    """The families that compute the chosen indicators (and the bases of per-10k ones)."""
    ids = set()
    for item in chosen:
        ids.add(item.id)
        if item.per_10k_of is not None:
            ids.add(item.per_10k_of)
    seen: dict[str, Family] = {}
    for item_id in CATALOG:
        if item_id in ids:
            family = CATALOG[item_id].family
            seen.setdefault(family.name, family)
    return list(seen.values())


def compute_indicators(
    source: Ledger | Store,
    periods: Iterable[str | Period],
    *,
    regions: Sequence[str] | None = None,
    indicators: Sequence[str] | None = None,
    as_known_at: Moment | None = None,
    settings: StatsSettings = DEFAULT_SETTINGS,
) -> pa.Table:
    """Compute indicators for every region (or only ``regions``) and the ``periods``.

    Returns one row per region x period x indicator with the columns
    `COLUMNS`: the value, the previous period's value, YoY %, ranks among
    the same-level regions of the province and of the nation (with how many were ranked), and
    the target with its completion %. Rows come ordered by period, region code and catalog
    order. Every figure is read as known at ``as_known_at`` (default: now).

    "All regions" are those in use at the end of each period's year (a retired code named in
    ``regions`` still gets its rows). Raises `ValidationError` for a bad
    period, `UnknownIndicatorError` for an unknown indicator id and
    `NotFoundError` for a region code the ledger does not know.

    Examples:
        >>> with Ledger.open() as ledger:
        ...     t = compute_indicators(ledger, ["2023"], regions=["440700"],
        ...                            indicators=["pledge_count"])
        >>> t.select(["region_name", "indicator", "value", "peers_parent"]).to_pylist()
        [{'region_name': '江门市', 'indicator': 'pledge_count', 'value': 0.0, 'peers_parent': 21}]
    """
    wanted = sorted({parse_period(p) for p in periods})
    if not wanted:
        raise ValidationError(column="periods", reason="at least one period is needed")
    chosen = _chosen(indicators)
    requested = None if regions is None else _region_codes(regions)
    with engine_cursor(source) as cur:
        _compute_values(cur, wanted, chosen, requested, as_known_at, settings)
        return _assemble(cur, chosen, requested)


def compute_values(
    source: Ledger | Store,
    periods: Iterable[str | Period],
    *,
    indicators: Sequence[str] | None = None,
    as_known_at: Moment | None = None,
    settings: StatsSettings = DEFAULT_SETTINGS,
) -> pa.Table:
    """The rolled-up values only: ``(indicator, period, region_code, value)`` for the regions
    with any row below them (a region without one is absent: read it as 0), without the grid
    of all regions, previous, ranks, targets or per-10k figures. For checks that only compare
    figures (``breakdown_findings``): much cheaper than the full table."""
    wanted = sorted({parse_period(p) for p in periods})
    if not wanted:
        raise ValidationError(column="periods", reason="at least one period is needed")
    chosen = _chosen(indicators)
    with engine_cursor(source) as cur:
        _compute_values(cur, wanted, chosen, None, as_known_at, settings)
        labels = [str(p) for p in wanted]
        ids = [i.id for i in chosen]
        result: pa.Table = cur.sql(
            "SELECT indicator, period, region_code, value FROM _ipl_values "
            "WHERE list_contains(?, period) AND list_contains(?, indicator) ORDER BY ALL",
            params=[labels, ids],
        ).to_arrow_table()
        return result


def _temporaries(cur: duckdb.DuckDBPyConnection) -> set[str]:
    rows = cur.execute("SELECT table_name FROM duckdb_tables() WHERE temporary").fetchall()
    return {str(r[0]) for r in rows}


@contextlib.contextmanager
def engine_cursor(source: Ledger | Store) -> Iterator[duckdb.DuckDBPyConnection]:
    """The cursor of one engine run: the thread's snapshot of the ledger (one state for every
    statement, see `ipledger.store.Store.snapshot`), with the temporary tables the run
    makes dropped after it (inside a write transaction the snapshot is the thread's own cursor,
    which outlives the run)."""
    with store_of(source).snapshot() as cur:
        before = _temporaries(cur)
        try:
            yield cur
        finally:
            for name in sorted(_temporaries(cur) - before):
                cur.execute(f"DROP TABLE IF EXISTS {quote(name)}")


def _compute_values(
    cur: duckdb.DuckDBPyConnection,
    wanted: list[Period],
    chosen: Sequence[Indicator],
    requested: list[str] | None,
    as_known_at: Moment | None,
    settings: StatsSettings,
) -> None:
    """Prepare the temporary tables and fill ``_ipl_values`` with every family's rows."""
    ctx = sql_context(as_known_at, settings)
    if requested:
        _check_regions(cur, requested, ctx.moment)
    prepare_tables(cur, wanted, ctx.moment)
    cur.execute(
        "CREATE OR REPLACE TEMP TABLE _ipl_values "
        "(indicator VARCHAR, period VARCHAR, region_code VARCHAR, value DOUBLE)"
    )
    for family in families_for(chosen):
        cur.execute(f"INSERT INTO _ipl_values BY NAME {family.sql(ctx)}")


def sql_context(as_known_at: Moment | None, settings: StatsSettings) -> SqlContext:
    """What the families' SQL depends on for a moment and settings."""
    return SqlContext(
        moment=moment_sql(as_known_at), pledge_threshold=settings.pledge_high_value_threshold
    )


def prepare_tables(cur: duckdb.DuckDBPyConnection, wanted: Sequence[Period], moment: str) -> None:
    """Create on ``cur`` the temporary tables every family reads (periods with the ones a
    year earlier, regions, holdings, population, targets) as known at ``moment``."""
    _prepare_periods(cur, wanted)
    prepare_regions(cur, moment)
    prepare_holdings(cur, moment)
    _prepare_inputs(cur, moment)


def _chosen(indicators: Sequence[str] | None) -> list[Indicator]:
    if indicators is None:
        return list(CATALOG.values())
    if isinstance(indicators, str):
        indicators = [indicators]
    ids = {indicator(i if isinstance(i, str) else repr(i)).id for i in indicators}
    return [item for item in CATALOG.values() if item.id in ids]


def _region_codes(regions: Sequence[str]) -> list[str]:
    if isinstance(regions, str):
        regions = [regions]
    return sorted({str(code).strip() for code in regions})


def _check_regions(cur: duckdb.DuckDBPyConnection, codes: list[str], moment: str) -> None:
    known = {
        row[0]
        for row in cur.execute(
            f"SELECT code FROM all_regions_at({moment}) WHERE list_contains(?, code)", [codes]
        ).fetchall()
    }
    for code in codes:
        if code not in known:
            raise NotFoundError("region", code)


def _prepare_periods(cur: duckdb.DuckDBPyConnection, wanted: Sequence[Period]) -> None:
    every = sorted(set(wanted) | {p.previous() for p in wanted})
    table = pa.table(
        {
            "label": [str(p) for p in every],
            "start_date": [p.start for p in every],
            "end_date": [p.end for p in every],
            "year": pa.array([p.year for p in every], pa.int32()),
            "first_month": pa.array([p.first_month for p in every], pa.int32()),
            "last_month": pa.array([p.last_month for p in every], pa.int32()),
            "previous": [str(p.previous()) for p in every],
            "wanted": [p in wanted for p in every],
            "ord": pa.array(range(len(every)), pa.int32()),
        }
    )
    _create_from_arrow(cur, "_ipl_p", table)


def _prepare_inputs(cur: duckdb.DuckDBPyConnection, moment: str) -> None:
    """Population by region and year, and targets with their periods in canonical form."""
    cur.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE _ipl_population AS
        SELECT region_code, year, max(population) AS population
        FROM population_at({moment}) GROUP BY ALL
        """
    )
    rows = cur.execute(
        f"SELECT region_code, indicator, period, CAST(target AS DOUBLE), recorded_at "
        f"FROM targets_at({moment}) ORDER BY recorded_at"
    ).fetchall()
    latest: dict[tuple[str, str, str], float] = {}
    for region_code, indicator_id, period, target, _ in rows:
        try:
            label = str(parse_period(period))
        except ValidationError:
            continue  # reported by `ipledger check` (target_period_unreadable)
        latest[(region_code, indicator_id, label)] = target
    table = pa.table(
        {
            "region_code": pa.array([k[0] for k in latest], pa.string()),
            "indicator": pa.array([k[1] for k in latest], pa.string()),
            "period": pa.array([k[2] for k in latest], pa.string()),
            "target": pa.array(list(latest.values()), pa.float64()),
        }
    )
    _create_from_arrow(cur, "_ipl_targets", table)


def _create_from_arrow(cur: duckdb.DuckDBPyConnection, name: str, table: pa.Table) -> None:
    view = f"_ipl_arrow_{uuid.uuid4().hex}"
    cur.register(view, table)
    try:
        cur.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT * FROM {view}")
    finally:
        cur.unregister(view)


def _assemble(
    cur: duckdb.DuckDBPyConnection, chosen: Sequence[Indicator], requested: list[str] | None
) -> pa.Table:
    catalog = pa.table(
        {
            "indicator": [i.id for i in chosen],
            "label_zh": [i.label_zh for i in chosen],
            "label_en": [i.label_en for i in chosen],
            "unit": [i.unit for i in chosen],
            "ord": pa.array(range(len(chosen)), pa.int32()),
            "base": pa.array([i.per_10k_of for i in chosen], pa.string()),
            "absent_is_zero": [i.family.absent_is_zero for i in chosen],
            "ranked": [i.unit_record.ranked for i in chosen],
            "yoy": [i.unit_record.yoy for i in chosen],
        }
    )
    _create_from_arrow(cur, "_ipl_catalog", catalog)
    query = assemble_sql("_ipl_catalog", regions_filter=requested is not None)
    result: pa.Table = cur.sql(query, params=[requested or []]).to_arrow_table()
    return result
