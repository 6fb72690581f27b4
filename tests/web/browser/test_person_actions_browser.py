"""The person page's actions in Chromium: a milestone added (after a mistake), a follow-up
snoozed then done, an interaction's purpose corrected in place, and the person deleted after
the confirmation page."""

from __future__ import annotations

from sqlalchemy import select

from kithkin.core.log_entry import LogInput
from kithkin.core.person_changes import PersonInput
from kithkin.core.vocabulary import Purpose, PurposeSource
from kithkin.errors import NotFound
from kithkin.services import Context, add_person, log_interaction
from kithkin.services.people import find_person
from kithkin.services.person_actions import milestones_of
from kithkin.store.tables import InteractionRow
from tests.web.browser.conftest import ARTIFACTS, shot


def seed(ctx: Context) -> str:
    ana = add_person(
        ctx,
        PersonInput(
            name="Ana Ruiz",
            company="Acme Robotics",
            title="CTO",
            circle="key",
            emails=["ana@example.com"],
            birthday="--03-14",
        ),
    )
    add_person(ctx, PersonInput(name="Bo Chen", company="Globex"))
    log_interaction(
        ctx,
        ["Ana Ruiz"],
        LogInput(
            note="Coffee with a recruiter from Stripe about the staff engineer role",
            channel="in-person",
            follow_up="next friday: send the deck",
            date="2026-11-18",
        ),
    )
    log_interaction(
        ctx,
        ["Ana Ruiz", "Bo Chen"],
        LogInput(note="Climbing evening, then dinner", channel="in-person", date="2026-11-07"),
    )
    log_interaction(
        ctx,
        ["Ana Ruiz"],
        LogInput(note="Call", channel="call", date="2026-10-20", follow_up="2026-12-01: ask"),
    )
    return ana.id


def test_the_person_pages_actions(ctx: Context, server: str, signed_in_page: object) -> None:
    from playwright.sync_api import Page, expect

    page: Page = signed_in_page  # type: ignore[assignment]
    uid = seed(ctx)
    errors: list[str] = []
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )
    page.goto(f"{server}/people/{uid}")
    expect(page.get_by_role("heading", name="Ana Ruiz", level=1)).to_be_visible()

    # A milestone: a day that is not one, then the right one; the card redraws in place.
    milestones = page.locator("#milestones")
    milestones.get_by_text("Add a milestone").click()
    milestones.get_by_label("Kind").select_option("job-change")
    milestones.get_by_label("Day").fill("2026-13-01")
    milestones.get_by_label("Note").fill("joined Acme Robotics as CTO")
    milestones.get_by_role("button", name="Add milestone").click()
    expect(milestones.get_by_role("alert")).to_contain_text("date: '2026-13-01'")
    expect(milestones.get_by_label("Note")).to_have_value("joined Acme Robotics as CTO")
    assert milestones_of(ctx, uid).milestones == ()
    shot(page, "person-milestone-problem")
    milestones.get_by_label("Day").fill("2026-02-01")
    milestones.get_by_label("once").check()
    milestones.get_by_role("button", name="Add milestone").click()
    expect(milestones.get_by_role("status")).to_have_text(
        "Remembered the job-change on 2026-02-01."
    )
    expect(milestones.locator("li").nth(1)).to_have_text(
        "2026-02-01 job-change (once) — joined Acme Robotics as CTO"
    )
    assert [m.kind for m in milestones_of(ctx, uid).milestones] == ["job-change"]

    # Follow-ups: snooze one for two weeks, mark the other done.
    follow_ups = page.locator("#follow-ups")
    expect(follow_ups.locator("li")).to_have_count(2)
    deck = follow_ups.locator("li", has_text="send the deck")
    deck.get_by_label("Snooze “send the deck” for").select_option("2w")
    deck.get_by_role("button", name="Snooze: send the deck").click()
    expect(follow_ups.locator("li", has_text="send the deck")).to_contain_text(
        "snoozed until 2026-12-04"
    )
    follow_ups.get_by_role("button", name="Done: ask").click()
    expect(follow_ups.locator("li")).to_have_count(1)
    expect(follow_ups).not_to_contain_text("ask")

    # The coffee was a social one after all: corrected in place, the badge follows.
    coffee = page.locator(".moment", has_text="Coffee with a recruiter")
    expect(coffee.locator(".badge.purpose")).to_contain_text("networking · guess")
    coffee.get_by_role("link", name="correct purpose").click()
    expect(coffee.get_by_text("It was")).to_be_visible()
    page.locator("#timeline").screenshot(path=str(ARTIFACTS / "person-purpose-form.png"))
    coffee.get_by_role("button", name="social").click()
    coffee = page.locator(".moment", has_text="Coffee with a recruiter")
    expect(coffee.locator(".badge.purpose")).to_have_text("social")
    expect(coffee.get_by_role("status")).to_have_text(
        "Now social. The model had said networking; it will learn from this."
    )
    with ctx.store.transaction() as tx:
        coffee_id = tx.session.scalar(
            select(InteractionRow.id).where(InteractionRow.note.startswith("Coffee"))
        )
        assert coffee_id is not None
        stored = tx.interactions.get(coffee_id)
    assert (stored.purpose, stored.purpose_source) == (Purpose.SOCIAL, PurposeSource.USER)
    shot(page, "person-actions")

    # Without htmx, "correct purpose" is a page of its own (here opened directly).
    page.goto(f"{server}/people/{uid}/interactions/{coffee_id}/purpose")
    expect(page.get_by_role("heading", name="What was this about?")).to_be_visible()
    expect(page.get_by_role("button", name="social")).to_have_attribute("aria-pressed", "true")
    shot(page, "person-purpose-page")
    page.get_by_role("link", name="← Ana Ruiz").click()

    # Deleting: the confirmation page says what goes and what stays.
    page.get_by_role("button", name="Delete…").click()
    expect(page.get_by_role("heading", name="Delete Ana Ruiz?")).to_be_visible()
    expect(page.locator(".delete-list").first).to_contain_text("2 interactions only they were in")
    expect(page.locator(".delete-list.kept")).to_contain_text("1 interaction with other people too")
    shot(page, "person-delete")
    page.get_by_role("button", name="Delete Ana Ruiz for good").click()
    expect(page).to_have_url(f"{server}/people?deleted=1")
    expect(page.locator(".people-list tbody tr")).to_have_count(1)
    expect(page.locator(".people-list")).to_contain_text("Bo Chen")
    try:
        find_person(ctx, uid)
    except NotFound:
        pass
    else:
        raise AssertionError("Ana Ruiz is still there")
    assert errors == [], errors
