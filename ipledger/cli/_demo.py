"""``ipledger demo``: build the built-in demo ledger."""

from __future__ import annotations

import os

import click
import duckdb

from ipledger.cli._app import CliContext, fail, pass_cli
from ipledger.demo import DEMO_MARKER, build_demo_ledger


def _is_demo(path: str) -> bool:
    try:
        con = duckdb.connect(path, read_only=True)
    except duckdb.Error:
        return False
    try:
        rows = con.execute("SELECT value FROM meta WHERE key = 'demo'").fetchall()
    except duckdb.Error:
        return False
    finally:
        con.close()
    return bool(rows) and str(rows[0][0]).startswith(DEMO_MARKER)


@click.command("demo")
@click.option("--seed", default=2024, show_default=True, help="Seed of the generator.")
@click.option(
    "--force", is_flag=True, help="Replace the --db file even if it is not a demo ledger."
)
@pass_cli
def demo_command(ctx: CliContext, seed: int, force: bool) -> None:
    """Build the demo ledger (江门, 东莞, 新乡, 资阳, 金华 and their peers, 2019-2024) in --db.

    An existing demo ledger is rebuilt; any other existing file is left alone unless --force.
    """
    if os.path.exists(ctx.db):
        if not (force or _is_demo(ctx.db)):
            fail(f"{ctx.db} exists and is not a demo ledger: choose another --db or use --force")
        os.remove(ctx.db)
        if os.path.exists(ctx.db + ".wal"):
            os.remove(ctx.db + ".wal")
    click.echo(f"building the demo ledger in {ctx.db} (seed {seed}) ...", err=True)
    summary = build_demo_ledger(ctx.db, seed=seed)
    for entity, rows in summary.rows.items():
        if rows:
            click.echo(f"  {entity:<12} {rows:>10,}")
    click.echo(f"demo ledger ready: {ctx.db} ({summary.seconds:.1f} s)")
    click.echo(f"try: ipledger --db {ctx.db} report --region 440700 --period 2023 --format md")
