"""Render the annual IP statistics report of one or more regions into a folder.

The script an agency schedules once a year (or once a month for a running "1—N月" report):
it opens the ledger read-only (it can run while nobody writes, next to other readers), builds
each region's report once, renders its charts once, and writes every format:

    reports/report-440700-2023/
        report.md  report.html  report.pdf  report.xlsx  report.json
        charts/trends.png  charts/trends.svg  charts/peers-pledge_amount.png  ...

The PDF (A4, the Chinese font embedded) needs the pdf extra (``pip install 'ipledger[pdf]'``);
without it the other formats are still written. ``--settings`` reads the bureau's settings
file (decimals, 万/亿 thresholds, published sections, the pledge threshold: docs/report.md).

Usage:
    python examples/annual_report.py --db ipledger.duckdb --region 440700 --period 2023
    python examples/annual_report.py --db ipledger.duckdb --region 440700 --region 441900 \\
        --out /srv/reports --as-known-at 2024-01-31 --settings bureau.toml

    # the demo's PDF report of 江门 2023 (reports/report-440700-2023/report.pdf)
    ipledger --db demo.duckdb demo
    python examples/annual_report.py --db demo.duckdb --region 440700 --period 2023

    # crontab: every 15 January at 06:00, the year just ended
    0 6 15 1 *  /opt/ipledger/bin/python annual_report.py --db /data/ipledger.duckdb \\
        --region 440700 --out /srv/reports

Exit status: 0 when every region's report was written, 1 otherwise (the others still are).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

from ipledger import IpledgerError, Ledger
from ipledger.report import (
    DEFAULT_REPORT_SETTINGS,
    ReportSettings,
    build_report,
    load_settings,
    render_charts,
    render_markdown,
    render_report,
)
from ipledger.stats import DEFAULT_SETTINGS, StatsSettings


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """The command line of the script."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="the ledger file (opened read-only)")
    parser.add_argument(
        "--region", action="append", required=True, help="region code; repeat for several"
    )
    parser.add_argument(
        "--period",
        default=str(dt.date.today().year - 1),
        help="2023, 2024Q1, 2024-01..2024-07 (default: last year)",
    )
    parser.add_argument("--out", default="reports", help="folder to write into")
    parser.add_argument("--lang", choices=("zh", "en"), default="zh")
    parser.add_argument("--as-known-at", default=None, help="report the ledger as known then")
    parser.add_argument("--settings", default=None, help="the bureau's settings file (TOML)")
    return parser.parse_args(argv)


def write_region(
    ledger: Ledger,
    region: str,
    args: argparse.Namespace,
    settings: tuple[StatsSettings, ReportSettings] = (DEFAULT_SETTINGS, DEFAULT_REPORT_SETTINGS),
) -> Path:
    """Build, render and write one region's report; the folder it went to."""
    report = build_report(
        ledger,
        region,
        args.period,
        lang=args.lang,
        as_known_at=args.as_known_at,
        settings=settings[0],
        report_settings=settings[1],
    )
    folder = Path(args.out) / report.file_stem()
    (folder / "charts").mkdir(parents=True, exist_ok=True)
    charts = render_charts(report)  # once, for the files, the HTML page and the workbook
    links = {}
    for chart in charts:
        (folder / "charts" / f"{chart.key}.png").write_bytes(chart.png or b"")
        (folder / "charts" / f"{chart.key}.svg").write_text(chart.svg or "", encoding="utf-8")
        links[chart.title] = f"charts/{chart.key}.png"
    (folder / "report.md").write_text(render_markdown(report, chart_links=links), "utf-8")
    for fmt in ("html", "xlsx", "json", "pdf"):
        try:
            payload = render_report(report, fmt, charts=charts)
        except ImportError as error:  # the pdf extra is not installed
            print(f"{region}: no {fmt} ({error})", file=sys.stderr)
            continue
        (folder / f"report.{fmt}").write_bytes(payload)
    return folder


def main(argv: list[str] | None = None) -> int:
    """Write the reports; 0 when all were written."""
    args = parse_args(argv)
    failed = 0
    settings = (DEFAULT_SETTINGS, DEFAULT_REPORT_SETTINGS)
    if args.settings is not None:
        try:
            settings = load_settings(args.settings)
        except (IpledgerError, OSError) as error:
            print(f"settings: {error}", file=sys.stderr)
            return 2
    with Ledger.open(args.db, read_only=True) as ledger:
        for region in args.region:
            started = time.perf_counter()
            try:
                folder = write_region(ledger, region, args, settings)
            except IpledgerError as error:  # an unknown region, a bad period ...
                print(f"{region}: {error}", file=sys.stderr)
                failed += 1
                continue
            print(f"{region}: {folder} ({time.perf_counter() - started:.1f} s)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
