"""``ipledger init``: create (or upgrade) a ledger file."""

from __future__ import annotations

import click

from ipledger.cli._app import CliContext, pass_cli
from ipledger.store import library_schema_version


@click.command("init")
@pass_cli
def init_command(ctx: CliContext) -> None:
    """Create the ledger file (or upgrade an older one to this ipledger's schema)."""
    with ctx.open_ledger():
        pass
    click.echo(f"ledger ready: {ctx.db} (schema version {library_schema_version()})")
