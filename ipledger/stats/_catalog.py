"""The indicator catalog (INDICATORS.md v1): one declared object per published figure.

Reports, the CLI and the generated docs page all read this catalog; the SQL that computes each
indicator lives in :mod:`ipledger.stats._families`, keyed by the indicator's ``family``.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

import attrs

from ipledger.errors import UnknownIndicatorError
from ipledger.model import CaseType

__all__ = ["CATALOG", "Indicator", "indicator", "indicator_docs"]

UNITS = ("count", "yuan", "per_10k", "days")


@attrs.frozen
class Indicator:
    """One published figure: its stable id, labels, unit, kind and definition.

    ``kind`` is ``flow`` (events dated in the period) or ``stock`` (in force on the period's
    last day). ``family`` names the SQL that computes it.
    """

    id: str
    label_zh: str
    label_en: str
    unit: str = attrs.field(validator=attrs.validators.in_(UNITS))
    kind: str = attrs.field(validator=attrs.validators.in_(("flow", "stock")))
    definition: str
    family: str
    parent: str | None = None

    @property
    def is_breakdown(self) -> bool:
        """Whether this is a sub-id (``patent_grants.invention``) of another indicator."""
        return self.parent is not None


_KIND_ZH = {"invention": "发明", "utility_model": "实用新型", "design": "外观设计"}
_KIND_EN = {"invention": "invention", "utility_model": "utility model", "design": "design"}
_CASE_ZH = {
    "trademark_infringement": "商标侵权",
    "patent_dispute": "专利侵权纠纷",
    "patent_counterfeiting": "假冒专利",
    "gi_infringement": "地理标志侵权",
    "other": "其他",
}


def _with_kinds(base: Indicator) -> list[Indicator]:
    subs = [
        attrs.evolve(
            base,
            id=f"{base.id}.{k}",
            label_zh=base.label_zh.replace("专利", f"{_KIND_ZH[k]}专利", 1),
            label_en=f"{base.label_en}: {_KIND_EN[k]}",
            definition=f"{base.definition} Only {_KIND_EN[k]} patents.",
            parent=base.id,
        )
        for k in _KIND_ZH
    ]
    return [base, *subs]


def _sub(base: Indicator, suffix: str, zh: str, en: str, definition: str) -> Indicator:
    return attrs.evolve(
        base,
        id=f"{base.id}.{suffix}",
        label_zh=zh,
        label_en=en,
        definition=definition,
        parent=base.id,
    )


def _build() -> list[Indicator]:
    out: list[Indicator] = []
    out += _with_kinds(
        Indicator(
            "patent_applications",
            "专利申请量",
            "Patent applications",
            "count",
            "flow",
            "Patent applications filed in the period (all kinds), counted for the region "
            "of the applicant on the filing date.",
            "patent_applications",
        )
    )
    out += _with_kinds(
        Indicator(
            "patent_grants",
            "专利授权量",
            "Patents granted",
            "count",
            "flow",
            "Patents granted in the period, counted for the region of the holder on the "
            "grant date.",
            "patent_grants",
        )
    )
    out.append(
        Indicator(
            "valid_invention_patents",
            "有效发明专利拥有量",
            "Valid invention patents",
            "count",
            "stock",
            "Invention patents granted and not lapsed on the period's last day.",
            "valid_invention_patents",
        )
    )
    out.append(
        Indicator(
            "high_value_invention_patents",
            "高价值发明专利拥有量",
            "High-value invention patents",
            "count",
            "stock",
            "Valid invention patents meeting at least one CNIPA criterion: strategic "
            "emerging industry; overseas family patent granted; maintained more than "
            "10 years since filing; pledged in a single pledge of at least the "
            "threshold (default 10,000,000 yuan); China Patent Award or national S&T "
            "award.",
            "high_value_invention_patents",
        )
    )
    out.append(
        Indicator(
            "valid_invention_patents_per_10k",
            "每万人口发明专利拥有量",
            "Valid invention patents per 10,000 people",
            "per_10k",
            "stock",
            "valid_invention_patents / year-end resident population x 10,000.",
            "per_10k",
        )
    )
    out.append(
        Indicator(
            "high_value_invention_patents_per_10k",
            "每万人口高价值发明专利拥有量",
            "High-value invention patents per 10,000 people",
            "per_10k",
            "stock",
            "high_value_invention_patents / year-end resident population x 10,000.",
            "per_10k",
        )
    )
    for kind, zh, en in (
        ("assignment", "专利转让", "Patent assignments"),
        ("licence", "专利许可", "Patent licences"),
    ):
        base = Indicator(
            f"patent_{kind}s",
            f"{zh}次数",
            en,
            "count",
            "flow",
            f"Patent {kind}s recorded in the period, counted for the region the "
            "patent was held in before the transfer.",
            "patent_transfers",
        )
        out += [
            base,
            _sub(
                base,
                "outbound",
                f"{zh}次数（流向区域外）",
                f"{en} to holders outside the region",
                f"Patent {kind}s in the period to a holder outside the region.",
            ),
        ]
    out.append(
        Indicator(
            "trademark_registrations",
            "商标注册量",
            "Trademark registrations",
            "count",
            "flow",
            "Trademarks registered in the period.",
            "trademark_registrations",
        )
    )
    out.append(
        Indicator(
            "valid_trademarks",
            "有效商标注册量",
            "Valid trademarks",
            "count",
            "stock",
            "Registered trademarks in force on the period's last day.",
            "valid_trademarks",
        )
    )
    out.append(
        Indicator(
            "well_known_trademarks",
            "中国驰名商标",
            "Well-known trademarks",
            "count",
            "stock",
            "Trademarks in force recognised as well-known marks by the period's last day.",
            "valid_trademarks",
        )
    )
    gi = Indicator(
        "gi_trademarks",
        "地理标志商标",
        "GI trademarks",
        "count",
        "stock",
        "GI certification and collective marks in force on the period's last day.",
        "valid_trademarks",
    )
    out += [
        gi,
        _sub(
            gi,
            "certification",
            "地理标志证明商标",
            "GI certification marks",
            "GI certification marks in force.",
        ),
        _sub(
            gi,
            "collective",
            "地理标志集体商标",
            "GI collective marks",
            "GI collective marks in force.",
        ),
    ]
    out.append(
        Indicator(
            "gi_products",
            "地理标志保护产品",
            "GI products",
            "count",
            "stock",
            "Geographical-indication products under protection on the period's last day.",
            "gi_products",
        )
    )
    out.append(
        Indicator(
            "gi_users",
            "地理标志专用标志使用企业",
            "GI label users",
            "count",
            "stock",
            "Distinct enterprises approved to use the GI special label and not revoked "
            "on the period's last day.",
            "gi_users",
        )
    )
    out.append(
        Indicator(
            "pledge_count",
            "知识产权质押笔数",
            "IP pledge registrations",
            "count",
            "flow",
            "Pledge registrations (质押登记) in the period, counted for the pledgor's region.",
            "pledges",
        )
    )
    out.append(
        Indicator(
            "pledge_amount",
            "知识产权质押金额",
            "IP pledge amount",
            "yuan",
            "flow",
            "Total secured amount of the pledge registrations in the period.",
            "pledges",
        )
    )
    ben = Indicator(
        "pledge_beneficiaries",
        "质押融资惠及企业数",
        "Pledge beneficiaries",
        "count",
        "flow",
        "Distinct pledgors of the pledge registrations in the period.",
        "pledge_beneficiaries",
    )
    out += [
        ben,
        _sub(
            ben,
            "sme",
            "质押融资惠及中小微企业数",
            "Pledge beneficiaries: SMEs",
            "Distinct pledgors of size micro, small or medium.",
        ),
    ]
    out.append(
        Indicator(
            "pledge_outstanding_amount",
            "质押融资余额",
            "Outstanding pledge amount",
            "yuan",
            "stock",
            "Secured amount of pledges registered and neither "
            "released nor past term_end on the period's last day.",
            "pledge_outstanding_amount",
        )
    )
    out.append(
        Indicator(
            "insurance_policies",
            "知识产权保险保单数",
            "IP insurance policies",
            "count",
            "flow",
            "IP insurance policies starting in the period.",
            "insurance",
        )
    )
    out.append(
        Indicator(
            "insurance_insured",
            "知识产权保险投保主体数",
            "IP insurance insured parties",
            "count",
            "flow",
            "Distinct insured parties of those policies.",
            "insurance_insured",
        )
    )
    out.append(
        Indicator(
            "insurance_coverage",
            "知识产权保险保额",
            "IP insurance coverage",
            "yuan",
            "flow",
            "Total coverage of those policies.",
            "insurance",
        )
    )
    cases = Indicator(
        "ip_cases",
        "知识产权案件立案数",
        "IP enforcement cases opened",
        "count",
        "flow",
        "Enforcement cases opened (立案) in the period, each counted once.",
        "cases_opened",
    )
    out.append(cases)
    for case_type in CaseType:
        out.append(
            _sub(
                cases,
                case_type.value,
                f"{_CASE_ZH[case_type.value]}案件",
                f"IP cases opened: {case_type.value.replace('_', ' ')}",
                f"Cases opened in the period that are (also) of type {case_type.value}; "
                "a case of two types counts in both sub-ids.",
            )
        )
    out.append(
        Indicator(
            "ip_cases_closed",
            "知识产权案件结案数",
            "IP cases closed",
            "count",
            "flow",
            "Enforcement cases closed (结案) in the period.",
            "cases_closed",
        )
    )
    out.append(
        Indicator(
            "case_penalties",
            "罚没款",
            "Fines and confiscations",
            "yuan",
            "flow",
            "fine + confiscated of cases closed in the period.",
            "cases_closed",
        )
    )
    out.append(
        Indicator(
            "case_recovered",
            "追赃挽损金额",
            "Losses recovered",
            "yuan",
            "flow",
            "Recovered amounts of cases closed in the period.",
            "cases_closed",
        )
    )
    out.append(
        Indicator(
            "cases_transferred_to_police",
            "移送公安案件数",
            "Cases transferred to police",
            "count",
            "flow",
            "Cases closed in the period with outcome "
            "transferred_to_police or flagged transferred_to_police.",
            "cases_closed",
        )
    )
    out.append(
        Indicator(
            "case_median_days_to_close",
            "结案平均周期（中位数）",
            "Median days to close",
            "days",
            "flow",
            "Median days from opening to closing, cases closed in the period.",
            "case_median_days",
        )
    )
    return out


CATALOG: Mapping[str, Indicator] = MappingProxyType({i.id: i for i in _build()})
"""Every indicator by id, in the order reports list them."""


def indicator(indicator_id: str) -> Indicator:
    """The indicator with this id, or :class:`~ipledger.errors.UnknownIndicatorError`.

    Examples:
        >>> indicator("pledge_count").label_zh
        '知识产权质押笔数'
    """
    try:
        return CATALOG[indicator_id]
    except KeyError:
        raise UnknownIndicatorError(indicator_id) from None


def indicator_docs() -> str:
    """The Markdown page of the catalog (``docs/indicators.md`` is this text; a test checks it)."""
    lines = [
        "# Indicator catalog",
        "",
        "Generated from `ipledger.stats.CATALOG` by `python tools/gen_indicator_docs.py`; the",
        "contract is INDICATORS.md v1. `ipledger indicators` prints the same list.",
        "",
        "| id | 中文 | English | unit | kind | definition |",
        "|---|---|---|---|---|---|",
    ]
    for i in CATALOG.values():
        lines.append(
            f"| `{i.id}` | {i.label_zh} | {i.label_en} | {i.unit} | {i.kind} | {i.definition} |"
        )
    return "\n".join(lines) + "\n"
