"""``ipledger indicators`` and ``ipledger check``."""

from __future__ import annotations

import json

import click

from ipledger.cli._app import EXIT_DATA, CliContext, cli, pass_cli
from ipledger.stats import CATALOG, run_checks


@cli.command("indicators")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="A table for people, or JSON for scripts.",
)
def indicators_command(fmt: str) -> None:
    """List the indicator catalog: id, unit, kind and labels."""
    if fmt == "json":
        rows = [
            {
                "id": i.id,
                "label_zh": i.label_zh,
                "label_en": i.label_en,
                "unit": i.unit,
                "kind": i.kind,
                "definition": i.definition,
            }
            for i in CATALOG.values()
        ]
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    width = max(len(i) for i in CATALOG)
    for i in CATALOG.values():
        click.echo(f"{i.id:<{width}}  {i.unit:<7} {i.kind:<5}  {i.label_zh}  {i.label_en}")


@cli.command("check")
@click.option("--period", default=None, help="Period whose indicators are checked for breakdowns.")
@click.option("--as-known-at", default=None, help="Check the ledger as it was known then.")
@pass_cli
def check_command(ctx: CliContext, period: str | None, as_known_at: str | None) -> None:
    """List data problems to fix before publishing; exit 2 when there are any."""
    with ctx.open_ledger(read_only=True) as ledger:
        findings = run_checks(ledger, period=period, as_known_at=as_known_at)
    for finding in findings:
        click.echo(str(finding))
    if findings:
        click.echo(f"{len(findings)} problem(s) found", err=True)
        raise SystemExit(EXIT_DATA)
    click.echo("no problems found")
