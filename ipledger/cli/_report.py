"""``ipledger report``: the statistics report of a region and period."""

from __future__ import annotations

from pathlib import Path

import click

from ipledger.cli._app import CliContext, cli, pass_cli
from ipledger.report import FORMATS, render


@cli.command("report")
@click.option("--region", required=True, help="6-digit region code, e.g. 440700 (江门市).")
@click.option("--period", required=True, help="2023, 2023Q2, 2023-07 or 2024-01..2024-07.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="md", show_default=True)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write here (html/xlsx default to report-REGION-PERIOD.EXT; md/json to stdout).",
)
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True)
@click.option("--as-known-at", default=None, help="Report the ledger as it was known then.")
@pass_cli
def report_command(
    ctx: CliContext,
    region: str,
    period: str,
    fmt: str,
    out: Path | None,
    lang: str,
    as_known_at: str | None,
) -> None:
    """Make the statistics report: indicators, YoY, ranks, narrative and charts."""
    if out is None and fmt in ("html", "xlsx"):
        out = Path(f"report-{region}-{period.replace('..', '_')}.{fmt}")
    with ctx.open_ledger(read_only=True) as ledger:
        text = render(ledger, region, period, fmt=fmt, lang=lang, as_known_at=as_known_at, out=out)
    if out is None:
        click.echo(text)
    else:
        click.echo(f"report written: {out}")
