"""Timelines of a right and portfolios of a party, as known at any moment.

`timeline` merges what happened to one patent or trademark — its filing, grant,
assignments and licences, the pledges and cases that name it, its lapse or expiry and the
events recorded for it — in date order. `PartyView` is one party's portfolio: the rights
it held on a day (its own, moved by assignments), its pledges as pledgor or pledgee, its
insurance policies and its cases as respondent or right holder.
"""

from __future__ import annotations

import datetime as dt

import attrs
import pyarrow as pa

from ipledger._sql import date_literal, list_literal, literal, quote, timestamp_literal
from ipledger.codes import parse_trademark_number
from ipledger.errors import ValidationError
from ipledger.ledger._moments import Moment, as_utc_moment, today
from ipledger.model import ENTITIES, canonical_patent_number
from ipledger.model.tracking import EVENT_LOGS, EventLog
from ipledger.store import Store

__all__ = ["PartyView", "Portfolio", "Timeline", "TimelineEvent", "right_number", "timeline"]

_LOG_ORDER = ("right_events", "pledge_events", "case_events")


def right_number(text: str) -> str:
    """A patent or trademark number in the canonical form the ledger keys it by.

    Examples:
        >>> right_number("ZL 2013 1 0123524.5"), right_number(" 12345678 ")
        ('2013101235245', '12345678')
    """
    for parse in (canonical_patent_number, parse_trademark_number):
        try:
            return parse(text)
        except ValidationError:
            continue
    return text.strip()


@attrs.frozen
class TimelineEvent:
    """One event in a right's timeline: the day, the log it comes from (``right_events``,
    ``pledge_events``, ``case_events``), the subject (the right, a pledge, a case), the kind,
    who and why, a detail (an assignee), whether a dated column implies it, and when it was
    recorded."""

    occurred_on: dt.date
    log: str
    subject: str
    event: str
    actor: str | None
    reason: str | None
    reference: str | None
    detail: str | None
    implied: bool
    recorded_at: dt.datetime


@attrs.frozen
class Timeline:
    """A right's events in date order (`events`; `to_arrow` for the table)."""

    number: str
    table: pa.Table

    @property
    def events(self) -> tuple[TimelineEvent, ...]:
        """The events as typed records."""
        return tuple(TimelineEvent(**row) for row in self.table.to_pylist())

    def to_arrow(self) -> pa.Table:
        """The events as an Arrow table (the columns of `TimelineEvent`)."""
        return self.table


def _select(log: EventLog, moment: str, where: str) -> str:
    subject = " || ' / ' || ".join(f"CAST({quote(k)} AS VARCHAR)" for k in log.subject_key)
    return (
        f"SELECT occurred_on, {literal(log.name)} AS log, {subject} AS subject, event, actor,"
        f" reason, reference, detail, implied, recorded_at, rank"
        f" FROM ({log.merged_sql(moment)}) WHERE {where}"
    )


def timeline(
    store: Store, number: str, *, on: dt.date | None = None, as_known_at: Moment | None = None
) -> Timeline:
    """The timeline of a patent or trademark up to ``on`` (default today), as known at a
    moment: its own events, and those of the pledges and cases that name it."""
    canonical = right_number(number)
    moment = timestamp_literal(None if as_known_at is None else as_utc_moment(as_known_at))
    day = date_literal(on or today())
    rights = EVENT_LOGS["right_events"]
    pledges = EVENT_LOGS["pledge_events"]
    cases = EVENT_LOGS["case_events"]
    named = "{key} IN (SELECT {key} FROM ({rows}) WHERE list_contains(rights, ?))"
    parts = [
        _select(rights, moment, "right_no = ?"),
        _select(
            pledges,
            moment,
            named.format(key="pledge_id", rows=pledges.effective_sql(moment)),
        ),
        _select(
            cases, moment, named.format(key="case_no", rows=f"SELECT * FROM cases_at({moment})")
        ),
    ]
    order = list_literal(_LOG_ORDER)
    table = store.sql(
        f"SELECT * EXCLUDE (rank) FROM ({' UNION ALL '.join(parts)}) WHERE occurred_on <= {day}"
        f" ORDER BY occurred_on, list_position({order}, log), rank, subject",
        [canonical, canonical, canonical],
    )
    return Timeline(canonical, table)


@attrs.frozen
class Portfolio:
    """What a party had on ``on``, as known at a moment: ``patents`` and ``trademarks`` it
    held (with ``in_force``), ``pledges`` (its ``role``: pledgor or pledgee, and
    ``outstanding``), ``insurance`` (``in_force``) and ``cases`` (``role``: respondent or
    right holder, ``closed_date`` with the case events applied)."""

    party_id: str
    on: dt.date
    patents: pa.Table
    trademarks: pa.Table
    pledges: pa.Table
    insurance: pa.Table
    cases: pa.Table


def _held_sql(entity_name: str, moment: str, on: str) -> str:
    right = ENTITIES[entity_name]
    key = quote(right.key[0])
    in_force = right.lifecycle_rule.flag_sql(on, alias="x")
    return f"""
        SELECT x.* EXCLUDE (recorded_at, source), {in_force} AS in_force
        FROM {quote(entity_name + "_at")}({moment}) x
        LEFT JOIN (
            SELECT right_no, arg_max(to_id, (date, recorded_at)) AS to_id
            FROM transfers_at({moment})
            WHERE kind = 'assignment' AND right_type = {literal(str(right.right_type))}
              AND date <= {on}
            GROUP BY right_no
        ) t ON t.right_no = x.{key}
        WHERE coalesce(t.to_id, x.holder_id) = ? ORDER BY x.{key}
    """


class PartyView:
    """One party of the ledger (``ledger.party(party_id)``)."""

    def __init__(self, store: Store, party_id: str) -> None:
        self.store = store
        self.party_id = ENTITIES["parties"].canonical("party_id", party_id)

    def __repr__(self) -> str:
        return f"<Party {self.party_id} of {self.store.path}>"

    def portfolio(
        self, *, on: dt.date | None = None, as_known_at: Moment | None = None
    ) -> Portfolio:
        """The party's rights, pledges, insurance and cases on ``on`` (default today), as
        known at a moment (see `Portfolio`)."""
        day_value = on or today()
        day = date_literal(day_value)
        moment = timestamp_literal(None if as_known_at is None else as_utc_moment(as_known_at))
        me = [self.party_id]
        with self.store.snapshot():  # every list of the portfolio from one state
            return self._portfolio(day_value, day, moment, me)

    def _portfolio(self, day_value: dt.date, day: str, moment: str, me: list[str]) -> Portfolio:
        pledges = EVENT_LOGS["pledge_events"].effective_sql(moment)
        cases = EVENT_LOGS["case_events"].effective_sql(moment)
        outstanding = ENTITIES["pledges"].lifecycle_rule.flag_sql(day, alias="x")
        covered = ENTITIES["insurance"].lifecycle_rule.flag_sql(day, alias="x")
        return Portfolio(
            party_id=self.party_id,
            on=day_value,
            patents=self.store.sql(_held_sql("patents", moment, day), me),
            trademarks=self.store.sql(_held_sql("trademarks", moment, day), me),
            pledges=self.store.sql(
                f"""SELECT CASE WHEN x.pledgor_id = $1 THEN 'pledgor' ELSE 'pledgee' END AS role,
                       x.* EXCLUDE (recorded_at, source), {outstanding} AS outstanding
                FROM ({pledges}) x WHERE (x.pledgor_id = $1 OR x.pledgee_id = $1)
                  AND x.registered_date <= {day} ORDER BY x.registered_date, x.pledge_id""",
                me,
            ),
            insurance=self.store.sql(
                f"""SELECT x.* EXCLUDE (recorded_at, source), {covered} AS in_force
                FROM insurance_at({moment}) x WHERE x.insured_id = ?
                  AND coalesce(x.start_date <= {day}, true) ORDER BY x.policy_no""",
                me,
            ),
            cases=self.store.sql(
                f"""SELECT CASE WHEN x.respondent_id = $1 THEN 'respondent' ELSE 'right_holder'
                       END AS role, x.* EXCLUDE (recorded_at, source)
                FROM ({cases}) x WHERE (x.respondent_id = $1 OR x.right_holder_id = $1)
                  AND x.opened_date <= {day} ORDER BY x.opened_date, x.case_no""",
                me,
            ),
        )
