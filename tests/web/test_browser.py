"""The web app in a real Chromium (Debian's, driven by Playwright): sign in with the printed
link, log with the quick-log preview, see it on the dashboard, mark it done, search people.

Screenshots of each page go to tests/artifacts/ (kept by CI as test artifacts)."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import uvicorn

from kithkin.config import Settings
from kithkin.core.person_changes import PersonInput
from kithkin.services import Context, add_person, auth
from kithkin.store import Store
from kithkin.web.app import create_app
from tests.conftest import TZ, FixedClock

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"


def _chromium() -> str:
    if Path(CHROMIUM).exists():
        return CHROMIUM
    message = f"{CHROMIUM} is missing: install Debian's chromium (make test does when it can)"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{message}; browser tests must run under CI=true")
    print(f"\n\n*** SKIPPING BROWSER TESTS: {message} ***\n")
    pytest.skip(message)
    return ""


@pytest.fixture
def ctx(tmp_path: Path, sqlite_template: Path, clock: FixedClock) -> Iterator[Context]:
    """The browser tests run once, on a real SQLite file (the HTTP tests cover PostgreSQL)."""
    path = tmp_path / "kithkin.db"
    shutil.copy(sqlite_template, path)
    settings = Settings(database_url=f"sqlite:///{path}", timezone=ZoneInfo(TZ), phone_region="US")
    store = Store.open(settings.database_url, now=clock())
    context = Context(store=store, settings=settings, clock=clock)
    yield context
    context.close()


@pytest.fixture
def server(ctx: Context, clock: FixedClock) -> Iterator[str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    app = create_app(ctx.settings, store=ctx.store, clock=clock)
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    for _ in range(100):
        if running.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    running.should_exit = True
    thread.join(timeout=5)


@pytest.fixture
def browser_page(server: str) -> Iterator[object]:
    executable = _chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1100, "height": 800})
        yield page
        browser.close()


def shot(page: object, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)  # type: ignore[attr-defined]


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
    page.get_by_role("button", name="Save").click()

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
