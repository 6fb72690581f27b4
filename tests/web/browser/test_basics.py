"""Sign in with the printed link, log with the quick-log preview, see it on the dashboard,
mark an item done in place, search people."""

from __future__ import annotations

from kithkin.core.person_changes import PersonInput
from kithkin.services import Context, add_person, auth
from tests.conftest import FixedClock
from tests.web.browser.conftest import shot


def test_sign_in_log_see_it_done_and_search(
    ctx: Context, server: str, browser_page: object
) -> None:
    from playwright.sync_api import Page, expect

    page: Page = browser_page  # type: ignore[assignment]
    add_person(ctx, PersonInput(name="Ana Ruiz", company="Stripe", title="Product Manager"))
    add_person(ctx, PersonInput(name="Samuel Okafor", nicknames=["sam"]))
    errors: list[str] = []
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )

    page.goto(f"{server}/")
    expect(page).to_have_url(f"{server}/login")
    shot(page, "login")
    token = auth.issue_login_link(ctx.store, now=ctx.now())
    page.goto(f"{server}/login?token={token}")
    expect(page.get_by_role("heading", name="Today")).to_be_visible()

    page.get_by_role("link", name="Log").click()
    page.get_by_label("Say it in one sentence").fill(
        "Coffee with Ana Ruiz and @sam yesterday, talked about the PM role at Stripe. "
        "Follow up tomorrow: send the deck"
    )
    preview = page.locator("#preview")
    expect(preview).to_contain_text("Ana Ruiz, Samuel Okafor")
    expect(preview).to_contain_text("send the deck")
    expect(preview).to_contain_text("in-person")
    shot(page, "log-preview")
    page.get_by_role("button", name="Log it").click()

    expect(page.get_by_role("heading", name="Today")).to_be_visible()
    page.wait_for_load_state("networkidle")
    shot(page, "dashboard")
    expect(page.locator(".agenda-item")).to_have_count(0)  # the follow-up is due tomorrow

    page.get_by_role("link", name="People").click()
    page.get_by_label("Search people").fill("stripe")
    rows = page.locator("#people-rows tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Ana Ruiz")
    shot(page, "people")
    assert errors == [], errors  # no CSP violations, no script errors


def test_done_removes_an_agenda_item_in_place(
    ctx: Context, clock: FixedClock, server: str, browser_page: object
) -> None:
    from playwright.sync_api import Page, expect

    from kithkin.core.log_entry import LogInput
    from kithkin.services import log_interaction

    page: Page = browser_page  # type: ignore[assignment]
    add_person(ctx, PersonInput(name="Ana Ruiz"))
    log_interaction(ctx, ["ana"], LogInput(note="Coffee", follow_up="today: send Ana the deck"))
    token = auth.issue_login_link(ctx.store, now=ctx.now())
    page.goto(f"{server}/login?token={token}")
    item = page.locator(".agenda-item", has_text="send Ana the deck")
    expect(item).to_have_count(1)
    item.get_by_role("button", name="Done").click()
    expect(item).to_have_count(0)
    page.reload()
    expect(page.locator(".agenda-item", has_text="send Ana the deck")).to_have_count(0)


def test_snooze_puts_an_agenda_item_aside_in_place(
    ctx: Context, clock: FixedClock, server: str, browser_page: object
) -> None:
    from playwright.sync_api import Page, expect

    from kithkin.core.log_entry import LogInput
    from kithkin.services import log_interaction

    page: Page = browser_page  # type: ignore[assignment]
    add_person(ctx, PersonInput(name="Ana Ruiz"))
    add_person(ctx, PersonInput(name="Ben Okafor"))
    log_interaction(ctx, ["ana"], LogInput(note="Coffee", follow_up="today: send Ana the deck"))
    log_interaction(ctx, ["ben"], LogInput(note="Call", follow_up="today: intro Ben to Priya"))
    token = auth.issue_login_link(ctx.store, now=ctx.now())
    page.goto(f"{server}/login?token={token}")
    item = page.locator(".agenda-item", has_text="intro Ben to Priya")
    expect(item).to_have_count(1)
    shot(page, "dashboard-actions")
    item.get_by_label("Snooze Ben Okafor for how long").select_option("3d")
    item.get_by_role("button", name="Snooze").click()
    expect(item).to_have_count(0)
    expect(page.locator(".agenda-item", has_text="send Ana the deck")).to_have_count(1)
    page.reload()
    expect(page.locator(".agenda-item", has_text="intro Ben to Priya")).to_have_count(0)


def test_the_review_has_a_print_button(ctx: Context, server: str, browser_page: object) -> None:
    from playwright.sync_api import Page, expect

    page: Page = browser_page  # type: ignore[assignment]
    token = auth.issue_login_link(ctx.store, now=ctx.now())
    page.goto(f"{server}/login?token={token}")
    page.goto(f"{server}/review")
    page.evaluate("window.print = () => { document.body.dataset.printed = 'yes'; }")
    button = page.get_by_role("button", name="Print")
    expect(button).to_be_visible()
    button.click()
    expect(page.locator("body")).to_have_attribute("data-printed", "yes")
    shot(page, "review")


def test_a_failed_htmx_request_says_why_in_place(
    ctx: Context, clock: FixedClock, server: str, browser_page: object
) -> None:
    from playwright.sync_api import Page, expect

    from kithkin.core.log_entry import LogInput
    from kithkin.services import log_interaction

    page: Page = browser_page  # type: ignore[assignment]
    add_person(ctx, PersonInput(name="Ana Ruiz"))
    log_interaction(ctx, ["ana"], LogInput(note="Coffee", follow_up="today: send Ana the deck"))
    token = auth.issue_login_link(ctx.store, now=ctx.now())
    page.goto(f"{server}/login?token={token}")
    item = page.locator(".agenda-item", has_text="send Ana the deck")
    # A tampered choice: the server refuses it (400), and the row stays with the reason.
    page.eval_on_selector(".agenda-item select", "s => { s.options[0].value = 'forever'; }")
    item.get_by_label("Snooze Ana Ruiz for how long").select_option("forever")
    item.get_by_role("button", name="Snooze").click()
    expect(item.locator(".htmx-problem")).to_contain_text("choose one of")
    expect(item).to_have_count(1)
    shot(page, "htmx-problem")
