"""The tracker end to end on real ledger files: case and pledge lifecycles through the API and
through imports, overdue lists around the limits, illegal transitions writing nothing, events
imported twice counted once, past lists reproducible after corrections, timelines, portfolios
and the cross-entity questions."""

from __future__ import annotations

import datetime as dt
import pickle
from decimal import Decimal

import pytest

from ipledger import Case, IllegalTransitionError, Patent, Pledge, Transfer
from ipledger.model import CaseEvent, PledgeEvent
from ipledger.model.workflow import CaseState, PledgeState
from ipledger.stats import compute_indicators

D = dt.date
OPENED = D(2024, 3, 1)  # a 90-day penalty limit ends on 30 May


def _case(ledger, case_no="C1", types=("trademark_infringement",), **more):
    ledger.cases.upsert(
        Case(case_no=case_no, types=types, opened_date=OPENED, region_code="440703", **more)
    )


def _event(case_no="C1", **fields):
    return CaseEvent(case_no=case_no, **fields)


def _overdue(ledger, on, **known):
    return ledger.cases.overdue(on=on, **known)["case_no"].to_pylist()


def test_full_case_lifecycle_with_one_extension(ledger):
    """open -> investigate -> extend (approved) -> decide -> close: the state follows each
    event, the deadline moves 30 days, the case is in time and counted so."""
    _case(ledger)
    ledger.cases.record(_event(event="investigation", occurred_on=D(2024, 3, 5), actor="李"))
    ledger.cases.record(
        _event(event="extended", occurred_on=D(2024, 5, 25), reference="批〔2024〕3号")
    )
    assert ledger.cases.status("C1", on=D(2024, 6, 1)).deadline.due == D(2024, 6, 29)
    ledger.cases.record(_event(event="decided", occurred_on=D(2024, 6, 20)))
    ledger.cases.record(_event(event="closed", occurred_on=D(2024, 6, 28)))
    status = ledger.cases.status("C1", on=D(2024, 7, 1))
    assert (status.state, status.closed_on, status.overdue) == (
        CaseState.CLOSED,
        D(2024, 6, 28),
        False,
    )
    assert [str(e.event.event) for e in status.events] == [
        "opened", "investigation", "extended", "decided", "closed"
    ]  # fmt: skip
    assert status.events[0].implied and not status.events[1].implied
    table = compute_indicators(ledger, ["2024"], regions=["440700"],
                               indicators=["case_closed_in_time_share", "ip_cases_closed"])  # fmt: skip
    values = dict(zip(table["indicator"].to_pylist(), table["value"].to_pylist(), strict=True))
    assert values == {"ip_cases_closed": 1.0, "case_closed_in_time_share": 100.0}


@pytest.mark.parametrize(
    ("on", "overdue"), [(D(2024, 5, 29), False), (D(2024, 5, 30), False), (D(2024, 5, 31), True)]
)
def test_overdue_the_day_before_of_and_after_the_limit(ledger, on, overdue):
    """A penalty case opened 1 March is due 30 May: not overdue the day before nor on the
    day, overdue the day after (1 day over); due within 14 days before that."""
    _case(ledger)
    assert (_overdue(ledger, on) == ["C1"]) is overdue
    if overdue:
        assert ledger.cases.overdue(on=on)["days_over"].to_pylist() == [1]
    else:
        due = ledger.cases.due_within(14, on=on)
        assert due["case_no"].to_pylist() == ["C1"]
        assert due["days_left"].to_pylist() == [(D(2024, 5, 30) - on).days]


def test_a_suspension_moves_the_deadline(ledger):
    """Suspended 10 days: due 9 June, so not overdue on 1 June; overdue on 10 June."""
    _case(ledger)
    ledger.cases.record(_event(event="investigation", occurred_on=D(2024, 3, 2)))
    ledger.cases.record(_event(event="suspended", occurred_on=D(2024, 4, 1), reason="鉴定"))
    assert ledger.cases.status("C1", on=D(2024, 4, 5)).state is CaseState.SUSPENDED
    ledger.cases.record(_event(event="resumed", occurred_on=D(2024, 4, 11)))
    assert ledger.cases.status("C1", on=D(2024, 4, 12)).state is CaseState.INVESTIGATING
    assert _overdue(ledger, D(2024, 6, 9)) == []
    row = ledger.cases.overdue(on=D(2024, 6, 10)).to_pylist()[0]
    assert (row["deadline"], row["paused_days"], row["days_over"]) == (D(2024, 6, 9), 10, 1)


@pytest.mark.parametrize(
    ("events", "illegal"),
    [
        ([("investigation", D(2024, 3, 2))], ("closed", D(2024, 3, 9))),  # closed, never decided
        (
            [
                ("investigation", D(2024, 3, 2)),
                ("decided", D(2024, 3, 9)),
                ("closed", D(2024, 3, 10)),
            ],
            ("decided", D(2024, 3, 20)),
        ),  # deciding a closed case
        ([("investigation", D(2024, 3, 2))], ("decided", D(2024, 3, 1))),  # before investigation
        (
            [("extended", D(2024, 5, 1))],
            ("extended", D(2024, 5, 2)),
        ),  # a collective extension without its days
        ([], ("extended", D(2024, 6, 1))),  # after the limit ended
    ],
)
def test_illegal_transitions_raise_and_write_nothing(ledger, events, illegal):
    """Each refused event raises (IllegalTransitionError, or a ValidationError for a missing
    value) and leaves the case's events exactly as they were."""
    _case(ledger)
    for kind, day in events:
        ledger.cases.record(_event(event=kind, occurred_on=day))
    before = ledger.sql("SELECT * FROM case_events ORDER BY ALL").to_pylist()
    with pytest.raises((IllegalTransitionError, ValueError)):
        ledger.cases.record(_event(event=illegal[0], occurred_on=illegal[1]))
    assert ledger.sql("SELECT * FROM case_events ORDER BY ALL").to_pylist() == before


def test_illegal_transition_error_pickles_with_its_fields(ledger):
    """The error names the case, the event, the state and what is allowed, and pickles."""
    _case(ledger)
    with pytest.raises(IllegalTransitionError) as caught:
        ledger.cases.record(_event(event="closed", occurred_on=D(2024, 3, 3)))
    copy = pickle.loads(pickle.dumps(caught.value))
    assert (copy.subject, copy.event, copy.state) == ("case C1", "closed", "open")
    assert "investigation" in copy.allowed and str(copy) == str(caught.value)


def test_dispute_may_close_by_mediation_and_has_3_months(ledger):
    """A patent dispute closes before any ruling (mediation) and is due 3 months after."""
    _case(ledger, "P1", ("patent_dispute",))
    assert ledger.cases.due_within(5, on=D(2024, 5, 30))["deadline"].to_pylist() == [D(2024, 6, 1)]
    ledger.cases.record(_event("P1", event="investigation", occurred_on=D(2024, 3, 2)))
    ledger.cases.record(_event("P1", event="closed", occurred_on=D(2024, 4, 2), reason="调解"))
    assert ledger.cases.status("P1", on=D(2024, 4, 3)).state is CaseState.CLOSED


def test_events_imported_twice_count_once_and_match_the_api(ledger, tmp_path):
    """A case_events file imported twice writes its events once (the second import changes
    nothing), and gives the same lists as recording them through the API."""
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "cases.csv").write_text(
        "案号,案件类型,立案日期,行政区划代码\nC1,trademark_infringement,2024-03-01,440703\n",
        encoding="utf-8",
    )
    (folder / "案件事件.csv").write_text(
        "案号,事件,发生日期,经办人,文号\nC1,investigation,2024-03-02,李,\n"
        "C1,extended,2024-05-20,李,批1\n",
        encoding="utf-8",
    )
    first = ledger.import_dataset(folder)
    second = ledger.import_dataset(folder)
    assert first.ok and second.inserted == 0
    assert ledger.sql("SELECT count(*) AS n FROM case_events").to_pylist() == [{"n": 2}]
    assert _overdue(ledger, D(2024, 6, 29)) == []
    assert _overdue(ledger, D(2024, 6, 30)) == ["C1"]


def test_overdue_list_as_known_then_is_reproducible_after_corrections(ledger):
    """The overdue list of 31 May as known that day still lists the case after a back-dated
    extension recorded on 3 June removes it from today's view."""
    ledger.cases.upsert(
        Case(case_no="C1", types=("trademark_infringement",), opened_date=OPENED),
        recorded_at="2024-03-01",
    )
    ledger.repository("case_events").upsert(
        _event(event="investigation", occurred_on=D(2024, 3, 2)), recorded_at="2024-03-02"
    )
    then = "2024-05-31T18:00:00+08:00"
    assert _overdue(ledger, D(2024, 5, 31)) == ["C1"]
    ledger.repository("case_events").upsert(
        _event(event="extended", occurred_on=D(2024, 5, 28), reference="补录"),
        recorded_at=dt.datetime(2024, 6, 3),
    )
    assert _overdue(ledger, D(2024, 5, 31)) == []
    assert _overdue(ledger, D(2024, 5, 31), as_known_at=then) == ["C1"]


def test_reopened_case_is_open_again_for_the_indicators(ledger):
    """A case closed by its file and reopened by an event is not closed any more."""
    _case(ledger, closed_date=D(2024, 4, 1))
    ledger.cases.record(_event(event="reopened", occurred_on=D(2024, 5, 1)))
    assert ledger.cases.status("C1", on=D(2024, 5, 2)).closed_on is None
    table = compute_indicators(ledger, ["2024"], regions=["440700"], indicators=["ip_cases_closed"])
    assert table["value"].to_pylist() == [0.0]


def _pledge(ledger):
    ledger.patents.upsert(
        Patent(application_no="ZL 2013 1 0123524.5", filing_date=D(2013, 3, 1),
               grant_date=D(2015, 8, 1), holder_id="A", region_code="440703")
    )  # fmt: skip
    ledger.pledges.upsert(
        Pledge(pledge_id="Y1", registered_date=D(2023, 3, 1), amount=Decimal("12000000"),
               term_end=D(2024, 2, 28), rights=("ZL 2013 1 0123524.5",), pledgor_id="A",
               pledgor_name="甲公司", pledgee_name="工商银行", region_code="440703")
    )  # fmt: skip


def test_pledge_register_change_amount_release(ledger):
    """register -> change the amount and term -> release: the state, the outstanding
    indicator and the watch follow the events; a change after release is refused."""
    _pledge(ledger)
    ledger.pledges.record(
        PledgeEvent(pledge_id="Y1", event="changed", occurred_on=D(2023, 9, 1),
                    amount=Decimal("15000000"), term_end=D(2034, 2, 28))
    )  # fmt: skip
    table = compute_indicators(ledger, ["2023"], regions=["440700"], indicators=["pledge_outstanding_amount"])  # fmt: skip
    assert table["value"].to_pylist() == [15_000_000.0]
    watch = ledger.pledges.watch(on=D(2024, 1, 1), within=90)
    assert watch.ending.num_rows == 0  # the term was extended
    risk = watch.at_risk.to_pylist()
    assert [(r["right_no"], r["right_ends"], r["why"]) for r in risk] == [
        ("2013101235245", D(2033, 3, 1), "expired")
    ]
    assert watch.by_pledgee.to_pylist()[0]["outstanding_amount"] == Decimal("15000000.00")
    ledger.pledges.record(PledgeEvent(pledge_id="Y1", event="released", occurred_on=D(2024, 1, 10)))
    assert ledger.pledges.state("Y1", on=D(2024, 1, 11)) is PledgeState.RELEASED
    before = ledger.sql("SELECT count(*) AS n FROM pledge_events").to_pylist()
    with pytest.raises(IllegalTransitionError):
        ledger.pledges.record(
            PledgeEvent(pledge_id="Y1", event="changed", occurred_on=D(2024, 2, 1), amount=1)
        )
    assert ledger.sql("SELECT count(*) AS n FROM pledge_events").to_pylist() == before
    assert ledger.pledges.watch(on=D(2024, 1, 11)).by_pledgee.num_rows == 0


def test_watch_lists_terms_ending_within_the_days(ledger):
    """A term ending 28 February is listed from 90 days before, with the days left."""
    _pledge(ledger)
    assert ledger.pledges.watch(on=D(2023, 11, 29), within=90).ending.num_rows == 0
    ending = ledger.pledges.watch(on=D(2023, 12, 1), within=90).ending.to_pylist()
    assert [(r["pledge_id"], r["days_left"]) for r in ending] == [("Y1", 89)]


def test_timeline_and_portfolio(ledger):
    """The timeline of a patent lists filing, grant, assignment, pledge and case events in
    date order; the assignee's portfolio holds the patent from the assignment on."""
    _pledge(ledger)
    ledger.transfers.upsert(
        Transfer(right_no="ZL 2013 1 0123524.5", date=D(2020, 1, 1), to_id="B", to_name="乙")
    )
    _case(ledger, "P1", ("patent_dispute",), rights=("2013101235245",), respondent_id="Z")
    line = ledger.timeline("ZL 2013 1 0123524.5", on=D(2024, 6, 1))
    assert [(e.occurred_on, e.event) for e in line.events] == [
        (D(2013, 3, 1), "filed"), (D(2015, 8, 1), "granted"), (D(2020, 1, 1), "assigned"),
        (D(2023, 3, 1), "registered"), (D(2024, 2, 29), "expired"), (D(2024, 3, 1), "opened"),
    ]  # fmt: skip
    assert line.to_arrow().num_rows == 6
    assert ledger.party("B").portfolio(on=D(2019, 12, 31)).patents.num_rows == 0
    assert ledger.party("B").portfolio(on=D(2020, 1, 1)).patents.num_rows == 1
    assert ledger.party("A").portfolio(on=D(2024, 1, 1)).pledges["role"].to_pylist() == ["pledgor"]
    assert ledger.party("Z").portfolio(on=D(2024, 6, 1)).cases["role"].to_pylist() == ["respondent"]


def test_cross_entity_questions(ledger):
    """Pledged then litigated (and the reverse), rights pledged during a case, and the
    pledged amount of a high-value patent."""
    _pledge(ledger)
    _case(ledger, "P1", ("patent_dispute",), rights=("2013101235245",))
    later = ledger.questions.pledged_then_litigated()
    assert (later.part, later.whole, later.share) == (1, 1, 100.0)
    assert ledger.questions.litigated_then_pledged().part == 0
    assert ledger.questions.pledged_during_case().num_rows == 0
    ledger.pledges.upsert(
        Pledge(pledge_id="Y2", registered_date=D(2024, 4, 1), amount=Decimal("20000000"),
               term_end=D(2025, 3, 31), rights=("2013101235245",))
    )  # fmt: skip
    assert ledger.questions.pledged_during_case()["pledge_id"].to_pylist() == ["Y2"]
    rows = ledger.questions.pledged_amount_per_high_value_patent(on=D(2024, 6, 1)).to_pylist()
    assert [(r["application_no"], r["pledged_amount"]) for r in rows] == [
        ("2013101235245", Decimal("20000000.00"))
    ]
