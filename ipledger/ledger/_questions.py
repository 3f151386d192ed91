"""Questions across entities (``ledger.questions``), each one SQL query over the ledger as known
at a moment, reading the pledges and cases with their events applied.

- `Questions.pledged_then_litigated` / `Questions.litigated_then_pledged`: the share
  of pledged patents later named in an infringement case, and the reverse;
- `Questions.gi_cases`: enforcement cases touching a GI mark or GI product, with the GI's
  authorised label users on the day the case opened and whether the respondent was one;
- `Questions.pledged_amount_per_high_value_patent`;
- `Questions.pledged_during_case`: rights pledged while a case on them was open.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs
import pyarrow as pa

from ipledger._sql import date_literal, timestamp_literal
from ipledger.ledger._high_value import DEFAULT_PLEDGE_THRESHOLD, high_value_patents
from ipledger.ledger._moments import Moment, as_utc_moment
from ipledger.model import GI_USERS, PLEDGES
from ipledger.model.tracking import EVENT_LOGS
from ipledger.store import Store

__all__ = ["INFRINGEMENT_TYPES", "Questions", "Share"]

INFRINGEMENT_TYPES = ("patent_dispute", "patent_counterfeiting")
"""The case types that make a case an infringement case of a patent."""


@attrs.frozen
class Share:
    """``part`` of ``whole`` (``share``: percent, ``None`` of nothing) and the ``rows`` behind
    the part."""

    part: int
    whole: int
    rows: pa.Table

    @property
    def share(self) -> float | None:
        """``part / whole`` in percent."""
        return None if not self.whole else 100.0 * self.part / self.whole


def _moment(as_known_at: Moment | None) -> str:
    return timestamp_literal(None if as_known_at is None else as_utc_moment(as_known_at))


def _first_sql(moment: str) -> str:
    """Per patent pledged or litigated: the day it was first pledged, first named in an
    infringement case, the first case opened on or after its first pledge, and the first
    pledge registered on or after its first case."""
    pledges = EVENT_LOGS["pledge_events"].effective_sql(moment)
    types = "['" + "', '".join(INFRINGEMENT_TYPES) + "']"
    return f"""
        WITH p AS (
            SELECT unnest(rights) AS r, registered_date FROM ({pledges})
        ), c AS (
            SELECT unnest(rights) AS r, opened_date FROM cases_at({moment})
            WHERE list_has_any(types, {types})
        ), firsts AS (
            SELECT x.application_no,
                   (SELECT min(registered_date) FROM p WHERE p.r = x.application_no)
                       AS first_pledged,
                   (SELECT min(opened_date) FROM c WHERE c.r = x.application_no) AS first_case
            FROM patents_at({moment}) x
        )
        SELECT f.*,
               (SELECT min(opened_date) FROM c WHERE c.r = f.application_no
                AND c.opened_date >= f.first_pledged) AS case_after_pledge,
               (SELECT min(registered_date) FROM p WHERE p.r = f.application_no
                AND p.registered_date >= f.first_case) AS pledge_after_case
        FROM firsts f WHERE f.first_pledged IS NOT NULL OR f.first_case IS NOT NULL
    """


class Questions:
    """Cross-entity questions over one ledger (``ledger.questions``)."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def _share(self, as_known_at: Moment | None, whole: str, part: str) -> Share:
        sql = _first_sql(_moment(as_known_at))
        with self.store.snapshot():  # the part and the whole from one state
            rows = self.store.sql(f"SELECT * FROM ({sql}) WHERE {part} ORDER BY application_no")
            (counted,) = self.store.sql(f"SELECT count(*) AS n FROM ({sql}) WHERE {whole}")[0]
        return Share(part=rows.num_rows, whole=int(counted.as_py()), rows=rows)

    def pledged_then_litigated(self, *, as_known_at: Moment | None = None) -> Share:
        """Of the patents ever pledged, those named in an infringement case (patent dispute or
        counterfeiting) opened on or after the day they were first pledged."""
        return self._share(
            as_known_at, "first_pledged IS NOT NULL", "case_after_pledge IS NOT NULL"
        )

    def litigated_then_pledged(self, *, as_known_at: Moment | None = None) -> Share:
        """Of the patents ever named in an infringement case, those pledged on or after the
        day the first such case opened."""
        return self._share(as_known_at, "first_case IS NOT NULL", "pledge_after_case IS NOT NULL")

    def gi_cases(self, *, as_known_at: Moment | None = None) -> pa.Table:
        """Enforcement cases touching a GI: of type ``gi_infringement`` or naming a GI mark (a
        trademark with ``geographical_indication``) or a GI product (its ``gi_id``). Per case
        and GI: the GI, its authorised label users on the day the case opened (ids and
        names), and whether the respondent was one of them (``None``: no GI named, or no
        respondent id)."""
        moment = _moment(as_known_at)
        approved = GI_USERS.lifecycle_rule.holds_sql("c.opened_date", alias="u")
        return self.store.sql(
            f"""
            WITH named AS (
                SELECT c.case_no, c.opened_date, c.types, c.respondent_id, c.respondent_name,
                       g.gi_ref
                FROM cases_at({moment}) c
                LEFT JOIN (SELECT case_no, unnest(rights) AS gi_ref FROM cases_at({moment})) g
                  ON g.case_no = c.case_no AND (
                      g.gi_ref IN (SELECT registration_no FROM trademarks_at({moment})
                                   WHERE geographical_indication)
                      OR g.gi_ref IN (SELECT gi_id FROM gi_products_at({moment})))
                WHERE list_contains(c.types, 'gi_infringement') OR g.gi_ref IS NOT NULL
            )
            SELECT n.case_no, n.opened_date, n.types, n.gi_ref, n.respondent_id,
                   n.respondent_name,
                   list(u.user_id ORDER BY u.user_id) FILTER (WHERE u.user_id IS NOT NULL)
                       AS authorised_user_ids,
                   list(u.user_name ORDER BY u.user_id) FILTER (WHERE u.user_id IS NOT NULL)
                       AS authorised_user_names,
                   CASE WHEN n.gi_ref IS NULL OR n.respondent_id IS NULL THEN NULL
                        ELSE coalesce(bool_or(u.user_id = n.respondent_id), false) END
                       AS respondent_authorised
            FROM named n
            LEFT JOIN (SELECT u.*, c.case_no FROM gi_users_at({moment}) u
                       JOIN named c ON c.gi_ref = u.gi_ref WHERE {approved}) u
              ON u.case_no = n.case_no AND u.gi_ref = n.gi_ref
            GROUP BY n.case_no, n.opened_date, n.types, n.gi_ref, n.respondent_id,
                     n.respondent_name
            ORDER BY n.case_no, n.gi_ref
            """
        )

    def pledged_amount_per_high_value_patent(
        self,
        *,
        on: dt.date,
        as_known_at: Moment | None = None,
        pledge_threshold: Decimal = DEFAULT_PLEDGE_THRESHOLD,
    ) -> pa.Table:
        """The high-value invention patents on ``on`` with the pledges outstanding on them that
        day: ``pledges``, ``pledged_amount`` (the full amounts of those pledges) and
        ``pledged_amount_shared`` (each pledge's amount divided among the rights it
        pledges)."""
        moment = _moment(as_known_at)
        day = date_literal(on)
        chosen = high_value_patents(
            self.store, on=on, as_known_at=as_known_at, pledge_threshold=pledge_threshold
        ).select(["application_no", "holder_name", "region_code", "reasons"])
        pledges = EVENT_LOGS["pledge_events"].effective_sql(moment)
        outstanding = PLEDGES.lifecycle_rule.holds_sql(day, alias="x")
        self.store.cursor().register("_ipl_high_value", chosen)
        try:
            return self.store.sql(
                f"""
                SELECT h.*, count(p.pledge_id) AS pledges,
                       coalesce(sum(p.amount), 0) AS pledged_amount,
                       CAST(coalesce(sum(p.amount / p.n), 0) AS DECIMAL(18, 2))
                           AS pledged_amount_shared
                FROM _ipl_high_value h
                LEFT JOIN (SELECT x.pledge_id, x.amount, len(x.rights) AS n, unnest(x.rights) AS r
                           FROM ({pledges}) x WHERE {outstanding}) p ON p.r = h.application_no
                GROUP BY ALL ORDER BY pledged_amount DESC, h.application_no
                """
            )
        finally:
            self.store.cursor().unregister("_ipl_high_value")

    def pledged_during_case(self, *, as_known_at: Moment | None = None) -> pa.Table:
        """Rights pledged while a case naming them was open (registered on or after the case
        opened and before it closed, or while it is still open): right, pledge, case, days."""
        moment = _moment(as_known_at)
        pledges = EVENT_LOGS["pledge_events"].effective_sql(moment)
        cases = EVENT_LOGS["case_events"].effective_sql(moment)
        return self.store.sql(
            f"""
            SELECT p.r AS right_no, p.pledge_id, p.registered_date, p.amount, p.pledgee_name,
                   c.case_no, c.types, c.opened_date, c.closed_date
            FROM (SELECT *, unnest(rights) AS r FROM ({pledges})) p
            JOIN (SELECT *, unnest(rights) AS r FROM ({cases})) c ON c.r = p.r
            WHERE p.registered_date >= c.opened_date
              AND (c.closed_date IS NULL OR p.registered_date < c.closed_date)
            ORDER BY p.r, p.registered_date, c.case_no
            """
        )
