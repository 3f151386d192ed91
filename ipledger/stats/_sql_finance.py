"""Finance families: pledge registrations, their beneficiaries, the outstanding pledge amount
and IP insurance. Pledges count for the pledgor's region, policies for the insured's.

Amounts are summed as exact decimals and only then turned into doubles, so that yuan figures
have no binary rounding noise.
"""

from __future__ import annotations

from ipledger.model import PLEDGES as PLEDGE_ENTITY
from ipledger.model.tracking import event_log
from ipledger.stats._family import Family, SqlContext, in_period_sql

__all__ = [
    "INSURANCE",
    "INSURANCE_INSURED",
    "PLEDGES",
    "PLEDGE_BENEFICIARIES",
    "PLEDGE_OUTSTANDING",
]

_MONEY = "DECIMAL(38, 2)"


def _pledges(ctx: SqlContext) -> str:
    return f"""
        SELECT unnest(['pledge_count', 'pledge_amount']) AS indicator, period, region_code,
               unnest([n, amount]) AS value
        FROM (
            SELECT p.label AS period, x.region_code, CAST(count(*) AS {_MONEY}) AS n,
                   CAST(sum(x.amount) AS {_MONEY}) AS amount
            FROM pledges_at({ctx.moment}) x
            JOIN _ipl_p p ON {in_period_sql("x.registered_date")}
            GROUP BY ALL
        )
    """


PLEDGES = Family(
    name="pledges", rollup="sum", emits=("pledge_count", "pledge_amount"), build=_pledges
)
"""pledge_count and pledge_amount, by registration date."""


def _beneficiaries(ctx: SqlContext) -> str:
    pledgor = "coalesce(x.pledgor_id, x.pledgor_name)"
    return f"""
        SELECT unnest(CASE WHEN pa.size IN ('micro', 'small', 'medium')
                           THEN ['pledge_beneficiaries', 'pledge_beneficiaries.sme']
                           ELSE ['pledge_beneficiaries'] END) AS indicator,
               p.label AS period, x.region_code, {pledgor} AS item
        FROM pledges_at({ctx.moment}) x
        JOIN _ipl_p p ON {in_period_sql("x.registered_date")}
        LEFT JOIN parties_at({ctx.moment}) pa ON pa.party_id = x.pledgor_id
        WHERE {pledgor} IS NOT NULL
    """


PLEDGE_BENEFICIARIES = Family(
    name="pledge_beneficiaries",
    rollup="distinct",
    emits=("pledge_beneficiaries", "pledge_beneficiaries.sme"),
    build=_beneficiaries,
)
"""pledge_beneficiaries (+ .sme): distinct pledgors (by id, else by name) of the period's
registrations; SMEs by the pledgor's ``parties.size``."""


def _outstanding(ctx: SqlContext) -> str:
    outstanding = PLEDGE_ENTITY.lifecycle_rule.holds_sql("p.end_date", alias="x")
    pledges = event_log("pledge_events").effective_sql(ctx.moment)
    return f"""
        SELECT 'pledge_outstanding_amount' AS indicator, p.label AS period, x.region_code,
               CAST(sum(x.amount) AS {_MONEY}) AS value
        FROM ({pledges}) x
        JOIN _ipl_p p ON {outstanding}
        GROUP BY ALL
    """


PLEDGE_OUTSTANDING = Family(
    name="pledge_outstanding",
    rollup="sum",
    emits=("pledge_outstanding_amount",),
    build=_outstanding,
)
"""pledge_outstanding_amount: registered by the period's last day, not released by then and
not past ``term_end`` (a term ending on the last day is still running), with the pledge
events applied (a change's amount and term end, a release or enforcement day)."""


def _insurance(ctx: SqlContext) -> str:
    return f"""
        SELECT unnest(['insurance_policies', 'insurance_coverage']) AS indicator, period,
               region_code, unnest([n, coverage]) AS value
        FROM (
            SELECT p.label AS period, x.region_code, CAST(count(*) AS {_MONEY}) AS n,
                   CAST(coalesce(sum(x.coverage), 0) AS {_MONEY}) AS coverage
            FROM insurance_at({ctx.moment}) x
            JOIN _ipl_p p ON {in_period_sql("x.start_date")}
            GROUP BY ALL
        )
    """


INSURANCE = Family(
    name="insurance",
    rollup="sum",
    emits=("insurance_policies", "insurance_coverage"),
    build=_insurance,
)
"""insurance_policies and insurance_coverage, by policy start date."""


def _insured(ctx: SqlContext) -> str:
    insured = "coalesce(x.insured_id, x.insured_name)"
    return f"""
        SELECT 'insurance_insured' AS indicator, p.label AS period, x.region_code,
               {insured} AS item
        FROM insurance_at({ctx.moment}) x
        JOIN _ipl_p p ON {in_period_sql("x.start_date")}
        WHERE {insured} IS NOT NULL
    """


INSURANCE_INSURED = Family(
    name="insurance_insured", rollup="distinct", emits=("insurance_insured",), build=_insured
)
"""insurance_insured: distinct insured parties (by id, else by name) of the period's policies."""
