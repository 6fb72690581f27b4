"""The log page: quick log with preview, the detailed form, people options, purpose suggestion."""

from __future__ import annotations

from kithkin.core.person_changes import PersonInput
from kithkin.services import add_person, list_follow_ups
from tests.web.conftest import Web


def test_the_quick_log_preview_and_save(web: Web) -> None:
    add_person(web.ctx, PersonInput(name="Ana Ruiz"))
    csrf = web.sign_in()
    text = "Coffee with Ana Ruiz yesterday. Follow up tomorrow: send the deck"
    preview = web.client.post("/log/preview", data={"text": text, "csrf_token": csrf})
    assert "Ana Ruiz" in preview.text and "send the deck" in preview.text
    unknown = web.client.post(
        "/log/preview", data={"text": "Coffee with Zed Q", "csrf_token": csrf}
    )
    assert "&#39;Zed Q&#39; matches nobody" in unknown.text
    saved = web.client.post("/log", data={"text": text, "csrf_token": csrf}, follow_redirects=False)
    assert saved.status_code == 303 and saved.headers["location"].startswith("/?logged=")
    assert [f.text for f in list_follow_ups(web.ctx)] == ["send the deck"]


def test_the_detailed_form_logs_every_field(web: Web) -> None:
    add_person(web.ctx, PersonInput(name="Ana Ruiz"))
    add_person(web.ctx, PersonInput(name="Bo Chen"))
    csrf = web.sign_in()
    form = {
        "csrf_token": csrf,
        "people": ["Ana Ruiz", "bo", ""],
        "note": "Lunch: intro talk about the platform team",
        "date": "2026-11-18",
        "channel": "in-person",
        "purpose": "",
        "minutes": "75",
        "gave": "intro:to Sam at Globex",
        "asked": "",
        "follow_up": "next friday: send the deck",
    }
    saved = web.client.post("/log/details", data=form, follow_redirects=False)
    assert saved.status_code == 303, saved.text
    [follow_up] = list_follow_ups(web.ctx)
    assert follow_up.text == "send the deck"


def test_the_detailed_form_shows_what_is_wrong_and_keeps_what_was_typed(web: Web) -> None:
    add_person(web.ctx, PersonInput(name="Ana Ruiz"))
    csrf = web.sign_in()
    form = {"csrf_token": csrf, "people": ["Ana Ruiz"], "note": "Lunch <b>x</b>", "minutes": "lots"}
    page = web.client.post("/log/details", data=form)
    assert page.status_code == 200
    assert "is not a number of minutes" in page.text
    assert "Lunch &lt;b&gt;x&lt;/b&gt;" in page.text  # kept, escaped
    nobody = web.client.post(
        "/log/details", data={"csrf_token": csrf, "people": ["Zed"], "note": "hi"}
    )
    assert "nobody matches" in nobody.text
    assert list_follow_ups(web.ctx) == []


def test_people_options_and_the_purpose_suggestion(web: Web) -> None:
    add_person(web.ctx, PersonInput(name="Ana Ruiz", company="Stripe"))
    csrf = web.sign_in()
    options = web.client.get("/log/people-options", params={"people": "ana"})
    assert '<option value="Ana Ruiz">' in options.text and "Stripe" in options.text
    suggestion = web.client.post(
        "/log/suggest",
        data={"note": "Coffee with a recruiter from Stripe about the staff engineer role"},
        headers={"X-CSRF-Token": csrf},
    )
    assert "networking" in suggestion.text and "job-search" in suggestion.text
    assert web.client.post("/log/suggest", data={"note": "x"}).status_code == 403
