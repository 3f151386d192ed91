"""The reliability suite: ipledger as a production service and a hostile user meet it.

Every test here is marked ``reliability``; the long runs are also marked ``reliability_long``
and left out of the default run (``addopts`` in pyproject.toml). The normal suite runs a short
version of each. Run them:

    .venv/bin/python -m pytest tests/reliability -m reliability                # short runs
    .venv/bin/python -m pytest tests/reliability -m reliability_long -p no:randomly  # long runs

The figures (threads and operations held, kills survived, fuzz cases run, injection payloads
tried, hostile files refused, and what was lost: nothing) are printed at the end of the run,
and written as JSON to ``$IPLEDGER_RELIABILITY_REPORT`` when that is set.
"""

from __future__ import annotations

import json
import os
from collections import defaultdict
from typing import Any

import pytest

_FIGURES: dict[str, dict[str, Any]] = defaultdict(dict)


class Figures:
    """Where a test records what it held: ``figures.record("stress", threads=18, ...)``."""

    def record(self, topic: str, **values: Any) -> None:
        """Add (numbers are summed) or set the figures of ``topic``."""
        found = _FIGURES[topic]
        for name, value in values.items():
            if isinstance(value, int | float) and not isinstance(value, bool):
                found[name] = found.get(name, 0) + value
            else:
                found[name] = value


@pytest.fixture(scope="session")
def figures() -> Figures:
    """The reliability figures of this run."""
    return Figures()


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if not _FIGURES:
        return
    terminalreporter.section("reliability figures")
    for topic, values in sorted(_FIGURES.items()):
        shown = ", ".join(
            f"{k}={v:,}" if isinstance(v, int) else f"{k}={v}" for k, v in values.items()
        )
        terminalreporter.write_line(f"{topic}: {shown}")
    target = os.environ.get("IPLEDGER_RELIABILITY_REPORT")
    if target:
        with open(target, "w", encoding="utf-8") as handle:
            json.dump(_FIGURES, handle, indent=1, sort_keys=True, default=str)
