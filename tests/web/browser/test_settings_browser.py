"""The settings page in Chromium: change a goal, create a calendar feed URL and fetch it."""

from __future__ import annotations

import urllib.request

from kithkin.core.person_changes import PersonInput
from kithkin.services import Context, add_person, auth, preferences
from tests.web.browser.conftest import shot


def test_change_a_goal_and_create_a_feed_url(
    ctx: Context, server: str, signed_in_page: object
) -> None:
    from playwright.sync_api import Page, expect

    page: Page = signed_in_page  # type: ignore[assignment]
    add_person(ctx, PersonInput(name="Ana Ruiz", birthday="1990-12-03"))
    auth.create_api_token(ctx.store, "backup script", now=ctx.now())
    errors: list[str] = []
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )

    page.get_by_role("link", name="Settings").click()
    expect(page.get_by_role("heading", name="Settings", exact=True)).to_be_visible()
    shot(page, "settings")

    page.get_by_label("Engage with 3 posts").fill("5")
    page.get_by_label("Connect with 2 new people").fill("0")
    page.get_by_role("button", name="Save goals").click()
    expect(page.get_by_role("status")).to_have_text("Saved the goals.")
    targets = {goal.key: goal.target for goal in preferences.all_goals(ctx)}
    assert (targets["engage-posts"], targets["connect-new"]) == (5, 0)

    page.get_by_label("Engage with 3 posts").fill("lots")
    page.get_by_role("button", name="Save goals").click()
    expect(page.get_by_role("alert")).to_contain_text("is not a target")
    shot(page, "settings-problem")

    page.get_by_role("button", name="Create feed URL").click()
    expect(page.get_by_role("status")).to_have_text("Made your calendar feed URL.")
    url = page.get_by_label("Your feed URL").input_value()
    assert url.startswith(f"{server}/calendar/") and url.endswith(".ics")
    page.locator("#feed").scroll_into_view_if_needed()
    shot(page, "settings-feed")
    with urllib.request.urlopen(url) as response:  # a calendar app: no cookie
        assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
        assert b"Ana Ruiz's birthday" in response.read()
    # no CSP violations, no script errors: only the 400 that answered the bad target
    assert errors == [
        "Failed to load resource: the server responded with a status of 400 (Bad Request)"
    ], errors
