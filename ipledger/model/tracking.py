"""Event logs: the one declared derivation between the subjects' dated columns and their events.

A subject's events come from two sources, and the timeline, the state machines and the
indicators read both, counting each event once:

**explicit** events
    rows of the event entity (``case_events`` ...) that are not ``void``;
**implied** events
    the dated columns of the subject rows (and of related rows): a case's ``opened_date`` is its
    ``opened`` event, a pledge's ``registered_date`` its ``registered`` event, a transfer an
    ``assigned`` or ``licensed`` event of its right. The end of an entity's lifecycle is one
    event too, of the kind its first end names: a pledge ends ``released`` (``released_date``)
    or ``expired`` (the day after ``term_end``), a patent ``lapsed`` or ``expired`` (its
    statutory term), whichever comes first.

An implied event that is also given explicitly (same subject, kind and day) counts once, as the
explicit one (which has the actor and the reason). Explicit events that change what a column
says are **overlays** of the subject row: a case reopened after its ``closed_date`` is open
again, a pledge's ``changed`` event gives its new amount, a ``released`` event its release
date. `EventLog.effective_sql` is the subject rows with the overlays applied: what the
indicators, the overdue lists and the pledge watch read. The subject rows themselves are never
rewritten: a case file exported again carries the same ``closed_date``, and importing the
exchange files (or a source layout mapped onto the same columns) gives the same events.

Everything here renders SQL from the declarations (no I/O); `EVENT_LOGS` lists the logs.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

import attrs

from ipledger._sql import list_literal, literal, quote
from ipledger.model._entity import Entity
from ipledger.model.cases import CASES
from ipledger.model.events import (
    CASE_EVENTS,
    GI_USER_EVENTS,
    INSURANCE_EVENTS,
    PLEDGE_EVENTS,
    RIGHT_EVENTS,
    CaseEventKind,
    GIUserEventKind,
    InsuranceEventKind,
    PledgeEventKind,
    RightEventKind,
)
from ipledger.model.gi import GI_USERS
from ipledger.model.insurance import INSURANCE
from ipledger.model.patents import PATENTS
from ipledger.model.pledges import PLEDGES
from ipledger.model.trademarks import TRADEMARKS
from ipledger.model.transfers import TRANSFERS

__all__ = [
    "EVENT_LOGS",
    "TERM",
    "EarliestDate",
    "EventLog",
    "FinalDate",
    "Implied",
    "LatestValue",
    "Overlay",
    "Source",
    "event_log",
]

TERM = "(statutory term)"
"""In `Source.ends`: the end of the entity's statutory term (a patent's 20 years)."""

_ROW = "x"
_AGG = "e"


@attrs.frozen
class Implied:
    """A subject row implies a ``kind`` event on the date in ``column`` (when it has one); with
    ``only_if`` = (column, token), only rows whose column holds the token; ``detail`` is a SQL
    expression over the row (alias ``x``) describing the event in a timeline."""

    kind: str
    column: str
    only_if: tuple[str, str] | None = None
    detail: str | None = None


@attrs.frozen
class Source:
    """Rows of ``entity`` that imply events of a log: ``subject`` maps each key column of the
    log's subject to a SQL expression over the row (alias ``x``); ``ends`` maps lifecycle end
    columns (or `TERM`) to the event kind that end is (only the earliest end of a row
    is an event). ``overlaid``: the rows are read with the log's overlays applied."""

    entity: Entity
    subject: tuple[tuple[str, str], ...]
    implied: tuple[Implied, ...] = ()
    ends: tuple[tuple[str, str], ...] = ()
    overlaid: bool = False


@attrs.frozen
class LatestValue:
    """``column`` takes the value ``value`` of the latest explicit ``event`` giving one (a
    changed amount), else keeps its own."""

    column: str
    event: str
    value: str


@attrs.frozen
class EarliestDate:
    """``column`` (a date) is the earliest of its own value and the explicit ``events``' days
    (a pledge is released on its ``released`` or ``enforced`` event)."""

    column: str
    events: tuple[str, ...]


@attrs.frozen
class FinalDate:
    """``column`` (a date) is the latest of its own value and the explicit ``event``'s days,
    and empty when an explicit ``undo`` event comes on or after it (a reopened case)."""

    column: str
    event: str
    undo: str


Overlay = LatestValue | EarliestDate | FinalDate
"""How an explicit event changes what a column of the subject says."""


@attrs.frozen(kw_only=True)
class EventLog:
    """The events of one kind of subject: the event entity, the subject entity its overlays
    apply to, the rows that imply events, the overlays, and the kinds in their order of a day.

    Examples:
        >>> log = event_log("case_events")
        >>> log.subject_key, [i.kind for i in log.sources[0].implied]
        (('case_no',), ['opened', 'closed'])
    """

    events: Entity
    kinds: tuple[str, ...]
    sources: tuple[Source, ...]
    subject: Entity | None = None
    overlays: tuple[Overlay, ...] = ()

    @property
    def name(self) -> str:
        """The event entity's name (``case_events``)."""
        return self.events.name

    @property
    def subject_key(self) -> tuple[str, ...]:
        """The event columns naming the subject (``case_no``)."""
        return self.events.key[:-2]

    # -- SQL ------------------------------------------------------------------------------

    def explicit_sql(self, moment: str) -> str:
        """SQL: the explicit events as known at ``moment`` (void ones left out), with
        ``implied`` false, ``detail`` NULL, ``recorded_at`` and ``source``."""
        columns = ", ".join(quote(c) for c in self.events.columns)
        return (
            f"SELECT {columns}, false AS implied, CAST(NULL AS VARCHAR) AS detail,"
            f" recorded_at, source FROM {quote(self.name + '_at')}({moment}) WHERE NOT void"
        )

    def _overlay_parts(self, moment: str) -> tuple[str, list[str]]:
        """(the aggregated explicit events joined to the rows, the REPLACE expressions)."""
        aggregates: list[str] = []
        replaced: list[str] = []
        mine = f"{_ROW}.{{}}"
        for i, overlay in enumerate(self.overlays):
            own = mine.format(quote(overlay.column))
            if isinstance(overlay, LatestValue):
                value = quote(overlay.value)
                given = f"{value} IS NOT NULL"
                if self.events.column(overlay.value).is_list:
                    given += f" AND len({value}) > 0"
                aggregates.append(
                    f"arg_max({value}, occurred_on) FILTER (WHERE event = "
                    f"{literal(overlay.event)} AND {given}) AS v{i}"
                )
                replaced.append(f"coalesce({_AGG}.v{i}, {own}) AS {quote(overlay.column)}")
            elif isinstance(overlay, EarliestDate):
                aggregates.append(
                    f"min(occurred_on) FILTER (WHERE list_contains("
                    f"{list_literal(overlay.events)}, event)) AS v{i}"
                )
                replaced.append(f"least({own}, {_AGG}.v{i}) AS {quote(overlay.column)}")
            else:
                aggregates.append(
                    f"max(occurred_on) FILTER (WHERE event = {literal(overlay.event)}) AS v{i}"
                )
                aggregates.append(
                    f"max(occurred_on) FILTER (WHERE event = {literal(overlay.undo)}) AS u{i}"
                )
                last = f"greatest({own}, {_AGG}.v{i})"
                replaced.append(
                    f"CASE WHEN {_AGG}.u{i} IS NOT NULL AND ({last} IS NULL OR {_AGG}.u{i} >="
                    f" {last}) THEN NULL ELSE {last} END AS {quote(overlay.column)}"
                )
        key = ", ".join(quote(k) for k in self.subject_key)
        joined = (
            f"LEFT JOIN (SELECT {key}, {', '.join(aggregates)}"
            f" FROM {quote(self.name + '_at')}({moment}) WHERE NOT void GROUP BY ALL) {_AGG}"
            " ON "
            + " AND ".join(f"{_AGG}.{quote(k)} = {_ROW}.{quote(k)}" for k in self.subject_key)
        )
        return joined, replaced

    def effective_sql(self, moment: str) -> str:
        """SQL: the subject rows as known at ``moment``, with the overlays applied (the rows
        themselves when the log has none); the subject's columns and ``recorded_at``,
        ``source``."""
        if self.subject is None:
            raise ValueError(f"{self.name} has no subject rows to overlay")
        table = f"{quote(self.subject.name + '_at')}({moment}) {_ROW}"
        if not self.overlays:
            return f"SELECT * FROM {table}"
        joined, replaced = self._overlay_parts(moment)
        return f"SELECT {_ROW}.* REPLACE ({', '.join(replaced)}) FROM {table} {joined}"

    def _rows_sql(self, source: Source, moment: str) -> str:
        if source.overlaid:
            if source.entity is not self.subject:
                raise ValueError(f"{self.name}: only its subject's rows are overlaid")
            return f"({self.effective_sql(moment)})"
        return f"{quote(source.entity.name + '_at')}({moment})"

    def implied_sql(self, moment: str) -> str:
        """SQL: every event the rows of the sources imply, as known at ``moment`` (columns:
        the subject key, ``event``, ``occurred_on``, ``detail``, ``recorded_at``, ``source``)."""
        parts = []
        for source in self.sources:
            rows = self._rows_sql(source, moment)
            subject = ", ".join(f"{expr} AS {quote(name)}" for name, expr in source.subject)
            for implied in source.implied:
                day = f"{_ROW}.{quote(implied.column)}"
                where = f"{day} IS NOT NULL"
                if implied.only_if is not None:
                    where += (
                        f" AND {_ROW}.{quote(implied.only_if[0])} = {literal(implied.only_if[1])}"
                    )
                detail = implied.detail or "NULL"
                parts.append(
                    f"SELECT {subject}, {literal(implied.kind)} AS event, {day} AS occurred_on,"
                    f" CAST({detail} AS VARCHAR) AS detail, {_ROW}.recorded_at, {_ROW}.source"
                    f" FROM {rows} {_ROW} WHERE {where}"
                )
            if source.ends:
                parts.append(self._end_sql(source, rows, subject))
        return "\nUNION ALL\n".join(parts)

    def _end_sql(self, source: Source, rows: str, subject: str) -> str:
        """The earliest lifecycle end of each row, as the event its end names."""
        lifecycle = source.entity.lifecycle_rule
        days: list[tuple[str, str]] = []
        for column, kind in source.ends:
            if column == TERM:
                if lifecycle.term is None:
                    raise ValueError(f"{source.entity.name} has no statutory term")
                started = f"{_ROW}.{quote(lifecycle.start)} IS NOT NULL"
                days.append((f"CASE WHEN {started} THEN {lifecycle.term.end_sql(_ROW)} END", kind))
            else:
                end = next(e for e in lifecycle.ends if e.column == column)
                days.append((end.exclusive_sql(_ROW), kind))
        first = days[0][0] if len(days) == 1 else f"least({', '.join(d for d, _ in days)})"
        kind = " ".join(f"WHEN {d} = _end THEN {literal(k)}" for d, k in days)
        return (
            f"SELECT * EXCLUDE (_end) FROM (SELECT {subject}, CASE {kind} END AS event,"
            f" _end AS occurred_on, CAST(NULL AS VARCHAR) AS detail, {_ROW}.recorded_at,"
            f" {_ROW}.source, _end FROM (SELECT *, {first} AS _end FROM {rows} {_ROW}) {_ROW}"
            " WHERE _end IS NOT NULL)"
        )

    def merged_sql(self, moment: str) -> str:
        """SQL: the subject's events from both sources, as known at ``moment``: the explicit
        ones and the implied ones not also given explicitly; every column of the event
        entity, ``implied``, ``detail``, ``recorded_at``, ``source`` and ``rank`` (the kind's
        place in a day's order)."""
        key = [*self.subject_key, "event", "occurred_on"]
        same = " AND ".join(f"i.{quote(c)} = x.{quote(c)}" for c in key)
        lists = [c for c in self.events.declared_columns if c.is_list]
        fixes = [f"coalesce({quote(c.name)}, []) AS {quote(c.name)}" for c in lists]
        fixes.append("coalesce(void, false) AS void")
        return f"""
            WITH _explicit AS ({self.explicit_sql(moment)}),
                 _implied AS ({self.implied_sql(moment)})
            SELECT * REPLACE ({", ".join(fixes)}),
                   list_position({list_literal(self.kinds)}, event) AS rank
            FROM (
                SELECT * FROM _explicit
                UNION ALL BY NAME
                SELECT i.*, true AS implied FROM _implied i
                WHERE NOT EXISTS (SELECT 1 FROM _explicit x WHERE {same})
            )
        """


def _kinds(vocabulary: type[object]) -> tuple[str, ...]:
    return tuple(str(k) for k in vocabulary)  # type: ignore[attr-defined]


_TRANSFERRED = "CASE WHEN x.to_name IS NOT NULL THEN 'to ' || x.to_name END"

EVENT_LOGS: Mapping[str, EventLog] = MappingProxyType(
    {
        log.name: log
        for log in (
            EventLog(
                events=CASE_EVENTS,
                subject=CASES,
                kinds=_kinds(CaseEventKind),
                sources=(
                    Source(
                        CASES,
                        (("case_no", "x.case_no"),),
                        (Implied("opened", "opened_date"), Implied("closed", "closed_date")),
                    ),
                ),
                overlays=(FinalDate("closed_date", "closed", "reopened"),),
            ),
            EventLog(
                events=PLEDGE_EVENTS,
                subject=PLEDGES,
                kinds=_kinds(PledgeEventKind),
                sources=(
                    Source(
                        PLEDGES,
                        (("pledge_id", "x.pledge_id"),),
                        (Implied("registered", "registered_date"),),
                        ends=(("released_date", "released"), ("term_end", "expired")),
                        overlaid=True,
                    ),
                ),
                overlays=(
                    LatestValue("amount", "changed", "amount"),
                    LatestValue("term_end", "changed", "term_end"),
                    LatestValue("rights", "changed", "rights"),
                    EarliestDate("released_date", ("released", "enforced")),
                ),
            ),
            EventLog(
                events=RIGHT_EVENTS,
                kinds=_kinds(RightEventKind),
                sources=(
                    Source(
                        PATENTS,
                        (("right_no", "x.application_no"), ("right_type", "'patent'")),
                        (Implied("filed", "filing_date"), Implied("granted", "grant_date")),
                        ends=(("lapse_date", "lapsed"), (TERM, "expired")),
                    ),
                    Source(
                        TRADEMARKS,
                        (("right_no", "x.registration_no"), ("right_type", "'trademark'")),
                        (
                            Implied("filed", "application_date"),
                            Implied("granted", "registration_date"),
                            Implied("recognised_well_known", "well_known_date"),
                        ),
                        ends=(("lapse_date", "lapsed"), ("expiry_date", "expired")),
                    ),
                    Source(
                        TRANSFERS,
                        (("right_no", "x.right_no"), ("right_type", "x.right_type")),
                        (
                            Implied("assigned", "date", ("kind", "assignment"), _TRANSFERRED),
                            Implied("licensed", "date", ("kind", "licence"), _TRANSFERRED),
                        ),
                    ),
                ),
            ),
            EventLog(
                events=GI_USER_EVENTS,
                subject=GI_USERS,
                kinds=_kinds(GIUserEventKind),
                sources=(
                    Source(
                        GI_USERS,
                        (("gi_ref", "x.gi_ref"), ("user_id", "x.user_id")),
                        (Implied("approved", "approved_date"),),
                        ends=(("revoked_date", "revoked"),),
                    ),
                ),
            ),
            EventLog(
                events=INSURANCE_EVENTS,
                subject=INSURANCE,
                kinds=_kinds(InsuranceEventKind),
                sources=(
                    Source(
                        INSURANCE,
                        (("policy_no", "x.policy_no"),),
                        (Implied("issued", "start_date"),),
                        ends=(("end_date", "expired"),),
                    ),
                ),
            ),
        )
    }
)
"""Every event log by its event entity's name: cases, pledges, rights (patents, trademarks
and their transfers), GI label users, insurance policies."""


def event_log(name: str) -> EventLog:
    """The event log of an event entity (``"case_events"``); ``KeyError`` for another name."""
    return EVENT_LOGS[name]
