"""The dashboard is served from a per-account cache: every write must show on the next load,
whichever page, API call or process made it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import NoReturn

import pytest
from fastapi.testclient import TestClient

from kithkin.core.person_changes import PersonInput
from kithkin.services import add_person, engine
from kithkin.web.app import create_app
from tests.conftest import FixedClock
from tests.web.conftest import Web


def _agenda(html: str) -> list[str]:
    """What the agenda lists: each item's person and reason."""
    items = re.findall(r'<li id="item-\d+" class="agenda-item[^"]*">(.*?)</li>', html, re.S)
    return [" ".join(re.sub(r"<[^>]+>", " ", item).split()) for item in items]


def _keys(html: str) -> list[str]:
    """The agenda's item keys, in order (each item's Done and Snooze forms carry it)."""
    return list(dict.fromkeys(re.findall(r'name="key" value="([^"]+)"', html)))


def test_every_kind_of_write_shows_on_the_next_dashboard(web: Web) -> None:
    ana = add_person(web.ctx, PersonInput(name="Ana Ruiz"))
    csrf = web.sign_in()
    before = web.client.get("/").text
    assert web.client.get("/").text == before  # served again, unchanged

    logged = web.client.post(
        "/log",
        data={"text": "Coffee with Ana Ruiz. Follow up today: send the deck", "csrf_token": csrf},
        follow_redirects=False,
    )
    assert logged.status_code == 303
    shown = web.client.get("/").text
    assert any("send the deck" in item for item in _agenda(shown))
    key = next(k for k in _keys(shown) if k.startswith("follow-up:"))

    renamed = web.client.post(
        f"/people/{ana.id}/edit", data={"csrf_token": csrf, "name": "Ana Torres"}
    )
    assert renamed.status_code == 200
    assert any("Ana Torres" in item for item in _agenda(web.client.get("/").text))

    done = web.client.post("/agenda/done", data={"key": key, "csrf_token": csrf})
    assert done.status_code == 200
    assert key not in _keys(web.client.get("/").text)

    again = web.client.post(
        "/log",
        data={"text": "Call with Ana Torres. Follow up today: book the room", "csrf_token": csrf},
        follow_redirects=False,
    )
    assert again.status_code == 303
    second = next(k for k in _keys(web.client.get("/").text) if k.startswith("follow-up:"))
    snoozed = web.client.post(
        f"/api/v1/agenda/{second}/snooze",
        json={"duration": "3d"},
        headers={"X-CSRF-Token": csrf},
    )
    assert snoozed.status_code == 200
    assert second not in _keys(web.client.get("/").text)


def test_a_write_through_one_worker_shows_on_anothers_dashboard(
    web: Web, clock: FixedClock
) -> None:
    """Two apps over one database stand for two uvicorn workers, each with its own cache."""
    add_person(web.ctx, PersonInput(name="Ana Ruiz"))
    csrf = web.sign_in()
    other = create_app(web.ctx.settings, store=web.ctx.store, clock=clock)
    with TestClient(other, base_url="http://127.0.0.1", cookies=web.client.cookies) as second:
        assert not any("send the deck" in item for item in _agenda(second.get("/").text))
        logged = web.client.post(
            "/log",
            data={
                "text": "Coffee with Ana Ruiz. Follow up today: send the deck",
                "csrf_token": csrf,
            },
            follow_redirects=False,
        )
        assert logged.status_code == 303
        assert any("send the deck" in item for item in _agenda(second.get("/").text))


def test_the_next_day_is_computed_afresh(web: Web, clock: FixedClock) -> None:
    add_person(web.ctx, PersonInput(name="Ana Ruiz"))
    csrf = web.sign_in()
    logged = web.client.post(
        "/log",
        data={
            "text": "Coffee with Ana Ruiz. Follow up tomorrow: send the deck",
            "csrf_token": csrf,
        },
        follow_redirects=False,
    )
    assert logged.status_code == 303
    assert not any("send the deck" in item for item in _agenda(web.client.get("/").text))
    clock.advance(days=1)
    assert any("send the deck" in item for item in _agenda(web.client.get("/").text))


@contextmanager
def _served_from_cache(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Within: computing an agenda fails the test, so a dashboard shown is a cached one."""

    def refuse(*args: object, **kwargs: object) -> NoReturn:
        raise AssertionError("the dashboard was computed on view")

    with monkeypatch.context() as patched:
        patched.setattr(engine, "today", refuse)
        yield


def test_a_write_brings_the_served_dashboard_up_to_date_before_the_next_view(
    web: Web, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Once a change is answered, the process recomputes the dashboard it serves, so the next
    view is a cache hit that already shows the change (a page's form or an API call alike)."""
    add_person(web.ctx, PersonInput(name="Ana Ruiz"))
    csrf = web.sign_in()
    web.client.get("/")
    logged = web.client.post(
        "/log",
        data={"text": "Coffee with Ana Ruiz. Follow up today: send the deck", "csrf_token": csrf},
        follow_redirects=False,
    )
    assert logged.status_code == 303
    with _served_from_cache(monkeypatch):
        shown = web.client.get("/").text
    assert any("send the deck" in item for item in _agenda(shown))

    key = next(k for k in _keys(shown) if k.startswith("follow-up:"))
    snoozed = web.client.post(
        f"/api/v1/agenda/{key}/snooze", json={"duration": "3d"}, headers={"X-CSRF-Token": csrf}
    )
    assert snoozed.status_code == 200
    with _served_from_cache(monkeypatch):
        assert key not in _keys(web.client.get("/").text)


def test_a_process_that_never_served_the_dashboard_does_not_compute_it(
    web: Web, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_person(web.ctx, PersonInput(name="Ana Ruiz"))
    csrf = web.sign_in()  # the first app shows the dashboard; the second has not
    other = create_app(web.ctx.settings, store=web.ctx.store, clock=clock)
    with (
        TestClient(other, base_url="http://127.0.0.1", cookies=web.client.cookies) as second,
        _served_from_cache(monkeypatch),
    ):
        logged = second.post(
            "/log",
            data={"text": "Coffee with Ana Ruiz", "csrf_token": csrf},
            follow_redirects=False,
        )
    assert logged.status_code == 303


def test_the_balance_is_read_again_only_when_the_interactions_changed(
    web: Web, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_person(web.ctx, PersonInput(name="Ana Ruiz"))
    csrf = web.sign_in()
    logged = web.client.post(
        "/log",
        data={
            "text": "Coffee with Ana Ruiz for 30 min. Follow up today: send the deck",
            "csrf_token": csrf,
        },
        follow_redirects=False,
    )
    assert logged.status_code == 303
    shown = web.client.get("/").text
    key = next(k for k in _keys(shown) if k.startswith("follow-up:"))
    reads: list[object] = []
    counted = engine.week_groups

    def counting(*args: object, **kwargs: object) -> object:
        reads.append(args)
        return counted(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(engine, "week_groups", counting)
    assert web.client.post("/agenda/done", data={"key": key, "csrf_token": csrf}).status_code == 200
    after_done = web.client.get("/").text
    assert key not in _keys(after_done)
    assert reads == []  # the agenda was computed again, the weeks' groups kept

    again = web.client.post(
        "/log",
        data={"text": "Lunch with Ana Ruiz for 60 min", "csrf_token": csrf},
        follow_redirects=False,
    )
    assert again.status_code == 303
    web.client.get("/")
    assert len(reads) == 1


def test_snoozing_an_item_hides_it_until_the_day_chosen(web: Web, clock: FixedClock) -> None:
    add_person(web.ctx, PersonInput(name="Ana Ruiz"))
    csrf = web.sign_in()
    logged = web.client.post(
        "/log",
        data={"text": "Coffee with Ana Ruiz. Follow up today: send the deck", "csrf_token": csrf},
        follow_redirects=False,
    )
    assert logged.status_code == 303
    shown = web.client.get("/").text
    key = next(k for k in _keys(shown) if k.startswith("follow-up:"))
    assert 'action="/agenda/snooze"' in shown and '<option value="3d"' in shown

    snoozed = web.client.post(
        "/agenda/snooze",
        data={"key": key, "duration": "3d", "csrf_token": csrf},
        headers={"HX-Request": "true"},
    )
    assert (snoozed.status_code, snoozed.text) == (200, "")  # htmx swaps the row out
    assert key not in _keys(web.client.get("/").text)
    clock.advance(days=2)
    assert key not in _keys(web.client.get("/").text)
    clock.advance(days=1)
    assert key in _keys(web.client.get("/").text)


def test_done_and_snooze_work_without_javascript(web: Web) -> None:
    add_person(web.ctx, PersonInput(name="Ana Ruiz"))
    csrf = web.sign_in()
    for note in ("send the deck", "book the room"):
        web.client.post(
            "/log",
            data={"text": f"Call with Ana Ruiz. Follow up today: {note}", "csrf_token": csrf},
            follow_redirects=False,
        )
    first, second = [k for k in _keys(web.client.get("/").text) if k.startswith("follow-up:")]
    done = web.client.post(
        "/agenda/done", data={"key": first, "csrf_token": csrf}, follow_redirects=False
    )
    snoozed = web.client.post(
        "/agenda/snooze",
        data={"key": second, "duration": "1w", "csrf_token": csrf},
        follow_redirects=False,
    )
    assert (done.status_code, done.headers["location"]) == (303, "/")
    assert (snoozed.status_code, snoozed.headers["location"]) == (303, "/")
    assert not {first, second} & set(_keys(web.client.get("/").text))


def test_a_snooze_needs_the_csrf_token_and_one_of_the_choices(web: Web) -> None:
    add_person(web.ctx, PersonInput(name="Ana Ruiz"))
    csrf = web.sign_in()
    web.client.post(
        "/log",
        data={"text": "Call with Ana Ruiz. Follow up today: send it", "csrf_token": csrf},
        follow_redirects=False,
    )
    key = next(k for k in _keys(web.client.get("/").text) if k.startswith("follow-up:"))
    forged = web.client.post("/agenda/snooze", data={"key": key, "duration": "3d"})
    odd = web.client.post(
        "/agenda/snooze", data={"key": key, "duration": "99y", "csrf_token": csrf}
    )
    assert forged.status_code == 403
    assert odd.status_code == 400 and "choose one of" in odd.text
    assert key in _keys(web.client.get("/").text)
