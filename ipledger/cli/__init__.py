"""The ``ipledger`` command line (click). Run ``ipledger --help``.

`COMMANDS` names every sub-command and where it is implemented; `EXIT_OK`,
`EXIT_DATA` and `EXIT_ERROR` are the exit codes scripts can rely on.
"""

from __future__ import annotations

from ipledger.cli._app import EXIT_DATA, EXIT_ERROR, EXIT_OK, cli, main
from ipledger.cli._commands import COMMANDS

__all__ = ["COMMANDS", "EXIT_DATA", "EXIT_ERROR", "EXIT_OK", "cli", "main"]
