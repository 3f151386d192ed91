"""A case officer's daily list: the cases past their statutory time limit, and those due
within the next days, as Markdown (run each morning, e.g. from cron).

    python examples/case_officer_daily.py --db bureau.duckdb [--on 2024-05-31] [--within 14]

Exit code 1 when any case is overdue (so that a scheduler can alert), 0 otherwise.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from ipledger import Ledger


def daily_list(ledger: Ledger, on: dt.date, within: int) -> tuple[str, int]:
    """The list as Markdown, and how many cases are overdue."""
    overdue = ledger.cases.overdue(on=on).to_pylist()
    due = ledger.cases.due_within(within, on=on).to_pylist()
    lines = [f"# 办案期限提醒 {on.isoformat()}", "", f"## 已超期 ({len(overdue)})"]
    for row in overdue:
        used = "、".join(row["extensions"]) or "未延期"
        lines.append(
            f"- {row['case_no']}：期限 {row['deadline']}，超期 {row['days_over']} 天（{used}）"
        )
    lines += ["", f"## {within} 天内到期 ({len(due)})"]
    for row in due:
        lines.append(f"- {row['case_no']}：期限 {row['deadline']}，剩余 {row['days_left']} 天")
    return "\n".join(lines), len(overdue)


def main(argv: list[str] | None = None) -> int:
    """Print the daily list; 1 when a case is overdue."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--on", type=dt.date.fromisoformat, default=dt.date.today())
    parser.add_argument("--within", type=int, default=14)
    args = parser.parse_args(argv)
    with Ledger.open(args.db, read_only=True) as ledger:
        text, overdue = daily_list(ledger, args.on, args.within)
    print(text)
    return 1 if overdue else 0


if __name__ == "__main__":
    sys.exit(main())
