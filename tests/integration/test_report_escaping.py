"""Text from the ledger is shown, never run: a region name carrying HTML or Markdown lands in
the Markdown report escaped."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from ipledger import Pledge, Region, RegionLevel
from ipledger.report import build_report, render_markdown

HOSTILE = "<script>alert(1)</script>[点我](javascript:x)*江门*|`"


def test_a_hostile_region_name_is_escaped_in_the_markdown_report(ledger):
    ledger.regions.upsert(
        Region(code="440700", name=HOSTILE, level=RegionLevel.CITY, parent_code="440000")
    )
    ledger.pledges.upsert(
        Pledge(
            pledge_id="Y1",
            registered_date=dt.date(2023, 3, 1),
            amount=Decimal("1000000"),
            region_code="440703",
            rights=("2023101234566",),
        )
    )
    markdown = render_markdown(build_report(ledger, "440700", "2023"))
    assert "<script>" not in markdown
    assert not re.search(r"(?<!\\)\]\(javascript:", markdown)  # no link, only text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in markdown
    assert "\\[点我\\](javascript:x)\\*江门\\*\\|\\`" in markdown
    first = markdown.splitlines()[0]
    assert first.startswith("# &lt;script&gt;")
