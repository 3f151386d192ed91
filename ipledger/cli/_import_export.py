"""``ipledger import`` and ``ipledger export``: the exchange format (docs/exchange.md)."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from types import TracebackType
from typing import Any, cast

import attrs
import click

from ipledger.cli._app import EXIT_DATA, CliContext, fail, pass_cli
from ipledger.io import DEFAULT_LIMITS, ExportFormat, ImportLimits, ImportProgress, ImportResult
from ipledger.ledger import as_utc_moment

__all__ = ["export_command", "import_command"]

_MEMORY = re.compile(r"\d+(\.\d+)?\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)", re.IGNORECASE)


class _ProgressBar:
    """Draws import progress on stderr when it is a terminal; silent otherwise."""

    def __init__(self) -> None:
        self.enabled = sys.stderr.isatty()
        self.bar: Any = None
        self.text = ""

    def __call__(self, event: ImportProgress) -> None:
        if not self.enabled:
            return
        if self.bar is None:
            self.bar = click.progressbar(
                length=max(event.files_total, 1),
                label="importing",
                file=sys.stderr,
                show_pos=True,
                item_show_func=lambda _item: self.text,
            )
            self.bar.__enter__()
        self.text = f"{event.file}: {event.phase}, {event.rows:,} rows"
        self.bar.update(event.files_done - self.bar.pos, current_item=self.text)

    def __enter__(self) -> _ProgressBar:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self.bar is not None:
            self.bar.__exit__(kind, exc, tb)


def _summary(result: ImportResult) -> list[str]:
    header = ("file", "read", "inserted", "updated", "unchanged", "rejected", "warnings", "")
    rows = [
        (
            f.file,
            f.rows_read,
            f.inserted,
            f.updated,
            f.unchanged,
            f.rejected_rows,
            len(f.warnings),
            "" if f.written else "NOT WRITTEN",
        )
        for f in result.files
    ]
    totals = (
        "total",
        sum(f.rows_read for f in result.files),
        result.inserted,
        result.updated,
        result.unchanged,
        sum(f.rejected_rows for f in result.files),
        len(result.all_warnings),
        "",
    )
    table = [header, *rows, totals]
    width = max(len(str(r[0])) for r in table)
    lines = []
    for row in table:
        numbers = "".join(f"{v!s:>11}" for v in row[1:7])
        lines.append(f"{row[0]!s:<{width}}{numbers}  {row[7]}".rstrip())
    return lines


@click.command("import")
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@click.option(
    "--keep-going", is_flag=True, help="Write the valid rows of files with rejected rows too."
)
@click.option(
    "--rejects",
    "rejects_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write every rejected value to this CSV (file,line,column,value,reason).",
)
@click.option(
    "--recorded-at",
    metavar="TIMESTAMP",
    help="Record the rows as written at this moment (ISO date or timestamp), to back-fill.",
)
@click.option(
    "--memory-limit",
    default="3GB",
    show_default=True,
    help="DuckDB memory limit while importing (it spills to disk beyond).",
)
@click.option(
    "--limit",
    "limit_settings",
    multiple=True,
    metavar="NAME=VALUE",
    help="Change a bound of what is read, e.g. --limit max_rows=100000000 or --limit "
    "max_row_bytes=256MiB (names: " + ", ".join(f.name for f in attrs.fields(ImportLimits)) + ").",
)
@pass_cli
def import_command(
    ctx: CliContext,
    path: Path,
    keep_going: bool,
    rejects_path: Path | None,
    recorded_at: str | None,
    memory_limit: str,
    limit_settings: tuple[str, ...],
) -> None:
    """Import a dataset: a folder or .zip of CSV/Parquet files named after the entities.

    Each file is all-or-nothing: one rejected row and nothing of that file is written (unless
    --keep-going). Rejected values are listed as `file:line column: value: reason`; the exit
    code is 1 when any row was rejected. An export's manifest is verified; a history export
    restores every version.
    """
    if not _MEMORY.fullmatch(memory_limit.strip()):
        fail(f"--memory-limit {memory_limit!r}: give a size such as 3GB")
    limits = DEFAULT_LIMITS.with_settings(_settings(limit_settings))
    moment = None if recorded_at is None else as_utc_moment(recorded_at)
    with ctx.open_ledger() as ledger, _ProgressBar() as bar:
        ledger.store.cursor().execute(f"SET memory_limit = '{memory_limit.strip()}'")
        result = ledger.import_dataset(
            path,
            keep_going=keep_going,
            recorded_at=moment,
            progress=bar,
            rejects_path=rejects_path,
            limits=limits,
        )
    for reject in result.rejects:
        click.echo(str(reject))
    listed = len(result.rejects)
    total = sum(max(f.rejected_values, len(f.rejects)) for f in result.files)
    if total > listed:
        where = f" (all in {rejects_path})" if rejects_path else " (--rejects PATH writes them all)"
        click.echo(f"... and {total - listed} more rejected values{where}")
    for warning in result.all_warnings:
        click.echo(f"warning: {warning}")
    if result.files or result.warnings:
        click.echo("")
    for line in _summary(result):
        click.echo(line)
    if not result.files:
        click.echo(
            f"no dataset file found in {path} (names start with an entity: patents.csv, ...)"
        )
    if not result.ok:
        unwritten = [f.file for f in result.files if not f.ok and not f.written]
        if unwritten:
            click.echo(
                f"rejected rows: nothing of {', '.join(unwritten)} was written"
                " (fix the rows, or --keep-going to write the valid ones)"
            )
        sys.exit(EXIT_DATA)


@click.command("export")
@click.option(
    "--to",
    "folder",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="The folder to write the dataset to (created if needed).",
)
@click.option(
    "--format",
    "export_format",
    type=click.Choice(["csv", "parquet"]),
    default="csv",
    show_default=True,
    help="CSV files, or Parquet (patents and trademarks partitioned by year).",
)
@click.option(
    "--as-known-at",
    metavar="TIMESTAMP",
    help="Export the ledger as it was known at this moment (ISO date or timestamp).",
)
@click.option(
    "--with-history",
    is_flag=True,
    help="Every version of every record (recorded_at, superseded_at, source), so that "
    "importing the export into a new ledger gives the same history.",
)
@click.option(
    "--overwrite",
    is_flag=True,
    help="Replace an earlier ipledger export in the folder (a folder holding anything else is "
    "refused).",
)
@click.option(
    "--no-formula-guard",
    "no_formula_guard",
    is_flag=True,
    help="Write CSV text cells exactly as stored: by default a cell starting with = + - @ (or "
    "a tab, a carriage return, an apostrophe) gets an apostrophe first, so that a spreadsheet "
    "does not run it as a formula (import takes it off again).",
)
@click.option(
    "--mask-personal",
    is_flag=True,
    help="Replace the ids of individuals by pseudonyms and keep only the first character of "
    "their names.",
)
@pass_cli
def export_command(
    ctx: CliContext,
    folder: Path,
    export_format: str,
    as_known_at: str | None,
    with_history: bool,
    overwrite: bool,
    no_formula_guard: bool,
    mask_personal: bool,
) -> None:
    """Export the ledger as an exchange dataset (the format `ipledger import` reads).

    The folder appears complete or not at all, with a manifest (rows and SHA-256 of every
    file) that `ipledger import` verifies.
    """
    moment = None if as_known_at is None else as_utc_moment(as_known_at)
    with ctx.open_ledger(read_only=True) as ledger:
        result = ledger.export_dataset(
            folder,
            format=cast(ExportFormat, export_format),
            as_known_at=moment,
            with_history=with_history,
            overwrite=overwrite,
            formula_guard=not no_formula_guard,
            mask_personal=mask_personal,
        )
    for exported in result.files:
        click.echo(f"{exported.path}: {exported.rows} rows")
    click.echo(f"exported {result.rows} rows in {len(result.files)} files to {result.folder}")


def _settings(pairs: tuple[str, ...]) -> dict[str, str]:
    """``NAME=VALUE`` options as a dict (a malformed one is a usage error)."""
    found: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip() or not value.strip():
            fail(f"--limit {pair!r}: give NAME=VALUE, e.g. --limit max_rows=100000000")
        found[name.strip()] = value.strip()
    return found
