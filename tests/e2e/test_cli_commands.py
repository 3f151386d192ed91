"""The shipped ``ipledger`` command: every command registered, documented and working, the
exit codes scripts rely on, and the main job end to end (demo -> export -> import -> report)."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

from ipledger.cli import COMMANDS
from tests.run_cli import EXIT_DATA, EXIT_ERROR, EXIT_OK, run_ipledger

ROOT = Path(__file__).resolve().parents[2]
CLI_FOLDER = ROOT / "ipledger" / "cli"
DOCUMENTED_IN = ("README.md", "docs/cli.md")


def _decorator_command(node: ast.expr) -> tuple[str, str | None] | None:
    """(``command``/``group``, the name given) when ``node`` is ``@click.command(...)`` or
    ``@click.group(...)`` (``@some_group.command(...)`` makes a sub-command of a group)."""
    call = node if isinstance(node, ast.Call) else None
    target = call.func if call is not None else node
    if (
        isinstance(target, ast.Attribute)
        and target.attr in ("command", "group")
        and isinstance(target.value, ast.Name)
        and target.value.id == "click"
    ):
        name = None
        if call is not None and call.args and isinstance(call.args[0], ast.Constant):
            name = str(call.args[0].value)
        return target.attr, name
    return None


def defined_commands() -> dict[tuple[str, str], str | None]:
    """Every function under ipledger/cli/ decorated as a click command or group, read from the
    source (no CLI module is imported): (module, function) -> the command name given."""
    found: dict[tuple[str, str], str | None] = {}
    for path in sorted(CLI_FOLDER.glob("*.py")):
        module = "ipledger.cli." + path.stem if path.stem != "__init__" else "ipledger.cli"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef):
                for decorator in node.decorator_list:
                    made = _decorator_command(decorator)
                    if made is not None:
                        found[(module, node.name)] = made[1]
    return found


def test_every_defined_command_is_in_the_table():
    """Each command defined under ipledger/cli/ is in COMMANDS under its own name, and every
    entry of COMMANDS names a defined command: registration cannot be forgotten."""
    defined = defined_commands()
    defined.pop(("ipledger.cli._app", "cli"))  # the group itself
    table = {target: name for name, target in COMMANDS.items()}
    assert set(defined) == set(table), "commands defined but not in COMMANDS, or the reverse"
    for target, name in defined.items():
        assert name == table[target], f"{target} is named {name!r} but listed as {table[target]!r}"


def documented_commands(relative: str) -> set[str]:
    """The commands in the command table of a doc page: the `ipledger CMD` cells."""
    text = (ROOT / relative).read_text(encoding="utf-8")
    rows = [line for line in text.splitlines() if line.startswith("| `ipledger ")]
    return {m for row in rows for m in re.findall(r"`ipledger ([a-z][a-z-]*)", row.split("|")[1])}


def listed_by_help() -> list[str]:
    """The commands ``ipledger --help`` lists."""
    result = run_ipledger("--help")
    assert result.returncode == EXIT_OK, result.stderr
    section = result.stdout.split("Commands:", 1)[1]
    return [line.split()[0] for line in section.splitlines() if line.startswith("  ")]


@pytest.mark.parametrize("page", DOCUMENTED_IN)
def test_documented_commands_are_shipped(page):
    """Every command of the page's table is listed by the installed ``ipledger --help``, and
    every shipped command is documented there."""
    documented = documented_commands(page)
    assert documented, f"no command table found in {page}"
    assert documented == set(listed_by_help())


def test_help_lists_the_table_in_order():
    """--help lists exactly COMMANDS, in its order."""
    assert listed_by_help() == list(COMMANDS)


@pytest.mark.parametrize("command", list(COMMANDS))
def test_each_command_has_help(command):
    """``ipledger CMD --help`` exits 0 and describes the command."""
    result = run_ipledger(command, "--help")
    assert result.returncode == EXIT_OK, result.stderr
    assert result.stdout.startswith(f"Usage: ipledger {command}")


def test_python_dash_m_runs_the_same_command(tmp_path):
    """``python -m ipledger`` is the same command line."""
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "ipledger", "--db", str(tmp_path / "x.duckdb"), "init"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == EXIT_OK, result.stderr
    assert result.stdout.startswith("ledger ready: ")


@pytest.mark.parametrize(
    "args",
    [
        ("no-such-command",),
        ("report", "--period", "2023"),  # --region missing
        ("export",),  # --to missing
        ("import", "/no/such/folder"),
        ("indicators", "--format", "yaml"),
    ],
)
def test_usage_errors_exit_2(tmp_path, args):
    """Bad usage (unknown command, missing or bad option, missing path) exits 2, never 1."""
    result = run_ipledger(*args, db=tmp_path / "x.duckdb")
    assert result.returncode == EXIT_ERROR, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr


def test_data_problems_exit_1(tmp_path):
    """Rejected rows exit 1 (also with --keep-going); the same ledger's check then finds
    nothing and exits 0."""
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "patents.csv").write_text("application_no\n2023101234567\n", encoding="utf-8")
    db = tmp_path / "x.duckdb"
    for extra in ((), ("--keep-going",)):
        result = run_ipledger("import", folder, *extra, db=db)
        assert result.returncode == EXIT_DATA, (result.stdout, result.stderr)
        assert "check character should be 6" in result.stdout
    assert run_ipledger("check", db=db).returncode == EXIT_OK


@pytest.fixture(scope="module")
def round_trip(demo_path, tmp_path_factory):
    """The demo ledger exported as CSV by ``ipledger export`` and imported by ``ipledger
    import`` into a new ledger."""
    folder = tmp_path_factory.mktemp("roundtrip")
    exported = run_ipledger("export", "--to", folder / "csv", "--format", "csv", db=demo_path)
    assert exported.returncode == EXIT_OK, exported.stderr
    assert exported.stdout.splitlines()[-1].startswith("exported ")
    copy = folder / "copy.duckdb"
    imported = run_ipledger("import", folder / "csv", db=copy)
    assert imported.returncode == EXIT_OK, (imported.stdout[-2000:], imported.stderr)
    return copy


@pytest.mark.parametrize(("region", "period"), [("440700", "2023"), ("410700", "2024")])
def test_export_import_report_gives_the_demo_figures(demo_path, round_trip, region, period):
    """demo -> export --format csv -> import into a new ledger -> report --format json: every
    figure equals the one reported from the demo ledger itself."""

    def report(db):
        args = ("report", "--region", region, "--period", period, "--format", "json")
        result = run_ipledger(*args, db=db)
        assert result.returncode == EXIT_OK, result.stderr
        return json.loads(result.stdout)

    original, copied = report(demo_path), report(round_trip)
    assert original["indicators"], "the demo report has no figures"
    assert copied["indicators"] == original["indicators"]
    pledges = next(i for i in copied["indicators"] if i["id"] == "pledge_count")
    assert pledges["value"] > 0
