"""Quick logs against a real database: names, nicknames and handles resolved, never guessed."""

from __future__ import annotations

from datetime import date

import pytest

from kithkin.core.person_changes import PersonInput
from kithkin.core.vocabulary import Channel, PurposeSource
from kithkin.errors import InvalidInput
from kithkin.services import Context, add_person
from kithkin.services.quick_log import save_quick_log, understand_quick_log


@pytest.fixture
def people(ctx: Context) -> Context:
    add_person(ctx, PersonInput(name="Ana Ruiz"))
    add_person(ctx, PersonInput(name="Samuel Okafor", nicknames=["Sam"]))
    add_person(ctx, PersonInput(name="Li Wei", urls=["https://x.com/liwei_design"]))
    add_person(ctx, PersonInput(name="Jo Park"))
    add_person(ctx, PersonInput(name="Jo Malik"))
    return ctx


def names(preview: object) -> list[str]:
    return [p.name for p in preview.people]  # type: ignore[attr-defined]


def test_people_are_found_by_name_nickname_and_handle(people: Context) -> None:
    preview = understand_quick_log(
        people, "Zoom with Ana Ruiz, @sam and @liwei_design about the launch, 40 min"
    )
    assert preview.ready and preview.problems == ()
    assert names(preview) == ["Ana Ruiz", "Samuel Okafor", "Li Wei"]
    assert (preview.parsed.channel, preview.parsed.minutes) == (Channel.VIDEO, 40)
    assert preview.classification is not None


def test_a_lower_case_word_that_is_nobody_is_left_alone(people: Context) -> None:
    preview = understand_quick_log(people, "lunch w/ ana and friends")
    assert names(preview) == ["Ana Ruiz"] and preview.ready


def test_unknown_and_ambiguous_names_are_reported_not_guessed(people: Context) -> None:
    preview = understand_quick_log(people, "Drinks with Jo and Priya Nair yesterday")
    assert not preview.ready
    assert names(preview) == []
    assert any("'Jo' matches 2 people" in problem for problem in preview.problems)
    assert any("'Priya Nair' matches nobody" in problem for problem in preview.problems)
    with pytest.raises(InvalidInput, match="matches nobody"):
        save_quick_log(people, preview)


def test_saving_logs_what_the_preview_showed(people: Context, clock: object) -> None:
    preview = understand_quick_log(
        people,
        "Coffee with Ana Ruiz and @sam yesterday, talked about her move to Stripe. "
        "Follow up next Friday: send the deck",
    )
    saved = save_quick_log(people, preview)
    assert [p.name for p in saved.people] == ["Ana Ruiz", "Samuel Okafor"]
    local = saved.at.astimezone(people.settings.timezone)
    assert (local.date(), local.hour) == (date(2026, 11, 19), 12)
    assert saved.channel is Channel.IN_PERSON
    assert saved.note == "Coffee with Ana Ruiz and @sam yesterday, talked about her move to Stripe."
    assert saved.purpose_source is PurposeSource.MODEL
    assert preview.classification is not None
    assert saved.purpose is preview.classification.purpose
    [follow_up] = saved.follow_ups
    assert (follow_up.due, follow_up.text) == (date(2026, 11, 27), "send the deck")
    assert follow_up.person is not None and follow_up.person.name == "Ana Ruiz"


def test_an_interaction_without_a_day_happened_now(people: Context) -> None:
    saved = save_quick_log(people, understand_quick_log(people, "Called Ana"))
    assert saved.at == people.now()
    assert saved.channel is Channel.CALL
