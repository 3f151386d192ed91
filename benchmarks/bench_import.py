"""Benchmark: `ipledger import` of a large Parquet dataset against plain DuckDB reading it.

Generates (seeded, columnar: numpy + pyarrow, no Python loop per row) N patent rows and N
trademark rows as Parquet in a temporary folder, then times

  (a) plain DuckDB: ``CREATE TABLE AS SELECT * FROM read_parquet(...)`` of the same files, and
  (b) ``ipledger import`` of the folder into a fresh ledger, run as a subprocess so that its
      peak memory is the RSS high-water mark of that child alone,

and prints rows/s, the ratio (b)/(a) and the peak memory of the import.

    python benchmarks/bench_import.py               # 5,000,000 + 5,000,000 rows
    python benchmarks/bench_import.py --rows 200000 # a quick run

Not part of the test suite.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

CHUNK = 1_000_000
WEIGHTS = np.array([2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5], dtype=np.int64)
REGIONS = np.array(["440700", "440703", "440704", "440705", "440781", "440783", "440784", "440785"])


def _dates(rng: np.random.Generator, n: int, start: str, days: int) -> np.ndarray:
    return np.datetime64(start, "D") + rng.integers(0, days, n).astype("timedelta64[D]")


def _patent_numbers(rng: np.random.Generator, serials: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    n = len(serials)
    years = rng.integers(2000, 2025, n)
    kinds = rng.choice(np.array([1, 2, 3]), n, p=[0.4, 0.45, 0.15])
    body = years * 10**8 + kinds * 10**7 + serials
    digits = (body[:, None] // (10 ** np.arange(11, -1, -1, dtype=np.int64))) % 10
    check = (digits * WEIGHTS).sum(axis=1) % 11
    check_text = np.where(check == 10, "X", check.astype(str))
    numbers = np.char.add(body.astype(str), check_text)
    kind_names = np.array(["", "invention", "utility_model", "design"])[kinds]
    return numbers, kind_names


def _patents(rng: np.random.Generator, serials: np.ndarray) -> pa.Table:
    n = len(serials)
    numbers, kinds = _patent_numbers(rng, serials)
    filing = _dates(rng, n, "2000-01-01", 9000)
    granted = rng.random(n) < 0.6
    grant = filing + rng.integers(100, 1500, n).astype("timedelta64[D]")
    lapsed = granted & (rng.random(n) < 0.2)
    lapse = grant + rng.integers(300, 4000, n).astype("timedelta64[D]")
    holder = rng.integers(0, 200_000, n)
    return pa.table(
        {
            "application_no": pa.array(numbers),
            "kind": pa.array(kinds),
            "title": pa.array(np.char.add("一种装置", holder.astype(str))),
            "holder_id": pa.array(np.char.add("H", holder.astype(str))),
            "holder_name": pa.array(np.char.add("企业", holder.astype(str))),
            "region_code": pa.array(REGIONS[rng.integers(0, len(REGIONS), n)]),
            "filing_date": pa.array(filing),
            "grant_date": pa.array(grant, mask=~granted),
            "lapse_date": pa.array(lapse, mask=~lapsed),
            "ipc": pa.array(np.array(["H01M", "G06F", "A61K", "B65D"])[rng.integers(0, 4, n)]),
            "strategic_emerging": pa.array(rng.random(n) < 0.3),
            "overseas_family_granted": pa.array(rng.random(n) < 0.05),
            "award": pa.array(
                np.array(["none"] * 97 + ["excellence", "silver", "gold"])[rng.integers(0, 100, n)]
            ),
        }
    )


def _trademarks(rng: np.random.Generator, serials: np.ndarray) -> pa.Table:
    n = len(serials)
    application = _dates(rng, n, "2000-01-01", 9000)
    registered = rng.random(n) < 0.8
    registration = application + rng.integers(200, 700, n).astype("timedelta64[D]")
    first = rng.integers(1, 46, n).astype(np.int16)
    second = rng.integers(1, 46, n).astype(np.int16)
    two = rng.random(n) < 0.3
    offsets = np.concatenate([[0], np.cumsum(np.where(two, 2, 1))]).astype(np.int32)
    values = np.empty(offsets[-1], dtype=np.int16)
    values[offsets[:-1]] = first
    values[offsets[:-1][two] + 1] = second[two]
    holder = rng.integers(0, 200_000, n)
    return pa.table(
        {
            "registration_no": pa.array((10_000_000 + serials).astype(str)),
            "mark": pa.array(np.char.add("商标", holder.astype(str))),
            "nice_classes": pa.ListArray.from_arrays(pa.array(offsets), pa.array(values)),
            "kind": pa.array(
                np.array(["ordinary"] * 98 + ["collective", "certification"])[
                    rng.integers(0, 100, n)
                ]
            ),
            "geographical_indication": pa.array(rng.random(n) < 0.01),
            "holder_id": pa.array(np.char.add("H", holder.astype(str))),
            "region_code": pa.array(REGIONS[rng.integers(0, len(REGIONS), n)]),
            "application_date": pa.array(application),
            "registration_date": pa.array(registration, mask=~registered),
        }
    )


def generate(folder: Path, rows: int, seed: int) -> None:
    """Write patents.parquet and trademarks.parquet of ``rows`` rows each, chunk by chunk."""
    rng = np.random.default_rng(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for name, make, space in (
        ("patents", _patents, 10_000_000),
        ("trademarks", _trademarks, 80_000_000),
    ):
        serials = rng.choice(space, size=rows, replace=False)
        writer: pq.ParquetWriter | None = None
        for start in range(0, rows, CHUNK):
            table = make(rng, serials[start : start + CHUNK])
            if writer is None:
                writer = pq.ParquetWriter(
                    folder / f"{name}.parquet", table.schema, compression="zstd"
                )
            writer.write_table(table, row_group_size=256_000)
        assert writer is not None
        writer.close()


def plain_duckdb(folder: Path, db: Path, memory_limit: str) -> float:
    """Seconds for plain DuckDB to load both files into a fresh database file."""
    con = duckdb.connect(str(db))
    con.execute(f"SET memory_limit = '{memory_limit}'")
    started = time.perf_counter()
    for name in ("patents", "trademarks"):
        con.execute(f"CREATE TABLE {name} AS SELECT * FROM read_parquet('{folder / name}.parquet')")
    con.execute("CHECKPOINT")
    elapsed = time.perf_counter() - started
    con.close()
    return elapsed


def ipledger_import(folder: Path, db: Path, memory_limit: str) -> tuple[float, int]:
    """Seconds for `ipledger import` into a fresh ledger, and the child's peak RSS in bytes."""
    # the installed console script, as a user runs it (the venv's bin/ beside this Python)
    command = [
        str(Path(sys.executable).parent / "ipledger"),
        "--db",
        str(db),
        "import",
        str(folder),
        "--memory-limit",
        memory_limit,
    ]
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"import failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    print(done.stdout)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    return elapsed, peak


def main() -> None:
    """Generate, time both loads, print the comparison."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=5_000_000, help="rows per entity")
    parser.add_argument("--seed", type=int, default=20231231)
    parser.add_argument("--memory-limit", default="3GB", help="DuckDB memory limit for both runs")
    parser.add_argument("--tmp", default=None, help="folder for the temporary files")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-import-", dir=args.tmp) as tmp:
        folder = Path(tmp) / "dataset"
        started = time.perf_counter()
        generate(folder, args.rows, args.seed)
        size = sum(p.stat().st_size for p in folder.iterdir())
        print(
            f"generated 2 x {args.rows:,} rows ({size / 2**20:.0f} MiB Parquet) in "
            f"{time.perf_counter() - started:.1f} s"
        )
        total = 2 * args.rows
        plain = plain_duckdb(folder, Path(tmp) / "plain.duckdb", args.memory_limit)
        imported, peak = ipledger_import(folder, Path(tmp) / "ledger.duckdb", args.memory_limit)
        print(f"plain DuckDB CTAS : {plain:7.2f} s  {total / plain:12,.0f} rows/s")
        print(f"ipledger import   : {imported:7.2f} s  {total / imported:12,.0f} rows/s")
        print(f"ratio import/plain: {imported / plain:7.2f}x (goal: within 3x)")
        print(f"import peak RSS   : {peak / 2**30:7.2f} GiB (goal: < 4 GiB)")


if __name__ == "__main__":
    main()
