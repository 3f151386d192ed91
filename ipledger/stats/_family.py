"""An indicator family: the one SQL query that computes a few indicators for every region and
period at once, and how its rows roll up the region tree.

A family's query reads the ledger as known at ``ctx.moment`` (``<entity>_at(t)`` macros only)
and the engine's temporary tables:

``_ipl_p``
    the periods: ``label``, ``start_date``, ``end_date``, ``year`` (see `in_period_sql`);
``_ipl_closure``, ``_ipl_held_patent``, ``_ipl_held_trademark``
    the region tree and where assigned rights were held (`ipledger.stats._regions`).

It yields ``(indicator, period, region_code, <measure>)`` at the region each row is recorded
for, for exactly the indicator ids it declares in ``emits`` (checked against the catalog when
the family is made, and against its SQL's rows in the tests). The engine then rolls the rows
up to every ancestor region according to ``rollup``:

``sum``
    ``value`` is added up (counts and yuan amounts; the family may pre-aggregate);
``distinct``
    ``item`` is counted once per region (a pledgor with pledges in two counties is one
    beneficiary of the city);
``median``
    the median of the item-level ``value``;
``rolled``
    the family rolls up itself (it needs the ancestor, e.g. "outside the region").
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from decimal import Decimal
from typing import Literal

import attrs

from ipledger.model import INDICATORS

__all__ = ["Family", "RollUp", "SqlContext", "in_period_sql", "rolled_up_sql"]

RollUp = Literal["sum", "distinct", "median", "rolled"]


@attrs.frozen(kw_only=True)
class SqlContext:
    """What a family's SQL depends on besides the temporary tables."""

    moment: str
    """The "as known at" moment, a SQL timestamp literal (``TIMESTAMP 'infinity'``: now)."""
    pledge_threshold: Decimal
    """The single-pledge amount (yuan) that makes a pledged invention patent high-value."""


def _emitted(family: Family, _: attrs.Attribute[tuple[str, ...]], ids: tuple[str, ...]) -> None:
    """Every id a family emits is a catalog id, emitted once, and not a per-10k figure."""
    if not ids:
        raise ValueError(f"family {family.name!r} emits no indicator")
    for item in ids:
        if item not in INDICATORS:
            close = difflib.get_close_matches(item, INDICATORS, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise ValueError(
                f"family {family.name!r} emits {item!r}, which is not in the indicator "
                f"catalog (ipledger.model.INDICATORS){hint}"
            )
        if INDICATORS[item].per_10k_of is not None:
            raise ValueError(
                f"family {family.name!r} emits {item!r}: per-10k figures are derived by the "
                f"engine from {INDICATORS[item].per_10k_of!r}"
            )
        if ids.count(item) > 1:
            raise ValueError(f"family {family.name!r} emits {item!r} twice")


@attrs.frozen(kw_only=True)
class Family:
    """A named SQL builder for some indicators, with its roll-up rule and the ids it emits."""

    name: str
    rollup: RollUp = attrs.field(
        validator=attrs.validators.in_(("sum", "distinct", "median", "rolled"))
    )
    emits: tuple[str, ...] = attrs.field(validator=_emitted)
    """The indicator ids the family's rows carry (a catalog id, never a per-10k one)."""
    build: Callable[[SqlContext], str] = attrs.field(eq=False)
    """Returns the family's query for a context."""
    share: bool = False
    """Its values are shares of rows (a ``rolled`` family): a region without rows has none."""

    @property
    def absent_is_zero(self) -> bool:
        """Whether a region without any row has the value 0 (a count or a sum of nothing);
        a median or a share of nothing is unknown (NULL)."""
        return self.rollup != "median" and not self.share

    def sql(self, ctx: SqlContext) -> str:
        """The family's rows rolled up the region tree: ``(indicator, period, region_code,
        value)`` for every region with any row below it."""
        return rolled_up_sql(self.rollup, self.build(ctx))


def rolled_up_sql(rollup: RollUp, query: str) -> str:
    """Wrap a family query so its rows are rolled up to every ancestor region."""
    if rollup == "rolled":
        return query
    if rollup == "sum":
        leaf = (
            "SELECT indicator, period, region_code, sum(value) AS value "
            f"FROM ({query}) GROUP BY ALL"
        )
        measure = "sum(f.value)"
    elif rollup == "distinct":
        leaf = f"SELECT DISTINCT indicator, period, region_code, item FROM ({query})"
        measure = "count(DISTINCT f.item)"
    else:
        leaf = query
        measure = "median(f.value)"
    return (
        f"SELECT f.indicator, f.period, c.ancestor AS region_code, {measure} AS value "
        f"FROM ({leaf}) f JOIN _ipl_closure c ON c.code = f.region_code GROUP BY ALL"
    )


def in_period_sql(date: str, periods: str = "p") -> str:
    """SQL join condition: the date expression lies in the period row ``periods``.

    Written as an equality on the year plus a month range, so DuckDB hash-joins the (large)
    rows with the (few) periods instead of comparing every row with every period.
    """
    return (
        f"year({date}) = {periods}.year"
        f" AND month({date}) BETWEEN {periods}.first_month AND {periods}.last_month"
    )
