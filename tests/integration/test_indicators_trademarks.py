"""Trademark and geographical-indication indicators on small hand-made ledgers."""

from __future__ import annotations

from ipledger import GIProduct, GIUser, Trademark, Transfer
from tests.stats_helpers import CHANCHENG, FOSHAN, JIANGHAI, JIANGMEN, PENGJIANG, D, rows

STOCKS = [
    "valid_trademarks",
    "well_known_trademarks",
    "gi_trademarks",
    "gi_trademarks.certification",
    "gi_trademarks.collective",
    "trademark_registrations",
]


def test_trademark_stocks_on_the_last_day(ledger):
    """Valid, well-known (recognised by the last day) and GI marks (certification or collective
    flagged as GI) in force on the last day; registrations by registration date."""
    ledger.trademarks.upsert(
        [
            Trademark(
                registration_no="1",
                region_code=JIANGMEN,
                registration_date=D(2010, 1, 1),
                well_known_date=D(2020, 1, 1),
            ),
            Trademark(
                registration_no="2",
                region_code=PENGJIANG,
                registration_date=D(2010, 1, 1),
                kind="certification",
                geographical_indication=True,
            ),
            Trademark(
                registration_no="3",
                region_code=JIANGHAI,
                registration_date=D(2023, 6, 1),
                kind="collective",
                geographical_indication=True,
            ),
            Trademark(
                registration_no="4",
                region_code=JIANGMEN,
                registration_date=D(2010, 1, 1),
                lapse_date=D(2022, 1, 1),
                well_known_date=D(2015, 1, 1),
            ),
            Trademark(
                registration_no="5",
                region_code=JIANGMEN,
                registration_date=D(2010, 1, 1),
                kind="collective",
                well_known_date=D(2024, 1, 1),
            ),
        ]
    )
    got = rows(ledger, "2023", STOCKS)
    assert [got[(JIANGMEN, i)]["value"] for i in STOCKS] == [4, 1, 2, 1, 1, 1]
    first_half = rows(ledger, "2023-01..2023-05", STOCKS)
    assert [first_half[(JIANGMEN, i)]["value"] for i in STOCKS] == [3, 1, 1, 1, 0, 0]


def test_trademark_assigned_before_registration(ledger):
    """A mark assigned to a Foshan holder before it was registered counts there."""
    ledger.trademarks.upsert(
        Trademark(registration_no="7", region_code=PENGJIANG, registration_date=D(2023, 5, 1))
    )
    ledger.transfers.upsert(
        Transfer(right_no="7", right_type="trademark", date=D(2023, 2, 1), to_region_code=CHANCHENG)
    )
    got = rows(ledger, "2023", ["trademark_registrations"], regions=(JIANGMEN, FOSHAN))
    assert got[(JIANGMEN, "trademark_registrations")]["value"] == 0
    assert got[(FOSHAN, "trademark_registrations")]["value"] == 1


def test_gi_products_and_distinct_label_users(ledger):
    """GI products under protection on the last day; label users are distinct enterprises: one
    using two GI labels counts once, in the city as in its county; revoked ones not at all."""
    ledger.gi_products.upsert(
        [
            GIProduct(
                gi_id="G1", name="新会陈皮", region_code=JIANGMEN, protected_date=D(2006, 1, 1)
            ),
            GIProduct(
                gi_id="G2",
                name="旧",
                region_code=JIANGMEN,
                protected_date=D(2006, 1, 1),
                lapse_date=D(2020, 1, 1),
            ),
            GIProduct(gi_id="G3", name="新", region_code=JIANGMEN, protected_date=D(2024, 1, 1)),
        ]
    )
    ledger.gi_users.upsert(
        [
            GIUser(gi_ref="G1", user_id="U1", region_code=PENGJIANG, approved_date=D(2020, 1, 1)),
            GIUser(gi_ref="G3", user_id="U1", region_code=PENGJIANG, approved_date=D(2021, 1, 1)),
            GIUser(gi_ref="G1", user_id="U2", region_code=JIANGHAI, approved_date=D(2020, 1, 1)),
            GIUser(
                gi_ref="G1",
                user_id="U3",
                region_code=JIANGHAI,
                approved_date=D(2020, 1, 1),
                revoked_date=D(2023, 1, 1),
            ),
        ]
    )
    got = rows(ledger, "2023", ["gi_products", "gi_users"], regions=(JIANGMEN, PENGJIANG))
    assert got[(JIANGMEN, "gi_products")]["value"] == 1
    assert got[(JIANGMEN, "gi_users")]["value"] == 2
    assert got[(PENGJIANG, "gi_users")]["value"] == 1
    assert got[(JIANGMEN, "gi_users")]["previous"] == 3
