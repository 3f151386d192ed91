"""Consistency checks a statistician runs before publishing (``ipledger check``).

Each `Check` is one SQL query over the ledger as known at a moment, yielding one row per
problem; `run_checks` runs them all, plus the breakdown check on the indicator table of a
period (a part larger than its whole, parts that do not add up to their total).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType

import attrs
import duckdb
import pyarrow as pa

from ipledger._sql import literal as _lit
from ipledger.codes._text import FULLWIDTH, HALFWIDTH
from ipledger.errors import ValidationError
from ipledger.ledger import Ledger, Moment
from ipledger.ledger._high_value import moment_sql
from ipledger.ledger._holdings import right_number_sql
from ipledger.model import DOMAIN, Domain, Entity
from ipledger.stats._catalog import CATALOG
from ipledger.stats._compute import compute_values, store_of
from ipledger.stats._periods import Period, parse_period
from ipledger.stats._settings import DEFAULT_SETTINGS, StatsSettings

__all__ = [
    "BREAKDOWN_CHECK",
    "CHECKS",
    "TARGET_CHECK",
    "Check",
    "CheckFinding",
    "breakdown_findings",
    "run_checks",
]


@attrs.frozen(kw_only=True)
class CheckFinding:
    """One problem found: which check, which record (entity and key), and what is wrong.

    Examples:
        >>> print(CheckFinding(check="closed_before_opened", entity="cases", key="C1",
        ...                    message="closed 2023-01-01 before opened 2023-02-01"))
        closed_before_opened: cases C1: closed 2023-01-01 before opened 2023-02-01
    """

    check: str
    entity: str
    key: str
    message: str

    def __str__(self) -> str:
        return f"{self.check}: {self.entity} {self.key}: {self.message}"


@attrs.frozen(kw_only=True)
class Check:
    """A data check: its name, what it finds, and its SQL (rows of entity, key, message; the
    moment is the ``{t}`` placeholder, replaced as text: the SQL may hold other braces). A
    check over every entity builds its template from the ledger's `Domain`."""

    name: str
    description: str
    template: str | Callable[[Domain], str] = attrs.field(repr=False)

    def sql(self, moment: str, domain: Domain = DOMAIN) -> str:
        """The check's query as known at ``moment`` (a SQL timestamp literal)."""
        template = self.template if isinstance(self.template, str) else self.template(domain)
        return template.replace("{t}", moment)


_NORMALISED_NAME = (
    f"regexp_replace(lower(translate(name, {_lit(FULLWIDTH)}, {_lit(HALFWIDTH)})),"
    " '[\\s()\\[\\]{}<>《》【】〔〕\"“”‘’''·.,，、。:：;；_-]', '', 'g')"
)
_PLEDGED = (
    f"(SELECT pledge_id, registered_date, term_end, {right_number_sql('written')} AS right_no"
    " FROM (SELECT *, unnest(rights) AS written FROM pledges_at({t})))"
)


def _pledged_rights(
    condition: Callable[[Entity], str], message: Callable[[Entity], str]
) -> Callable[[Domain], str]:
    """A check over every right a pledge names, of every right entity (patents, trademarks):
    rows ``r`` of the right joined to ``x``, the pledges by right; ``condition`` and
    ``message`` are SQL over both, built from the right entity's declaration (its lifecycle
    says when it is in force)."""

    def build(domain: Domain) -> str:
        parts = [
            f"""
            SELECT 'pledges', x.pledge_id || ' / ' || r.{right.key[0]}, {message(right)}
            FROM {_PLEDGED} x
            JOIN {right.name}_at({{t}}) r ON r.{right.key[0]} = x.right_no
            WHERE {condition(right)}
            """
            for right in domain.entities.values()
            if right.right_type is not None and right.lifecycle is not None
        ]
        return " UNION ALL ".join(parts)

    return build


def _located(domain: Domain) -> list[tuple[str, str, str]]:
    """(entity, region column, key text SQL) of every entity whose rows count for a region."""
    return [
        (e.name, e.region_column, e.key_text_sql("x"))
        for e in domain.entities.values()
        if e.region_column is not None and e.counts_for_region
    ]


def _unknown_regions(domain: Domain) -> str:
    parts = [
        f"""
        SELECT '{entity}' AS entity, x.{column} AS key,
               CAST(count(*) AS VARCHAR) || ' row(s) with this region code, which is not in '
               || 'the region table: they count for no region (e.g. '
               || min({key}) || ')' AS message
        FROM {entity}_at({{t}}) x
        WHERE x.{column} IS NOT NULL
          AND x.{column} NOT IN (SELECT code FROM all_regions_at({{t}}))
        GROUP BY x.{column}
        """
        for entity, column, key in _located(domain)
    ]
    parts.append(
        """
        SELECT 'transfers', x.to_region_code,
               CAST(count(*) AS VARCHAR) || ' transfer(s) to this region code, which is not '
               || 'in the region table (e.g. ' || min(x.right_no) || ')'
        FROM transfers_at({t}) x
        WHERE x.to_region_code IS NOT NULL
          AND x.to_region_code NOT IN (SELECT code FROM all_regions_at({t}))
        GROUP BY x.to_region_code
        """
    )
    return " UNION ALL ".join(parts)


def _no_region(domain: Domain) -> str:
    return " UNION ALL ".join(
        f"""
        SELECT '{entity}', '(none)', CAST(count(*) AS VARCHAR)
               || ' row(s) without a region code: they count for no region (e.g. '
               || min({key}) || ')'
        FROM {entity}_at({{t}}) x WHERE x.{column} IS NULL HAVING count(*) > 0
        """
        for entity, column, key in _located(domain)
        if column not in domain.entity(entity).key  # a key column is never blank
    )


_CHECK_LIST = [
    Check(
        name="pledge_outlives_right",
        description="A pledge still running on or after the day its pledged right is no "
        "longer in force: the patent's lapse date or the end of its statutory term (20 years "
        "from filing for inventions, 10 for utility models, 15 for designs filed from "
        "2021-06-01 and 10 before, plus any term compensation), or the trademark's lapse "
        "date or the end of its registered term.",
        template=_pledged_rights(
            lambda right: f"x.term_end >= {right.lifecycle_rule.end_sql('r')}",
            lambda right: (
                f"'term ends ' || CAST(x.term_end AS VARCHAR) || ' but the "
                f"{right.label} is not in force from ' || CAST({right.lifecycle_rule.end_sql('r')}"
                " AS VARCHAR)"
            ),
        ),
    ),
    Check(
        name="pledged_while_lapsed",
        description="A right pledged on or after the day it was no longer in force (lapsed, "
        "or past its statutory or registered term).",
        template=_pledged_rights(
            lambda right: f"x.registered_date >= {right.lifecycle_rule.end_sql('r')}",
            lambda right: (
                f"'registered ' || CAST(x.registered_date AS VARCHAR) || ' but the "
                f"{right.label} is not in force from ' || CAST({right.lifecycle_rule.end_sql('r')}"
                " AS VARCHAR)"
            ),
        ),
    ),
    Check(
        name="pledged_before_grant",
        description="A patent pledged before it was granted (or never granted), a trademark "
        "before it was registered: only rights in force can be pledged.",
        template=_pledged_rights(
            lambda right: (
                f"r.{right.lifecycle_rule.start} IS NULL"
                f" OR x.registered_date < r.{right.lifecycle_rule.start}"
            ),
            lambda right: (
                f"'registered ' || CAST(x.registered_date AS VARCHAR) || ' but the "
                f"{right.label} ' || coalesce('is in force only from ' ||"
                f" CAST(r.{right.lifecycle_rule.start} AS VARCHAR), 'has no "
                f"{right.lifecycle_rule.start}')"
            ),
        ),
    ),
    Check(
        name="closed_before_opened",
        description="A case closed before it was opened (left out of the median days).",
        template="""
            SELECT 'cases', case_no, 'closed ' || CAST(closed_date AS VARCHAR)
                   || ' before opened ' || CAST(opened_date AS VARCHAR)
            FROM cases_at({t}) WHERE closed_date < opened_date
        """,
    ),
    Check(
        name="amounts_on_open_cases",
        description="Fines, confiscations or recoveries on a case not closed: they count in no "
        "indicator until it is.",
        template="""
            SELECT 'cases', case_no, 'fine, confiscated or recovered amounts on a case that '
                   || 'is not closed: they count in no indicator until it is'
            FROM cases_at({t})
            WHERE closed_date IS NULL
              AND coalesce(fine, 0) + coalesce(confiscated, 0) + coalesce(recovered, 0) > 0
        """,
    ),
    Check(
        name="duplicate_party_names",
        description="Parties under different ids with the same name once normalised "
        "(half-width, lower case, without spaces, brackets and punctuation): distinct "
        "counts (beneficiaries, insured) may count one enterprise twice.",
        template=f"""
            SELECT 'parties', string_agg(DISTINCT party_id, ', ' ORDER BY party_id),
                   'one name under ' || CAST(count(DISTINCT party_id) AS VARCHAR) || ' ids: '
                   || min(name)
            FROM parties_at({{t}})
            GROUP BY {_NORMALISED_NAME}
            HAVING count(DISTINCT party_id) > 1
        """,
    ),
    Check(
        name="unknown_region",
        description="Rows whose region code is not in the region table (built-in GB/T 2260 "
        "plus the ledger's regions): they count for no region.",
        template=_unknown_regions,
    ),
    Check(
        name="no_region",
        description="Rows without a region code: they count for no region.",
        template=_no_region,
    ),
    Check(
        name="assignment_without_region",
        description="An assignment without to_region_code: the right stays counted in its "
        "former holder's region.",
        template="""
            SELECT 'transfers', right_no || ' / ' || CAST(date AS VARCHAR),
                   'assignment to ' || coalesce(to_name, to_id, 'an unnamed assignee')
                   || ' without to_region_code: the ' || right_type
                   || ' stays in its former region'
            FROM transfers_at({t})
            WHERE kind = 'assignment' AND to_region_code IS NULL
        """,
    ),
    Check(
        name="gi_flag_on_ordinary_mark",
        description="A trademark flagged as geographical indication whose kind is ordinary: "
        "GI marks are certification or collective marks, so it counts in no gi_trademarks.",
        template="""
            SELECT 'trademarks', registration_no,
                   'flagged geographical_indication but of kind ordinary'
            FROM trademarks_at({t})
            WHERE geographical_indication AND kind = 'ordinary'
        """,
    ),
]

CHECKS: Mapping[str, Check] = MappingProxyType({c.name: c for c in _CHECK_LIST})
"""Every SQL data check by name, in the order they run."""

TARGET_CHECK = "target_unreadable"
"""The name of the check on targets (unknown indicator or unreadable period: never shown)."""

BREAKDOWN_CHECK = "breakdown_exceeds_total"
"""The name of the check on the indicator table (parts larger than, or not adding up to, their
total)."""


def breakdown_findings(table: pa.Table) -> list[CheckFinding]:
    """Breakdowns that do not fit their totals in a table of ``region_code, period, indicator,
    value`` (e.g. from `compute_indicators`; a missing row counts as 0),
    by the rules each indicator declares (`bounds`,
    ``parts_add_up``): a sub-id larger than its total (``pledge_beneficiaries.sme`` >
    ``pledge_beneficiaries``; the ``ip_cases`` types may add up to more than ``ip_cases``, but
    none may exceed it), an indicator above its ``at_most`` (high-value above valid invention
    patents, well-known or GI marks above valid trademarks), and parts that do not add up to
    their total where they must (patent kinds, GI mark kinds)."""
    values: dict[tuple[str, str, str], float] = {}
    for region, period, ind, value in zip(
        table["region_code"].to_pylist(),
        table["period"].to_pylist(),
        table["indicator"].to_pylist(),
        table["value"].to_pylist(),
        strict=True,
    ):
        if value is not None:
            values[(str(region), str(period), str(ind))] = float(value)
    findings = []
    for (region, period, ind), value in values.items():
        item = CATALOG.get(ind)
        if item is None:
            continue
        key = f"{region} {period} {ind}"
        for whole in item.bounds:
            total = values.get((region, period, whole), 0.0)
            if value > total:
                findings.append(
                    CheckFinding(
                        check=BREAKDOWN_CHECK,
                        entity="indicator",
                        key=key,
                        message=f"{value:g} is more than {whole} {total:g}",
                    )
                )
        if item.parts_add_up:
            parts = [i.id for i in CATALOG.values() if i.parent == ind]
            known = [values.get((region, period, p), 0.0) for p in parts]
            if sum(known) != value:
                findings.append(
                    CheckFinding(
                        check=BREAKDOWN_CHECK,
                        entity="indicator",
                        key=key,
                        message=f"the parts {', '.join(parts)} add up to "
                        f"{sum(known):g}, not {value:g}",
                    )
                )
    return findings


def _target_findings(cur: duckdb.DuckDBPyConnection, moment: str) -> list[CheckFinding]:
    rows = cur.execute(
        f"SELECT region_code, indicator, period FROM targets_at({moment}) ORDER BY ALL"
    ).fetchall()
    findings = []
    for region_code, indicator_id, period in rows:
        problems = []
        if indicator_id not in CATALOG:
            problems.append(f"unknown indicator {indicator_id!r}")
        try:
            parse_period(period)
        except ValidationError as error:
            problems.append(f"period {period!r}: {error.reason}")
        if problems:
            findings.append(
                CheckFinding(
                    check=TARGET_CHECK,
                    entity="targets",
                    key=f"{region_code} / {indicator_id} / {period}",
                    message="; ".join(problems) + ": the target is never shown",
                )
            )
    return findings


def _latest_year(cur: duckdb.DuckDBPyConnection, domain: Domain, moment: str) -> int | None:
    union = " UNION ALL ".join(
        f"SELECT max(year({e.dated_by})) AS y FROM {e.name}_at({moment})"
        for e in domain.entities.values()
        if e.dated_by is not None
    )
    ((year,),) = cur.execute(f"SELECT max(y) AS y FROM ({union})").fetchall()
    return None if year is None else int(year)


def run_checks(
    ledger: Ledger,
    *,
    as_known_at: Moment | None = None,
    period: str | Period | None = None,
    settings: StatsSettings = DEFAULT_SETTINGS,
) -> list[CheckFinding]:
    """Run every check over the ledger (as known at a moment); the problems found, in check
    order (empty: nothing to fix).

    The breakdown check looks at the indicator table of ``period`` (default: the latest year
    in which anything was filed, registered, insured or opened).

    Examples:
        >>> with Ledger.open() as ledger:
        ...     run_checks(ledger)
        []
    """
    moment = moment_sql(as_known_at)
    findings: list[CheckFinding] = []
    with store_of(ledger).snapshot() as cur:  # every check reads the same state
        for check in CHECKS.values():
            query = check.sql(moment, ledger.domain)
            rows = cur.sql(f"SELECT * FROM ({query}) ORDER BY ALL").fetchall()
            findings += [
                CheckFinding(check=check.name, entity=str(e), key=str(k), message=str(m))
                for e, k, m in rows
            ]
        findings += _target_findings(cur, moment)
        chosen = parse_period(period) if period is not None else None
        if chosen is None:
            year = _latest_year(cur, ledger.domain, moment)
            chosen = None if year is None else Period(year, 1, 12)
        if chosen is not None:
            table = compute_values(ledger, [chosen], as_known_at=as_known_at, settings=settings)
            findings += breakdown_findings(table)
    return findings
