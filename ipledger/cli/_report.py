"""``ipledger report``: the statistics report of a region and period (docs/report.md)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import click

from ipledger.cli._app import CliContext, fail, pass_cli
from ipledger.cli._options import settings_option
from ipledger.report import (
    DEFAULT_REPORT_SETTINGS,
    FORMATS,
    Report,
    build_report,
    load_settings,
    render_charts,
    render_markdown,
    render_report,
)
from ipledger.stats import StatsSettings, report_json

_FILE_FORMATS = ("html", "pdf", "xlsx")
"""Formats that are always written to a file."""

__all__ = ["report_command"]


@click.command("report")
@click.option("--region", required=True, help="Region code, e.g. 440700 (江门市).")
@click.option(
    "--period", required=True, help="2023, 2023Q2, 2023-07 or a month range 2024-01..2024-07."
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="md",
    show_default=True,
    help="md and json go to stdout unless --out; html, pdf and xlsx always to a file "
    "(pdf needs the pdf extra: pip install 'ipledger[pdf]').",
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="The file to write (html/pdf/xlsx default: ./report-REGION-PERIOD.html|pdf|xlsx).",
)
@click.option(
    "--lang",
    type=click.Choice(["zh", "en"]),
    default="zh",
    show_default=True,
    help="Language of the narrative, labels and charts.",
)
@click.option(
    "--as-known-at",
    default=None,
    help="Report the ledger as it was known then (ISO date or timestamp).",
)
@click.option(
    "--settings",
    "settings_file",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    default=None,
    help="The bureau's settings file (TOML): [stats] engine settings, [report] decimals, "
    "万/亿 thresholds and published sections (docs/report.md). --pledge-threshold wins "
    "over the file's.",
)
@settings_option
@pass_cli
def report_command(
    ctx: CliContext,
    region: str,
    period: str,
    fmt: str,
    out: Path | None,
    lang: str,
    as_known_at: str | None,
    settings_file: Path | None,
    settings: StatsSettings,
) -> None:
    """Make the statistics report of a region and period: every indicator with previous
    value, YoY, ranks and targets; narrative sentences; charts (html, pdf, xlsx); where the
    figures come from (数据截至, 生成于, version, settings).

    Prints the path of the file written, or the report itself (md, json without --out).
    """
    if ctx.db != ":memory:" and not os.path.exists(ctx.db):
        fail(f"no ledger at {ctx.db}: give --db (or run `ipledger demo` for the demo ledger)")
    wording = DEFAULT_REPORT_SETTINGS
    if settings_file is not None:
        threshold_given = (
            click.get_current_context().get_parameter_source("settings")
            is not click.core.ParameterSource.DEFAULT
        )
        from_file, wording = load_settings(settings_file)
        settings = settings if threshold_given else from_file
    with ctx.open_ledger(read_only=True) as ledger:
        if fmt == "json":
            data = report_json(ledger, region, period, as_known_at=as_known_at, settings=settings)
            _emit((json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8"), out)
            return
        report = build_report(
            ledger,
            region,
            period,
            lang=lang,
            as_known_at=as_known_at,
            settings=settings,
            report_settings=wording,
        )
    if out is None and fmt in _FILE_FORMATS:
        out = Path(f"{report.file_stem()}.{fmt}")
    try:
        if fmt == "md" and out is not None:
            payload = _markdown_with_charts(report, out)
        else:
            payload = render_report(report, fmt)
    except ImportError as error:
        fail(str(error))
    _emit(payload, out)


def _emit(payload: bytes, out: Path | None) -> None:
    """Write the report to ``out`` and print its path, or print the report."""
    if out is None:
        click.echo(payload.decode("utf-8"), nl=False)
        return
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(payload)
    click.echo(str(out))


def _markdown_with_charts(report: Report, out: Path) -> bytes:
    """Markdown written to a file links its charts, written beside it as PNG files."""
    try:
        charts = render_charts(report, formats=("png",))
    except ImportError as error:
        click.echo(f"ipledger: note: no charts ({error})", err=True)
        charts = ()
    links = {}
    for chart in charts:
        path = out.with_name(f"{out.stem}-{chart.key}.png")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(chart.png or b"")
        links[chart.title] = path.name
    return render_markdown(report, chart_links=links).encode("utf-8")
