"""A web app over a real database, signed in through a real one-time link."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from fastapi.testclient import TestClient

from kithkin.config import Settings
from kithkin.services import Context, auth
from kithkin.web.app import create_app
from tests.conftest import FixedClock


@dataclass
class Web:
    client: TestClient
    ctx: Context
    csrf: str

    def sign_in(self) -> str:
        token = auth.issue_login_link(self.ctx.store, now=self.ctx.now())
        response = self.client.get(f"/login?token={token}", follow_redirects=False)
        assert response.status_code == 303, response.text
        page = self.client.get("/")
        marker = 'name="csrf-token" content="'
        start = page.text.index(marker) + len(marker)
        self.csrf = page.text[start : page.text.index('"', start)]
        return self.csrf


@pytest.fixture
def web(ctx: Context, settings: Settings, clock: FixedClock) -> Iterator[Web]:
    app = create_app(settings, store=ctx.store, clock=clock)
    with TestClient(app, base_url="http://127.0.0.1") as client:
        yield Web(client, ctx, "")
