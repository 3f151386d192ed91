"""A bank-facing pledge report: one pledgee's outstanding pledges on a day, the terms ending
soon, and the pledged rights that stop being in force before their pledge ends, as CSV files.

    python examples/bank_pledge_report.py --db bureau.duckdb --bank 工商银行 \
        --on 2024-01-01 --out out/
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

import pyarrow.compute as pc
import pyarrow.csv as pcsv

from ipledger import Ledger


def bank_report(ledger: Ledger, bank: str, on: dt.date, within: int, out: Path) -> dict[str, int]:
    """Write ``ending.csv`` and ``at_risk.csv`` for the pledgee ``bank`` (its name or id) and
    return the rows of each, with ``outstanding`` the bank's outstanding amount in yuan."""
    watch = ledger.pledges.watch(on=on, within=within)
    out.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}
    for name in ("ending", "at_risk"):
        table = watch.sections()[name]
        mine = table.filter(pc.equal(table["pledgee_name"], bank))
        pcsv.write_csv(mine, out / f"{name}.csv")
        counts[name] = mine.num_rows
    totals = watch.by_pledgee.filter(pc.equal(watch.by_pledgee["pledgee_name"], bank))
    counts["outstanding"] = int(totals["outstanding_amount"][0].as_py()) if totals.num_rows else 0
    return counts


def main(argv: list[str] | None = None) -> int:
    """Write the bank's report and print a summary line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--bank", required=True)
    parser.add_argument("--on", type=dt.date.fromisoformat, default=dt.date.today())
    parser.add_argument("--within", type=int, default=90)
    parser.add_argument("--out", type=Path, default=Path("."))
    args = parser.parse_args(argv)
    with Ledger.open(args.db, read_only=True) as ledger:
        counts = bank_report(ledger, args.bank, args.on, args.within, args.out)
    print(
        f"{args.bank} {args.on}: outstanding {counts['outstanding']} yuan, "
        f"{counts['ending']} term(s) ending, {counts['at_risk']} right(s) at risk"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
