"""The network page in Chromium: find a warm path with the form, then walk the neighbourhood
drawing by clicking a person in it."""

from __future__ import annotations

from kithkin.core.log_entry import LogInput
from kithkin.core.person_changes import PersonInput
from kithkin.services import Context, add_person, log_interaction
from kithkin.services.network import link
from tests.web.browser.conftest import shot


def seed(ctx: Context) -> None:
    people = [
        ("Ana Ruiz", "Acme Robotics", "inner"),
        ("Bo Chen", "Globex", "key"),
        ("Carla Mendes", "Globex", "network"),
        ("Dev Patel", "Hooli", "network"),
        ("Elif Kaya", "Globex", "network"),
        ("Femi Adeyemi", "Umbrella Health", "key"),
        ("Gus Olsen", "Initech", "network"),
        ("Hana Ito", "Hooli", "network"),
    ]
    interests = {"Ana Ruiz": ["climbing", "rust"], "Femi Adeyemi": ["climbing"]}
    for name, company, circle in people:
        add_person(
            ctx,
            PersonInput(
                name=name, company=company, circle=circle, interests=interests.get(name, [])
            ),
        )
    log_interaction(
        ctx, ["Ana Ruiz"], LogInput(note="Lunch", channel="in-person", date="2026-11-18")
    )
    log_interaction(ctx, ["Femi Adeyemi"], LogInput(note="Call", channel="call", date="2026-10-02"))
    log_interaction(
        ctx,
        ["Ana Ruiz", "Dev Patel", "Hana Ito"],
        LogInput(note="Rust meetup dinner", channel="in-person", date="2026-11-07"),
    )
    link(ctx, "Ana Ruiz", "Carla Mendes", "friend", since="2015", note="climbing partners")
    link(ctx, "Carla Mendes", "Elif Kaya", "colleague", since="2021")
    link(ctx, "Femi Adeyemi", "Gus Olsen", "family")
    link(ctx, "Gus Olsen", "Elif Kaya", "knows")
    link(ctx, "Bo Chen", "Ana Ruiz", "introduced-by", since="2019")


def test_find_a_path_and_walk_the_neighbourhood(
    ctx: Context, server: str, signed_in_page: object
) -> None:
    from playwright.sync_api import Page, expect

    page: Page = signed_in_page  # type: ignore[assignment]
    seed(ctx)
    errors: list[str] = []
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )

    page.get_by_role("link", name="Network", exact=True).click()
    expect(page.get_by_role("heading", name="Warm paths")).to_be_visible()
    expect(page.get_by_role("heading", name="Your strongest ties")).to_be_visible()
    shot(page, "network-start")

    target = page.get_by_label("Who or what to reach")
    target.press_sequentially("Elif", delay=30)
    expect(page.locator("#network-people option")).to_have_count(1)
    page.get_by_role("button", name="Find paths").click()
    expect(page.get_by_role("heading", name="Paths to Elif Kaya")).to_be_visible()
    expect(page).to_have_url(f"{server}/network?person=Elif")
    routes = page.locator(".network-paths .route")
    expect(routes.first.locator(".chain a")).to_have_text(["Ana Ruiz", "Carla Mendes", "Elif Kaya"])
    expect(routes.first.locator(".route-ask")).to_contain_text("Ask Ana Ruiz")
    expect(page.get_by_role("heading", name="Around Elif Kaya")).to_be_visible()
    shot(page, "network-paths")

    # a company, found through the same form
    page.get_by_text("a company").click()
    target.fill("hooli")
    page.get_by_role("button", name="Find paths").click()
    expect(page.get_by_role("heading", name="Paths to people at Hooli")).to_be_visible()
    expect(page).to_have_url(f"{server}/network?company=hooli")

    # walk: a person in the drawing opens paths to them and their own neighbourhood
    page.goto(f"{server}/network?person=Elif+Kaya")
    page.locator("svg.neighbourhood a", has_text="Carla Mendes").locator("circle").click()
    expect(page.get_by_role("heading", name="Paths to Carla Mendes")).to_be_visible()
    expect(page.get_by_role("heading", name="Around Carla Mendes")).to_be_visible()

    # from your own ties, a person opens their neighbourhood alone; you are drawn in it
    page.get_by_role("link", name="Network", exact=True).click()
    page.locator("svg.neighbourhood a", has_text="Ana Ruiz").locator("circle").click()
    expect(page.get_by_role("heading", name="Around Ana Ruiz")).to_be_visible()
    expect(page.locator("svg.neighbourhood .node-you")).to_have_count(1)
    shot(page, "network-neighbourhood")
    page.locator("svg.neighbourhood a", has_text="Bo Chen").locator("circle").click()
    expect(page.get_by_role("heading", name="Around Bo Chen")).to_be_visible()
    page.get_by_role("link", name="Warm paths to Bo Chen").click()
    expect(page.get_by_role("heading", name="Paths to Bo Chen")).to_be_visible()

    # elsewhere: common ground on the person page, intros on the dashboard (loaded by htmx)
    page.goto(f"{server}/network?person=Nobody")
    expect(page.get_by_role("alert")).to_contain_text("nobody matches 'Nobody'")
    shot(page, "network-problem")

    page.get_by_role("link", name="People", exact=True).click()
    page.get_by_role("link", name="Ana Ruiz").click()
    expect(page.get_by_role("heading", name="Common ground")).to_be_visible()
    expect(page.locator(".network-common")).to_contain_text("Mutual")
    shot(page, "network-person-common-ground")
    page.get_by_role("link", name="Network: warm paths and neighbourhood").click()
    expect(page.get_by_role("heading", name="Around Ana Ruiz")).to_be_visible()

    page.get_by_role("link", name="Today", exact=True).click()
    intros = page.locator(".network-intros")
    expect(intros).to_contain_text("People who should meet")
    expect(intros).to_contain_text("Femi Adeyemi")
    shot(page, "network-dashboard-intros")
    first = intros.locator(".intro").first
    first.get_by_role("textbox").fill("E-mail to both")
    first.get_by_role("button", name="Introduce").click()
    expect(intros.locator(".intro-done")).to_contain_text("an intro you gave is in both ledgers")
    shot(page, "network-dashboard-introduced")
    assert errors == [], errors
