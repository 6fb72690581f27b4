"""The command as a whole: help, environment problems, safe output, and ``python -m kithkin``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from kithkin.cli.commands import cli
from tests.conftest import TZ, Cli, FixedClock
from tests.helpers import assert_clean_error, sqlite_only

ENV = {"KITHKIN_NOW": "2026-11-20T09:00:00+00:00", "KITHKIN_TZ": TZ, "KITHKIN_REGION": "US"}


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), env={**ENV, **(env or {})}, catch_exceptions=False)


def test_every_command_has_help_that_needs_no_database(tmp_path: Path) -> None:
    database = tmp_path / "never-created.db"
    for command in ("add", "show", "people", "edit", "rm", "log", "follow-ups", "done", "search"):
        result = run("--db", str(database), command, "--help")
        assert result.exit_code == 0, command
        assert "Usage: " in result.stdout
    assert "log" in run("--help").stdout
    assert run("--version").stdout.startswith("kithkin, version ")
    assert not database.exists()


def test_a_database_that_cannot_be_used_is_one_clear_line(tmp_path: Path) -> None:
    not_a_database = tmp_path / "notes.txt"
    not_a_database.write_text("hello\n" * 1000)
    assert_clean_error(run("--db", str(not_a_database), "people"), "file is not a database")
    assert_clean_error(run("--db", str(tmp_path), "people"), "cannot open the database")
    assert_clean_error(
        run("--db", "mysql://localhost/kithkin", "people"), "--db", "neither a file path"
    )


def test_a_bad_environment_setting_is_one_clear_line(tmp_path: Path) -> None:
    database = str(tmp_path / "k.db")
    assert_clean_error(
        run("--db", database, "people", env={"KITHKIN_TZ": "Mars/Olympus"}),
        "KITHKIN_TZ",
        "not a time zone",
    )
    assert_clean_error(
        run("--db", database, "people", env={"KITHKIN_NOW": "teatime"}), "KITHKIN_NOW"
    )


def test_a_long_error_stays_on_one_line_whatever_the_terminal_width(tmp_path: Path) -> None:
    result = run("--db", str(tmp_path / "k.db"), "show", "someone " * 30, env={"COLUMNS": "40"})
    assert_clean_error(result, "nobody matches")


@sqlite_only
def test_text_that_looks_like_markup_is_printed_as_typed(kithkin: Cli) -> None:
    kithkin.ok(
        "add",
        "Bo [bold]Chen",
        "--company",
        "[/]",
        "--title",
        "Engineer [remote]",
        "--tag",
        "[red]",
        "--notes",
        "see [link=https://x.example]here[/link] :smile:",
    )
    show = kithkin.ok("show", "bo").stdout
    assert "Bo [bold]Chen" in show
    assert "Engineer [remote] at [/]" in show
    assert "see [link=https://x.example]here[/link] :smile:" in show
    assert "[/]" in kithkin.ok("people").stdout
    logged = kithkin.ok("log", "bo", "-m", "[/] and [red]", "--follow-up", "tomorrow: send [/]")
    assert "[/] and [red]" in logged.stdout
    follow_ups = kithkin.ok("follow-ups").stdout
    assert "send [/]" in follow_ups and "Bo [bold]Chen" in follow_ups
    assert "Done: #1 send [/] (Bo [bold]Chen)" in kithkin.ok("done", "1").stdout
    assert "[/] and [red]" in kithkin.ok("search", "red").stdout
    assert "Deleted Bo [bold]Chen" in kithkin.ok("rm", "bo", "--yes").stdout


@sqlite_only
def test_json_output_is_unicode_and_nothing_else_on_stdout(kithkin: Cli) -> None:
    result = kithkin.ok("add", "Zoë Ångström", "--email", "zoe@exämple.com", "--json")
    data = json.loads(result.stdout)
    assert data["name"] == "Zoë Ångström"
    assert "Zoë" in result.stdout  # not \u escapes
    assert result.stderr == ""


@sqlite_only
def test_the_db_option_wins_over_the_environment(
    kithkin: Cli, tmp_path: Path, clock: FixedClock
) -> None:
    other = tmp_path / "other.db"
    kithkin.ok("--db", str(other), "add", "Only There")
    assert kithkin.json("people") == []
    assert [p["name"] for p in kithkin.json("--db", str(other), "people")] == ["Only There"]


def test_python_dash_m_kithkin_works_as_a_separate_process(tmp_path: Path) -> None:
    database = str(tmp_path / "kithkin.db")
    env = {**os.environ, **ENV, "KITHKIN_DB": database}
    env.pop("COLUMNS", None)

    def kithkin(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "kithkin", *args],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
            check=False,
        )

    added = kithkin("add", "Ana Ruiz", "--email", "ana@example.com", "--json")
    assert added.returncode == 0, added.stderr
    assert json.loads(added.stdout)["emails"] == [{"value": "ana@example.com", "label": ""}]
    missing = kithkin("show", "Nobody Here")
    assert missing.returncode == 1
    assert missing.stdout == ""
    assert missing.stderr.startswith("Error: nobody matches 'Nobody Here'")
    assert missing.stderr.count("\n") == 1 and "Traceback" not in missing.stderr
    assert Path(database).exists()


@pytest.mark.parametrize("command", [("people",), ("follow-ups",)])
@sqlite_only
def test_an_empty_database_says_so_helpfully(kithkin: Cli, command: tuple[str, ...]) -> None:
    out = kithkin.ok(*command).stdout
    assert out.strip() in {
        'No people yet. Add one: kithkin add "Ana Ruiz" --email ana@example.com',
        "No open follow-ups.",
    }
