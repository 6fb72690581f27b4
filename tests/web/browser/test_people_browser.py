"""The people list and the person page in Chromium: search as you type, open a person, edit
them in place."""

from __future__ import annotations

from kithkin.core.log_entry import LogInput
from kithkin.core.person_changes import PersonInput
from kithkin.services import Context, add_person, log_interaction
from kithkin.services.events import add_milestone
from kithkin.services.people import find_person
from tests.web.browser.conftest import shot


def seed(ctx: Context) -> None:
    people = [
        ("Ana Ruiz", "Acme Robotics", "CTO", "key", ["rust", "berlin"]),
        ("Bo Chen", "Globex", "Engineering Manager", "inner", ["climbing"]),
        ("Carla Mendes", "Initech", "Product Lead", "network", ["product"]),
        ("Dev Patel", "Hooli", "Staff Engineer", "network", ["rust"]),
        ("Elif Kaya", "", "", "dormant", []),
        ("Femi Adeyemi", "Umbrella Health", "Data Scientist", "key", ["ml", "berlin"]),
    ]
    for name, company, title, circle, tags in people:
        add_person(
            ctx,
            PersonInput(
                name=name,
                company=company or None,
                title=title or None,
                circle=circle,
                tags=tags,
                emails=[name.split()[0].lower() + "@example.com"],
            ),
        )
    log_interaction(
        ctx,
        ["Ana Ruiz"],
        LogInput(
            note="Lunch at the harbour: talked about the platform team and her hiring plans",
            channel="in-person",
            purpose="networking",
            minutes=75,
            gave=["intro:to Sam at Globex"],
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
        LogInput(note="Sent the RustConf talk", channel="email", date="2026-10-20"),
    )
    log_interaction(
        ctx, ["Dev Patel"], LogInput(note="Quick call", channel="call", date="2026-09-02")
    )
    add_milestone(ctx, "Ana Ruiz", "work-anniversary", "2021-03-01", note="joined Acme")


def test_search_open_and_edit_a_person(ctx: Context, server: str, signed_in_page: object) -> None:
    from playwright.sync_api import Page, expect

    page: Page = signed_in_page  # type: ignore[assignment]
    seed(ctx)
    errors: list[str] = []
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )

    page.get_by_role("link", name="People", exact=True).click()
    expect(page.get_by_role("heading", name="People")).to_be_visible()
    rows = page.locator(".people-list tbody tr")
    expect(rows).to_have_count(6)
    page.get_by_label("Sort by").select_option("warmth")
    expect(rows.first).to_contain_text("Ana Ruiz")
    expect(page).to_have_url(f"{server}/people?sort=warmth")
    shot(page, "people-list")

    page.get_by_label("Search people").press_sequentially("ro", delay=30)
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Ana Ruiz")
    page.get_by_role("link", name="Ana Ruiz").click()

    expect(page.get_by_role("heading", name="Ana Ruiz", level=1)).to_be_visible()
    expect(page.locator(".warmth-explanation")).to_contain_text("interactions in 90 days")
    expect(page.locator(".timeline .moment")).to_have_count(3)
    expect(page.locator(".purpose-networking").first).to_have_text("networking")
    expect(page.get_by_text("send the deck")).to_be_visible()
    shot(page, "person-page")

    page.get_by_role("button", name="Edit").click()
    page.get_by_label("Title").fill("Chief Technology Officer")
    page.get_by_label("Check in every (days)").fill("soon")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("alert")).to_contain_text("cadence: 'soon' is not a number of days")
    shot(page, "person-edit-problem")

    page.get_by_label("Check in every (days)").fill("21")
    page.get_by_label("Tags").fill("rust, berlin, speaker")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".works")).to_have_text("Chief Technology Officer at Acme Robotics")
    expect(page.get_by_text("check in every 21 days (own cadence)")).to_be_visible()
    ana = find_person(ctx, "Ana Ruiz")
    assert ana.title == "Chief Technology Officer" and ana.cadence_days == 21
    assert sorted(ana.tags) == ["berlin", "rust", "speaker"]
    # no CSP violations, no script errors
    assert errors == [], errors
