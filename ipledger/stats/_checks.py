"""Consistency checks a statistician runs before publishing (``ipledger check``)."""

from __future__ import annotations

import attrs
import pyarrow as pa

from ipledger.ledger import Ledger, Moment
from ipledger.stats._compute import compute_indicators, moment_literal

__all__ = ["CHECKS", "CheckFinding", "breakdown_findings", "run_checks"]


@attrs.frozen
class CheckFinding:
    """One problem found: which check, which record, and what is wrong."""

    check: str
    entity: str
    key: str
    message: str

    def __str__(self) -> str:
        return f"{self.check}: {self.entity} {self.key}: {self.message}"


_TERM_YEARS = "CASE p.kind WHEN 'invention' THEN 20 WHEN 'utility_model' THEN 10 ELSE 15 END"

CHECKS: dict[str, str] = {
    "amounts_on_open_cases": """
        SELECT 'cases', case_no, 'fine, confiscated or recovered amounts on a case that is not '
               || 'closed: they count in no indicator until it is'
        FROM cases_at({t})
        WHERE closed_date IS NULL
          AND coalesce(fine, 0) + coalesce(confiscated, 0) + coalesce(recovered, 0) > 0
    """,
    "pledge_outlives_patent": f"""
        SELECT 'pledges', x.pledge_id || ' / ' || p.application_no,
               'term ends ' || CAST(x.term_end AS VARCHAR) || ' after the patent ends '
               || CAST(coalesce(p.lapse_date, p.filing_date + INTERVAL ({_TERM_YEARS}) YEAR)
                       AS DATE)
        FROM (SELECT *, unnest(rights) AS right_no FROM pledges_at({{t}})) x
        JOIN patents_at({{t}}) p ON p.application_no = x.right_no
        WHERE x.term_end > coalesce(p.lapse_date,
                                    p.filing_date + INTERVAL ({_TERM_YEARS}) YEAR)
    """,
    "pledged_while_lapsed": """
        SELECT 'pledges', x.pledge_id || ' / ' || p.application_no,
               'registered ' || CAST(x.registered_date AS VARCHAR)
               || ' but the patent lapsed ' || CAST(p.lapse_date AS VARCHAR)
        FROM (SELECT *, unnest(rights) AS right_no FROM pledges_at({t})) x
        JOIN patents_at({t}) p ON p.application_no = x.right_no
        WHERE p.lapse_date IS NOT NULL AND x.registered_date >= p.lapse_date
        UNION ALL
        SELECT 'pledges', x.pledge_id || ' / ' || m.registration_no,
               'registered ' || CAST(x.registered_date AS VARCHAR)
               || ' but the trademark lapsed ' || CAST(m.lapse_date AS VARCHAR)
        FROM (SELECT *, unnest(rights) AS right_no FROM pledges_at({t})) x
        JOIN trademarks_at({t}) m ON m.registration_no = x.right_no
        WHERE m.lapse_date IS NOT NULL AND x.registered_date >= m.lapse_date
    """,
    "closed_before_opened": """
        SELECT 'cases', case_no, 'closed ' || CAST(closed_date AS VARCHAR)
               || ' before opened ' || CAST(opened_date AS VARCHAR)
        FROM cases_at({t}) WHERE closed_date < opened_date
    """,
    "duplicate_party_names": """
        SELECT 'parties', string_agg(party_id, ', ' ORDER BY party_id),
               'one name under ' || CAST(count(*) AS VARCHAR) || ' ids: ' || min(name)
        FROM parties_at({t})
        GROUP BY regexp_replace(lower(name), '[\\s()（）]', '', 'g')
        HAVING count(DISTINCT party_id) > 1
    """,
}
"""Each data check's SQL: rows of (entity, key, message) for every problem found."""

_PARTS = {
    "patent_applications": (
        "patent_applications.invention",
        "patent_applications.utility_model",
        "patent_applications.design",
    ),
    "patent_grants": (
        "patent_grants.invention",
        "patent_grants.utility_model",
        "patent_grants.design",
    ),
    "gi_trademarks": ("gi_trademarks.certification", "gi_trademarks.collective"),
}
_AT_MOST = {
    "pledge_beneficiaries.sme": "pledge_beneficiaries",
    "patent_assignments.outbound": "patent_assignments",
    "patent_licences.outbound": "patent_licences",
    "high_value_invention_patents": "valid_invention_patents",
    "well_known_trademarks": "valid_trademarks",
}


def breakdown_findings(table: pa.Table) -> list[CheckFinding]:
    """Breakdowns that do not fit their totals in an indicator table: parts that do not add up
    to the total, or a part larger than its whole."""
    values: dict[tuple[str, str, str], float] = {}
    for row in table.select(["region_code", "period", "indicator", "value"]).to_pylist():
        values[(row["region_code"], row["period"], row["indicator"])] = row["value"] or 0.0
    findings = []
    for (region, period, ind), total in values.items():
        parts = _PARTS.get(ind)
        if parts and sum(values.get((region, period, p), 0.0) for p in parts) != total:
            findings.append(
                CheckFinding(
                    "breakdown_exceeds_total",
                    "indicator",
                    f"{region} {period} {ind}",
                    f"the parts {', '.join(parts)} do not add up to {total:g}",
                )
            )
        whole = _AT_MOST.get(ind)
        if whole and total > values.get((region, period, whole), 0.0):
            findings.append(
                CheckFinding(
                    "breakdown_exceeds_total",
                    "indicator",
                    f"{region} {period} {ind}",
                    f"{total:g} is more than {whole} {values.get((region, period, whole), 0.0):g}",
                )
            )
    return findings


def run_checks(
    ledger: Ledger, *, period: str | None = None, as_known_at: Moment | None = None
) -> list[CheckFinding]:
    """Run every check over the ledger (as known at a moment); the problems found.

    The breakdown check looks at the indicators of ``period`` (default: the last year in which
    a patent was filed or a pledge registered).

    Examples:
        >>> with Ledger.open() as ledger:
        ...     run_checks(ledger)
        []
    """
    moment = moment_literal(as_known_at)
    findings: list[CheckFinding] = []
    for name, sql in CHECKS.items():
        rows = ledger.sql(sql.format(t=moment)).to_pylist()
        findings += [CheckFinding(name, *(str(v) for v in row.values())) for row in rows]
    if period is None:
        last = (
            ledger.sql(
                "SELECT max(y) AS y FROM ("
                f"SELECT max(year(filing_date)) AS y FROM patents_at({moment}) UNION ALL "
                f"SELECT max(year(registered_date)) FROM pledges_at({moment}))"
            )
            .column(0)[0]
            .as_py()
        )
        period = None if last is None else str(last)
    if period is not None:
        table = compute_indicators(ledger, [period], as_known_at=as_known_at)
        findings += breakdown_findings(table)
    return findings
