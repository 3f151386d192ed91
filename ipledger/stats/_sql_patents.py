"""Patent families: applications, grants, the invention-patent stock (valid and high-value) and
assignments / licences.

A patent counts for the region of its holder on the date that matters: the filing date for an
application, the grant date for a grant, the period's last day for the stock
(`held_region_sql`).
"""

from __future__ import annotations

from ipledger.ledger._high_value import criteria_sql, high_value_source_sql
from ipledger.ledger._holdings import right_number_sql
from ipledger.model import PATENTS, PatentKind
from ipledger.stats._family import Family, SqlContext, in_period_sql
from ipledger.stats._regions import held_region_sql, held_stock_sql

__all__ = ["PATENT_APPLICATIONS", "PATENT_GRANTS", "PATENT_STOCK", "PATENT_TRANSFERS"]


def _flow(name: str, column: str) -> Family:
    def build(ctx: SqlContext) -> str:
        join, region = held_region_sql("patent", "x", f"x.{column}")
        return f"""
            WITH leaf AS (
                SELECT p.label AS period, {region} AS region_code, x.kind, count(*) AS n
                FROM patents_at({ctx.moment}) x
                JOIN _ipl_p p ON {in_period_sql(f"x.{column}")}
                {join}
                GROUP BY ALL
            )
            SELECT '{name}' AS indicator, period, region_code, n AS value FROM leaf
            UNION ALL
            SELECT '{name}.' || kind, period, region_code, n FROM leaf
        """

    emits = (name, *(f"{name}.{kind.value}" for kind in PatentKind))
    return Family(name=name, rollup="sum", emits=emits, build=build)


PATENT_APPLICATIONS = _flow("patent_applications", "filing_date")
"""patent_applications (+ .invention, .utility_model, .design), by filing date."""

PATENT_GRANTS = _flow("patent_grants", "grant_date")
"""patent_grants (+ .invention, .utility_model, .design), by grant date."""


def _stock(ctx: SqlContext) -> str:
    high_value = " OR ".join(f"({c})" for c in criteria_sql("p.end_date").values())
    source = f"({high_value_source_sql(ctx.moment, ctx.pledge_threshold)})"
    leaf = held_stock_sql(
        "patent",
        source,
        PATENTS.lifecycle_rule.holds_sql("p.end_date", alias="x"),
        {"valid": "true", "high_value": high_value},
    )
    return f"""
        SELECT unnest(['valid_invention_patents', 'high_value_invention_patents']) AS indicator,
               period, region_code, unnest([valid, high_value]) AS value
        FROM ({leaf})
    """


PATENT_STOCK = Family(
    name="patent_stock",
    rollup="sum",
    emits=("valid_invention_patents", "high_value_invention_patents"),
    build=_stock,
)
"""valid_invention_patents and high_value_invention_patents on the period's last day."""


def _transfers(ctx: SqlContext) -> str:
    # an assignment counts for the region the patent was in the day before (its assignor's);
    # a licence for the region it is in on the day (its licensor's)
    on = "CASE WHEN x.kind = 'assignment' THEN x.date - 1 ELSE x.date END"
    join, region = held_region_sql("patent", "pt", on)
    return f"""
        WITH moved AS (
            SELECT 'patent_' || x.kind || 's' AS indicator, p.label AS period,
                   {region} AS from_region, x.to_region_code AS to_region
            FROM transfers_at({ctx.moment}) x
            JOIN _ipl_p p ON {in_period_sql("x.date")}
            LEFT JOIN patents_at({ctx.moment}) pt
                   ON pt.application_no = {right_number_sql("x.right_no")}
            {join}
            WHERE x.right_type = 'patent'
        ), counted AS (
            SELECT m.indicator, m.period, c.ancestor AS region_code,
                   m.to_region IS NOT NULL AND c2.code IS NULL AS outbound
            FROM moved m
            JOIN _ipl_closure c ON c.code = m.from_region
            LEFT JOIN _ipl_closure c2 ON c2.code = m.to_region AND c2.ancestor = c.ancestor
        )
        SELECT indicator, period, region_code, count(*) AS value FROM counted GROUP BY ALL
        UNION ALL
        SELECT indicator || '.outbound', period, region_code, count(*)
        FROM counted WHERE outbound GROUP BY ALL
    """


PATENT_TRANSFERS = Family(
    name="patent_transfers",
    rollup="rolled",
    emits=(
        "patent_assignments",
        "patent_assignments.outbound",
        "patent_licences",
        "patent_licences.outbound",
    ),
    build=_transfers,
)
"""patent_assignments and patent_licences (+ .outbound), by transfer date, for the region the
patent was held in: an assignment leaves its assignor's region, which counts it."""
