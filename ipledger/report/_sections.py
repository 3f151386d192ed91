"""How a report is organised: its sections and the row of one indicator (with its unit)."""

from __future__ import annotations

import attrs

from ipledger.model import INDICATORS, UNITS, Unit

__all__ = [
    "OTHER",
    "SECTIONS",
    "IndicatorRow",
    "Section",
    "measure_word",
    "section_of",
    "unit_of",
]


@attrs.frozen
class Section:
    """A part of the report (创造, 运用, 地理标志, 保护) and the indicators it shows.

    ``bases`` are indicator ids; their breakdowns (``patent_grants.invention``) come along.
    """

    key: str
    title_zh: str
    title_en: str
    bases: tuple[str, ...]

    def title(self, lang: str) -> str:
        """The section's title in ``lang`` (``zh`` or ``en``)."""
        return self.title_zh if lang == "zh" else self.title_en


SECTIONS = (
    Section(
        "creation",
        "知识产权创造",
        "IP creation",
        (
            "patent_applications",
            "patent_grants",
            "valid_invention_patents",
            "high_value_invention_patents",
            "valid_invention_patents_per_10k",
            "high_value_invention_patents_per_10k",
            "trademark_registrations",
            "valid_trademarks",
            "well_known_trademarks",
        ),
    ),
    Section(
        "utilisation",
        "知识产权运用",
        "IP utilisation",
        (
            "patent_assignments",
            "patent_licences",
            "pledge_count",
            "pledge_amount",
            "pledge_beneficiaries",
            "pledge_outstanding_amount",
            "insurance_policies",
            "insurance_insured",
            "insurance_coverage",
        ),
    ),
    Section(
        "gi", "地理标志", "Geographical indications", ("gi_trademarks", "gi_products", "gi_users")
    ),
    Section(
        "protection",
        "知识产权保护",
        "IP protection",
        (
            "ip_cases",
            "ip_cases_closed",
            "case_penalties",
            "case_recovered",
            "cases_transferred_to_police",
            "case_median_days_to_close",
        ),
    ),
)
"""The report's sections, in order."""

OTHER = Section("other", "其他指标", "Other indicators", ())
"""Where an indicator no section names is shown (a catalog newer than this module)."""

_SECTION_OF = {base: section for section in SECTIONS for base in section.bases}


def section_of(indicator_id: str) -> Section:
    """The section an indicator (or breakdown) is shown in.

    Examples:
        >>> section_of("patent_grants.invention").key, section_of("pledge_amount").key
        ('creation', 'utilisation')
    """
    return _SECTION_OF.get(indicator_id.split(".", 1)[0], OTHER)


def measure_word(indicator_id: str) -> str:
    """The Chinese measure word a count of this indicator is written with (件, 笔, 家, ...):
    the catalog's (`ipledger.model.IndicatorDefinition.measure_word`), 件 for an id
    the catalog does not know.

    Examples:
        >>> measure_word("pledge_count"), measure_word("valid_invention_patents")
        ('笔', '件')
    """
    known = INDICATORS.get(indicator_id)
    return "件" if known is None else known.measure_word


def unit_of(indicator_id: str) -> Unit:
    """The `Unit` of an indicator (``count`` for an id the catalog does
    not know), for the trend, peer and month tables, whose rows name no unit.

    Examples:
        >>> unit_of("pledge_amount").id, unit_of("pledge_count").id
        ('yuan', 'count')
    """
    known = INDICATORS.get(indicator_id)
    return UNITS["count"] if known is None else known.unit_record


@attrs.frozen(kw_only=True)
class IndicatorRow:
    """One indicator of a report's region and period: a row of the indicator table.

    Ranks are among the regions of the same level in the province (``rank_parent`` of
    ``peers_parent``) and in the nation; ``yoy_pct`` and ``completion_pct`` are percentages.
    ``basis`` says where the figure (and so its rank) comes from: ``computed`` from the
    ledger's records, ``published`` (a published figure, named by ``source``) or ``none``
    (`ipledger.stats.BASES`).
    """

    indicator: str
    label_zh: str
    label_en: str
    unit: str = attrs.field(validator=attrs.validators.in_(tuple(UNITS)))
    value: float | None
    previous: float | None = None
    yoy_pct: float | None = None
    rank_parent: int | None = None
    peers_parent: int | None = None
    rank_national: int | None = None
    peers_national: int | None = None
    target: float | None = None
    completion_pct: float | None = None
    basis: str = "computed"
    source: str | None = None

    @property
    def is_breakdown(self) -> bool:
        """Whether this is a breakdown (``patent_grants.invention``) of another indicator."""
        return "." in self.indicator

    @property
    def unit_record(self) -> Unit:
        """The `Unit` of the row: how its figures are written, whether
        they are ranked and compared year on year."""
        return UNITS[self.unit]

    @property
    def measure_word(self) -> str:
        """The Chinese measure word of the indicator (件, 笔, 家)."""
        return measure_word(self.indicator)

    def label(self, lang: str) -> str:
        """The indicator's label in ``lang``."""
        return self.label_zh if lang == "zh" else self.label_en

    def unit_label(self, lang: str) -> str:
        """The unit the row's figures are in, as a column names it: 笔, 元, 件/万人, 天."""
        return self.unit_record.label(lang, self.measure_word)
