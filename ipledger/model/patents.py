"""Patents: the application number is the key; status follows from the lifecycle dates."""

from __future__ import annotations

import datetime as dt

import attrs

from ipledger.codes import parse_patent_number
from ipledger.model._enums import Award, PatentKind
from ipledger.model._validators import date_field, optional_region_code

__all__ = ["Patent", "canonical_patent_number"]


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
    derived = PatentKind(parse_patent_number(instance.application_no).kind)
    if value is not derived:
        raise ValueError(
            f"kind {value} does not match application number {instance.application_no} ({derived})"
        )


@attrs.frozen(kw_only=True)
class Patent:
    """A patent application and, once granted, the patent.

    The number is stored in canonical form whatever form it is given in; ``kind`` is derived
    from the number when not given, and must agree with it when given.

    Examples:
        >>> p = Patent(application_no="CN202310123456.6", filing_date=dt.date(2023, 3, 1))
        >>> p.application_no, p.kind
        ('2023101234566', <PatentKind.INVENTION: 'invention'>)
        >>> p.in_force(dt.date(2024, 1, 1))
        False
    """

    application_no: str = attrs.field(converter=canonical_patent_number)
    kind: PatentKind = attrs.field(converter=PatentKind, validator=_kind_matches_number)
    title: str | None = None
    holder_id: str | None = None
    holder_name: str | None = None
    region_code: str | None = attrs.field(default=None, validator=optional_region_code)
    filing_date: dt.date | None = date_field()
    grant_date: dt.date | None = date_field(not_before=("filing_date",))
    lapse_date: dt.date | None = date_field(not_before=("filing_date", "grant_date"))
    ipc: str | None = None
    strategic_emerging: bool = False
    overseas_family_granted: bool = False
    award: Award = attrs.field(default=Award.NONE, converter=Award)

    @kind.default
    def _kind_from_number(self) -> PatentKind:
        return PatentKind(parse_patent_number(self.application_no).kind)

    def in_force(self, on: dt.date) -> bool:
        """Whether the patent was granted on or before ``on`` and had not lapsed by then."""
        granted = self.grant_date is not None and self.grant_date <= on
        return granted and (self.lapse_date is None or self.lapse_date > on)
