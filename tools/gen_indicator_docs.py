"""Write docs/indicators.md from the indicator catalog (ipledger.stats.CATALOG).

    python tools/gen_indicator_docs.py          # rewrite the page
    python tools/gen_indicator_docs.py --check  # exit 1 if the page is out of date

A test (tests/integration/test_indicators_catalog.py) fails when the page is not current.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ipledger.stats import indicators_markdown

PAGE = Path(__file__).resolve().parent.parent / "docs" / "indicators.md"


def main() -> int:
    """Rewrite (or with --check, compare) the page; the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check the page is current")
    args = parser.parse_args()
    text = indicators_markdown()
    if args.check:
        current = PAGE.read_text(encoding="utf-8") if PAGE.exists() else ""
        if current != text:
            print(f"{PAGE} is out of date: run python tools/gen_indicator_docs.py")
            return 1
        return 0
    PAGE.parent.mkdir(parents=True, exist_ok=True)
    PAGE.write_text(text, encoding="utf-8")
    print(f"wrote {PAGE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
