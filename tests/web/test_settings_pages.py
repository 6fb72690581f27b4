"""The settings page over HTTP: circle cadences, goals, the hours budget, the calendar feed
and API tokens. Every change needs the CSRF token; bad input changes nothing and says why."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from sqlalchemy import text

from kithkin.core.network.common import Profile, ProfileChanges, Stint
from kithkin.core.person_changes import PersonInput
from kithkin.core.vocabulary import Circle
from kithkin.services import Context, add_person, auth, engine, preferences
from kithkin.services.api_tokens import list_api_tokens
from kithkin.services.common_ground import edit_my_profile, my_profile
from tests.web.conftest import Web

CHANGES = [
    ("/settings/circles", {"circle": ["inner"], "cadence": ["7"]}),
    ("/settings/goals", {"goal": ["engage-posts"], "target": ["5"]}),
    ("/settings/budget", {"min_hours": "2", "max_hours": "4"}),
    ("/settings/calendar-feed", {}),
    ("/settings/api-tokens", {"name": "backup script"}),
    ("/settings/api-tokens/1/revoke", {}),
    ("/settings/profile", {"interest": "climbing", "remove_city": "Berlin"}),
]


def _cadences(ctx: Context) -> dict[str, int | None]:
    return {row.circle.value: row.cadence_days for row in preferences.circles(ctx)}


def _targets(ctx: Context) -> dict[str, int]:
    return {goal.key: goal.target for goal in preferences.all_goals(ctx)}


def _circle_form(web: Web, **cadences: str) -> dict[str, object]:
    return {
        "csrf_token": web.csrf,
        "circle": list(cadences),
        "cadence": list(cadences.values()),
    }


def test_the_page_needs_a_session_and_shows_every_setting(web: Web) -> None:
    response = web.client.get("/settings", follow_redirects=False)
    assert (response.status_code, response.headers["location"]) == (303, "/login")
    web.sign_in()
    page = web.client.get("/settings").text
    for heading in (
        "Circles and check-in cadences",
        "Goals",
        "Weekly networking hours",
        "Calendar feed",
        "API tokens",
    ):
        assert heading in page
    assert 'id="cadence-inner"' in page and 'value="14"' in page
    assert 'id="target-engage-posts"' in page
    assert 'id="min_hours"' in page and 'value="5"' in page and 'value="10"' in page
    assert "/static/settings.css" in page
    assert "style=" not in page and "<script>" not in page


@pytest.mark.parametrize(("path", "data"), CHANGES)
def test_every_change_needs_the_csrf_token(web: Web, path: str, data: dict[str, object]) -> None:
    web.sign_in()
    before = web.client.get("/settings").text
    assert web.client.post(path, data=data).status_code == 403
    assert web.client.post(path, data={**data, "csrf_token": "forged"}).status_code == 403
    after = web.client.get("/settings").text
    assert re.sub(r"made \S+ \S+", "", before) == re.sub(r"made \S+ \S+", "", after)
    assert list_api_tokens(web.ctx) == []
    assert my_profile(web.ctx) == Profile()


def test_circle_cadences_change_and_empty_means_none(web: Web) -> None:
    web.sign_in()
    response = web.client.post(
        "/settings/circles",
        data=_circle_form(web, inner="7", key="45", network="", dormant="365"),
    )
    assert response.status_code == 200
    assert "Saved the circles" in response.text
    assert _cadences(web.ctx) == {"inner": 7, "key": 45, "network": None, "dormant": 365}
    with web.ctx.store.transaction() as tx:
        assert tx.preferences.cadences()[Circle.INNER] == 7


@pytest.mark.parametrize("bad", ["0", "-3", "soon", "2.5", "4000"])
def test_a_bad_cadence_changes_nothing(web: Web, bad: str) -> None:
    web.sign_in()
    before = _cadences(web.ctx)
    response = web.client.post(
        "/settings/circles", data=_circle_form(web, inner="7", key=bad, network="90")
    )
    assert response.status_code == 400
    assert "key:" in response.text and "is not a cadence" in response.text
    assert "days between check-ins (1 to 3650)" in response.text
    assert f'value="{bad}"' in response.text  # what was typed is kept
    assert re.search(r'id="cadence-key"[^>]*aria-invalid="true"', response.text)
    assert response.text.count('aria-invalid="true"') == 1
    assert _cadences(web.ctx) == before


def test_an_unknown_circle_is_refused(web: Web) -> None:
    web.sign_in()
    response = web.client.post("/settings/circles", data=_circle_form(web, family="10"))
    assert response.status_code == 400 and "is not a circle" in response.text
    assert "family" not in _cadences(web.ctx)


def test_goals_change_and_0_turns_one_off(web: Web) -> None:
    web.sign_in()
    before = _targets(web.ctx)
    response = web.client.post(
        "/settings/goals",
        data={
            "csrf_token": web.csrf,
            "goal": ["engage-posts", "connect-new"],
            "target": ["5", "0"],
        },
    )
    assert response.status_code == 200 and "Saved the goals." in response.text
    after = _targets(web.ctx)
    assert after == before | {"engage-posts": 5, "connect-new": 0}
    active, _ = engine.goals(web.ctx)
    keys = [progress.goal.key for progress in active]
    assert "connect-new" not in keys and "engage-posts" in keys
    assert 'id="target-connect-new"' in response.text  # an off goal can be turned back on
    web.client.post(
        "/settings/goals",
        data={"csrf_token": web.csrf, "goal": ["connect-new"], "target": ["3"]},
    )
    assert _targets(web.ctx)["connect-new"] == 3


@pytest.mark.parametrize("bad", ["-1", "three", "1001", ""])
def test_a_bad_goal_target_changes_nothing(web: Web, bad: str) -> None:
    web.sign_in()
    before = _targets(web.ctx)
    response = web.client.post(
        "/settings/goals",
        data={
            "csrf_token": web.csrf,
            "goal": ["engage-posts", "connect-new"],
            "target": ["9", bad],
        },
    )
    assert response.status_code == 400
    assert "is not a target; use a whole number from 0 (off) to 1000." in response.text
    assert _targets(web.ctx) == before  # not even the good one changed
    assert re.search(r'id="target-connect-new"[^>]*aria-invalid="true"', response.text)


def test_an_unknown_goal_is_refused(web: Web) -> None:
    web.sign_in()
    response = web.client.post(
        "/settings/goals", data={"csrf_token": web.csrf, "goal": ["fly"], "target": ["1"]}
    )
    assert response.status_code == 400 and "there is no goal &#39;fly&#39;" in response.text


def test_the_budget_changes(web: Web) -> None:
    web.sign_in()
    response = web.client.post(
        "/settings/budget", data={"csrf_token": web.csrf, "min_hours": "2.5", "max_hours": "8"}
    )
    assert response.status_code == 200 and "Saved: 2.5–8 h of networking a week." in response.text
    _, budget = engine.goals(web.ctx)
    assert (budget.min_hours, budget.max_hours) == (2.5, 8)
    assert 'value="2.5"' in response.text


@pytest.mark.parametrize(
    ("low", "high", "expected"),
    [
        ("five", "10", "Minimum hours: &#39;five&#39; is not a number"),
        ("5", "", "Maximum hours: &#39;&#39; is not a number"),
        ("8", "4", "0 ≤ minimum ≤ maximum ≤ 168"),
        ("-1", "4", "0 ≤ minimum ≤ maximum ≤ 168"),
        ("5", "200", "0 ≤ minimum ≤ maximum ≤ 168"),
    ],
)
def test_a_bad_budget_changes_nothing(web: Web, low: str, high: str, expected: str) -> None:
    web.sign_in()
    response = web.client.post(
        "/settings/budget", data={"csrf_token": web.csrf, "min_hours": low, "max_hours": high}
    )
    assert response.status_code == 400 and expected in response.text
    _, budget = engine.goals(web.ctx)
    assert (budget.min_hours, budget.max_hours) == (5, 10)


def test_the_feed_url_is_shown_once_and_rotates(web: Web) -> None:
    web.sign_in()
    first = web.client.post("/settings/calendar-feed", data={"csrf_token": web.csrf})
    assert first.status_code == 200 and "Made your calendar feed URL." in first.text
    url = re.search(r'value="(http://127\.0\.0\.1/calendar/[\w-]+\.ics)"', first.text)
    assert url is not None
    later = web.client.get("/settings").text
    assert url.group(1) not in later and "You have a feed URL, made 2026-11-20 10:00" in later
    second = web.client.post("/settings/calendar-feed", data={"csrf_token": web.csrf})
    assert "the old one no longer works" in second.text
    assert url.group(1) not in second.text


def test_api_tokens_are_created_shown_once_listed_and_revoked(web: Web) -> None:
    web.sign_in()
    made = web.client.post(
        "/settings/api-tokens", data={"csrf_token": web.csrf, "name": "  backup   script "}
    )
    assert made.status_code == 200 and "Made the API token “backup script”." in made.text
    token = re.search(r'value="(kk_[\w-]+)"', made.text)
    assert token is not None
    owner = auth.api_token_owner(web.ctx.store, token.group(1), now=web.ctx.now())
    assert owner == web.ctx.store.owner_id
    listed = web.client.get("/settings").text
    assert token.group(1) not in listed
    assert "backup script" in listed and "2026-11-20 10:00" in listed
    [info] = list_api_tokens(web.ctx)
    assert info.name == "backup script" and info.last_used_at is not None  # used just above

    revoked = web.client.post(
        f"/settings/api-tokens/{info.id}/revoke", data={"csrf_token": web.csrf}
    )
    assert revoked.status_code == 200
    assert "Revoked the API token “backup script”" in revoked.text
    assert auth.api_token_owner(web.ctx.store, token.group(1), now=web.ctx.now()) is None
    assert list_api_tokens(web.ctx) == [] and "No API tokens." in revoked.text


@pytest.mark.parametrize("name", ["", "   ", "x" * 101])
def test_a_token_needs_a_name(web: Web, name: str) -> None:
    web.sign_in()
    response = web.client.post("/settings/api-tokens", data={"csrf_token": web.csrf, "name": name})
    assert response.status_code == 400 and "name the token (1 to 100 characters)" in response.text
    assert list_api_tokens(web.ctx) == []


def test_another_owners_token_cannot_be_revoked_or_seen(web: Web) -> None:
    maria_id = web.ctx.store.ensure_account("maria", now=web.ctx.now())
    hers = auth.create_api_token(
        web.ctx.store, "maria's sync", now=web.ctx.now(), owner_id=maria_id
    )
    web.sign_in()
    assert "maria&#39;s sync" not in web.client.get("/settings").text
    with web.ctx.store.accounts() as accounts:
        token_id = accounts.session.execute(text("SELECT id FROM api_tokens")).scalar_one()
    response = web.client.post(
        f"/settings/api-tokens/{token_id}/revoke", data={"csrf_token": web.csrf}
    )
    assert response.status_code == 400 and f"there is no API token {token_id}" in response.text
    assert auth.api_token_owner(web.ctx.store, hers, now=web.ctx.now()) == maria_id


def test_user_text_is_escaped(web: Web) -> None:
    web.sign_in()
    response = web.client.post(
        "/settings/api-tokens", data={"csrf_token": web.csrf, "name": "<b>x</b>"}
    )
    assert "<b>x</b>" not in response.text and "&lt;b&gt;x&lt;/b&gt;" in response.text


# -- your profile (kithkin me) ----------------------------------------------------------------


def _profile_form(web: Web, **fields: object) -> dict[str, object]:
    return {"csrf_token": web.csrf, **fields}


def _profile_card(html: str) -> str:
    start = html.index('id="profile"')
    return html[start : html.index("</section>", start)]


def test_the_profile_card_starts_empty(web: Web) -> None:
    web.sign_in()
    card = _profile_card(web.client.get("/settings").text)
    assert "Your profile" in card and card.count("none yet") == 4
    for key in ("interest", "company", "years", "school", "city"):
        assert f'id="profile-{key}" name="{key}"' in card
    assert 'action="/settings/profile#profile"' in card
    assert 'aria-invalid="true"' not in card


def test_the_profile_adds_items_and_redirects_back(web: Web) -> None:
    web.sign_in()
    response = web.client.post(
        "/settings/profile",
        data=_profile_form(
            web,
            interest="climbing,  jazz , ",
            company=" Globex ",
            years="2019-2022",
            school="TU Berlin",
            city="Lisbon, Portugal",
        ),
        follow_redirects=False,
    )
    assert (response.status_code, response.headers["location"]) == (
        303,
        "/settings?saved=profile#profile",
    )
    assert my_profile(web.ctx) == Profile(
        interests=("climbing", "jazz"),
        employers=(Stint("Globex", 2019, 2022),),
        schools=("TU Berlin",),
        cities=("Lisbon, Portugal",),
    )
    page = web.client.get(response.headers["location"]).text
    card = _profile_card(page)
    assert '<p class="saved" id="profile-saved" role="status">Saved your profile.</p>' in card
    assert "<span>climbing</span>" in card and "<span>jazz</span>" in card
    assert 'Globex <span class="muted">2019–2022</span>' in card
    assert "TU Berlin" in card and "Lisbon, Portugal" in card
    assert 'name="remove_interest" value="climbing"' in card
    assert 'aria-label="Remove employer Globex"' in card
    assert 'value=""' in card  # the add inputs are empty again
    assert "Saved your profile." not in web.client.get("/settings").text

    still = web.client.post(
        "/settings/profile",
        data=_profile_form(web, company="Initech", years="2023-"),
    )
    assert still.status_code == 200 and "Initech" in still.text
    assert 'Initech <span class="muted">since 2023</span>' in _profile_card(still.text)
    web.client.post("/settings/profile", data=_profile_form(web, company="globex", years="2018"))
    assert my_profile(web.ctx).employers == (
        Stint("Initech", 2023, None, current=True),
        Stint("globex", 2018, 2018),
    )


def test_the_profile_removes_items(web: Web) -> None:
    edit_my_profile(
        web.ctx,
        ProfileChanges(
            interests=["climbing", "jazz"],
            companies=["Globex:2019-2022"],
            schools=["TU Berlin"],
            cities=["Berlin", "Lisbon"],
        ),
    )
    web.sign_in()
    for field, value in (
        ("remove_interest", "climbing"),
        ("remove_company", "Globex"),
        ("remove_school", "TU Berlin"),
        ("remove_city", "berlin"),  # case does not matter, as in the CLI
    ):
        response = web.client.post(
            "/settings/profile", data=_profile_form(web, **{field: value}), follow_redirects=False
        )
        assert response.status_code == 303
    assert my_profile(web.ctx) == Profile(interests=("jazz",), cities=("Lisbon",))
    removed_and_added = web.client.post(
        "/settings/profile",
        data=_profile_form(web, remove_interest=["jazz", "opera"], interest="chess"),
    )
    assert removed_and_added.status_code == 200
    assert my_profile(web.ctx).interests == ("chess",)
    nothing = web.client.post("/settings/profile", data=_profile_form(web), follow_redirects=False)
    assert nothing.status_code == 303 and my_profile(web.ctx).interests == ("chess",)


@pytest.mark.parametrize(
    ("fields", "expected", "invalid"),
    [
        ({"company": "Globex", "years": "20x9"}, "Years: &#39;20x9&#39; are not years", "years"),
        ({"company": "Globex", "years": "2019-22"}, "are not years; write 2019-2022", "years"),
        ({"company": "Globex", "years": "2019:2020"}, "are not years", "years"),
        (
            {"company": "Globex", "years": "2022-2019"},
            "Years: &#39;2022-2019&#39; run backwards; write the first year first",
            "years",
        ),
        ({"company": "", "years": "2019"}, "Employer: years need an employer", "company"),
        (
            {"interest": "x" * 101},
            "Interest: &#39;xxxxxxxxxxxxxxxxxxxx&#39;… is longer than 100",
            "interest",
        ),
        ({"school": "s" * 201}, "School: ", "school"),
        ({"city": "c" * 201}, "City: ", "city"),
        ({"company": "g" * 301}, "Employer: ", "company"),
    ],
)
def test_a_bad_profile_entry_changes_nothing(
    web: Web, fields: dict[str, str], expected: str, invalid: str
) -> None:
    edit_my_profile(web.ctx, ProfileChanges(interests=["jazz"]))
    web.sign_in()
    before = my_profile(web.ctx)
    response = web.client.post(
        "/settings/profile",
        data=_profile_form(web, **{"interest": "chess", "remove_interest": "jazz", **fields}),
    )
    assert response.status_code == 400
    card = _profile_card(response.text)
    assert 'id="profile-problem" role="alert"' in card and expected in card
    assert re.search(rf'id="profile-{invalid}"[^>]*aria-invalid="true"', card)
    assert card.count('aria-invalid="true"') == 1
    for value in fields.values():  # what was typed is kept
        assert f'value="{value}"' in card
    assert my_profile(web.ctx) == before  # not even the good parts were saved


def test_profile_text_is_escaped(web: Web) -> None:
    web.sign_in()
    web.client.post(
        "/settings/profile",
        data=_profile_form(web, interest="<script>alert(1)</script>", company='"><b>Evil'),
    )
    card = _profile_card(web.client.get("/settings").text)
    assert "<script>alert" not in card and "<b>Evil" not in card
    assert "<span>&lt;script&gt;alert(1)&lt;/script&gt;</span>" in card
    assert 'value="&lt;script&gt;alert(1)&lt;/script&gt;"' in card
    assert 'value="&#34;&gt;&lt;b&gt;Evil"' in card


def test_the_profile_is_the_accounts_own_and_feeds_common_ground(web: Web) -> None:
    maria_id = web.ctx.store.ensure_account("maria", now=web.ctx.now())
    maria = replace(web.ctx, store=web.ctx.store.for_owner(maria_id))
    edit_my_profile(maria, ProfileChanges(interests=["falconry"]))
    ana = add_person(web.ctx, PersonInput(name="Ana Ruiz", interests=["climbing", "falconry"]))
    web.sign_in()
    assert "falconry" not in web.client.get("/settings").text
    common = web.client.get(f"/network/people/{ana.id}/common").text
    assert "Nothing in common is recorded yet." in common
    web.client.post("/settings/profile", data=_profile_form(web, interest="Climbing"))
    common = web.client.get(f"/network/people/{ana.id}/common").text
    assert "<dt>Interests</dt>" in common and "falconry" not in common
    assert my_profile(maria).interests == ("falconry",)
