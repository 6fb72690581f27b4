"""The person page's actions: a milestone added, a follow-up done or snoozed, an interaction's
purpose corrected, the person deleted. Each as a plain form (303 back) and in place with htmx,
on SQLite and PostgreSQL."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import timedelta

import pytest
from sqlalchemy import select

from kithkin.core.log_entry import LogInput
from kithkin.core.person_changes import PersonInput
from kithkin.core.records import FollowUp, Person
from kithkin.core.vocabulary import FollowUpStatus, MilestoneKind, Purpose, PurposeSource
from kithkin.errors import NotFound
from kithkin.services import Context, add_person, log_interaction
from kithkin.services.engine import local_today
from kithkin.services.events import add_milestone
from kithkin.services.people import find_person
from kithkin.services.person_actions import milestones_of, removal_preview
from kithkin.services.purpose import RETRAIN_AFTER
from kithkin.store.tables import InteractionRow, PurposeCorrectionRow
from kithkin.web.snooze import SNOOZE_CHOICES
from tests.web.conftest import Web

HTMX = {"HX-Request": "true"}


def other_owner(web: Web) -> Context:
    owner = web.ctx.store.ensure_account("someone-else", now=web.ctx.now())
    return replace(web.ctx, store=web.ctx.store.for_owner(owner))


def follow_ups(ctx: Context, uid: str | None = None) -> list[FollowUp]:
    with ctx.store.transaction() as tx:
        found = tx.follow_ups.list()
    return [f for f in found if uid is None or (f.person is not None and f.person.id == uid)]


def interaction_ids(ctx: Context) -> list[int]:
    with ctx.store.transaction() as tx:
        return list(tx.session.scalars(select(InteractionRow.id).order_by(InteractionRow.id)))


def ana_with_a_follow_up(web: Web, text: str = "send the deck") -> tuple[Person, FollowUp]:
    ana = add_person(web.ctx, PersonInput(name="Ana Ruiz"))
    log_interaction(web.ctx, ["Ana Ruiz"], LogInput(note="Lunch", follow_up=f"next friday: {text}"))
    (follow_up,) = follow_ups(web.ctx, ana.id)
    return ana, follow_up


# -- what the page offers ------------------------------------------------------------------


def test_the_page_offers_every_action_with_plain_forms(web: Web) -> None:
    ana, follow_up = ana_with_a_follow_up(web)
    (interaction_id,) = interaction_ids(web.ctx)
    web.sign_in()
    html = web.client.get(f"/people/{ana.id}").text
    done = f"/people/{ana.id}/follow-ups/{follow_up.id}/done"
    snooze = f"/people/{ana.id}/follow-ups/{follow_up.id}/snooze"
    purpose = f"/people/{ana.id}/interactions/{interaction_id}/purpose"
    for url in (done, snooze, f"/people/{ana.id}/milestones"):
        assert f'method="post" action="{url}"' in html, url
        assert f'hx-post="{url}"' in html, url
    # The timeline links each entry to its purpose form (30 forms would slow the page down).
    assert f'href="{purpose}" hx-get="{purpose}"' in html
    assert f'action="{purpose}"' not in html
    assert f'action="/people/{ana.id}/delete"' in html and "Delete…" in html
    for anchor in ('id="follow-ups"', 'id="milestones"', 'id="timeline"'):
        assert anchor in html
    assert f'id="moment-{interaction_id}"' in html
    # The page offers the durations the route takes, and the CLI's milestone kinds.
    offered = re.findall(r'<option value="(\w+)"(?: selected)?>\d+ \w+</option>', html)
    assert offered == list(SNOOZE_CHOICES)
    kinds = re.search(r'<select name="kind"[^>]*>(.*?)</select>', html, re.S)
    assert kinds is not None
    assert re.findall(r'value="([\w-]+)"', kinds.group(1)) == [k.value for k in MilestoneKind]
    assert html.count('name="csrf_token"') >= 5


def test_user_text_is_escaped_in_the_actions(web: Web) -> None:
    evil = "<script>alert(1)</script>"
    ana = add_person(web.ctx, PersonInput(name=f"Ana {evil}"))
    log_interaction(web.ctx, [ana.id], LogInput(note=evil, follow_up=f"tomorrow: {evil}"))
    add_milestone(web.ctx, ana.id, "wedding", "2020-06-01", note=evil)
    web.sign_in()
    for url in (f"/people/{ana.id}", f"/people/{ana.id}/delete"):
        html = web.client.get(url).text
        assert evil not in html, url
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html, url
    assert 'aria-label="Done: &lt;script&gt;' in web.client.get(f"/people/{ana.id}").text


# -- milestones ----------------------------------------------------------------------------


def test_adding_a_milestone_without_javascript(web: Web) -> None:
    ana = add_person(web.ctx, PersonInput(name="Ana Ruiz"))
    csrf = web.sign_in()
    response = web.client.post(
        f"/people/{ana.id}/milestones",
        data={
            "csrf_token": csrf,
            "kind": "work-anniversary",
            "day": "2021-03-01",
            "repeat": "yearly",
            "note": "joined Acme",
        },
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert response.headers["location"] == f"/people/{ana.id}#milestones"
    (milestone,) = milestones_of(web.ctx, ana.id).milestones
    assert (milestone.kind, milestone.day.iso(), milestone.recurring, milestone.note) == (
        "work-anniversary",
        "2021-03-01",
        True,
        "joined Acme",
    )
    page = web.client.get(f"/people/{ana.id}").text
    assert "2021-03-01</span> work-anniversary — joined Acme" in page


def test_adding_a_milestone_in_place(web: Web) -> None:
    ana = add_person(web.ctx, PersonInput(name="Ana Ruiz", birthday="--03-14"))
    csrf = web.sign_in()
    response = web.client.post(
        f"/people/{ana.id}/milestones",
        data={"csrf_token": csrf, "kind": "wedding", "day": "2024-09-07", "repeat": "once"},
        headers=HTMX,
    )
    assert response.status_code == 200
    html = response.text
    assert html.strip().startswith('<section class="card" id="milestones"')  # the card alone
    assert "Remembered the wedding on 2024-09-07." in html
    assert '2024-09-07</span> wedding <span class="muted">(once)</span>' in html
    assert "--03-14</span> birthday" in html
    assert 'value=""' in html  # a fresh form
    (milestone,) = milestones_of(web.ctx, ana.id).milestones
    assert (milestone.kind, milestone.recurring) == ("wedding", False)


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({"kind": "divorce"}, "kind: &#39;divorce&#39; is not one of: work-anniversary"),
        ({"day": "2024-13-01"}, "date: &#39;2024-13-01&#39;"),
        ({"day": "soon"}, "date: &#39;soon&#39; is not a date"),
        ({"day": "  "}, "date: give the day"),
        ({"day": "--06-01", "repeat": "once"}, "a one-time milestone needs a year"),
        ({"repeat": "weekly"}, "repeat: &#39;weekly&#39; is not one of: yearly, once"),
    ],
)
def test_a_bad_milestone_is_shown_in_the_card_and_nothing_is_written(
    web: Web, changes: dict[str, str], problem: str
) -> None:
    ana = add_person(web.ctx, PersonInput(name="Ana Ruiz"))
    csrf = web.sign_in()
    form = {"csrf_token": csrf, "kind": "move", "day": "2024-05-01", "note": "<b>Lisbon</b>"}
    form |= changes
    plain = web.client.post(f"/people/{ana.id}/milestones", data=form)
    assert plain.status_code == 400
    assert "<h1>Ana Ruiz</h1>" in plain.text  # the whole page, the problem in its card
    card = plain.text[plain.text.index('id="milestones"') :]
    card = card[: card.index("</section>")]
    assert problem in card, problem
    assert 'role="alert"' in card and '<details class="milestone-add" open>' in card
    assert 'value="&lt;b&gt;Lisbon&lt;/b&gt;"' in card  # what was typed is kept
    in_place = web.client.post(f"/people/{ana.id}/milestones", data=form, headers=HTMX)
    assert in_place.status_code == 200  # htmx swaps it in
    assert problem in in_place.text and "<html" not in in_place.text
    assert milestones_of(web.ctx, ana.id).milestones == ()


# -- follow-ups ----------------------------------------------------------------------------


def test_a_follow_up_done_without_javascript(web: Web) -> None:
    ana, follow_up = ana_with_a_follow_up(web)
    csrf = web.sign_in()
    url = f"/people/{ana.id}/follow-ups/{follow_up.id}/done"
    response = web.client.post(url, data={"csrf_token": csrf}, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == f"/people/{ana.id}#follow-ups"
    assert follow_ups(web.ctx, ana.id)[0].status is FollowUpStatus.DONE
    assert "send the deck" not in web.client.get(f"/people/{ana.id}").text
    again = web.client.post(url, data={"csrf_token": csrf})
    assert again.status_code == 400
    assert "“send the deck” is already done." in again.text


def test_a_follow_up_done_in_place(web: Web) -> None:
    ana, follow_up = ana_with_a_follow_up(web)
    csrf = web.sign_in()
    response = web.client.post(
        f"/people/{ana.id}/follow-ups/{follow_up.id}/done",
        data={"csrf_token": csrf},
        headers=HTMX,
    )
    assert response.status_code == 200
    assert '<section class="card" id="follow-ups"' in response.text
    assert "Nothing open." in response.text and "send the deck" not in response.text
    assert follow_ups(web.ctx, ana.id)[0].status is FollowUpStatus.DONE


@pytest.mark.parametrize(("duration", "days"), [("3d", 3), ("1w", 7), ("2w", 14), ("1m", 30)])
def test_a_follow_up_snoozed_for_each_choice(web: Web, duration: str, days: int) -> None:
    ana, follow_up = ana_with_a_follow_up(web)
    csrf = web.sign_in()
    url = f"/people/{ana.id}/follow-ups/{follow_up.id}/snooze"
    response = web.client.post(
        url, data={"csrf_token": csrf, "duration": duration}, follow_redirects=False
    )
    assert response.status_code == 303
    assert response.headers["location"] == f"/people/{ana.id}#follow-ups"
    (snoozed,) = follow_ups(web.ctx, ana.id)
    until = local_today(web.ctx) + timedelta(days=days)
    assert (snoozed.status, snoozed.snoozed_until) == (FollowUpStatus.SNOOZED, until)
    page = web.client.get(f"/people/{ana.id}").text
    assert f"snoozed until {until.isoformat()}" in page


def test_a_follow_up_snoozed_in_place_and_a_bad_duration(web: Web) -> None:
    ana, follow_up = ana_with_a_follow_up(web)
    csrf = web.sign_in()
    url = f"/people/{ana.id}/follow-ups/{follow_up.id}/snooze"
    for duration in ("1y", "next monday", ""):
        plain = web.client.post(url, data={"csrf_token": csrf, "duration": duration})
        assert plain.status_code == 400
        assert "choose one of 1 day, 3 days, 1 week, 2 weeks, 1 month" in plain.text
        in_place = web.client.post(
            url, data={"csrf_token": csrf, "duration": duration}, headers=HTMX
        )
        assert in_place.status_code == 200 and 'role="alert"' in in_place.text
    assert follow_ups(web.ctx, ana.id)[0].status is FollowUpStatus.OPEN
    response = web.client.post(url, data={"csrf_token": csrf, "duration": "2w"}, headers=HTMX)
    until = local_today(web.ctx) + timedelta(days=14)
    assert f"snoozed until {until.isoformat()}" in response.text
    assert 'role="alert"' not in response.text


def test_someone_elses_follow_ups_are_not_found(web: Web) -> None:
    ana, mine = ana_with_a_follow_up(web)
    bo = add_person(web.ctx, PersonInput(name="Bo Chen"))
    add_person(other_owner(web), PersonInput(name="Zed Secret"))
    log_interaction(
        other_owner(web), ["Zed Secret"], LogInput(note="x", follow_up="tomorrow: secret")
    )
    (theirs,) = follow_ups(other_owner(web))
    csrf = web.sign_in()
    for uid, number in (
        (bo.id, str(mine.id)),  # Ana's follow-up on Bo's page
        (ana.id, str(theirs.id)),  # another account's
        (ana.id, "999999"),
        (ana.id, "abc"),
        ("0" * 32, str(mine.id)),
        ("Ana Ruiz", str(mine.id)),  # a name is not an id
    ):
        for action, data in (("done", {}), ("snooze", {"duration": "1w"})):
            response = web.client.post(
                f"/people/{uid}/follow-ups/{number}/{action}", data={"csrf_token": csrf} | data
            )
            assert response.status_code == 404, (uid, number, action)
    assert follow_ups(web.ctx, ana.id)[0].status is FollowUpStatus.OPEN
    assert follow_ups(other_owner(web))[0].status is FollowUpStatus.OPEN


# -- an interaction's purpose --------------------------------------------------------------

NOTE = "Coffee with a recruiter from Stripe about the staff engineer role"


def test_correcting_a_purpose_without_javascript(web: Web) -> None:
    ana = add_person(web.ctx, PersonInput(name="Ana Ruiz"))
    log_interaction(web.ctx, ["Ana Ruiz"], LogInput(note=NOTE))
    (interaction_id,) = interaction_ids(web.ctx)
    csrf = web.sign_in()
    before = web.client.get(f"/people/{ana.id}").text
    assert re.search(r'purpose-networking">networking · guess \d+%</span>', before)
    response = web.client.post(
        f"/people/{ana.id}/interactions/{interaction_id}/purpose",
        data={"csrf_token": csrf, "purpose": "social"},
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert response.headers["location"] == f"/people/{ana.id}#moment-{interaction_id}"
    after = web.client.get(f"/people/{ana.id}").text
    assert 'class="badge purpose purpose-social">social</span>' in after
    form = web.client.get(f"/people/{ana.id}/interactions/{interaction_id}/purpose").text
    assert 'value="social" class="secondary small" aria-pressed="true"' in form
    assert "Now marked" in form and "by you" in form
    with web.ctx.store.transaction() as tx:
        interaction = tx.interactions.get(interaction_id)
        rows = tx.session.scalars(select(PurposeCorrectionRow)).all()
    assert (interaction.purpose, interaction.purpose_source) == (
        Purpose.SOCIAL,
        PurposeSource.USER,
    )
    assert [(r.text, r.purpose, r.model_purpose) for r in rows] == [(NOTE, "social", "networking")]


def test_the_purpose_form_on_its_own_page_and_in_place(web: Web) -> None:
    ana = add_person(web.ctx, PersonInput(name="Ana <Ruiz>"))
    log_interaction(web.ctx, [ana.id], LogInput(note=f"{NOTE} <b>"))
    (interaction_id,) = interaction_ids(web.ctx)
    web.sign_in()
    url = f"/people/{ana.id}/interactions/{interaction_id}/purpose"
    alone = web.client.get(url)
    assert alone.status_code == 200
    assert '<h1 id="purpose-title">What was this about?</h1>' in alone.text
    assert f"{NOTE} &lt;b&gt;" in alone.text and "Ana &lt;Ruiz&gt;" in alone.text
    assert re.search(r"the model’s guess \(\d+% sure\)", alone.text)
    assert f'method="post" action="{url}"' in alone.text and 'name="csrf_token"' in alone.text
    in_place = web.client.get(url, headers=HTMX)
    assert in_place.text.lstrip().startswith('<form class="purpose-form"')
    assert "<html" not in in_place.text
    for choice in ("networking", "social", "both"):
        assert f'name="purpose" value="{choice}"' in in_place.text


def test_correcting_purposes_in_place_teaches_the_model(web: Web) -> None:
    ana = add_person(web.ctx, PersonInput(name="Ana Ruiz"))
    bo = add_person(web.ctx, PersonInput(name="Bo Chen"))
    for number in range(RETRAIN_AFTER):
        log_interaction(
            web.ctx, ["Ana Ruiz", "Bo Chen"], LogInput(note=f"Bouldering with Kai, round {number}")
        )
    ids = interaction_ids(web.ctx)
    csrf = web.sign_in()
    answers = [
        web.client.post(
            f"/people/{ana.id}/interactions/{interaction_id}/purpose",
            data={"csrf_token": csrf, "purpose": "networking"},
            headers=HTMX,
        )
        for interaction_id in ids
    ]
    first, last = answers[0].text, answers[-1].text
    assert all(answer.status_code == 200 for answer in answers)
    assert "<html" not in first
    assert first.strip().startswith(f'<li class="moment" id="moment-{ids[0]}">')
    assert 'class="badge purpose purpose-networking">networking</span>' in first
    assert "Now networking. The model had said social; it will learn from this." in first
    assert "Retrained on" not in first
    assert f"Retrained on {RETRAIN_AFTER} corrections." in last
    assert f'href="/people/{bo.id}">Bo Chen</a>' in last  # still "with Bo Chen"


def test_a_bad_purpose_changes_nothing(web: Web) -> None:
    ana = add_person(web.ctx, PersonInput(name="Ana Ruiz"))
    log_interaction(web.ctx, ["Ana Ruiz"], LogInput(note=NOTE))
    (interaction_id,) = interaction_ids(web.ctx)
    csrf = web.sign_in()
    url = f"/people/{ana.id}/interactions/{interaction_id}/purpose"
    plain = web.client.post(url, data={"csrf_token": csrf, "purpose": "business"})
    assert plain.status_code == 400  # the form's own page, with the problem
    assert "purpose: &#39;business&#39; is not one of: networking, social, both" in plain.text
    assert f'action="{url}"' in plain.text and "What was this about?" in plain.text
    in_place = web.client.post(url, data={"csrf_token": csrf, "purpose": ""}, headers=HTMX)
    assert in_place.status_code == 200 and "is not one of" in in_place.text
    assert f'<li class="moment" id="moment-{interaction_id}">' in in_place.text
    assert f'action="{url}"' in in_place.text  # the form stays open
    with web.ctx.store.transaction() as tx:
        assert tx.interactions.get(interaction_id).purpose_source is PurposeSource.MODEL
        assert tx.session.scalars(select(PurposeCorrectionRow)).all() == []


def test_someone_elses_interactions_are_not_found(web: Web) -> None:
    ana = add_person(web.ctx, PersonInput(name="Ana Ruiz"))
    bo = add_person(web.ctx, PersonInput(name="Bo Chen"))
    log_interaction(web.ctx, ["Ana Ruiz"], LogInput(note=NOTE))
    (mine,) = interaction_ids(web.ctx)
    add_person(other_owner(web), PersonInput(name="Zed Secret"))
    log_interaction(other_owner(web), ["Zed Secret"], LogInput(note="secret"))
    theirs = max(interaction_ids(other_owner(web)))
    csrf = web.sign_in()
    for uid, number in (
        (bo.id, str(mine)),  # Ana's interaction on Bo's page
        (ana.id, str(theirs)),
        (ana.id, "0"),
        (ana.id, "x1"),
        ("Ana Ruiz", str(mine)),
    ):
        url = f"/people/{uid}/interactions/{number}/purpose"
        assert web.client.get(url).status_code == 404, (uid, number)
        response = web.client.post(url, data={"csrf_token": csrf, "purpose": "social"})
        assert response.status_code == 404, (uid, number)
        assert "secret" not in response.text
    with web.ctx.store.transaction() as tx:
        assert tx.interactions.get(mine).purpose_source is PurposeSource.MODEL


# -- deleting the person -------------------------------------------------------------------


def seed_to_delete(web: Web) -> tuple[Person, Person]:
    ana = add_person(
        web.ctx,
        PersonInput(
            name="Ana Ruiz",
            emails=["ana@example.com", "ana@acme.example.org"],
            phones=["+1 415 555 0100"],
            company="Acme",
            tags=["rust"],
            birthday="--03-14",
            notes="Likes tea",
        ),
    )
    bo = add_person(web.ctx, PersonInput(name="Bo Chen"))
    log_interaction(
        web.ctx,
        ["Ana Ruiz"],
        LogInput(note=NOTE, follow_up="tomorrow: send the deck", gave=["intro:to Sam"]),
    )
    log_interaction(web.ctx, ["Ana Ruiz"], LogInput(note="Call", date="2026-11-02"))
    log_interaction(web.ctx, ["Ana Ruiz", "Bo Chen"], LogInput(note="Drinks", date="2026-11-10"))
    add_milestone(web.ctx, "Ana Ruiz", "wedding", "2024-09-07", once=True)
    return ana, bo


def test_the_delete_page_says_what_goes_and_what_stays(web: Web) -> None:
    ana, _ = seed_to_delete(web)
    web.sign_in()
    first = interaction_ids(web.ctx)[0]
    web.client.post(
        f"/people/{ana.id}/interactions/{first}/purpose",
        data={"csrf_token": web.csrf, "purpose": "social"},
    )
    response = web.client.get(f"/people/{ana.id}/delete")
    assert response.status_code == 200
    html = response.text
    for expected in (
        '<h1 id="delete-title">Delete Ana Ruiz?</h1>',
        "cannot be undone",
        "2 e-mail addresses, 1 phone number, 1 job, the birthday, 1 tag, your notes about them",
        "2 interactions only they were in, with their notes.",
        "1 follow-up about them, open or done.",
        "1 milestone.",
        "1 give-and-take entry",
        "1 interaction with other people too: it stays on their timelines, without Ana Ruiz.",
        "1 purpose correction you made on the notes of interactions only they were in",
        f'method="post" action="/people/{ana.id}/delete"',
        'name="csrf_token"',
    ):
        assert expected in html, expected
    counts = removal_preview(web.ctx, ana.id).counts
    assert (counts.only_theirs, counts.shared, counts.follow_ups, counts.corrections) == (
        2,
        1,
        1,
        1,
    )
    assert find_person(web.ctx, ana.id).name == "Ana Ruiz"  # looking deletes nothing


def test_deleting_a_person(web: Web) -> None:
    ana, bo = seed_to_delete(web)
    shared = interaction_ids(web.ctx)[-1]
    csrf = web.sign_in()
    no_token = web.client.post(f"/people/{ana.id}/delete", data={})
    assert no_token.status_code == 403
    assert find_person(web.ctx, ana.id).name == "Ana Ruiz"
    response = web.client.post(
        f"/people/{ana.id}/delete", data={"csrf_token": csrf}, follow_redirects=False
    )
    assert response.status_code == 303
    assert response.headers["location"] == "/people?deleted=1"
    listed = web.client.get("/people?deleted=1")
    assert listed.status_code == 200 and 'role="status">Deleted, with their contact' in listed.text
    assert "Deleted, with" not in web.client.get("/people").text
    with pytest.raises(NotFound):
        find_person(web.ctx, ana.id)
    assert web.client.get(f"/people/{ana.id}").status_code == 404
    assert web.client.get(f"/people/{ana.id}/delete").status_code == 404
    assert interaction_ids(web.ctx) == [shared]  # the one with Bo stays, without Ana
    with web.ctx.store.transaction() as tx:
        assert [p.name for p in tx.interactions.get(shared).people] == ["Bo Chen"]
    assert follow_ups(web.ctx) == []
    assert "Drinks" in web.client.get(f"/people/{bo.id}").text


def test_deleting_needs_exactly_an_own_persons_id(web: Web) -> None:
    ana = add_person(web.ctx, PersonInput(name="Ana Ruiz"))
    theirs = add_person(other_owner(web), PersonInput(name="Zed Secret"))
    csrf = web.sign_in()
    for uid in (theirs.id, ana.id[:8], "Ana Ruiz", "ana", "0" * 32):
        assert web.client.get(f"/people/{uid}/delete").status_code == 404, uid
        response = web.client.post(f"/people/{uid}/delete", data={"csrf_token": csrf})
        assert response.status_code == 404, uid
        assert "Zed" not in response.text
    assert find_person(web.ctx, ana.id).name == "Ana Ruiz"
    assert find_person(other_owner(web), theirs.id).name == "Zed Secret"


# -- every change needs the CSRF token -----------------------------------------------------


def test_every_action_needs_the_csrf_token(web: Web) -> None:
    ana, follow_up = ana_with_a_follow_up(web)
    (interaction_id,) = interaction_ids(web.ctx)
    web.sign_in()
    posts: list[tuple[str, dict[str, str]]] = [
        (f"/people/{ana.id}/milestones", {"kind": "move", "day": "2024-05-01"}),
        (f"/people/{ana.id}/follow-ups/{follow_up.id}/done", {}),
        (f"/people/{ana.id}/follow-ups/{follow_up.id}/snooze", {"duration": "1w"}),
        (f"/people/{ana.id}/interactions/{interaction_id}/purpose", {"purpose": "social"}),
        (f"/people/{ana.id}/delete", {}),
    ]
    for url, data in posts:
        for token in (None, "wrong"):
            sent = data | ({"csrf_token": token} if token else {})
            response = web.client.post(url, data=sent)
            assert response.status_code == 403, (url, token)
    assert milestones_of(web.ctx, ana.id).milestones == ()
    assert follow_ups(web.ctx, ana.id)[0].status is FollowUpStatus.OPEN
    with web.ctx.store.transaction() as tx:
        assert tx.interactions.get(interaction_id).purpose_source is not PurposeSource.USER
