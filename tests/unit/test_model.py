"""The domain model: validation, derived values and the converter round-trip."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ipledger.model import (
    ENTITIES,
    Case,
    CaseType,
    Party,
    PartyKind,
    Patent,
    PatentKind,
    Pledge,
    Trademark,
    TrademarkKind,
    entity,
    make_converter,
)

D = dt.date


def test_patent_number_is_canonicalised_and_kind_derived():
    """Any accepted written form becomes canonical; kind follows the number's kind digit."""
    p = Patent(application_no="ZL 2023 1 0123456.6")
    assert p.application_no == "2023101234566"
    assert p.kind is PatentKind.INVENTION


def test_patent_kind_must_match_number():
    """A kind that contradicts the number's kind digit is rejected."""
    with pytest.raises(ValueError, match="does not match"):
        Patent(application_no="2023101234566", kind="design")


def test_patent_bad_check_character_rejected():
    """A wrong check character is an error, never a guess."""
    with pytest.raises(ValueError, match="check"):
        Patent(application_no="2023101234567")


def test_patent_grant_before_filing_rejected():
    """The date-order rule on the field rejects a grant before filing."""
    with pytest.raises(ValueError, match=r"grant_date: .* is before filing_date"):
        Patent(application_no="2023101234566", filing_date=D(2023, 5, 1), grant_date=D(2023, 4, 1))


def test_patent_in_force_boundaries():
    """In force from the grant date (included) to the lapse date (excluded)."""
    p = Patent(application_no="2023101234566", grant_date=D(2024, 1, 5), lapse_date=D(2025, 1, 5))
    assert not p.in_force(D(2024, 1, 4))
    assert p.in_force(D(2024, 1, 5))
    assert p.in_force(D(2025, 1, 4))
    assert not p.in_force(D(2025, 1, 5))


def test_pledge_outstanding_boundaries():
    """Outstanding from registration until release (excluded) or past term end."""
    p = Pledge(
        pledge_id="Y1",
        registered_date=D(2023, 1, 1),
        amount=Decimal("100.00"),
        term_end=D(2023, 12, 31),
        released_date=None,
    )
    assert not p.outstanding(D(2022, 12, 31))
    assert p.outstanding(D(2023, 12, 31))
    assert not p.outstanding(D(2024, 1, 1))


def test_negative_money_rejected():
    """Money is never negative."""
    with pytest.raises(ValueError, match="money cannot be negative"):
        Pledge(pledge_id="Y1", registered_date=D(2023, 1, 1), amount=Decimal("-1"))


def test_money_more_than_two_places_rejected():
    """Money has at most 2 decimal places: no silent rounding."""
    with pytest.raises(ValueError, match="2 decimal places"):
        Pledge(pledge_id="Y1", registered_date=D(2023, 1, 1), amount=Decimal("1.005"))


def test_case_types_deduplicated_and_required():
    """A case keeps each type once and needs at least one."""
    c = Case(
        case_no="C1", types=["patent_dispute", "patent_dispute", "other"], opened_date=D(2023, 1, 1)
    )
    assert c.types == (CaseType.PATENT_DISPUTE, CaseType.OTHER)
    with pytest.raises(ValueError, match=r"types: .*required, but blank"):
        Case(case_no="C2", types=[], opened_date=D(2023, 1, 1))


def test_party_organisation_needs_valid_credit_code():
    """An organisation's id must be a valid credit code; a person's may be any stable id."""
    Party(party_id="P-0001", name="张三", kind=PartyKind.INDIVIDUAL)
    with pytest.raises(ValueError, match="check character"):
        Party(party_id="91440700MA4UN9WJ3X", name="某公司", kind=PartyKind.ENTERPRISE)


def test_trademark_nice_classes_range():
    """Nice classes are 1..45."""
    with pytest.raises(ValueError, match=r"1\.\.45"):
        Trademark(registration_no="123", nice_classes=[46])


def test_gi_mark_property():
    """A GI mark is a collective or certification mark flagged as geographical indication."""
    assert Trademark(
        registration_no="1", kind=TrademarkKind.COLLECTIVE, geographical_indication=True
    ).is_gi_mark
    assert not Trademark(registration_no="1", geographical_indication=True).is_gi_mark


def test_date_order_rules_are_declared_on_the_columns():
    """The date-order rules the import checks are the columns' own ``not_before``."""
    found = {(c.name, e) for c in entity("pledges").declared_columns for e in c.not_before}
    assert found == {("term_end", "term_start"), ("released_date", "registered_date")}


def test_every_entity_key_is_a_field():
    """Each entity's natural key names fields of its record class."""
    for declared in ENTITIES.values():
        assert set(declared.key) <= set(declared.columns), declared.name


amounts = st.decimals(
    min_value=0, max_value=10**12, places=2, allow_nan=False, allow_infinity=False
)
dates = st.dates(min_value=D(1985, 1, 1), max_value=D(2100, 1, 1))


@given(
    amount=amounts,
    registered=dates,
    rights=st.lists(
        st.text(st.characters(exclude_characters=";；、"), min_size=1, max_size=12), max_size=4
    ),
)
def test_converter_round_trips_through_json(amount, registered, rights):
    """unstructure -> JSON text -> structure gives back an equal record."""
    converter = make_converter()
    pledge = Pledge(pledge_id="Y1", registered_date=registered, amount=amount, rights=rights)
    text = json.dumps(converter.unstructure(pledge))
    assert converter.structure(json.loads(text), Pledge) == pledge


def test_converter_round_trips_every_entity():
    """Every record class round-trips through the converter (defaults filled)."""
    converter = make_converter()
    samples = {
        "patents": Patent(application_no="2023101234566", filing_date=D(2023, 1, 1)),
        "cases": Case(case_no="C", types=["other"], opened_date=D(2023, 1, 1), fine=Decimal("1.5")),
        "trademarks": Trademark(registration_no="123", nice_classes=[9, 35]),
    }
    for name, record in samples.items():
        assert isinstance(record, ENTITIES[name].record_type)
        data = converter.unstructure(record)
        assert converter.structure(data, type(record)) == record
        assert set(data) == {a.name for a in attrs.fields(type(record))}
