"""Parties: enterprises, universities, institutes, banks, insurers, people, ..."""

from __future__ import annotations

import attrs

from ipledger.codes import parse_credit_code
from ipledger.model._enums import EnterpriseSize, PartyKind
from ipledger.model._validators import non_blank, optional_region_code

__all__ = ["Party"]

_SME = frozenset({EnterpriseSize.MICRO, EnterpriseSize.SMALL, EnterpriseSize.MEDIUM})


def _id_fits_kind(instance: Party, _attribute: attrs.Attribute[str], value: str) -> None:
    if instance.kind is not None and instance.kind is not PartyKind.INDIVIDUAL:
        parse_credit_code(value)


@attrs.frozen(kw_only=True)
class Party:
    """A holder, pledgor, pledgee, insured party, respondent, ...

    ``party_id`` is the unified social credit code for an organisation (check character
    verified) and any stable id for a person.

    Examples:
        >>> Party(party_id="91440700MA4UN9WJ3T", name="江门某某科技有限公司",
        ...       kind=PartyKind.ENTERPRISE, size=EnterpriseSize.SMALL).is_sme
        True
    """

    party_id: str = attrs.field(validator=[non_blank, _id_fits_kind])
    name: str = attrs.field(validator=non_blank)
    kind: PartyKind | None = attrs.field(
        default=None, converter=attrs.converters.optional(PartyKind)
    )
    region_code: str | None = attrs.field(default=None, validator=optional_region_code)
    size: EnterpriseSize | None = attrs.field(
        default=None, converter=attrs.converters.optional(EnterpriseSize)
    )
    designations: tuple[str, ...] = attrs.field(default=(), converter=tuple)

    @property
    def is_sme(self) -> bool:
        """Whether the party is a micro, small or medium enterprise (中小微企业)."""
        return self.size in _SME
