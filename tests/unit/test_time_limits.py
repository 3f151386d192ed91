"""Statutory time limits: the deadline arithmetic in Python equals its SQL form (hypothesis), and
the shipped limits give the days the rules say, around the limits."""

from __future__ import annotations

import datetime as dt

import duckdb
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ipledger.model import CaseEventKind, ExtensionAuthority
from ipledger.model.time_limits import (
    TIME_LIMITS,
    DayCount,
    ExtensionStep,
    Length,
    TimedEvent,
    TimeLimit,
    add_months,
    deadline,
    deadline_sql,
    time_limit,
)
from ipledger.model.workflow import CaseProcedure

K = CaseEventKind
OPENED = dt.date(2024, 3, 1)


@pytest.fixture(scope="module")
def con():
    """A bare DuckDB connection with the case and event relations the SQL reads."""
    connection = duckdb.connect()
    yield connection
    connection.close()


def sql_deadline(con, limits, opened, procedure, events, on):
    """The SQL form's row for one case (None when its procedure has no limit)."""
    con.execute(
        "CREATE OR REPLACE TEMP TABLE cs AS SELECT 'A' AS case_no, ?::DATE AS opened_date,"
        " ?::VARCHAR AS procedure",
        [opened, str(procedure)],
    )
    con.execute(
        "CREATE OR REPLACE TEMP TABLE es (case_no VARCHAR, event VARCHAR, occurred_on DATE,"
        " days INTEGER, rank INTEGER)"
    )
    for e in events:
        con.execute(
            "INSERT INTO es VALUES ('A', ?, ?, ?, ?)", [str(e.event), e.occurred_on, e.days, e.rank]
        )
    on_sql = f"DATE '{on.isoformat()}'"
    rows = con.execute(deadline_sql("cs", "es", on_sql, limits)).fetchall()
    return rows[0] if rows else None


_KINDS = [K.EXTENDED, K.SUSPENDED, K.RESUMED, K.DECIDED, K.CLOSED, K.INVESTIGATION]


@st.composite
def case_events(draw):
    """Events of one case: kinds, days from opening (-5..260), an extension's days."""
    items = draw(
        st.lists(
            st.tuples(
                st.sampled_from(_KINDS),
                st.integers(-5, 260),
                st.none() | st.integers(1, 60),
            ),
            max_size=9,
        )
    )
    seen, events = set(), []
    for kind, offset, days in items:
        day = OPENED + dt.timedelta(days=offset)
        if (kind, day) in seen:  # the key of an event: one of a kind per day
            continue
        seen.add((kind, day))
        events.append(TimedEvent(kind, day, days if kind is K.EXTENDED else None))
    return events


@st.composite
def limits(draw):
    """A time limit of random length, extension steps and day counting."""
    months = draw(st.integers(0, 4))
    days = draw(st.integers(0 if months else 1, 120))
    steps = draw(
        st.lists(
            st.builds(
                ExtensionStep,
                st.sampled_from(list(ExtensionAuthority)),
                st.none() | st.builds(Length, st.integers(0, 40), st.integers(0, 2)),
                st.booleans(),
            ),
            max_size=3,
        )
    )
    holidays = draw(st.lists(st.dates(dt.date(2024, 3, 1), dt.date(2025, 6, 1)), max_size=6))
    counting = DayCount(moves_off_weekends=draw(st.booleans()), holidays=tuple(holidays))
    return TimeLimit(
        procedure=CaseProcedure.PENALTY,
        limit=Length(days=days, months=months),
        met_by=(K.DECIDED, K.CLOSED),
        extensions=tuple(steps),
        counting=counting,
        basis="test",
    )


def _same(python, row):
    case_no, due, base, extension_days, extensions, paused, suspended, met_on = row
    assert case_no == "A"
    assert (due, base, extension_days, paused, suspended, met_on) == (
        python.due,
        python.base,
        python.extension_days,
        python.paused_days,
        python.suspended,
        python.met_on,
    )
    assert extensions == [str(a) for a in python.extensions]


@given(
    procedure=st.sampled_from([CaseProcedure.PENALTY, CaseProcedure.DISPUTE]),
    events=case_events(),
    on_offset=st.integers(0, 320),
)
def test_shipped_limits_python_equals_sql(con, procedure, events, on_offset):
    """For the shipped limits, any events and any day, the SQL deadline is the Python one."""
    on = OPENED + dt.timedelta(days=on_offset)
    limit = time_limit(procedure)
    _same(
        deadline(limit, OPENED, events, on),
        sql_deadline(con, TIME_LIMITS, OPENED, procedure, events, on),
    )


@given(
    limit=limits(),
    opened=st.dates(dt.date(2023, 10, 1), dt.date(2024, 4, 30)),
    events=case_events(),
    on_offset=st.integers(0, 320),
)
def test_any_limit_python_equals_sql(con, limit, opened, events, on_offset):
    """For any declared limit (months and days, steps of any kind, weekends and holidays that
    move the end), the SQL deadline is the Python one."""
    shift = opened - OPENED
    moved = [TimedEvent(e.event, e.occurred_on + shift, e.days) for e in events]
    on = opened + dt.timedelta(days=on_offset)
    _same(
        deadline(limit, opened, moved, on),
        sql_deadline(con, (limit,), opened, CaseProcedure.PENALTY, moved, on),
    )


@given(st.dates(dt.date(2000, 1, 1), dt.date(2099, 12, 31)), st.integers(0, 40))
def test_add_months_is_duckdbs(con, day, months):
    """add_months() is DuckDB's date + INTERVAL n MONTH (the last day of a shorter month)."""
    (sql,) = con.execute("SELECT CAST(?::DATE + to_months(?) AS DATE)", [day, months]).fetchone()
    assert add_months(day, months) == sql


def test_no_limit_for_other_cases(con):
    """A case of the 'other' procedure has no time limit: no row in SQL, None in Python."""
    assert time_limit("other") is None
    assert sql_deadline(con, TIME_LIMITS, OPENED, CaseProcedure.OTHER, [], OPENED) is None


def test_penalty_limit_is_90_days_then_30_with_approval_then_collective():
    """Opened 1 March: due 30 May; an approved extension moves it 30 days; a collective one by
    the days it sets; a third step is the collective one again."""
    limit = time_limit("penalty")
    on = dt.date(2024, 5, 29)
    assert deadline(limit, OPENED, [], on).due == dt.date(2024, 5, 30)
    once = [TimedEvent(K.EXTENDED, dt.date(2024, 5, 20))]
    assert deadline(limit, OPENED, once, on).due == dt.date(2024, 6, 29)
    twice = [*once, TimedEvent(K.EXTENDED, dt.date(2024, 6, 25), days=45)]
    result = deadline(limit, OPENED, twice, dt.date(2024, 6, 26))
    assert (result.due, result.extension_days) == (dt.date(2024, 8, 13), 75)
    assert result.extensions == (ExtensionAuthority.APPROVAL, ExtensionAuthority.COLLECTIVE)


def test_dispute_limit_is_3_months_then_at_most_1():
    """Opened 30 November: due 29 February (3 months, month end); one extension of a month,
    or fewer days; a second extension does not move the end."""
    limit = time_limit("dispute")
    opened = dt.date(2023, 11, 30)
    assert deadline(limit, opened, [], opened).due == dt.date(2024, 2, 29)
    one = [TimedEvent(K.EXTENDED, dt.date(2024, 2, 1))]
    assert deadline(limit, opened, one, dt.date(2024, 2, 2)).due == dt.date(2024, 3, 30)
    short = [TimedEvent(K.EXTENDED, dt.date(2024, 2, 1), days=10)]
    assert deadline(limit, opened, short, dt.date(2024, 2, 2)).due == dt.date(2024, 3, 10)
    capped = [TimedEvent(K.EXTENDED, dt.date(2024, 2, 1), days=99)]
    assert deadline(limit, opened, capped, dt.date(2024, 2, 2)).due == dt.date(2024, 3, 30)
    again = [*one, TimedEvent(K.EXTENDED, dt.date(2024, 3, 1))]
    assert deadline(limit, opened, again, dt.date(2024, 3, 2)).due == dt.date(2024, 3, 30)


def test_suspension_moves_the_end_by_its_days_unless_it_starts_after_the_end():
    """Suspended 10 days before the end: the end moves 10 days; a suspension after the end
    moves nothing; one still running keeps the case in time while it runs."""
    limit = time_limit("penalty")
    pause = [
        TimedEvent(K.SUSPENDED, dt.date(2024, 4, 1)),
        TimedEvent(K.RESUMED, dt.date(2024, 4, 11)),
    ]
    assert deadline(limit, OPENED, pause, dt.date(2024, 6, 1)).due == dt.date(2024, 6, 9)
    late = [
        TimedEvent(K.SUSPENDED, dt.date(2024, 6, 2)),
        TimedEvent(K.RESUMED, dt.date(2024, 6, 12)),
    ]
    assert deadline(limit, OPENED, late, dt.date(2024, 6, 20)).due == dt.date(2024, 5, 30)
    running = [TimedEvent(K.SUSPENDED, dt.date(2024, 5, 1))]
    result = deadline(limit, OPENED, running, dt.date(2024, 7, 1))
    assert result.suspended and result.due > dt.date(2024, 7, 1)


def test_the_end_moves_off_weekends_and_holidays_only_if_the_rule_says_so():
    """30 May 2026 is a Saturday: it stays unless the counting moves it (to Monday 1 June, or
    past a declared holiday)."""
    opened = dt.date(2026, 3, 1)
    shipped = time_limit("penalty")
    assert deadline(shipped, opened, [], opened).due == dt.date(2026, 5, 30)
    moving = TimeLimit(
        procedure=CaseProcedure.PENALTY,
        limit=Length(days=90),
        met_by=(K.DECIDED,),
        extensions=(),
        counting=DayCount(moves_off_weekends=True, holidays=(dt.date(2026, 6, 1),)),
        basis="test",
    )
    assert deadline(moving, opened, [], opened).due == dt.date(2026, 6, 2)
