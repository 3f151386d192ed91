"""Export writes the contract back: import -> export -> import gives the same current tables."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ipledger import Ledger
from ipledger.io import export_dataset, import_dataset
from ipledger.model import ENTITIES
from tests.fixtures_io import credit_code, current, patent_no, write_csv
from tests.strategies import patent_rows

GOOD = patent_no("202310123456")


def _messy_dataset(folder):
    party = credit_code("91440700MA4UN9WJ3")
    write_csv(
        folder / "regions.csv",
        ["code", "name", "level", "parent_code"],
        [["449901", "试验区", "county", "440700"]],
    )
    write_csv(
        folder / "population.csv",
        ["region_code", "year", "population"],
        [["440700", "2023", "4,829,800"]],
    )
    write_csv(
        folder / "parties.csv",
        ["统一社会信用代码", "名称", "主体类型", "企业规模", "称号"],
        [
            [
                party.lower(),
                "甲公司",
                "enterprise",
                "small",
                "national_ip_advantage、provincial_ip_demonstration",
            ]
        ],
    )
    write_csv(
        folder / "patents.csv",
        ["申请号", "名称", "专利权人代码", "行政区划代码", "申请日", "授权日", "获奖"],
        [
            [
                f"ZL {GOOD[:4]} {GOOD[4]} {GOOD[5:12]}.{GOOD[12]}",
                "一种方法",
                party,
                "449901",
                "2023年1月5日",
                "2024/1/5",
                "gold",
            ],
            [patent_no("202220000001"), "实用", "", "440703", "20220101", "", ""],
        ],
    )
    write_csv(
        folder / "trademarks.csv",
        ["registration_no", "mark", "nice_classes", "kind", "geographical_indication"],
        [["12345678", "新会陈皮", "29；30", "certification", "是"]],
    )
    write_csv(
        folder / "gi_products.csv",
        ["gi_id", "name", "protected_date"],
        [["GI-1", "新会陈皮", "2006.12.1"]],
    )
    write_csv(
        folder / "gi_users.csv", ["gi_ref", "user_id", "labels_used"], [["GI-1", party, "1,000"]]
    )
    write_csv(
        folder / "transfers.csv",
        ["right_no", "right_type", "kind", "date", "to_id"],
        [
            [GOOD, "patent", "licence", "2024-06-01", party],
            ["12345678", "trademark", "", "2024-07-01", ""],
        ],
    )
    write_csv(
        folder / "pledges.csv",
        ["pledge_id", "registered_date", "amount", "rights", "term_start", "term_end"],
        [["Y1", "2024-01-01", "1.2亿元", f"{GOOD};12345678;T-1", "2024-01-01", "2025-01-01"]],
    )
    write_csv(
        folder / "insurance.csv",
        ["policy_no", "product", "coverage", "premium"],
        [["P1", "full_chain", "50万", "¥3,000"]],
    )
    write_csv(
        folder / "cases.csv",
        ["case_no", "types", "opened_date", "closed_date", "outcome", "fine", "typical"],
        [
            [
                "江市监知〔2023〕1号",
                "trademark_infringement;gi_infringement",
                "2023-03-01",
                "2023-05-30",
                "penalty",
                "12,000.5",
                "Y",
            ]
        ],
    )
    write_csv(
        folder / "case_events.csv",
        ["案号", "事件", "发生日期", "经办人", "延期批准方式", "延长天数"],
        [["C1", "extended", "2023年4月1日", " 李 ", "approval", "30"]],
    )
    write_csv(
        folder / "质押事件.csv",
        ["登记号", "事件", "发生日期", "变更后质押金额", "变更后质押权利"],
        [["Y1", "changed", "2024/6/1", "1.5亿", f"{GOOD}；12345678"]],
    )
    write_csv(
        folder / "right_events.csv",
        ["right_no", "right_type", "event", "occurred_on", "void"],
        [[GOOD, "patent", "restored", "20240301", "否"]],
    )
    write_csv(
        folder / "gi_user_events.csv",
        ["gi_ref", "user_id", "event", "occurred_on", "labels"],
        [["GI-1", party, "labels_used", "2023-12-31", "2,000"]],
    )
    write_csv(
        folder / "insurance_events.csv",
        ["policy_no", "event", "occurred_on", "amount"],
        [["P1", "claim_paid", "2024-02-01", "5万元"]],
    )
    write_csv(
        folder / "targets.csv",
        ["region_code", "indicator", "period", "target"],
        [["440700", "valid_invention_patents_per_10k", "2025", "12"]],
    )
    return folder


def _current_tables(ledger):
    return {name: current(ledger, name) for name in ENTITIES}


@pytest.fixture(scope="module")
def messy(tmp_path_factory):
    """A ledger filled once (for this module) from a messy dataset of every entity."""
    folder = tmp_path_factory.mktemp("messy")
    with Ledger.open(folder / "messy.duckdb") as ledger:
        result = import_dataset(ledger.store, _messy_dataset(folder / "in"))
        assert result.ok, [str(r) for r in result.rejects]
        yield ledger


@pytest.mark.parametrize("export_format", ["csv", "parquet"])
def test_round_trip(messy, tmp_path, export_format):
    """import -> export -> import into a fresh ledger gives the same current tables."""
    exported = export_dataset(messy.store, tmp_path / "out", format=export_format)
    assert {f.entity for f in exported.files} == set(ENTITIES)
    with Ledger.open(tmp_path / "fresh.duckdb") as fresh:
        again = import_dataset(fresh.store, tmp_path / "out")
        assert again.ok, [str(r) for r in again.rejects]
        assert _current_tables(fresh) == _current_tables(messy)


def test_parquet_export_is_partitioned_by_year(messy, tmp_path):
    """Patents go to patents/filing_year=YYYY/ folders; small entities to <entity>.parquet."""
    export_dataset(messy.store, tmp_path / "out", format="parquet")
    parts = sorted(p.parent.name for p in (tmp_path / "out" / "patents").rglob("*.parquet"))
    assert parts == ["filing_year=2022", "filing_year=2023"]
    assert (tmp_path / "out" / "pledges.parquet").exists()


def test_csv_export_writes_canonical_values(messy, tmp_path):
    """CSV export: English headers, canonical numbers, ';'-joined lists, plain yuan, ISO dates."""
    export_dataset(messy.store, tmp_path / "out")
    pledges = (tmp_path / "out" / "pledges.csv").read_text(encoding="utf-8").splitlines()
    assert pledges[0].startswith("pledge_id,registered_date,")
    assert (
        pledges[1] == f"Y1,2024-01-01,,,,,,120000000.00,2024-01-01,2025-01-01,,{GOOD};12345678;T-1"
    )


def test_export_as_known_at(ledger, tmp_path):
    """--as-known-at exports the ledger as it was then, before later corrections."""
    write_csv(tmp_path / "a" / "patents.csv", ["application_no", "title"], [[GOOD, "旧"]])
    write_csv(tmp_path / "b" / "patents.csv", ["application_no", "title"], [[GOOD, "新"]])
    import_dataset(ledger.store, tmp_path / "a", recorded_at=dt.datetime(2024, 1, 1))
    import_dataset(ledger.store, tmp_path / "b", recorded_at=dt.datetime(2024, 6, 1))
    export_dataset(ledger.store, tmp_path / "out", as_known_at=dt.datetime(2024, 3, 1))
    assert "旧" in (tmp_path / "out" / "patents.csv").read_text(encoding="utf-8")


@settings(
    max_examples=5, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    rows=st.lists(patent_rows(), min_size=1, max_size=20, unique_by=lambda r: r[0]),
    export_format=st.sampled_from(["csv", "parquet"]),
)
def test_generated_patents_round_trip(tmp_path_factory, rows, export_format):
    """Generated valid patent rows in any written form survive import -> export -> import."""
    folder = tmp_path_factory.mktemp("gen")
    header = list(rows[0][1])
    write_csv(folder / "in" / "patents.csv", header, [[r[c] for c in header] for _, r in rows])
    with Ledger.open(folder / "a.duckdb") as first, Ledger.open(folder / "b.duckdb") as second:
        imported = import_dataset(first.store, folder / "in")
        assert imported.ok, [str(r) for r in imported.rejects]
        export_dataset(first.store, folder / "out", format=export_format)
        assert import_dataset(second.store, folder / "out").ok
        assert current(second, "patents") == current(first, "patents")
        assert [p["application_no"] for p in current(first, "patents")] == sorted(
            c for c, _ in rows
        )
