"""The events page: events to come and past with whom you saw (and met) there, the form that
records one, and what it says when the input is wrong. Today is Friday 2026-11-20."""

from __future__ import annotations

import re
from dataclasses import replace
from html import unescape

from kithkin.core.person_changes import PersonInput
from kithkin.services import Context, add_person
from kithkin.services.events import add_event, list_events
from tests.web.conftest import Web

EVENT_NAMES = re.compile(r'<h3 class="event-name">([^<]*)')


def other_owner(web: Web) -> Context:
    owner = web.ctx.store.ensure_account("someone-else", now=web.ctx.now())
    return replace(web.ctx, store=web.ctx.store.for_owner(owner))


def seed(ctx: Context) -> dict[str, str]:
    """Four people and four events; their uids by first name."""
    uids = {}
    for name in ["Ana Ruiz", "Bo Chen", "Cy Diaz", "Di Eng"]:
        uids[name.split()[0]] = add_person(ctx, PersonInput(name=name)).id
    add_event(
        ctx, "PyCon DE", on="2026-04-14", until="2026-04-16", location="Darmstadt", saw=["Bo"]
    )
    add_event(ctx, "Rust meetup", on="2026-11-18", location="Berlin", met=["Cy"], saw=["Ana"])
    add_event(ctx, "Web Summit", on="2026-11-19", until="2026-11-21", saw=["Di Eng"])
    add_event(ctx, "Book launch", on="2026-12-03")
    add_event(ctx, "Climbing gala", on="2026-11-27", location="Kreuzberg")
    return uids


def names(html: str) -> list[str]:
    return [unescape(name).strip() for name in EVENT_NAMES.findall(html)]


def section(html: str, ident: str) -> str:
    start = html.index(f'id="{ident}"')
    return html[start : html.index("</section>", start)]


def form(csrf: str, **values: object) -> dict[str, object]:
    return {"csrf_token": csrf, "name": "", "on": "", "until": "", "location": ""} | values


def test_the_empty_page_says_what_events_are_for(web: Web) -> None:
    web.sign_in()
    page = web.client.get("/events")
    assert page.status_code == 200
    text = unescape(page.text)
    assert "No events yet" in text and "follow-up" in text and 'href="/"' in page.text
    assert 'action="/events"' in page.text and 'name="csrf_token"' in page.text
    assert page.text.count('name="people"') == 4  # four attendee rows to start with
    assert 'hx-get="/log/people-options"' in page.text  # the log page's suggestions
    assert 'list="event-people"' in page.text and '<datalist id="event-people">' in page.text
    assert "Coming up" not in page.text


def test_upcoming_soonest_first_and_past_latest_first_with_who_was_there(web: Web) -> None:
    uids = seed(web.ctx)
    web.sign_in()
    page = web.client.get("/events")
    assert page.status_code == 200
    upcoming, past = section(page.text, "upcoming"), section(page.text, "past")
    # Web Summit is going on (19–21 Nov): it is not over, so it is listed with what is to come
    assert names(upcoming) == ["Web Summit", "Climbing gala", "Book launch"]
    assert names(past) == ["Rust meetup", "PyCon DE"]
    text = unescape(page.text)
    assert "14–16 Apr 2026" in text and "Darmstadt" in text
    assert "19–21 Nov 2026" in text and "on now" in text and "in 7 days" in text
    assert "Wed 18 Nov 2026" in text and "2 days ago" in text
    rust = section(page.text, "past").split('id="event-')[1]
    assert f'<a href="/people/{uids["Cy"]}">Cy Diaz</a> <span class="met-mark">met here</span>' in (
        rust
    )
    assert f'<a href="/people/{uids["Ana"]}">Ana Ruiz</a></li>' in rust  # knew her already
    assert rust.index("Cy Diaz") < rust.index("Ana Ruiz")  # whom you met first
    assert (
        f'href="/people/{uids["Bo"]}"' in page.text and f'href="/people/{uids["Di"]}"' in page.text
    )
    assert "Nobody recorded." in page.text  # the book launch
    assert "No events yet" not in page.text


def test_names_places_and_people_are_escaped(web: Web) -> None:
    add_person(web.ctx, PersonInput(name="<script>alert(1)</script> Eve"))
    add_event(
        web.ctx,
        "<script>alert(2)</script>",
        on="2026-11-10",
        location='<img src=x onerror="alert(3)">',
        met=["Eve"],
    )
    web.sign_in()
    page = web.client.get("/events")
    assert "<script>alert" not in page.text and "<img src=x" not in page.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Eve" in page.text
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in page.text
    assert "&lt;img src=x onerror=&#34;alert(3)&#34;&gt;" in page.text


def test_recording_an_event_from_the_form(web: Web) -> None:
    uids = seed(web.ctx)
    csrf = web.sign_in()
    data = form(
        csrf,
        name="  Berlin   JS  ",
        on="2026-11-19",
        until="",
        location="Betahaus",
        people=["Ana Ruiz", "", "cy", "Di Eng"],
        met=["2", "3"],
    )
    saved = web.client.post("/events", data=data, follow_redirects=False)
    assert saved.status_code == 303, saved.text
    location = saved.headers["location"]
    assert re.fullmatch(r"/events\?added=\d+#event-\d+", location)
    events = list_events(web.ctx)
    [event] = [e for e in events.past if e.name == "Berlin JS"]
    assert (event.starts_on.isoformat(), event.ends_on, event.location) == (
        "2026-11-19",
        None,
        "Betahaus",
    )
    assert [(a.name, a.met_there) for a in event.attendees] == [
        ("Cy Diaz", True),
        ("Di Eng", True),
        ("Ana Ruiz", False),
    ]
    page = web.client.get(location)
    assert page.status_code == 200
    assert "Recorded Berlin JS." in page.text and "just recorded" in page.text
    assert f'id="event-{event.id}"' in page.text and "Betahaus" in page.text
    assert f'<a href="/people/{uids["Di"]}">Di Eng</a> <span class="met-mark">met here</span>' in (
        page.text
    )
    assert names(section(page.text, "past"))[0] == "Berlin JS"  # the latest past event


def test_a_several_day_event_without_people(web: Web) -> None:
    csrf = web.sign_in()
    data = form(csrf, name="KubeCon", on="2027-03-22", until="2027-03-25", people=["", ""])
    saved = web.client.post("/events", data=data, follow_redirects=False)
    assert saved.status_code == 303
    [event] = list_events(web.ctx).upcoming
    assert (event.name, str(event.ends_on), event.attendees) == ("KubeCon", "2027-03-25", ())
    page = web.client.get(saved.headers["location"])
    assert "22–25 Mar 2027" in unescape(page.text) and "in 122 days" in page.text


def test_bad_input_says_what_is_wrong_keeps_what_was_typed_and_writes_nothing(web: Web) -> None:
    seed(web.ctx)
    theirs = other_owner(web)
    zed = add_person(theirs, PersonInput(name="Zed Secret"))
    csrf = web.sign_in()
    before = list_events(web.ctx)
    cases = [
        (form(csrf, on="2026-11-19"), "Name: an event needs a name.", "name"),
        (form(csrf, name="Expo", on="19/11/2026"), "First day: '19/11/2026' is not a date", "on"),
        (form(csrf, name="Expo"), "First day: say when the event started", "on"),
        (
            form(csrf, name="Expo", on="2026-11-19", until="2026-11-18"),
            "Last day: the event cannot end before it starts.",
            "until",
        ),
        (form(csrf, name="x" * 301, on="2026-11-19"), "Name: keep the name under 300", "name"),
        (
            form(csrf, name="Expo", on="2026-11-19", people=["Ana Ruiz", "Nobody Known"]),
            "Who was there: nobody matches 'Nobody Known'.",
            "people",
        ),
        (
            form(csrf, name="Expo", on="2026-11-19", people=["Zed Secret"]),
            "Who was there: nobody matches 'Zed Secret'.",
            "people",
        ),
        (
            form(csrf, name="Expo", on="2026-11-19", people=[zed.id], met=["0"]),
            f"Who was there: nobody matches {zed.id!r}.",
            "people",
        ),
    ]
    for data, message, field in cases:
        data = data | {"location": "Hall <b>7</b>"}
        page = web.client.post("/events", data=data, follow_redirects=False)
        assert page.status_code == 400, (data, page.text)
        assert message in unescape(page.text), (message, page.text)
        assert 'role="alert"' in page.text
        assert re.search(rf'name="{field}"[^>]*aria-invalid="true"', page.text, re.S), field
        assert 'value="Hall &lt;b&gt;7&lt;/b&gt;"' in page.text  # kept, escaped
    ambiguous = web.client.post(
        "/events", data=form(csrf, name="Expo", on="2026-11-19", people=["Ana Ruiz", "Di"])
    )
    assert ambiguous.status_code == 400
    assert "Who was there: 'Di' matches 2 people: Cy Diaz" in unescape(ambiguous.text)
    assert "Use an id" in ambiguous.text
    marked = re.findall(
        r'<input name="people"[^>]*?value="([^"]*)"[^>]*aria-invalid', ambiguous.text
    )
    assert marked == ["Di"]  # only the row that is wrong
    kept = web.client.post(
        "/events",
        data=form(csrf, name="Expo", on="2026-11-19", people=["Ana", "Nobody"], met=["1"]),
    )
    assert 'value="Ana"' in kept.text and 'value="Nobody"' in kept.text
    assert 'name="met" value="1" checked' in kept.text
    assert 'name="met" value="0" checked' not in kept.text
    assert list_events(web.ctx) == before
    assert list_events(theirs).past == ()


def test_posting_without_the_csrf_token_is_refused(web: Web) -> None:
    web.sign_in()
    data = {"name": "Expo", "on": "2026-11-19"}
    assert web.client.post("/events", data=data).status_code == 403
    wrong = web.client.post("/events", data=data | {"csrf_token": "nope"})
    assert wrong.status_code == 403
    assert list_events(web.ctx).past == ()


def test_signed_out_visitors_go_to_the_login_page(web: Web) -> None:
    page = web.client.get("/events", follow_redirects=False)
    assert page.status_code == 303 and page.headers["location"] == "/login"


def test_another_accounts_events_never_appear(web: Web) -> None:
    theirs = other_owner(web)
    add_person(theirs, PersonInput(name="Zed Secret"))
    secret = add_event(theirs, "Secret summit", on="2026-11-18", met=["Zed"])
    later = add_event(theirs, "Secret soiree", on="2026-12-18")
    seed(web.ctx)
    web.sign_in()
    pages = [
        web.client.get("/events"),
        web.client.get("/events", params={"added": str(secret.id)}),
        web.client.get("/events", params={"older": f"2026-12-31.{later.id + 1}"}),
    ]
    for page in pages:
        assert page.status_code == 200
        assert "Secret" not in page.text and "Zed" not in page.text
    assert "Recorded the event." in pages[1].text  # an id that is not yours names nothing


def test_past_events_come_fifty_at_a_time(web: Web) -> None:
    for day in range(1, 56):
        add_event(
            web.ctx, f"Meetup {day:02}", on=f"2026-{1 + (day - 1) // 28:02}-{(day - 1) % 28 + 1:02}"
        )
    web.sign_in()
    first = web.client.get("/events")
    shown = names(section(first.text, "past"))
    assert len(shown) == 50 and shown[0] == "Meetup 55" and shown[-1] == "Meetup 06"
    link = re.search(r'href="(/events\?older=[^"#]+)#past">Older events', first.text)
    assert link is not None
    second = web.client.get(unescape(link.group(1)))
    assert names(section(second.text, "past")) == [f"Meetup {day:02}" for day in range(5, 0, -1)]
    assert "Older events" not in second.text and "← Latest events" in second.text
    mangled = web.client.get("/events", params={"older": "yesterday"})
    assert mangled.status_code == 400
    assert "That page of past events does not exist" in mangled.text
    assert len(names(section(mangled.text, "past"))) == 50


def test_more_attendee_rows_with_and_without_javascript(web: Web) -> None:
    csrf = web.sign_in()
    rows = web.client.get("/events/attendee-rows", params={"start": "4"})
    assert rows.status_code == 200
    assert rows.text.count('name="people"') == 4
    assert [int(v) for v in re.findall(r'name="met" value="(\d+)"', rows.text)] == [4, 5, 6, 7]
    assert 'hx-get="/events/attendee-rows?start=8"' in rows.text
    last = web.client.get("/events/attendee-rows", params={"start": "58"})
    assert last.text.count('name="people"') == 2 and "Add more people" not in last.text
    # without JavaScript the button submits the form: the same form comes back, longer
    data = form(csrf, name="Expo", on="2026-11-19", people=["Ana", "", "", ""], met=["0"], more="1")
    more = web.client.post("/events", data=data)
    assert more.status_code == 200
    assert more.text.count('name="people"') == 8
    assert 'value="Expo"' in more.text and 'value="Ana"' in more.text
    assert 'name="met" value="0" checked' in more.text
    assert list_events(web.ctx).past == ()
