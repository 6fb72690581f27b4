"""Browser tests: the web app on a real SQLite file, served by uvicorn on a free port, driven
in Debian's Chromium by Playwright. `signed_in_page` is a page already signed in through a
one-time link; `shot(page, name)` saves a screenshot to tests/artifacts/."""

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
from kithkin.services import Context, auth
from kithkin.store import Store
from kithkin.web.app import create_app
from tests.conftest import TZ, FixedClock

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"


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


@pytest.fixture
def signed_in_page(ctx: Context, server: str, browser_page: object) -> object:
    token = auth.issue_login_link(ctx.store, now=ctx.now())
    browser_page.goto(f"{server}/login?token={token}")  # type: ignore[attr-defined]
    return browser_page
