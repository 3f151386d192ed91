"""How a bureau writes its report: decimals, 万 / 亿 thresholds and the sections it publishes.

The engine's settings (`ipledger.stats.StatsSettings`) change figures; these change only
how the figures are written. The defaults follow the seed articles: changes with at most two
decimals and no trailing zeros ("同比增长16.85%", "同比增长13%"), money with at most two
decimals in 元 below 1万, 万元 from 1万, 亿元 from 1亿 ("12.62亿元", "2600万元", "3.96万元"),
counts as digits below 10万 ("6951件"). A bureau that writes otherwise (江门's "同比增长156.8%")
sets its own, in Python or in a settings file (`load_settings`).
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import attrs

from ipledger.errors import ValidationError
from ipledger.model import UNITS, Unit
from ipledger.report._sections import OTHER, SECTIONS
from ipledger.stats import DEFAULT_SETTINGS, StatsSettings

__all__ = ["DEFAULT_REPORT_SETTINGS", "SECTION_KEYS", "ReportSettings", "load_settings"]

SECTION_KEYS = (*(s.key for s in SECTIONS), OTHER.key)
"""The keys a report's ``sections`` may name: creation, utilisation, gi, protection, other."""

_MAX_DECIMALS = 6


def _decimals(_: object, attribute: attrs.Attribute[int], value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= _MAX_DECIMALS:
        raise ValueError(
            f"{attribute.name} must be a whole number 0..{_MAX_DECIMALS}, not {value!r}"
        )


def _unit_decimals(value: Mapping[str, int]) -> tuple[tuple[str, int], ...]:
    pairs = tuple(sorted(dict(value).items()))
    for unit, places in pairs:
        if unit not in UNITS:
            raise ValueError(f"unit_decimals: unknown unit {unit!r}; units: {', '.join(UNITS)}")
        if isinstance(places, bool) or not isinstance(places, int):
            raise ValueError(f"unit_decimals.{unit} must be a whole number, not {places!r}")
        if not 0 <= places <= _MAX_DECIMALS:
            raise ValueError(f"unit_decimals.{unit} must be 0..{_MAX_DECIMALS}, not {places}")
    return pairs


def _amount(value: Decimal | int | str) -> Decimal:
    try:
        amount = Decimal(value) if not isinstance(value, float) else Decimal(str(value))
    except InvalidOperation:
        raise ValueError(f"not a number: {value!r}") from None
    return amount


def _positive(_: object, attribute: attrs.Attribute[Decimal], value: Decimal) -> None:
    if not value.is_finite() or value <= 0:
        raise ValueError(f"{attribute.name} must be a finite amount > 0, not {value}")


def _sections(value: Iterable[str]) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [part.strip() for part in value.split(",") if part.strip()]
    keys = tuple(value)
    unknown = [k for k in keys if k not in SECTION_KEYS]
    if unknown:
        raise ValueError(f"unknown sections {unknown}; sections: {', '.join(SECTION_KEYS)}")
    if not keys:
        raise ValueError("a report publishes at least one section")
    return tuple(k for k in SECTION_KEYS if k in keys)


@attrs.frozen(kw_only=True)
class ReportSettings:
    """How the report writes figures and which sections it publishes.

    Attributes:
        yoy_decimals: decimals of a year-on-year change (sentences drop trailing zeros:
            "增长13%"; tables keep them: "+13.00%").
        completion_decimals: decimals of a target's completion ("完成年度目标任务的132.7%").
        unit_decimals: decimals by unit id (``{"yuan": 2, "per_10k": 2, "days": 1}``),
            overriding the unit's own (`ipledger.model.Unit.decimals`); money's in the
            unit it is written in (12.62亿元, 1,990,000.00 万元).
        money_wan_from: the amount (yuan) from which money is written in 万元.
        money_yi_from: the amount (yuan) from which money is written in 亿元.
        count_wan_from: the count from which counts are written with 万 ("51.6万件").
        count_yi_from: the count from which counts are written with 亿.
        sections: the keys of the sections published (narrative, tables, workbook sheets,
            key figures, trends), in report order: ``creation``, ``utilisation``, ``gi``,
            ``protection``, ``other``. The JSON, a contract, always holds every indicator.

    Examples:
        >>> settings = ReportSettings(yoy_decimals=1, sections=["creation", "utilisation"])
        >>> settings.yoy_decimals, settings.sections
        (1, ('creation', 'utilisation'))
        >>> from ipledger.model import UNITS
        >>> ReportSettings(unit_decimals={"yuan": 0}).decimals(UNITS["yuan"])
        0
        >>> ReportSettings(sections=["patents"])  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        ValueError: unknown sections ['patents']; sections: creation, utilisation, gi, ...
    """

    yoy_decimals: int = attrs.field(default=2, validator=_decimals)
    completion_decimals: int = attrs.field(default=1, validator=_decimals)
    unit_decimals: tuple[tuple[str, int], ...] = attrs.field(
        default=attrs.Factory(dict), converter=_unit_decimals
    )
    money_wan_from: Decimal = attrs.field(
        default=Decimal(10_000), converter=_amount, validator=_positive
    )
    money_yi_from: Decimal = attrs.field(
        default=Decimal(100_000_000), converter=_amount, validator=_positive
    )
    count_wan_from: Decimal = attrs.field(
        default=Decimal(100_000), converter=_amount, validator=_positive
    )
    count_yi_from: Decimal = attrs.field(
        default=Decimal(100_000_000), converter=_amount, validator=_positive
    )
    sections: tuple[str, ...] = attrs.field(default=SECTION_KEYS, converter=_sections)

    def __attrs_post_init__(self) -> None:
        for wan, yi in (("money_wan_from", "money_yi_from"), ("count_wan_from", "count_yi_from")):
            if getattr(self, wan) >= getattr(self, yi):
                raise ValueError(f"{wan} must be below {yi}")

    def decimals(self, unit: Unit) -> int:
        """The decimals figures of ``unit`` are written with."""
        return dict(self.unit_decimals).get(unit.id, unit.decimals)

    def publishes(self, section: str) -> bool:
        """Whether the report publishes the section with this key."""
        return section in self.sections


DEFAULT_REPORT_SETTINGS = ReportSettings()
"""The settings used when none are given: the seed articles' usage."""

_REPORT_FIELDS = {f.name for f in attrs.fields(ReportSettings)}
_STATS_FIELDS = {f.name: f for f in attrs.fields(StatsSettings)}


def _line_of(text: str, table: str, key: str) -> int | None:
    """The line (1-based) of ``key = ...`` in ``[table]`` of a TOML text, when it is there."""
    current = ""
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if line.startswith("[") and line.endswith("]"):
            current = line.strip("[] ")
            continue
        name = line.split("=", 1)[0].strip().strip('"')
        if "=" in line and name == key and current in (table, f"{table}.{key}"):
            return number
        if current == f"{table}.{key}":
            return number - 1
    return None


def _stats_value(key: str, value: Any) -> Any:
    """A ``[stats]`` value as its field takes it: money as exchange files write it."""
    from ipledger.codes import parse_money

    if _STATS_FIELDS[key].metadata.get("unit") == "yuan" and isinstance(value, str):
        return parse_money(value)
    return value


def load_settings(
    path: str | Path, *, stats: StatsSettings = DEFAULT_SETTINGS
) -> tuple[StatsSettings, ReportSettings]:
    """The engine and report settings of a bureau's settings file (TOML).

    ``[stats]`` holds `StatsSettings` fields (money may be written
    as exchange files write it: ``"1000万"``), ``[report]`` holds `ReportSettings`
    fields; both tables are optional and a field not given keeps its default (``stats``
    for the engine's). A settings file:

        [stats]
        pledge_high_value_threshold = "500万"

        [report]
        yoy_decimals = 1
        sections = ["creation", "utilisation", "gi"]

        [report.unit_decimals]
        yuan = 2

    Raises:
        ValidationError: the file is not TOML, or names an unknown table or field, or a
            value breaks its rule; the error names the file, the line and the field.
        OSError: the file cannot be read.
    """
    name = str(path)
    text = Path(path).read_text(encoding="utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        line = getattr(error, "lineno", None)
        raise ValidationError(reason=f"not a TOML file ({error})", file=name, line=line) from None
    unknown = sorted(set(data) - {"stats", "report"})
    if unknown:
        raise ValidationError(
            reason="unknown table; a settings file has [stats] and [report]",
            value=unknown[0],
            file=name,
        )
    tables = {"stats": data.get("stats", {}), "report": data.get("report", {})}
    known = {"stats": set(_STATS_FIELDS), "report": _REPORT_FIELDS}
    values: dict[str, dict[str, Any]] = {"stats": {}, "report": {}}
    for table, given in tables.items():
        if not isinstance(given, dict):
            raise ValidationError(reason=f"[{table}] must be a table", file=name)
        for key, value in given.items():
            line, column = _line_of(text, table, key), f"{table}.{key}"
            if key not in known[table]:
                fields = ", ".join(sorted(known[table]))
                raise ValidationError(
                    reason=f"unknown setting; [{table}] has {fields}",
                    file=name,
                    line=line,
                    column=column,
                )
            try:
                values[table][key] = _stats_value(key, value) if table == "stats" else value
                # each value checked alone, so that the error names its own field
                if table == "stats":
                    attrs.evolve(stats, **{key: values[table][key]})
                else:
                    attrs.evolve(DEFAULT_REPORT_SETTINGS, **{key: value})
            except (ValueError, TypeError) as error:
                reason = getattr(error, "reason", None) or str(error)
                raise ValidationError(
                    reason=reason, value=value, file=name, line=line, column=column
                ) from None
    try:
        return (
            attrs.evolve(stats, **values["stats"]),
            ReportSettings(**values["report"]),
        )
    except (ValueError, TypeError) as error:  # a rule between two fields (万 below 亿)
        raise ValidationError(reason=str(error), file=name) from None
