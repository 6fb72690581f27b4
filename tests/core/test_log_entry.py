from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from kithkin.core.log_entry import (
    MAX_NOTE,
    ExchangeEntry,
    FollowUpEntry,
    LogInput,
    check_log_input,
    parse_exchange,
    parse_follow_up,
)
from kithkin.core.vocabulary import Channel, Direction, ExchangeKind, Initiator, Purpose
from kithkin.errors import InvalidInput

BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)  # a Friday
FRIDAY = date(2026, 11, 20)

# -- KIND:TEXT -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "what"),
    [
        ("intro:to Sam at Globex", ExchangeKind.INTRO, "to Sam at Globex"),
        ("intro: to  Sam ", ExchangeKind.INTRO, "to Sam"),
        ("Referral:for the Stripe role", ExchangeKind.REFERRAL, "for the Stripe role"),
        ("advice", ExchangeKind.ADVICE, ""),
        (
            "resource:link: https://example.com/deck",
            ExchangeKind.RESOURCE,
            "link: https://example.com/deck",
        ),
        ("favor :moving boxes", ExchangeKind.FAVOR, "moving boxes"),
    ],
)
def test_an_exchange_is_read_as_kind_colon_text(text: str, kind: ExchangeKind, what: str) -> None:
    assert parse_exchange(text, Direction.GAVE) == ExchangeEntry(Direction.GAVE, kind, what)


@pytest.mark.parametrize(
    ("text", "direction", "option"),
    [
        ("money:lots", Direction.GAVE, "--gave"),
        (":a favor", Direction.ASKED, "--asked"),
        ("", Direction.RECEIVED, "--received"),
        ("intro to Sam", Direction.GAVE, "--gave"),  # a missing colon reads as a kind
    ],
)
def test_an_unknown_exchange_kind_names_the_option_and_the_allowed_kinds(
    text: str, direction: Direction, option: str
) -> None:
    with pytest.raises(InvalidInput) as error:
        parse_exchange(text, direction)
    assert error.value.field == option
    assert "intro, referral, advice, resource, favor, recommendation, gift, other" in str(
        error.value
    )


# -- WHEN: TEXT ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "due", "what"),
    [
        ("next friday: send the deck", date(2026, 11, 27), "send the deck"),
        ("in 2 weeks:  ask   about the offsite ", date(2026, 12, 4), "ask about the offsite"),
        ("2026-12-01: call back", date(2026, 12, 1), "call back"),
        ("tomorrow: 10:00 call: bring notes", date(2026, 11, 21), "10:00 call: bring notes"),
    ],
)
def test_a_follow_up_is_read_as_when_colon_text(text: str, due: date, what: str) -> None:
    assert parse_follow_up(text, today=FRIDAY) == FollowUpEntry(due, what)


@pytest.mark.parametrize(
    ("text", "complaint"),
    [
        ("send the deck", "write it as 'WHEN: TEXT'"),
        ("next friday:", "write it as 'WHEN: TEXT'"),
        ("next friday:   ", "write it as 'WHEN: TEXT'"),
        (": send the deck", "the date is empty"),
        ("someday: send the deck", "not a date I understand"),
        ("yesterday: send the deck", "in the past"),
        ("2026-02-30: send the deck", "not a date I understand"),
    ],
)
def test_a_malformed_follow_up_names_the_option_and_what_is_wrong(
    text: str, complaint: str
) -> None:
    with pytest.raises(InvalidInput) as error:
        parse_follow_up(text, today=FRIDAY)
    assert error.value.field == "--follow-up"
    assert complaint in str(error.value)


# -- the whole entry -----------------------------------------------------------------------


def test_a_bare_note_is_logged_now_as_other_with_no_purpose() -> None:
    entry = check_log_input(LogInput(note="  Coffee  "), now=NOW, tz=BERLIN)
    assert entry.at == NOW
    assert entry.note == "Coffee"
    assert entry.channel is Channel.OTHER
    assert entry.purpose is None
    assert entry.initiated_by is Initiator.UNKNOWN
    assert (entry.exchanges, entry.follow_up, entry.minutes, entry.activity) == (
        (),
        None,
        None,
        None,
    )


def test_every_option_of_a_log_entry_is_checked_and_kept() -> None:
    entry = check_log_input(
        LogInput(
            note="Lunch",
            date="2026-11-18T12:30",
            channel="In_Person",
            purpose="networking",
            minutes=90,
            gave=["intro:to Sam"],
            asked=["referral:Stripe"],
            received=["gift:a book"],
            follow_up="monday: send notes",
            initiated_by="them",
        ),
        now=NOW,
        tz=BERLIN,
    )
    assert entry.at == datetime(2026, 11, 18, 11, 30, tzinfo=UTC)
    assert entry.channel is Channel.IN_PERSON
    assert entry.purpose is Purpose.NETWORKING
    assert entry.minutes == 90
    assert [(e.direction, e.kind, e.text) for e in entry.exchanges] == [
        (Direction.GAVE, ExchangeKind.INTRO, "to Sam"),
        (Direction.ASKED, ExchangeKind.REFERRAL, "Stripe"),
        (Direction.RECEIVED, ExchangeKind.GIFT, "a book"),
    ]
    assert entry.follow_up == FollowUpEntry(date(2026, 11, 23), "send notes")
    assert entry.initiated_by is Initiator.THEM


def test_a_follow_up_phrase_is_read_from_the_users_today_not_utcs() -> None:
    late_evening_utc = datetime(2026, 11, 20, 23, 30, tzinfo=UTC)  # already Saturday in Berlin
    entry = check_log_input(
        LogInput(note="", follow_up="tomorrow: call"), now=late_evening_utc, tz=BERLIN
    )
    assert entry.follow_up is not None and entry.follow_up.due == date(2026, 11, 22)


@pytest.mark.parametrize(
    ("raw", "field"),
    [
        (LogInput(note="x", date="2026-13-01"), "--date"),
        (LogInput(note="x", channel="fax"), "--channel"),
        (LogInput(note="x", purpose="fun"), "--purpose"),
        (LogInput(note="x", minutes=-1), "--minutes"),
        (LogInput(note="x", minutes=24 * 60 + 1), "--minutes"),
        (LogInput(note="x", gave=["bribe:cash"]), "--gave"),
        (LogInput(note="x", asked=["nothing"]), "--asked"),
        (LogInput(note="x", follow_up="soon"), "--follow-up"),
        (LogInput(note="x", initiated_by="nobody"), "--initiated-by"),
        (LogInput(note="x", activity="napping"), "--activity"),
        (LogInput(note="x" * (MAX_NOTE + 1)), "note"),
    ],
)
def test_a_bad_log_option_is_refused_naming_the_option(raw: LogInput, field: str) -> None:
    with pytest.raises(InvalidInput) as error:
        check_log_input(raw, now=NOW, tz=BERLIN)
    assert error.value.field == field
    assert str(error.value).startswith(f"{field}: ")
