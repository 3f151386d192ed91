"""Enforcement-case families: cases opened (in total and by type), cases closed with their
amounts, and the median time to close (in total and by type). Cases count for the handling
authority's region."""

from __future__ import annotations

from ipledger.model import CaseType
from ipledger.model.time_limits import deadline_sql, met_by_sql
from ipledger.model.tracking import event_log
from ipledger.model.workflow import procedure_sql
from ipledger.stats._family import Family, SqlContext, in_period_sql

__all__ = ["CASES_CLOSED", "CASES_IN_TIME", "CASES_OPENED", "CASE_DAYS"]

_LOG = event_log("case_events")


def _effective(ctx: SqlContext) -> str:
    """The cases as known at the moment, with their closing day from every source (a case
    reopened since is open): ``closed_date`` as the case events say."""
    return f"({_LOG.effective_sql(ctx.moment)})"


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
            FROM {_effective(ctx)} x
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
        WITH closed AS (
            SELECT p.label AS period, x.region_code, x.types,
                   CAST(x.closed_date - x.opened_date AS DOUBLE) AS value
            FROM {_effective(ctx)} x
            JOIN _ipl_p p ON {in_period_sql("x.closed_date")}
            WHERE x.closed_date >= x.opened_date
        )
        SELECT 'case_median_days_to_close' AS indicator, period, region_code, value
        FROM closed
        UNION ALL
        SELECT 'case_median_days_to_close.' || case_type, period, region_code, value
        FROM (SELECT period, region_code, value, unnest(list_distinct(types)) AS case_type
              FROM closed)
    """


CASE_DAYS = Family(
    name="case_days",
    rollup="median",
    emits=(
        "case_median_days_to_close",
        *(f"case_median_days_to_close.{case_type.value}" for case_type in CaseType),
    ),
    build=_days,
)
"""case_median_days_to_close and case_median_days_to_close.<type>, over the cases closed in
the period (a case of two types counts in both types; a case recorded as closed before it was
opened is left out: ``ipledger check`` lists it)."""


def _in_time(ctx: SqlContext) -> str:
    merged = _LOG.merged_sql(ctx.moment)
    return f"""
        WITH _cases AS (
            SELECT x.case_no, x.opened_date, x.closed_date, x.region_code, x.procedure,
                   min(e.occurred_on) FILTER (WHERE list_contains({met_by_sql("x.procedure")},
                                                                  e.event)) AS met
            FROM (SELECT *, {procedure_sql("types")} AS procedure FROM {_effective(ctx)}) x
            LEFT JOIN ({merged}) e ON e.case_no = x.case_no
            WHERE x.closed_date IS NOT NULL
            GROUP BY ALL
        ), _events AS ({merged}),
        _closed AS (
            SELECT p.label AS period, c.region_code, d.met_on <= d.due AS in_time
            FROM ({deadline_sql("_cases", "_events", "coalesce(c.met, c.closed_date)")}) d
            JOIN _cases c ON c.case_no = d.case_no
            JOIN _ipl_p p ON {in_period_sql("c.closed_date")}
        )
        SELECT 'case_closed_in_time_share' AS indicator, f.period, k.ancestor AS region_code,
               100.0 * count(*) FILTER (WHERE f.in_time) / count(*) AS value
        FROM _closed f JOIN _ipl_closure k ON k.code = f.region_code
        GROUP BY ALL
    """


CASES_IN_TIME = Family(
    name="cases_in_time",
    rollup="rolled",
    share=True,
    emits=("case_closed_in_time_share",),
    build=_in_time,
)
"""case_closed_in_time_share: of the cases closed in the period that have a statutory time
limit, the share (%) whose limit was met in time (by the decision, a transfer or the
closing, by the deadline with its extensions and suspensions)."""
