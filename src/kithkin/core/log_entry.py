"""A logged interaction as the user typed it, checked before anything is written."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, tzinfo

from kithkin.core.dates import parse_due_date, parse_log_time
from kithkin.core.vocabulary import (
    Activity,
    Channel,
    Direction,
    ExchangeKind,
    Initiator,
    Purpose,
    parse_choice,
)
from kithkin.errors import InvalidInput

MAX_NOTE = 100_000


@dataclass(frozen=True)
class LogInput:
    note: str
    date: str | None = None
    channel: str | None = None
    purpose: str | None = None
    minutes: int | None = None
    gave: Sequence[str] = ()
    asked: Sequence[str] = ()
    received: Sequence[str] = ()
    follow_up: str | None = None
    initiated_by: str | None = None
    activity: str | None = None


@dataclass(frozen=True)
class ExchangeEntry:
    direction: Direction
    kind: ExchangeKind
    text: str


@dataclass(frozen=True)
class FollowUpEntry:
    due: date
    text: str


@dataclass(frozen=True)
class LogEntry:
    at: datetime
    channel: Channel
    note: str
    purpose: Purpose | None
    minutes: int | None
    exchanges: tuple[ExchangeEntry, ...]
    follow_up: FollowUpEntry | None
    initiated_by: Initiator
    activity: Activity | None


def parse_exchange(text: str, direction: Direction) -> ExchangeEntry:
    """``KIND:TEXT`` (``intro:to Sam at Globex``); a bare KIND is allowed too."""
    option = f"--{direction.value}"
    kind_text, _, what = text.partition(":")
    kind = parse_choice(ExchangeKind, kind_text, field=option)
    return ExchangeEntry(direction=direction, kind=kind, text=" ".join(what.split()))


def parse_follow_up(text: str, *, today: date) -> FollowUpEntry:
    """``WHEN: TEXT`` where WHEN is a date or a phrase such as ``next friday``."""
    when, colon, what = text.partition(":")
    if not colon or not what.strip():
        raise InvalidInput(
            f"{text!r} is not a follow-up; write it as 'WHEN: TEXT', "
            "e.g. 'next friday: send the deck'.",
            field="--follow-up",
        )
    return FollowUpEntry(
        due=parse_due_date(when, today=today, field="--follow-up"), text=" ".join(what.split())
    )


def check_log_input(raw: LogInput, *, now: datetime, tz: tzinfo) -> LogEntry:
    note = raw.note.strip()
    if len(note) > MAX_NOTE:
        raise InvalidInput(f"the note is longer than {MAX_NOTE:,} characters.", field="note")
    at = parse_log_time(raw.date, tz=tz, field="--date") if raw.date else now
    if at.astimezone(tz).date() > now.astimezone(tz).date():
        raise InvalidInput(
            "an interaction cannot be in the future; to plan one, add a --follow-up.",
            field="--date",
        )
    if raw.minutes is not None and not 0 <= raw.minutes <= 24 * 60:
        raise InvalidInput(
            f"{raw.minutes} minutes is not a duration; use 0 to 1440.", field="--minutes"
        )
    exchanges = (
        *(parse_exchange(item, Direction.GAVE) for item in raw.gave),
        *(parse_exchange(item, Direction.ASKED) for item in raw.asked),
        *(parse_exchange(item, Direction.RECEIVED) for item in raw.received),
    )
    today = now.astimezone(tz).date()
    return LogEntry(
        at=at,
        channel=parse_choice(Channel, raw.channel, field="--channel")
        if raw.channel
        else Channel.OTHER,
        note=note,
        purpose=parse_choice(Purpose, raw.purpose, field="--purpose") if raw.purpose else None,
        minutes=raw.minutes,
        exchanges=exchanges,
        follow_up=parse_follow_up(raw.follow_up, today=today) if raw.follow_up else None,
        initiated_by=(
            parse_choice(Initiator, raw.initiated_by, field="--initiated-by")
            if raw.initiated_by
            else Initiator.UNKNOWN
        ),
        activity=parse_choice(Activity, raw.activity, field="--activity") if raw.activity else None,
    )
