"""The events page in Chromium: record an event with people suggested as you type, add more
attendee rows, tick whom you first met there, see it listed, and open a person from it."""

from __future__ import annotations

from kithkin.core.person_changes import PersonInput
from kithkin.services import Context, add_person
from kithkin.services.events import add_event
from tests.web.browser.conftest import shot


def seed(ctx: Context) -> None:
    for name, company in [
        ("Ana Ruiz", "Acme Robotics"),
        ("Bo Chen", "Globex"),
        ("Cy Diaz", "Hooli"),
        ("Di Eng", "Initech"),
        ("Elif Kaya", "Globex"),
    ]:
        add_person(ctx, PersonInput(name=name, company=company))
    add_event(
        ctx,
        "PyCon DE",
        on="2026-04-14",
        until="2026-04-16",
        location="Darmstadt",
        met=["Elif Kaya"],
        saw=["Bo Chen"],
    )
    add_event(ctx, "Web Summit", on="2026-11-19", until="2026-11-21", saw=["Di Eng"])
    add_event(ctx, "Climbing gala", on="2026-11-27", location="Kreuzberg", saw=["Ana Ruiz"])


def test_record_an_event_and_see_whom_you_met(
    ctx: Context, server: str, signed_in_page: object
) -> None:
    from playwright.sync_api import Page, expect

    page: Page = signed_in_page  # type: ignore[assignment]
    seed(ctx)
    errors: list[str] = []
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )

    page.get_by_role("link", name="Events", exact=True).click()
    expect(page.get_by_role("heading", name="Events", exact=True)).to_be_visible()
    expect(page.locator("#upcoming .event-name")).to_have_text(["Web Summit", "Climbing gala"])
    expect(page.locator("#past .event-name")).to_have_text(["PyCon DE"])

    page.get_by_label("Name", exact=True).fill("Rust meetup")
    page.get_by_label("First day").fill("2026-11-18")
    page.get_by_label("Place").fill("c-base, Berlin")
    first = page.get_by_label("Person 1", exact=True)
    first.press_sequentially("ana", delay=30)
    expect(page.locator("#event-people option")).to_have_count(1)
    expect(page.locator("#event-people option")).to_have_attribute("value", "Ana Ruiz")
    first.fill("Ana Ruiz")
    page.get_by_label("Person 2", exact=True).fill("Cy Diaz")
    page.locator(".attendee-row").nth(1).get_by_label("first met here").check()

    page.get_by_role("button", name="Add more people").click()  # htmx: four more rows
    expect(page.locator(".attendee-row")).to_have_count(8)
    page.get_by_label("Person 5", exact=True).fill("Bo Chen")
    page.locator(".attendee-row").nth(4).get_by_label("first met here").check()
    expect(page.get_by_label("Person 1", exact=True)).to_have_value("Ana Ruiz")  # kept
    shot(page, "events-form")

    page.get_by_role("button", name="Record the event").click()
    expect(page.get_by_role("status")).to_contain_text("Recorded Rust meetup.")
    assert "/events?added=" in page.url
    recorded = page.locator(".event-new")
    expect(recorded.locator(".event-name")).to_contain_text("Rust meetup")
    expect(recorded.locator(".event-meta")).to_contain_text("Wed 18 Nov 2026")
    expect(recorded.locator(".event-meta")).to_contain_text("c-base, Berlin")
    expect(recorded.locator(".event-people li.met a")).to_have_text(["Bo Chen", "Cy Diaz"])
    expect(recorded.locator(".event-people li:not(.met) a")).to_have_text(["Ana Ruiz"])
    expect(page.locator("#past .event-name")).to_have_count(2)
    page.evaluate("window.scrollTo(0, 0)")
    shot(page, "events-list")

    assert errors == [], errors  # no CSP violation, no failed request

    # a name nobody has: the form says so (a 400 answer) and keeps what was typed
    page.get_by_label("Name", exact=True).fill("Book launch")
    page.get_by_label("First day").fill("2026-12-03")
    page.get_by_label("Person 1", exact=True).fill("Nobody Known")
    page.get_by_role("button", name="Record the event").click()
    expect(page.get_by_role("alert")).to_contain_text("nobody matches 'Nobody Known'")
    expect(page.get_by_label("Name", exact=True)).to_have_value("Book launch")
    expect(page.locator("#upcoming .event-name")).to_have_count(2)
    shot(page, "events-problem")

    page.locator("#past .event-people a", has_text="Cy Diaz").click()
    expect(page.get_by_role("heading", name="Cy Diaz")).to_be_visible()
    assert all("status of 400" in error for error in errors), errors
