"""The follow-ups page (the list, done and snooze in place or by plain forms) on SQLite and
PostgreSQL. The fixed clock's day is Friday 2026-11-20 (Europe/Berlin)."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from html import unescape

from kithkin.core.log_entry import LogInput
from kithkin.core.person_changes import PersonInput
from kithkin.core.records import FollowUp
from kithkin.core.vocabulary import FollowUpStatus
from kithkin.services import (
    Context,
    add_person,
    complete_follow_up,
    engine,
    list_follow_ups,
    log_interaction,
)
from kithkin.services.people import find_person
from kithkin.web.snooze import SNOOZE_CHOICES
from tests.web.conftest import Web

ROW = re.compile(r'<tr id="follow-up-(\d+)" class="([^"]*)">(.*?)</tr>', re.S)


def seed(ctx: Context) -> dict[str, int]:
    """Ana: overdue by 3 days and due in 5 days; Bo: due today, and one already done; Cy: one
    snoozed. Returns the follow-ups' ids by their text."""
    for name in ("Ana Ruiz", "Bo Chen", "Cy Diaz"):
        add_person(ctx, PersonInput(name=name))
    for who, when, text in [
        ("Ana Ruiz", "2026-11-25", "send the slides"),
        ("Bo Chen", "today", "call about the offsite"),
        ("Ana Ruiz", "2026-11-17", "send the deck"),
        ("Bo Chen", "2026-11-10", "return the book"),
        ("Cy Diaz", "2026-11-18", "intro to Dee"),
    ]:
        log_interaction(ctx, [who], LogInput(note="Coffee", follow_up=f"{when}: {text}"))
    ids = {f.text: f.id for f in list_follow_ups(ctx, include_closed=True)}
    complete_follow_up(ctx, ids["return the book"])
    engine.snooze(ctx, f"follow-up:{ids['intro to Dee']}", "1w")
    return ids


def rows(html: str) -> list[tuple[int, str, str]]:
    """(id, classes, text) of each row of the list."""
    return [
        (int(i), classes, " ".join(unescape(re.sub(r"<[^>]+>", " ", body)).split()))
        for i, classes, body in ROW.findall(html)
    ]


def by_id(ctx: Context, follow_up_id: int) -> FollowUp:
    return next(f for f in list_follow_ups(ctx, include_closed=True) if f.id == follow_up_id)


def other_owner(web: Web) -> Context:
    owner = web.ctx.store.ensure_account("someone-else", now=web.ctx.now())
    return replace(web.ctx, store=web.ctx.store.for_owner(owner))


def test_the_list_shows_open_and_snoozed_follow_ups_most_urgent_first(web: Web) -> None:
    ids = seed(web.ctx)
    web.sign_in()
    page = web.client.get("/follow-ups")
    assert page.status_code == 200
    shown = rows(page.text)
    assert [i for i, _, _ in shown] == [
        ids["send the deck"],
        ids["intro to Dee"],
        ids["call about the offsite"],
        ids["send the slides"],
    ]
    deck, dee, call, slides = shown
    assert "3 days overdue" in deck[2] and "2026-11-17" in deck[2] and "Ana Ruiz" in deck[2]
    assert "is-overdue" in deck[1]
    assert "snoozed until 2026-11-27" in dee[2] and "is-snoozed" in dee[1]
    assert "is-overdue" not in dee[1]  # put aside: not pressing until the 27th
    assert "due today" in call[2] and "is-overdue" not in call[1]
    assert "due in 5 days" in slides[2]
    assert "return the book" not in page.text  # done: only with ?all=1
    ana = find_person(web.ctx, "Ana Ruiz")
    assert f'<a class="person-link" href="/people/{ana.id}">Ana Ruiz</a>' in page.text
    summary = " ".join(unescape(re.sub(r"<[^>]+>", " ", page.text)).split())
    assert "3 open 1 snoozed 2 overdue" in summary
    assert "1–4 of 4" in summary
    assert page.text.count(">Done</button>") == 4 and page.text.count(">Snooze</button>") == 4
    for value, label in SNOOZE_CHOICES.items():
        assert f'<option value="{value}"' in page.text and f">{label}</option>" in page.text


def test_all_adds_the_done_ones_as_the_cli_does_with_all(web: Web) -> None:
    ids = seed(web.ctx)
    web.sign_in()
    page = web.client.get("/follow-ups", params={"all": "1"})
    assert page.status_code == 200
    shown = rows(page.text)
    assert shown[0][0] == ids["return the book"]
    assert "done" in shown[0][2] and "is-closed" in shown[0][1] and "overdue" not in shown[0][2]
    assert "done 2026-11-20" in shown[0][2]
    assert len(shown) == 5
    assert page.text.count(">Done</button>") == 4  # no buttons on a closed one
    assert 'aria-current="page">All, with done and dropped' in page.text
    assert 'name="back" value="all=1"' in page.text  # the forms come back to this view


def test_nothing_open_says_so(web: Web) -> None:
    web.sign_in()
    page = web.client.get("/follow-ups")
    assert page.status_code == 200
    assert "No open follow-ups." in page.text
    assert "<table" not in page.text


def test_names_and_texts_are_escaped(web: Web) -> None:
    add_person(web.ctx, PersonInput(name="<script>alert(1)</script> Eve"))
    log_interaction(
        web.ctx,
        ["Eve"],
        LogInput(note="Coffee", follow_up='tomorrow: send <img src=x onerror="alert(2)">'),
    )
    web.sign_in()
    page = web.client.get("/follow-ups")
    assert page.status_code == 200
    assert "<script>alert(1)</script>" not in page.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Eve" in page.text
    assert "<img src=x" not in page.text
    assert "send &lt;img src=x onerror=&#34;alert(2)&#34;&gt;" in page.text


def test_done_with_a_plain_form_goes_back_and_says_what_changed(web: Web) -> None:
    ids = seed(web.ctx)
    csrf = web.sign_in()
    deck = ids["send the deck"]
    sent = web.client.post(
        f"/follow-ups/{deck}/done",
        data={"csrf_token": csrf, "back": "all=1"},
        follow_redirects=False,
    )
    assert sent.status_code == 303
    assert sent.headers["location"] == f"/follow-ups?all=1&changed={deck}"
    assert by_id(web.ctx, deck).status is FollowUpStatus.DONE
    page = web.client.get(sent.headers["location"])
    assert "Done: send the deck (Ana Ruiz)" in unescape(page.text)
    page = web.client.get("/follow-ups")
    assert deck not in [i for i, _, _ in rows(page.text)]


def test_done_with_htmx_swaps_the_row_for_its_done_state(web: Web) -> None:
    ids = seed(web.ctx)
    csrf = web.sign_in()
    call = ids["call about the offsite"]
    sent = web.client.post(
        f"/follow-ups/{call}/done",
        data={"back": ""},
        headers={"HX-Request": "true", "X-CSRF-Token": csrf},
    )
    assert sent.status_code == 200
    assert "<html" not in sent.text
    (row,) = rows(sent.text)
    assert row[0] == call and "is-closed" in row[1] and "done" in row[2]
    assert ">Done</button>" not in sent.text
    assert by_id(web.ctx, call).status is FollowUpStatus.DONE
    # again, from a stale tab: the row says it was done already, and nothing else changes
    again = web.client.post(
        f"/follow-ups/{call}/done", headers={"HX-Request": "true", "X-CSRF-Token": csrf}
    )
    assert again.status_code == 200 and "It was already done." in again.text


def test_snooze_with_a_plain_form_and_with_htmx(web: Web) -> None:
    ids = seed(web.ctx)
    csrf = web.sign_in()
    deck, slides = ids["send the deck"], ids["send the slides"]
    sent = web.client.post(
        f"/follow-ups/{deck}/snooze",
        data={"csrf_token": csrf, "duration": "2w", "back": ""},
        follow_redirects=False,
    )
    assert sent.status_code == 303 and sent.headers["location"] == f"/follow-ups?changed={deck}"
    snoozed = by_id(web.ctx, deck)
    assert snoozed.status is FollowUpStatus.SNOOZED
    assert snoozed.snoozed_until == date(2026, 12, 4)
    page = web.client.get(sent.headers["location"])
    assert "Snoozed until 2026-12-04: send the deck (Ana Ruiz)" in unescape(page.text)
    row = next(r for r in rows(page.text) if r[0] == deck)
    assert "snoozed until 2026-12-04" in row[2] and "is-overdue" not in row[1]

    swapped = web.client.post(
        f"/follow-ups/{slides}/snooze",
        data={"duration": "1m"},
        headers={"HX-Request": "true", "X-CSRF-Token": csrf},
    )
    assert swapped.status_code == 200 and "<html" not in swapped.text
    (row,) = rows(swapped.text)
    assert row[0] == slides and "snoozed until 2026-12-20" in row[2]
    assert ">Done</button>" in swapped.text  # a snoozed one can still be done
    assert by_id(web.ctx, slides).snoozed_until == date(2026, 12, 20)


def test_every_change_needs_the_csrf_token(web: Web) -> None:
    ids = seed(web.ctx)
    web.sign_in()
    deck = ids["send the deck"]
    for action, data in [("done", {}), ("snooze", {"duration": "3d"})]:
        refused = web.client.post(f"/follow-ups/{deck}/{action}", data=data)
        assert refused.status_code == 403
        wrong = web.client.post(
            f"/follow-ups/{deck}/{action}", data={**data, "csrf_token": "not-the-token"}
        )
        assert wrong.status_code == 403
    assert by_id(web.ctx, deck).status is FollowUpStatus.OPEN


def test_another_accounts_follow_up_is_not_found(web: Web) -> None:
    other = other_owner(web)
    add_person(other, PersonInput(name="Zed Other"))
    log_interaction(other, ["Zed Other"], LogInput(note="Tea", follow_up="today: their secret"))
    (theirs,) = list_follow_ups(other)
    seed(web.ctx)
    csrf = web.sign_in()
    page = web.client.get("/follow-ups")
    assert "their secret" not in page.text and "Zed Other" not in page.text
    for action, data in [("done", {}), ("snooze", {"duration": "3d"})]:
        for target in (str(theirs.id), "999999", "2147483648", "abc", "²", "1" * 40):
            answer = web.client.post(
                f"/follow-ups/{target}/{action}", data={**data, "csrf_token": csrf}
            )
            assert answer.status_code == 404, (target, answer.text)
            assert "There is no such follow-up." in answer.text
    (still,) = list_follow_ups(other)
    assert still.status is FollowUpStatus.OPEN and still.snoozed_until is None
    # and a ?changed= naming it says nothing about it
    page = web.client.get("/follow-ups", params={"changed": str(theirs.id)})
    assert page.status_code == 200 and "their secret" not in page.text


def test_bad_input_is_explained_and_changes_nothing(web: Web) -> None:
    ids = seed(web.ctx)
    csrf = web.sign_in()
    deck, book = ids["send the deck"], ids["return the book"]
    wrong = web.client.post(
        f"/follow-ups/{deck}/snooze", data={"csrf_token": csrf, "duration": "forever"}
    )
    assert wrong.status_code == 400
    alert = re.search(r'role="alert">([^<]*)<', wrong.text)
    assert alert is not None
    assert unescape(alert.group(1)) == (
        "Nothing changed: snooze for one of 1 day, 3 days, 1 week, 2 weeks, 1 month "
        "(not 'forever')."
    )
    assert by_id(web.ctx, deck).status is FollowUpStatus.OPEN
    # a done one cannot be done again, nor snoozed (which would reopen it)
    twice = web.client.post(f"/follow-ups/{book}/done", data={"csrf_token": csrf})
    assert twice.status_code == 409
    assert "follow-up" in twice.text and "is already done" in twice.text
    reopened = web.client.post(
        f"/follow-ups/{book}/snooze", data={"csrf_token": csrf, "duration": "3d"}
    )
    assert reopened.status_code == 409 and "only an open one can be snoozed" in reopened.text
    assert by_id(web.ctx, book).status is FollowUpStatus.DONE
    # a page position that is not one
    for position in ("2026-02-30.1", "2026-11-20.abc", "2026-11-20.2147483648"):
        wrong_page = web.client.get("/follow-ups", params={"after": position})
        assert wrong_page.status_code == 400, position
    far = web.client.get("/follow-ups", params={"after": "2026-11-20.2147483647"})
    assert far.status_code == 200 and len(rows(far.text)) == 1  # what comes after that
    odd = web.client.get("/follow-ups", params={"changed": "9" * 40})
    assert odd.status_code == 200
    lost = web.client.get("/follow-ups", params={"after": "yesterday"})
    assert lost.status_code == 400
    assert "that is not a page position of this list" in lost.text
    assert len(rows(lost.text)) == 4  # and the first page instead


def test_a_return_address_never_leaves_the_list(web: Web) -> None:
    ids = seed(web.ctx)
    csrf = web.sign_in()
    deck = ids["send the deck"]
    sent = web.client.post(
        f"/follow-ups/{deck}/done",
        data={"csrf_token": csrf, "back": "https://evil.example/?all=1&next=//evil.example"},
        follow_redirects=False,
    )
    assert sent.status_code == 303
    assert sent.headers["location"] == f"/follow-ups?changed={deck}"


def test_a_long_list_comes_a_hundred_at_a_time(web: Web) -> None:
    add_person(web.ctx, PersonInput(name="Ana Ruiz"))
    for n in range(102):
        day = date(2026, 10, 1 + n % 30).isoformat()
        log_interaction(web.ctx, ["Ana Ruiz"], LogInput(note="x", follow_up=f"{day}: task {n}"))
    csrf = web.sign_in()
    first = web.client.get("/follow-ups")
    shown = rows(first.text)
    assert len(shown) == 100
    text = " ".join(unescape(re.sub(r"<[^>]+>", " ", first.text)).split())
    assert "1–100 of 102 · 2 more" in text and "Next 2 →" in text
    link = re.search(r'<a rel="next" class="next" href="([^"]+)"', first.text)
    assert link is not None
    second = web.client.get(unescape(link.group(1)))
    assert second.status_code == 200
    later = rows(second.text)
    assert len(later) == 2 and not {i for i, _, _ in later} & {i for i, _, _ in shown}
    every = [f.id for f in list_follow_ups(web.ctx)]  # the CLI's order
    assert [i for i, _, _ in shown + later] == every
    text = " ".join(unescape(re.sub(r"<[^>]+>", " ", second.text)).split())
    assert "101–102 of 102" in text and "← First page" in text
    # a form on the second page comes back to the second page
    back = re.search(r'name="back" value="([^"]+)"', second.text)
    assert back is not None and unescape(back.group(1)).startswith("after=")
    done = web.client.post(
        f"/follow-ups/{later[0][0]}/done",
        data={"csrf_token": csrf, "back": unescape(back.group(1))},
        follow_redirects=False,
    )
    assert done.status_code == 303
    assert done.headers["location"].startswith("/follow-ups?after=")
    assert done.headers["location"].endswith(f"&changed={later[0][0]}")
