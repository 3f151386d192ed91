"""How a report is organised: its sections and the phrase each headline figure is written in."""

from __future__ import annotations

import attrs

__all__ = ["PHRASES", "SECTIONS", "Phrase", "Section", "section_of"]


@attrs.frozen
class Section:
    """A part of the annual report and the indicators it shows (by id prefix)."""

    key: str
    title_zh: str
    title_en: str
    prefixes: tuple[str, ...]


SECTIONS = (
    Section(
        "creation",
        "知识产权创造",
        "Creation",
        (
            "patent_applications",
            "patent_grants",
            "valid_invention",
            "high_value",
            "trademark_registrations",
            "valid_trademarks",
            "well_known",
        ),
    ),
    Section(
        "utilisation",
        "知识产权运用",
        "Utilisation",
        ("patent_assignments", "patent_licences", "pledge", "insurance"),
    ),
    Section("gi", "地理标志", "Geographical indications", ("gi_",)),
    Section("protection", "知识产权保护", "Protection", ("ip_cases", "case", "cases_")),
)
"""The report's sections, in order."""


def section_of(indicator_id: str) -> Section:
    """The section an indicator is shown in."""
    for section in SECTIONS:
        if indicator_id.startswith(section.prefixes):
            return section
    raise KeyError(indicator_id)


@attrs.frozen
class Phrase:
    """How a headline figure is written: ``专利授权量`` + value + ``件`` / "patents granted"."""

    zh: str
    measure: str
    en: str
    stock: bool = False


PHRASES: dict[str, Phrase] = {
    "patent_grants": Phrase("专利授权", "件", "patents were granted"),
    "patent_grants.invention": Phrase("其中发明专利授权", "件", "of them inventions"),
    "patent_applications": Phrase("专利申请", "件", "patent applications were filed"),
    "valid_invention_patents": Phrase("有效发明专利", "件", "valid invention patents", stock=True),
    "high_value_invention_patents": Phrase(
        "有效高价值发明专利", "件", "high-value invention patents", stock=True
    ),
    "valid_invention_patents_per_10k": Phrase(
        "每万人口发明专利拥有量", "件", "invention patents per 10,000 people", stock=True
    ),
    "trademark_registrations": Phrase("新增商标注册", "件", "trademarks were registered"),
    "valid_trademarks": Phrase("有效商标注册量", "件", "valid trademarks", stock=True),
    "well_known_trademarks": Phrase("中国驰名商标", "件", "well-known trademarks", stock=True),
    "patent_assignments": Phrase("专利转让", "件", "patent assignments"),
    "patent_licences": Phrase("专利许可", "件", "patent licences"),
    "pledge_count": Phrase("知识产权质押", "笔", "IP pledges were registered"),
    "pledge_amount": Phrase("质押融资金额", "", "securing"),
    "pledge_beneficiaries": Phrase("惠及企业", "家", "benefiting enterprises"),
    "insurance_policies": Phrase("知识产权保险", "单", "IP insurance policies"),
    "insurance_coverage": Phrase("保额", "", "with coverage of"),
    "gi_trademarks": Phrase("地理标志商标", "个", "GI trademarks", stock=True),
    "gi_products": Phrase("地理标志保护产品", "个", "GI products", stock=True),
    "gi_users": Phrase(
        "核准使用地理标志专用标志企业", "家", "enterprises using the GI label", stock=True
    ),
    "ip_cases": Phrase("办理知识产权案件", "件", "IP cases were opened"),
    "ip_cases.trademark_infringement": Phrase("其中商标侵权案件", "件", "trademark infringement"),
    "ip_cases.patent_dispute": Phrase("专利侵权纠纷案件", "件", "patent disputes"),
    "ip_cases.gi_infringement": Phrase("地理标志侵权案件", "件", "GI infringement"),
    "case_penalties": Phrase("罚没款", "", "fines and confiscations of"),
    "case_recovered": Phrase("追赃挽损", "", "losses recovered"),
}
"""The headline figures the narrative writes, in the order they appear within a section."""
