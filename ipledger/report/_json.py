"""The report as the JSON object of INDICATORS.md (the contract), made by the indicator engine."""

from __future__ import annotations

import json

from ipledger.report._build import Report
from ipledger.stats import table_to_report

__all__ = ["render_json"]


def render_json(report: Report) -> str:
    """The INDICATORS.md JSON object of the report's region and period (money in yuan).

    The object is :func:`ipledger.stats.table_to_report` of the report's table: the same as
    :func:`ipledger.stats.report_json` and ``ipledger report --format json`` give.
    """
    data = table_to_report(report.table, report.region, report.period, report.as_known_at)
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
