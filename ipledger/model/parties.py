"""Parties (`PARTIES`): enterprises, universities, institutes, banks, insurers, people."""

from __future__ import annotations

import attrs

from ipledger.model._columns import column, convert_dependent
from ipledger.model._entity import Entity
from ipledger.model._enums import EnterpriseSize, PartyKind

__all__ = ["PARTIES", "Party"]

_SME = frozenset({EnterpriseSize.MICRO, EnterpriseSize.SMALL, EnterpriseSize.MEDIUM})


@attrs.frozen(kw_only=True)
class Party:
    """A holder, pledgor, pledgee, insured party, respondent, ...

    ``party_id`` is the unified social credit code for an organisation (check character
    verified, upper case) and any stable id for a person.

    Examples:
        >>> Party(party_id="91440700MA4UN9WJ3T", name="江门某某科技有限公司",
        ...       kind=PartyKind.ENTERPRISE, size=EnterpriseSize.SMALL).is_sme
        True
        >>> Party(party_id="91440700ma4un9wj3t", name="江门某某科技有限公司").party_id
        '91440700MA4UN9WJ3T'
    """

    party_id: str = column("party_id", "统一社会信用代码", depends_on="kind", name_column="name")
    name: str = column("text", "名称", synonyms=("企业名称",))
    kind: PartyKind | None = column("enum", "主体类型", default=None, vocabulary=PartyKind)
    region_code: str | None = column("region", "行政区划代码", default=None)
    size: EnterpriseSize | None = column(
        "enum", "企业规模", default=None, vocabulary=EnterpriseSize
    )
    designations: tuple[str, ...] = column("list", "称号")

    def __attrs_post_init__(self) -> None:
        convert_dependent(self, "party_id")

    @property
    def is_sme(self) -> bool:
        """Whether the party is a micro, small or medium enterprise (中小微企业)."""
        return self.size in _SME


PARTIES = Entity(
    name="parties",
    record_type=Party,
    key=("party_id",),
    label="party",
    label_zh="主体",
    counts_for_region=False,
)
"""Parties, keyed by party_id (the credit code of an organisation)."""
