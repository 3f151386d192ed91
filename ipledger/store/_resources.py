"""Where the shipped SQL migrations live: inside the wheel, or in the source tree."""

from __future__ import annotations

import importlib.resources
from importlib.resources.abc import Traversable
from pathlib import Path

__all__ = ["schemas_root"]


def schemas_root() -> Traversable:
    """The ``schemas/`` folder: ``ipledger/schemas`` in an installed wheel, else the repo's.

    The wheel build copies the repository's top-level ``schemas/`` into the package
    (``force-include`` in pyproject.toml); a source checkout or editable install reads the
    top-level folder itself, so there is one copy of every SQL file.
    """
    packaged = importlib.resources.files("ipledger") / "schemas"
    if packaged.is_dir():
        return packaged
    source_tree = Path(__file__).resolve().parents[2] / "schemas"
    if source_tree.is_dir():
        return source_tree
    raise FileNotFoundError("ipledger's schemas/ folder is missing from this installation")
