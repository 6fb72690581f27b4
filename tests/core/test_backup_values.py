from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from kithkin.core.backup_format import MISSING, Field, Kind
from kithkin.core.backup_values import convert
from kithkin.errors import InvalidInput
from tests.core.backup_factories import T0


def test_values_are_checked_and_converted_by_kind() -> None:
    text = Field("name", "name", Kind.TEXT, length=5)
    assert convert(text, "Ana") == "Ana"
    day = Field("on", "on", Kind.DATE)
    assert convert(day, "2026-02-28") == date(2026, 2, 28)
    at = Field("at", "at", Kind.DATETIME)
    assert convert(at, "2026-11-20T10:00:00+01:00") == T0
    assert convert(Field("x", "x", Kind.FLOAT), 1) == 1.0
    optional = Field("n", "n", Kind.INTEGER, nullable=True, default=None)
    assert convert(optional, MISSING) is None and convert(optional, None) is None


@pytest.mark.parametrize(
    ("kind", "raw", "message"),
    [
        (Kind.TEXT, 5, "expected text, got the number 5"),
        (Kind.TEXT, "toolong", "is 7 characters long; at most 5 fit"),
        (Kind.TEXT, "a\x00", "contains a NUL character"),
        (Kind.TEXT, "\ud800", "lone surrogate"),
        (Kind.INTEGER, True, "expected a whole number, got true"),
        (Kind.INTEGER, 2**31, "out of range"),
        (Kind.FLOAT, float("nan"), "expected a finite number"),
        (Kind.BOOLEAN, 1, "expected true or false"),
        (Kind.DATE, "2026-02-30", "expected a day as YYYY-MM-DD"),
        (Kind.DATETIME, "2026-11-20T09:00:00", "without a zone"),
        (Kind.DATETIME, "9999-12-31T23:00:00-05:00", "out of range in UTC"),
        (Kind.TEXT, None, "cannot be null"),
        (Kind.TEXT, MISSING, "is missing"),
    ],
)
def test_a_wrong_value_says_what_was_expected(kind: Kind, raw: Any, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        convert(Field("f", "f", kind, length=5), raw)
