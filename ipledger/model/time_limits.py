"""Statutory time limits of cases as data, with their extensions and suspensions, and the
deadline computed from them in Python (`deadline`) and in SQL (`deadline_sql`):
two forms of one rule, tested equal.

How days are counted (`DayCount`, the same for every shipped limit):

- calendar days (自然日), from the day after the case was opened (立案之日不计入): a 90-day
  limit of a case opened on 1 March ends on 30 May, the last day in time; a limit in months
  ends on the same day of the month (or the month's last day: 3 months from 30 November end
  on 28 or 29 February);
- days in suspension (中止) do not count: a suspension moves the end by its length when it
  starts on or before the end; one still running counts up to the day asked about;
- an end falling on a weekend or a holiday stays where it is unless the rule says it moves
  (``moves_off_weekends``, ``holidays``): ipledger ships no holiday calendar, so the shipped
  limits do not move; a bureau applying the holiday clause declares its own limits.

The shipped limits (`TIME_LIMITS`):

- **penalty** cases (行政处罚: trademark infringement, patent counterfeiting, GI infringement)
  are decided within 90 days of opening (《市场监督管理行政处罚程序规定》); the head of the
  authority may extend it by 30 days (负责人批准); further extensions only by collective decision
  of the heads (集体讨论决定), for the days that decision sets. The decision, a transfer to the
  police or the closing meets the limit.
- **dispute** cases (专利侵权纠纷, handled by the IP office) close within 3 months of opening,
  extendable once, with approval, by at most 1 month (《专利行政执法办法》).
- **other** cases have no statutory limit here.

An extension beyond those a limit allows does not move the end (``record`` refuses it).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

import attrs

from ipledger._sql import date_literal, list_literal, literal
from ipledger.model.events import CaseEventKind, ExtensionAuthority
from ipledger.model.workflow import CaseProcedure

__all__ = [
    "TIME_LIMITS",
    "DayCount",
    "Deadline",
    "ExtensionStep",
    "Length",
    "TimeLimit",
    "TimedEvent",
    "add_months",
    "deadline",
    "deadline_sql",
    "met_by_sql",
    "time_limit",
]


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later, or the month's last day (as DuckDB's ``+ INTERVAL``).

    Examples:
        >>> add_months(dt.date(2023, 11, 30), 3), add_months(dt.date(2024, 1, 31), 1)
        (datetime.date(2024, 2, 29), datetime.date(2024, 2, 29))
    """
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError(day)  # pragma: no cover - every month has a 28th


@attrs.frozen
class Length:
    """A span of ``months`` and then ``days``."""

    days: int = 0
    months: int = 0


@attrs.frozen
class DayCount:
    """How the end of a limit is placed: calendar days; the end moves to the next day that is
    neither a weekend day (when ``moves_off_weekends``) nor one of ``holidays``."""

    moves_off_weekends: bool = False
    holidays: tuple[dt.date, ...] = ()

    def _off(self, day: dt.date) -> bool:
        return (self.moves_off_weekends and day.isoweekday() > 5) or day in self.holidays

    def roll(self, day: dt.date) -> dt.date:
        """The end ``day`` moved as the rule says (unchanged when it does not move)."""
        while self._off(day):
            day += dt.timedelta(days=1)
        return day

    def roll_sql(self, day: str) -> str:
        """SQL of `roll` over the date expression ``day`` (a plain column)."""
        if not (self.moves_off_weekends or self.holidays):
            return day
        off = []
        if self.moves_off_weekends:
            off.append("isodow(CAST({d} AS DATE)) > 5")
        if self.holidays:
            listed = "[" + ", ".join(date_literal(h) for h in self.holidays) + "]"
            off.append(f"list_contains({listed}, CAST({{d}} AS DATE))")
        test = " OR ".join(o.format(d=f"{day} + CAST(i AS INTEGER)") for o in off)
        return f"({day} + CAST(list_filter(range(0, 60), lambda i: NOT ({test}))[1] AS INTEGER))"


@attrs.frozen
class ExtensionStep:
    """One extension a limit allows: who approves it and by how much (``None``: the days the
    decision sets, given in the event); ``repeatable``: it may be granted again."""

    authority: ExtensionAuthority
    length: Length | None
    repeatable: bool = False


@attrs.frozen(kw_only=True)
class TimeLimit:
    """The statutory time limit of the cases of one procedure."""

    procedure: CaseProcedure
    limit: Length
    met_by: tuple[CaseEventKind, ...]
    """The events that meet the limit (the first of them)."""
    extensions: tuple[ExtensionStep, ...]
    counting: DayCount = DayCount()
    basis: str
    """The rule in the bureau's words, with its source."""

    def step(self, index: int) -> ExtensionStep | None:
        """The extension the ``index``-th one (from 1) is, or ``None`` when none is allowed."""
        if index <= len(self.extensions):
            return self.extensions[index - 1]
        last = self.extensions[-1] if self.extensions else None
        return last if last is not None and last.repeatable else None


_E = CaseEventKind

TIME_LIMITS: tuple[TimeLimit, ...] = (
    TimeLimit(
        procedure=CaseProcedure.PENALTY,
        limit=Length(days=90),
        met_by=(_E.DECIDED, _E.TRANSFERRED_TO_POLICE, _E.CLOSED),
        extensions=(
            ExtensionStep(ExtensionAuthority.APPROVAL, Length(days=30)),
            ExtensionStep(ExtensionAuthority.COLLECTIVE, None, repeatable=True),
        ),
        basis="自立案之日起九十日内作出处理决定；经负责人批准可延长三十日；"
        "仍不能作出决定的，由负责人集体讨论决定是否继续延期及延长期限；中止等时间不计入"
        "（《市场监督管理行政处罚程序规定》）",
    ),
    TimeLimit(
        procedure=CaseProcedure.DISPUTE,
        limit=Length(months=3),
        met_by=(_E.CLOSED,),
        extensions=(ExtensionStep(ExtensionAuthority.APPROVAL, Length(months=1)),),
        basis="自立案之日起三个月内结案；案件特别复杂的，经负责人批准可延长，最多不超过一个月；"
        "中止等时间不计入（《专利行政执法办法》）",
    ),
)
"""The limits by procedure; a procedure without one (``other``) has no deadline."""


def time_limit(procedure: CaseProcedure | str) -> TimeLimit | None:
    """The time limit of a procedure, or ``None`` when it has none."""
    wanted = CaseProcedure(procedure)
    return next((t for t in TIME_LIMITS if t.procedure is wanted), None)


@attrs.frozen
class TimedEvent:
    """What the deadline reads of an event: its kind, day, and an extension's days and
    authority; ``rank`` orders the events of one day."""

    event: CaseEventKind
    occurred_on: dt.date
    days: int | None = None
    authority: ExtensionAuthority | None = None

    @property
    def rank(self) -> int:
        """The kind's place in a day's order."""
        return list(CaseEventKind).index(self.event)


@attrs.frozen
class Deadline:
    """A case's deadline on a day: ``due`` the last day in time, ``base`` the end without any
    extension or suspension, ``extension_days`` and ``extensions`` (the authorities) used,
    ``paused_days`` of suspension counted, whether it is ``suspended`` that day, and
    ``met_on``, the day the limit was met (``None``: not yet)."""

    due: dt.date
    base: dt.date
    extension_days: int
    extensions: tuple[ExtensionAuthority, ...]
    paused_days: int
    suspended: bool
    met_on: dt.date | None

    def days_left(self, on: dt.date) -> int:
        """Days from ``on`` to the due day (negative: days over)."""
        return (self.due - on).days


def _step_days(
    limit: TimeLimit, opened: dt.date, step: ExtensionStep, days: int | None
) -> tuple[int, int]:
    """(months, days) an extension adds."""
    if step.length is None:
        return 0, days or 0
    if days is None:
        return step.length.months, step.length.days
    if step.length.months:
        base = add_months(opened, limit.limit.months)
        cap = (add_months(opened, limit.limit.months + step.length.months) - base).days
        return 0, min(days, cap + step.length.days)
    return 0, min(days, step.length.days)


def _pauses(
    events: Iterable[TimedEvent], on: dt.date
) -> tuple[list[tuple[dt.date, dt.date]], bool]:
    """The suspensions as (first day, day resumed) and whether one is still running on ``on``
    (it is taken to end the day after)."""
    pauses: list[tuple[dt.date, dt.date]] = []
    start: dt.date | None = None
    for item in events:
        if item.event is _E.SUSPENDED and start is None:
            start = item.occurred_on
        elif item.event is _E.RESUMED and start is not None:
            pauses.append((start, item.occurred_on))
            start = None
    if start is not None:
        pauses.append((start, on + dt.timedelta(days=1)))
    return pauses, start is not None


def deadline(
    limit: TimeLimit, opened: dt.date, events: Sequence[TimedEvent], on: dt.date
) -> Deadline:
    """The deadline of a case opened on ``opened``, on the day ``on``, from its events of that
    day or before (see the module's rules; `deadline_sql` is the same in SQL).

    Examples:
        >>> limit = time_limit("penalty")
        >>> d = deadline(limit, dt.date(2024, 3, 1), [
        ...     TimedEvent(CaseEventKind.EXTENDED, dt.date(2024, 5, 20)),
        ...     TimedEvent(CaseEventKind.SUSPENDED, dt.date(2024, 6, 1)),
        ...     TimedEvent(CaseEventKind.RESUMED, dt.date(2024, 6, 11))], dt.date(2024, 7, 1))
        >>> d.base, d.due, d.extension_days, d.paused_days
        (datetime.date(2024, 5, 30), datetime.date(2024, 7, 9), 30, 10)
    """
    known = sorted(
        (e for e in events if e.occurred_on <= on), key=lambda e: (e.occurred_on, e.rank)
    )
    months, days = limit.limit.months, limit.limit.days
    base = add_months(opened, months) + dt.timedelta(days=days)
    used: list[ExtensionAuthority] = []
    for item in (e for e in known if e.event is _E.EXTENDED):
        step = limit.step(len(used) + 1)
        if step is None:
            continue
        extra_months, extra_days = _step_days(limit, opened, step, item.days)
        months, days = months + extra_months, days + extra_days
        used.append(step.authority)
    unpaused = add_months(opened, months) + dt.timedelta(days=days)
    pauses, suspended = _pauses(known, on)
    paused = 0
    first_counted = opened + dt.timedelta(days=1)
    for start, end in pauses:
        start = max(start, first_counted)
        length = max(0, (end - start).days)
        if (start - dt.timedelta(days=paused)) > unpaused:
            break
        paused += length
    due = limit.counting.roll(unpaused + dt.timedelta(days=paused))
    met = next((e.occurred_on for e in known if e.event in limit.met_by), None)
    return Deadline(
        due=due,
        base=base,
        extension_days=(unpaused - base).days,
        extensions=tuple(used),
        paused_days=paused,
        suspended=suspended,
        met_on=met,
    )


def _per_procedure(expr: dict[CaseProcedure, str], default: str = "NULL") -> str:
    lines = " ".join(f"WHEN {literal(p)} THEN {sql}" for p, sql in expr.items())
    return f"(CASE c.procedure {lines} ELSE {default} END)"


def _extension_sql(limit: TimeLimit) -> tuple[str, str, str]:
    """(months, days, authority) SQL of extension row ``x`` (its ``k``-th, ``days`` given),
    for a case ``c`` of this limit."""
    n = len(limit.extensions)
    months: list[str] = []
    days: list[str] = []
    authority: list[str] = []
    for index, step in enumerate(limit.extensions, start=1):
        last = index == n
        when = f"x.k >= {index}" if last and step.repeatable else f"x.k = {index}"
        authority.append(f"WHEN {when} THEN {literal(step.authority)}")
        if step.length is None:
            months.append(f"WHEN {when} THEN 0")
            days.append(f"WHEN {when} THEN coalesce(x.days, 0)")
        elif step.length.months:
            base = f"CAST(c.opened_date + to_months({limit.limit.months}) AS DATE)"
            cap = (
                f"(CAST(c.opened_date + to_months({limit.limit.months + step.length.months})"
                f" AS DATE) - {base} + {step.length.days})"
            )
            months.append(
                f"WHEN {when} THEN CASE WHEN x.days IS NULL THEN {step.length.months} ELSE 0 END"
            )
            days.append(
                f"WHEN {when} THEN CASE WHEN x.days IS NULL THEN {step.length.days}"
                f" ELSE least(x.days, {cap}) END"
            )
        else:
            months.append(f"WHEN {when} THEN 0")
            days.append(
                f"WHEN {when} THEN least(coalesce(x.days, {step.length.days}), {step.length.days})"
            )
    if not limit.extensions:
        return "0", "0", "NULL"
    return (
        f"(CASE {' '.join(months)} ELSE 0 END)",
        f"(CASE {' '.join(days)} ELSE 0 END)",
        f"(CASE {' '.join(authority)} END)",
    )


def met_by_sql(procedure: str, limits: Sequence[TimeLimit] = TIME_LIMITS) -> str:
    """SQL: the list of event kinds that meet the time limit of the procedure expression
    ``procedure`` (NULL: no limit)."""
    lines = " ".join(f"WHEN {literal(t.procedure)} THEN {list_literal(t.met_by)}" for t in limits)
    return f"(CASE {procedure} {lines} END)"


def deadline_sql(
    cases: str, events: str, on: str, limits: Sequence[TimeLimit] = TIME_LIMITS
) -> str:
    """SQL: the deadline of every case with a time limit, as `deadline` computes it.

    ``cases`` is a relation with ``case_no``, ``opened_date`` and ``procedure``; ``events``
    one with ``case_no``, ``event``, ``occurred_on``, ``days`` and ``rank``; ``on`` a date
    expression over a case row ``c`` (a constant, or a column of ``cases``); ``limits`` the
    time limits by procedure (default `TIME_LIMITS`). Columns:
    ``case_no``, ``due``, ``base``, ``extension_days``, ``extensions`` (the authorities, in
    order), ``paused_days``, ``suspended``, ``met_on``.
    """
    by_procedure = {t.procedure: t for t in limits}
    ext = {p: _extension_sql(t) for p, t in by_procedure.items()}
    ext_months = _per_procedure({p: e[0] for p, e in ext.items()}, "0")
    ext_days = _per_procedure({p: e[1] for p, e in ext.items()}, "0")
    base_months = _per_procedure({p: str(t.limit.months) for p, t in by_procedure.items()})
    base_days = _per_procedure({p: str(t.limit.days) for p, t in by_procedure.items()})
    met = _per_procedure({p: list_literal(t.met_by) for p, t in by_procedure.items()})
    rolled = {p: t.counting.roll_sql("_unrolled") for p, t in by_procedure.items()}
    return f"""
        WITH c AS (
            SELECT case_no, opened_date, procedure, CAST({on} AS DATE) AS _on
            FROM {cases} c
            WHERE list_contains({list_literal(by_procedure)}, procedure)
        ), ev AS (
            SELECT e.case_no, e.event, e.occurred_on, e.days, e.rank
            FROM {events} e JOIN c ON c.case_no = e.case_no
            WHERE e.occurred_on <= c._on
        ), x AS (
            SELECT *, row_number() OVER (PARTITION BY case_no ORDER BY occurred_on, rank) AS k
            FROM ev WHERE event = 'extended'
        ), ext AS (
            SELECT c.case_no,
                   CAST(sum({ext_months}) AS INTEGER) AS months,
                   CAST(sum({ext_days}) AS INTEGER) AS days,
                   list({_per_procedure({p: e[2] for p, e in ext.items()})} ORDER BY x.k)
                       FILTER (WHERE {_per_procedure({p: e[2] for p, e in ext.items()})}
                               IS NOT NULL) AS extensions
            FROM x JOIN c ON c.case_no = x.case_no GROUP BY c.case_no
        ), toggles AS (
            SELECT case_no, event, occurred_on,
                   lag(event) OVER w AS before,
                   first_value(CASE WHEN event = 'resumed' THEN occurred_on END IGNORE NULLS)
                       OVER (w ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING) AS resumed_on,
                   row_number() OVER w AS n
            FROM ev WHERE event IN ('suspended', 'resumed')
            WINDOW w AS (PARTITION BY case_no ORDER BY occurred_on, rank)
        ), unpaused AS (
            SELECT c.*,
                   CAST(c.opened_date + to_months({base_months}) AS DATE) + {base_days} AS base,
                   CAST(c.opened_date + to_months({base_months} + coalesce(ext.months, 0))
                        AS DATE) + {base_days} + coalesce(ext.days, 0) AS unpaused,
                   coalesce(ext.extensions, []) AS extensions
            FROM c LEFT JOIN ext ON ext.case_no = c.case_no
        ), pauses AS (
            SELECT t.case_no, u.unpaused, t.n, t.resumed_on IS NULL AS running,
                   greatest(t.occurred_on, u.opened_date + 1) AS first_day,
                   CAST(greatest(0, coalesce(t.resumed_on, u._on + 1)
                                    - greatest(t.occurred_on, u.opened_date + 1))
                        AS INTEGER) AS length
            FROM toggles t JOIN unpaused u ON u.case_no = t.case_no
            WHERE t.event = 'suspended' AND t.before IS DISTINCT FROM 'suspended'
        ), counted AS (
            SELECT case_no, sum(length) FILTER (WHERE first_day - earlier <= unpaused) AS paused,
                   bool_or(running) AS suspended
            FROM (SELECT *, CAST(coalesce(sum(length) OVER (PARTITION BY case_no ORDER BY n
                                ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0)
                                AS INTEGER) AS earlier
                  FROM pauses)
            GROUP BY case_no
        ), met AS (
            SELECT ev.case_no, min(ev.occurred_on) AS met_on
            FROM ev JOIN c ON c.case_no = ev.case_no
            WHERE list_contains({met}, ev.event)
            GROUP BY ev.case_no
        )
        SELECT case_no, {_per_procedure(rolled)} AS due, base,
               unpaused - base AS extension_days, extensions, paused_days, suspended, met_on
        FROM (
            SELECT u.case_no, u.procedure, u.base, u.unpaused, u.extensions,
                   CAST(coalesce(p.paused, 0) AS INTEGER) AS paused_days,
                   coalesce(p.suspended, false) AS suspended, m.met_on,
                   u.unpaused + CAST(coalesce(p.paused, 0) AS INTEGER) AS _unrolled
            FROM unpaused u
            LEFT JOIN counted p ON p.case_no = u.case_no
            LEFT JOIN met m ON m.case_no = u.case_no
        ) c
    """
