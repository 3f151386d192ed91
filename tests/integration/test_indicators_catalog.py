"""The catalog: complete against docs/indicators.md v1, well formed, joined with the families that
emit each id, computed, documented."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

from ipledger import Ledger
from ipledger.model import INDICATORS, CaseType, IndicatorDefinition, indicator_ids
from ipledger.stats import CATALOG, KINDS, UNITS, compute_indicators, indicator, indicators_markdown
from ipledger.stats._catalog import FAMILIES, join_families
from ipledger.stats._family import Family
from tests.stats_helpers import JIANGMEN, fill_every_indicator

CONTRACT = {
    "patent_applications": "flow",
    "patent_grants": "flow",
    "valid_invention_patents": "stock",
    "high_value_invention_patents": "stock",
    "valid_invention_patents_per_10k": "stock",
    "high_value_invention_patents_per_10k": "stock",
    "patent_assignments": "flow",
    "patent_licences": "flow",
    "trademark_registrations": "flow",
    "valid_trademarks": "stock",
    "well_known_trademarks": "stock",
    "gi_trademarks": "stock",
    "gi_products": "stock",
    "gi_users": "stock",
    "pledge_count": "flow",
    "pledge_amount": "flow",
    "pledge_beneficiaries": "flow",
    "pledge_outstanding_amount": "stock",
    "insurance_policies": "flow",
    "insurance_insured": "flow",
    "insurance_coverage": "flow",
    "ip_cases": "flow",
    "ip_cases_closed": "flow",
    "case_penalties": "flow",
    "case_recovered": "flow",
    "cases_transferred_to_police": "flow",
    "case_median_days_to_close": "flow",
    "case_closed_in_time_share": "flow",  # the tracker's (issue 11): time limits met
}
"""Every id of docs/indicators.md v1 with its kind, and the ids added since."""

SUB_IDS = (
    [
        f"{base}.{k}"
        for base in ("patent_applications", "patent_grants")
        for k in ("invention", "utility_model", "design")
    ]
    + ["patent_assignments.outbound", "patent_licences.outbound"]
    + ["gi_trademarks.certification", "gi_trademarks.collective", "pledge_beneficiaries.sme"]
    + [f"ip_cases.{t.value}" for t in CaseType]
    + [f"case_median_days_to_close.{t.value}" for t in CaseType]  # the tracker's: by type
)

PAGE = Path(__file__).resolve().parents[2] / "docs" / "indicators.md"


def test_catalog_holds_exactly_the_contract():
    """Every id and sub-id of docs/indicators.md v1 is in the catalog with its kind, and no other."""
    assert {i: CATALOG[i].kind for i in CONTRACT} == CONTRACT
    assert set(CATALOG) == set(CONTRACT) | set(SUB_IDS)
    for sub in SUB_IDS:
        parent = CATALOG[sub].parent
        assert parent is not None and CATALOG[parent].kind == CATALOG[sub].kind


def test_entries_are_well_formed():
    """Labels in both languages, a definition in both, a known unit and kind, the example's
    labels for pledge_count, money in yuan, per-10k figures naming their base."""
    for item in CATALOG.values():
        assert item.label_zh and item.label_en and item.definition_zh and item.definition_en
        assert any("\u4e00" <= ch <= "\u9fff" for ch in item.label_zh + item.definition_zh)
        assert item.unit in UNITS and item.kind in KINDS
        assert (item.per_10k_of is not None) == (item.unit == "per_10k")
        assert item.unit_record is UNITS[item.unit] and item.measure_word
    example = indicator("pledge_count")
    assert (example.label_zh, example.label_en, example.unit) == (
        "知识产权质押笔数",
        "IP pledge registrations",
        "count",
    )
    money = {i.id for i in CATALOG.values() if i.unit == "yuan"}
    assert money == {
        "pledge_amount",
        "pledge_outstanding_amount",
        "insurance_coverage",
        "case_penalties",
        "case_recovered",
    }


def test_catalog_is_the_model_definitions_joined_with_families():
    """Every definition of ipledger.model.INDICATORS is in CATALOG with the same facts, and the
    family that declares it (a per-10k figure: its base's family)."""
    assert list(CATALOG) == list(INDICATORS) == list(indicator_ids())
    for item in CATALOG.values():
        definition = INDICATORS[item.id]
        for field in attrs.fields(IndicatorDefinition):
            assert getattr(item, field.name) == getattr(definition, field.name)
        emitted = item.per_10k_of or item.id
        assert emitted in item.family.emits
        assert [f.name for f in FAMILIES if emitted in f.emits] == [item.family.name]


def test_a_mistyped_emitted_id_fails_when_the_family_is_made():
    """A family naming an id the catalog does not know (or a per-10k one) raises at once."""
    with pytest.raises(ValueError, match=r"'pledge_cuont'.*did you mean 'pledge_count'"):
        Family(name="pledges", rollup="sum", emits=("pledge_cuont",), build=str)
    with pytest.raises(ValueError, match="per-10k"):
        Family(name="x", rollup="sum", emits=("valid_invention_patents_per_10k",), build=str)
    with pytest.raises(ValueError, match="twice"):
        Family(name="x", rollup="sum", emits=("pledge_count", "pledge_count"), build=str)


def test_every_id_must_be_emitted_by_exactly_one_family():
    """Joining fails for a catalog id no family emits, or one two families emit."""
    with pytest.raises(ValueError, match="emitted by no family"):
        join_families(FAMILIES[1:])
    with pytest.raises(ValueError, match="emitted by two families"):
        join_families((*FAMILIES, attrs.evolve(FAMILIES[0], name="again")))


@pytest.fixture(scope="module")
def every(tmp_path_factory):
    """A ledger on which every indicator of 2023 is non-zero (read-only once filled)."""
    path = tmp_path_factory.mktemp("every") / "every.duckdb"
    with Ledger.open(path) as ledger:
        fill_every_indicator(ledger)
    with Ledger.open(path, read_only=True) as ledger:
        yield ledger


def test_every_indicator_is_computed(every):
    """On a ledger built to exercise each one, every catalog indicator gets a non-zero value
    from one engine run, in catalog order with the catalog's labels and unit."""
    table = compute_indicators(every, ["2023"], regions=[JIANGMEN])
    assert table["indicator"].to_pylist() == list(CATALOG)
    assert table["label_zh"].to_pylist() == [i.label_zh for i in CATALOG.values()]
    assert table["unit"].to_pylist() == [i.unit for i in CATALOG.values()]
    zero = [r["indicator"] for r in table.to_pylist() if not r["value"]]
    assert zero == [], f"not exercised (0 or null): {zero}"


def test_docs_page_is_current():
    """docs/indicators.md is what tools/gen_indicator_docs.py makes from the catalog."""
    assert PAGE.read_text(encoding="utf-8") == indicators_markdown(), (
        "docs/indicators.md is out of date: run python tools/gen_indicator_docs.py"
    )
    for item in CATALOG.values():
        assert f"`{item.id}`" in indicators_markdown()
