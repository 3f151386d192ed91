"""The ``ipledger`` command group: global options, one-line errors, exit codes."""

from __future__ import annotations

import importlib
import os
import sys
from typing import TYPE_CHECKING, NoReturn

import click

from ipledger.cli._commands import COMMANDS
from ipledger.errors import IpledgerError

if TYPE_CHECKING:
    from ipledger.ledger import Ledger

__all__ = ["EXIT_DATA", "EXIT_ERROR", "EXIT_OK", "CliContext", "cli", "fail", "main", "pass_cli"]

# The linters' convention (ruff, mypy): 1 = problems found in the input, 2 = could not run.
EXIT_OK = 0
"""Everything done, no problem found."""
EXIT_DATA = 1
"""The job ran but found data problems: rejected rows on import, findings of ``check``."""
EXIT_ERROR = 2
"""The command could not do its job: bad usage or option, unreadable file, locked ledger, ..."""

DEFAULT_DB = "ipledger.duckdb"


class CliContext:
    """What every command shares: the ledger path, how long to wait for it, the debug
    switch."""

    def __init__(self, db: str, debug: bool, wait: float = 0.0) -> None:
        self.db = db
        self.debug = debug
        self.wait = wait

    def open_ledger(self, *, read_only: bool = False) -> Ledger:
        """Open the ledger named by ``--db`` (waiting up to ``--wait`` seconds while another
        process holds it)."""
        from ipledger.ledger import Ledger

        return Ledger.open(self.db, read_only=read_only, wait=self.wait)


pass_cli = click.make_pass_decorator(CliContext)
"""Decorator handing a command the `CliContext`."""


def fail(message: str, code: int = EXIT_ERROR) -> NoReturn:
    """Print one clear error line to stderr and exit with ``code``."""
    click.echo(f"ipledger: error: {message}", err=True)
    sys.exit(code)


class _CommandTable(click.Group):
    """The group whose sub-commands are `COMMANDS`, each module
    imported only when its command is used (or listed by ``--help``)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        module, name = COMMANDS[cmd_name]
        command = getattr(importlib.import_module(module), name)
        if not isinstance(command, click.Command):
            raise TypeError(f"{module}.{name} is not a click command")
        return command


@click.group(
    cls=_CommandTable,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.option(
    "--db",
    default=lambda: os.environ.get("IPLEDGER_DB", DEFAULT_DB),
    show_default=f"$IPLEDGER_DB or ./{DEFAULT_DB}",
    help="The ledger file to use.",
)
@click.option(
    "--wait",
    type=click.FloatRange(min=0),
    default=0.0,
    metavar="SECONDS",
    help="When another process holds the ledger, keep trying this long before giving up.",
)
@click.option("--debug", is_flag=True, help="Show full tracebacks on errors.")
@click.version_option(package_name="ipledger")
@click.pass_context
def cli(ctx: click.Context, db: str, wait: float, debug: bool) -> None:
    """ipledger: keep a bureau's IP records and publish its statistics.

    Exit codes: 0 done; 1 data problems found (rejected rows, check findings); 2 error
    (bad usage, unreadable file, locked ledger).
    """
    ctx.obj = CliContext(db, debug, wait)


def main(argv: list[str] | None = None) -> None:
    """Run the command line; errors are one line on stderr unless ``--debug`` is given."""
    debug = "--debug" in (argv if argv is not None else sys.argv[1:])
    try:
        cli.main(args=argv, prog_name="ipledger", standalone_mode=False)
    except click.exceptions.Abort:
        fail("aborted")
    except click.ClickException as error:
        error.show()
        sys.exit(EXIT_ERROR)
    except click.exceptions.Exit as error:
        sys.exit(error.exit_code)
    except IpledgerError as error:
        if debug:
            raise
        fail(str(error).splitlines()[0] if str(error) else type(error).__name__)
    except OSError as error:
        if debug:
            raise
        fail(f"{error.strerror or error}: {error.filename}" if error.filename else str(error))
    sys.exit(EXIT_OK)
