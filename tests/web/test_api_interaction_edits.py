"""PATCH and DELETE /api/v1/interactions/{id}: every field, the CLI's JSON, and the 401, 403,
404 and 422 answers, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from typing import Any

import pytest

from kithkin.core.log_entry import LogInput
from kithkin.core.person_changes import PersonInput
from kithkin.services import add_person, log_interaction
from tests.conftest import Cli, FixedClock
from tests.web.conftest import Web
from tests.web.test_api import API, bearer, other_owner

JOB_NOTE = "Coffee with a recruiter from Stripe about the staff engineer role"


@pytest.fixture
def headers(web: Web) -> dict[str, str]:
    return bearer(web)


def logged(web: Web) -> dict[str, Any]:
    add_person(web.ctx, PersonInput(name="Ana Ruiz"))
    add_person(web.ctx, PersonInput(name="Ben Okafor"))
    interaction = log_interaction(
        web.ctx,
        ["ana", "ben"],
        LogInput(
            note=JOB_NOTE,
            channel="in-person",
            date="2026-11-18",
            asked=["referral:for Stripe"],
            follow_up="friday: send the deck",
        ),
    )
    return {"id": interaction.id, "follow_up": interaction.follow_ups[0].id}


def test_patch_every_field(web: Web, headers: dict[str, str]) -> None:
    c = web.client
    ident = logged(web)["id"]
    response = c.patch(
        f"{API}/interactions/{ident}",
        json={
            "note": "Dinner at her place with the kids, we laughed all evening",
            "date": "2026-11-15T19:30",
            "channel": "video",
            "minutes": 90,
        },
        headers=headers,
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["changed"] == ["note", "date", "channel", "minutes", "purpose"]
    assert (body["at"], body["channel"], body["minutes"]) == ("2026-11-15T18:30:00Z", "video", 90)
    assert (body["purpose"], body["purpose_source"], body["model_purpose"]) == (
        "social",
        "model",
        "social",
    )
    assert [e["at"] for e in body["exchanges"]] == ["2026-11-15T18:30:00Z"] * 2
    shown = c.get(f"{API}/interactions/{ident}", headers=headers).json()
    assert shown == {
        k: v for k, v in body.items() if k not in {"model_purpose", "retrained", "changed"}
    }
    found = c.get(f"{API}/people?q=laughed", headers=headers).json()
    assert [i["id"] for i in found["interactions"]] == [ident]
    people = {p["name"]: p for p in c.get(f"{API}/people", headers=headers).json()}
    assert people["Ben Okafor"]["last_interaction_at"] == "2026-11-15T18:30:00Z"
    # A purpose alone: the correction it always was.
    fixed = c.patch(f"{API}/interactions/{ident}", json={"purpose": "both"}, headers=headers)
    assert fixed.status_code == 200
    assert (fixed.json()["purpose_source"], fixed.json()["changed"]) == ("user", ["purpose"])


def test_patch_and_delete_answer_as_the_cli_does(
    web: Web, headers: dict[str, str], kithkin: Cli, clock: FixedClock
) -> None:
    """The API and `--json` share their serializers: the same request, the same JSON."""
    c = web.client
    first = logged(web)["id"]
    second = log_interaction(web.ctx, ["ana"], LogInput(note=JOB_NOTE, channel="call")).id
    via_api = c.patch(
        f"{API}/interactions/{first}", json={"minutes": 30, "purpose": "both"}, headers=headers
    ).json()
    via_cli = kithkin.json("edit-interaction", str(second), "--minutes", "30", "--purpose", "both")
    assert set(via_api) == set(via_cli)
    assert (via_api["changed"], via_api["model_purpose"]) == (
        via_cli["changed"],
        via_cli["model_purpose"],
    )
    deleted = c.delete(f"{API}/interactions/{first}", headers=headers)
    assert deleted.status_code == 200, deleted.text
    removed_cli = kithkin.json("rm-interaction", str(second))
    assert set(deleted.json()) == set(removed_cli) == {"deleted", "kept_follow_ups"}
    assert deleted.json()["deleted"] == {
        k: v for k, v in via_api.items() if k not in {"model_purpose", "retrained", "changed"}
    }
    assert json.dumps(removed_cli["deleted"]["exchanges"]) == "[]"


def test_delete_keeps_follow_ups_and_recomputes_people(web: Web, headers: dict[str, str]) -> None:
    c = web.client
    made = logged(web)
    response = c.delete(f"{API}/interactions/{made['id']}", headers=headers)
    assert response.status_code == 200
    body = response.json()
    assert body["deleted"]["id"] == made["id"] and len(body["deleted"]["exchanges"]) == 2
    assert [(f["id"], f["interaction_id"]) for f in body["kept_follow_ups"]] == [
        (made["follow_up"], None)
    ]
    assert c.get(f"{API}/interactions/{made['id']}", headers=headers).status_code == 404
    assert c.delete(f"{API}/interactions/{made['id']}", headers=headers).status_code == 404
    people = c.get(f"{API}/people", headers=headers).json()
    assert {(p["last_interaction_at"], p["warmth"]) for p in people} == {(None, 0)}
    [follow_up] = c.get(f"{API}/follow-ups", headers=headers).json()
    assert follow_up["interaction_id"] is None
    assert c.get(f"{API}/ledger", headers=headers).json()["overall"]["asked"] == 0


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "body"),
        ({"note": None, "minutes": None}, "body"),
        ({"minutes": 5000}, "body.minutes"),
        ({"minutes": "long"}, "body.minutes"),
        ({"channel": "pigeon"}, "body.channel"),
        ({"purpose": "fun"}, "body.purpose"),
        ({"date": "someday"}, "--date"),
        ({"date": "2026-12-24", "note": "Christmas"}, "--date"),  # in the future
        ({"note": "a\x00b"}, "body.note"),
        ({"colour": "red"}, "body.colour"),
    ],
)
def test_patch_bad_input_names_the_field_and_changes_nothing(
    web: Web, headers: dict[str, str], body: dict[str, Any], field: str
) -> None:
    c = web.client
    ident = logged(web)["id"]
    before = c.get(f"{API}/interactions/{ident}", headers=headers).json()
    version = web.ctx.store.data_version()
    response = c.patch(f"{API}/interactions/{ident}", json=body, headers=headers)
    assert response.status_code == 422, response.text
    assert response.json()["field"] == field
    assert c.get(f"{API}/interactions/{ident}", headers=headers).json() == before
    assert web.ctx.store.data_version() == version


def test_unknown_and_other_accounts_interactions_are_404(web: Web, headers: dict[str, str]) -> None:
    c = web.client
    other = other_owner(web)
    zed = add_person(other, PersonInput(name="Zed Secret"))
    secret = log_interaction(other, [zed.id], LogInput(note="Secret lunch")).id
    for ident in (secret, 999):
        patched = c.patch(f"{API}/interactions/{ident}", json={"note": "mine"}, headers=headers)
        assert patched.status_code == 404 and patched.json()["error"]
        assert c.delete(f"{API}/interactions/{ident}", headers=headers).status_code == 404
    assert c.delete(f"{API}/interactions/0", headers=headers).status_code == 422
    assert c.delete(f"{API}/interactions/zero", headers=headers).status_code == 422
    with other.store.transaction() as tx:
        assert tx.interactions.get(secret).note == "Secret lunch"


def test_delete_needs_a_token_or_a_session_with_csrf(web: Web) -> None:
    ident = logged(web)["id"]
    path = f"{API}/interactions/{ident}"
    assert web.client.delete(path).status_code == 401
    assert web.client.delete(path, headers={"Authorization": "Bearer kk_forged"}).status_code == 401
    csrf = web.sign_in()
    assert web.client.delete(path).status_code == 403
    assert web.client.patch(path, json={"minutes": 5}).status_code == 403
    patched = web.client.patch(path, json={"minutes": 5}, headers={"X-CSRF-Token": csrf})
    assert patched.status_code == 200 and patched.json()["minutes"] == 5
    assert web.client.delete(path, headers={"X-CSRF-Token": csrf}).status_code == 200


def test_the_schema_documents_both(web: Web) -> None:
    schema = web.client.get(f"{API}/openapi.json").json()
    operations = schema["paths"]["/api/v1/interactions/{interaction_id}"]
    assert {"get", "patch", "delete"} <= set(operations)
    patch = schema["components"]["schemas"]["InteractionPatch"]
    assert set(patch["properties"]) == {"purpose", "note", "date", "channel", "minutes"}
    assert patch.get("minProperties") == 1 and "required" not in patch
