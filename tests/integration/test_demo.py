"""The demo ledger reproduces the figures the seed articles published, computed by the engine."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from stdnum.cn import uscc

from ipledger import Ledger
from ipledger.codes import parse_patent_number
from ipledger.demo import CORRECTION
from ipledger.demo._generate import generate
from ipledger.stats import compute_indicators, report_json, run_checks


@pytest.fixture(scope="module")
def demo(demo_path):
    """The demo ledger, opened read-only for this module."""
    with Ledger.open(demo_path, read_only=True) as ledger:
        yield ledger


@pytest.fixture(scope="module")
def figures(demo):
    """The engine's figures for the seed cities and periods."""
    table = compute_indicators(
        demo,
        ["2023", "2024", "2024-01..2024-07", "2023-01..2023-10"],
        regions=["440700", "410700", "330700"],
    )
    return {(r["region_code"], r["period"], r["indicator"]): r for r in table.to_pylist()}


# (region, period, indicator, value, previous or None, yoy % or None, rank in province, national)
PUBLISHED = [
    (
        "440700",
        "2023",
        "pledge_count",
        732,
        285,
        156.84,
        3,
        14,
    ),  # 质押732笔，同比增长156.8%，全国第十四、全省第三
    (
        "440700",
        "2023",
        "pledge_amount",
        19.9e9,
        None,
        124.91,
        5,
        12,
    ),  # 199亿元，同比增长124.9%，全国第十二、全省第五
    (
        "440700",
        "2023",
        "high_value_invention_patents",
        2908,
        None,
        44.97,
        None,
        None,
    ),  # 2908件，同比增长45%
    (
        "440700",
        "2024-01..2024-07",
        "patent_grants.invention",
        1287,
        None,
        57.33,
        None,
        None,
    ),  # 1287件，+57.33%
    ("440700", "2024", "gi_users", 571, None, None, None, None),  # 用标企业571家
    ("440700", "2024", "gi_trademarks", 8, None, None, None, None),  # 8个地理标志商标
    (
        "410700",
        "2024",
        "trademark_registrations",
        10430,
        None,
        25.72,
        None,
        None,
    ),  # 10430件，+25.72%
    ("410700", "2024", "valid_trademarks", 110386, None, 13.0, None, None),  # 110386件，+13%
    ("410700", "2024", "well_known_trademarks", 37, None, None, None, None),  # 驰名商标37件
    ("410700", "2024", "gi_trademarks", 18, None, None, 1, None),  # 地理标志商标18件，居全省第一位
    ("410700", "2024", "valid_invention_patents", 6951, None, None, 3, None),  # 6951件，全省第三位
    (
        "410700",
        "2024",
        "high_value_invention_patents",
        1412,
        None,
        None,
        3,
        None,
    ),  # 1400余件，全省第三位
    (
        "410700",
        "2024",
        "pledge_amount",
        12.62e8,
        None,
        16.85,
        1,
        None,
    ),  # 12.62亿元，+16.85%，全省第一位
    (
        "410700",
        "2024",
        "pledge_beneficiaries.sme",
        40,
        None,
        None,
        None,
        None,
    ),  # 惠及40家中小微企业
    ("410700", "2024", "ip_cases", 121, None, None, None, None),  # 知识产权案件121件
    ("410700", "2024", "ip_cases.trademark_infringement", 94, None, None, None, None),
    ("410700", "2024", "ip_cases.gi_infringement", 2, None, None, None, None),
    ("410700", "2024", "ip_cases.patent_dispute", 26, None, None, None, None),
    ("410700", "2024", "case_recovered", 1_460_000, None, None, None, None),  # 追赃挽损146万元
    (
        "330700",
        "2023",
        "trademark_registrations",
        28_000,
        None,
        None,
        None,
        None,
    ),  # 新增注册商标2.8万件
    ("330700", "2023", "valid_trademarks", 516_000, None, None, None, None),  # 有效商标51.6万件
    ("330700", "2023", "patent_grants", 24_900, None, None, None, None),  # 专利授权2.49万件
    (
        "330700",
        "2023-01..2023-10",
        "pledge_amount",
        2.1e10,
        None,
        None,
        None,
        None,
    ),  # 截至10月210亿元
    ("330700", "2023", "insurance_policies", 440, None, None, None, None),  # 保险440单
    ("330700", "2023", "insurance_insured", 137, None, None, None, None),  # 投保企业137家
    ("330700", "2023", "insurance_coverage", 2.15e8, None, None, None, None),  # 保额2.15亿元
]


@pytest.mark.parametrize(
    ("region", "period", "indicator", "value", "previous", "yoy", "rank_p", "rank_n"), PUBLISHED
)
def test_published_figure_is_computed(
    figures, region, period, indicator, value, previous, yoy, rank_p, rank_n
):
    """The engine computes the article's figure (and its YoY and ranks) from the demo rows."""
    row = figures[(region, period, indicator)]
    assert row["value"] == pytest.approx(value)
    if previous is not None:
        assert row["previous"] == pytest.approx(previous)
    if yoy is not None:
        assert round(row["yoy_pct"], 2) == yoy
    if rank_p is not None:
        assert row["rank_parent"] == rank_p
    if rank_n is not None:
        assert row["rank_national"] == rank_n


def test_transfers_out_of_xinxiang(figures):
    """驻新高校院所共向域外企业转让、许可专利56件: assignments plus licences out of the city."""
    out = sum(
        figures[("410700", "2024", f"patent_{k}.outbound")]["value"]
        for k in ("assignments", "licences")
    )
    assert out == 56


def test_patent_grants_over_ten_thousand(figures):
    """专利授权连续3年保持1万件以上 (2022-2024)."""
    assert figures[("410700", "2024", "patent_grants")]["value"] >= 10_000
    assert figures[("410700", "2024", "patent_grants")]["previous"] >= 10_000


def test_as_known_at_shows_the_correction(demo):
    """江门's 2023 pledge amount as known at 2024-01-31 differs; today it is 199亿."""
    then = report_json(demo, "440700", "2023", as_known_at=dt.date(2024, 1, 31))
    now = report_json(demo, "440700", "2023")
    amount = {r["id"]: r["value"] for r in now["indicators"]}["pledge_amount"]
    amount_then = {r["id"]: r["value"] for r in then["indicators"]}["pledge_amount"]
    assert amount == 19.9e9
    assert amount_then > amount
    assert demo.pledges.history(CORRECTION[0]).num_rows == 2


def test_identifiers_are_valid(demo):
    """Every sampled patent number and organisation credit code passes its check rule."""
    numbers = (
        demo.sql("SELECT application_no FROM patents USING SAMPLE 2000 ROWS").column(0).to_pylist()
    )
    assert all(parse_patent_number(n).canonical == n for n in numbers)
    codes = demo.sql(
        "SELECT party_id FROM parties WHERE kind <> 'individual' USING SAMPLE 500 ROWS"
    )
    assert all(uscc.is_valid(c) for c in codes.column(0).to_pylist())


def test_records_structure_as_model_objects(demo):
    """Rows read back as validated records of every entity."""
    for name in ("patents", "trademarks", "pledges", "cases", "insurance", "gi_users", "transfers"):
        records = demo.repository(name).find().limit(50).to_records()
        assert records, name


def test_demo_passes_the_checks(demo):
    """The demo has no data problems for the published year."""
    assert run_checks(demo, period="2024") == []


def test_same_seed_same_data():
    """The generator is deterministic: the same seed gives the same tables."""

    def fingerprint(seed: int) -> str:
        data, _ = generate(seed)
        digest = hashlib.sha256()
        for name in ("pledges", "cases"):
            for moment, table in data.tables(name):
                digest.update(str(moment).encode())
                digest.update(str(table.to_pydict()).encode())
        return digest.hexdigest()

    assert fingerprint(7) == fingerprint(7)
