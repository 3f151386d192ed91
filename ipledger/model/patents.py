"""Patents: the application number is the key; whether a patent is in force follows from its
grant and lapse dates and its statutory term (`PATENTS`)."""

from __future__ import annotations

import datetime as dt

import attrs

from ipledger.codes import parse_patent_number
from ipledger.model._columns import column
from ipledger.model._entity import Entity
from ipledger.model._enums import Award, PatentKind
from ipledger.model._lifecycle import End, Lifecycle, StatutoryTerm, TermYears

__all__ = ["PATENTS", "PATENT_TERMS", "Patent", "canonical_patent_number"]


def canonical_patent_number(text: str) -> str:
    """The canonical form (``2023101234566``) of a patent number written in any accepted form.

    Examples:
        >>> canonical_patent_number("ZL 2023 1 0123456.6")
        '2023101234566'
    """
    return parse_patent_number(text).canonical


def _kind_matches_number(
    instance: Patent, _attribute: attrs.Attribute[PatentKind], value: PatentKind
) -> None:
    from ipledger.errors import ValidationError

    derived = PatentKind(parse_patent_number(instance.application_no).kind)
    if value is not derived:
        raise ValidationError(
            column="kind",
            value=str(value),
            reason=f"does not match application number {instance.application_no} ({derived})",
        )


PATENT_TERMS = (
    TermYears(PatentKind.INVENTION, 20),
    TermYears(PatentKind.UTILITY_MODEL, 10),
    TermYears(PatentKind.DESIGN, 15, filed_from=dt.date(2021, 6, 1)),
    TermYears(PatentKind.DESIGN, 10),
)
"""Statutory terms from the filing date, by kind (Patent Law art. 42, as revised in 2020): the
first matching line applies."""


@attrs.frozen(kw_only=True)
class Patent:
    """A patent application and, once granted, the patent.

    The number is stored in canonical form whatever form it is given in; ``kind`` is derived
    from the number when not given, and must agree with it when given. In force from its grant
    date until the earliest of its lapse date and the end of its statutory term.

    Examples:
        >>> p = Patent(application_no="CN202310123456.6", filing_date="2023-03-01")
        >>> p.application_no, p.kind
        ('2023101234566', <PatentKind.INVENTION: 'invention'>)
        >>> p.in_force(dt.date(2024, 1, 1))
        False
        >>> old = Patent(application_no="200010012345.7", filing_date="2000-03-01",
        ...              grant_date="2003-05-06")
        >>> old.in_force(dt.date(2020, 2, 29)), old.in_force(dt.date(2020, 3, 1))
        (True, False)
    """

    application_no: str = column("patent_number", "申请号", synonyms=("专利号",))
    kind: PatentKind = column(
        "patent_kind",
        "专利类型",
        vocabulary=PatentKind,
        depends_on="application_no",
        validator=_kind_matches_number,
    )
    title: str | None = column("text", "名称", default=None, synonyms=("专利名称", "发明名称"))
    holder_id: str | None = column(
        "party_ref", "专利权人代码", default=None, name_column="holder_name"
    )
    holder_name: str | None = column("text", "专利权人", default=None)
    region_code: str | None = column("region", "行政区划代码", default=None)
    filing_date: dt.date | None = column("date", "申请日", default=None)
    grant_date: dt.date | None = column(
        "date", "授权日", default=None, not_before=("filing_date",), synonyms=("授权公告日",)
    )
    lapse_date: dt.date | None = column(
        "date", "失效日", default=None, not_before=("filing_date", "grant_date")
    )
    ipc: str | None = column("text", "主分类号", default=None)
    strategic_emerging: bool = column("bool", "战略性新兴产业")
    overseas_family_granted: bool = column("bool", "海外同族授权")
    award: Award = column("enum", "获奖", default=Award.NONE, vocabulary=Award)
    term_extension_days: int | None = column("int", "期限补偿天数", default=None, bounds=(0, 2**62))

    @kind.default
    def _kind_from_number(self) -> PatentKind:
        return PatentKind(parse_patent_number(self.application_no).kind)

    def in_force(self, on: dt.date) -> bool:
        """Whether the patent is in force on ``on`` (granted by then, not lapsed, within its
        statutory term): `PATENTS` ``.lifecycle``."""
        return PATENTS.lifecycle_rule.holds(self, on)

    @property
    def term_end(self) -> dt.date | None:
        """The first day past its statutory term (``None`` without a filing date)."""
        term = PATENTS.lifecycle_rule.term
        return None if term is None else term.end(self)


PATENTS = Entity(
    name="patents",
    record_type=Patent,
    key=("application_no",),
    label="patent",
    label_zh="专利",
    lifecycle=Lifecycle(
        state="in_force",
        start="grant_date",
        ends=(End("lapse_date"),),
        term=StatutoryTerm(
            counted_from="filing_date",
            kind_column="kind",
            terms=PATENT_TERMS,
            extension_column="term_extension_days",
        ),
    ),
    right_type="patent",
    partition=("filing_year", "filing_date"),
    dated_by="filing_date",
)
"""The patents entity: keyed by application number; in force from grant until lapse or the end
of the statutory term; moved between regions by assignments; exported by filing year."""
