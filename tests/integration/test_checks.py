"""Consistency checks before publishing, each on a hand-made ledger with one problem."""

from __future__ import annotations

from decimal import Decimal

import pyarrow as pa

from ipledger import Case, Party, Patent, Target, Trademark, Transfer
from ipledger.stats import BREAKDOWN_CHECK, CHECKS, breakdown_findings, run_checks
from tests.stats_helpers import JIANGMEN, PENGJIANG, D, T, pledge, pn, write_raw


def _by_check(findings):
    out: dict[str, list[str]] = {}
    for f in findings:
        out.setdefault(f.check, []).append(f.key)
    return out


def test_clean_ledger_has_no_findings(ledger):
    """Consistent data: no findings at all (including the breakdown check of the last year)."""
    ledger.patents.upsert(
        Patent(
            application_no=pn(1),
            region_code=JIANGMEN,
            filing_date=D(2015, 1, 1),
            grant_date=D(2018, 1, 1),
        )
    )
    ledger.pledges.upsert(pledge("Y1", D(2023, 3, 1), 5, term_end=D(2024, 3, 1), rights=[pn(1)]))
    ledger.cases.upsert(
        Case(
            case_no="C1",
            types=["other"],
            region_code=JIANGMEN,
            opened_date=D(2023, 1, 1),
            closed_date=D(2023, 2, 1),
        )
    )
    assert run_checks(ledger) == []


def test_pledges_outliving_or_outside_the_rights_term(ledger):
    """A pledge term past the patent's lapse or statutory expiry (20 years for inventions, 10
    for utility models, 15 for designs filed from 2021-06-01), a pledge after the lapse, and
    a pledge before the grant are each reported."""
    ledger.patents.upsert(
        [
            Patent(
                application_no=pn(1),
                region_code=JIANGMEN,
                filing_date=D(2004, 1, 1),
                grant_date=D(2006, 1, 1),
            ),
            Patent(
                application_no=pn(2, "2", 2015),
                region_code=JIANGMEN,
                filing_date=D(2015, 1, 1),
                grant_date=D(2015, 6, 1),
            ),
            Patent(
                application_no=pn(3, "3", 2022),
                region_code=JIANGMEN,
                filing_date=D(2022, 1, 1),
                grant_date=D(2022, 6, 1),
            ),
            Patent(
                application_no=pn(4),
                region_code=JIANGMEN,
                filing_date=D(2018, 1, 1),
                grant_date=D(2020, 1, 1),
                lapse_date=D(2023, 1, 1),
            ),
            Patent(application_no=pn(5), region_code=JIANGMEN, filing_date=D(2022, 1, 1)),
        ]
    )
    ledger.trademarks.upsert(
        Trademark(
            registration_no="77",
            region_code=JIANGMEN,
            registration_date=D(2010, 1, 1),
            lapse_date=D(2023, 1, 1),
        )
    )
    ledger.pledges.upsert(
        [
            # pn(1), filed 2004-01-01, is in force to 2023-12-31 and ends on 2024-01-01 (专利审查
            # 指南: the term ends on the filing date's anniversary): A ends with it, A2 outlives
            pledge("A", D(2023, 1, 1), 1, term_end=D(2023, 12, 31), rights=[pn(1)]),
            pledge("A2", D(2023, 1, 1), 1, term_end=D(2024, 1, 1), rights=[pn(1)]),
            pledge("B", D(2023, 1, 1), 1, term_end=D(2025, 1, 2), rights=[pn(2, "2", 2015)]),
            # a design filed 2022-01-01 has 15 years: in force to 2036-12-31
            pledge("C", D(2023, 1, 1), 1, term_end=D(2036, 12, 31), rights=[pn(3, "3", 2022)]),
            pledge("C2", D(2023, 1, 1), 1, term_end=D(2037, 1, 1), rights=[pn(3, "3", 2022)]),
            pledge("D", D(2022, 1, 1), 1, term_end=D(2023, 6, 1), rights=[pn(4)]),
            pledge("E", D(2023, 1, 1), 1, rights=[pn(4), "77"]),
            pledge("F", D(2023, 1, 1), 1, rights=[pn(5)]),
            pledge(
                "G",
                D(2021, 1, 1),
                1,
                rights=["ZL " + pn(4)[:4] + " " + pn(4)[4:5] + " " + pn(4)[5:12] + "." + pn(4)[12]],
            ),
        ]
    )
    found = _by_check(run_checks(ledger, period="2023"))
    assert found["pledge_outlives_right"] == [
        f"A2 / {pn(1)}",
        f"B / {pn(2, '2', 2015)}",
        f"C2 / {pn(3, '3', 2022)}",
        f"D / {pn(4)}",
    ]
    assert found["pledged_while_lapsed"] == [f"E / {pn(4)}", "E / 77"]
    assert found["pledged_before_grant"] == [f"F / {pn(5)}"]
    assert set(found) == {"pledge_outlives_right", "pledged_while_lapsed", "pledged_before_grant"}


def test_cases_and_parties(ledger):
    """A case closed before it was opened, amounts on an open case, and one party name under
    two ids (spaces, brackets and full-width forms ignored)."""
    write_raw(
        ledger,
        "cases",
        [
            {
                "case_no": "C1",
                "types": ["other"],
                "region_code": JIANGMEN,
                "opened_date": D(2023, 5, 1),
                "closed_date": D(2023, 4, 1),
            },
        ],
    )
    ledger.cases.upsert(
        Case(
            case_no="C2",
            types=["other"],
            region_code=JIANGMEN,
            opened_date=D(2023, 5, 1),
            fine=Decimal(1),
        )
    )
    ledger.parties.upsert(
        [
            Party(party_id="P1", name="江门市甲乙科技有限公司（新会）"),
            Party(party_id="P2", name="江门市甲乙科技有限公司 (新会)"),
            Party(party_id="P3", name="江门市甲乙科技有限公司"),
            Party(party_id="P4", name="ＡＢＣ Tech"),
            Party(party_id="P5", name="abc tech"),
        ]
    )
    found = _by_check(run_checks(ledger, period="2023"))
    assert found == {
        "closed_before_opened": ["C1"],
        "amounts_on_open_cases": ["C2"],
        "duplicate_party_names": ["P1, P2", "P4, P5"],
    }


def test_regions_assignments_gi_and_targets(ledger):
    """Rows that count for no region (unknown code, no code), an assignment without a region, an
    ordinary mark flagged GI, and unreadable targets."""
    write_raw(
        ledger,
        "pledges",
        [
            {
                "pledge_id": "Y1",
                "registered_date": D(2023, 1, 1),
                "amount": 1,
                "region_code": "449999",
            }
        ],
    )
    ledger.pledges.upsert(pledge("Y2", D(2023, 1, 1), 1, region=None))
    ledger.transfers.upsert(Transfer(right_no=pn(1), date=D(2023, 1, 1), to_id="X"))
    ledger.trademarks.upsert(
        Trademark(registration_no="5", region_code=JIANGMEN, geographical_indication=True)
    )
    ledger.targets.upsert(
        Target(region_code=JIANGMEN, indicator="pledge_count", period="2023H1", target=Decimal(1))
    )
    # an unknown indicator is refused by every write today; a ledger may hold one from before
    write_raw(
        ledger,
        "targets",
        [
            {
                "region_code": JIANGMEN,
                "indicator": "pledge_counts",
                "period": "2023",
                "target": Decimal(1),
            }
        ],
    )
    found = _by_check(run_checks(ledger, period="2023"))
    assert found == {
        "unknown_region": ["449999"],
        "no_region": ["(none)"],
        "assignment_without_region": [f"{pn(1)} / 2023-01-01"],
        "gi_flag_on_ordinary_mark": ["5"],
        "target_unreadable": [
            f"{JIANGMEN} / pledge_count / 2023H1",
            f"{JIANGMEN} / pledge_counts / 2023",
        ],
    }


def test_as_known_at_sees_problems_as_they_were(ledger):
    """A problem fixed later is still found as known before the fix, not after."""
    write_raw(
        ledger,
        "cases",
        [
            {
                "case_no": "C1",
                "types": ["other"],
                "region_code": PENGJIANG,
                "opened_date": D(2023, 5, 1),
                "closed_date": D(2023, 4, 1),
            }
        ],
        recorded_at=T(2023, 6, 1),
    )
    write_raw(
        ledger,
        "cases",
        [
            {
                "case_no": "C1",
                "types": ["other"],
                "region_code": PENGJIANG,
                "opened_date": D(2023, 3, 1),
                "closed_date": D(2023, 4, 1),
            }
        ],
        recorded_at=T(2023, 7, 1),
    )
    assert [f.check for f in run_checks(ledger, as_known_at="2023-06-15")] == [
        "closed_before_opened"
    ]
    assert run_checks(ledger) == []


def test_breakdown_larger_than_its_total():
    """In an indicator table: a sub-id above its total, high-value above valid, parts that do
    not add up; case types adding up to more than ip_cases are fine."""
    rows = [
        ("pledge_beneficiaries", 3),
        ("pledge_beneficiaries.sme", 4),
        ("valid_invention_patents", 5),
        ("high_value_invention_patents", 6),
        ("patent_grants", 10),
        ("patent_grants.invention", 4),
        ("patent_grants.utility_model", 4),
        ("patent_grants.design", 1),
        ("ip_cases", 2),
        ("ip_cases.trademark_infringement", 2),
        ("ip_cases.gi_infringement", 2),
    ]
    table = pa.table(
        {
            "region_code": [JIANGMEN] * len(rows),
            "period": ["2023"] * len(rows),
            "indicator": [r[0] for r in rows],
            "value": [float(r[1]) for r in rows],
        }
    )
    found = breakdown_findings(table)
    assert {f.check for f in found} == {BREAKDOWN_CHECK}
    assert sorted(f.key for f in found) == [
        f"{JIANGMEN} 2023 high_value_invention_patents",
        f"{JIANGMEN} 2023 patent_grants",
        f"{JIANGMEN} 2023 pledge_beneficiaries.sme",
    ]
    assert str(found[0]).startswith(f"{BREAKDOWN_CHECK}: indicator {JIANGMEN} 2023 ")


def test_every_check_is_described():
    """Each check says what it finds (the docs page and --help list them)."""
    assert all(len(c.description) > 20 for c in CHECKS.values())
