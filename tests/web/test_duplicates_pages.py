"""The duplicates page (pairs side by side, merging one) on SQLite and PostgreSQL."""

from __future__ import annotations

import re
from dataclasses import replace
from html import unescape

import pytest

from kithkin.core.log_entry import LogInput
from kithkin.core.person_changes import PersonInput
from kithkin.core.records import Person
from kithkin.errors import NotFound
from kithkin.services import Context, add_person, log_interaction
from kithkin.services import duplicates_pages as service
from kithkin.services.duplicates import find_duplicates
from kithkin.services.people import find_person
from tests.web.conftest import Web

PAIR = re.compile(r'<section class="card dup-pair".*?</section>', re.S)


def seed(ctx: Context) -> tuple[Person, Person]:
    """Robert and Bob Smith at Acme (a nickname and the same company: score 74), and two
    Sam Lees (the same name alone: 40)."""
    robert = add_person(
        ctx,
        PersonInput(name="Robert Smith", company="Acme", title="CTO", emails=["rob@acme.example"]),
    )
    bob = add_person(
        ctx,
        PersonInput(
            name="Bob Smith",
            company="Acme",
            emails=["bob@home.example"],
            phones=["+1 415 555 0100"],
            tags=["climber"],
        ),
    )
    log_interaction(ctx, ["Bob Smith"], LogInput(note="climbing", channel="in-person"))
    add_person(ctx, PersonInput(name="Sam Lee"))
    add_person(ctx, PersonInput(name="Sam Lee", emails=["sam@example.com"]))
    return robert, bob


def other_owner(web: Web) -> Context:
    owner = web.ctx.store.ensure_account("someone-else", now=web.ctx.now())
    return replace(web.ctx, store=web.ctx.store.for_owner(owner))


def pairs(html: str) -> list[str]:
    return PAIR.findall(html)


def text(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def merge_forms(html: str) -> list[tuple[str, str]]:
    """(keep, other) of each merge form, in page order."""
    return re.findall(
        r'action="/duplicates/merge".*?name="keep" value="([^"]*)".*?'
        r'name="other" value="([^"]*)"',
        html,
        re.S,
    )


def exists(ctx: Context, uid: str) -> bool:
    return service.person_ref(ctx, uid) is not None


def test_the_pairs_are_shown_best_first_side_by_side_with_score_and_reasons(web: Web) -> None:
    robert, bob = seed(web.ctx)
    web.sign_in()
    page = web.client.get("/duplicates")
    assert page.status_code == 200
    shown = pairs(page.text)
    assert len(shown) == 2
    first, second = text(shown[0]), text(shown[1])
    assert first.startswith("74 Bob is a nickname of Robert and same company Acme")
    assert "Robert Smith " + robert.id[:8] in first and "Bob Smith " + bob.id[:8] in first
    assert "Works CTO at Acme Acme" in first
    assert "E-mail rob@acme.example bob@home.example" in first
    assert "Phone +14155550100" in first
    assert "Last contact never today" in first
    assert f'href="/people/{robert.id}"' in shown[0] and f'href="/people/{bob.id}"' in shown[0]
    assert second.startswith("40 same name") and second.count("Sam Lee") >= 2
    # one form per side: keep this one, merge the other into it
    assert merge_forms(shown[0]) == [(robert.id, bob.id), (bob.id, robert.id)]
    assert shown[0].count(f'name="csrf_token" value="{web.csrf}"') == 2
    assert "and the other record is deleted. This cannot be undone." in first
    assert "2 pairs." in text(page.text)


def test_what_a_merge_does_is_said_before_merging(web: Web) -> None:
    seed(web.ctx)
    web.sign_in()
    said = text(web.client.get("/duplicates").text)
    assert "What a merge does" in said
    assert "interaction, ledger entry, follow-up, milestone" in said
    assert "stays on as a nickname" in said
    assert "Then the other record is deleted." in said and "there is no undo" in said


def test_no_duplicates_says_so(web: Web) -> None:
    add_person(web.ctx, PersonInput(name="Ana Ruiz"))
    web.sign_in()
    page = web.client.get("/duplicates")
    assert page.status_code == 200
    assert pairs(page.text) == []
    assert "No likely duplicates." in page.text


def test_only_the_best_pairs_are_shown_with_the_total(
    web: Web, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed(web.ctx)
    monkeypatch.setattr(service, "PAGE_PAIRS", 1)
    web.sign_in()
    page = web.client.get("/duplicates")
    assert len(pairs(page.text)) == 1
    assert "2 pairs; the best 1 are shown." in text(page.text)


def test_names_and_reasons_are_escaped(web: Web) -> None:
    for email in ("x@example.com", "y@example.com"):
        add_person(web.ctx, PersonInput(name="<script>alert(1)</script> Smith", emails=[email]))
    web.sign_in()
    page = web.client.get("/duplicates")
    assert len(pairs(page.text)) == 1
    assert "<script>alert" not in page.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Smith" in page.text


def test_merging_keeps_the_chosen_record_and_comes_back_with_a_confirmation(web: Web) -> None:
    robert, bob = seed(web.ctx)
    csrf = web.sign_in()
    assert len(pairs(web.client.get("/duplicates").text)) == 2  # the list is now cached
    sent = web.client.post(
        "/duplicates/merge",
        data={"csrf_token": csrf, "keep": bob.id, "other": robert.id},
        follow_redirects=False,
    )
    assert sent.status_code == 303
    assert sent.headers["location"] == f"/duplicates?merged={bob.id}"
    page = web.client.get(sent.headers["location"])
    assert "Merged into Bob Smith" in text(page.text)
    assert f'Merged into <a href="/people/{bob.id}">Bob Smith</a>' in page.text
    assert [text(pair).split(" ")[:3] for pair in pairs(page.text)] == [["40", "same", "name"]]
    assert not exists(web.ctx, robert.id)
    kept = find_person(web.ctx, bob.id)
    assert {email.value for email in kept.emails} == {"bob@home.example", "rob@acme.example"}
    assert kept.nicknames == ("Robert Smith",)
    assert web.client.get(f"/people/{robert.id}").status_code == 404


def test_merging_one_pair_after_another_does_not_look_for_pairs_again(
    web: Web, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Finding the pairs takes seconds at 100k people: a merge made on the page takes its
    pair out of the kept list instead of making the next visit look again."""
    robert, bob = seed(web.ctx)
    csrf = web.sign_in()
    assert len(pairs(web.client.get("/duplicates").text)) == 2
    assert "2 pairs" in text(web.client.get("/duplicates").text)

    def refuse(*args: object, **kwargs: object) -> object:
        raise AssertionError("looked for the pairs again")

    monkeypatch.setattr(service, "find_duplicates", refuse)
    merged = web.client.post(
        "/duplicates/merge", data={"csrf_token": csrf, "keep": bob.id, "other": robert.id}
    )
    assert merged.status_code == 200
    shown = pairs(merged.text)
    assert [text(pair).split(" ")[:3] for pair in shown] == [["40", "same", "name"]]
    assert robert.id not in merged.text.split("Merged into")[-1]

    add_person(web.ctx, PersonInput(name="Ana Ruiz"))  # any other write: looked for again
    with pytest.raises(AssertionError, match="looked for the pairs again"):
        web.client.get("/duplicates")


def test_a_merge_without_the_csrf_token_is_refused(web: Web) -> None:
    robert, bob = seed(web.ctx)
    web.sign_in()
    sent = web.client.post("/duplicates/merge", data={"keep": robert.id, "other": bob.id})
    assert sent.status_code == 403
    assert exists(web.ctx, robert.id) and exists(web.ctx, bob.id)


def test_another_accounts_people_are_neither_shown_nor_merged(web: Web) -> None:
    robert, _ = seed(web.ctx)
    theirs = other_owner(web)
    a = add_person(theirs, PersonInput(name="Zed Quinn", emails=["zed@example.com"]))
    b = add_person(theirs, PersonInput(name="Zed Quinn"))
    csrf = web.sign_in()
    assert "Zed Quinn" not in web.client.get("/duplicates").text
    for keep, other in ((a.id, b.id), (robert.id, a.id), (a.id, robert.id)):
        sent = web.client.post(
            "/duplicates/merge", data={"csrf_token": csrf, "keep": keep, "other": other}
        )
        assert sent.status_code == 404
        assert "Nothing was merged" in sent.text
    assert exists(theirs, a.id) and exists(theirs, b.id) and exists(web.ctx, robert.id)
    assert len(find_duplicates(theirs)) == 1


@pytest.mark.parametrize(
    ("keep", "other", "status", "message"),
    [
        ("robert", "robert", 400, "That is the same record twice"),
        ("robert", "", 400, "Choose which of the two records to keep."),
        ("", "", 400, "Choose which of the two records to keep."),
        ("robert", "Bob Smith", 404, "Nobody has the id &#39;Bob Smith&#39;"),
        ("robert", "bob-prefix", 404, "Nobody has the id"),
        ("robert", "0" * 32, 404, "may have been merged or deleted already"),
    ],
)
def test_bad_merges_say_why_and_change_nothing(
    web: Web, keep: str, other: str, status: int, message: str
) -> None:
    robert, bob = seed(web.ctx)
    ids = {"robert": robert.id, "bob": bob.id, "bob-prefix": bob.id[:8]}
    csrf = web.sign_in()
    sent = web.client.post(
        "/duplicates/merge",
        data={"csrf_token": csrf, "keep": ids.get(keep, keep), "other": ids.get(other, other)},
    )
    assert sent.status_code == status
    assert message in sent.text
    assert "Nothing was merged" in sent.text and 'href="/duplicates"' in sent.text
    assert exists(web.ctx, robert.id) and exists(web.ctx, bob.id)
    assert len(find_duplicates(web.ctx)) == 2


def test_a_form_sent_again_after_its_merge_changes_nothing(web: Web) -> None:
    """The id of someone merged away leads to the survivor in the CLI; here it is not found,
    so a form sent twice, or from a page left open, merges nobody else."""
    robert, bob = seed(web.ctx)
    carla = add_person(web.ctx, PersonInput(name="Carla Mendes"))
    csrf = web.sign_in()
    first = {"csrf_token": csrf, "keep": robert.id, "other": bob.id}
    assert web.client.post("/duplicates/merge", data=first).status_code == 200  # redirected
    again = web.client.post("/duplicates/merge", data=first)
    assert again.status_code == 404
    stale = {"csrf_token": csrf, "keep": carla.id, "other": bob.id}
    assert web.client.post("/duplicates/merge", data=stale).status_code == 404
    assert exists(web.ctx, robert.id) and exists(web.ctx, carla.id)
    with pytest.raises(NotFound):
        service.merge_pair(web.ctx, carla.id, bob.id)


def test_an_unknown_merged_id_shows_no_confirmation(web: Web) -> None:
    robert, _ = seed(web.ctx)
    theirs = add_person(other_owner(web), PersonInput(name="Zed Quinn"))
    web.sign_in()
    for merged in ("nobody", theirs.id):
        page = web.client.get("/duplicates", params={"merged": merged})
        assert page.status_code == 200
        assert "Merged into" not in page.text and "Zed Quinn" not in page.text
    page = web.client.get("/duplicates", params={"merged": robert.id})
    assert "Merged into Robert Smith" in text(page.text)


def test_a_change_elsewhere_shows_up_on_the_next_visit(web: Web) -> None:
    seed(web.ctx)
    web.sign_in()
    assert len(pairs(web.client.get("/duplicates").text)) == 2
    add_person(web.ctx, PersonInput(name="Ana Ruiz", emails=["ana@example.com"]))
    add_person(web.ctx, PersonInput(name="Ana Ruiz"))
    assert len(pairs(web.client.get("/duplicates").text)) == 3


def test_the_people_page_links_to_the_duplicates(web: Web) -> None:
    web.sign_in()
    page = web.client.get("/people")
    assert '<a class="duplicates-link" href="/duplicates">Possible duplicates</a>' in page.text


def test_the_page_needs_a_sign_in(web: Web) -> None:
    page = web.client.get("/duplicates", follow_redirects=False)
    assert page.status_code == 303 and page.headers["location"] == "/login"
