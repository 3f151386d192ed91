"""Progress of an import, reported to a callback as it goes (the CLI draws a bar from it)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

import attrs

__all__ = ["ImportProgress", "ProgressCallback"]

Phase = Literal["read", "validate", "write", "done"]


@attrs.frozen(kw_only=True)
class ImportProgress:
    """Where an import is: the file and its phase, rows so far, files done of all files.

    ``rows`` counts the rows of the files already done plus the rows of this file once read.
    """

    file: str
    phase: Phase
    rows: int
    files_done: int
    files_total: int


ProgressCallback = Callable[[ImportProgress], None]
"""A function called with an `ImportProgress` at each step of an import."""
