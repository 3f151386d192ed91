"""Gathering what a report shows: the region's figures, 5-year trends, provincial peers, months.

Everything comes from the indicator engine (`ipledger.stats.compute_indicators`) in four
calls: the region's indicators for the period, the trend years, the peer indicators for all
regions, the months; the regions' provinces from `ipledger.stats.region_table`, the tree
the engine ranks in. The report layer runs no SQL of its own, and every call takes the same
`StatsSettings` and the same moment (for the latest data: the moment the report is built).
Renderers only format a `Report`; they never query.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import attrs
import pyarrow as pa

import ipledger
from ipledger.codes import region as builtin_region
from ipledger.errors import NotFoundError
from ipledger.ledger import Ledger, Moment, as_utc_moment
from ipledger.report._narrative import Paragraph, write_narrative
from ipledger.report._provenance import Provenance
from ipledger.report._sections import OTHER, SECTIONS, IndicatorRow, Section, section_of
from ipledger.report._settings import DEFAULT_REPORT_SETTINGS, ReportSettings
from ipledger.stats import (
    COLUMNS,
    DEFAULT_SETTINGS,
    Period,
    StatsSettings,
    basis_of,
    compute_indicators,
    parse_period,
    region_table,
)

__all__ = [
    "MONTH_INDICATORS",
    "PEER_INDICATORS",
    "TREND_INDICATORS",
    "Report",
    "build_report",
    "english_name",
    "report_from_table",
]

TREND_INDICATORS = (
    "patent_grants",
    "valid_invention_patents",
    "trademark_registrations",
    "pledge_count",
    "pledge_amount",
    "ip_cases",
)
"""The key indicators drawn as 5-year trends."""

PEER_INDICATORS = ("valid_invention_patents", "pledge_amount")
"""The indicators on which the region is compared with the other regions of its province."""

MONTH_INDICATORS = ("pledge_count", "pledge_amount")
"""The indicators shown month by month."""

TREND_YEARS = 5
"""How many years the trends span (the period and the same span in the years before)."""


def _schema(*columns: tuple[str, pa.DataType]) -> pa.Schema:
    return pa.schema(list(columns))


_STRING, _DOUBLE = pa.string(), pa.float64()
_TREND_SCHEMA = _schema(("period", _STRING), ("indicator", _STRING), ("value", _DOUBLE))
_PEER_SCHEMA = _schema(
    ("indicator", _STRING),
    ("region_code", _STRING),
    ("region_name", _STRING),
    ("value", _DOUBLE),
    ("rank_parent", pa.int32()),
)
_MONTH_SCHEMA = _schema(
    ("period", _STRING), ("indicator", _STRING), ("value", _DOUBLE), ("previous", _DOUBLE)
)


@attrs.frozen(kw_only=True, eq=False)
class Report:
    """What the statistics report of one region and period shows; renderers only format it.

    - ``table``: the engine's tidy rows of the region and period (columns
      `ipledger.stats.COLUMNS`), one per indicator; ``rows`` holds the same as objects.
    - ``trends``: ``period, indicator, value`` of `TREND_INDICATORS`, oldest first.
    - ``peers``: ``indicator, region_code, region_name, value, rank_parent`` of
      `PEER_INDICATORS` for the regions of the same level in the province, best first.
    - ``months``: ``period, indicator, value, previous`` of `MONTH_INDICATORS`.
    - ``narrative``: one paragraph per published section, in ``lang``.
    - ``settings``: how figures are written and which sections are published.
    - ``provenance``: when the data was known, when and by what the report was made, the
      engine settings and the basis of the figures.

    Names (``region_name``, ``province_name``, the peers') are in ``lang``: English names
    from the built-in region table (`ipledger.codes.RegionInfo.name_en`) for ``en``.
    """

    region: str
    region_name: str
    region_level: str
    province_name: str | None
    period: str
    lang: str
    as_known_at: dt.datetime | None
    table: pa.Table
    rows: tuple[IndicatorRow, ...]
    trends: pa.Table
    peers: pa.Table
    months: pa.Table
    narrative: tuple[Paragraph, ...]
    settings: ReportSettings = DEFAULT_REPORT_SETTINGS
    provenance: Provenance

    @property
    def title(self) -> str:
        """The report's title: 江门市2023年知识产权统计报告."""
        if self.lang == "zh":
            return f"{self.region_name}{parse_period(self.period).label('zh')}知识产权统计报告"
        return f"{self.region_name} IP statistics report, {parse_period(self.period).label('en')}"

    @property
    def subtitle(self) -> str:
        """The line under the title: 地区代码 440700 · 统计期间 2023 · 数据截至 2024-01-31."""
        zh = self.lang == "zh"
        return " · ".join(
            (
                f"{'地区代码' if zh else 'Region'} {self.region}",
                f"{'统计期间' if zh else 'Period'} {self.period}",
                " ".join(self.provenance.known_at(self.lang)),
            )
        )

    def published(self, indicator_id: str) -> bool:
        """Whether the report publishes the section the indicator is shown in."""
        return self.settings.publishes(section_of(indicator_id).key)

    def row(self, indicator_id: str) -> IndicatorRow | None:
        """The row of an indicator, or ``None`` when the report has none."""
        return next((r for r in self.rows if r.indicator == indicator_id), None)

    def sections(self) -> list[tuple[Section, list[IndicatorRow]]]:
        """The rows grouped by section, in section order: the sections the settings publish,
        those without rows left out."""
        groups = [(s, [r for r in self.rows if section_of(r.indicator) is s]) for s in SECTIONS]
        groups.append((OTHER, [r for r in self.rows if section_of(r.indicator) is OTHER]))
        return [(s, rows) for s, rows in groups if rows and self.settings.publishes(s.key)]

    def _repr_html_(self) -> str:
        """The report in a notebook: the HTML page without charts or embedded font."""
        from ipledger.report._html import render_html

        return render_html(self, charts=(), embed_font=False, fragment=True)

    def __repr__(self) -> str:
        return (
            f"<Report {self.region} {self.region_name} {self.period} lang={self.lang} "
            f"{len(self.rows)} indicators>"
        )

    def file_stem(self) -> str:
        """A file name stem for this report: ``report-440700-2023``."""
        return f"report-{self.region}-{self.period.replace('..', '_')}"


def _rows(table: pa.Table) -> tuple[IndicatorRow, ...]:
    fields = [f.name for f in attrs.fields(IndicatorRow) if f.name in COLUMNS]
    rows = []
    for r in table.to_pylist():
        basis, source = basis_of(r)
        rows.append(IndicatorRow(**{k: r[k] for k in fields}, basis=basis, source=source))
    return tuple(rows)


def english_name(code: str, name: str) -> str:
    """The English name of a region of the built-in table (official English or pinyin,
    "Jiangmen"); ``name`` for a code the table does not know, or knows no English name of.

    Examples:
        >>> english_name("440700", "江门市"), english_name("449999", "某市")
        ('Jiangmen', '某市')
    """
    try:
        info = builtin_region(code)
    except (LookupError, ValueError):
        return name
    return info.name_en or name


def _names_in(lang: str, table: pa.Table) -> pa.Table:
    """A peers table with its ``region_name`` column in ``lang``."""
    if lang == "zh" or table.num_rows == 0:
        return table
    rows = table.select(["region_code", "region_name"]).to_pylist()
    english = pa.array(
        [english_name(r["region_code"], r["region_name"]) for r in rows], type=pa.string()
    )
    return table.set_column(table.schema.get_field_index("region_name"), "region_name", english)


def report_from_table(
    table: pa.Table,
    *,
    lang: str = "zh",
    province_name: str | None = None,
    trends: pa.Table | None = None,
    peers: pa.Table | None = None,
    months: pa.Table | None = None,
    as_known_at: Moment | None = None,
    settings: ReportSettings = DEFAULT_REPORT_SETTINGS,
    stats_settings: StatsSettings = DEFAULT_SETTINGS,
    latest: bool = False,
    generated_at: dt.datetime | None = None,
) -> Report:
    """A `Report` from the engine's tidy rows of one region and period (e.g. computed
    elsewhere), with optional trends, peers and months tables (shapes as in `Report`).

    ``as_known_at`` is the moment the table was computed as known at and ``stats_settings``
    the engine settings it was computed with (both go into the provenance; a table computed
    for the latest data should be computed as known at a moment, given here with
    ``latest=True``); ``settings`` says how the report writes figures.

    Raises:
        ValueError: the table lacks a column of `ipledger.stats.COLUMNS`, or holds
            more than one region and period, or none, or a unit not in
            `ipledger.model.UNITS`.
    """
    missing = [c for c in COLUMNS if c not in table.column_names]
    if missing:
        raise ValueError(f"the table lacks the columns {missing}")
    keys = {
        (r["region_code"], r["period"]) for r in table.select(["region_code", "period"]).to_pylist()
    }
    if len(keys) != 1:
        raise ValueError(f"a report is of one region and period, the table has {len(keys)}")
    if lang not in ("zh", "en"):
        raise ValueError(f"lang must be 'zh' or 'en', not {lang!r}")
    first = table.slice(0, 1).to_pylist()[0]
    rows = _rows(table)
    period = str(parse_period(first["period"]))
    moment = None if as_known_at is None else as_utc_moment(as_known_at)
    region_name = first["region_name"]
    if lang == "en":
        region_name = english_name(first["region_code"], region_name)
    made = generated_at or dt.datetime.now(dt.UTC)
    return Report(
        region=first["region_code"],
        region_name=region_name,
        region_level=first["region_level"],
        province_name=province_name,
        period=period,
        lang=lang,
        as_known_at=moment,
        table=table.select(list(COLUMNS)),
        rows=rows,
        trends=_TREND_SCHEMA.empty_table() if trends is None else trends,
        peers=_PEER_SCHEMA.empty_table() if peers is None else _names_in(lang, peers),
        months=_MONTH_SCHEMA.empty_table() if months is None else months,
        narrative=write_narrative(
            rows,
            region_name=region_name,
            region_level=first["region_level"],
            province_name=province_name,
            period=period,
            lang=lang,
            settings=settings,
        ),
        settings=settings,
        provenance=Provenance(
            as_known_at=None if moment is None else moment.replace(tzinfo=dt.UTC),
            latest=latest,
            generated_at=made,
            version=ipledger.__version__,
            settings=stats_settings,
        ),
    )


def build_report(
    ledger: Ledger,
    region: str,
    period: str | Period,
    *,
    lang: str = "zh",
    as_known_at: Moment | None = None,
    settings: StatsSettings = DEFAULT_SETTINGS,
    report_settings: ReportSettings = DEFAULT_REPORT_SETTINGS,
) -> Report:
    """Compute what the report of ``region`` for ``period`` shows, as known at a moment, with
    the engine's ``settings`` (e.g. the bureau's high-value pledge threshold), written as
    ``report_settings`` say.

    Without ``as_known_at`` the report is of the latest data: the moment it is built, which
    every engine run then reads the ledger as known at, so that the report's 数据截至 makes
    the same report again (``as_known_at=report.provenance.as_known_at``).

    Raises:
        NotFoundError: no region with this code (in use in the period).
        ValueError: ``lang`` is neither ``zh`` nor ``en``.
    """
    if lang not in ("zh", "en"):
        raise ValueError(f"lang must be 'zh' or 'en', not {lang!r}")
    parsed = parse_period(period)
    generated = dt.datetime.now(dt.UTC)  # to the microsecond: what was recorded before it
    moment = as_utc_moment(generated if as_known_at is None else as_known_at)
    engine = _Engine(ledger, moment, settings)
    with ledger.snapshot():  # every figure of the report from one state of the ledger
        table = engine.compute([parsed], regions=[region])
        if table.num_rows == 0:
            raise NotFoundError("region", f"{region} in {parsed}")
        province_of, names = _provinces(ledger, moment)
        level = table.column("region_level")[0].as_py()
        province = province_of.get(region)
        province_name = None if province is None else names[province]
        if province is not None and lang == "en":
            province_name = english_name(province, names[province])
        return report_from_table(
            table,
            lang=lang,
            province_name=province_name,
            trends=_trends(engine, region, parsed, table),
            peers=_peers(engine, level, province, parsed, province_of),
            months=_months(engine, region, parsed),
            as_known_at=moment,
            settings=report_settings,
            stats_settings=settings,
            latest=as_known_at is None,
            generated_at=generated,
        )


@attrs.frozen
class _Engine:
    """The engine runs of one report: the same ledger, moment and settings every time."""

    ledger: Ledger
    moment: dt.datetime
    settings: StatsSettings

    def compute(
        self,
        periods: Sequence[str | Period],
        *,
        regions: Sequence[str] | None = None,
        indicators: Sequence[str] | None = None,
    ) -> pa.Table:
        """`compute_indicators` with the report's moment and settings."""
        return compute_indicators(
            self.ledger,
            periods,
            regions=regions,
            indicators=indicators,
            as_known_at=self.moment,
            settings=self.settings,
        )


def _provinces(ledger: Ledger, moment: dt.datetime | None) -> tuple[dict[str, str], dict[str, str]]:
    """(code -> its province's code, code -> name) of the regions as the engine knows them at
    the moment; a region in no province is not in the first."""
    rows = region_table(ledger, as_known_at=moment).select(["code", "name", "province"])
    province_of: dict[str, str] = {}
    names: dict[str, str] = {}
    for r in rows.to_pylist():
        names[r["code"]] = r["name"]
        if r["province"] is not None:
            province_of[r["code"]] = r["province"]
    return province_of, names


def _trends(engine: _Engine, region: str, period: Period, table: pa.Table) -> pa.Table:
    """The trend indicators over TREND_YEARS spans: the report's own rows give the period and
    the one before; asking for every other earlier year gives two years per year computed."""
    spans = [attrs.evolve(period, year=period.year - k) for k in range(TREND_YEARS)]
    values: dict[tuple[str, str], float | None] = {}
    for r in table.to_pylist():
        if r["indicator"] in TREND_INDICATORS:
            values[(str(spans[0]), r["indicator"])] = r["value"]
            values[(str(spans[1]), r["indicator"])] = r["previous"]
    asked = spans[2::2]
    if asked:
        earlier = engine.compute(asked, regions=[region], indicators=TREND_INDICATORS)
        for r in earlier.to_pylist():
            values[(r["period"], r["indicator"])] = r["value"]
            before = str(parse_period(r["period"]).previous())
            if before in {str(s) for s in spans}:
                values[(before, r["indicator"])] = r["previous"]
    rows = [
        {"period": str(span), "indicator": i, "value": values.get((str(span), i))}
        for span in reversed(spans)
        for i in TREND_INDICATORS
        if (str(span), i) in values
    ]
    return pa.Table.from_pylist(rows, schema=_TREND_SCHEMA)


def _peers(
    engine: _Engine,
    level: str,
    province: str | None,
    period: Period,
    province_of: dict[str, str],
) -> pa.Table:
    """The peer indicators of the regions of the same level in the province (all provinces for
    a province), best first."""
    if level != "province" and province is None:
        return _PEER_SCHEMA.empty_table()
    table = engine.compute([period], indicators=PEER_INDICATORS)
    rows = [
        r
        for r in table.select(
            [
                "indicator",
                "region_code",
                "region_name",
                "region_level",
                "value",
                "rank_parent",
                "rank_national",
            ]
        ).to_pylist()
        if r["region_level"] == level
        and (level == "province" or province_of.get(r["region_code"]) == province)
        and r["value"] is not None
    ]
    rows.sort(key=lambda r: (PEER_INDICATORS.index(r["indicator"]), -r["value"], r["region_code"]))
    for r in rows:
        if level == "province":
            r["rank_parent"] = r["rank_national"]
    return pa.Table.from_pylist(rows, schema=_PEER_SCHEMA)


def _months(engine: _Engine, region: str, period: Period) -> pa.Table:
    """The month indicators of each month of the period (none for a single month)."""
    months: Sequence[str] = [
        f"{period.year}-{m:02d}" for m in range(period.first_month, period.last_month + 1)
    ]
    if len(months) < 2:
        return _MONTH_SCHEMA.empty_table()
    table = engine.compute(months, regions=[region], indicators=MONTH_INDICATORS)
    return table.select(["period", "indicator", "value", "previous"]).cast(_MONTH_SCHEMA)
