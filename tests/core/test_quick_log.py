"""Reading a quick log with a fixed clock: Wednesday 18 November 2026, 15:00 in Berlin."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from kithkin.core.quick_log import read_quick_log
from kithkin.core.vocabulary import Channel
from kithkin.errors import InvalidInput

TZ = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 11, 18, 15, 0, tzinfo=TZ)


def read(text: str):  # type: ignore[no-untyped-def]
    return read_quick_log(text, now=NOW, tz=TZ)


def test_the_example_from_the_issue() -> None:
    parsed = read(
        "Coffee with Ana Ruiz and @sam yesterday, talked about her move to Stripe. "
        "Follow up next Friday: send the deck"
    )
    assert parsed.names == ("Ana Ruiz", "@sam")
    assert parsed.at == datetime(2026, 11, 17, 12, 0, tzinfo=TZ)
    assert parsed.date_words == "yesterday"
    assert parsed.channel is Channel.IN_PERSON
    assert parsed.follow_up is not None
    assert (parsed.follow_up.due, parsed.follow_up.text) == (date(2026, 11, 20), "send the deck")
    assert parsed.note == (
        "Coffee with Ana Ruiz and @sam yesterday, talked about her move to Stripe."
    )


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Lunch with Ana today", date(2026, 11, 18)),
        ("Lunch with Ana this morning", date(2026, 11, 18)),
        ("drinks w/ Ana last night", date(2026, 11, 17)),
        ("Met Ana the day before yesterday", date(2026, 11, 16)),
        ("Met Ana 3 days ago", date(2026, 11, 15)),
        ("Met Ana two weeks ago", date(2026, 11, 4)),
        ("Met Ana on Monday", date(2026, 11, 16)),
        ("Met Ana monday", date(2026, 11, 16)),
        ("Met Ana last Wednesday", date(2026, 11, 11)),  # on a Wednesday: a week ago
        ("Met Ana Wednesday", date(2026, 11, 18)),  # a bare weekday may be today
        ("Met Ana on 2026-10-02", date(2026, 10, 2)),
        ("Met Ana on Nov 12", date(2026, 11, 12)),
        ("Met Ana on 3rd of October", date(2026, 10, 3)),
        ("Met Ana on December 24", date(2025, 12, 24)),  # month names prefer the past
    ],
)
def test_the_day_of_the_interaction(text: str, day: date) -> None:
    assert read(text).at.astimezone(TZ).date() == day


def test_without_a_day_it_happened_now() -> None:
    parsed = read("Called Ana about the offsite")
    assert (parsed.at, parsed.date_words) == (NOW, None)


def test_a_day_in_the_future_is_refused() -> None:
    with pytest.raises(InvalidInput, match="in the future"):
        read("Met Ana on 2026-12-24")


@pytest.mark.parametrize(
    ("text", "channel"),
    [
        ("Coffee with Ana", Channel.IN_PERSON),
        ("zoom call with Ana", Channel.VIDEO),  # the earliest cue wins
        ("Called Ana about coffee next week", Channel.CALL),
        ("FaceTime w/ Ana", Channel.VIDEO),
        ("emailed Ana the deck", Channel.EMAIL),
        ("Texted Ana happy birthday", Channel.MESSAGE),
        ("WhatsApp from Ana", Channel.MESSAGE),
        ("Ana replied on LinkedIn", Channel.LINKEDIN),
        ("slacked Ana the doc", Channel.SLACK),
        ("Saw Ana at the PyCon conference", Channel.IN_PERSON),
        ("Ana gave a talk at the meetup", Channel.EVENT),
        ("Ana and I caught up", None),
    ],
)
def test_the_channel(text: str, channel: Channel | None) -> None:
    assert read(text).channel is channel


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("Call with Ana, 45 min", 45),
        ("Call with Ana for 1.5 hours", 90),
        ("Call with Ana, 2h", 120),
        ("Call with Ana, an hour", 60),
        ("Call with Ana, half an hour", 30),
        ("Call with Ana", None),
    ],
)
def test_the_duration(text: str, minutes: int | None) -> None:
    assert read(text).minutes == minutes


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Lunch with Maria de la Cruz, Tom & Li", ("Maria de la Cruz", "Tom", "Li")),
        ("Called Mum", ("Mum",)),
        ("coffee w/ ana and bo", ("ana", "bo")),
        ("Dinner with Ana's family", ("Ana",)),
        ("dinner with the team", ()),
        ("Zoom with @sam.k and @li", ("@sam.k", "@li")),
        ("Caught up with Søren Ødegaard on Friday", ("Søren Ødegaard",)),
        ("Coffee with Ana Ruiz, talked about her move to Stripe", ("Ana Ruiz",)),
    ],
)
def test_the_names(text: str, names: tuple[str, ...]) -> None:
    assert read(text).names == names


def test_names_written_in_lower_case_are_looked_up_but_not_required() -> None:
    parsed = read("coffee w/ ana and Bo")
    assert parsed.capitalized == (False, True)


@pytest.mark.parametrize(
    ("text", "due", "task"),
    [
        (
            "Coffee with Ana. Follow up next Friday: send the deck",
            date(2026, 11, 20),
            "send the deck",
        ),
        (
            "Coffee with Ana. follow up in 2 weeks to send the deck",
            date(2026, 12, 2),
            "send the deck",
        ),
        (
            "Coffee with Ana. Follow-up: send the deck by Monday",
            date(2026, 11, 23),
            "send the deck",
        ),
        ("Coffee with Ana, remind me to call her tomorrow", date(2026, 11, 19), "call her"),
        ("Coffee with Ana. f/u on 2026-12-01 re intro to Sam", date(2026, 12, 1), "intro to Sam"),
        ("Coffee with Ana. Follow up: send the deck", date(2026, 11, 25), "send the deck"),
    ],
)
def test_the_follow_up(text: str, due: date, task: str) -> None:
    parsed = read(text)
    assert parsed.follow_up is not None
    assert (parsed.follow_up.due, parsed.follow_up.text) == (due, task)
    assert parsed.note == "Coffee with Ana" or parsed.note == "Coffee with Ana."


def test_the_follow_up_does_not_set_the_day_of_the_interaction() -> None:
    parsed = read("Coffee with Ana yesterday. Follow up Friday: send the deck. Great chat.")
    assert parsed.at.date() == date(2026, 11, 17)
    assert parsed.note == "Coffee with Ana yesterday. Great chat."


def test_a_follow_up_needs_something_to_do() -> None:
    with pytest.raises(InvalidInput, match="when but not what"):
        read("Coffee with Ana. Follow up next friday")


def test_an_empty_quick_log_is_refused() -> None:
    with pytest.raises(InvalidInput, match="empty"):
        read("   ")
