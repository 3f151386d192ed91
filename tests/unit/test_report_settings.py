"""The bureau's settings: ReportSettings and the settings file, with errors that say where."""

from __future__ import annotations

import tempfile
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ipledger.errors import ValidationError
from ipledger.report import SECTION_KEYS, ReportSettings, load_settings
from ipledger.stats import StatsSettings


def settings_file(text: str) -> Path:
    """A settings file with ``text`` in a fresh temporary folder."""
    folder = Path(tempfile.mkdtemp())
    path = folder / "bureau.toml"
    path.write_text(text, encoding="utf-8")
    return path


@given(
    yoy=st.integers(0, 6),
    completion=st.integers(0, 6),
    sections=st.lists(st.sampled_from(SECTION_KEYS), min_size=1, unique=True),
    yuan=st.integers(0, 6),
    wan=st.integers(1, 10**6),
    threshold=st.integers(0, 10**10),
)
def test_a_settings_file_reads_back(yoy, completion, sections, yuan, wan, threshold):
    """Whatever valid settings a file holds are the settings loaded."""
    listed = ", ".join(f'"{s}"' for s in sections)
    path = settings_file(
        f"[stats]\npledge_high_value_threshold = {threshold}\n\n"
        f"[report]\nyoy_decimals = {yoy}\ncompletion_decimals = {completion}\n"
        f"count_wan_from = {wan}\nsections = [{listed}]\n\n"
        f"[report.unit_decimals]\nyuan = {yuan}\n"
    )
    stats, report = load_settings(path)
    assert stats == StatsSettings(pledge_high_value_threshold=threshold)
    assert report == ReportSettings(
        yoy_decimals=yoy,
        completion_decimals=completion,
        count_wan_from=wan,
        sections=sections,
        unit_decimals={"yuan": yuan},
    )
    assert set(report.sections) == set(sections)


@given(
    key=st.sampled_from(["yoy_decimals", "completion_decimals"]),
    value=st.one_of(st.integers(7, 1000), st.integers(-1000, -1)),
    blank_lines=st.integers(0, 3),
)
def test_a_bad_value_is_named_with_its_file_and_line(key, value, blank_lines):
    """The error names the file, the line and the setting, and the value."""
    path = settings_file("\n" * blank_lines + f"[report]\n{key} = {value}\n")
    with pytest.raises(ValidationError) as caught:
        load_settings(path)
    error = caught.value
    assert (error.file, error.line, error.column, error.value) == (
        str(path),
        blank_lines + 2,
        f"report.{key}",
        value,
    )


def test_money_in_a_settings_file_is_written_as_exchange_files_write_it():
    """The pledge threshold may be 500万, 0.05亿 or a number of yuan."""
    for text in ('"500万"', '"0.05亿"', "5000000"):
        stats, _ = load_settings(settings_file(f"[stats]\npledge_high_value_threshold = {text}\n"))
        assert stats.pledge_high_value_threshold == Decimal(5_000_000)


def test_rules_between_settings():
    """万 comes before 亿; a report publishes some section; a unit must exist."""
    with pytest.raises(ValueError, match="money_wan_from must be below money_yi_from"):
        ReportSettings(money_wan_from=10**8)
    with pytest.raises(ValueError, match="at least one section"):
        ReportSettings(sections=[])
    with pytest.raises(ValueError, match="unknown unit 'euro'"):
        ReportSettings(unit_decimals={"euro": 2})
    with pytest.raises(ValidationError, match="must be below"):
        load_settings(settings_file("[report]\ncount_wan_from = 1000000000\n"))
