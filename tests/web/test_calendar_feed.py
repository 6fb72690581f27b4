"""The calendar feed /calendar/<secret>.ics: no session, the secret alone says whose feed it
is; unknown and rotated secrets are 404; the body is `kithkin export ics`."""

from __future__ import annotations

from icalendar import Calendar
from sqlalchemy import text

from kithkin.core.person_changes import PersonInput
from kithkin.services import Context, add_person, auth
from kithkin.services.calendar_feeds import feed_owner, new_feed_secret
from kithkin.services.exports import export_ics
from tests.web.conftest import Web


def _feed_path(web: Web) -> str:
    """Make the feed URL through the settings page, as a user does, and return its path."""
    web.sign_in()
    page = web.client.post("/settings/calendar-feed", data={"csrf_token": web.csrf}).text
    start = page.index("http://127.0.0.1/calendar/")
    url = page[start : page.index('"', start)]
    return url.removeprefix("http://127.0.0.1")


def _other_owner(web: Web, username: str) -> Context:
    owner_id = web.ctx.store.ensure_account(username, now=web.ctx.now())
    return Context(
        store=web.ctx.store.for_owner(owner_id),
        settings=web.ctx.settings,
        clock=web.ctx.clock,
        source_kind="web",
    )


def _summaries(body: bytes) -> list[str]:
    calendar = Calendar.from_ical(body)
    return sorted(str(event.get("summary")) for event in calendar.walk("VEVENT"))


def test_the_feed_is_the_owners_icalendar_without_a_session(web: Web) -> None:
    add_person(web.ctx, PersonInput(name="Ana Ruiz", birthday="1990-12-03"))
    path = _feed_path(web)
    web.client.cookies.clear()  # a calendar app has no session
    response = web.client.get(path, follow_redirects=False)
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/calendar; charset=utf-8"
    assert response.content == export_ics(web.ctx)
    calendar = Calendar.from_ical(response.content)
    assert str(calendar.get("prodid")) == "-//Kithkin//Kithkin//EN"
    assert _summaries(response.content) == ["Ana Ruiz's birthday"]


def test_an_unknown_secret_is_404(web: Web) -> None:
    assert web.client.get("/calendar/not-a-secret.ics").status_code == 404
    _feed_path(web)
    web.client.cookies.clear()
    assert web.client.get("/calendar/not-a-secret.ics").status_code == 404
    assert web.client.get("/calendar/.ics").status_code == 404


def test_rotating_the_secret_makes_the_old_url_404(web: Web) -> None:
    first = _feed_path(web)
    second_page = web.client.post("/settings/calendar-feed", data={"csrf_token": web.csrf})
    assert "the old one no longer works" in second_page.text
    second = second_page.text[second_page.text.index("/calendar/") :].split('"')[0]
    assert second != first
    web.client.cookies.clear()
    assert web.client.get(first).status_code == 404
    assert web.client.get(second).status_code == 200


def test_a_secret_shows_only_its_own_owners_data(web: Web) -> None:
    add_person(web.ctx, PersonInput(name="Ana Ruiz", birthday="1990-12-03"))
    maria = _other_owner(web, "maria")
    add_person(maria, PersonInput(name="Bruno Costa", birthday="1985-01-15"))
    mine = _feed_path(web)
    hers = f"/calendar/{new_feed_secret(maria)}.ics"
    web.client.cookies.clear()
    my_feed = web.client.get(mine)
    her_feed = web.client.get(hers)
    assert _summaries(my_feed.content) == ["Ana Ruiz's birthday"]
    assert _summaries(her_feed.content) == ["Bruno Costa's birthday"]
    assert b"Bruno" not in my_feed.content and b"Ana Ruiz" not in her_feed.content


def test_only_a_digest_of_the_secret_is_stored(web: Web) -> None:
    secret = new_feed_secret(web.ctx)
    with web.ctx.store.transaction() as tx:
        rows = tx.session.execute(text("SELECT secret_hash FROM calendar_feeds")).all()
    assert [row[0] for row in rows] == [auth.digest(secret)]
    assert feed_owner(web.ctx.store, secret) == web.ctx.store.owner_id
    assert feed_owner(web.ctx.store, secret + "x") is None


def test_making_a_feed_url_needs_the_csrf_token(web: Web) -> None:
    web.sign_in()
    assert web.client.post("/settings/calendar-feed").status_code == 403
    page = web.client.get("/settings").text
    assert "You have no calendar feed yet." in page
