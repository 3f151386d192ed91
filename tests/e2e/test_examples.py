"""The examples work: the scheduled annual report, the embedded service, the notebook."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import subprocess
import sys
import threading
import urllib.error
import urllib.request
import warnings
from pathlib import Path

import pytest
from openpyxl import load_workbook

from ipledger import Ledger
from tests.integration.test_report_ledger import fill, patent_no

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture(scope="module")
def small_db(tmp_path_factory):
    """A small ledger file (江门 and 佛山, 2019-2023), closed: the examples open it read-only."""
    path = tmp_path_factory.mktemp("examples") / "small.duckdb"
    with Ledger.open(path) as ledger:
        fill(ledger)
    return path


def load_example(name):
    """Import an example script as a module."""
    spec = importlib.util.spec_from_file_location(f"example_{name}", EXAMPLES / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_annual_report_writes_every_format(small_db, tmp_path, capsys):
    """annual_report.py writes md, html, pdf, xlsx, json and the charts; a bad region fails
    alone."""
    annual_report = load_example("annual_report")
    code = annual_report.main(
        ["--db", str(small_db), "--region", "440700", "--region", "999999",
         "--period", "2023", "--out", str(tmp_path)]
    )  # fmt: skip
    assert code == 1  # 999999 is not a region; 440700 is still written
    folder = tmp_path / "report-440700-2023"
    assert sorted(p.name for p in folder.iterdir()) == [
        "charts", "report.html", "report.json", "report.md", "report.pdf", "report.xlsx"
    ]  # fmt: skip
    pdf = (folder / "report.pdf").read_bytes()
    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")
    md = (folder / "report.md").read_text(encoding="utf-8")
    assert md.startswith("# 江门市2023年知识产权统计报告")
    for link in re.findall(r"\]\((charts/[^)]+)\)", md):
        assert (folder / link).read_bytes()[:4] == b"\x89PNG"
        assert (folder / link).with_suffix(".svg").read_text(encoding="utf-8").count("<svg") == 1
    assert json.loads((folder / "report.json").read_text(encoding="utf-8"))["region"] == "440700"
    assert 'src="data:image/png;base64,' in (folder / "report.html").read_text(encoding="utf-8")
    assert load_workbook(folder / "report.xlsx")["知识产权运用"]["D2"].data_type == "n"
    captured = capsys.readouterr()
    assert "999999" in captured.err and "report-440700-2023" in captured.out


def test_annual_report_makes_the_demo_pdf(demo_path, tmp_path, capsys):
    """The demo's PDF report of 江门 2023 (in neither the repo nor the docs) is made by
    annual_report.py, with a bureau's settings file; pdftotext reads its narrative."""
    import shutil

    settings = tmp_path / "jiangmen.toml"
    settings.write_text("[report]\nyoy_decimals = 1\n", encoding="utf-8")
    annual_report = load_example("annual_report")
    args = ["--db", str(demo_path), "--region", "440700", "--period", "2023"]
    code = annual_report.main([*args, "--out", str(tmp_path), "--settings", str(settings)])
    assert code == 0, capsys.readouterr().err
    pdf = tmp_path / "report-440700-2023" / "report.pdf"
    assert pdf.read_bytes().startswith(b"%PDF-")
    if shutil.which("pdftotext"):
        done = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True)
        text = done.stdout.replace("\n", "")
        assert "知识产权质押732笔，同比增长156.8%，排名全国第十四、全省第三" in text


def get(url):
    """GET a URL: (status, JSON body)."""
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def test_service_answers_from_two_threads(small_db):
    """embed_in_service.py on a free port: patents and reports, queried from two threads."""
    command = [sys.executable, str(EXAMPLES / "embed_in_service.py"), "--db", str(small_db)]
    with subprocess.Popen(
        [*command, "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    ) as process:
        try:
            line = process.stdout.readline()
            match = re.fullmatch(r"listening on (http://127\.0\.0\.1:\d+)\n", line)
            assert match, line
            base = match.group(1)
            number = patent_no(1, 2020)
            results = {}

            def ask(name, path):
                results[name] = get(base + path)

            threads = [
                threading.Thread(target=ask, args=("patent", f"/patents/{number}")),
                threading.Thread(target=ask, args=("report", "/report?region=440700&period=2023")),
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=60)
            status, patent = results["patent"]
            assert status == 200 and patent["application_no"] == number
            assert patent["region_code"] == "440703"
            status, report = results["report"]
            assert status == 200 and report["region_name"] == "江门市"
            pledges = next(i for i in report["indicators"] if i["id"] == "pledge_count")
            assert (pledges["value"], pledges["previous"]) == (5, 4)
            assert get(base + f"/patents/{patent_no(999, 2020)}")[0] == 404
            assert get(base + "/report?region=440700")[0] == 400
            assert get(base + "/report?region=440700&period=20X3")[0] == 400
            assert get(base + "/health") == (
                200,
                {"status": "ok", "patents": 12, "ledger": small_db.name},
            )
        finally:
            process.terminate()
            process.wait(timeout=30)
    assert process.returncode == 0  # SIGTERM stops it cleanly


def _listening(process):
    line = process.stdout.readline()
    match = re.fullmatch(r"listening on (http://127\.0\.0\.1:\d+)\n", line)
    assert match, line
    return match.group(1)


def test_service_serves_the_published_ledger_while_the_bureau_imports(small_db, tmp_path):
    """The service pattern: the service reads `ipledger publish`'s folder; meanwhile the bureau
    imports into its own ledger (not blocked by the service), publishes again, and the running
    service answers from the new copy without a restart, no request failing during the swap."""
    from tests.run_cli import EXIT_OK, run_ipledger

    bureau = tmp_path / "bureau.duckdb"
    bureau.write_bytes(small_db.read_bytes())
    folder = tmp_path / "published"
    assert run_ipledger("publish", folder, db=bureau).returncode == EXIT_OK
    command = [sys.executable, str(EXAMPLES / "embed_in_service.py"), "--published", str(folder)]
    with subprocess.Popen(
        [*command, "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    ) as process:
        try:
            base = _listening(process)
            status, health = get(base + "/health")
            assert status == 200 and health["patents"] == 12
            data = tmp_path / "new"
            data.mkdir()
            (data / "patents.csv").write_text(
                f"application_no\n{patent_no(901, 2023)}\n{patent_no(902, 2023)}\n",
                encoding="utf-8",
            )
            imported = run_ipledger("import", data, db=bureau)  # the service holds no lock on it
            assert imported.returncode == EXIT_OK, imported.stderr
            failures = []
            stop = threading.Event()

            def keep_asking():
                while not stop.is_set():
                    status, _ = get(base + "/report?region=440700&period=2023")
                    if status != 200:
                        failures.append(status)

            asker = threading.Thread(target=keep_asking)
            asker.start()
            try:
                published = run_ipledger("publish", folder, db=bureau)
                assert published.returncode == EXIT_OK, published.stderr
                status, health = get(base + "/health")
            finally:
                stop.set()
                asker.join(timeout=60)
            assert status == 200 and health["patents"] == 14
            assert health["ledger"] == (folder / "current.duckdb").resolve().name
            assert failures == []
        finally:
            process.terminate()
            process.wait(timeout=30)
    assert process.returncode == 0


def test_notebook_is_valid_and_runs(small_db, monkeypatch, capsys):
    """notebook.ipynb is nbformat 4 JSON; its code cells run in order on a ledger."""
    notebook = json.loads((EXAMPLES / "notebook.ipynb").read_text(encoding="utf-8"))
    assert notebook["nbformat"] == 4 and notebook["nbformat_minor"] >= 4
    assert notebook["metadata"]["kernelspec"]["language"] == "python"
    cells = notebook["cells"]
    for cell in cells:
        assert cell["cell_type"] in ("markdown", "code")
        assert isinstance(cell["source"], list)
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None
    monkeypatch.setenv("IPLEDGER_DB", str(small_db))
    monkeypatch.setenv("MPLBACKEND", "Agg")
    shown = []
    # Jupyter's display(), where IPython is not installed: the cell's import is left out
    ipython_import = "from IPython.display import Image, display\n"
    namespace = {"__name__": "__main__", "Image": lambda data: data, "display": shown.append}
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*non-interactive.*", category=UserWarning)
        for cell in cells:
            if cell["cell_type"] == "code":
                source = "".join(cell["source"]).replace(ipython_import, "")
                exec(compile(source, "<notebook>", "exec"), namespace)
    import matplotlib.pyplot as plt

    plt.close("all")
    assert "江门 invention patents in force at the end of 2023: 12" in capsys.readouterr().out
    assert len(namespace["pledges"]) == 5
    assert shown and all(png[:4] == b"\x89PNG" for png in shown)
    assert os.fspath(namespace["path"]) == str(small_db)
