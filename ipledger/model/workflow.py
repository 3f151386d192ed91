"""The case workflow as data: a state machine per procedure, and the procedure of a case.

A case's procedure follows from its types (v1 cases have no procedure column), the first of
`WORKFLOWS` whose types it has: an administrative **penalty** case (行政处罚, trademark
infringement, patent counterfeiting, GI infringement), a patent infringement **dispute** handled
by the IP office (专利侵权纠纷处理), or **other**. Each `Workflow` lists, per event, the
states it may come in and the state it leads to; `Workflow.next_state` refuses any other
with `IllegalTransitionError`. A penalty case is closed only after its
decision (or its transfer to the police); a dispute may also close by mediation or withdrawal
before any ruling; no case is decided once closed.

``resumed`` returns a suspended case to the state it was suspended in; ``extended`` and
``hearing`` leave the state as it is (the time limits, `ipledger.model.time_limits`, say
how many extensions a case may have).

Examples:
    >>> from ipledger.model import CaseType
    >>> flow = workflow_of([CaseType.TRADEMARK_INFRINGEMENT])
    >>> flow.procedure, flow.next_state(CaseState.INVESTIGATING, None, CaseEventKind.DECIDED)
    (<CaseProcedure.PENALTY: 'penalty'>, <CaseState.DECIDED: 'decided'>)
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from typing import Literal

import attrs

from ipledger._sql import list_literal, literal
from ipledger.errors import IllegalTransitionError
from ipledger.model._enums import CaseType
from ipledger.model.events import CaseEventKind, PledgeEventKind

__all__ = [
    "PLEDGE_TRANSITIONS",
    "PREVIOUS",
    "SAME",
    "WORKFLOWS",
    "CaseProcedure",
    "CaseState",
    "PledgeState",
    "Transition",
    "Workflow",
    "fold_pledge_states",
    "fold_states",
    "procedure_of",
    "procedure_sql",
    "workflow",
    "workflow_of",
]


class CaseProcedure(enum.StrEnum):
    """The procedure a case is handled under: administrative penalty (行政处罚), patent
    infringement dispute handled by the IP office (专利侵权纠纷行政处理), or other."""

    PENALTY = "penalty"
    DISPUTE = "dispute"
    OTHER = "other"


class CaseState(enum.StrEnum):
    """Where a case stands (已立案, 调查中, 听证中, 中止, 已作出决定, 已移送公安, 复议/诉讼中,
    已结案)."""

    OPEN = "open"
    INVESTIGATING = "investigating"
    HEARING = "hearing"
    SUSPENDED = "suspended"
    DECIDED = "decided"
    TRANSFERRED = "transferred"
    UNDER_REVIEW = "under_review"
    CLOSED = "closed"


SAME: Literal["same"] = "same"
"""A transition that leaves the state as it is (an extension, a hearing held)."""
PREVIOUS: Literal["previous"] = "previous"
"""A transition back to the state before the suspension (resumed)."""

Target = CaseState | Literal["same", "previous"]


@attrs.frozen
class Transition:
    """``event`` may happen in the states ``from_states`` (``None``: before the case exists)
    and leads to ``to``."""

    event: CaseEventKind
    from_states: tuple[CaseState | None, ...]
    to: Target


@attrs.frozen(kw_only=True)
class Workflow:
    """The allowed transitions of the cases of one procedure, and the case types it covers."""

    procedure: CaseProcedure
    label_zh: str
    case_types: tuple[CaseType, ...]
    transitions: tuple[Transition, ...]
    rule: str
    """Why the table is as it is, in words (shown when a transition is refused)."""

    def allowed(self, state: CaseState | None) -> tuple[CaseEventKind, ...]:
        """The events a case in ``state`` may record, in their order of a day."""
        return tuple(kind for kind in CaseEventKind if self._transition(kind, state) is not None)

    def _transition(self, event: CaseEventKind, state: CaseState | None) -> Transition | None:
        for transition in self.transitions:
            if transition.event is event and state in transition.from_states:
                return transition
        return None

    def next_state(
        self,
        state: CaseState | None,
        previous: CaseState | None,
        event: CaseEventKind,
        *,
        subject: str = "case",
    ) -> CaseState:
        """The state after ``event`` in ``state`` (``previous``: the state a suspended case was
        suspended in), or `IllegalTransitionError`."""
        transition = self._transition(event, state)
        if transition is None:
            raise IllegalTransitionError(
                subject=subject,
                event=str(event),
                state="not opened" if state is None else str(state),
                allowed=[str(k) for k in self.allowed(state)],
                reason=self.rule,
            )
        return _resolve(transition.to, state, previous)

    def lenient_state(
        self, state: CaseState | None, previous: CaseState | None, event: CaseEventKind
    ) -> CaseState:
        """The state after ``event`` taken as a fact (a date column, an imported history): the
        allowed transition if there is one, else where the event leads from anywhere."""
        transition = self._transition(event, state) or next(
            (t for t in self.transitions if t.event is event), None
        )
        if transition is None:  # an event no state allows in this procedure
            return state or CaseState.OPEN
        return _resolve(transition.to, state, previous)


def _resolve(to: Target, state: CaseState | None, previous: CaseState | None) -> CaseState:
    if to == SAME:
        return state or CaseState.OPEN
    if to == PREVIOUS:
        return previous or CaseState.OPEN
    return CaseState(to)


_O, _I, _H = CaseState.OPEN, CaseState.INVESTIGATING, CaseState.HEARING
_RUNNING = (_O, _I, _H)
_E = CaseEventKind


def _common(decided_from: tuple[CaseState, ...]) -> tuple[Transition, ...]:
    """The transitions every procedure has."""
    return (
        Transition(_E.OPENED, (None,), _O),
        Transition(_E.INVESTIGATION, (_O,), _I),
        Transition(_E.HEARING_NOTICE, (_O, _I), _H),
        Transition(_E.HEARING, (_H,), SAME),
        Transition(_E.EXTENDED, _RUNNING, SAME),
        Transition(_E.SUSPENDED, _RUNNING, CaseState.SUSPENDED),
        Transition(_E.RESUMED, (CaseState.SUSPENDED,), PREVIOUS),
        Transition(_E.DECIDED, decided_from, CaseState.DECIDED),
        Transition(_E.APPEALED, (CaseState.DECIDED, CaseState.CLOSED), CaseState.UNDER_REVIEW),
        Transition(
            _E.RECONSIDERATION, (CaseState.DECIDED, CaseState.CLOSED), CaseState.UNDER_REVIEW
        ),
        Transition(_E.REOPENED, (CaseState.CLOSED, CaseState.UNDER_REVIEW), _O),
    )


_CLOSE_AFTER_DECISION = (CaseState.DECIDED, CaseState.TRANSFERRED, CaseState.UNDER_REVIEW)

WORKFLOWS: tuple[Workflow, ...] = (
    Workflow(
        procedure=CaseProcedure.PENALTY,
        label_zh="行政处罚案件",
        case_types=(
            CaseType.TRADEMARK_INFRINGEMENT,
            CaseType.PATENT_COUNTERFEITING,
            CaseType.GI_INFRINGEMENT,
        ),
        transitions=(
            *_common((_I, _H)),
            Transition(_E.TRANSFERRED_TO_POLICE, _RUNNING, CaseState.TRANSFERRED),
            Transition(_E.CLOSED, _CLOSE_AFTER_DECISION, CaseState.CLOSED),
        ),
        rule="a penalty case is decided after investigation, and closed after its decision or "
        "its transfer to the police",
    ),
    Workflow(
        procedure=CaseProcedure.DISPUTE,
        label_zh="专利侵权纠纷案件",
        case_types=(CaseType.PATENT_DISPUTE,),
        transitions=(
            *_common((_I, _H)),
            Transition(_E.CLOSED, (_I, _H, *_CLOSE_AFTER_DECISION), CaseState.CLOSED),
        ),
        rule="a dispute is ruled on after investigation, and closed by a ruling, mediation or "
        "withdrawal",
    ),
    Workflow(
        procedure=CaseProcedure.OTHER,
        label_zh="其他案件",
        case_types=(CaseType.OTHER,),
        transitions=(
            *_common((_O, _I, _H)),
            Transition(_E.TRANSFERRED_TO_POLICE, _RUNNING, CaseState.TRANSFERRED),
            Transition(_E.CLOSED, (*_RUNNING, *_CLOSE_AFTER_DECISION), CaseState.CLOSED),
        ),
        rule="a case is closed once opened; no case is decided once closed",
    ),
)
"""The workflows, in the order a case's types pick its procedure."""


def workflow(procedure: CaseProcedure | str) -> Workflow:
    """The workflow of a procedure (``"penalty"``)."""
    wanted = CaseProcedure(procedure)
    return next(w for w in WORKFLOWS if w.procedure is wanted)


def procedure_of(types: Iterable[CaseType | str]) -> CaseProcedure:
    """The procedure of a case of these types: the first workflow covering any of them
    (`procedure_sql` is the same rule in SQL).

    Examples:
        >>> procedure_of(["patent_dispute"]), procedure_of(["patent_dispute", "gi_infringement"])
        (<CaseProcedure.DISPUTE: 'dispute'>, <CaseProcedure.PENALTY: 'penalty'>)
    """
    given = {CaseType(t) for t in types}
    for flow in WORKFLOWS:
        if given & set(flow.case_types):
            return flow.procedure
    return CaseProcedure.OTHER


def procedure_sql(types: str) -> str:
    """SQL: the procedure of a case whose types are the list expression ``types``."""
    lines = " ".join(
        f"WHEN list_has_any({types}, {list_literal(str(t) for t in flow.case_types)})"
        f" THEN {literal(flow.procedure)}"
        for flow in WORKFLOWS
    )
    return f"(CASE {lines} ELSE {literal(CaseProcedure.OTHER)} END)"


def workflow_of(types: Iterable[CaseType | str]) -> Workflow:
    """The workflow of a case of these types."""
    return workflow(procedure_of(types))


def fold_states(
    flow: Workflow,
    events: Sequence[tuple[CaseEventKind, bool]],
    *,
    subject: str = "case",
) -> list[CaseState]:
    """The state after each event of a case, in order: each ``(event, strict)`` either must be
    allowed (``strict``: an event being recorded, or one after it) or is taken as a fact."""
    states: list[CaseState] = []
    state: CaseState | None = None
    previous: CaseState | None = None
    for event, strict in events:
        if strict:
            after = flow.next_state(state, previous, event, subject=subject)
        else:
            after = flow.lenient_state(state, previous, event)
        if after is CaseState.SUSPENDED and state is not CaseState.SUSPENDED:
            previous = state
        state = after
        states.append(state)
    return states


class PledgeState(enum.StrEnum):
    """Where a pledge registration stands: outstanding (有效), released (已注销), expired
    (期满), enforced (已实现质权)."""

    OUTSTANDING = "outstanding"
    RELEASED = "released"
    EXPIRED = "expired"
    ENFORCED = "enforced"


PLEDGE_TRANSITIONS: tuple[tuple[PledgeEventKind, tuple[PledgeState | None, ...], PledgeState], ...]
PLEDGE_TRANSITIONS = (
    (PledgeEventKind.REGISTERED, (None,), PledgeState.OUTSTANDING),
    (PledgeEventKind.CHANGED, (PledgeState.OUTSTANDING,), PledgeState.OUTSTANDING),
    (
        PledgeEventKind.RELEASED,
        (PledgeState.OUTSTANDING, PledgeState.EXPIRED),
        PledgeState.RELEASED,
    ),
    (PledgeEventKind.EXPIRED, (PledgeState.OUTSTANDING,), PledgeState.EXPIRED),
    (
        PledgeEventKind.ENFORCED,
        (PledgeState.OUTSTANDING, PledgeState.EXPIRED),
        PledgeState.ENFORCED,
    ),
)
"""A pledge's workflow: (event, the states it may come in, the state it leads to). A change
(变更登记) only while outstanding; release or enforcement also after the term ended."""


def fold_pledge_states(
    events: Sequence[tuple[PledgeEventKind, bool]], *, subject: str = "pledge"
) -> list[PledgeState]:
    """The state after each event of a pledge, in order; a ``strict`` event must be allowed
    (`IllegalTransitionError`), the others are taken as facts."""
    states: list[PledgeState] = []
    state: PledgeState | None = None
    for event, strict in events:
        found = next((t for t in PLEDGE_TRANSITIONS if t[0] is event and state in t[1]), None)
        if found is None and strict:
            allowed = [str(t[0]) for t in PLEDGE_TRANSITIONS if state in t[1]]
            raise IllegalTransitionError(
                subject=subject,
                event=str(event),
                state="not registered" if state is None else str(state),
                allowed=allowed,
                reason="a pledge changes while outstanding, and ends once",
            )
        state = (found or next(t for t in PLEDGE_TRANSITIONS if t[0] is event))[2]
        states.append(state)
    return states
