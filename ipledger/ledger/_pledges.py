"""The pledge tracker: record a pledge's events through its workflow (register, change, release,
expire, enforce), and the watch list a bank and the bureau work from, as known at any moment."""

from __future__ import annotations

import datetime as dt

import attrs
import pyarrow as pa

from ipledger._sql import date_literal, literal, quote, timestamp_literal
from ipledger.errors import ValidationError
from ipledger.ledger._events import LoggedEvent, subject_events
from ipledger.ledger._holdings import right_number_sql
from ipledger.ledger._moments import Moment, as_utc_moment, today
from ipledger.ledger._query import PledgeQuery
from ipledger.ledger._repository import Repository
from ipledger.model import ENTITIES, PLEDGES, Pledge, PledgeEvent, PledgeEventKind
from ipledger.model.tracking import event_log
from ipledger.model.workflow import PledgeState, fold_pledge_states
from ipledger.store import WriteCounts

__all__ = ["PledgeRepository", "PledgeWatch", "effective_pledges_sql"]

LOG = event_log("pledge_events")


def effective_pledges_sql(moment: str) -> str:
    """SQL: the pledges as known at ``moment`` with their events applied (a change's amount,
    term end and rights; the release or enforcement day): what the watch and
    ``pledge_outstanding_amount`` read."""
    return LOG.effective_sql(moment)


@attrs.frozen
class PledgeWatch:
    """What needs attention on ``on``: pledges whose term ends within ``within`` days
    (``ending``), pledges whose pledged right stops being in force before their term ends
    (``at_risk``: the right, the day it stops and why), and the outstanding amounts by
    pledgee (``by_pledgee``) and by pledgor (``by_pledgor``); Arrow tables."""

    on: dt.date
    within: int
    ending: pa.Table
    at_risk: pa.Table
    by_pledgee: pa.Table
    by_pledgor: pa.Table

    def sections(self) -> dict[str, pa.Table]:
        """The four lists by name, in the order reports show them."""
        return {
            "ending": self.ending,
            "at_risk": self.at_risk,
            "by_pledgee": self.by_pledgee,
            "by_pledgor": self.by_pledgor,
        }


def _at_risk_sql(moment: str, on: str) -> str:
    """Outstanding pledges joined to each pledged right that ends (lifecycle ``end_sql``: a
    lapse or the statutory term) on or before the pledge's last day."""
    parts = []
    for right in ENTITIES.values():
        if right.right_type is None or right.lifecycle is None:
            continue
        rule = right.lifecycle_rule
        end = rule.end_sql("r")
        lapse = next((e for e in rule.ends if e.column == "lapse_date"), None)
        why = (
            f"CASE WHEN {lapse.exclusive_sql('r')} = {end} THEN 'lapsed' ELSE 'expired' END"
            if lapse is not None
            else "'expired'"
        )
        parts.append(
            f"""SELECT x.pledge_id, x.pledgor_name, x.pledgee_name, x.amount, x.term_end,
                   r.{quote(right.key[0])} AS right_no, {literal(right.right_type)} AS right_type,
                   {end} AS right_ends, {why} AS why, {end} - {on} AS days_to_right_end
            FROM _out x JOIN {quote(right.name + "_at")}({moment}) r
              ON r.{quote(right.key[0])} = x.right_no
            WHERE {end} IS NOT NULL AND {end} <= x.term_end"""
        )
    return " UNION ALL ".join(parts)


def _by(party: str) -> str:
    who = f"coalesce({party}_id, {party}_name)"
    return f"""SELECT any_value({party}_id) AS {party}_id, any_value({party}_name) AS {party}_name,
               count(*) AS pledges, sum(amount) AS outstanding_amount
        FROM (SELECT DISTINCT pledge_id, {party}_id, {party}_name, amount FROM _out)
        WHERE {who} IS NOT NULL GROUP BY {who}
        ORDER BY outstanding_amount DESC, {party}_name"""


class PledgeRepository(Repository[Pledge, PledgeQuery[Pledge]]):
    """Pledge registrations, and the tracker of their events and risks."""

    def outstanding(self, *, on: dt.date) -> PledgeQuery[Pledge]:
        """The pledges outstanding on the date ``on``."""
        return self.find().outstanding(on)

    def events(self, pledge_id: str, *, as_known_at: Moment | None = None) -> list[LoggedEvent]:
        """Every event of a pledge, explicit and implied by its dates, in order."""
        moment = timestamp_literal(None if as_known_at is None else as_utc_moment(as_known_at))
        return subject_events(self.store, LOG, [pledge_id.strip()], moment)

    def state(
        self, pledge_id: str, *, on: dt.date | None = None, as_known_at: Moment | None = None
    ) -> PledgeState:
        """Where the pledge stands on ``on`` (default today), from its events."""
        day = on or today()
        self.get(pledge_id, as_known_at=as_known_at)
        known = [
            e.event.event
            for e in self.events(pledge_id, as_known_at=as_known_at)
            if e.event.occurred_on <= day
        ]
        states = fold_pledge_states([(k, False) for k in known])
        return states[-1] if states else PledgeState.OUTSTANDING

    def record(
        self, event: PledgeEvent, *, recorded_at: Moment | None = None, source: str | None = "api"
    ) -> WriteCounts:
        """Record what happened to a pledge, if its workflow allows it then (a change only
        while outstanding, one end), else raise
        `IllegalTransitionError` and write nothing. A ``changed``
        event gives the new amount, term end or rights."""
        if not isinstance(event, PledgeEvent):
            raise ValidationError(value=type(event).__name__, reason="expected a PledgeEvent")
        if event.event is PledgeEventKind.CHANGED and not (
            event.amount is not None or event.term_end is not None or event.rights
        ):
            raise ValidationError(
                column="event", value="changed", reason="a change gives amount, term_end or rights"
            )
        with self.store.transaction():
            pledge = self.get(event.pledge_id)
            if event.occurred_on < pledge.registered_date:
                raise ValidationError(
                    column="occurred_on",
                    value=event.occurred_on.isoformat(),
                    reason=f"is before the registration ({pledge.registered_date.isoformat()})",
                )
            if not event.void:
                key = (event.event, event.occurred_on)
                kinds = list(PledgeEventKind)
                others = [
                    (e.event, e.implied)
                    for e in self.events(pledge.pledge_id)
                    if (e.event.event, e.event.occurred_on) != key
                ]
                placed = sorted(
                    [*others, (event, False)],
                    key=lambda item: (item[0].occurred_on, kinds.index(item[0].event)),
                )
                position = next(i for i, (e, _) in enumerate(placed) if e is event)
                fold_pledge_states(
                    [
                        (e.event, i >= position and not implied)
                        for i, (e, implied) in enumerate(placed)
                    ],
                    subject=f"pledge {pledge.pledge_id}",
                )
            return Repository(self.store, LOG.events).upsert(
                event, recorded_at=recorded_at, source=source
            )

    def watch(
        self, *, on: dt.date, within: int = 90, as_known_at: Moment | None = None
    ) -> PledgeWatch:
        """The pledge watch list on ``on`` (see `PledgeWatch`), as known at a moment,
        with every change, release and enforcement recorded as an event applied."""
        if not isinstance(on, dt.date) or isinstance(on, dt.datetime):
            raise ValidationError(value=on, column="on", reason="must be a date")
        if isinstance(within, bool) or not isinstance(within, int) or within < 0:
            raise ValidationError(value=within, column="within", reason="a whole number of days")
        moment = timestamp_literal(None if as_known_at is None else as_utc_moment(as_known_at))
        day = date_literal(on)
        outstanding = PLEDGES.lifecycle_rule.holds_sql(day, alias="x")
        base = (
            f"WITH _out AS (SELECT x.* EXCLUDE (rights, recorded_at, source),"
            f" {right_number_sql('r')} AS right_no"
            f" FROM ({effective_pledges_sql(moment)}) x, unnest(CASE WHEN len(x.rights) = 0"
            f" THEN [NULL] ELSE x.rights END) AS t(r) WHERE {outstanding}) "
        )
        with self.store.snapshot():  # the four lists from one state of the ledger
            ending = self.store.sql(
                base
                + f"""SELECT DISTINCT pledge_id, pledgor_id, pledgor_name, pledgee_id,
                       pledgee_name, amount, registered_date, term_end,
                       term_end - {day} AS days_left
                FROM _out WHERE term_end BETWEEN {day} AND {day} + {within}
                ORDER BY term_end, pledge_id"""
            )
            at_risk = self.store.sql(
                base + f"SELECT * FROM ({_at_risk_sql(moment, day)}) ORDER BY right_ends, pledge_id"
            )
            return PledgeWatch(
                on=on,
                within=within,
                ending=ending,
                at_risk=at_risk,
                by_pledgee=self.store.sql(base + _by("pledgee")),
                by_pledgor=self.store.sql(base + _by("pledgor")),
            )
