"""``ipledger backup``, ``ipledger restore`` and ``ipledger publish``: copies of a ledger."""

from __future__ import annotations

from pathlib import Path

import click

from ipledger.cli._app import CliContext, pass_cli

__all__ = ["backup_command", "publish_command", "restore_command"]


@click.command("backup")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--overwrite", is_flag=True, help="Replace an existing backup file at PATH.")
@pass_cli
def backup_command(ctx: CliContext, path: Path, overwrite: bool) -> None:
    """Write a consistent copy of the ledger to the new file PATH.

    The ledger is opened read-only: reports and other readers keep working meanwhile. The copy
    is one state of the ledger, with every history version, and appears only when complete.
    """
    with ctx.open_ledger(read_only=True) as ledger:
        written = ledger.backup(path, overwrite=overwrite)
    click.echo(f"backup written: {written}")


@click.command("restore")
@click.argument("backup", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--overwrite", is_flag=True, help="Replace the ledger file named by --db if it exists."
)
@pass_cli
def restore_command(ctx: CliContext, backup: Path, overwrite: bool) -> None:
    """Put the backup file BACKUP in place as the ledger (--db).

    The backup is checked (it opens as a ledger; an older one is upgraded) before it replaces
    the ledger, in one step. A ledger another process has open is not replaced.
    """
    from ipledger.store import restore

    restored = restore(backup, ctx.db, overwrite=overwrite)
    click.echo(f"ledger restored: {restored} (from {backup})")


@click.command("publish")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--keep",
    type=click.IntRange(min=1),
    default=2,
    show_default=True,
    help="How many published copies to keep (requests may still read the one before).",
)
@pass_cli
def publish_command(ctx: CliContext, folder: Path, keep: int) -> None:
    """Publish a copy of the ledger for read-only services, in FOLDER.

    The copy is written, checked, then made FOLDER/current.duckdb in one step; a service
    reading it through PublishedLedger (docs/service.md) moves to it by itself. The ledger
    itself stays free for imports while services run.
    """
    from ipledger.ledger import CURRENT, publish

    with ctx.open_ledger(read_only=True) as ledger:
        copy = publish(ledger, folder, keep=keep)
    click.echo(f"published {copy} as {folder / CURRENT}")
