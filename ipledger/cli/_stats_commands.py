"""``ipledger indicators`` (the catalog) and ``ipledger check`` (data problems)."""

from __future__ import annotations

import json

import attrs
import click

from ipledger.cli._app import EXIT_DATA, CliContext, fail, pass_cli
from ipledger.cli._options import settings_option
from ipledger.errors import IpledgerError
from ipledger.ledger import as_utc_moment
from ipledger.stats import CATALOG, CHECKS, StatsSettings, parse_period, run_checks

__all__ = ["check_command", "indicators_command"]

_FORMAT = click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Lines for people, or JSON for scripts.",
)


@click.command("indicators")
@_FORMAT
def indicators_command(fmt: str) -> None:
    """List the indicator catalog: id, unit, kind and the Chinese and English labels.

    The ids are those of docs/indicators.md; sub-ids (patent_grants.invention) break a total down.
    JSON also gives each definition, in Chinese and English.
    """
    if fmt == "json":
        rows = [
            {
                "id": i.id,
                "label_zh": i.label_zh,
                "label_en": i.label_en,
                "unit": i.unit,
                "kind": i.kind,
                "parent": i.parent,
                "definition_zh": i.definition_zh,
                "definition_en": i.definition_en,
            }
            for i in CATALOG.values()
        ]
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    width = max(len(i) for i in CATALOG)
    for i in CATALOG.values():
        click.echo(f"{i.id:<{width}}  {i.unit:<7}  {i.kind:<5}  {i.label_zh}  {i.label_en}")


def _check_help() -> str:
    names = ", ".join(CHECKS)
    return (
        "List data problems to fix before publishing, one line per problem: check, record, "
        f"what is wrong. Exit code 1 when there is any, 0 when none.\n\nChecks: {names}, "
        "target_unreadable, breakdown_exceeds_total (on the indicators of --period)."
    )


@click.command("check", help=_check_help())
@click.option(
    "--period",
    default=None,
    help="Period whose indicators are checked for breakdowns (default: the latest year with data).",
)
@click.option("--as-known-at", default=None, help="Check the ledger as it was known then.")
@settings_option
@_FORMAT
@pass_cli
def check_command(
    ctx: CliContext, period: str | None, as_known_at: str | None, settings: StatsSettings, fmt: str
) -> None:
    """List data problems; exit 1 when there are any."""
    try:
        chosen = None if period is None else parse_period(period)
        moment = None if as_known_at is None else as_utc_moment(as_known_at)
    except IpledgerError as error:
        fail(str(error))
    with ctx.open_ledger(read_only=True) as ledger:
        findings = run_checks(ledger, period=chosen, as_known_at=moment, settings=settings)
    if fmt == "json":
        click.echo(json.dumps([attrs.asdict(f) for f in findings], ensure_ascii=False, indent=2))
    else:
        for finding in findings:
            click.echo(str(finding))
    if findings:
        click.echo(f"{len(findings)} problem(s) found", err=True)
        raise SystemExit(EXIT_DATA)
    if fmt == "text":
        click.echo("no problems found", err=True)
