"""Scratch files and folders: named after the process that made them, so that a later run removes
the ones a killed process left behind (a killed process cleans nothing up itself).

A scratch name is ``<prefix><pid>-<random>``; `remove_stale` deletes every entry of a
folder with that prefix whose process no longer runs.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import uuid
from pathlib import Path

__all__ = ["process_alive", "remove_stale", "scratch_name"]


def scratch_name(prefix: str) -> str:
    """A new scratch name for this process: ``<prefix><pid>-<8 hex digits>``.

    Examples:
        >>> scratch_name("ipledger-import-").startswith(f"ipledger-import-{os.getpid()}-")
        True
    """
    return f"{prefix}{os.getpid()}-{uuid.uuid4().hex[:8]}"


def process_alive(pid: int) -> bool:
    """Whether a process with this id runs (one of another user's counts as running)."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:  # e.g. Windows: no signal 0; keep the entry
        return True
    return True


def _owner(name: str, prefix: str) -> int | None:
    rest = name[len(prefix) :]
    pid, _, tail = rest.partition("-")
    return int(pid) if pid.isdigit() and tail else None


def remove_stale(folder: Path, prefix: str) -> list[Path]:
    """Delete the scratch entries of ``folder`` named with ``prefix`` whose process has ended;
    the paths removed. Entries it cannot remove are left for the next run."""
    removed: list[Path] = []
    try:
        entries = [e for e in folder.iterdir() if e.name.startswith(prefix)]
    except OSError:
        return removed
    for entry in entries:
        pid = _owner(entry.name, prefix)
        if pid is None or pid == os.getpid() or process_alive(pid):
            continue
        with contextlib.suppress(OSError):
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry)
            else:
                entry.unlink()
            removed.append(entry)
    return removed
