"""The network endpoints of /api/v1: paths, links, intros, introductions, common ground."""

from __future__ import annotations

from kithkin.core.log_entry import LogInput
from kithkin.core.person_changes import PersonInput
from kithkin.services import add_person, log_interaction
from tests.web.conftest import Web
from tests.web.test_api import API, bearer, other_owner

ENDPOINTS = [
    ("GET", "/network/paths?person=ana"),
    ("POST", "/network/links"),
    ("POST", "/network/unlink"),
    ("GET", "/network/intros"),
    ("POST", "/network/introductions"),
    ("GET", "/people/ana/common"),
]


def seed(web: Web) -> None:
    add_person(web.ctx, PersonInput(name="Ana Ruiz", circle="inner", interests=["climbing"]))
    add_person(web.ctx, PersonInput(name="Bo Chen", circle="inner", interests=["climbing"]))
    add_person(web.ctx, PersonInput(name="Cy Diaz", company="Globex"))
    log_interaction(web.ctx, ["ana"], LogInput(note="Coffee", channel="in-person"))


def test_every_network_endpoint_needs_a_valid_token(web: Web) -> None:
    for method, path in ENDPOINTS:
        answer = web.client.request(method, API + path, headers={"Authorization": "Bearer x"})
        assert answer.status_code == 401, (method, path)


def test_link_then_paths(web: Web) -> None:
    seed(web)
    headers = bearer(web)
    made = web.client.post(
        API + "/network/links",
        json={"person": "ana", "other": "cy", "kind": "friend", "since": "2019"},
        headers=headers,
    )
    assert made.status_code == 200
    assert made.json()["kind"] == "friend" and made.json()["created"] is True
    found = web.client.get(API + "/network/paths", params={"company": "globex"}, headers=headers)
    assert found.status_code == 200 and found.json()["found"] is True
    hops = found.json()["paths"][0]["hops"]
    assert [h["name"] for h in hops] == ["Ana Ruiz", "Cy Diaz"]
    removed = web.client.post(
        API + "/network/unlink", json={"person": "cy", "other": "ana"}, headers=headers
    )
    assert removed.json() == {"removed": 1}
    again = web.client.get(API + "/network/paths", params={"person": "cy"}, headers=headers)
    assert again.json()["found"] is False


def test_mistakes_are_404_and_422(web: Web) -> None:
    seed(web)
    headers = bearer(web)
    paths = API + "/network/paths"
    assert web.client.get(paths, params={"person": "nobody"}, headers=headers).status_code == 404
    both = web.client.get(paths, params={"person": "ana", "tag": "x"}, headers=headers)
    assert both.status_code == 422 and both.json()["error"]
    assert web.client.get(paths, params={"limit": 0}, headers=headers).status_code == 422
    links = API + "/network/links"
    bad_kind = web.client.post(links, json={"person": "ana", "other": "bo", "kind": "enemy"})
    assert bad_kind.status_code == 401  # no token first
    for body in (
        {"person": "ana", "other": "bo", "kind": "enemy"},
        {"person": "ana", "other": "ana"},
        {"person": "ana", "other": "bo", "since": "soon"},
        {"person": "ana"},
    ):
        assert web.client.post(links, json=body, headers=headers).status_code == 422, body
    unknown = web.client.post(links, json={"person": "ana", "other": "zed"}, headers=headers)
    assert unknown.status_code == 404
    nothing = web.client.post(
        API + "/network/unlink", json={"person": "ana", "other": "bo"}, headers=headers
    )
    assert nothing.status_code == 404


def test_intros_then_introduce(web: Web) -> None:
    seed(web)
    headers = bearer(web)
    intros = web.client.get(API + "/network/intros", headers=headers).json()["intros"]
    assert [p["name"] for p in intros[0]["people"]] == ["Ana Ruiz", "Bo Chen"]
    made = web.client.post(
        API + "/network/introductions",
        json={"person": "ana", "other": "bo", "note": "E-mail to both"},
        headers=headers,
    )
    assert made.status_code == 200
    body = made.json()
    assert body["purpose"] == "networking" and body["link"]["kind"] == "knows"
    assert [e["kind"] for e in body["exchanges"]] == ["intro", "intro"]
    assert web.client.get(API + "/network/intros", headers=headers).json() == {"intros": []}
    empty = web.client.post(
        API + "/network/introductions",
        json={"person": "ana", "other": "bo", "note": " "},
        headers=headers,
    )
    assert empty.status_code == 422


def test_common_ground(web: Web) -> None:
    seed(web)
    headers = bearer(web)
    mine = web.client.get(API + "/people/ana/common", headers=headers)
    assert mine.status_code == 200 and mine.json()["with"] == "you"
    pair = web.client.get(API + "/people/ana/common", params={"other": "bo"}, headers=headers)
    assert pair.json()["interests"] == ["climbing"]
    assert web.client.get(API + "/people/zed/common", headers=headers).status_code == 404


def test_another_accounts_network_is_a_404(web: Web) -> None:
    seed(web)
    theirs = other_owner(web)
    add_person(theirs, PersonInput(name="Zed Secret"))
    headers = bearer(web)
    answer = web.client.get(API + "/network/paths", params={"person": "zed"}, headers=headers)
    assert answer.status_code == 404
    linked = web.client.post(
        API + "/network/links", json={"person": "ana", "other": "zed"}, headers=headers
    )
    assert linked.status_code == 404
    assert web.client.get(API + "/people/zed/common", headers=headers).status_code == 404


def test_a_browser_change_needs_the_csrf_header(web: Web) -> None:
    seed(web)
    csrf = web.sign_in()
    body = {"person": "ana", "other": "bo"}
    assert web.client.post(API + "/network/links", json=body).status_code == 403
    made = web.client.post(API + "/network/links", json=body, headers={"X-CSRF-Token": csrf})
    assert made.status_code == 200
