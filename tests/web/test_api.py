"""The REST API under /api/v1: every endpoint, its happy path and its 401/403/404/422 answers,
on SQLite and PostgreSQL."""

from __future__ import annotations

import io
import json
import zipfile
from dataclasses import replace
from typing import Any

import pytest

from kithkin.core.log_entry import LogInput
from kithkin.core.person_changes import PersonInput
from kithkin.services import add_person, auth, log_interaction
from kithkin.services.context import Context
from tests.web.conftest import Web

API = "/api/v1"


def bearer(web: Web, owner_id: int | None = None) -> dict[str, str]:
    token = auth.create_api_token(web.ctx.store, "test", now=web.ctx.now(), owner_id=owner_id)
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def headers(web: Web) -> dict[str, str]:
    return bearer(web)


def other_owner(web: Web) -> Context:
    owner = web.ctx.store.ensure_account("someone-else", now=web.ctx.now())
    return replace(web.ctx, store=web.ctx.store.for_owner(owner))


def add_ana(web: Web) -> str:
    ana = add_person(web.ctx, PersonInput(name="Ana Ruiz", emails=["ana@example.com"], tags=["x"]))
    return ana.id


# -- auth --------------------------------------------------------------------------------


ENDPOINTS = [
    ("GET", "/people"),
    ("POST", "/people"),
    ("GET", "/people/ana"),
    ("PATCH", "/people/ana"),
    ("DELETE", "/people/ana"),
    ("POST", "/interactions"),
    ("GET", "/interactions/1"),
    ("PATCH", "/interactions/1"),
    ("GET", "/follow-ups"),
    ("POST", "/follow-ups/1/done"),
    ("GET", "/agenda"),
    ("POST", "/agenda/follow-up:1/done"),
    ("POST", "/agenda/follow-up:1/snooze"),
    ("GET", "/goals"),
    ("GET", "/ledger"),
    ("GET", "/ledger/ana"),
    ("POST", "/import/vcard"),
    ("GET", "/export/json"),
]


def test_every_endpoint_needs_a_valid_token(web: Web) -> None:
    for method, path in ENDPOINTS:
        for given in ({}, {"Authorization": "Bearer kk_forged"}, {"Authorization": "Basic eDp5"}):
            response = web.client.request(method, API + path, headers=given)
            assert response.status_code == 401, (method, path, given)
            assert response.headers["content-type"] == "application/json"
            assert response.headers["www-authenticate"] == "Bearer"
            assert response.json()["error"]


def test_a_browser_session_works_but_changes_need_the_csrf_header(web: Web) -> None:
    csrf = web.sign_in()
    assert web.client.get(API + "/people").status_code == 200
    for method, path in ENDPOINTS:
        if method != "GET":
            response = web.client.request(method, API + path, json={})
            assert response.status_code == 403, (method, path)
            assert "CSRF" in response.json()["error"]
    wrong = web.client.post(API + "/people", json={"name": "Ana"}, headers={"X-CSRF-Token": "x"})
    assert wrong.status_code == 403
    made = web.client.post(API + "/people", json={"name": "Ana"}, headers={"X-CSRF-Token": csrf})
    assert made.status_code == 201 and made.json()["name"] == "Ana"


def test_another_accounts_records_are_not_there(web: Web, headers: dict[str, str]) -> None:
    other = other_owner(web)
    theirs = add_person(other, PersonInput(name="Zed Secret", emails=["zed@example.com"]))
    logged = log_interaction(
        other, [theirs.id], LogInput(note="Secret lunch", follow_up="friday: call back")
    )
    follow_up = logged.follow_ups[0].id
    c = web.client
    assert c.get(f"{API}/people/{theirs.id}", headers=headers).status_code == 404
    assert c.get(f"{API}/people/zed@example.com", headers=headers).status_code == 404
    assert (
        c.patch(f"{API}/people/{theirs.id}", json={"title": "x"}, headers=headers).status_code
        == 404
    )
    assert c.delete(f"{API}/people/{theirs.id}", headers=headers).status_code == 404
    assert c.get(f"{API}/ledger/{theirs.id}", headers=headers).status_code == 404
    assert c.get(f"{API}/interactions/{logged.id}", headers=headers).status_code == 404
    patched = c.patch(
        f"{API}/interactions/{logged.id}", json={"purpose": "social"}, headers=headers
    )
    assert patched.status_code == 404
    assert c.post(f"{API}/follow-ups/{follow_up}/done", headers=headers).status_code == 404
    done = c.post(f"{API}/agenda/follow-up:{follow_up}/done", headers=headers)
    assert done.status_code == 404
    assert c.get(f"{API}/people", headers=headers).json() == []
    assert c.get(f"{API}/people?q=Secret", headers=headers).json() == {
        "people": [],
        "interactions": [],
    }
    assert c.get(f"{API}/follow-ups", headers=headers).json() == []
    backup = c.get(f"{API}/export/json", headers=headers).text
    assert "Zed" not in backup and "Secret" not in backup
    their_token = bearer(web, other.store.owner_id)
    assert c.get(f"{API}/people/{theirs.id}", headers=their_token).json()["name"] == "Zed Secret"


# -- people ------------------------------------------------------------------------------


def test_people_crud_with_the_cli_json_shapes(web: Web, headers: dict[str, str]) -> None:
    c = web.client
    made = c.post(
        f"{API}/people",
        json={
            "name": "Ana Ruiz",
            "emails": ["ana@example.com"],
            "phones": ["+1 415 555 0134"],
            "company": "Stripe",
            "circle": "key",
            "tags": ["founder"],
            "birthday": "--03-14",
        },
        headers=headers,
    )
    assert made.status_code == 201, made.text
    ana = made.json()
    assert ana["emails"] == [{"value": "ana@example.com", "label": ""}]
    assert ana["phones"][0]["value"] == "+14155550134"
    assert (ana["organization"], ana["circle"], ana["birthday"]) == ("Stripe", "key", "--03-14")
    assert ana["provenance"]["circle"].startswith("web")

    shown = c.get(f"{API}/people/ana@example.com", headers=headers).json()
    assert shown["id"] == ana["id"] and shown["cadence_days_effective"] == 30
    assert "warmth" in shown

    listed = c.get(f"{API}/people?circle=key", headers=headers).json()
    assert [p["name"] for p in listed] == ["Ana Ruiz"]
    assert c.get(f"{API}/people?circle=inner", headers=headers).json() == []
    assert c.get(f"{API}/people?tag=founder&limit=1", headers=headers).json()[0]["id"] == ana["id"]

    found = c.get(f"{API}/people?q=stripe", headers=headers).json()
    assert [p["name"] for p in found["people"]] == ["Ana Ruiz"]

    edited = c.patch(
        f"{API}/people/{ana['id'][:8]}",
        json={"title": "CTO", "tags": ["climber"], "remove_tags": ["founder"]},
        headers=headers,
    )
    assert edited.status_code == 200, edited.text
    assert (edited.json()["title"], edited.json()["tags"]) == ("CTO", ["climber"])
    left = c.patch(
        f"{API}/people/{ana['id']}",
        json={"leave_job": True, "reset_cadence": True},
        headers=headers,
    )
    assert left.status_code == 200, left.text
    assert (left.json()["organization"], left.json()["cadence_days"]) == ("", None)
    both = c.patch(
        f"{API}/people/{ana['id']}", json={"leave_job": True, "company": "X"}, headers=headers
    )
    assert both.status_code == 422 and both.json()["field"] == "company"

    deleted = c.delete(f"{API}/people/Ana Ruiz", headers=headers)
    assert deleted.json()["deleted"]["id"] == ana["id"]
    assert c.get(f"{API}/people/{ana['id']}", headers=headers).status_code == 404


def test_people_errors(web: Web, headers: dict[str, str]) -> None:
    c = web.client
    add_ana(web)
    add_person(web.ctx, PersonInput(name="Ana Lopez"))
    missing_name = c.post(f"{API}/people", json={"emails": ["x@example.com"]}, headers=headers)
    assert missing_name.status_code == 422 and missing_name.json()["field"] == "body.name"
    bad_circle = c.post(f"{API}/people", json={"name": "B", "circle": "best"}, headers=headers)
    assert bad_circle.status_code == 422 and bad_circle.json()["field"] == "body.circle"
    unknown = c.post(f"{API}/people", json={"name": "B", "colour": "red"}, headers=headers)
    assert unknown.status_code == 422
    not_json = c.post(f"{API}/people", content=b"{", headers=headers)
    assert not_json.status_code == 422
    bad_email = c.post(f"{API}/people", json={"name": "B", "emails": ["nope"]}, headers=headers)
    assert bad_email.status_code == 422
    assert bad_email.json()["field"] and "e-mail" in bad_email.json()["error"]
    taken = c.post(
        f"{API}/people", json={"name": "B", "emails": ["ana@example.com"]}, headers=headers
    )
    assert taken.status_code == 409
    nul = c.post(f"{API}/people", json={"name": "B\x00"}, headers=headers)
    assert nul.status_code == 422
    ambiguous = c.get(f"{API}/people/Ana", headers=headers)
    assert ambiguous.status_code == 409 and len(ambiguous.json()["candidates"]) == 2
    assert c.get(f"{API}/people/nobody", headers=headers).status_code == 404
    assert c.patch(f"{API}/people/nobody", json={"title": "x"}, headers=headers).status_code == 404
    assert c.delete(f"{API}/people/nobody", headers=headers).status_code == 404
    bad_edit = c.patch(f"{API}/people/Ana Ruiz", json={"cadence_days": 0}, headers=headers)
    assert bad_edit.status_code == 422 and bad_edit.json()["field"] == "body.cadence_days"
    bad_day = c.patch(f"{API}/people/Ana Ruiz", json={"birthday": "soon"}, headers=headers)
    assert bad_day.status_code == 422 and bad_day.json()["field"] == "birthday"
    empty_search = c.get(f"{API}/people?q=%20", headers=headers)
    assert empty_search.status_code == 422
    assert c.get(f"{API}/people?limit=0", headers=headers).status_code == 422


# -- interactions and follow-ups ---------------------------------------------------------


def test_log_show_and_correct_an_interaction(web: Web, headers: dict[str, str]) -> None:
    c = web.client
    ana = add_ana(web)
    logged = c.post(
        f"{API}/interactions",
        json={
            "people": ["ana@example.com"],
            "note": "Coffee, talked about her job search and a referral at Stripe",
            "date": "2026-11-19",
            "channel": "in-person",
            "minutes": 45,
            "asked": ["referral:for Stripe"],
            "follow_up": "next friday: send the deck",
        },
        headers=headers,
    )
    assert logged.status_code == 201, logged.text
    body = logged.json()
    assert body["people"] == [{"id": ana, "name": "Ana Ruiz"}]
    assert body["purpose"] is not None and body["purpose_source"] == "model"  # guessed
    assert body["exchanges"][0]["kind"] == "referral"
    assert body["follow_ups"][0]["due"] == "2026-11-27"
    assert body["nudges"]

    shown = c.get(f"{API}/interactions/{body['id']}", headers=headers).json()
    assert shown == {k: v for k, v in body.items() if k != "nudges"}

    fixed = c.patch(f"{API}/interactions/{body['id']}", json={"purpose": "social"}, headers=headers)
    assert fixed.status_code == 200, fixed.text
    assert (fixed.json()["purpose"], fixed.json()["purpose_source"]) == ("social", "user")
    assert fixed.json()["model_purpose"] == body["purpose"]

    given = c.post(
        f"{API}/interactions",
        json={"people": [ana], "note": "Lunch", "purpose": "networking"},
        headers=headers,
    ).json()
    assert (given["purpose"], given["purpose_source"]) == ("networking", "user")


def test_interaction_errors(web: Web, headers: dict[str, str]) -> None:
    c = web.client
    add_ana(web)
    nobody = c.post(f"{API}/interactions", json={"note": "Hi"}, headers=headers)
    assert nobody.status_code == 422 and nobody.json()["field"] == "PERSON"
    no_note = c.post(f"{API}/interactions", json={"people": ["Ana Ruiz"]}, headers=headers)
    assert no_note.status_code == 422 and no_note.json()["field"] == "body.note"
    stranger = c.post(
        f"{API}/interactions", json={"people": ["Zed"], "note": "Hi"}, headers=headers
    )
    assert stranger.status_code == 404
    bad_date = c.post(
        f"{API}/interactions",
        json={"people": ["Ana Ruiz"], "note": "Hi", "date": "someday"},
        headers=headers,
    )
    assert bad_date.status_code == 422 and bad_date.json()["field"] == "--date"
    too_long = c.post(
        f"{API}/interactions",
        json={"people": ["Ana Ruiz"], "note": "Hi", "minutes": 5000},
        headers=headers,
    )
    assert too_long.status_code == 422
    assert c.get(f"{API}/interactions/999", headers=headers).status_code == 404
    assert c.get(f"{API}/interactions/zero", headers=headers).status_code == 422
    bad_purpose = c.patch(f"{API}/interactions/1", json={"purpose": "fun"}, headers=headers)
    assert bad_purpose.status_code == 422
    assert (
        c.patch(f"{API}/interactions/999", json={"purpose": "social"}, headers=headers).status_code
        == 404
    )


def test_follow_ups_list_and_done(web: Web, headers: dict[str, str]) -> None:
    c = web.client
    ana = add_ana(web)
    logged = log_interaction(web.ctx, [ana], LogInput(note="Call", follow_up="monday: send it"))
    number = logged.follow_ups[0].id
    listed = c.get(f"{API}/follow-ups", headers=headers).json()
    assert [(f["id"], f["text"], f["status"]) for f in listed] == [(number, "send it", "open")]
    done = c.post(f"{API}/follow-ups/{number}/done", headers=headers)
    assert done.status_code == 200 and done.json()["status"] == "done"
    assert c.get(f"{API}/follow-ups", headers=headers).json() == []
    everything = c.get(f"{API}/follow-ups?include_closed=true", headers=headers).json()
    assert [f["status"] for f in everything] == ["done"]
    assert c.post(f"{API}/follow-ups/{number}/done", headers=headers).status_code == 409
    assert c.post(f"{API}/follow-ups/999/done", headers=headers).status_code == 404
    assert c.post(f"{API}/follow-ups/x/done", headers=headers).status_code == 422


# -- agenda, goals, ledger ---------------------------------------------------------------


def test_agenda_done_and_snooze(web: Web, headers: dict[str, str]) -> None:
    c = web.client
    ana = add_ana(web)
    first = log_interaction(web.ctx, [ana], LogInput(note="Call", follow_up="today: one"))
    second = log_interaction(web.ctx, [ana], LogInput(note="Call", follow_up="today: two"))
    keys = [item["key"] for item in c.get(f"{API}/agenda", headers=headers).json()]
    one, two = f"follow-up:{first.follow_ups[0].id}", f"follow-up:{second.follow_ups[0].id}"
    assert one in keys and two in keys
    assert len(c.get(f"{API}/agenda?limit=1", headers=headers).json()) == 1
    assert c.get(f"{API}/agenda?on=2026-12-01", headers=headers).status_code == 200

    done = c.post(f"{API}/agenda/{one}/done", headers=headers)
    assert done.json() == {"item": one, "kind": "follow-up"}
    snoozed = c.post(f"{API}/agenda/{two}/snooze", json={"duration": "3d"}, headers=headers)
    assert snoozed.json() == {"item": two, "until": "2026-11-23"}
    keys = [item["key"] for item in c.get(f"{API}/agenda", headers=headers).json()]
    assert one not in keys and two not in keys

    assert c.post(f"{API}/agenda/{one}/done", headers=headers).status_code == 409
    bad_key = c.post(f"{API}/agenda/nothing/done", headers=headers)
    assert bad_key.status_code == 422 and bad_key.json()["field"] == "item"
    assert c.post(f"{API}/agenda/follow-up:999/done", headers=headers).status_code == 404
    past = c.post(f"{API}/agenda/{two}/snooze", json={"duration": "0d"}, headers=headers)
    assert past.status_code == 422 and past.json()["field"] == "duration"
    no_body = c.post(f"{API}/agenda/{two}/snooze", headers=headers)
    assert no_body.status_code == 422
    assert c.get(f"{API}/agenda?on=tomorrow", headers=headers).status_code == 422
    assert c.get(f"{API}/agenda?limit=500", headers=headers).status_code == 422


def test_goals(web: Web, headers: dict[str, str]) -> None:
    body = web.client.get(f"{API}/goals", headers=headers).json()
    assert body["goals"] and {"key", "target"} <= set(body["goals"][0])
    assert "budget" in body
    assert web.client.get(f"{API}/goals?on=2026-01-05", headers=headers).status_code == 200
    assert web.client.get(f"{API}/goals?on=0001-01-01", headers=headers).status_code == 422


def test_ledger(web: Web, headers: dict[str, str]) -> None:
    c = web.client
    ana = add_ana(web)
    log_interaction(web.ctx, [ana], LogInput(note="Intro", gave=["intro:to Sam"]))
    overall = c.get(f"{API}/ledger", headers=headers).json()
    assert [line["id"] for line in overall["people"]] == [ana]
    assert "entries" not in overall
    one = c.get(f"{API}/ledger/Ana Ruiz", headers=headers).json()
    assert [entry["kind"] for entry in one["entries"]] == ["intro"]
    assert c.get(f"{API}/ledger/nobody", headers=headers).status_code == 404


# -- import and export -------------------------------------------------------------------

VCARD = (
    b"BEGIN:VCARD\r\nVERSION:3.0\r\nUID:u-1\r\nFN:Bo Lee\r\nEMAIL:bo@example.com\r\nEND:VCARD\r\n"
)
GOOGLE = b"First Name,Last Name,Labels,E-mail 1 - Value\nCy,Dunn,,cy@example.com\n"


def upload(
    web: Web, headers: dict[str, str], kind: str, data: bytes, name: str, **params: Any
) -> Any:
    return web.client.post(
        f"{API}/import/{kind}", files={"file": (name, data)}, params=params, headers=headers
    )


def test_import_dry_run_then_commit(web: Web, headers: dict[str, str]) -> None:
    dry = upload(web, headers, "vcard", VCARD, "contacts.vcf")
    assert dry.status_code == 200, dry.text
    assert dry.json()["dry_run"] is True and dry.json()["file"] == "contacts.vcf"
    assert [p["name"] for p in dry.json()["created"]] == ["Bo Lee"]
    assert web.client.get(f"{API}/people", headers=headers).json() == []
    done = upload(web, headers, "vcard", VCARD, "contacts.vcf", dry_run="false")
    assert done.json()["dry_run"] is False and len(done.json()["created"]) == 1
    assert [p["name"] for p in web.client.get(f"{API}/people", headers=headers).json()] == [
        "Bo Lee"
    ]
    again = upload(web, headers, "vcard", VCARD, "contacts.vcf", dry_run="false")
    assert len(again.json()["unchanged"]) == 1


def test_import_every_kind(web: Web, headers: dict[str, str]) -> None:
    google = upload(web, headers, "google", GOOGLE, "google.csv", dry_run="false")
    assert [p["name"] for p in google.json()["created"]] == ["Cy Dunn"], google.text
    outlook_csv = b"First Name,Last Name,E-mail Address\nDi,Eve,di@example.com\n"
    outlook = upload(web, headers, "outlook", outlook_csv, "o.csv")
    assert [p["name"] for p in outlook.json()["created"]] == ["Di Eve"], outlook.text
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr(
            "Connections.csv",
            "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
            "Eli,Fox,https://www.linkedin.com/in/eli-fox,,Acme,CEO,01 Jan 2024\n",
        )
    linkedin = upload(web, headers, "linkedin", archive.getvalue(), "export.zip")
    assert [p["name"] for p in linkedin.json()["created"]] == ["Eli Fox"], linkedin.text
    backup = web.client.get(f"{API}/export/json", headers=headers).content
    restored = upload(web, headers, "json", backup, "backup.json")
    assert restored.status_code == 200, restored.text
    assert restored.json()["kind"] == "json"


def test_import_errors(web: Web, headers: dict[str, str]) -> None:
    assert upload(web, headers, "excel", VCARD, "x.xls").status_code == 422
    missing = web.client.post(f"{API}/import/vcard", headers=headers)
    assert missing.status_code == 422 and missing.json()["field"] == "body.file"
    broken = upload(web, headers, "json", b"{not json", "backup.json")
    assert broken.status_code == 422 and broken.json()["error"]
    bad_rows = b"First Name,Last Name,Labels,E-mail 1 - Value\nCy,Dunn,,not-an-email\n"
    invalid = upload(web, headers, "google", bad_rows, "google.csv", dry_run="false")
    assert invalid.status_code == 422, invalid.text
    assert invalid.json()["errors"] and "/tmp" not in invalid.text
    assert web.client.get(f"{API}/people", headers=headers).json() == []


def test_export_every_kind(web: Web, headers: dict[str, str]) -> None:
    add_ana(web)
    c = web.client
    backup = c.get(f"{API}/export/json", headers=headers)
    assert backup.headers["content-type"] == "application/json"
    assert "Ana Ruiz" in json.dumps(backup.json())
    cards = c.get(f"{API}/export/vcard", headers=headers)
    assert cards.text.startswith("BEGIN:VCARD") and "VERSION:3.0" in cards.text
    assert "VERSION:4.0" in c.get(f"{API}/export/vcard?version=4.0", headers=headers).text
    table = c.get(f"{API}/export/csv", headers=headers)
    assert table.headers["content-type"].startswith("text/csv") and "Ana" in table.text
    feed = c.get(f"{API}/export/ics", headers=headers)
    assert feed.text.startswith("BEGIN:VCALENDAR")
    assert c.get(f"{API}/export/pdf", headers=headers).status_code == 422
    assert c.get(f"{API}/export/vcard?version=2.1", headers=headers).status_code == 422


# -- schema and docs ---------------------------------------------------------------------


def test_the_schema_and_docs_list_every_endpoint(web: Web) -> None:
    schema = web.client.get(f"{API}/openapi.json").json()
    operations = {
        (method.upper(), path) for path, entries in schema["paths"].items() for method in entries
    }
    for method, path in [
        ("GET", "/api/v1/people"),
        ("POST", "/api/v1/people"),
        ("GET", "/api/v1/people/{ref}"),
        ("PATCH", "/api/v1/people/{ref}"),
        ("DELETE", "/api/v1/people/{ref}"),
        ("POST", "/api/v1/interactions"),
        ("GET", "/api/v1/interactions/{interaction_id}"),
        ("PATCH", "/api/v1/interactions/{interaction_id}"),
        ("GET", "/api/v1/follow-ups"),
        ("POST", "/api/v1/follow-ups/{follow_up_id}/done"),
        ("GET", "/api/v1/agenda"),
        ("POST", "/api/v1/agenda/{key}/done"),
        ("POST", "/api/v1/agenda/{key}/snooze"),
        ("GET", "/api/v1/goals"),
        ("GET", "/api/v1/ledger"),
        ("GET", "/api/v1/ledger/{ref}"),
        ("POST", "/api/v1/import/{kind}"),
        ("GET", "/api/v1/export/{kind}"),
    ]:
        assert (method, path) in operations
    assert "NewPerson" in schema["components"]["schemas"]
    assert "HTTPBearer" in schema["components"]["securitySchemes"]
    assert all(path.startswith("/api/v1/") for path in schema["paths"])

    docs = web.client.get(f"{API}/docs")
    assert docs.status_code == 200 and '<script src="http' not in docs.text
    for method, path in operations:
        assert f"<code>{method}</code> <code>{path}</code>" in docs.text
    assert "Add a person" in docs.text and "<code>cadence_days</code>" in docs.text
