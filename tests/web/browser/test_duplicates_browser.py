"""The duplicates page in Chromium: from the People page to the pairs, then keep one record of
a pair and see the confirmation, the pair gone."""

from __future__ import annotations

from kithkin.core.log_entry import LogInput
from kithkin.core.person_changes import PersonInput
from kithkin.services import Context, add_person, log_interaction
from kithkin.services.duplicates import find_duplicates
from kithkin.services.people import find_person
from tests.web.browser.conftest import shot


def seed(ctx: Context) -> None:
    people = [
        PersonInput(
            name="Robert Smith",
            company="Acme Robotics",
            title="CTO",
            emails=["rob@acme.example"],
            circle="key",
            birthday="1984-05-02",
        ),
        PersonInput(
            name="Bob Smith",
            company="Acme Robotics",
            emails=["bob@home.example"],
            phones=["+1 415 555 0100"],
            tags=["climber"],
        ),
        PersonInput(name="Ana Ruiz", company="Stripe", emails=["ana@example.com"]),
        PersonInput(
            name="Ana Ruiz",
            company="Stripe",
            urls=["https://www.linkedin.com/in/ana-ruiz-7b2a1c"],
        ),
        PersonInput(name="Sam Lee", company="Globex"),
        PersonInput(name="Sam Lee", company="Initech", emails=["sam@example.com"]),
        PersonInput(name="Carla Mendes", company="Globex"),
    ]
    for person in people:
        add_person(ctx, person)
    log_interaction(
        ctx, ["Bob Smith"], LogInput(note="climbing", channel="in-person", date="2026-11-18")
    )


def test_find_a_duplicate_from_the_people_page_and_merge_it(
    ctx: Context, server: str, signed_in_page: object
) -> None:
    from playwright.sync_api import Page, expect

    page: Page = signed_in_page  # type: ignore[assignment]
    seed(ctx)
    errors: list[str] = []
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )

    page.get_by_role("link", name="People", exact=True).click()
    page.get_by_role("link", name="Possible duplicates").click()
    expect(page.get_by_role("heading", name="Possible duplicates")).to_be_visible()
    cards = page.locator(".dup-pair")
    expect(cards).to_have_count(3)
    expect(cards.first.locator(".dup-score")).to_have_text("76")
    expect(cards.nth(1).locator(".dup-reasons")).to_contain_text(
        "Bob is a nickname of Robert and same company Acme Robotics"
    )
    expect(cards.nth(1).locator("thead a")).to_have_text(["Robert Smith", "Bob Smith"])
    page.get_by_text("What a merge does").click()
    expect(page.get_by_text("there is no undo")).to_be_visible()
    shot(page, "duplicates")

    robert, bob = find_person(ctx, "Robert Smith"), find_person(ctx, "bob@home.example")
    page.get_by_role(
        "button",
        name=f"Keep Robert Smith ({robert.id[:8]}) and merge Bob Smith ({bob.id[:8]}) into it",
    ).click()
    expect(page.get_by_role("status")).to_have_text(
        "Merged into Robert Smith: everything both records had is on their page now."
    )
    expect(page).to_have_url(f"{server}/duplicates?merged={robert.id}")
    expect(cards).to_have_count(2)
    expect(page.locator(".dup-pair thead a", has_text="Bob Smith")).to_have_count(0)
    shot(page, "duplicates-merged")

    page.get_by_role("status").get_by_role("link", name="Robert Smith").click()
    expect(page.get_by_role("heading", name="Robert Smith", level=1)).to_be_visible()
    expect(page.get_by_text("bob@home.example")).to_be_visible()
    assert [pair.people[0].name for pair in find_duplicates(ctx)] == ["Ana Ruiz", "Sam Lee"]
    # no CSP violations, no script errors
    assert errors == [], errors
