"""The indicator catalog as data (ipledger.model): units, definitions, breakdown rules; and the
renderers' number forms taken from the unit records."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ipledger.errors import UnknownIndicatorError
from ipledger.model import (
    INDICATORS,
    UNITS,
    IndicatorDefinition,
    indicator_definition,
    indicator_ids,
)
from ipledger.report import IndicatorRow
from ipledger.report._table import row_cells, unit_label
from ipledger.report._xlsx import number_format
from ipledger.stats import json_number


def test_units_are_the_contract_strings():
    """The unit ids are docs/indicators.md's, and only durations are not ranked."""
    assert list(UNITS) == ["count", "yuan", "per_10k", "days", "percent"]
    assert [u.id for u in UNITS.values() if not u.ranked] == []  # docs/indicators.md v1 ranks all
    assert [u.id for u in UNITS.values() if not u.tell_rank] == ["days"]
    assert [u.id for u in UNITS.values() if u.money] == ["yuan"]
    assert {i.unit for i in INDICATORS.values()} <= set(UNITS)


def test_measure_words_belong_to_the_indicator():
    """笔 for pledges, 家 for enterprises, 单 for policies, 个 for GI products, 件 otherwise;
    a breakdown and a per-10k figure are written with their total's / base's word."""
    words = {i.id: i.measure_word for i in INDICATORS.values()}
    assert words["pledge_count"] == "笔" and words["pledge_beneficiaries.sme"] == "家"
    assert words["insurance_policies"] == "单" and words["gi_products"] == "个"
    assert words["valid_invention_patents"] == words["valid_invention_patents_per_10k"] == "件"
    assert INDICATORS["pledge_count"].unit_record.label("zh", "笔") == "笔"
    assert UNITS["per_10k"].label("zh", "件") == "件/万人"
    assert UNITS["per_10k"].label("en", "件") == "per 10,000 people"


def test_breakdown_rules_are_on_the_indicators():
    """Parts add up for patent kinds and GI mark kinds; high-value, well-known and GI marks
    are bounded; a breakdown's bound is its total and it inherits no rule of it."""
    assert [i.id for i in INDICATORS.values() if i.parts_add_up] == [
        "patent_applications",
        "patent_grants",
        "gi_trademarks",
    ]
    assert {i.id: i.at_most for i in INDICATORS.values() if i.at_most} == {
        "high_value_invention_patents": "valid_invention_patents",
        "well_known_trademarks": "valid_trademarks",
        "gi_trademarks": "valid_trademarks",
    }
    sub = INDICATORS["gi_trademarks.collective"]
    assert sub.bounds == ("gi_trademarks",) and not sub.parts_add_up


def test_look_ups():
    """indicator_ids lists every id in catalog order; an unknown id is UnknownIndicatorError."""
    assert indicator_ids() == tuple(INDICATORS)
    assert indicator_definition("pledge_count") is INDICATORS["pledge_count"]
    with pytest.raises(UnknownIndicatorError, match="pledge_cuont"):
        indicator_definition("pledge_cuont")


def test_a_definition_needs_a_known_unit_and_kind():
    """A unit or kind not in the catalog's vocabularies is rejected."""
    fields = {
        "id": "x",
        "label_zh": "x",
        "label_en": "x",
        "definition_zh": "x",
        "definition_en": "x",
    }
    with pytest.raises(ValueError, match="unit"):
        IndicatorDefinition(**fields, unit="pieces", kind="flow")
    with pytest.raises(ValueError, match="kind"):
        IndicatorDefinition(**fields, unit="count", kind="yearly")


def _row(unit: str, value: float) -> IndicatorRow:
    return IndicatorRow(
        indicator="x",
        label_zh="x",
        label_en="x",
        unit=unit,
        value=value,
        rank_parent=2,
        peers_parent=21,
    )


def test_tables_take_the_unit_record():
    """Money in 万元, every unit's decimals, no rank for durations even when one is given."""
    assert row_cells(_row("yuan", 12_345_678.0), "zh")[1:3] == ("万元", "1,234.57")
    assert unit_label(_row("yuan", 1.0), "en") == "CNY 10,000"
    assert row_cells(_row("days", 58.0), "zh")[1:3] == ("天", "58.0")
    assert row_cells(_row("days", 58.0), "zh")[5] == "—"
    assert row_cells(_row("count", 6951.0), "zh")[2:6] == ("6,951", "—", "—", "2/21")
    assert [number_format(u) for u in UNITS.values()] == [
        "#,##0",
        "#,##0.00",
        "#,##0.00",
        "#,##0.0",
        "#,##0.0",
    ]
    with pytest.raises(ValueError, match="unit"):
        _row("pieces", 1.0)


@given(
    st.sampled_from(list(UNITS)),
    st.one_of(st.none(), st.floats(-1e12, 1e12, allow_nan=False), st.integers(0, 10**9)),
)
def test_json_numbers_follow_their_unit(unit, value):
    """JSON rounds to the unit's json_decimals; whole counts are integers; NULL stays null."""
    facts = UNITS[unit]
    got = json_number(None if value is None else float(value), unit)
    if value is None:
        assert got is None
        return
    if facts.whole and float(value).is_integer():
        assert isinstance(got, int) and got == value
    else:
        assert isinstance(got, float)
        assert math.isclose(got, round(float(value), facts.json_decimals))
