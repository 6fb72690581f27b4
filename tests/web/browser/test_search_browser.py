"""Search and your profile in Chromium: type in the header's search box, press Enter, open a
person from the results; fill in your profile on the settings page, fix bad years, remove an
item, and see the profile in a person's common ground."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kithkin.core.log_entry import LogInput
from kithkin.core.network.common import Profile, Stint
from kithkin.core.person_changes import PersonInput
from kithkin.services import Context, add_person, log_interaction
from kithkin.services.common_ground import my_profile
from tests.web.browser.conftest import shot

if TYPE_CHECKING:
    from playwright.sync_api import Locator


def seed(ctx: Context) -> None:
    people = [
        ("Ana Ruiz", "Acme Robotics", "CTO", "key", ["berlin", "rust"]),
        ("Bo Chen", "Globex", "Engineering Manager", "inner", ["climbing"]),
        ("Berit Larsen", "Berlingske", "Editor", "network", []),
        ("Dev Patel", "Hooli", "Staff Engineer", "network", ["rust"]),
    ]
    for name, company, title, circle, tags in people:
        add_person(
            ctx,
            PersonInput(
                name=name,
                company=company,
                title=title,
                circle=circle,
                tags=tags,
                interests=["climbing"] if name == "Bo Chen" else [],
            ),
        )
    log_interaction(
        ctx,
        ["Ana Ruiz", "Bo Chen"],
        LogInput(
            note="Dinner in Berlin after the meetup: Ana is hiring a platform lead, Bo knows "
            "someone <great> from his old team",
            channel="in-person",
            purpose="networking",
            minutes=90,
            date="2026-11-18",
        ),
    )
    log_interaction(
        ctx,
        ["Dev Patel"],
        LogInput(note="Call about moving to Berlin next spring", channel="call", date="2026-10-02"),
    )
    log_interaction(
        ctx, ["Bo Chen"], LogInput(note="Climbing evening", channel="in-person", date="2026-11-07")
    )


def header_box(page: object) -> Locator:
    """The search box every page has in its header (base.html)."""
    return page.locator('header form[action="/search"] input[name="q"]')  # type: ignore[attr-defined, no-any-return]


def test_search_from_the_header_box(ctx: Context, server: str, signed_in_page: object) -> None:
    from playwright.sync_api import Page, expect

    page: Page = signed_in_page  # type: ignore[assignment]
    seed(ctx)
    errors: list[str] = []
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )
    page.goto(f"{server}/people")

    box = header_box(page)
    box.fill("berl")
    box.press("Enter")
    expect(page).to_have_url(f"{server}/search?q=berl")
    expect(page.get_by_role("heading", name="Search", exact=True)).to_be_visible()
    people = page.locator("table.search-people tbody tr")
    expect(people).to_have_count(2)  # Ana (tag berlin) and Berit (Berlingske)
    expect(page.locator("table.search-people")).to_contain_text("Berit Larsen")
    expect(page.locator("table.search-people")).to_contain_text("matched tags")
    notes = page.locator("ol.search-notes > li")
    expect(notes).to_have_count(2)
    expect(notes.first).to_contain_text("2026-11-18")
    expect(notes.first).to_contain_text("networking")
    expect(notes.first).to_contain_text("someone <great> from his old team")  # text, not HTML
    expect(notes.first.locator("mark")).to_have_text(["Berlin"])
    expect(page.locator("#search-q")).to_have_value("berl")
    shot(page, "search")

    page.locator("#search-q").fill("hiring platform")
    page.locator("#search-q").press("Enter")
    expect(notes).to_have_count(1)
    expect(notes.first.locator("mark")).to_have_text(["hiring", "platform"])
    notes.first.get_by_role("link", name="Bo Chen").click()
    expect(page.get_by_role("heading", name="Bo Chen", level=1)).to_be_visible()

    box = header_box(page)
    box.fill('" * (')
    box.press("Enter")
    expect(page.get_by_role("alert")).to_contain_text("has no words to search for")
    page.locator("#search-q").fill("")
    page.locator("#search-q").press("Enter")
    expect(page.locator(".search-help")).to_contain_text("Every word must match")
    assert errors == [], errors


def test_fill_in_your_profile(ctx: Context, server: str, signed_in_page: object) -> None:
    from playwright.sync_api import Page, expect

    page: Page = signed_in_page  # type: ignore[assignment]
    seed(ctx)
    errors: list[str] = []
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )
    page.get_by_role("link", name="Settings").click()
    card = page.locator("#profile")
    expect(card.get_by_role("heading", name="Your profile")).to_be_visible()

    card.get_by_label("Add interests").fill("climbing, jazz")
    card.get_by_label("Add an employer").fill("Globex")
    card.get_by_label("Years at the employer").fill("2022-2019")
    card.get_by_label("Add a city").fill("Berlin")
    card.get_by_label("Add a city").press("Enter")  # Enter adds; it does not remove anything
    expect(card.get_by_role("alert")).to_contain_text("run backwards")
    expect(card.get_by_label("Years at the employer")).to_have_attribute("aria-invalid", "true")
    expect(card.get_by_label("Add interests")).to_have_value("climbing, jazz")  # kept
    assert my_profile(ctx) == Profile()
    card.scroll_into_view_if_needed()
    shot(page, "settings-profile-problem")

    card.get_by_label("Years at the employer").fill("2019-2022")
    card.get_by_role("button", name="Add to profile").click()
    expect(card.get_by_role("status")).to_have_text("Saved your profile.")
    assert page.url.endswith("/settings?saved=profile#profile")
    card.get_by_label("Add an employer").fill("Initech")
    card.get_by_label("Years at the employer").fill("2023-")
    card.get_by_label("Add a school").fill("TU Berlin")
    card.get_by_role("button", name="Add to profile").click()
    expect(card.locator(".profile-item")).to_have_count(6)
    expect(card).to_contain_text("since 2023")

    card.get_by_role("button", name="Remove interest jazz").click()
    expect(card.get_by_role("status")).to_have_text("Saved your profile.")
    expect(card.get_by_role("button", name="Remove interest jazz")).to_have_count(0)
    assert my_profile(ctx) == Profile(
        interests=("climbing",),
        employers=(Stint("Globex", 2019, 2022), Stint("Initech", 2023, None, current=True)),
        schools=("TU Berlin",),
        cities=("Berlin",),
    )
    card.scroll_into_view_if_needed()
    shot(page, "settings-profile")

    header_box(page).fill("bo chen")
    header_box(page).press("Enter")
    page.locator("table.search-people").get_by_role("link", name="Bo Chen").click()
    common = page.locator("section.network-common")
    expect(common).to_contain_text("climbing")
    assert errors == [
        "Failed to load resource: the server responded with a status of 400 (Bad Request)"
    ], errors
