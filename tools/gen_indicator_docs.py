"""Regenerate docs/indicators.md from the indicator catalog: python tools/gen_indicator_docs.py"""

from __future__ import annotations

from pathlib import Path

from ipledger.stats import indicator_docs

if __name__ == "__main__":
    path = Path(__file__).resolve().parents[1] / "docs" / "indicators.md"
    path.write_text(indicator_docs(), encoding="utf-8")
    print(path)
