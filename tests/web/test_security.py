"""Sign-in, sessions, CSRF, headers and escaping, against a real database."""

from __future__ import annotations

from kithkin.core.person_changes import PersonInput
from kithkin.services import add_person, auth
from kithkin.web.session import SESSION_COOKIE
from tests.web.conftest import Web


def test_pages_need_a_signed_in_session(web: Web) -> None:
    for path in ("/", "/people", "/log"):
        response = web.client.get(path, follow_redirects=False)
        assert (response.status_code, response.headers["location"]) == (303, "/login")
    htmx = web.client.get("/people/rows", headers={"HX-Request": "true"})
    assert (htmx.status_code, htmx.headers["HX-Redirect"]) == (401, "/login")


def test_a_sign_in_link_works_once_and_sets_a_safe_cookie(web: Web) -> None:
    token = auth.issue_login_link(web.ctx.store, now=web.ctx.now())
    first = web.client.get(f"/login?token={token}", follow_redirects=False)
    assert first.status_code == 303
    cookie = first.headers["set-cookie"]
    assert cookie.startswith(f"{SESSION_COOKIE}=")
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie
    assert web.client.get("/").status_code == 200
    web.client.cookies.clear()
    again = web.client.get(f"/login?token={token}", follow_redirects=False)
    assert again.status_code == 401 and "used already" in again.text
    assert web.client.get("/login?token=forged", follow_redirects=False).status_code == 401


def test_the_database_keeps_only_digests(web: Web) -> None:
    token = auth.issue_login_link(web.ctx.store, now=web.ctx.now())
    web.client.get(f"/login?token={token}", follow_redirects=False)
    cookie = web.client.cookies[SESSION_COOKIE]
    with web.ctx.store.transaction() as tx:
        dumped = "\n".join(
            str(row)
            for table in ("web_sessions", "login_tokens")
            for row in tx.session.execute(__import__("sqlalchemy").text(f"SELECT * FROM {table}"))
        )
    assert token not in dumped and cookie not in dumped
    assert auth.digest(token) in dumped and auth.digest(cookie) in dumped


def test_a_change_without_the_csrf_token_is_refused(web: Web) -> None:
    web.sign_in()
    assert web.client.post("/log", data={"text": "Called Ana"}).status_code == 403
    forged = web.client.post("/log", data={"text": "Called Ana", "csrf_token": "nope"})
    assert forged.status_code == 403
    header = web.client.post(
        "/log/preview", data={"text": "Called Ana"}, headers={"X-CSRF-Token": web.csrf}
    )
    assert header.status_code == 200


def test_passwords_are_argon2_and_sign_in_is_rate_limited(web: Web) -> None:
    auth.set_password(web.ctx.store, "maria", "correct horse battery", now=web.ctx.now())
    with web.ctx.store.accounts() as accounts:
        found = accounts.account("maria")
    assert found is not None and found.password_hash is not None
    assert found.password_hash.startswith("$argon2id$")
    good = web.client.post(
        "/login",
        data={"username": "maria", "password": "correct horse battery"},
        follow_redirects=False,
    )
    assert good.status_code == 303
    web.client.cookies.clear()
    codes = [
        web.client.post("/login", data={"username": "maria", "password": f"wrong {n}"}).status_code
        for n in range(6)
    ]
    assert codes == [401] * 5 + [429]
    blocked = web.client.post(
        "/login",
        data={"username": "maria", "password": "correct horse battery"},
        follow_redirects=False,
    )
    assert blocked.status_code == 429  # even the right password waits


def test_every_response_carries_the_security_headers(web: Web) -> None:
    response = web.client.get("/login")
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "<script>" not in response.text  # no inline scripts anywhere


def test_user_text_is_escaped(web: Web) -> None:
    add_person(web.ctx, PersonInput(name="<script>alert(1)</script> Ruiz", company="<b>Acme</b>"))
    web.sign_in()
    page = web.client.get("/people").text
    assert (
        "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    )
    assert "<b>Acme</b>" not in page


def test_owners_see_only_their_own_people(web: Web) -> None:
    add_person(web.ctx, PersonInput(name="Ana Ruiz"))
    auth.set_password(web.ctx.store, "maria", "correct horse battery", now=web.ctx.now())
    web.client.post(
        "/login",
        data={"username": "maria", "password": "correct horse battery"},
        follow_redirects=False,
    )
    assert "Ana Ruiz" not in web.client.get("/people").text
    assert "Ana Ruiz" not in web.client.get("/people/rows?q=ana").text
