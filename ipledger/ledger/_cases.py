"""The case tracker: record a case's events through its workflow, its status on a day, and the
lists a case officer works from (overdue, due within N days), as known at any moment."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import attrs
import pyarrow as pa

from ipledger._sql import date_literal, timestamp_literal
from ipledger.errors import IllegalTransitionError, ValidationError
from ipledger.ledger._events import LoggedEvent, subject_events
from ipledger.ledger._moments import Moment, as_utc_moment, today
from ipledger.ledger._query import Query
from ipledger.ledger._repository import Repository
from ipledger.model import Case, CaseEvent, CaseEventKind, ExtensionAuthority
from ipledger.model.time_limits import Deadline, TimedEvent, deadline, deadline_sql, time_limit
from ipledger.model.tracking import event_log
from ipledger.model.workflow import (
    CaseProcedure,
    CaseState,
    fold_states,
    procedure_of,
    procedure_sql,
    workflow,
)
from ipledger.store import WriteCounts

__all__ = ["CaseRepository", "CaseStatus", "case_deadlines_sql"]

LOG = event_log("case_events")


@attrs.frozen
class CaseStatus:
    """A case on a day: its procedure and state (from its events), the day it closed (its
    last closing, unless reopened since), its deadline (``None``: no statutory limit) and
    every event up to that day."""

    case_no: str
    procedure: CaseProcedure
    state: CaseState
    on: dt.date
    closed_on: dt.date | None
    deadline: Deadline | None
    events: tuple[LoggedEvent, ...]

    @property
    def overdue(self) -> bool:
        """Whether the time limit had passed unmet by that day."""
        d = self.deadline
        return d is not None and d.met_on is None and d.due < self.on


def _order(event: CaseEvent) -> tuple[dt.date, int]:
    return event.occurred_on, list(CaseEventKind).index(event.event)


def case_deadlines_sql(moment: str, on: str) -> str:
    """SQL: every case with a time limit as known at ``moment``, its columns (``closed_date``:
    the effective one), ``procedure``, its deadline on the date expression ``on``
    (`deadline_sql`) and its last event by then."""
    return f"""
        WITH _cases AS (
            SELECT x.*, {procedure_sql("x.types")} AS procedure FROM ({LOG.effective_sql(moment)}) x
        ), _events AS ({LOG.merged_sql(moment)}),
        _last AS (
            SELECT case_no, arg_max(event, (occurred_on, rank)) AS last_event,
                   max(occurred_on) AS last_event_on
            FROM _events WHERE occurred_on <= {on} GROUP BY case_no
        )
        SELECT c.* EXCLUDE (recorded_at, source), d.* EXCLUDE (case_no), l.last_event,
               l.last_event_on
        FROM ({deadline_sql("_cases", "_events", on)}) d
        JOIN _cases c ON c.case_no = d.case_no
        LEFT JOIN _last l ON l.case_no = d.case_no
        WHERE c.opened_date <= {on}
    """


_LISTED = (
    "case_no, types, procedure, region_code, opened_date, respondent_name, last_event,"
    " last_event_on, due AS deadline, {days}, extension_days, extensions, paused_days, suspended"
)


class CaseRepository(Repository[Case, Query[Case]]):
    """Enforcement cases, and the tracker of their workflow and statutory time limits."""

    def events(self, case_no: str, *, as_known_at: Moment | None = None) -> list[LoggedEvent]:
        """Every event of a case, explicit and implied by its dates, in order, as known at a
        moment."""
        moment = timestamp_literal(None if as_known_at is None else as_utc_moment(as_known_at))
        return subject_events(self.store, LOG, [case_no.strip()], moment)

    def status(
        self, case_no: str, *, on: dt.date | None = None, as_known_at: Moment | None = None
    ) -> CaseStatus:
        """The case on the day ``on`` (default today) as known at a moment: state, closing
        day, deadline and the events up to that day."""
        day = on or today()
        case = self.get(case_no, as_known_at=as_known_at)
        known = [
            e
            for e in self.events(case.case_no, as_known_at=as_known_at)
            if e.event.occurred_on <= day
        ]
        flow = workflow(procedure_of(case.types))
        states = fold_states(flow, [(e.event.event, False) for e in known])
        limit = time_limit(flow.procedure)
        closed = _closed_on(known)
        return CaseStatus(
            case_no=case.case_no,
            procedure=flow.procedure,
            state=states[-1] if states else CaseState.OPEN,
            on=day,
            closed_on=closed,
            deadline=None
            if limit is None
            else deadline(limit, case.opened_date, _timed_events([e.event for e in known]), day),
            events=tuple(known),
        )

    def record(
        self,
        event: CaseEvent,
        *,
        recorded_at: Moment | None = None,
        source: str | None = "api",
    ) -> WriteCounts:
        """Record what happened to a case, if its workflow allows it then; else raise
        `IllegalTransitionError` and write nothing.

        The event is placed among the case's events by its day (events of a day in their
        kinds' order); it must be allowed in the state the case was in, and the later
        recorded events must still be allowed after it. An ``extended`` event must be an
        extension the case's time limit still allows, granted by the authority that allows it
        (blank: that one), before the limit ended; a collective decision gives its ``days``.
        Recording the same event again corrects it (actor, reason ...); a ``void`` one cancels
        it. Raises `NotFoundError` for an unknown case.
        """
        if not isinstance(event, CaseEvent):
            raise ValidationError(value=type(event).__name__, reason="expected a CaseEvent")
        with self.store.transaction():
            case = self.get(event.case_no)
            if not event.void:
                event = self._checked(case, event)
            return Repository(self.store, LOG.events).upsert(
                event, recorded_at=recorded_at, source=source
            )

    def _checked(self, case: Case, event: CaseEvent) -> CaseEvent:
        if event.occurred_on < case.opened_date:
            raise ValidationError(
                column="occurred_on",
                value=event.occurred_on.isoformat(),
                reason=f"is before the case was opened ({case.opened_date.isoformat()})",
            )
        key = (event.event, event.occurred_on)
        others = [
            e for e in self.events(case.case_no) if (e.event.event, e.event.occurred_on) != key
        ]
        placed = sorted(
            [*((o.event, o.implied) for o in others), (event, False)],
            key=lambda item: _order(item[0]),
        )
        position = next(i for i, (e, _) in enumerate(placed) if e is event)
        flow = workflow(procedure_of(case.types))
        subject = f"case {case.case_no}"
        fold_states(
            flow,
            [(e.event, i >= position and not implied) for i, (e, implied) in enumerate(placed)],
            subject=subject,
        )
        if event.event is CaseEventKind.EXTENDED:
            before = [e for e, _ in placed[:position]]
            event = self._extension(case, flow.procedure, event, before, subject)
        return event

    def _extension(
        self,
        case: Case,
        procedure: CaseProcedure,
        event: CaseEvent,
        before: list[CaseEvent],
        subject: str,
    ) -> CaseEvent:
        """An extension checked against the time limit, with its authority filled in."""
        limit = time_limit(procedure)
        state = "running"

        def refuse(reason: str) -> IllegalTransitionError:
            return IllegalTransitionError(
                subject=subject, event="extended", state=state, allowed=(), reason=reason
            )

        if limit is None:
            raise refuse(f"a case of the {procedure} procedure has no time limit to extend")
        used = sum(1 for e in before if e.event is CaseEventKind.EXTENDED)
        step = limit.step(used + 1)
        if step is None:
            raise refuse(f"the {procedure} time limit allows {used} extension(s), all used")
        if event.authority is not None and event.authority is not step.authority:
            raise refuse(f"extension {used + 1} is granted by {step.authority}")
        if step.length is None and event.days is None:
            raise ValidationError(
                column="days",
                reason=f"a {ExtensionAuthority.COLLECTIVE} extension sets its days: give them",
            )
        due = deadline(limit, case.opened_date, _timed_events(before), event.occurred_on).due
        if event.occurred_on > due:
            state = "overdue"
            raise refuse(f"the time limit ended on {due.isoformat()}: extend before it ends")
        return attrs.evolve(event, authority=step.authority)

    def overdue(self, *, on: dt.date, as_known_at: Moment | None = None) -> pa.Table:
        """The cases whose statutory time limit had passed unmet on the day ``on``, as known at
        a moment (an overdue list of a past day, as known then, stays what it was after
        later corrections): case, types, procedure, region, opening, respondent, last event,
        ``deadline``, ``days_over``, extension days and authorities used, days paused,
        whether suspended. Most overdue first."""
        return self._listed(on, as_known_at, "due < {on}", "{on} - due AS days_over", "deadline")

    def due_within(self, days: int, *, on: dt.date, as_known_at: Moment | None = None) -> pa.Table:
        """The cases whose time limit ends within ``days`` days of ``on`` (``on`` included),
        unmet and not suspended that day: the columns of `overdue` with ``days_left``
        instead of ``days_over``. Soonest first."""
        if isinstance(days, bool) or not isinstance(days, int) or days < 0:
            raise ValidationError(value=days, column="days", reason="a whole number, not negative")
        return self._listed(
            on,
            as_known_at,
            f"due >= {{on}} AND due <= {{on}} + {days} AND NOT suspended",
            "due - {on} AS days_left",
            "deadline",
        )

    def _listed(
        self, on: dt.date, as_known_at: Moment | None, where: str, days: str, order: str
    ) -> pa.Table:
        if not isinstance(on, dt.date) or isinstance(on, dt.datetime):
            raise ValidationError(value=on, column="on", reason="must be a date")
        moment = timestamp_literal(None if as_known_at is None else as_utc_moment(as_known_at))
        day = date_literal(on)
        columns = _LISTED.format(days=days.format(on=day))
        return self.store.sql(
            f"SELECT {columns} FROM ({case_deadlines_sql(moment, day)})"
            f" WHERE met_on IS NULL AND {where.format(on=day)} ORDER BY {order}, case_no"
        )


def _timed_events(events: Sequence[CaseEvent]) -> list[TimedEvent]:
    return [TimedEvent(e.event, e.occurred_on, e.days, e.authority) for e in events]


def _closed_on(events: Sequence[LoggedEvent]) -> dt.date | None:
    """The day of the last closing, unless the case was reopened on or after it."""
    closed: list[dt.date] = [
        e.event.occurred_on for e in events if e.event.event is CaseEventKind.CLOSED
    ]
    reopened: list[dt.date] = [
        e.event.occurred_on for e in events if e.event.event is CaseEventKind.REOPENED
    ]
    if not closed or (reopened and max(reopened) >= max(closed)):
        return None
    return max(closed)
