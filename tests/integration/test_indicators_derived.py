"""Derived figures (previous, YoY, ranks, peers, targets), as-known-at, the table and the JSON."""

from __future__ import annotations

import json
from decimal import Decimal

import attrs
import pyarrow as pa
import pytest

from ipledger import NotFoundError, Patent, Region, Target, UnknownIndicatorError, ValidationError
from ipledger.stats import COLUMNS, compute_indicators, report_json, table_to_report
from tests.stats_helpers import (
    BEIJING,
    DONGCHENG,
    FOSHAN,
    GUANGDONG,
    GUANGZHOU,
    HENAN,
    JIANGMEN,
    PENGJIANG,
    XINXIANG,
    D,
    T,
    pledge,
    pn,
    rows,
    value,
    write_raw,
)


def _pledges(ledger, counts: dict[str, int], year: int = 2023) -> None:
    ledger.pledges.upsert(
        [
            pledge(f"Y{region}-{year}-{k}", D(year, 3, 1), 1, region)
            for region, n in counts.items()
            for k in range(n)
        ]
    )


def test_ranks_with_ties_and_peers(ledger):
    """Ties share the best rank; peers are all regions of the level in use (333 cities in
    2023, 21 in Guangdong), no data counting as 0; a province has no parent rank."""
    _pledges(ledger, {JIANGMEN: 2, FOSHAN: 2, GUANGZHOU: 3, XINXIANG: 5, PENGJIANG: 1})
    got = rows(
        ledger,
        "2023",
        ["pledge_count"],
        regions=(JIANGMEN, FOSHAN, GUANGZHOU, XINXIANG, GUANGDONG, HENAN, PENGJIANG),
    )
    ranks = {
        r: (got[(r, "pledge_count")]["rank_parent"], got[(r, "pledge_count")]["rank_national"])
        for r, _ in got
    }
    assert ranks == {
        XINXIANG: (1, 1),
        GUANGZHOU: (1, 2),
        JIANGMEN: (1, 2),  # 2 + 1 of its county 蓬江: tied with 广州
        FOSHAN: (3, 4),
        GUANGDONG: (None, 1),
        HENAN: (None, 2),
        PENGJIANG: (1, 1),
    }
    jiangmen = got[(JIANGMEN, "pledge_count")]
    assert (jiangmen["peers_parent"], jiangmen["peers_national"]) == (21, 333)
    province = got[(GUANGDONG, "pledge_count")]
    assert (province["peers_parent"], province["peers_national"]) == (None, 31)
    zero = rows(ledger, "2023", ["pledge_count"], regions=("440500",))[("440500", "pledge_count")]
    assert (zero["value"], zero["rank_parent"]) == (0, 4)  # 汕头: tied with the other 17
    assert (zero["rank_national"], zero["peers_national"]) == (5, 333)


def test_municipality_districts_rank_in_the_municipality(ledger):
    """A Beijing district is a county whose province is Beijing: ranked among its 16 districts."""
    _pledges(ledger, {DONGCHENG: 1})
    got = rows(ledger, "2023", ["pledge_count"], regions=(DONGCHENG,))[(DONGCHENG, "pledge_count")]
    assert (got["rank_parent"], got["peers_parent"], got["rank_national"]) == (1, 16, 1)
    assert value(ledger, "2023", "pledge_count", BEIJING) == 1


def test_yoy_and_zero_previous(ledger):
    """YoY is (value - previous) / previous x 100; null when previous is 0."""
    _pledges(ledger, {JIANGMEN: 4}, 2022)
    _pledges(ledger, {JIANGMEN: 5}, 2023)
    got = rows(ledger, "2023", ["pledge_count"])[(JIANGMEN, "pledge_count")]
    assert (got["value"], got["previous"], got["yoy_pct"]) == (5, 4, 25.0)
    first = rows(ledger, "2022", ["pledge_count"])[(JIANGMEN, "pledge_count")]
    assert (first["value"], first["previous"], first["yoy_pct"]) == (4, 0, None)
    down = rows(ledger, "2024", ["pledge_count"])[(JIANGMEN, "pledge_count")]
    assert (down["value"], down["previous"], down["yoy_pct"]) == (0, 5, -100.0)


def test_targets_and_completion(ledger):
    """A target for the region, indicator and period (written in any period form) gives the
    completion %; a zero target gives none; other regions and periods get no target."""
    _pledges(ledger, {JIANGMEN: 3})
    ledger.targets.upsert(
        [
            Target(
                region_code=JIANGMEN, indicator="pledge_count", period="2023", target=Decimal(4)
            ),
            Target(
                region_code=JIANGMEN,
                indicator="pledge_count",
                period="2023-01..2023-03",
                target=Decimal(2),
            ),
            Target(
                region_code=JIANGMEN, indicator="pledge_amount", period="2023", target=Decimal(0)
            ),
        ]
    )
    year = rows(ledger, "2023", ["pledge_count", "pledge_amount"], regions=(JIANGMEN, FOSHAN))
    assert (
        year[(JIANGMEN, "pledge_count")]["target"],
        year[(JIANGMEN, "pledge_count")]["completion_pct"],
    ) == (4, 75.0)
    assert year[(JIANGMEN, "pledge_amount")]["target"] == 0
    assert year[(JIANGMEN, "pledge_amount")]["completion_pct"] is None
    assert year[(FOSHAN, "pledge_count")]["target"] is None
    quarter = rows(ledger, "2023Q1", ["pledge_count"])[(JIANGMEN, "pledge_count")]
    assert (quarter["target"], quarter["completion_pct"]) == (2, 150.0)


def test_as_known_at_before_and_after_a_correction(ledger):
    """A report as known at a moment gives what it gave then, whatever was corrected later."""
    ledger.pledges.upsert(pledge("Y1", D(2023, 5, 1), 100), recorded_at=T(2023, 5, 2))
    ledger.patents.upsert(
        Patent(application_no=pn(1), region_code=JIANGMEN, grant_date=D(2021, 1, 1)),
        recorded_at=T(2021, 1, 2),
    )
    then = rows(
        ledger, "2023", ["pledge_amount", "valid_invention_patents"], as_known_at="2024-01-31"
    )
    ledger.pledges.upsert(pledge("Y1", D(2023, 5, 1), 120), recorded_at=T(2024, 2, 10))
    ledger.patents.upsert(
        Patent(
            application_no=pn(1),
            region_code=JIANGMEN,
            grant_date=D(2021, 1, 1),
            lapse_date=D(2023, 6, 1),
        ),
        recorded_at=T(2024, 2, 10),
    )
    again = rows(
        ledger, "2023", ["pledge_amount", "valid_invention_patents"], as_known_at="2024-01-31"
    )
    now = rows(ledger, "2023", ["pledge_amount", "valid_invention_patents"])
    assert again == then
    assert then[(JIANGMEN, "pledge_amount")]["value"] == 100
    assert then[(JIANGMEN, "valid_invention_patents")]["value"] == 1
    assert now[(JIANGMEN, "pledge_amount")]["value"] == 120
    assert now[(JIANGMEN, "valid_invention_patents")]["value"] == 0


def test_table_shape_types_and_order(ledger):
    """One row per region x period x indicator, the contract's columns and types, ordered by
    period, region and catalog order; all regions in use when none are named."""
    table = compute_indicators(
        ledger, ["2023", "2022"], indicators=["pledge_count", "patent_grants"]
    )
    assert tuple(table.column_names) == COLUMNS
    types = {f.name: f.type for f in table.schema}
    assert {types[c] for c in ("value", "previous", "yoy_pct", "target", "completion_pct")} == {
        pa.float64()
    }
    assert {types[c] for c in COLUMNS if c.startswith(("rank", "peers"))} == {pa.int32()}
    # 2 indicators x the Ministry's lists: 3211 regions in 2023 (34 provinces, 333 cities,
    # 2844 counties) and 3210 in 2022
    assert table.num_rows == 2 * (3211 + 3210)
    first = table.slice(0, 2).to_pylist()
    assert [(r["period"], r["region_code"], r["indicator"]) for r in first] == [
        ("2022", "110000", "patent_grants"),
        ("2022", "110000", "pledge_count"),
    ]


def test_bad_arguments_are_clear_errors(ledger):
    """Unknown indicator, unknown region, bad period, no period: typed errors."""
    with pytest.raises(UnknownIndicatorError):
        compute_indicators(ledger, ["2023"], indicators=["pledge_counts"])
    with pytest.raises(NotFoundError):
        compute_indicators(ledger, ["2023"], regions=["449999"])
    with pytest.raises(ValidationError):
        compute_indicators(ledger, ["2023Q5"])
    with pytest.raises(ValidationError):
        compute_indicators(ledger, [])


def test_own_and_retired_regions(ledger):
    """A ledger's own region (level inferred from the code) rolls up into its parent; a retired
    code named explicitly still gets its rows (unranked), its data rolling up as recorded."""
    ledger.regions.upsert(Region(code="440799", name="新区", parent_code=JIANGMEN))
    _pledges(ledger, {"440799": 2})
    got = rows(ledger, "2023", ["pledge_count"], regions=("440799", JIANGMEN))
    own = got[("440799", "pledge_count")]
    assert (own["region_level"], own["value"], own["rank_parent"]) == ("county", 2, 1)
    assert got[(JIANGMEN, "pledge_count")]["value"] == 2
    retired = "440102"  # 广州 东山区, merged into 越秀区 in 2005
    # written under the retired code, as rows recorded before 2005 are (a write today maps it)
    write_raw(ledger, "pledges", [attrs.asdict(pledge("R2", D(2023, 1, 1), 1, retired))])
    got = rows(ledger, "2023", ["pledge_count"], regions=(retired, GUANGZHOU))
    assert got[(retired, "pledge_count")]["value"] == 1
    assert got[(retired, "pledge_count")]["rank_national"] is None
    assert got[(GUANGZHOU, "pledge_count")]["value"] == 1


def test_report_json_shape(ledger):
    """report_json: the docs/indicators.md keys, integer counts, yuan numbers, YoY to 2 decimals."""
    _pledges(ledger, {JIANGMEN: 3}, 2022)
    ledger.pledges.upsert(
        [pledge(f"N{k}", D(2023, 5, 1), "12.5", JIANGMEN) for k in range(4)]
        + [pledge("N9", D(2023, 5, 1), "0.01", JIANGMEN)]
    )
    report = report_json(ledger, JIANGMEN, "2023", as_known_at="2030-01-01")
    # the v1 keys in their order; provenance added (later keys are only added)
    assert list(report) == [
        "region",
        "region_name",
        "period",
        "as_known_at",
        "provenance",
        "indicators",
    ]
    assert (report["region"], report["region_name"], report["period"]) == (
        JIANGMEN,
        "江门市",
        "2023",
    )
    assert report["as_known_at"] == "2030-01-01T23:59:59.999999Z"
    entry = next(i for i in report["indicators"] if i["id"] == "pledge_count")
    assert list(entry) == [
        "id",
        "label_zh",
        "label_en",
        "unit",
        "value",
        "previous",
        "yoy_pct",
        "rank_parent",
        "peers_parent",
        "rank_national",
        "peers_national",
        "target",
        "completion_pct",
        "basis",
        "source",
    ]
    assert (entry["basis"], entry["source"]) == ("computed", None)
    assert (entry["value"], entry["previous"], entry["yoy_pct"]) == (5, 3, 66.67)
    assert isinstance(entry["value"], int) and isinstance(entry["previous"], int)
    assert (entry["rank_parent"], entry["peers_parent"], entry["peers_national"]) == (1, 21, 333)
    amount = next(i for i in report["indicators"] if i["id"] == "pledge_amount")
    assert amount["value"] == 50.01 and amount["unit"] == "yuan"
    assert [i["id"] for i in report["indicators"]][:2] == [
        "patent_applications",
        "patent_applications.invention",
    ]
    json.dumps(report, allow_nan=False)
    latest = report_json(ledger, JIANGMEN, "2023")
    assert latest["as_known_at"].endswith("Z") and latest["provenance"]["latest"] is True
    with pytest.raises(NotFoundError):
        report_json(ledger, "999999", "2023")


def test_table_to_report_from_one_run_for_many_regions(ledger):
    """One engine run, many regions' JSON objects: the same as report_json for each."""
    _pledges(ledger, {JIANGMEN: 2, FOSHAN: 1})
    moment = "2030-01-01"
    table = compute_indicators(ledger, ["2023"], regions=[JIANGMEN, FOSHAN], as_known_at=moment)
    for region in (JIANGMEN, FOSHAN):
        mine = table_to_report(table, region, "2023", moment)
        alone = report_json(ledger, region, "2023", as_known_at=moment)
        assert mine["indicators"] == alone["indicators"]
        assert mine["as_known_at"] == alone["as_known_at"]
    with pytest.raises(NotFoundError):
        table_to_report(table, GUANGZHOU, "2023")


def test_several_periods_in_one_call_equal_separate_calls(ledger):
    """Computing periods together gives the same rows as computing each alone."""
    _pledges(ledger, {JIANGMEN: 2}, 2022)
    _pledges(ledger, {JIANGMEN: 3, FOSHAN: 1}, 2023)
    ids = ["pledge_count", "pledge_amount", "ip_cases"]
    together = compute_indicators(
        ledger, ["2023", "2023Q1", "2024-01..2024-07"], regions=[JIANGMEN, FOSHAN], indicators=ids
    )
    alone = [
        compute_indicators(ledger, [p], regions=[JIANGMEN, FOSHAN], indicators=ids)
        for p in ("2023Q1", "2023", "2024-01..2024-07")
    ]
    assert together.to_pylist() == [r for t in alone for r in t.to_pylist()]


def test_works_on_a_store_and_read_only(ledger_path):
    """The engine runs on a Store as on a Ledger, and on a ledger opened read-only."""
    from ipledger import Ledger

    with Ledger.open(ledger_path) as ledger:
        _pledges(ledger, {JIANGMEN: 2})
    with Ledger.open(ledger_path, read_only=True) as ledger:
        assert value(ledger, "2023", "pledge_count") == 2
        table = compute_indicators(
            ledger.store, ["2023"], regions=[JIANGMEN], indicators=["pledge_count"]
        )
        assert table["value"].to_pylist() == [2]
