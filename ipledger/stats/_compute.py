"""The engine: every indicator, for every region and period at once, as one tidy Arrow table."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from decimal import Decimal

import attrs
import duckdb
import pyarrow as pa

from ipledger.ledger import Ledger, Moment, as_utc_moment
from ipledger.ledger._high_value import DEFAULT_PLEDGE_THRESHOLD
from ipledger.stats._catalog import CATALOG, Indicator, indicator
from ipledger.stats._families import FAMILIES
from ipledger.stats._periods import Period, parse_period
from ipledger.store import Store

__all__ = ["COLUMNS", "DEFAULT_SETTINGS", "StatsSettings", "compute_indicators", "moment_literal"]

COLUMNS = (
    "region_code",
    "region_name",
    "region_level",
    "period",
    "indicator",
    "label_zh",
    "label_en",
    "unit",
    "value",
    "previous",
    "yoy_pct",
    "rank_parent",
    "peers_parent",
    "rank_national",
    "peers_national",
    "target",
    "completion_pct",
)
"""The columns of the tidy indicator table, in order."""

_PER_10K = {
    "valid_invention_patents_per_10k": "valid_invention_patents",
    "high_value_invention_patents_per_10k": "high_value_invention_patents",
}


@attrs.frozen
class StatsSettings:
    """Settings of the indicator engine.

    ``pledge_high_value_threshold``: the single-pledge amount (yuan) at which a pledged
    invention patent counts as high-value (CNIPA sets no number).
    """

    pledge_high_value_threshold: Decimal = DEFAULT_PLEDGE_THRESHOLD


DEFAULT_SETTINGS = StatsSettings()
"""The settings used when none are given."""


def moment_literal(as_known_at: Moment | None) -> str:
    """The SQL timestamp literal for "as known at" (``infinity``: everything recorded)."""
    if as_known_at is None:
        return "TIMESTAMP 'infinity'"
    return f"TIMESTAMP '{as_utc_moment(as_known_at).isoformat(sep=' ')}'"


def _store(source: Ledger | Store) -> Store:
    return source.store if isinstance(source, Ledger) else source


def compute_indicators(
    source: Ledger | Store,
    periods: Iterable[str | Period],
    *,
    regions: Sequence[str] | None = None,
    indicators: Sequence[str] | None = None,
    as_known_at: Moment | None = None,
    settings: StatsSettings = DEFAULT_SETTINGS,
) -> pa.Table:
    """Compute indicators for every region (or ``regions``) and the ``periods``.

    Returns one row per region x period x indicator with the columns :data:`COLUMNS`:
    value, the previous period's value, YoY %, ranks among the same-level regions of the
    province and of the nation (with how many were ranked), and the target with its
    completion %. Every figure is read as known at ``as_known_at`` (default: now).

    Examples:
        >>> with Ledger.open() as ledger:
        ...     t = compute_indicators(ledger, ["2023"], regions=["440700"],
        ...                            indicators=["pledge_count"])
        >>> t.select(["region_name", "indicator", "value", "peers_parent"]).to_pylist()
        [{'region_name': '江门市', 'indicator': 'pledge_count', 'value': 0.0, 'peers_parent': 21}]
    """
    wanted = [parse_period(p) for p in periods]
    if not wanted:
        raise ValueError("compute_indicators needs at least one period")
    chosen: list[Indicator] = (
        [indicator(i) for i in indicators] if indicators else list(CATALOG.values())
    )
    needed_ids = {i.id for i in chosen} | {_PER_10K[i.id] for i in chosen if i.id in _PER_10K}
    families = {CATALOG[i].family for i in needed_ids} - {"per_10k"}
    all_periods = sorted(set(wanted) | {p.previous() for p in wanted})
    moment = moment_literal(as_known_at)
    cur = _store(source).cursor().cursor()
    try:
        _prepare(cur, all_periods, moment)
        _compute_values(cur, families, moment, settings)
        table = _assemble(cur, chosen, wanted, moment, regions)
    finally:
        cur.close()
    return table


def _prepare(cur: duckdb.DuckDBPyConnection, periods: Sequence[Period], moment: str) -> None:
    cur.execute(
        "CREATE OR REPLACE TEMP TABLE _ipl_p "
        "(label VARCHAR, start_date DATE, end_date DATE, year INTEGER, previous VARCHAR)"
    )
    cur.executemany(
        "INSERT INTO _ipl_p VALUES (?, ?, ?, ?, ?)",
        [(str(p), p.start, p.end, p.year, str(p.previous())) for p in periods],
    )
    cur.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE _ipl_regions AS SELECT * FROM all_regions_at({moment});
        CREATE OR REPLACE TEMP TABLE _ipl_closure AS
        WITH RECURSIVE up(code, ancestor, depth) AS (
            SELECT code, code, 0 FROM _ipl_regions
            UNION ALL
            SELECT up.code, r.parent_code, up.depth + 1
            FROM up JOIN _ipl_regions r ON r.code = up.ancestor
            WHERE r.parent_code IS NOT NULL AND up.depth < 8
        ) SELECT DISTINCT code, ancestor FROM up;
        """
    )
    for table, right_type in (("_ipl_pspans", "patent"), ("_ipl_tspans", "trademark")):
        entity = "patents" if right_type == "patent" else "trademarks"
        key = "application_no" if right_type == "patent" else "registration_no"
        cur.execute(
            f"""
            CREATE OR REPLACE TEMP TABLE {table} AS
            WITH moves AS (
                SELECT right_no AS no, date AS since, to_region_code AS region_code
                FROM transfers_at({moment})
                WHERE kind = 'assignment' AND right_type = '{right_type}'
                  AND to_region_code IS NOT NULL
            ), spans AS (
                SELECT {key} AS no, DATE '0001-01-01' AS since, region_code
                FROM {entity}_at({moment}) WHERE {key} IN (SELECT no FROM moves)
                UNION ALL SELECT * FROM moves
            )
            SELECT no, since, lead(since, 1, DATE '9999-12-31')
                       OVER (PARTITION BY no ORDER BY since) AS until, region_code
            FROM spans
            """
        )


def _compute_values(
    cur: duckdb.DuckDBPyConnection, families: set[str], moment: str, settings: StatsSettings
) -> None:
    cur.execute(
        "CREATE OR REPLACE TEMP TABLE _ipl_values "
        "(indicator VARCHAR, period VARCHAR, region_code VARCHAR, value DOUBLE)"
    )
    for name in sorted(families):
        family = FAMILIES[name]
        query = family.sql(moment, settings.pledge_high_value_threshold)
        if family.mode == "rolled":
            rolled = query
        else:
            measure = {
                "sum": "sum(f.value)",
                "distinct": "count(DISTINCT f.item)",
                "median": "median(f.value)",
            }[family.mode]
            if family.mode == "sum":
                query = (
                    "SELECT indicator, period, region_code, sum(value) AS value "
                    f"FROM ({query}) GROUP BY ALL"
                )
            rolled = (
                f"SELECT f.indicator, f.period, c.ancestor AS region_code, {measure} AS value "
                f"FROM ({query}) f JOIN _ipl_closure c ON c.code = f.region_code GROUP BY ALL"
            )
        cur.execute(f"INSERT INTO _ipl_values BY NAME {rolled}")


def _assemble(
    cur: duckdb.DuckDBPyConnection,
    chosen: Sequence[Indicator],
    wanted: Sequence[Period],
    moment: str,
    regions: Sequence[str] | None,
) -> pa.Table:
    catalog = pa.table(
        {
            "indicator": [i.id for i in chosen],
            "label_zh": [i.label_zh for i in chosen],
            "label_en": [i.label_en for i in chosen],
            "unit": [i.unit for i in chosen],
            "ord": list(range(len(chosen))),
            "base": [_PER_10K.get(i.id) for i in chosen],
        }
    )
    name = f"_ipl_catalog_{uuid.uuid4().hex}"
    cur.register(name, catalog)
    wanted_labels = [str(p) for p in wanted]
    region_filter = "" if regions is None else "AND cur.region_code IN (SELECT unnest(?))"
    params: list[object] = [wanted_labels]
    if regions is not None:
        params.append(list(regions))
    try:
        table: pa.Table = cur.sql(
            f"""
            WITH provinces AS (
                SELECT c.code, c.ancestor AS province FROM _ipl_closure c
                JOIN _ipl_regions r ON r.code = c.ancestor AND r.level = 'province'
            ), grid AS (
                SELECT r.code AS region_code, r.name AS region_name, r.level AS region_level,
                       pv.province, p.label AS period, p.previous AS previous_period,
                       p.year, k.*
                FROM _ipl_regions r
                JOIN _ipl_p p ON (r.valid_from IS NULL OR r.valid_from <= p.year)
                             AND (r.valid_to IS NULL OR r.valid_to > p.year)
                LEFT JOIN provinces pv ON pv.code = r.code
                CROSS JOIN {name} k
                WHERE r.level IN ('province', 'city', 'county')
            ), valued AS (
                SELECT g.*,
                    CASE
                      WHEN g.base IS NOT NULL THEN
                        (SELECT v.value FROM _ipl_values v WHERE v.indicator = g.base
                           AND v.period = g.period AND v.region_code = g.region_code)
                        / nullif((SELECT max(pop.population) FROM population_at({moment}) pop
                           WHERE pop.region_code = g.region_code AND pop.year = g.year), 0)
                        * 10000
                      WHEN g.unit = 'days' THEN v.value
                      ELSE coalesce(v.value, 0)
                    END AS value
                FROM grid g
                LEFT JOIN _ipl_values v ON v.indicator = g.indicator AND v.period = g.period
                                       AND v.region_code = g.region_code
            ), ranked AS (
                SELECT *,
                    CASE WHEN value IS NOT NULL AND region_level <> 'province' THEN
                        rank() OVER (PARTITION BY period, indicator, region_level, province,
                                     value IS NULL ORDER BY value DESC) END AS rank_parent,
                    CASE WHEN region_level <> 'province' THEN
                        count(value) OVER (PARTITION BY period, indicator, region_level,
                                           province) END AS peers_parent,
                    CASE WHEN value IS NOT NULL THEN
                        rank() OVER (PARTITION BY period, indicator, region_level,
                                     value IS NULL ORDER BY value DESC) END AS rank_national,
                    count(value) OVER (PARTITION BY period, indicator, region_level)
                        AS peers_national
                FROM valued
            )
            SELECT cur.region_code, cur.region_name, cur.region_level, cur.period,
                   cur.indicator, cur.label_zh, cur.label_en, cur.unit,
                   cur.value, prev.value AS previous,
                   CASE WHEN prev.value <> 0 AND cur.value IS NOT NULL
                        THEN (cur.value - prev.value) / prev.value * 100 END AS yoy_pct,
                   CAST(cur.rank_parent AS INTEGER) AS rank_parent,
                   CAST(cur.peers_parent AS INTEGER) AS peers_parent,
                   CAST(cur.rank_national AS INTEGER) AS rank_national,
                   CAST(cur.peers_national AS INTEGER) AS peers_national,
                   CAST(tg.target AS DOUBLE) AS target,
                   CASE WHEN tg.target <> 0 AND cur.value IS NOT NULL
                        THEN cur.value / CAST(tg.target AS DOUBLE) * 100 END AS completion_pct
            FROM ranked cur
            LEFT JOIN ranked prev ON prev.region_code = cur.region_code
                 AND prev.indicator = cur.indicator AND prev.period = cur.previous_period
            LEFT JOIN targets_at({moment}) tg ON tg.region_code = cur.region_code
                 AND tg.indicator = cur.indicator AND tg.period = cur.period
            WHERE cur.period IN (SELECT unnest(?))
            {region_filter}
            ORDER BY cur.period, cur.region_code, cur.ord
            """,
            params=params,
        ).to_arrow_table()
    finally:
        cur.unregister(name)
    return table
