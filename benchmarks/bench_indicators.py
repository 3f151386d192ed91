"""Benchmark: the indicator engine against plain hand-written DuckDB SQL, same figures.

Generates (seeded, columnar: DuckDB ``INSERT ... SELECT`` over ``range()``, no Python loop per
row) a ledger of N patents and N trademarks spread over every county and city in use, with
assignments (rights moving between regions), licences, pledges, parties, insurance, cases, GI
and population, then, on the same ledger and in the same run, times

  (a) a plain hand-written DuckDB query computing the patent and trademark figures (value and
      previous year, rolled up to every region, rights following assignments), and
  (b) ``compute_indicators(ledger, [year])``: ALL indicators for ALL regions, with previous,
      YoY, ranks and targets; and (b') the engine restricted to the patent and trademark
      indicators, the same figures as (a),

checks that (a) and (b) agree figure by figure, and prints the times and ratios.

    python benchmarks/bench_indicators.py                 # 10,000,000 + 10,000,000 rows
    python benchmarks/bench_indicators.py --rows 200000   # a quick run
    python benchmarks/bench_indicators.py --keep /tmp/b.duckdb   # keep the ledger file
    python benchmarks/bench_indicators.py --threads 1   # single-threaded (less sensitive to load)

Not part of the test suite.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import duckdb
import pyarrow as pa

from ipledger import Ledger
from ipledger.stats import CATALOG, compute_indicators

SEED = 20231231
RECORDED = "TIMESTAMP '2025-01-01 00:00:00'"


def _r(i: str, salt: int, modulo: int) -> str:
    """SQL: a seeded pseudo-random integer in [0, modulo) for row ``i``."""
    return f"CAST(hash({i}, {SEED + salt}) % {modulo} AS BIGINT)"


def _d(start: str, offset: str) -> str:
    return f"(DATE '{start}' + CAST({offset} AS INTEGER))"


def generate(con: duckdb.DuckDBPyConnection, rows: int) -> None:
    """Fill the ledger's tables with ``rows`` patents, ``rows`` trademarks and the rest."""
    con.execute(
        """
        CREATE OR REPLACE TEMP TABLE pool AS
        SELECT row_number() OVER (ORDER BY code) - 1 AS idx, code
        FROM builtin_regions
        WHERE level IN ('county', 'city') AND valid_to IS NULL
          AND code NOT LIKE '71%' AND code NOT LIKE '81%' AND code NOT LIKE '82%'
        """
    )
    (npool,) = con.execute("SELECT count(*) FROM pool").fetchall()[0]
    weights = "[2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5]"
    con.execute(
        f"""
        INSERT INTO patents BY NAME
        WITH g AS (
            SELECT i, {_d("2000-01-01", _r("i", 1, 9131))} AS filing_date,
                   CASE WHEN {_r("i", 2, 100)} < 40 THEN 1
                        WHEN {_r("i", 2, 100)} < 85 THEN 2 ELSE 3 END AS k,
                   {_r("i", 3, 100)} < 55 AS granted, {_r("i", 4, 100)} < 30 AS lapsed,
                   {_r("i", 5, npool)} AS region_idx
            FROM range({rows}) t(i)
        ), n AS (
            SELECT *, printf('%04d%d%07d', year(filing_date), k, i) AS body FROM g
        )
        SELECT body || CASE list_sum(list_transform(range(12),
                            lambda j: CAST(body[j + 1] AS INTEGER) * {weights}[j + 1])) % 11
                       WHEN 10 THEN 'X'
                       ELSE CAST(list_sum(list_transform(range(12),
                            lambda j: CAST(body[j + 1] AS INTEGER) * {weights}[j + 1])) % 11
                            AS VARCHAR) END AS application_no,
               ['invention', 'utility_model', 'design'][k] AS kind,
               'H' || CAST({_r("i", 6, 500000)} AS VARCHAR) AS holder_id,
               pool.code AS region_code, filing_date,
               CASE WHEN granted THEN filing_date + CAST(180 + {_r("i", 7, 1300)} AS INTEGER)
                    END AS grant_date,
               CASE WHEN granted AND lapsed
                    THEN filing_date + CAST(600 + {_r("i", 8, 6000)} AS INTEGER) END
                   AS lapse_date,
               {_r("i", 9, 100)} < 15 AS strategic_emerging,
               {_r("i", 10, 100)} < 3 AS overseas_family_granted,
               CASE WHEN {_r("i", 11, 1000)} < 3 THEN 'silver' ELSE 'none' END AS award,
               {RECORDED} AS recorded_at, 'bench' AS source
        FROM n JOIN pool ON pool.idx = n.region_idx
        """
    )
    con.execute(
        f"""
        INSERT INTO trademarks BY NAME
        WITH g AS (
            SELECT i, {_d("2000-01-01", _r("i", 21, 9131))} AS application_date,
                   {_r("i", 22, 1000)} AS kind_roll, {_r("i", 23, 100)} < 85 AS registered,
                   {_r("i", 24, 100)} < 25 AS lapsed, {_r("i", 25, npool)} AS region_idx
            FROM range({rows}) t(i)
        )
        SELECT CAST(10000000 + i AS VARCHAR) AS registration_no,
               CASE WHEN kind_roll < 5 THEN 'collective' WHEN kind_roll < 10
                    THEN 'certification' ELSE 'ordinary' END AS kind,
               kind_roll < 8 AS geographical_indication,
               'T' || CAST({_r("i", 26, 800000)} AS VARCHAR) AS holder_id,
               pool.code AS region_code, application_date,
               CASE WHEN registered
                    THEN application_date + CAST(200 + {_r("i", 27, 400)} AS INTEGER)
                    END AS registration_date,
               CASE WHEN registered AND lapsed
                    THEN application_date + CAST(900 + {_r("i", 28, 5000)} AS INTEGER)
                    END AS lapse_date,
               CASE WHEN registered AND {_r("i", 29, 2000)} = 0
                    THEN application_date + CAST(1000 + {_r("i", 30, 3000)} AS INTEGER)
                    END AS well_known_date,
               {RECORDED} AS recorded_at, 'bench' AS source
        FROM g JOIN pool ON pool.idx = g.region_idx
        """
    )
    # assignments (2% of patents and trademarks, some twice), licences (1% of patents)
    con.execute(
        f"""
        INSERT INTO transfers BY NAME
        SELECT application_no AS right_no, 'patent' AS right_type,
               CASE WHEN {_r("hash(application_no)", 31, 3)} = 0 THEN 'licence'
                    ELSE 'assignment' END AS kind,
               filing_date + CAST(100 + {_r("hash(application_no)", 32, 4000)} AS INTEGER)
                   AS date,
               'A' || CAST({_r("hash(application_no)", 33, 100000)} AS VARCHAR) AS to_id,
               pool.code AS to_region_code, {RECORDED} AS recorded_at, 'bench' AS source
        FROM patents p
        JOIN pool ON pool.idx = {_r("hash(p.application_no)", 34, npool)}
        WHERE {_r("hash(application_no)", 35, 100)} < 3
        UNION ALL
        SELECT application_no, 'patent', 'assignment',
               filing_date + CAST(4200 + {_r("hash(application_no)", 36, 1000)} AS INTEGER),
               'B', pool.code, {RECORDED}, 'bench'
        FROM patents p
        JOIN pool ON pool.idx = {_r("hash(p.application_no)", 37, npool)}
        WHERE {_r("hash(application_no)", 35, 100)} = 0
        UNION ALL
        SELECT registration_no, 'trademark', 'assignment',
               application_date + CAST(300 + {_r("hash(registration_no)", 38, 4000)} AS INTEGER),
               'C', pool.code, {RECORDED}, 'bench'
        FROM trademarks t
        JOIN pool ON pool.idx = {_r("hash(t.registration_no)", 39, npool)}
        WHERE {_r("hash(registration_no)", 40, 100)} < 2
        """
    )
    # pledges of ~2% of granted invention patents; pledgors are their holders
    con.execute(
        f"""
        INSERT INTO pledges BY NAME
        SELECT 'Y' || application_no AS pledge_id,
               grant_date + CAST({_r("hash(application_no)", 41, 1500)} AS INTEGER)
                   AS registered_date,
               holder_id AS pledgor_id, 'BANK' AS pledgee_id, region_code,
               CAST(100000 + {_r("hash(application_no)", 42, 30000000)} AS DECIMAL(18, 2))
                   AS amount,
               grant_date + CAST({_r("hash(application_no)", 41, 1500)} AS INTEGER)
                   AS term_start,
               grant_date + CAST({_r("hash(application_no)", 41, 1500)} + 365 AS INTEGER)
                   AS term_end,
               [application_no] AS rights, {RECORDED} AS recorded_at, 'bench' AS source
        FROM patents
        WHERE kind = 'invention' AND grant_date IS NOT NULL
          AND {_r("hash(application_no)", 43, 100)} < 2
        """
    )
    con.execute(
        f"""
        INSERT INTO parties BY NAME
        SELECT DISTINCT pledgor_id AS party_id, '企业' || pledgor_id AS name,
               'enterprise' AS kind,
               ['micro', 'small', 'medium', 'large'][1 + {_r("hash(pledgor_id)", 44, 4)}]
                   AS size,
               {RECORDED} AS recorded_at, 'bench' AS source
        FROM pledges
        """
    )
    small = max(rows // 200, 10)
    con.execute(
        f"""
        INSERT INTO insurance BY NAME
        SELECT 'P' || CAST(i AS VARCHAR) AS policy_no,
               'I' || CAST({_r("i", 51, 20000)} AS VARCHAR) AS insured_id, pool.code AS region_code,
               {_d("2018-01-01", _r("i", 52, 2500))} AS start_date,
               CAST(10000 * (1 + {_r("i", 53, 500)}) AS DECIMAL(18, 2)) AS coverage,
               {RECORDED} AS recorded_at, 'bench' AS source
        FROM range({small}) t(i) JOIN pool ON pool.idx = {_r("i", 54, npool)};

        INSERT INTO cases BY NAME
        SELECT 'C' || CAST(i AS VARCHAR) AS case_no,
               CASE WHEN {_r("i", 61, 10)} = 0 THEN ['trademark_infringement', 'gi_infringement']
                    WHEN {_r("i", 61, 10)} < 6 THEN ['trademark_infringement']
                    ELSE ['patent_dispute'] END AS types,
               pool.code AS region_code,
               {_d("2018-01-01", _r("i", 62, 2500))} AS opened_date,
               {_d("2018-01-01", _r("i", 62, 2500))} + CAST(5 + {_r("i", 63, 200)} AS INTEGER)
                   AS closed_date,
               CASE WHEN {_r("i", 64, 20)} = 0 THEN 'transferred_to_police'
                    ELSE 'penalty' END AS outcome,
               CAST({_r("i", 65, 100000)} AS DECIMAL(18, 2)) AS fine,
               {RECORDED} AS recorded_at, 'bench' AS source
        FROM range({small}) t(i) JOIN pool ON pool.idx = {_r("i", 66, npool)};

        INSERT INTO gi_products BY NAME
        SELECT 'G' || CAST(i AS VARCHAR) AS gi_id, '产品' || CAST(i AS VARCHAR) AS name,
               pool.code AS region_code, {_d("2005-01-01", _r("i", 71, 6000))} AS protected_date,
               {RECORDED} AS recorded_at, 'bench' AS source
        FROM range(3000) t(i) JOIN pool ON pool.idx = {_r("i", 72, npool)};

        INSERT INTO gi_users BY NAME
        SELECT 'G' || CAST({_r("i", 73, 3000)} AS VARCHAR) AS gi_ref,
               'U' || CAST(i AS VARCHAR) AS user_id, pool.code AS region_code,
               {_d("2010-01-01", _r("i", 74, 5000))} AS approved_date,
               {RECORDED} AS recorded_at, 'bench' AS source
        FROM range(30000) t(i) JOIN pool ON pool.idx = {_r("i", 75, npool)};

        INSERT INTO population BY NAME
        SELECT code AS region_code, y AS year,
               100000 + {_r("hash(code)", 81, 5000000)} + 1000 * (y - 2020) AS population,
               {RECORDED} AS recorded_at, 'bench' AS source
        FROM builtin_regions, range(2018, 2025) t(y) WHERE valid_to IS NULL;
        """
    )
    con.execute("CHECKPOINT")


def plain_query(year: int) -> str:
    """The hand-written query: patent and trademark figures for ``year`` and the year before,
    rolled up to every region, a right counted for its holder's region on the date (an ASOF
    join on the assignments for events, the last assignment by year end for stocks), each
    table scanned once per figure group with conditional aggregates.
    Rows: (indicator, year, region_code, value)."""
    years = f"({year}), ({year - 1})"
    hv = (
        "p.strategic_emerging OR p.overseas_family_granted"
        " OR p.filing_date + INTERVAL 10 YEAR < y.y_end OR hp.first_date <= y.y_end"
        " OR p.award IN ('excellence', 'silver', 'gold')"
    )
    return f"""
    WITH RECURSIVE regions AS (SELECT * FROM all_regions_at(TIMESTAMP 'infinity')),
    up(code, ancestor, depth) AS (
        SELECT code, code, 0 FROM regions
        UNION ALL
        SELECT up.code, r.parent_code, depth + 1 FROM up JOIN regions r ON r.code = up.ancestor
        WHERE r.parent_code IS NOT NULL AND depth < 6
    ),
    closure AS (SELECT DISTINCT code, ancestor FROM up),
    years AS (SELECT y, make_date(y, 12, 31) AS y_end FROM (VALUES {years}) v(y)),
    moves AS (
        SELECT right_type, right_no, date, to_region_code FROM transfers_current
        WHERE kind = 'assignment' AND to_region_code IS NOT NULL
    ),
    pm AS (SELECT right_no, date, to_region_code FROM moves WHERE right_type = 'patent'),
    tm AS (SELECT right_no, date, to_region_code FROM moves WHERE right_type = 'trademark'),
    pm_end AS (SELECT right_no, y, arg_max(to_region_code, date) AS region
               FROM pm JOIN years ON date <= y_end GROUP BY ALL),
    tm_end AS (SELECT right_no, y, arg_max(to_region_code, date) AS region
               FROM tm JOIN years ON date <= y_end GROUP BY ALL),
    high_pledge AS (
        SELECT no, min(registered_date) AS first_date
        FROM (SELECT unnest(rights) AS no, registered_date FROM pledges_current
              WHERE amount >= 10000000)
        GROUP BY no
    ),
    pat_flow AS (
        SELECT 'patent_applications' AS ind, p.kind, year(p.filing_date) AS y,
               coalesce(m.to_region_code, p.region_code) AS region_code, count(*) AS n
        FROM patents_current p
        ASOF LEFT JOIN pm m ON m.right_no = p.application_no AND m.date <= p.filing_date
        WHERE year(p.filing_date) IN {years.replace("), (", ", ")} GROUP BY ALL
        UNION ALL
        SELECT 'patent_grants', p.kind, year(p.grant_date),
               coalesce(m.to_region_code, p.region_code), count(*)
        FROM patents_current p
        ASOF LEFT JOIN pm m ON m.right_no = p.application_no AND m.date <= p.grant_date
        WHERE year(p.grant_date) IN {years.replace("), (", ", ")} GROUP BY ALL
    ),
    pat_stock AS (
        SELECT y.y, coalesce(e.region, p.region_code) AS region_code, count(*) AS valid,
               count(*) FILTER (WHERE {hv}) AS high_value
        FROM patents_current p
        JOIN years y ON p.grant_date <= y.y_end
                    AND (p.lapse_date IS NULL OR p.lapse_date > y.y_end)
        LEFT JOIN high_pledge hp ON hp.no = p.application_no
        LEFT JOIN pm_end e ON e.right_no = p.application_no AND e.y = y.y
        WHERE p.kind = 'invention'
        GROUP BY ALL
    ),
    tm_flow AS (
        SELECT year(t.registration_date) AS y,
               coalesce(m.to_region_code, t.region_code) AS region_code, count(*) AS n
        FROM trademarks_current t
        ASOF LEFT JOIN tm m ON m.right_no = t.registration_no AND m.date <= t.registration_date
        WHERE year(t.registration_date) IN {years.replace("), (", ", ")} GROUP BY ALL
    ),
    tm_stock AS (
        SELECT y.y, coalesce(e.region, t.region_code) AS region_code, count(*) AS valid,
               count(*) FILTER (WHERE t.well_known_date <= y.y_end) AS well_known,
               count(*) FILTER (WHERE t.geographical_indication
                                  AND t.kind = 'certification') AS certification,
               count(*) FILTER (WHERE t.geographical_indication
                                  AND t.kind = 'collective') AS collective
        FROM trademarks_current t
        JOIN years y ON t.registration_date <= y.y_end
                    AND (t.lapse_date IS NULL OR t.lapse_date > y.y_end)
        LEFT JOIN tm_end e ON e.right_no = t.registration_no AND e.y = y.y
        GROUP BY ALL
    ),
    leaf AS (
        SELECT ind, y, region_code, n FROM pat_flow
        UNION ALL SELECT ind || '.' || kind, y, region_code, n FROM pat_flow
        UNION ALL SELECT unnest(['valid_invention_patents', 'high_value_invention_patents']),
                         y, region_code, unnest([valid, high_value]) FROM pat_stock
        UNION ALL SELECT 'trademark_registrations', y, region_code, n FROM tm_flow
        UNION ALL SELECT unnest(['valid_trademarks', 'well_known_trademarks', 'gi_trademarks',
                                 'gi_trademarks.certification', 'gi_trademarks.collective']),
                         y, region_code,
                         unnest([valid, well_known, certification + collective, certification,
                                 collective])
                  FROM tm_stock
    )
    SELECT l.ind AS indicator, l.y AS year, c.ancestor AS region_code, sum(l.n) AS value
    FROM leaf l JOIN closure c ON c.code = l.region_code
    GROUP BY ALL
    """


SAME_FIGURES = [
    i.id
    for i in CATALOG.values()
    if (
        i.family.name in ("patent_applications", "patent_grants", "patent_stock")
        and i.per_10k_of is None
    )
    or i.family.name in ("trademark_registrations", "trademark_stock")
]


def _timed(runs: int, fns: list[Callable[[], pa.Table]]) -> list[tuple[float, pa.Table]]:
    """Median time and last result of each function, the runs interleaved (a, b, c, a, b, c,
    ...) so that load from other processes hits every contender alike."""
    times: list[list[float]] = [[] for _ in fns]
    results: list[pa.Table | None] = [None for _ in fns]
    for _ in range(runs):
        for k, fn in enumerate(fns):
            start = time.perf_counter()
            results[k] = fn()
            times[k].append(time.perf_counter() - start)
    return [(statistics.median(t), r) for t, r in zip(times, results, strict=True) if r is not None]


def _compare(plain: pa.Table, engine: pa.Table, year: int) -> int:
    """Figures that differ between the plain query and the engine (value and previous)."""
    got: dict[tuple[str, int, str], float] = {}
    for row in engine.to_pylist():
        got[(row["indicator"], year, row["region_code"])] = row["value"]
        got[(row["indicator"], year - 1, row["region_code"])] = row["previous"]
    wrong = 0
    for row in plain.to_pylist():
        key = (row["indicator"], row["year"], row["region_code"])
        if key in got and got[key] != row["value"]:
            wrong += 1
            if wrong <= 5:
                print(f"  differs: {key}: plain {row['value']}, engine {got[key]}")
    nonzero = {k for k, v in got.items() if v}
    missing = nonzero - {(r["indicator"], r["year"], r["region_code"]) for r in plain.to_pylist()}
    for key in sorted(missing)[:5]:
        print(f"  engine only: {key}: {got[key]}")
    return wrong + len(missing)


def main() -> int:
    """Generate, time, compare, print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000_000, help="patents (and trademarks)")
    parser.add_argument("--year", type=int, default=2023)
    parser.add_argument("--runs", type=int, default=3, help="timed runs of each (median)")
    parser.add_argument("--keep", type=Path, help="ledger file to create and keep")
    parser.add_argument("--threads", type=int, help="DuckDB threads (default: all cores)")
    args = parser.parse_args()
    folder = tempfile.TemporaryDirectory(prefix="ipledger-bench-")
    path = args.keep or Path(folder.name) / "bench.duckdb"
    if path.exists():
        print(f"using the existing ledger {path}")
    with Ledger.open(path) as ledger:
        con = ledger.store.cursor()
        if args.threads:
            con.execute(f"SET threads = {int(args.threads)}")
        (count,) = con.execute("SELECT count(*) FROM patents").fetchall()[0]
        if count == 0:
            start = time.perf_counter()
            generate(con, args.rows)
            print(f"generated in {time.perf_counter() - start:.1f} s")
        for entity in ("patents", "trademarks", "transfers", "pledges", "cases", "insurance"):
            (n,) = con.execute(f"SELECT count(*) FROM {entity}").fetchall()[0]
            print(f"  {entity:<11} {n:>12,}")

        def plain() -> pa.Table:
            table: pa.Table = con.sql(plain_query(args.year)).to_arrow_table()
            return table

        def engine_all() -> pa.Table:
            return compute_indicators(ledger, [str(args.year)])

        def engine_same() -> pa.Table:
            return compute_indicators(ledger, [str(args.year)], indicators=SAME_FIGURES)

        engine_all()  # warm-up: first Arrow scan of the process, OS file cache
        (t_plain, plain_table), (t_same, same_table), (t_all, all_table) = _timed(
            args.runs, [plain, engine_same, engine_all]
        )
        wrong = _compare(plain_table, same_table, args.year)
    threads = f"{args.threads} DuckDB thread(s)" if args.threads else "all cores"
    print(
        f"\n{args.rows:,} patents + {args.rows:,} trademarks, year {args.year}, {threads}, "
        f"median of {args.runs} interleaved runs:"
    )
    print(f"  (a)  plain hand-written SQL, patent+trademark figures: {t_plain:7.2f} s")
    print(
        f"  (b') engine, the same {len(SAME_FIGURES)} indicators:            {t_same:7.2f} s"
        f"   ratio {t_same / t_plain:.2f}x"
    )
    print(
        f"  (b)  engine, ALL {len(CATALOG)} indicators, all regions:     {t_all:7.2f} s"
        f"   ratio {t_all / t_plain:.2f}x   ({all_table.num_rows:,} rows)"
    )
    print(f"  figures compared: {plain_table.num_rows:,}; differing: {wrong}")
    folder.cleanup()
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())
