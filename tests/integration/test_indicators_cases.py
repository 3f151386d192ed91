"""Enforcement-case indicators on small hand-made ledgers."""

from __future__ import annotations

from decimal import Decimal

from ipledger import Case
from ipledger.stats import CATALOG, breakdown_findings, compute_indicators
from tests.stats_helpers import JIANGMEN, PENGJIANG, D, rows, write_raw

IDS = [
    "ip_cases",
    "ip_cases.trademark_infringement",
    "ip_cases.gi_infringement",
    "ip_cases.patent_dispute",
    "ip_cases_closed",
    "case_penalties",
    "case_recovered",
    "cases_transferred_to_police",
    "case_median_days_to_close",
]


def _cases(ledger):
    ledger.cases.upsert(
        [
            Case(
                case_no="C1",
                types=["trademark_infringement", "gi_infringement"],
                region_code=PENGJIANG,
                opened_date=D(2023, 2, 1),
                closed_date=D(2023, 3, 3),
                fine=Decimal(1000),
                confiscated=Decimal(500),
                recovered=Decimal(200),
            ),
            Case(
                case_no="C2",
                types=["patent_dispute"],
                region_code=JIANGMEN,
                opened_date=D(2023, 4, 1),
                closed_date=D(2023, 4, 11),
                outcome="transferred_to_police",
            ),
            Case(
                case_no="C3",
                types=["trademark_infringement"],
                region_code=JIANGMEN,
                opened_date=D(2022, 12, 1),
                closed_date=D(2023, 1, 10),
                fine=Decimal("0.5"),
                transferred_to_police=True,
            ),
            Case(
                case_no="C4",
                types=["patent_dispute"],
                region_code=JIANGMEN,
                opened_date=D(2023, 12, 1),
                closed_date=D(2024, 1, 5),
                fine=Decimal(99),
            ),
        ]
    )


def test_cases_opened_closed_and_amounts(ledger):
    """A case of two types counts in both sub-ids and once in ip_cases; amounts, police
    transfers (outcome or flag) and the median days of the cases closed in the period."""
    _cases(ledger)
    got = rows(ledger, "2023", IDS)
    assert [got[(JIANGMEN, i)]["value"] for i in IDS] == [
        3,  # C1, C2, C4 opened
        1,
        1,
        2,
        3,  # C1, C2, C3 closed
        1500.5,
        200,
        2,  # C2 by outcome, C3 by flag
        30,  # median of 30, 10 and 40 days
    ]


def test_median_days_is_null_without_closed_cases(ledger):
    """No case closed in the period: the median is unknown (null), not 0, and is not ranked."""
    _cases(ledger)
    got = rows(ledger, "2024-02", ["case_median_days_to_close", "ip_cases_closed"])
    median = got[(JIANGMEN, "case_median_days_to_close")]
    assert (median["value"], median["rank_national"], median["unit"]) == (None, None, "days")
    assert got[(JIANGMEN, "ip_cases_closed")]["value"] == 0


def test_case_closed_before_opened_is_left_out_of_the_median(ledger):
    """A case recorded as closed before it was opened counts as closed but not in the median."""
    write_raw(
        ledger,
        "cases",
        [
            {
                "case_no": "X1",
                "types": ["other"],
                "region_code": JIANGMEN,
                "opened_date": D(2023, 5, 1),
                "closed_date": D(2023, 4, 1),
            },
            {
                "case_no": "X2",
                "types": ["other"],
                "region_code": JIANGMEN,
                "opened_date": D(2023, 5, 1),
                "closed_date": D(2023, 5, 8),
            },
        ],
    )
    got = rows(ledger, "2023", ["ip_cases_closed", "case_median_days_to_close", "ip_cases.other"])
    assert got[(JIANGMEN, "ip_cases_closed")]["value"] == 2
    assert got[(JIANGMEN, "case_median_days_to_close")]["value"] == 7
    assert got[(JIANGMEN, "ip_cases.other")]["value"] == 2


def test_median_days_by_case_type(ledger):
    """Durations by type: each type's median over its own closed cases (a case of two types in
    both); a type with no closed case has none (null), and a type's median may exceed the
    median of all cases without being reported as a breakdown above its total."""
    _cases(ledger)
    ids = [
        "case_median_days_to_close",
        "case_median_days_to_close.trademark_infringement",
        "case_median_days_to_close.gi_infringement",
        "case_median_days_to_close.patent_dispute",
        "case_median_days_to_close.other",
    ]
    got = rows(ledger, "2023", ids)
    assert [got[(JIANGMEN, i)]["value"] for i in ids] == [
        30,  # C1 30, C2 10, C3 40
        35,  # C1 30, C3 40
        30,  # C1
        10,  # C2
        None,
    ]
    assert got[(JIANGMEN, ids[1])]["unit"] == "days"
    table = compute_indicators(ledger, ["2023"], regions=[JIANGMEN], indicators=ids)
    assert breakdown_findings(table) == []


def test_a_share_or_a_median_of_a_part_is_not_bounded_by_its_total():
    """Only units whose parts are bounded (counts, money, per 10k) bound a sub-id by its total."""
    for definition in CATALOG.values():
        if definition.parent is None:
            continue
        assert (definition.parent in definition.bounds) == (
            definition.unit not in ("days", "percent")
        ), definition.id
