"""``ipledger cases overdue|due`` and ``ipledger pledges watch``: the tracker's daily lists
(docs/tracking.md). Overdue cases exit 1, like ``check``'s findings; the due and watch lists
are what is coming and exit 0."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from decimal import Decimal
from typing import Any

import click
import pyarrow as pa

from ipledger.cli._app import EXIT_DATA, CliContext, fail, pass_cli
from ipledger.codes import parse_date
from ipledger.errors import ValidationError
from ipledger.ledger import as_utc_moment
from ipledger.ledger._moments import today

__all__ = ["cases_group", "pledges_group"]


def _day(_ctx: click.Context, _param: click.Parameter, value: str | None) -> dt.date:
    if value is None:
        return today()
    try:
        return parse_date(value)
    except ValidationError as error:
        raise click.BadParameter(f"{value!r}: {error.reason}") from None


_ON = click.option(
    "--on",
    "on",
    default=None,
    callback=_day,
    metavar="DATE",
    help="The day the list is for (default: today in Beijing).",
)
_KNOWN = click.option(
    "--as-known-at", default=None, help="Read the ledger as it was known then (ISO date or time)."
)
_FORMAT = click.option(
    "--format",
    "fmt",
    type=click.Choice(["md", "csv", "json"]),
    default="md",
    show_default=True,
    help="A Markdown table for people, CSV for spreadsheets, JSON for scripts.",
)


def _cell(value: Any) -> Any:
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
    if isinstance(value, dt.date | Decimal):
        return str(value)
    return value


def _json_value(value: Any) -> Any:
    if isinstance(value, dt.date | Decimal):
        return str(value)
    return value


def render(table: pa.Table, fmt: str, title: str | None = None) -> str:
    """A result table as Markdown (with ``title`` as its heading), CSV or JSON."""
    rows = table.to_pylist()
    if fmt == "json":
        return json.dumps(
            [{k: _json_value(v) for k, v in r.items()} for r in rows], ensure_ascii=False, indent=2
        )
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(table.column_names)
        writer.writerows([_cell(v) for v in r.values()] for r in rows)
        return out.getvalue().rstrip("\n")
    lines = [f"## {title}", ""] if title else []
    if not rows:
        return "\n".join([*lines, "(none)"])
    lines.append("| " + " | ".join(table.column_names) + " |")
    lines.append("|" + "---|" * len(table.column_names))
    for r in rows:
        cells = ["" if v is None else str(_cell(v)).replace("|", "\\|") for v in r.values()]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _moment(value: str | None) -> dt.datetime | None:
    return None if value is None else as_utc_moment(value)


@click.group("cases")
def cases_group() -> None:
    """Enforcement cases against their statutory time limits (docs/tracking.md)."""


@cases_group.command("overdue")
@_ON
@_KNOWN
@_FORMAT
@pass_cli
def cases_overdue(ctx: CliContext, on: dt.date, as_known_at: str | None, fmt: str) -> None:
    """The cases whose time limit had passed unmet on --on, most overdue first, with the
    deadline, days over and extensions used. Exit code 1 when there is any, 0 when none."""
    moment = _moment(as_known_at)
    with ctx.open_ledger(read_only=True) as ledger:
        table = ledger.cases.overdue(on=on, as_known_at=moment)
    click.echo(render(table, fmt, f"Overdue cases on {on.isoformat()}"))
    if table.num_rows:
        click.echo(f"{table.num_rows} overdue case(s)", err=True)
        raise SystemExit(EXIT_DATA)


@cases_group.command("due")
@click.option(
    "--within", default=14, show_default=True, type=click.IntRange(min=0), help="Days ahead."
)
@_ON
@_KNOWN
@_FORMAT
@pass_cli
def cases_due(ctx: CliContext, within: int, on: dt.date, as_known_at: str | None, fmt: str) -> None:
    """The cases whose time limit ends within --within days of --on, soonest first, with the
    deadline, days left and extensions used."""
    moment = _moment(as_known_at)
    with ctx.open_ledger(read_only=True) as ledger:
        table = ledger.cases.due_within(within, on=on, as_known_at=moment)
    click.echo(render(table, fmt, f"Cases due within {within} days of {on.isoformat()}"))


@click.group("pledges")
def pledges_group() -> None:
    """Pledge registrations: terms ending, collateral at risk, outstanding amounts."""


_TITLES = {
    "ending": "Terms ending",
    "at_risk": "Pledged rights ending before the pledge",
    "by_pledgee": "Outstanding by pledgee",
    "by_pledgor": "Outstanding by pledgor",
}


@pledges_group.command("watch")
@click.option(
    "--within", default=90, show_default=True, type=click.IntRange(min=0), help="Days ahead."
)
@click.option(
    "--show",
    type=click.Choice(list(_TITLES)),
    multiple=True,
    help="Only these lists (repeatable; default all). CSV of several lists prints each with "
    "its header row, separated by a blank line.",
)
@_ON
@_KNOWN
@_FORMAT
@pass_cli
def pledges_watch(
    ctx: CliContext,
    within: int,
    show: tuple[str, ...],
    on: dt.date,
    as_known_at: str | None,
    fmt: str,
) -> None:
    """The pledge watch on --on: terms ending within --within days, pledged rights that stop
    being in force before their pledge ends (lapse or statutory end), and the outstanding
    amounts by pledgee bank and by pledgor."""
    moment = _moment(as_known_at)
    with ctx.open_ledger(read_only=True) as ledger:
        watch = ledger.pledges.watch(on=on, within=within, as_known_at=moment)
    chosen = {k: v for k, v in watch.sections().items() if not show or k in show}
    if fmt == "json":
        payload = {k: json.loads(render(v, "json")) for k, v in chosen.items()}
        click.echo(
            json.dumps(
                {"on": on.isoformat(), "within": within, **payload}, ensure_ascii=False, indent=2
            )
        )
        return
    if not chosen:  # pragma: no cover - click's Choice leaves at least one
        fail("nothing to show")
    separator = "\n\n"
    click.echo(separator.join(render(v, fmt, _TITLES[k]) for k, v in chosen.items()))
