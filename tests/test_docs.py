"""The README is the front door: every command is documented there."""

from __future__ import annotations

from pathlib import Path

from kithkin.cli.commands import cli

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")


def test_every_command_is_in_the_readme_command_table() -> None:
    missing = [name for name in cli.commands if f"`kithkin {name}" not in README]
    assert missing == []


def test_the_readme_gives_the_two_set_up_commands() -> None:
    assert "make run" in README and "make test" in README
