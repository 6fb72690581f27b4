"""The follow-ups page in Chromium: done and snoozed in place with htmx; and the ledger page
(read-only) for its screenshot."""

from __future__ import annotations

from kithkin.core.log_entry import LogInput
from kithkin.core.person_changes import PersonInput
from kithkin.core.vocabulary import FollowUpStatus
from kithkin.services import Context, add_person, list_follow_ups, log_interaction
from tests.web.browser.conftest import shot


def seed(ctx: Context) -> None:
    for name, company in [
        ("Ana Ruiz", "Acme Robotics"),
        ("Bo Chen", "Globex"),
        ("Carla Mendes", "Initech"),
        ("Dev Patel", "Hooli"),
    ]:
        add_person(ctx, PersonInput(name=name, company=company))
    for who, when, text, ledger in [
        ("Ana Ruiz", "2026-11-12", "send the deck from the offsite", {"asked": ["intro:to Lee"]}),
        ("Bo Chen", "2026-11-17", "return the climbing book", {"gave": ["resource:a guide"]}),
        ("Carla Mendes", "today", "call about the product role", {"received": ["advice:CV"]}),
        ("Dev Patel", "2026-11-26", "ask how the Rust talk went", {"asked": ["favor:a review"]}),
        ("Ana Ruiz", "2026-12-08", "congratulate on the launch", {"asked": ["advice:pricing"]}),
    ]:
        log_interaction(ctx, [who], LogInput(note="Coffee", follow_up=f"{when}: {text}", **ledger))


def test_done_and_snooze_in_place(ctx: Context, server: str, signed_in_page: object) -> None:
    from playwright.sync_api import Page, expect

    page: Page = signed_in_page  # type: ignore[assignment]
    seed(ctx)
    errors: list[str] = []
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )

    page.get_by_role("link", name="Follow-ups", exact=True).click()
    expect(page.get_by_role("heading", name="Follow-ups")).to_be_visible()
    rows = page.locator("table.follow-ups tbody tr")
    expect(rows).to_have_count(5)
    expect(rows.first).to_contain_text("8 days overdue")
    expect(rows.first).to_have_class("follow-up is-overdue")
    shot(page, "follow-ups")

    deck = rows.filter(has_text="send the deck")
    deck.get_by_role("button", name="Done").click()
    expect(deck).to_contain_text("done")
    expect(deck.get_by_role("button", name="Done")).to_have_count(0)

    book = rows.filter(has_text="return the climbing book")
    book.get_by_label("Snooze “return the climbing book” for").select_option("2w")
    book.get_by_role("button", name="Snooze").click()
    expect(book).to_contain_text("snoozed until 2026-12-04")
    expect(page).to_have_url(f"{server}/follow-ups")  # in place: no reload
    shot(page, "follow-ups-after")

    by_text = {f.text: f for f in list_follow_ups(ctx, include_closed=True)}
    assert by_text["send the deck from the offsite"].status is FollowUpStatus.DONE
    assert by_text["return the climbing book"].status is FollowUpStatus.SNOOZED

    page.reload()
    expect(rows).to_have_count(4)  # done: off the open list
    page.get_by_role("link", name="All, with done and dropped").click()
    expect(rows).to_have_count(5)

    page.get_by_role("link", name="Ana Ruiz").first.click()
    expect(page.get_by_role("heading", name="Ana Ruiz", level=1)).to_be_visible()
    assert errors == [], errors


def test_the_ledger_page(ctx: Context, server: str, signed_in_page: object) -> None:
    from playwright.sync_api import Page, expect

    page: Page = signed_in_page  # type: ignore[assignment]
    seed(ctx)
    errors: list[str] = []
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )
    page.get_by_role("link", name="Ledger", exact=True).click()
    expect(page.get_by_role("heading", name="Ledger")).to_be_visible()
    expect(page.locator(".nudge")).to_have_text(
        "You have taken 3 favors from your network and given 1 — offer help before asking again."
    )
    expect(page.locator("table.one-sided tbody tr")).to_have_count(3)
    expect(page.locator("table.latest tbody tr")).to_have_count(5)
    shot(page, "ledger")
    page.locator("table.one-sided").get_by_role("link", name="Ana Ruiz").click()
    expect(page.get_by_role("heading", name="Ana Ruiz", level=1)).to_be_visible()
    assert errors == [], errors
