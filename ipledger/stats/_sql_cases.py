"""Enforcement-case families: cases opened (in total and by type), cases closed with their
amounts, and the median time to close. Cases count for the handling authority's region."""

from __future__ import annotations

from ipledger.model import CaseType
from ipledger.stats._family import Family, SqlContext, in_period_sql

__all__ = ["CASES_CLOSED", "CASES_OPENED", "CASE_DAYS"]

_MONEY = "DECIMAL(38, 2)"
TRANSFERRED_TO_POLICE = "(x.outcome = 'transferred_to_police' OR x.transferred_to_police)"
"""A closed case counts as transferred to police by its outcome or by its flag (either)."""


def _opened(ctx: SqlContext) -> str:
    return f"""
        WITH opened AS (
            SELECT p.label AS period, x.region_code, x.types
            FROM cases_at({ctx.moment}) x
            JOIN _ipl_p p ON {in_period_sql("x.opened_date")}
        )
        SELECT 'ip_cases' AS indicator, period, region_code, count(*) AS value
        FROM opened GROUP BY ALL
        UNION ALL
        SELECT 'ip_cases.' || case_type, period, region_code, count(*)
        FROM (SELECT period, region_code, unnest(list_distinct(types)) AS case_type FROM opened)
        GROUP BY ALL
    """


CASES_OPENED = Family(
    name="cases_opened",
    rollup="sum",
    emits=("ip_cases", *(f"ip_cases.{case_type.value}" for case_type in CaseType)),
    build=_opened,
)
"""ip_cases and ip_cases.<type>, by opening date: a case of two types counts once in ip_cases
and once in each of its types."""


def _closed(ctx: SqlContext) -> str:
    return f"""
        SELECT unnest(['ip_cases_closed', 'case_penalties', 'case_recovered',
                       'cases_transferred_to_police']) AS indicator,
               period, region_code, unnest([closed, penalties, recovered, police]) AS value
        FROM (
            SELECT p.label AS period, x.region_code,
                   CAST(count(*) AS {_MONEY}) AS closed,
                   CAST(coalesce(sum(coalesce(x.fine, 0) + coalesce(x.confiscated, 0)), 0)
                        AS {_MONEY}) AS penalties,
                   CAST(coalesce(sum(x.recovered), 0) AS {_MONEY}) AS recovered,
                   CAST(count(*) FILTER (WHERE {TRANSFERRED_TO_POLICE}) AS {_MONEY}) AS police
            FROM cases_at({ctx.moment}) x
            JOIN _ipl_p p ON {in_period_sql("x.closed_date")}
            GROUP BY ALL
        )
    """


CASES_CLOSED = Family(
    name="cases_closed",
    rollup="sum",
    emits=("ip_cases_closed", "case_penalties", "case_recovered", "cases_transferred_to_police"),
    build=_closed,
)
"""ip_cases_closed, case_penalties (fine + confiscated), case_recovered and
cases_transferred_to_police, by closing date."""


def _days(ctx: SqlContext) -> str:
    return f"""
        SELECT 'case_median_days_to_close' AS indicator, p.label AS period, x.region_code,
               CAST(x.closed_date - x.opened_date AS DOUBLE) AS value
        FROM cases_at({ctx.moment}) x
        JOIN _ipl_p p ON {in_period_sql("x.closed_date")}
        WHERE x.closed_date >= x.opened_date
    """


CASE_DAYS = Family(
    name="case_days", rollup="median", emits=("case_median_days_to_close",), build=_days
)
"""case_median_days_to_close, over the cases closed in the period (a case recorded as closed
before it was opened is left out: ``ipledger check`` lists it)."""
