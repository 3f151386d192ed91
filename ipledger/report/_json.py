"""The report as the JSON object of docs/indicators.md (the contract), made by the engine."""

from __future__ import annotations

import json

from ipledger.report._build import Report
from ipledger.stats import table_to_report

__all__ = ["render_json"]


def render_json(report: Report) -> str:
    """The JSON object of the report's region and period (money in yuan), with its provenance.

    The object is `ipledger.stats.table_to_report` of the report's table: the same as
    `ipledger.stats.report_json` and ``ipledger report --format json`` give for the same
    moment. It holds every indicator whatever sections the report publishes (a contract).
    """
    provenance = report.provenance
    data = table_to_report(
        report.table,
        report.region,
        report.period,
        report.as_known_at,
        latest=provenance.latest,
        settings=provenance.settings,
        generated_at=provenance.generated_at,
    )
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
