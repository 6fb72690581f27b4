"""One value of a backup document: converted from JSON to the field's Python value, and
checked against what the rest of Kithkin expects of it. Problems are ``InvalidInput`` whose
message says what was expected and what was found (``expected a whole number, got true``).
"""

from __future__ import annotations

import json
import math
import re
from datetime import UTC, date, datetime
from typing import Any, Final

from kithkin.core.backup_format import MISSING, Field, Kind
from kithkin.core.dates import PartialDate, rough_date
from kithkin.core.vocabulary import (
    Activity,
    Channel,
    Circle,
    Direction,
    ExchangeKind,
    FollowUpStatus,
    Initiator,
    MilestoneKind,
    Mode,
    Purpose,
    PurposeSource,
)
from kithkin.errors import InvalidInput

_INT_MIN, _INT_MAX = -(2**31), 2**31 - 1  # INTEGER is 32-bit on PostgreSQL

# What the rest of Kithkin expects of some text columns; checked on import.
CHOICES: Final[dict[tuple[str, str], tuple[str, ...]]] = {
    ("people", "circle"): tuple(Circle),
    ("people", "mode"): tuple(Mode),
    ("goals", "period"): ("week", "month"),
    ("events", "purpose"): tuple(Purpose),
    ("interactions", "channel"): tuple(Channel),
    ("interactions", "purpose"): tuple(Purpose),
    ("interactions", "model_purpose"): tuple(Purpose),
    ("interactions", "purpose_source"): tuple(PurposeSource),
    ("interactions", "initiated_by"): tuple(Initiator),
    ("interactions", "activity"): tuple(Activity),
    ("exchanges", "direction"): tuple(Direction),
    ("exchanges", "kind"): tuple(ExchangeKind),
    ("follow_ups", "status"): tuple(FollowUpStatus),
    ("milestones", "kind"): tuple(MilestoneKind),
}
JSON_TEXT: Final = {
    ("settings", "value"),
    ("person_extra_properties", "params"),
    ("merges", "snapshot"),
}
PARTIAL_DATES: Final = {
    ("employments", "start_date"),
    ("employments", "end_date"),
}
ROUGH_DATES: Final = {  # a year, a month or a day (core.dates.rough_date)
    ("relationships", "since"),
    ("relationships", "until"),
}
CALENDAR_DAYS: Final = {  # (month, day, year) columns that must make a real day
    "people": ("birth_month", "birth_day", "birth_year"),
    "milestones": ("month", "day", "year"),
}


def describe_value(value: Any) -> str:
    """A JSON value as an error message names it: ``null``, ``the number 3``, ``a list``…"""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return f"the number {value!r}"
    if isinstance(value, str):
        return f"the text {value[:40] + '…' if len(value) > 40 else value!r}"
    return "a list" if isinstance(value, list) else "an object"


_SURROGATE = re.compile("[\ud800-\udfff]")


def convert(item: Field, raw: Any) -> Any:
    """``raw`` (from JSON) as the field's Python value; InvalidInput says what is wrong."""
    if raw is MISSING:
        if item.default is MISSING:
            raise InvalidInput("is missing")
        return item.default
    if raw is None:
        if not item.nullable:
            raise InvalidInput("cannot be null")
        return None
    if item.kind in (Kind.TEXT, Kind.REF):
        return _text(item, raw)
    if item.kind is Kind.INTEGER:
        if not isinstance(raw, int) or isinstance(raw, bool):
            raise InvalidInput(f"expected a whole number, got {describe_value(raw)}")
        if not _INT_MIN <= raw <= _INT_MAX:
            raise InvalidInput(f"{raw} is out of range ({_INT_MIN} to {_INT_MAX})")
        return raw
    if item.kind is Kind.FLOAT:
        if not isinstance(raw, int | float) or isinstance(raw, bool) or not math.isfinite(raw):
            raise InvalidInput(f"expected a finite number, got {describe_value(raw)}")
        return float(raw)
    if item.kind is Kind.BOOLEAN:
        if not isinstance(raw, bool):
            raise InvalidInput(f"expected true or false, got {describe_value(raw)}")
        return raw
    if item.kind is Kind.DATE:
        try:
            return date.fromisoformat(raw)
        except (TypeError, ValueError):
            raise InvalidInput(f"expected a day as YYYY-MM-DD, got {describe_value(raw)}") from None
    return parse_datetime(raw)


def _text(item: Field, raw: Any) -> str:
    if not isinstance(raw, str):
        what = "a key" if item.kind is Kind.REF else "text"
        raise InvalidInput(f"expected {what}, got {describe_value(raw)}")
    if item.length is not None and len(raw) > item.length:
        raise InvalidInput(f"is {len(raw)} characters long; at most {item.length} fit")
    if "\x00" in raw:
        raise InvalidInput("contains a NUL character (\\u0000), which cannot be stored")
    if _SURROGATE.search(raw):
        raise InvalidInput("contains a lone surrogate escape (\\ud800-\\udfff), not a character")
    return raw


def parse_datetime(raw: Any) -> datetime:
    """An ISO-8601 time with its zone (JSON text) as a time in UTC."""
    expected = "expected a time with its zone, e.g. 2026-11-20T09:00:00Z"
    try:
        value = datetime.fromisoformat(raw)
    except (TypeError, ValueError):
        raise InvalidInput(f"{expected}, got {describe_value(raw)}") from None
    if value.tzinfo is None:
        raise InvalidInput(f"{expected}, got {describe_value(raw)} without a zone")
    try:
        return value.astimezone(UTC)
    except OverflowError:
        raise InvalidInput(f"{raw!r} is out of range in UTC") from None


def check_value(table: str, name: str, value: Any) -> None:
    """What the rest of Kithkin expects of some text columns (InvalidInput if not met)."""
    if value is None:
        return
    choices = CHOICES.get((table, name))
    if choices is not None and value not in choices:
        raise InvalidInput(f"{value!r} is not one of: {', '.join(choices)}")
    if (table, name) in JSON_TEXT:
        try:
            json.loads(value)
        except (ValueError, RecursionError):
            raise InvalidInput(f"{value[:40]!r} is not JSON text") from None
    if (table, name) in PARTIAL_DATES:
        PartialDate.parse(value, field=name)
    if (table, name) in ROUGH_DATES:
        rough_date(value, field=name)
    if (table, name) == ("people", "uid") and not value.strip():
        raise InvalidInput("a person's uid cannot be empty")


# The columns check_value has something to say about.
CHECKED: Final = {*CHOICES, *JSON_TEXT, *PARTIAL_DATES, *ROUGH_DATES, ("people", "uid")}
