"""The derived figures of every indicator: previous, YoY, ranks and peers, target, completion.

`assemble_sql` turns the rolled-up values (``_ipl_values``) into the tidy table, in one
query over the grid of regions x wanted periods x chosen indicators:

- **value**: the rolled-up value; 0 where a region has no row (counts and sums), NULL for a
  median of nothing (``case_median_days_to_close`` without any closed case: the family's
  `absent_is_zero`); per-10k figures divide the base
  indicator by the region's own year-end population of the period's year (NULL when that
  population is unknown or 0).
- **previous**: the same figure for the same span one year earlier; **yoy_pct**:
  ``(value - previous) / previous * 100``, NULL when previous is 0 or NULL, or when the unit
  has no YoY (`ipledger.model.Unit.yoy`).
- **rank_national** / **peers_national**: rank (1 = highest, ties share the best rank, as SQL
  ``rank()``) among the *ranked* regions of the same level: every region of that level in use
  at the end of the period's year in the ledger's region table (the national GB/T 2260 table
  plus its own regions), whether or not it has data (no data is 0), leaving out HK, Macao and
  Taiwan and regions whose value is NULL. **peers** is how many were ranked. Both are NULL
  for a unit regions are not ranked on (`ipledger.model.Unit.ranked`; every unit of
  docs/indicators.md v1 is).
- **rank_parent** / **peers_parent**: the same among the ranked regions of the same level in
  the same province; NULL for provinces (their parent is the nation: see rank_national).
- **target** / **completion_pct**: the ``targets`` row (as known at the moment) for the region,
  indicator and period (periods compared in canonical form), and ``value / target * 100``
  (NULL for a zero target).
"""

from __future__ import annotations

from ipledger.stats._regions import region_in_use_sql

__all__ = ["COLUMNS", "assemble_sql"]

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


def _value_sql(values: str, base: str, population: str) -> str:
    return (
        f"CASE WHEN g.base IS NOT NULL"
        f" THEN coalesce({base}.value, 0) / nullif({population}.population, 0) * 10000"
        f" WHEN g.absent_is_zero THEN coalesce({values}.value, 0) ELSE {values}.value END"
    )


def assemble_sql(catalog: str, regions_filter: bool) -> str:
    """The query building the tidy table from ``_ipl_values`` and the other temporary tables.

    ``catalog`` names the table of chosen indicators (indicator, label_zh, label_en, unit, ord,
    base, absent_is_zero, ranked, yoy). Parameter ``$1``: the requested region codes (a list,
    possibly empty), kept even when not in use in the period's year; with ``regions_filter``
    only they are returned. Ranks are computed over a narrow projection with integer keys
    (windows over wide rows keyed on strings were the slowest part), peers with a GROUP BY.
    """
    in_use = region_in_use_sql("r", "p.year")
    requested = "list_contains(CAST($1 AS VARCHAR[]), {})"
    keep = f"WHERE {requested.format('v.region_code')}" if regions_filter else ""
    return f"""
        WITH grid AS (
            SELECT r.code AS region_code, r.level AS region_level, r.province,
                   r.rankable AND ({in_use}) AS rankable, p.label AS period,
                   p.previous AS previous_period, p.year, p.ord AS p_ord,
                   k.ord, k.indicator, k.base, k.absent_is_zero, k.ranked
            FROM _ipl_regions r
            JOIN _ipl_p p ON p.wanted AND (({in_use}) OR {requested.format("r.code")})
            CROSS JOIN {catalog} k
        ), valued AS (
            SELECT g.region_code, g.region_level, g.province, g.rankable, g.period, g.p_ord,
                   g.ord, g.indicator, g.ranked,
                   {_value_sql("v", "vb", "pop")} AS value,
                   {_value_sql("pv", "pvb", "ppop")} AS previous
            FROM grid g
            LEFT JOIN _ipl_values v ON v.indicator = g.indicator AND v.period = g.period
                                   AND v.region_code = g.region_code
            LEFT JOIN _ipl_values vb ON vb.indicator = g.base AND vb.period = g.period
                                    AND vb.region_code = g.region_code
            LEFT JOIN _ipl_population pop ON pop.region_code = g.region_code
                                         AND pop.year = g.year
            LEFT JOIN _ipl_values pv ON pv.indicator = g.indicator
                                    AND pv.period = g.previous_period
                                    AND pv.region_code = g.region_code
            LEFT JOIN _ipl_values pvb ON pvb.indicator = g.base
                                     AND pvb.period = g.previous_period
                                     AND pvb.region_code = g.region_code
            LEFT JOIN _ipl_population ppop ON ppop.region_code = g.region_code
                                          AND ppop.year = g.year - 1
        ), levels AS (
            SELECT *, CASE region_level WHEN 'province' THEN 0 WHEN 'city' THEN 1 ELSE 2 END
                          AS level_no,
                   ranked AND rankable AND value IS NOT NULL AS in_nation,
                   ranked AND rankable AND value IS NOT NULL AND region_level <> 'province'
                       AND province IS NOT NULL AS in_parent
            FROM valued
        ), rank_parent AS (
            SELECT region_code, p_ord, ord, rank() OVER (
                       PARTITION BY p_ord, ord, level_no, province ORDER BY value DESC) AS rank
            FROM levels WHERE in_parent
        ), rank_national AS (
            SELECT region_code, p_ord, ord, rank() OVER (
                       PARTITION BY p_ord, ord, level_no ORDER BY value DESC) AS rank
            FROM levels WHERE in_nation
        ), peers_parent AS (
            SELECT p_ord, ord, level_no, province, count(*) FILTER (WHERE in_parent) AS peers
            FROM levels WHERE rankable AND level_no > 0 AND province IS NOT NULL GROUP BY ALL
        ), peers_national AS (
            SELECT p_ord, ord, level_no, count(*) FILTER (WHERE in_nation) AS peers
            FROM levels WHERE rankable GROUP BY ALL
        )
        SELECT v.region_code, r.name AS region_name, v.region_level, v.period, v.indicator,
               k.label_zh, k.label_en, k.unit,
               CAST(v.value AS DOUBLE) AS value,
               CAST(v.previous AS DOUBLE) AS previous,
               CAST(CASE WHEN k.yoy AND v.previous <> 0
                         THEN (v.value - v.previous) / v.previous * 100 END
                    AS DOUBLE) AS yoy_pct,
               CAST(rp.rank AS INTEGER) AS rank_parent,
               CAST(CASE WHEN v.rankable AND v.ranked THEN pp.peers END AS INTEGER)
                   AS peers_parent,
               CAST(rn.rank AS INTEGER) AS rank_national,
               CAST(CASE WHEN v.rankable AND v.ranked THEN pn.peers END AS INTEGER)
                   AS peers_national,
               CAST(tg.target AS DOUBLE) AS target,
               CAST(CASE WHEN tg.target <> 0 THEN v.value / tg.target * 100 END AS DOUBLE)
                   AS completion_pct
        FROM levels v
        JOIN _ipl_regions r ON r.code = v.region_code
        JOIN {catalog} k ON k.ord = v.ord
        LEFT JOIN rank_parent rp ON rp.region_code = v.region_code AND rp.p_ord = v.p_ord
                                AND rp.ord = v.ord
        LEFT JOIN rank_national rn ON rn.region_code = v.region_code AND rn.p_ord = v.p_ord
                                  AND rn.ord = v.ord
        LEFT JOIN peers_parent pp ON pp.p_ord = v.p_ord AND pp.ord = v.ord
                                 AND pp.level_no = v.level_no AND pp.province = v.province
        LEFT JOIN peers_national pn ON pn.p_ord = v.p_ord AND pn.ord = v.ord
                                   AND pn.level_no = v.level_no
        LEFT JOIN _ipl_targets tg ON tg.region_code = v.region_code
             AND tg.indicator = v.indicator AND tg.period = v.period
        {keep}
        ORDER BY v.p_ord, v.region_code, v.ord
    """
