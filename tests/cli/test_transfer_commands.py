from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import Cli
from tests.helpers import sqlite_only

FIXTURES = Path(__file__).parents[1] / "fixtures"
REPORT_KEYS = {
    "kind",
    "file",
    "dry_run",
    "created",
    "updated",
    "unchanged",
    "skipped",
    "possible_duplicates",
    "errors",
    "interactions",
}


@sqlite_only
def test_import_prints_a_summary_and_its_json_has_the_documented_keys(kithkin: Cli) -> None:
    path = str(FIXTURES / "linkedin" / "Connections.csv")
    shown = kithkin("import", "linkedin", path, "--skip-invalid")
    assert shown.exit_code == 0, shown.stderr
    assert "people were created" in shown.stdout
    again = kithkin.json("import", "linkedin", path, "--skip-invalid")
    assert set(again) == REPORT_KEYS
    assert again["created"] == [] and len(again["unchanged"]) >= 3


@sqlite_only
def test_an_invalid_file_exits_1_listing_each_problem_and_imports_nothing(kithkin: Cli) -> None:
    path = str(FIXTURES / "linkedin" / "Connections.csv")  # it has two broken rows
    result = kithkin("import", "linkedin", path)
    assert result.exit_code == 1
    problems = [line for line in result.stderr.splitlines() if line.startswith(path)]
    assert len(problems) == 2 and all(line.count(":") >= 3 for line in problems)
    assert "nothing was imported" in result.stderr
    assert json.loads(kithkin.ok("people", "--json").stdout) == []


@sqlite_only
def test_a_dry_run_says_would_and_leaves_the_database_empty(kithkin: Cli) -> None:
    path = str(FIXTURES / "google" / "contacts.csv")
    result = kithkin.ok("import", "google", path, "--dry-run")
    assert "would be created" in result.stdout
    assert json.loads(kithkin.ok("people", "--json").stdout) == []
