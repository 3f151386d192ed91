"""The one table of sub-commands: name -> the module and function that implement it.

Every command of ``ipledger`` is listed here and nowhere else; the group
(`ipledger.cli._app`) imports a command's module only when that command runs or help is
shown, so start-up stays small. A test reads every module under ``ipledger/cli/`` and fails
when one defines a command that this table does not name.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

__all__ = ["COMMANDS"]

COMMANDS: Mapping[str, tuple[str, str]] = MappingProxyType(
    {
        "init": ("ipledger.cli._init", "init_command"),
        "import": ("ipledger.cli._import_export", "import_command"),
        "export": ("ipledger.cli._import_export", "export_command"),
        "backup": ("ipledger.cli._backup", "backup_command"),
        "restore": ("ipledger.cli._backup", "restore_command"),
        "publish": ("ipledger.cli._backup", "publish_command"),
        "report": ("ipledger.cli._report", "report_command"),
        "indicators": ("ipledger.cli._stats_commands", "indicators_command"),
        "check": ("ipledger.cli._stats_commands", "check_command"),
        "cases": ("ipledger.cli._tracking", "cases_group"),
        "pledges": ("ipledger.cli._tracking", "pledges_group"),
        "demo": ("ipledger.cli._demo", "demo_command"),
    }
)
"""Command name -> (module, function): what ``ipledger --help`` lists, in this order."""
