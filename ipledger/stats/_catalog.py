"""The indicator catalog (INDICATORS.md v1): one declared object per published figure.

Reports, ``ipledger indicators`` and ``docs/indicators.md`` are generated from :data:`CATALOG`;
each indicator's ``family`` is the SQL builder that computes it (one query for a few related
indicators, see :mod:`ipledger.stats._family`).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from types import MappingProxyType
from typing import Literal

import attrs

from ipledger.errors import UnknownIndicatorError
from ipledger.model import CaseType
from ipledger.stats._family import Family
from ipledger.stats._sql_cases import CASE_DAYS, CASES_CLOSED, CASES_OPENED
from ipledger.stats._sql_finance import (
    INSURANCE,
    INSURANCE_INSURED,
    PLEDGE_BENEFICIARIES,
    PLEDGE_OUTSTANDING,
    PLEDGES,
)
from ipledger.stats._sql_patents import (
    PATENT_APPLICATIONS,
    PATENT_GRANTS,
    PATENT_STOCK,
    PATENT_TRANSFERS,
)
from ipledger.stats._sql_trademarks import (
    GI_PRODUCTS,
    GI_USERS,
    TRADEMARK_REGISTRATIONS,
    TRADEMARK_STOCK,
)

__all__ = ["CATALOG", "KINDS", "UNITS", "Indicator", "indicator"]

Unit = Literal["count", "yuan", "per_10k", "days", "percent"]
Kind = Literal["flow", "stock"]
UNITS: tuple[Unit, ...] = ("count", "yuan", "per_10k", "days", "percent")
"""Units: a count (件, 笔, 家), yuan (元), per 10,000 people, days, or a percentage."""
KINDS: tuple[Kind, ...] = ("flow", "stock")
"""``flow``: events dated in the period; ``stock``: in force on the period's last day."""


@attrs.frozen(kw_only=True)
class Indicator:
    """One published figure: stable id, labels, unit, kind, definition and its SQL family.

    ``parent`` is the total a sub-id breaks down (``patent_grants`` for
    ``patent_grants.invention``); ``per_10k_of`` names the indicator a per-10,000-people figure
    divides by the year-end population.

    Examples:
        >>> i = indicator("pledge_count")
        >>> i.label_zh, i.label_en, i.unit, i.kind
        ('知识产权质押笔数', 'IP pledge registrations', 'count', 'flow')
    """

    id: str
    label_zh: str
    label_en: str
    unit: Unit = attrs.field(validator=attrs.validators.in_(UNITS))
    kind: Kind = attrs.field(validator=attrs.validators.in_(KINDS))
    definition_zh: str
    definition_en: str
    family: Family
    parent: str | None = None
    per_10k_of: str | None = None

    @property
    def is_breakdown(self) -> bool:
        """Whether this is a sub-id (``patent_grants.invention``) of another indicator."""
        return self.parent is not None


_PATENT_KINDS = (
    ("invention", "发明", "invention"),
    ("utility_model", "实用新型", "utility model"),
    ("design", "外观设计", "design"),
)
_CASE_TYPES = {
    CaseType.TRADEMARK_INFRINGEMENT: ("商标侵权", "trademark infringement"),
    CaseType.PATENT_DISPUTE: ("专利侵权纠纷", "patent infringement dispute"),
    CaseType.PATENT_COUNTERFEITING: ("假冒专利", "patent counterfeiting"),
    CaseType.GI_INFRINGEMENT: ("地理标志侵权", "geographical indication infringement"),
    CaseType.OTHER: ("其他知识产权", "other IP"),
}


def _sub(base: Indicator, suffix: str, zh: str, en: str, def_zh: str, def_en: str) -> Indicator:
    return attrs.evolve(
        base,
        id=f"{base.id}.{suffix}",
        label_zh=zh,
        label_en=en,
        definition_zh=def_zh,
        definition_en=def_en,
        parent=base.id,
    )


def _by_patent_kind(base: Indicator) -> Iterator[Indicator]:
    yield base
    for kind, zh, en in _PATENT_KINDS:
        yield _sub(
            base,
            kind,
            base.label_zh.replace("专利", f"{zh}专利", 1),
            f"{base.label_en}: {en}",
            f"{base.definition_zh}仅计{zh}专利。",
            f"{base.definition_en} Only {en} patents.",
        )


def _patents() -> Iterator[Indicator]:
    yield from _by_patent_kind(
        Indicator(
            id="patent_applications",
            label_zh="专利申请量",
            label_en="Patent applications",
            unit="count",
            kind="flow",
            definition_zh="期内提出的专利申请（各类型），按申请日计入申请人所在地区。",
            definition_en="Patent applications filed in the period (all kinds), counted for the "
            "region of the applicant on the filing date.",
            family=PATENT_APPLICATIONS,
        )
    )
    yield from _by_patent_kind(
        Indicator(
            id="patent_grants",
            label_zh="专利授权量",
            label_en="Patents granted",
            unit="count",
            kind="flow",
            definition_zh="期内授权的专利，按授权日计入专利权人当日所在地区（转让后计入受让方地区）。",
            definition_en="Patents granted in the period, counted for the region of the holder "
            "on the grant date (after an assignment: the assignee's region).",
            family=PATENT_GRANTS,
        )
    )
    yield Indicator(
        id="valid_invention_patents",
        label_zh="有效发明专利拥有量",
        label_en="Valid invention patents",
        unit="count",
        kind="stock",
        definition_zh="期末已授权且未失效的发明专利，计入专利权人期末所在地区。",
        definition_en="Invention patents granted and not lapsed on the period's last day, "
        "counted for the region of the holder on that day.",
        family=PATENT_STOCK,
    )
    yield Indicator(
        id="high_value_invention_patents",
        label_zh="高价值发明专利拥有量",
        label_en="High-value invention patents",
        unit="count",
        kind="stock",
        definition_zh="期末有效发明专利中至少符合一项的：战略性新兴产业；有海外同族专利授权；"
        "自申请日起维持年限超过10年；单笔质押金额达到阈值（国家知识产权局未定数额，"
        "ipledger 默认1000万元，可设置）；获中国专利奖或国家科学技术奖。",
        definition_en="Valid invention patents meeting at least one CNIPA criterion on the "
        "period's last day: strategic emerging industry; overseas family patent granted; "
        "maintained more than 10 years since filing; pledged in a single pledge of at least "
        "the threshold (CNIPA sets no number: a setting, default 10,000,000 yuan); China "
        "Patent Award or national S&T award. ledger.patents.high_value(on=) lists the "
        "patents and the criteria each met.",
        family=PATENT_STOCK,
    )
    yield Indicator(
        id="valid_invention_patents_per_10k",
        label_zh="每万人口发明专利拥有量",
        label_en="Valid invention patents per 10,000 people",
        unit="per_10k",
        kind="stock",
        definition_zh="有效发明专利拥有量 ÷ 期末所在年度年末常住人口 × 10000；人口未知时为空。",
        definition_en="valid_invention_patents / year-end resident population of the period's "
        "year x 10,000; null when that population is unknown.",
        family=PATENT_STOCK,
        per_10k_of="valid_invention_patents",
    )
    yield Indicator(
        id="high_value_invention_patents_per_10k",
        label_zh="每万人口高价值发明专利拥有量",
        label_en="High-value invention patents per 10,000 people",
        unit="per_10k",
        kind="stock",
        definition_zh="高价值发明专利拥有量 ÷ 期末所在年度年末常住人口 × 10000；人口未知时为空。",
        definition_en="high_value_invention_patents / year-end resident population of the "
        "period's year x 10,000; null when that population is unknown.",
        family=PATENT_STOCK,
        per_10k_of="high_value_invention_patents",
    )
    for kind, zh, en, party in (
        ("assignment", "转让", "assignments", "assignee"),
        ("licence", "许可", "licences", "licensee"),
    ):
        base = Indicator(
            id=f"patent_{kind}s",
            label_zh=f"专利{zh}次数",
            label_en=f"Patent {en}",
            unit="count",
            kind="flow",
            definition_zh=f"期内登记的专利{zh}，按{zh}日计入专利{zh}前所在地区（出让/许可方）。",
            definition_en=f"Patent {en} recorded in the period, counted for the region the "
            f"patent was held in before the transfer (the {kind}'s grantor).",
            family=PATENT_TRANSFERS,
        )
        yield base
        yield _sub(
            base,
            "outbound",
            f"专利{zh}次数（向区域外）",
            f"Patent {en} to holders outside the region",
            f"其中受让/被许可方所在地区（to_region_code）在本地区以外的{zh}。",
            f"Of those, the {en} to a {party} whose region (to_region_code) lies outside the "
            "region; a transfer without to_region_code is not counted as outbound.",
        )


def _trademarks() -> Iterator[Indicator]:
    yield Indicator(
        id="trademark_registrations",
        label_zh="商标注册量",
        label_en="Trademark registrations",
        unit="count",
        kind="flow",
        definition_zh="期内核准注册的商标，按注册日计入注册人当日所在地区。",
        definition_en="Trademarks registered in the period, counted for the region of the "
        "holder on the registration date.",
        family=TRADEMARK_REGISTRATIONS,
    )
    yield Indicator(
        id="valid_trademarks",
        label_zh="有效商标注册量",
        label_en="Valid trademarks",
        unit="count",
        kind="stock",
        definition_zh="期末已注册且未失效（注销、无效、未续展）的商标。",
        definition_en="Registered trademarks in force on the period's last day (not "
        "cancelled, invalidated or left unrenewed).",
        family=TRADEMARK_STOCK,
    )
    yield Indicator(
        id="well_known_trademarks",
        label_zh="中国驰名商标数",
        label_en="Well-known trademarks",
        unit="count",
        kind="stock",
        definition_zh="期末有效且已于期末前被认定为驰名商标的商标。",
        definition_en="Trademarks in force on the period's last day and recognised as "
        "well-known marks by then.",
        family=TRADEMARK_STOCK,
    )
    gi = Indicator(
        id="gi_trademarks",
        label_zh="地理标志商标数",
        label_en="GI trademarks",
        unit="count",
        kind="stock",
        definition_zh="期末有效的地理标志证明商标和集体商标。",
        definition_en="Geographical-indication certification and collective marks in force "
        "on the period's last day.",
        family=TRADEMARK_STOCK,
    )
    yield gi
    yield _sub(
        gi,
        "certification",
        "地理标志证明商标数",
        "GI certification marks",
        "期末有效的地理标志证明商标。",
        "GI certification marks in force on the period's last day.",
    )
    yield _sub(
        gi,
        "collective",
        "地理标志集体商标数",
        "GI collective marks",
        "期末有效的地理标志集体商标。",
        "GI collective marks in force on the period's last day.",
    )
    yield Indicator(
        id="gi_products",
        label_zh="地理标志保护产品数",
        label_en="GI products",
        unit="count",
        kind="stock",
        definition_zh="期末处于保护中（已公告保护且未撤销）的地理标志产品。",
        definition_en="Geographical-indication products under protection on the period's "
        "last day (announced and not revoked).",
        family=GI_PRODUCTS,
    )
    yield Indicator(
        id="gi_users",
        label_zh="地理标志专用标志使用企业数",
        label_en="GI label users",
        unit="count",
        kind="stock",
        definition_zh="期末已核准使用地理标志专用标志且未注销的市场主体（同一主体只计一次）。",
        definition_en="Distinct enterprises approved to use the GI special label and not "
        "revoked on the period's last day (one enterprise counts once).",
        family=GI_USERS,
    )


def _finance() -> Iterator[Indicator]:
    yield Indicator(
        id="pledge_count",
        label_zh="知识产权质押笔数",
        label_en="IP pledge registrations",
        unit="count",
        kind="flow",
        definition_zh="期内办理的知识产权（专利、商标）质押登记笔数，按登记日计入出质人所在地区。",
        definition_en="Pledge registrations (质押登记) of patents and trademarks in the "
        "period, by registration date, counted for the pledgor's region.",
        family=PLEDGES,
    )
    yield Indicator(
        id="pledge_amount",
        label_zh="知识产权质押融资金额",
        label_en="IP pledge financing amount",
        unit="yuan",
        kind="flow",
        definition_zh="期内质押登记的担保金额合计（元）。",
        definition_en="Total secured amount of the period's pledge registrations (yuan).",
        family=PLEDGES,
    )
    ben = Indicator(
        id="pledge_beneficiaries",
        label_zh="质押融资惠及企业数",
        label_en="Pledge financing beneficiaries",
        unit="count",
        kind="flow",
        definition_zh="期内质押登记的出质人（按代码，无代码按名称）去重计数。",
        definition_en="Distinct pledgors (by id, else by name) of the period's pledge "
        "registrations.",
        family=PLEDGE_BENEFICIARIES,
    )
    yield ben
    yield _sub(
        ben,
        "sme",
        "质押融资惠及中小微企业数",
        "Pledge financing beneficiaries: SMEs",
        "其中企业规模（parties.size）为微型、小型或中型的出质人。",
        "Of those, the pledgors whose size (parties.size) is micro, small or medium.",
    )
    yield Indicator(
        id="pledge_outstanding_amount",
        label_zh="知识产权质押融资余额",
        label_en="Outstanding IP pledge amount",
        unit="yuan",
        kind="stock",
        definition_zh="期末已登记、未注销且未超过质押期限的质押担保金额合计（元）。",
        definition_en="Secured amount of the pledges registered, neither released nor past "
        "term_end on the period's last day (yuan).",
        family=PLEDGE_OUTSTANDING,
    )
    yield Indicator(
        id="insurance_policies",
        label_zh="知识产权保险保单数",
        label_en="IP insurance policies",
        unit="count",
        kind="flow",
        definition_zh="期内起保的知识产权保险保单，计入投保人所在地区。",
        definition_en="IP insurance policies starting in the period, counted for the "
        "insured's region.",
        family=INSURANCE,
    )
    yield Indicator(
        id="insurance_insured",
        label_zh="知识产权保险投保主体数",
        label_en="IP insurance insured parties",
        unit="count",
        kind="flow",
        definition_zh="期内起保保单的投保人（按代码，无代码按名称）去重计数。",
        definition_en="Distinct insured parties (by id, else by name) of those policies.",
        family=INSURANCE_INSURED,
    )
    yield Indicator(
        id="insurance_coverage",
        label_zh="知识产权保险保额",
        label_en="IP insurance coverage",
        unit="yuan",
        kind="flow",
        definition_zh="期内起保保单的保额合计（元）。",
        definition_en="Total coverage of those policies (yuan).",
        family=INSURANCE,
    )


def _cases() -> Iterator[Indicator]:
    cases = Indicator(
        id="ip_cases",
        label_zh="知识产权案件立案数",
        label_en="IP enforcement cases opened",
        unit="count",
        kind="flow",
        definition_zh="期内立案的知识产权执法案件，每案计一次，计入办案机关所在地区。",
        definition_en="Enforcement cases opened (立案) in the period, each counted once, "
        "for the region of the handling authority.",
        family=CASES_OPENED,
    )
    yield cases
    for case_type, (zh, en) in _CASE_TYPES.items():
        yield _sub(
            cases,
            case_type.value,
            f"{zh}案件立案数",
            f"IP cases opened: {en}",
            f"期内立案的{zh}案件；一案涉及多种类型时在各类型中分别计数。",
            f"Cases opened in the period that are (also) of type {case_type.value}; a case "
            "of two types counts in both sub-ids, and once in ip_cases.",
        )
    yield Indicator(
        id="ip_cases_closed",
        label_zh="知识产权案件结案数",
        label_en="IP cases closed",
        unit="count",
        kind="flow",
        definition_zh="期内结案的知识产权执法案件。",
        definition_en="Enforcement cases closed (结案) in the period.",
        family=CASES_CLOSED,
    )
    yield Indicator(
        id="case_penalties",
        label_zh="罚没金额",
        label_en="Fines and confiscations",
        unit="yuan",
        kind="flow",
        definition_zh="期内结案案件的罚款与没收违法所得合计（元）。",
        definition_en="Fine + confiscated of the cases closed in the period (yuan).",
        family=CASES_CLOSED,
    )
    yield Indicator(
        id="case_recovered",
        label_zh="追赃挽损金额",
        label_en="Losses recovered",
        unit="yuan",
        kind="flow",
        definition_zh="期内结案案件的追赃挽损金额合计（元）。",
        definition_en="Recovered amounts of the cases closed in the period (yuan).",
        family=CASES_CLOSED,
    )
    yield Indicator(
        id="cases_transferred_to_police",
        label_zh="移送公安机关案件数",
        label_en="Cases transferred to police",
        unit="count",
        kind="flow",
        definition_zh="期内结案且处理结果为移送公安、或标记为移送公安的案件（两者之一即可）。",
        definition_en="Cases closed in the period with outcome transferred_to_police or "
        "flagged transferred_to_police (either is enough).",
        family=CASES_CLOSED,
    )
    yield Indicator(
        id="case_median_days_to_close",
        label_zh="案件办结天数中位数",
        label_en="Median days to close",
        unit="days",
        kind="flow",
        definition_zh="期内结案案件自立案至结案天数的中位数；无结案案件时为空。",
        definition_en="Median days from opening to closing of the cases closed in the "
        "period; null when none closed (cases recorded as closed before opened are left "
        "out).",
        family=CASE_DAYS,
    )


def _build() -> dict[str, Indicator]:
    out: dict[str, Indicator] = {}
    for group in (_patents(), _trademarks(), _finance(), _cases()):
        for item in group:
            if item.id in out:
                raise AssertionError(f"indicator {item.id} declared twice")
            out[item.id] = item
    return out


CATALOG: Mapping[str, Indicator] = MappingProxyType(_build())
"""Every indicator by id, in the order reports list them."""


def indicator(indicator_id: str) -> Indicator:
    """The indicator with this id, or :class:`~ipledger.errors.UnknownIndicatorError`.

    Examples:
        >>> indicator("patent_grants.invention").label_zh
        '发明专利授权量'
        >>> indicator("patent_grant")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        ipledger.errors.UnknownIndicatorError: unknown indicator 'patent_grant': ...
    """
    try:
        return CATALOG[indicator_id]
    except KeyError:
        raise UnknownIndicatorError(indicator_id) from None
