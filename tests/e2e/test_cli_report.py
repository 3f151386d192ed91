"""`ipledger report` as users run it: formats, default file names, one-line errors."""

from __future__ import annotations

import json

import pytest
from openpyxl import load_workbook

from ipledger import Ledger, Patent
from tests.integration.test_report_ledger import fill
from tests.run_cli import EXIT_ERROR, EXIT_OK, run_ipledger
from tests.stats_helpers import PENGJIANG, D, pledge, pn


@pytest.fixture(scope="module")
def small_path(tmp_path_factory):
    """The small hand-made ledger (江门 and 佛山, 2019-2023), filled once and closed."""
    path = tmp_path_factory.mktemp("small") / "small.duckdb"
    with Ledger.open(path) as ledger:
        fill(ledger)
    return path


def run(db, *args, cwd=None):
    """Run ``ipledger --db DB report ...``."""
    return run_ipledger("report", *args, db=db, cwd=cwd)


def test_json_goes_to_stdout(small_path):
    """json prints the docs/indicators.md object."""
    out = run(small_path, "--region", "440700", "--period", "2023", "--format", "json")
    assert out.returncode == EXIT_OK, out.stderr
    data = json.loads(out.stdout)
    assert data["region_name"] == "江门市"
    assert next(i for i in data["indicators"] if i["id"] == "pledge_count")["value"] == 5


def test_xlsx_default_file_name_and_numbers(small_path, tmp_path):
    """xlsx without --out is written to ./report-REGION-PERIOD.xlsx (the path printed), with
    numeric cells."""
    result = run(
        small_path,
        *("--region", "440700", "--period", "2023", "--format", "xlsx", "--lang", "en"),
        cwd=tmp_path,
    )
    assert result.returncode == EXIT_OK, result.stderr
    assert result.stdout.strip() == "report-440700-2023.xlsx"
    sheet = load_workbook(tmp_path / "report-440700-2023.xlsx")["IP utilisation"]
    values = {r[0].value: r[3].value for r in sheet.iter_rows(min_row=2)}
    assert values["pledge_count"] == 5 and values["pledge_amount"] == 1_262_000_000


def test_markdown_file_links_its_charts(small_path, tmp_path):
    """md with --out writes the charts beside it and links them."""
    out = tmp_path / "r.md"
    result = run(small_path, "--region", "440700", "--period", "2023", "--out", out)
    assert result.returncode == EXIT_OK, result.stderr
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# 江门市2023年知识产权统计报告")
    assert "](r-trends.png)" in text and (tmp_path / "r-trends.png").read_bytes()[:4] == b"\x89PNG"


@pytest.mark.parametrize(
    ("db", "region", "period", "says"),
    [
        ("none.duckdb", "440700", "2023", "no ledger at"),
        (None, "999999", "2023", "999999"),
        (None, "440700", "2023X", "2023X"),
    ],
)
def test_errors_are_one_line(small_path, tmp_path, db, region, period, says):
    """A missing ledger, an unknown region, a bad period: exit 2 with one clear line."""
    ledger = tmp_path / db if db else small_path
    result = run(ledger, "--region", region, "--period", period)
    assert result.returncode == EXIT_ERROR
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert line.startswith("ipledger: error: ") and says in line


def _high_value(out):
    data = json.loads(out.stdout)
    return next(i for i in data["indicators"] if i["id"] == "high_value_invention_patents")


def test_pledge_threshold_is_the_bureaus_setting(tmp_path):
    """--pledge-threshold (money as exchange files write it) makes a patent pledged for 500万
    high-value in the JSON report; the default 1000万 does not; a bad amount is one line."""
    path = tmp_path / "pledged.duckdb"
    number = pn(1)
    with Ledger.open(path) as ledger:
        ledger.patents.upsert(
            Patent(application_no=number, region_code=PENGJIANG, grant_date=D(2020, 6, 1))
        )
        ledger.pledges.upsert(pledge("P1", D(2023, 3, 1), 5_000_000, rights=[number]))
    args = ("--region", "440700", "--period", "2023", "--format", "json")
    default = run(path, *args)
    assert default.returncode == EXIT_OK, default.stderr
    assert _high_value(default)["value"] == 0
    for written in ("500万", "5000000", "0.05亿"):
        lower = run(path, *args, "--pledge-threshold", written)
        assert lower.returncode == EXIT_OK, lower.stderr
        assert _high_value(lower)["value"] == 1
    markdown = run(path, "--region", "440700", "--period", "2023", "--pledge-threshold", "500万")
    assert "高价值发明专利1件" in markdown.stdout
    bad = run(path, *args, "--pledge-threshold", "很多")
    assert bad.returncode == EXIT_ERROR and bad.stdout == ""
    assert bad.stderr.splitlines() == [
        "ipledger: error: --pledge-threshold: '很多': not an amount of money"
    ]


def test_json_carries_the_moment_of_a_latest_report(small_path):
    """A latest report's JSON says the moment it was computed as known at; that moment,
    given back with --as-known-at, gives the same figures."""
    args = ("--region", "440700", "--period", "2023", "--format", "json")
    latest = run(small_path, *args)
    assert latest.returncode == EXIT_OK, latest.stderr
    data = json.loads(latest.stdout)
    assert data["as_known_at"].endswith("Z")
    assert data["provenance"]["latest"] is True
    assert data["provenance"]["settings"] == {"pledge_high_value_threshold": 10_000_000}
    again = run(small_path, *args, "--as-known-at", data["as_known_at"].replace("Z", "+00:00"))
    assert again.returncode == EXIT_OK, again.stderr
    repeated = json.loads(again.stdout)
    assert repeated["as_known_at"] == data["as_known_at"]
    assert repeated["indicators"] == data["indicators"]
    assert repeated["provenance"]["latest"] is False


def test_a_settings_file_sets_the_wording_and_the_engine(small_path, tmp_path):
    """--settings FILE: [report] decimals and sections, [stats] the pledge threshold (which
    --pledge-threshold overrides)."""
    settings = tmp_path / "bureau.toml"
    settings.write_text(
        '[stats]\npledge_high_value_threshold = "500万"\n\n'
        '[report]\nyoy_decimals = 1\nsections = ["utilisation"]\n',
        encoding="utf-8",
    )
    out = run(small_path, "--region", "440700", "--period", "2023", "--settings", settings)
    assert out.returncode == EXIT_OK, out.stderr
    assert "同比增长25%" in out.stdout
    assert "### 知识产权运用" in out.stdout and "### 知识产权创造" not in out.stdout
    assert "- 高价值发明专利质押金额阈值：500万元" in out.stdout
    both = ("--settings", settings, "--pledge-threshold", "2000万")
    out = run(small_path, "--region", "440700", "--period", "2023", *both)
    assert "- 高价值发明专利质押金额阈值：2000万元" in out.stdout


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("[report]\nyoy_decimals = 9\n", "bureau.toml:2 report.yoy_decimals: 9: yoy_decimals"),
        ("[report]\nsections = ['patents']\n", "bureau.toml:2 report.sections"),
        ("[report]\ndecimals = 1\n", "bureau.toml:2 report.decimals: unknown setting"),
        ("[stats]\npledge_high_value_threshold = 'lots'\n", "stats.pledge_high_value_threshold"),
        ("[bureau]\nname = 'x'\n", "unknown table"),
        ("[report\n", "not a TOML file"),
    ],
)
def test_a_bad_settings_file_is_a_clear_error(small_path, tmp_path, text, says):
    """A bad settings file names the file, the line and the setting, and exits 2."""
    settings = tmp_path / "bureau.toml"
    settings.write_text(text, encoding="utf-8")
    out = run(small_path, "--region", "440700", "--period", "2023", "--settings", settings)
    assert out.returncode == EXIT_ERROR
    assert out.stderr.count("\n") == 1, out.stderr
    assert says in out.stderr


def test_english_report_names_regions_in_english(small_path):
    """--lang en: the region's English name in the title and the sentences."""
    out = run(small_path, "--region", "440700", "--period", "2023", "--lang", "en")
    assert out.returncode == EXIT_OK, out.stderr
    assert out.stdout.startswith("# Jiangmen IP statistics report, 2023")
    assert "In 2023, Jiangmen recorded 5 IP pledge registrations" in out.stdout
    assert "江门" not in out.stdout
