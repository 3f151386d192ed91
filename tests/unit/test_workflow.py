"""The case workflow as data: a transition is taken exactly when the table allows it
(hypothesis), refused ones raise, and the procedure of a case is the same in Python and SQL."""

from __future__ import annotations

import duckdb
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ipledger import IllegalTransitionError
from ipledger.model import CaseEventKind, CaseType
from ipledger.model.workflow import (
    WORKFLOWS,
    CaseState,
    fold_states,
    procedure_of,
    procedure_sql,
)


@given(st.sampled_from(WORKFLOWS), st.lists(st.sampled_from(list(CaseEventKind)), max_size=12))
def test_strict_fold_accepts_exactly_the_allowed_events(flow, events):
    """Folding strictly either accepts every event (each allowed in the state it came in) or
    raises at the first one the table does not allow; nothing is decided once closed."""
    state, previous = None, None
    for index, event in enumerate(events):
        allowed = flow.allowed(state)
        if event not in allowed:
            with pytest.raises(IllegalTransitionError):
                fold_states(flow, [(e, True) for e in events[: index + 1]])
            return
        assert not (state is CaseState.CLOSED and event is CaseEventKind.DECIDED)
        after = flow.next_state(state, previous, event)
        if after is CaseState.SUSPENDED and state is not CaseState.SUSPENDED:
            previous = state
        state = after
    states = fold_states(flow, [(e, True) for e in events])
    assert states[-1:] == ([state] if events else [])


@given(st.sampled_from(WORKFLOWS), st.lists(st.sampled_from(list(CaseEventKind)), max_size=12))
def test_lenient_fold_never_raises(flow, events):
    """Events taken as facts (dated columns, imported histories) always give a state."""
    assert len(fold_states(flow, [(e, False) for e in events])) == len(events)


def test_penalty_cases_close_after_a_decision_disputes_also_by_mediation():
    """Closing an undecided penalty case is refused; a dispute may close while investigated."""
    penalty, dispute = (
        next(w for w in WORKFLOWS if w.procedure == p) for p in ("penalty", "dispute")
    )
    assert CaseEventKind.CLOSED not in penalty.allowed(CaseState.INVESTIGATING)
    assert CaseEventKind.CLOSED in dispute.allowed(CaseState.INVESTIGATING)
    assert (
        penalty.next_state(CaseState.SUSPENDED, CaseState.HEARING, CaseEventKind.RESUMED)
        is CaseState.HEARING
    )


@given(st.sets(st.sampled_from(list(CaseType)), min_size=1))
def test_procedure_python_equals_sql(types):
    """The procedure of any set of case types is the same from procedure_of and procedure_sql."""
    con = duckdb.connect()
    query = f"SELECT {procedure_sql('t')} FROM (SELECT ?::VARCHAR[] AS t)"
    (sql,) = con.execute(query, [[str(t) for t in types]]).fetchone()
    con.close()
    assert sql == procedure_of(types)
