"""The indicator catalog as data (docs/indicators.md v1): every published figure and every unit.

What an indicator *is* is declared here once, with no SQL and no I/O: its stable id, labels
and definitions in Chinese and English, unit, kind, the total it breaks down (``parent``), the
base a per-10,000-people figure divides (``per_10k_of``), the breakdown rules ``ipledger
check`` applies, and the measure word a count of it is written with. How it is *computed* is
the indicator engine's (``ipledger.stats``: its SQL families declare the ids they emit, and
``ipledger.stats.CATALOG`` joins both). Lower layers (the import of ``targets``) check ids
against `INDICATORS` without loading the engine.

A `Unit` holds what every renderer needs to write a figure of that unit: its labels,
decimals, whether it is money (元 / 万元 / 亿元), whether regions are ranked on it and whether a
year-on-year change applies. Measure words (件, 笔, 家 ...) belong to the indicator, not the
unit: a count of pledges is in 笔, a count of enterprises in 家, and both are unit ``count``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from types import MappingProxyType
from typing import Literal

import attrs

from ipledger.errors import UnknownIndicatorError
from ipledger.model._enums import CaseType, PatentKind

__all__ = [
    "INDICATORS",
    "INDICATOR_KINDS",
    "UNITS",
    "IndicatorDefinition",
    "Unit",
    "indicator_definition",
    "indicator_ids",
]

Kind = Literal["flow", "stock"]
INDICATOR_KINDS: tuple[Kind, ...] = ("flow", "stock")
"""``flow``: events dated in the period; ``stock``: in force on the period's last day."""

WORD = "{word}"
"""Where a unit's Chinese label takes the indicator's measure word (件, 笔, 家)."""


@attrs.frozen(kw_only=True)
class Unit:
    """A unit of indicator figures (``count``, ``yuan``, ...) and how every renderer writes it.

    ``id`` is the contract string (the ``unit`` of docs/indicators.md's JSON). ``label_zh`` /
    ``label_en`` name the unit as a table column or chart axis shows it, ``suffix_zh`` /
    ``suffix_en`` what follows a figure in a sentence; ``{word}`` in the Chinese forms is the
    indicator's measure word (笔 for pledges). ``decimals``: shown in reports (tables,
    workbooks, sentences); ``json_decimals``: kept in the JSON; ``whole``: integral values are
    written as integers (``732``, not ``732.0``). ``money``: amounts of yuan, written 元 / 万元 /
    亿元 (CNY million / billion) and shown in 万元 in tables. ``ranked``: the engine ranks
    regions on it (docs/indicators.md v1 ranks every indicator); ``tell_rank``: reports write its
    ranks (not for durations: the most days to close a case is no first place). ``yoy``: a
    year-on-year change in % is told (not for a percentage, whose change is in points).
    ``parts_bounded``: a breakdown's figure never exceeds its total's (a count of some cases
    is at most the count of all; the median days of one case type may exceed the median of all
    cases, and so may a share).

    Examples:
        >>> UNITS["count"].label("zh", "笔"), UNITS["per_10k"].label("zh", "件")
        ('笔', '件/万人')
        >>> UNITS["days"].suffix("en"), UNITS["days"].tell_rank, UNITS["yuan"].money
        (' days', False, True)
    """

    id: str
    label_zh: str
    label_en: str
    suffix_zh: str
    suffix_en: str
    decimals: int = attrs.field(validator=attrs.validators.ge(0))
    json_decimals: int = attrs.field(validator=attrs.validators.ge(0))
    whole: bool = False
    money: bool = False
    ranked: bool = True
    tell_rank: bool = True
    yoy: bool = True
    parts_bounded: bool = True

    def label(self, lang: str, word: str = "件") -> str:
        """The unit as a column or axis names it, in ``lang`` (``word``: the measure word)."""
        return self.label_zh.replace(WORD, word) if lang == "zh" else self.label_en

    def suffix(self, lang: str, word: str = "件") -> str:
        """What follows a figure of this unit in a sentence, in ``lang``."""
        return self.suffix_zh.replace(WORD, word) if lang == "zh" else self.suffix_en


UNITS: Mapping[str, Unit] = MappingProxyType(
    {
        u.id: u
        for u in (
            Unit(
                id="count",
                label_zh=WORD,
                label_en="number",
                suffix_zh=WORD,
                suffix_en="",
                decimals=0,
                json_decimals=2,
                whole=True,
            ),
            Unit(
                id="yuan",
                label_zh="元",
                label_en="CNY",
                suffix_zh="元",
                suffix_en="",
                decimals=2,
                json_decimals=2,
                money=True,
            ),
            Unit(
                id="per_10k",
                label_zh=f"{WORD}/万人",
                label_en="per 10,000 people",
                suffix_zh=WORD,
                suffix_en="",
                decimals=2,
                json_decimals=4,
            ),
            Unit(
                id="days",
                label_zh="天",
                label_en="days",
                suffix_zh="天",
                suffix_en=" days",
                decimals=1,
                json_decimals=2,
                tell_rank=False,
                parts_bounded=False,
            ),
            Unit(
                id="percent",
                label_zh="%",
                label_en="%",
                suffix_zh="%",
                suffix_en="%",
                decimals=1,
                json_decimals=2,
                yoy=False,
                parts_bounded=False,
            ),
        )
    }
)
"""Every unit by its contract id: ``count`` (件, 笔, 家), ``yuan`` (元), ``per_10k`` (per 10,000
people), ``days``, ``percent``."""


@attrs.frozen(kw_only=True)
class IndicatorDefinition:
    """What one published figure is: stable id, labels, unit, kind, definitions, breakdowns.

    ``parent`` is the total a sub-id breaks down (``patent_grants`` for
    ``patent_grants.invention``): a part is never larger than its total. ``parts_add_up``: the
    sub-ids add up to the total exactly (patent kinds); ``at_most``: another indicator this one
    never exceeds (high-value within valid invention patents). ``per_10k_of`` names the
    indicator a per-10,000-people figure divides by the year-end population. ``measure_word``:
    the Chinese measure word a count of it is written with (件, 笔, 家).

    Examples:
        >>> d = INDICATORS["pledge_count"]
        >>> d.label_zh, d.label_en, d.unit, d.kind, d.measure_word
        ('知识产权质押笔数', 'IP pledge registrations', 'count', 'flow', '笔')
        >>> INDICATORS["high_value_invention_patents"].at_most
        'valid_invention_patents'
    """

    id: str
    label_zh: str
    label_en: str
    unit: str = attrs.field(validator=attrs.validators.in_(tuple(UNITS)))
    kind: Kind = attrs.field(validator=attrs.validators.in_(INDICATOR_KINDS))
    definition_zh: str
    definition_en: str
    parent: str | None = None
    per_10k_of: str | None = None
    parts_add_up: bool = False
    at_most: str | None = None
    measure_word: str = "件"

    @property
    def is_breakdown(self) -> bool:
        """Whether this is a sub-id (``patent_grants.invention``) of another indicator."""
        return self.parent is not None

    @property
    def unit_record(self) -> Unit:
        """The `Unit` of `unit`: how its figures are written, ranked, compared."""
        return UNITS[self.unit]

    @property
    def bounds(self) -> tuple[str, ...]:
        """The indicators this one never exceeds: its total (``parent``, where the unit's parts
        are bounded: `Unit.parts_bounded`), and ``at_most``."""
        parent = self.parent if self.unit_record.parts_bounded else None
        return tuple(i for i in (parent, self.at_most) if i is not None)


_CASE_TYPES = {
    CaseType.TRADEMARK_INFRINGEMENT: ("商标侵权", "trademark infringement"),
    CaseType.PATENT_DISPUTE: ("专利侵权纠纷", "patent infringement dispute"),
    CaseType.PATENT_COUNTERFEITING: ("假冒专利", "patent counterfeiting"),
    CaseType.GI_INFRINGEMENT: ("地理标志侵权", "geographical indication infringement"),
    CaseType.OTHER: ("其他知识产权", "other IP"),
}
_PATENT_KINDS = {
    PatentKind.INVENTION: ("发明", "invention"),
    PatentKind.UTILITY_MODEL: ("实用新型", "utility model"),
    PatentKind.DESIGN: ("外观设计", "design"),
}


def _sub(
    base: IndicatorDefinition, suffix: str, zh: str, en: str, def_zh: str, def_en: str
) -> IndicatorDefinition:
    """A breakdown of ``base``: its unit, kind and measure word, none of its rules."""
    return attrs.evolve(
        base,
        id=f"{base.id}.{suffix}",
        label_zh=zh,
        label_en=en,
        definition_zh=def_zh,
        definition_en=def_en,
        parent=base.id,
        parts_add_up=False,
        at_most=None,
    )


def _by_patent_kind(base: IndicatorDefinition) -> Iterator[IndicatorDefinition]:
    yield base
    for kind, (zh, en) in _PATENT_KINDS.items():
        yield _sub(
            base,
            kind.value,
            base.label_zh.replace("专利", f"{zh}专利", 1),
            f"{base.label_en}: {en}",
            f"{base.definition_zh}仅计{zh}专利。",
            f"{base.definition_en} Only {en} patents.",
        )


def _patents() -> Iterator[IndicatorDefinition]:
    yield from _by_patent_kind(
        IndicatorDefinition(
            id="patent_applications",
            label_zh="专利申请量",
            label_en="Patent applications",
            unit="count",
            kind="flow",
            definition_zh="期内提出的专利申请（各类型），按申请日计入申请人所在地区。",
            definition_en="Patent applications filed in the period (all kinds), counted for the "
            "region of the applicant on the filing date.",
            parts_add_up=True,
        )
    )
    yield from _by_patent_kind(
        IndicatorDefinition(
            id="patent_grants",
            label_zh="专利授权量",
            label_en="Patents granted",
            unit="count",
            kind="flow",
            definition_zh="期内授权的专利，按授权日计入专利权人当日所在地区（转让后计入受让方地区）。",
            definition_en="Patents granted in the period, counted for the region of the holder "
            "on the grant date (after an assignment: the assignee's region).",
            parts_add_up=True,
        )
    )
    yield IndicatorDefinition(
        id="valid_invention_patents",
        label_zh="有效发明专利拥有量",
        label_en="Valid invention patents",
        unit="count",
        kind="stock",
        definition_zh="期末有效的发明专利：已授权、未失效且在自申请日起20年的法定保护期内（另加"
        "专利权期限补偿），计入专利权人期末所在地区。",
        definition_en="Invention patents in force on the period's last day: granted, not "
        "lapsed and within the statutory term of 20 years from filing (plus any term "
        "compensation), counted for the region of the holder on that day.",
    )
    yield IndicatorDefinition(
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
        at_most="valid_invention_patents",
    )
    yield IndicatorDefinition(
        id="valid_invention_patents_per_10k",
        label_zh="每万人口发明专利拥有量",
        label_en="Valid invention patents per 10,000 people",
        unit="per_10k",
        kind="stock",
        definition_zh="有效发明专利拥有量 ÷ 期末所在年度年末常住人口 × 10000；人口未知时为空。",
        definition_en="valid_invention_patents / year-end resident population of the period's "
        "year x 10,000; null when that population is unknown.",
        per_10k_of="valid_invention_patents",
    )
    yield IndicatorDefinition(
        id="high_value_invention_patents_per_10k",
        label_zh="每万人口高价值发明专利拥有量",
        label_en="High-value invention patents per 10,000 people",
        unit="per_10k",
        kind="stock",
        definition_zh="高价值发明专利拥有量 ÷ 期末所在年度年末常住人口 × 10000；人口未知时为空。",
        definition_en="high_value_invention_patents / year-end resident population of the "
        "period's year x 10,000; null when that population is unknown.",
        per_10k_of="high_value_invention_patents",
    )
    for kind, zh, en, party in (
        ("assignment", "转让", "assignments", "assignee"),
        ("licence", "许可", "licences", "licensee"),
    ):
        base = IndicatorDefinition(
            id=f"patent_{kind}s",
            label_zh=f"专利{zh}次数",
            label_en=f"Patent {en}",
            unit="count",
            kind="flow",
            definition_zh=f"期内登记的专利{zh}，按{zh}日计入专利{zh}前所在地区（出让/许可方）。",
            definition_en=f"Patent {en} recorded in the period, counted for the region the "
            f"patent was held in before the transfer (the {kind}'s grantor).",
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


def _trademarks() -> Iterator[IndicatorDefinition]:
    yield IndicatorDefinition(
        id="trademark_registrations",
        label_zh="商标注册量",
        label_en="Trademark registrations",
        unit="count",
        kind="flow",
        definition_zh="期内核准注册的商标，按注册日计入注册人当日所在地区。",
        definition_en="Trademarks registered in the period, counted for the region of the "
        "holder on the registration date.",
    )
    yield IndicatorDefinition(
        id="valid_trademarks",
        label_zh="有效商标注册量",
        label_en="Valid trademarks",
        unit="count",
        kind="stock",
        definition_zh="期末已注册且未失效（注销、无效、未续展）、未过注册有效期（专用期结束日期，"
        "已知时）的商标。",
        definition_en="Registered trademarks in force on the period's last day (not "
        "cancelled, invalidated or left unrenewed, and not past the end of the registered "
        "term when it is known).",
    )
    yield IndicatorDefinition(
        id="well_known_trademarks",
        label_zh="中国驰名商标数",
        label_en="Well-known trademarks",
        unit="count",
        kind="stock",
        definition_zh="期末有效且已于期末前被认定为驰名商标的商标。",
        definition_en="Trademarks in force on the period's last day and recognised as "
        "well-known marks by then.",
        at_most="valid_trademarks",
    )
    gi = IndicatorDefinition(
        id="gi_trademarks",
        label_zh="地理标志商标数",
        label_en="GI trademarks",
        unit="count",
        kind="stock",
        definition_zh="期末有效的地理标志证明商标和集体商标。",
        definition_en="Geographical-indication certification and collective marks in force "
        "on the period's last day.",
        parts_add_up=True,
        at_most="valid_trademarks",
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
    yield IndicatorDefinition(
        id="gi_products",
        label_zh="地理标志保护产品数",
        label_en="GI products",
        unit="count",
        kind="stock",
        definition_zh="期末处于保护中（已公告保护且未撤销）的地理标志产品。",
        definition_en="Geographical-indication products under protection on the period's "
        "last day (announced and not revoked).",
        measure_word="个",
    )
    yield IndicatorDefinition(
        id="gi_users",
        label_zh="地理标志专用标志使用企业数",
        label_en="GI label users",
        unit="count",
        kind="stock",
        definition_zh="期末已核准使用地理标志专用标志且未注销的市场主体（同一主体只计一次）。",
        definition_en="Distinct enterprises approved to use the GI special label and not "
        "revoked on the period's last day (one enterprise counts once).",
        measure_word="家",
    )


def _finance() -> Iterator[IndicatorDefinition]:
    yield IndicatorDefinition(
        id="pledge_count",
        label_zh="知识产权质押笔数",
        label_en="IP pledge registrations",
        unit="count",
        kind="flow",
        definition_zh="期内办理的知识产权（专利、商标）质押登记笔数，按登记日计入出质人所在地区。",
        definition_en="Pledge registrations (质押登记) of patents and trademarks in the "
        "period, by registration date, counted for the pledgor's region.",
        measure_word="笔",
    )
    yield IndicatorDefinition(
        id="pledge_amount",
        label_zh="知识产权质押融资金额",
        label_en="IP pledge financing amount",
        unit="yuan",
        kind="flow",
        definition_zh="期内质押登记的担保金额合计（元）。",
        definition_en="Total secured amount of the period's pledge registrations (yuan).",
    )
    ben = IndicatorDefinition(
        id="pledge_beneficiaries",
        label_zh="质押融资惠及企业数",
        label_en="Pledge financing beneficiaries",
        unit="count",
        kind="flow",
        definition_zh="期内质押登记的出质人（按代码，无代码按名称）去重计数。",
        definition_en="Distinct pledgors (by id, else by name) of the period's pledge "
        "registrations.",
        measure_word="家",
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
    yield IndicatorDefinition(
        id="pledge_outstanding_amount",
        label_zh="知识产权质押融资余额",
        label_en="Outstanding IP pledge amount",
        unit="yuan",
        kind="stock",
        definition_zh="期末已登记、未注销且未超过质押期限的质押担保金额合计（元）。",
        definition_en="Secured amount of the pledges registered, neither released nor past "
        "term_end on the period's last day (yuan).",
    )
    yield IndicatorDefinition(
        id="insurance_policies",
        label_zh="知识产权保险保单数",
        label_en="IP insurance policies",
        unit="count",
        kind="flow",
        definition_zh="期内起保的知识产权保险保单，计入投保人所在地区。",
        definition_en="IP insurance policies starting in the period, counted for the "
        "insured's region.",
        measure_word="单",
    )
    yield IndicatorDefinition(
        id="insurance_insured",
        label_zh="知识产权保险投保主体数",
        label_en="IP insurance insured parties",
        unit="count",
        kind="flow",
        definition_zh="期内起保保单的投保人（按代码，无代码按名称）去重计数。",
        definition_en="Distinct insured parties (by id, else by name) of those policies.",
        measure_word="家",
    )
    yield IndicatorDefinition(
        id="insurance_coverage",
        label_zh="知识产权保险保额",
        label_en="IP insurance coverage",
        unit="yuan",
        kind="flow",
        definition_zh="期内起保保单的保额合计（元）。",
        definition_en="Total coverage of those policies (yuan).",
    )


def _cases() -> Iterator[IndicatorDefinition]:
    cases = IndicatorDefinition(
        id="ip_cases",
        label_zh="知识产权案件立案数",
        label_en="IP enforcement cases opened",
        unit="count",
        kind="flow",
        definition_zh="期内立案的知识产权执法案件，每案计一次，计入办案机关所在地区。",
        definition_en="Enforcement cases opened (立案) in the period, each counted once, "
        "for the region of the handling authority.",
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
    yield IndicatorDefinition(
        id="ip_cases_closed",
        label_zh="知识产权案件结案数",
        label_en="IP cases closed",
        unit="count",
        kind="flow",
        definition_zh="期内结案的知识产权执法案件。",
        definition_en="Enforcement cases closed (结案) in the period.",
    )
    yield IndicatorDefinition(
        id="case_penalties",
        label_zh="罚没金额",
        label_en="Fines and confiscations",
        unit="yuan",
        kind="flow",
        definition_zh="期内结案案件的罚款与没收违法所得合计（元）。",
        definition_en="Fine + confiscated of the cases closed in the period (yuan).",
    )
    yield IndicatorDefinition(
        id="case_recovered",
        label_zh="追赃挽损金额",
        label_en="Losses recovered",
        unit="yuan",
        kind="flow",
        definition_zh="期内结案案件的追赃挽损金额合计（元）。",
        definition_en="Recovered amounts of the cases closed in the period (yuan).",
    )
    yield IndicatorDefinition(
        id="cases_transferred_to_police",
        label_zh="移送公安机关案件数",
        label_en="Cases transferred to police",
        unit="count",
        kind="flow",
        definition_zh="期内结案且处理结果为移送公安、或标记为移送公安的案件（两者之一即可）。",
        definition_en="Cases closed in the period with outcome transferred_to_police or "
        "flagged transferred_to_police (either is enough).",
    )
    days = IndicatorDefinition(
        id="case_median_days_to_close",
        label_zh="案件办结天数中位数",
        label_en="Median days to close",
        unit="days",
        kind="flow",
        definition_zh="期内结案案件自立案至结案天数的中位数；无结案案件时为空。",
        definition_en="Median days from opening to closing of the cases closed in the "
        "period; null when none closed (cases recorded as closed before opened are left "
        "out).",
    )
    yield days
    for case_type, (zh, en) in _CASE_TYPES.items():
        yield _sub(
            days,
            case_type.value,
            f"{zh}案件办结天数中位数",
            f"Median days to close: {en}",
            f"期内结案的{zh}案件自立案至结案天数的中位数；一案涉及多种类型时在各类型中分别计入；"
            "无此类结案案件时为空。",
            f"Median days from opening to closing of the cases of type {case_type.value} "
            "closed in the period (a case of two types counts in both); null when none "
            "closed.",
        )
    yield IndicatorDefinition(
        id="case_closed_in_time_share",
        label_zh="案件按期办结率",
        label_en="Cases closed within the statutory limit",
        unit="percent",
        kind="flow",
        definition_zh="期内结案且有法定办案期限的案件中，在期限内（含批准的延期，扣除中止时间）"
        "作出处理决定、移送或结案的比例（%）；行政处罚案件自立案起90日，专利侵权纠纷自立案起"
        "3个月。无此类结案案件时为空。",
        definition_en="Of the cases closed in the period that have a statutory time limit, the "
        "share (%) decided, transferred or closed by their deadline (with approved "
        "extensions, suspensions not counted): 90 days from opening for penalty cases, 3 "
        "months for patent disputes. Null when none closed.",
    )


def _checked(items: Iterator[IndicatorDefinition]) -> dict[str, IndicatorDefinition]:
    """The definitions by id, after checking that every id they name is declared, a part
    has its total's kind, a per-10k figure names its base, and parts exist where they must
    add up."""
    out: dict[str, IndicatorDefinition] = {}
    for item in items:
        if item.id in out:
            raise ValueError(f"indicator {item.id!r} is declared twice")
        out[item.id] = item
    for item in out.values():
        for name in (item.parent, item.per_10k_of, item.at_most):
            if name is not None and name not in out:
                raise ValueError(f"indicator {item.id!r} names {name!r}, which is not declared")
        if item.parent is not None and out[item.parent].kind != item.kind:
            raise ValueError(f"indicator {item.id!r} is not of its total's kind")
        if (item.per_10k_of is not None) != (item.unit == "per_10k"):
            raise ValueError(f"indicator {item.id!r}: per_10k_of goes with unit per_10k")
        if item.parts_add_up and not any(i.parent == item.id for i in out.values()):
            raise ValueError(f"indicator {item.id!r} has parts_add_up but no parts")
    return out


def _all() -> Iterator[IndicatorDefinition]:
    for group in (_patents(), _trademarks(), _finance(), _cases()):
        yield from group


INDICATORS: Mapping[str, IndicatorDefinition] = MappingProxyType(_checked(_all()))
"""Every indicator definition by id, in the order reports list them."""


def indicator_ids() -> tuple[str, ...]:
    """Every indicator id (sub-ids included), in catalog order: what a ``targets`` row may name.

    Examples:
        >>> ids = indicator_ids()
        >>> ids[0], "pledge_count" in ids, "pledge_cuont" in ids
        ('patent_applications', True, False)
    """
    return tuple(INDICATORS)


def indicator_definition(indicator_id: str) -> IndicatorDefinition:
    """The definition of this id, or `UnknownIndicatorError`.

    Examples:
        >>> indicator_definition("patent_grants.invention").label_zh
        '发明专利授权量'
    """
    try:
        return INDICATORS[indicator_id]
    except KeyError:
        raise UnknownIndicatorError(indicator_id) from None
