from __future__ import annotations

import pytest

from kithkin.core.dates import PartialDate
from kithkin.core.person_changes import PersonInput
from kithkin.core.records import Employment
from kithkin.core.vocabulary import Circle, Mode
from kithkin.errors import Conflict, InvalidInput, NotFound
from kithkin.services import (
    Context,
    add_person,
    edit_person,
    list_people,
    remove_person,
    search,
    show_person,
)
from tests.conftest import FixedClock


def test_a_new_person_has_the_defaults_and_what_was_given(ctx: Context, clock: FixedClock) -> None:
    person = add_person(
        ctx,
        PersonInput(
            name="Dr. Ana María Ruiz",
            emails=["Ana@Example.com"],
            phones=["(415) 555-0134", "ext 12"],
            birthday="1990-02-28",
        ),
    )
    assert len(person.id) == 32
    assert (person.prefix, person.given_name, person.middle_name, person.family_name) == (
        "Dr.",
        "Ana",
        "María",
        "Ruiz",
    )
    assert [e.value for e in person.emails] == ["ana@example.com"]
    assert [(p.value, p.raw) for p in person.phones] == [
        ("+14155550134", "(415) 555-0134"),  # the test settings' region is US
        ("ext 12", "ext 12"),  # not a number we can read: kept as typed
    ]
    assert person.birthday == PartialDate(month=2, day=28, year=1990)
    assert (person.circle, person.mode, person.cadence_days) == (Circle.NETWORK, Mode.BOTH, None)
    assert person.created_at == person.updated_at == clock()
    assert person.provenance["emails"] == "cli: add"


def test_an_email_someone_else_has_is_refused_and_nothing_is_written(ctx: Context) -> None:
    add_person(ctx, PersonInput(name="Ana Ruiz", emails=["ana@example.com"]))
    with pytest.raises(Conflict, match="already belongs to Ana Ruiz"):
        add_person(ctx, PersonInput(name="Ana Impostor", emails=["ANA@example.com"]))
    add_person(ctx, PersonInput(name="Bo Chen"))
    with pytest.raises(Conflict):
        edit_person(ctx, "bo", PersonInput(emails=["ana@example.com"], title="CTO"))
    assert [p.name for p in list_people(ctx)] == ["Ana Ruiz", "Bo Chen"]
    assert show_person(ctx, "bo").person.title == ""


def test_editing_replaces_single_values_and_adds_to_lists(ctx: Context, clock: FixedClock) -> None:
    add_person(ctx, PersonInput(name="Ana Ruiz", emails=["ana@example.com"], tags=["vip"]))
    clock.advance(days=1)
    edited = edit_person(
        ctx,
        "ana",
        PersonInput(
            emails=["ana@stripe.example", "ana@example.com"],
            tags=["Founder"],
            circle="inner",
            mode="personal",
            cadence_days=7,
            birthday="--02-29",
            met_how="Via Bo",
            notes="Likes **jazz**",
        ),
    )
    assert [e.value for e in edited.emails] == ["ana@example.com", "ana@stripe.example"]
    assert edited.tags == ("founder", "vip")
    assert (edited.circle, edited.mode, edited.cadence_days) == (Circle.INNER, Mode.PERSONAL, 7)
    assert edited.birthday == PartialDate(month=2, day=29)
    assert (edited.met_how, edited.notes) == ("Via Bo", "Likes **jazz**")
    assert edited.updated_at == clock() != edited.created_at


def test_editing_can_remove_list_items_and_clear_the_birthday(ctx: Context) -> None:
    add_person(
        ctx,
        PersonInput(
            name="Ana Ruiz",
            emails=["ana@example.com", "ana@stripe.example"],
            phones=["+1 415 555 0134", "ext 12"],
            urls=["github.com/ana"],
            nicknames=["Annie"],
            tags=["vip", "founder"],
            interests=["Jazz"],
            birthday="1990-03-14",
        ),
    )
    edited = edit_person(
        ctx,
        "ana",
        PersonInput(
            remove_emails=["ANA@example.com"],
            remove_phones=["(415) 555-0134", "ext 12"],  # typed unlike it was stored
            remove_urls=["github.com/ana"],
            remove_nicknames=["annie"],
            remove_tags=["VIP"],
            remove_interests=["jazz"],
            birthday="",
        ),
    )
    assert [e.value for e in edited.emails] == ["ana@stripe.example"]
    assert (edited.phones, edited.urls, edited.nicknames, edited.interests) == ((), (), (), ())
    assert edited.tags == ("founder",)
    assert edited.birthday is None


def test_renaming_reparses_the_name_and_the_old_name_no_longer_resolves(ctx: Context) -> None:
    add_person(ctx, PersonInput(name="Ana Ruiz"))
    renamed = edit_person(ctx, "Ana Ruiz", PersonInput(name="Ana Costa-Ruiz"))
    assert (renamed.given_name, renamed.family_name) == ("Ana", "Costa-Ruiz")
    assert show_person(ctx, "ana costa-ruiz").person.id == renamed.id
    with pytest.raises(NotFound):
        show_person(ctx, "Ana Ruiz")


def test_an_edit_with_nothing_to_change_is_refused(ctx: Context) -> None:
    add_person(ctx, PersonInput(name="Ana Ruiz"))
    with pytest.raises(InvalidInput, match="nothing to change"):
        edit_person(ctx, "ana", PersonInput())


def test_a_new_employer_keeps_the_old_job_as_history(ctx: Context, clock: FixedClock) -> None:
    add_person(ctx, PersonInput(name="Ana Ruiz", company="Stripe", title="PM"))
    clock.advance(days=30)
    moved = edit_person(ctx, "ana", PersonInput(company="Globex", title="Head of Product"))
    assert (moved.organization, moved.title) == ("Globex", "Head of Product")
    assert moved.employments == (
        Employment("Globex", "Head of Product", PartialDate(12, 20, 2026), None, True),
        Employment("Stripe", "PM", None, PartialDate(12, 20, 2026), False),
    )


def test_restating_the_current_employer_keeps_the_title_and_starts_no_new_job(
    ctx: Context,
) -> None:
    add_person(ctx, PersonInput(name="Ana Ruiz", company="Stripe", title="PM"))
    same = edit_person(ctx, "ana", PersonInput(company="stripe"))
    assert same.employments == (Employment("Stripe", "PM"),)


def test_a_title_change_at_the_same_employer_is_a_new_job(ctx: Context) -> None:
    add_person(ctx, PersonInput(name="Ana Ruiz", company="Stripe", title="PM"))
    promoted = edit_person(ctx, "ana", PersonInput(title="Director"))
    assert [(j.organization, j.title, j.current) for j in promoted.employments] == [
        ("Stripe", "Director", True),
        ("Stripe", "PM", False),
    ]


def test_a_title_without_an_employer_shows_no_placeholder_and_takes_the_employer_later(
    ctx: Context,
) -> None:
    titled = add_person(ctx, PersonInput(name="Ana Ruiz", title="CTO"))
    assert (titled.organization, titled.title) == ("", "CTO")
    assert [p.organization for p in list_people(ctx)] == [""]
    named = edit_person(ctx, "ana", PersonInput(company="Acme"))
    assert named.employments == (Employment("Acme", "CTO"),)


def test_leaving_a_job_keeps_it_as_history_and_leaves_no_current_employer(
    ctx: Context, clock: FixedClock
) -> None:
    add_person(ctx, PersonInput(name="Ana Ruiz", company="Stripe", title="PM"))
    clock.advance(days=30)
    left = edit_person(ctx, "ana", PersonInput(leave_job=True))
    assert (left.organization, left.title) == ("", "")
    assert left.employments == (Employment("Stripe", "PM", None, PartialDate(12, 20, 2026), False),)
    assert [p.name for p in search(ctx, "stripe").people] == ["Ana Ruiz"]  # history is kept
    joined = edit_person(ctx, "ana", PersonInput(company="Globex"))
    assert [(j.organization, j.current) for j in joined.employments] == [
        ("Globex", True),
        ("Stripe", False),
    ]


def test_leaving_and_joining_in_one_edit_is_refused_and_changes_nothing(ctx: Context) -> None:
    add_person(ctx, PersonInput(name="Ana Ruiz", company="Stripe"))
    with pytest.raises(InvalidInput, match="leave their job and take a new one") as raised:
        edit_person(ctx, "ana", PersonInput(leave_job=True, company="Globex"))
    assert raised.value.field == "company"
    assert show_person(ctx, "ana").person.organization == "Stripe"


def test_a_person_goes_back_to_their_circles_cadence(ctx: Context) -> None:
    add_person(ctx, PersonInput(name="Bo Chen", circle="key", cadence_days=10))
    reset = edit_person(ctx, "bo", PersonInput(reset_cadence=True))
    assert reset.cadence_days is None
    assert show_person(ctx, "bo").cadence_days == 30
    with pytest.raises(InvalidInput, match="not both"):
        edit_person(ctx, "bo", PersonInput(reset_cadence=True, cadence_days=5))


def test_the_effective_cadence_is_the_persons_own_or_else_their_circles(ctx: Context) -> None:
    add_person(ctx, PersonInput(name="Ana Ruiz", circle="inner"))
    add_person(ctx, PersonInput(name="Bo Chen", circle="key", cadence_days=10))
    add_person(ctx, PersonInput(name="Cy Dormant", circle="dormant"))
    assert show_person(ctx, "ana").cadence_days == 14
    assert show_person(ctx, "bo").cadence_days == 10
    assert show_person(ctx, "cy").cadence_days is None


def test_people_are_listed_by_name_and_filtered_by_circle_tag_and_mode(ctx: Context) -> None:
    add_person(ctx, PersonInput(name="bo chen", circle="key", tags=["vip"], mode="personal"))
    add_person(ctx, PersonInput(name="Ana Ruiz", circle="key", mode="professional"))
    add_person(ctx, PersonInput(name="Cy Park", tags=["VIP", "investor"]))

    def listed(**filters: str) -> list[str]:
        return [p.name for p in list_people(ctx, **filters)]  # type: ignore[arg-type]

    assert listed() == ["Ana Ruiz", "bo chen", "Cy Park"]
    assert listed(circle="key") == ["Ana Ruiz", "bo chen"]
    assert listed(tag="VIP") == ["bo chen", "Cy Park"]
    assert listed(mode="professional") == ["Ana Ruiz"]
    assert listed(circle="key", tag="vip", mode="personal") == ["bo chen"]
    assert listed(circle="dormant") == []
    assert [p.name for p in list_people(ctx, limit=2)] == ["Ana Ruiz", "bo chen"]
    with pytest.raises(InvalidInput, match="--circle"):
        list_people(ctx, circle="besties")


def test_removing_a_person_returns_them_and_then_they_are_gone(ctx: Context) -> None:
    added = add_person(ctx, PersonInput(name="Ana Ruiz"))
    assert remove_person(ctx, added.id[:6]).id == added.id
    with pytest.raises(NotFound):
        remove_person(ctx, added.id)
    assert list_people(ctx) == []
