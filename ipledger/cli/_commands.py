"""The sub-commands: each module below registers its own on the ``ipledger`` group."""

from __future__ import annotations

from ipledger.cli import _demo, _init, _report, _stats_commands  # noqa: F401
