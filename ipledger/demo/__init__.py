"""The built-in demo ledger: generated, seeded, deterministic data for the cities of the seed
articles (江门, 东莞, 新乡, 资阳, 金华), their provinces' other cities and the cities that decide
their national ranks, 2019–2024, from which the indicator engine computes the published figures.
"""

from __future__ import annotations

from ipledger.demo._build import CORRECTION, DEMO_MARKER, DemoSummary, build_demo_ledger
from ipledger.demo._cities import SEED_CITIES, CitySpec, Pin

__all__ = [
    "CORRECTION",
    "DEMO_MARKER",
    "SEED_CITIES",
    "CitySpec",
    "DemoSummary",
    "Pin",
    "build_demo_ledger",
]
