"""The ``ipledger`` command line (click). Run ``ipledger --help``."""

from __future__ import annotations

from ipledger.cli._app import EXIT_DATA, EXIT_ERROR, EXIT_OK, cli, main

__all__ = ["EXIT_DATA", "EXIT_ERROR", "EXIT_OK", "cli", "main"]
