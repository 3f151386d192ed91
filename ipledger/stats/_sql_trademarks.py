"""Trademark and geographical-indication families: registrations, the trademark stock (valid,
well-known, GI marks), GI products and GI label users."""

from __future__ import annotations

from ipledger.model import GI_PRODUCTS as GI_PRODUCT_ENTITY
from ipledger.model import GI_USERS as GI_USER_ENTITY
from ipledger.model import TRADEMARKS
from ipledger.stats._family import Family, SqlContext, in_period_sql
from ipledger.stats._regions import held_region_sql, held_stock_sql

__all__ = ["GI_PRODUCTS", "GI_USERS", "TRADEMARK_REGISTRATIONS", "TRADEMARK_STOCK"]


def _registrations(ctx: SqlContext) -> str:
    join, region = held_region_sql("trademark", "x", "x.registration_date")
    return f"""
        SELECT 'trademark_registrations' AS indicator, p.label AS period,
               {region} AS region_code, count(*) AS value
        FROM trademarks_at({ctx.moment}) x
        JOIN _ipl_p p ON {in_period_sql("x.registration_date")}
        {join}
        GROUP BY ALL
    """


TRADEMARK_REGISTRATIONS = Family(
    name="trademark_registrations",
    rollup="sum",
    emits=("trademark_registrations",),
    build=_registrations,
)
"""trademark_registrations, by registration date and the holder's region on it."""


def _stock(ctx: SqlContext) -> str:
    gi = "x.geographical_indication AND x.kind = "
    leaf = held_stock_sql(
        "trademark",
        f"trademarks_at({ctx.moment})",
        TRADEMARKS.lifecycle_rule.holds_sql("p.end_date", alias="x"),
        {
            "valid": "true",
            "well_known": "x.well_known_date <= p.end_date",
            "certification": f"{gi}'certification'",
            "collective": f"{gi}'collective'",
        },
    )
    return f"""
        SELECT unnest(['valid_trademarks', 'well_known_trademarks', 'gi_trademarks',
                       'gi_trademarks.certification', 'gi_trademarks.collective'])
                   AS indicator,
               period, region_code,
               unnest([valid, well_known, certification + collective, certification,
                       collective]) AS value
        FROM ({leaf})
    """


TRADEMARK_STOCK = Family(
    name="trademark_stock",
    rollup="sum",
    emits=(
        "valid_trademarks",
        "well_known_trademarks",
        "gi_trademarks",
        "gi_trademarks.certification",
        "gi_trademarks.collective",
    ),
    build=_stock,
)
"""valid_trademarks, well_known_trademarks and gi_trademarks (+ .certification, .collective)
on the period's last day: a GI mark is a certification or collective mark flagged
``geographical_indication``."""


def _gi_products(ctx: SqlContext) -> str:
    return f"""
        SELECT 'gi_products' AS indicator, p.label AS period, x.region_code, count(*) AS value
        FROM gi_products_at({ctx.moment}) x
        JOIN _ipl_p p ON {GI_PRODUCT_ENTITY.lifecycle_rule.holds_sql("p.end_date", alias="x")}
        GROUP BY ALL
    """


GI_PRODUCTS = Family(name="gi_products", rollup="sum", emits=("gi_products",), build=_gi_products)
"""gi_products: protected by the period's last day and not revoked by then."""


def _gi_users(ctx: SqlContext) -> str:
    return f"""
        SELECT 'gi_users' AS indicator, p.label AS period, x.region_code, x.user_id AS item
        FROM gi_users_at({ctx.moment}) x
        JOIN _ipl_p p ON {GI_USER_ENTITY.lifecycle_rule.holds_sql("p.end_date", alias="x")}
    """


GI_USERS = Family(name="gi_users", rollup="distinct", emits=("gi_users",), build=_gi_users)
"""gi_users: distinct enterprises approved by the period's last day and not revoked by then
(an enterprise using two GI labels is one user)."""
