"""Small helpers shared by the tests (fixtures live in conftest.py)."""

from __future__ import annotations

import pytest
from click.testing import Result

# Tests that exercise nothing backend-specific run on SQLite only, to keep the suite fast.
sqlite_only = pytest.mark.parametrize("database", ["sqlite"], indirect=True)
postgres_only = pytest.mark.parametrize(
    "database", [pytest.param("postgres", marks=pytest.mark.postgres)], indirect=True
)


def assert_clean_error(result: Result, *words: str) -> str:
    """A user mistake: exit code 1 and one line on stderr naming the problem, no traceback."""
    assert result.exit_code == 1, (result.stdout, result.stderr)
    message = result.stderr.strip()
    assert message.startswith("Error: "), message
    assert "\n" not in message, message
    assert "Traceback" not in result.output and "Traceback" not in result.stderr
    assert result.stdout == ""
    for word in words:
        assert word in message, (word, message)
    return message
