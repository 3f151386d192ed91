"""The SQL of each indicator family: one query per family for all regions and periods.

Each family reads the ledger "as known at" a moment (``{t}``, a SQL timestamp literal) and the
temporary tables the engine prepares: ``_ipl_p`` (period label, start_date, end_date),
``_ipl_closure`` (region code -> each of its ancestors and itself) and ``_ipl_pspans`` /
``_ipl_tspans`` (where an assigned patent / trademark was held from ``since`` to ``until``).

A family yields rows ``(indicator, period, region_code, <measure>)`` at the region the row
belongs to; the engine rolls them up the region tree by its ``mode``: ``sum`` adds
``value``, ``distinct`` counts distinct ``item`` and ``median`` takes the median of
``value`` at every ancestor. ``rolled`` families roll up themselves.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from types import MappingProxyType

import attrs

from ipledger.ledger._high_value import criteria_sql, high_value_source_sql, valid_on_sql

__all__ = ["FAMILIES", "Family"]


@attrs.frozen
class Family:
    """The SQL computing some indicators, and how its rows roll up the region tree."""

    name: str
    mode: str = attrs.field(validator=attrs.validators.in_(("sum", "distinct", "median", "rolled")))
    template: str

    def sql(self, moment: str, threshold: Decimal) -> str:
        """The family's query for a moment and high-value pledge threshold."""
        return self.template.format(
            t=moment, hv_source=high_value_source_sql(moment, threshold), **_HV
        )


def _region_at(spans: str, alias: str, key: str, on: str) -> str:
    return f"LEFT JOIN {spans} s ON s.no = {alias}.{key} AND {on} >= s.since AND {on} < s.until"


_HV = {
    "hv_any": " OR ".join(criteria_sql("p.end_date").values()),
    "hv_valid": valid_on_sql("p.end_date"),
}

_PATENT_FLOW = """
    SELECT unnest(['{name}', '{name}.' || x.kind]) AS indicator, p.label AS period,
           coalesce(s.region_code, x.region_code) AS region_code, 1.0 AS value
    FROM patents_at({{t}}) x
    JOIN _ipl_p p ON x.{column} BETWEEN p.start_date AND p.end_date
    {spans}
"""

_FAMILIES = [
    Family(
        "patent_applications",
        "sum",
        _PATENT_FLOW.format(
            name="patent_applications",
            column="filing_date",
            spans=_region_at("_ipl_pspans", "x", "application_no", "x.filing_date"),
        ),
    ),
    Family(
        "patent_grants",
        "sum",
        _PATENT_FLOW.format(
            name="patent_grants",
            column="grant_date",
            spans=_region_at("_ipl_pspans", "x", "application_no", "x.grant_date"),
        ),
    ),
    Family(
        "valid_invention_patents",
        "sum",
        f"""
        SELECT 'valid_invention_patents' AS indicator, p.label AS period,
               coalesce(s.region_code, x.region_code) AS region_code, 1.0 AS value
        FROM patents_at({{t}}) x
        JOIN _ipl_p p ON x.grant_date <= p.end_date
                     AND (x.lapse_date IS NULL OR x.lapse_date > p.end_date)
        {_region_at("_ipl_pspans", "x", "application_no", "p.end_date")}
        WHERE x.kind = 'invention'
        """,
    ),
    Family(
        "high_value_invention_patents",
        "sum",
        f"""
        SELECT 'high_value_invention_patents' AS indicator, p.label AS period,
               coalesce(s.region_code, x.region_code) AS region_code, 1.0 AS value
        FROM ({{hv_source}}) x
        JOIN _ipl_p p ON {{hv_valid}} AND ({{hv_any}})
        {_region_at("_ipl_pspans", "x", "application_no", "p.end_date")}
        """,
    ),
    Family(
        "patent_transfers",
        "rolled",
        f"""
        WITH moved AS (
            SELECT 'patent_' || x.kind || 's' AS indicator, p.label AS period,
                   coalesce(s.region_code, pt.region_code) AS from_region, x.to_region_code
            FROM transfers_at({{t}}) x
            JOIN _ipl_p p ON x.date BETWEEN p.start_date AND p.end_date
            LEFT JOIN patents_at({{t}}) pt ON pt.application_no = x.right_no
            {_region_at("_ipl_pspans", "x", "right_no", "x.date - 1")}
            WHERE x.right_type = 'patent'
        )
        SELECT m.indicator, m.period, c.ancestor AS region_code, count(*) AS value
        FROM moved m JOIN _ipl_closure c ON c.code = m.from_region GROUP BY ALL
        UNION ALL
        SELECT m.indicator || '.outbound', m.period, c.ancestor, count(*)
        FROM moved m JOIN _ipl_closure c ON c.code = m.from_region
        WHERE m.to_region_code IS NOT NULL AND NOT EXISTS (
            SELECT 1 FROM _ipl_closure c2
            WHERE c2.code = m.to_region_code AND c2.ancestor = c.ancestor)
        GROUP BY ALL
        """,
    ),
    Family(
        "trademark_registrations",
        "sum",
        f"""
        SELECT 'trademark_registrations' AS indicator, p.label AS period,
               coalesce(s.region_code, x.region_code) AS region_code, 1.0 AS value
        FROM trademarks_at({{t}}) x
        JOIN _ipl_p p ON x.registration_date BETWEEN p.start_date AND p.end_date
        {_region_at("_ipl_tspans", "x", "registration_no", "x.registration_date")}
        """,
    ),
    Family(
        "valid_trademarks",
        "sum",
        f"""
        SELECT unnest(list_concat(list_concat(['valid_trademarks'],
                   CASE WHEN x.well_known_date <= p.end_date
                        THEN ['well_known_trademarks'] ELSE [] END),
                   CASE WHEN x.geographical_indication AND x.kind <> 'ordinary'
                        THEN ['gi_trademarks', 'gi_trademarks.' || x.kind] ELSE [] END))
                   AS indicator,
               p.label AS period, coalesce(s.region_code, x.region_code) AS region_code,
               1.0 AS value
        FROM trademarks_at({{t}}) x
        JOIN _ipl_p p ON x.registration_date <= p.end_date
                     AND (x.lapse_date IS NULL OR x.lapse_date > p.end_date)
        {_region_at("_ipl_tspans", "x", "registration_no", "p.end_date")}
        """,
    ),
    Family(
        "gi_products",
        "sum",
        """
        SELECT 'gi_products' AS indicator, p.label AS period, x.region_code, 1.0 AS value
        FROM gi_products_at({t}) x
        JOIN _ipl_p p ON x.protected_date <= p.end_date
                     AND (x.lapse_date IS NULL OR x.lapse_date > p.end_date)
        """,
    ),
    Family(
        "gi_users",
        "distinct",
        """
        SELECT 'gi_users' AS indicator, p.label AS period, x.region_code, x.user_id AS item
        FROM gi_users_at({t}) x
        JOIN _ipl_p p ON x.approved_date <= p.end_date
                     AND (x.revoked_date IS NULL OR x.revoked_date > p.end_date)
        """,
    ),
    Family(
        "pledges",
        "sum",
        """
        SELECT unnest(['pledge_count', 'pledge_amount']) AS indicator, p.label AS period,
               x.region_code, unnest([1.0, CAST(x.amount AS DECIMAL(38, 2))]) AS value
        FROM pledges_at({t}) x
        JOIN _ipl_p p ON x.registered_date BETWEEN p.start_date AND p.end_date
        """,
    ),
    Family(
        "pledge_beneficiaries",
        "distinct",
        """
        SELECT unnest(CASE WHEN pa.size IN ('micro', 'small', 'medium')
                           THEN ['pledge_beneficiaries', 'pledge_beneficiaries.sme']
                           ELSE ['pledge_beneficiaries'] END) AS indicator,
               p.label AS period, x.region_code,
               coalesce(x.pledgor_id, x.pledgor_name) AS item
        FROM pledges_at({t}) x
        JOIN _ipl_p p ON x.registered_date BETWEEN p.start_date AND p.end_date
        LEFT JOIN parties_at({t}) pa ON pa.party_id = x.pledgor_id
        WHERE coalesce(x.pledgor_id, x.pledgor_name) IS NOT NULL
        """,
    ),
    Family(
        "pledge_outstanding_amount",
        "sum",
        """
        SELECT 'pledge_outstanding_amount' AS indicator, p.label AS period, x.region_code,
               CAST(x.amount AS DECIMAL(38, 2)) AS value
        FROM pledges_at({t}) x
        JOIN _ipl_p p ON x.registered_date <= p.end_date
                     AND (x.released_date IS NULL OR x.released_date > p.end_date)
                     AND (x.term_end IS NULL OR x.term_end >= p.end_date)
        """,
    ),
    Family(
        "insurance",
        "sum",
        """
        SELECT unnest(['insurance_policies', 'insurance_coverage']) AS indicator,
               p.label AS period, x.region_code,
               unnest([1.0, CAST(coalesce(x.coverage, 0) AS DECIMAL(38, 2))]) AS value
        FROM insurance_at({t}) x
        JOIN _ipl_p p ON x.start_date BETWEEN p.start_date AND p.end_date
        """,
    ),
    Family(
        "insurance_insured",
        "distinct",
        """
        SELECT 'insurance_insured' AS indicator, p.label AS period, x.region_code,
               coalesce(x.insured_id, x.insured_name) AS item
        FROM insurance_at({t}) x
        JOIN _ipl_p p ON x.start_date BETWEEN p.start_date AND p.end_date
        WHERE coalesce(x.insured_id, x.insured_name) IS NOT NULL
        """,
    ),
    Family(
        "cases_opened",
        "sum",
        """
        SELECT unnest(list_concat(['ip_cases'],
                                  list_transform(x.types, lambda k: 'ip_cases.' || k)))
                   AS indicator,
               p.label AS period, x.region_code, 1.0 AS value
        FROM cases_at({t}) x
        JOIN _ipl_p p ON x.opened_date BETWEEN p.start_date AND p.end_date
        """,
    ),
    Family(
        "cases_closed",
        "sum",
        """
        SELECT unnest(['ip_cases_closed', 'case_penalties', 'case_recovered',
                       'cases_transferred_to_police']) AS indicator,
               p.label AS period, x.region_code,
               unnest([1.0,
                       CAST(coalesce(x.fine, 0) + coalesce(x.confiscated, 0) AS DECIMAL(38, 2)),
                       CAST(coalesce(x.recovered, 0) AS DECIMAL(38, 2)),
                       CASE WHEN x.outcome = 'transferred_to_police' OR x.transferred_to_police
                            THEN 1.0 ELSE 0.0 END]) AS value
        FROM cases_at({t}) x
        JOIN _ipl_p p ON x.closed_date BETWEEN p.start_date AND p.end_date
        """,
    ),
    Family(
        "case_median_days",
        "median",
        """
        SELECT 'case_median_days_to_close' AS indicator, p.label AS period, x.region_code,
               CAST(x.closed_date - x.opened_date AS DOUBLE) AS value
        FROM cases_at({t}) x
        JOIN _ipl_p p ON x.closed_date BETWEEN p.start_date AND p.end_date
        """,
    ),
]

FAMILIES: Mapping[str, Family] = MappingProxyType({f.name: f for f in _FAMILIES})
"""Every family by name (the ``family`` of catalog indicators; ``per_10k`` is derived)."""
