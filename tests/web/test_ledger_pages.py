"""The ledger page (overall balance and nudge, whom you owe most, the latest entries) on
SQLite and PostgreSQL."""

from __future__ import annotations

import re
from dataclasses import replace
from html import unescape

from kithkin.core.log_entry import LogInput
from kithkin.core.person_changes import PersonInput
from kithkin.services import Context, add_person, log_interaction
from kithkin.services.people import find_person
from tests.web.conftest import Web


def text_of(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def section(html: str, title_id: str) -> str:
    found = re.search(
        rf'<section class="card" aria-labelledby="{title_id}">(.*?)</section>', html, re.S
    )
    assert found is not None, title_id
    return found.group(1)


def seed(ctx: Context) -> None:
    """Ana: asked three times, got one favor, never given (net -3). Bo: given once, asked
    three times (net -2). Cy: given twice (net +2)."""
    for name in ("Ana Ruiz", "Bo Chen", "Cy Diaz"):
        add_person(ctx, PersonInput(name=name))
    log_interaction(
        ctx,
        ["Ana Ruiz"],
        LogInput(
            note="Call",
            date="2026-11-02",
            asked=["referral:for Stripe", "advice:on the offer", "intro:to Lee"],
            received=["advice:negotiate the equity"],
        ),
    )
    log_interaction(
        ctx,
        ["Bo Chen"],
        LogInput(
            note="Lunch",
            date="2026-11-10",
            gave=["resource:the hiring doc"],
            asked=["favor:review my CV", "advice:on Berlin", "intro:to Max"],
        ),
    )
    log_interaction(
        ctx,
        ["Cy Diaz"],
        LogInput(note="Coffee", date="2026-11-18", gave=["intro:to Sam", "gift:a book"]),
    )


def other_owner(web: Web) -> Context:
    owner = web.ctx.store.ensure_account("someone-else", now=web.ctx.now())
    return replace(web.ctx, store=web.ctx.store.for_owner(owner))


def test_the_overall_balance_with_the_nudge_the_cli_gives(web: Web) -> None:
    seed(web.ctx)
    web.sign_in()
    page = web.client.get("/ledger")
    assert page.status_code == 200
    overall = text_of(section(page.text, "ledger-title"))
    assert "3 gave 6 asked 1 received net -3" in overall
    assert (
        "You have taken 6 favors from your network and given 3 — offer help before asking again."
        in overall
    )
    assert '<span class="net owe">net -3</span>' in page.text


def test_whom_you_owe_most_with_links_and_nudges(web: Web) -> None:
    seed(web.ctx)
    web.sign_in()
    page = web.client.get("/ledger")
    owed = section(page.text, "one-sided-title")
    ana, bo = find_person(web.ctx, "Ana Ruiz"), find_person(web.ctx, "Bo Chen")
    links = re.findall(r'<a class="person-link" href="(/people/\w+)">([^<]+)</a>', owed)
    assert links == [(f"/people/{ana.id}", "Ana Ruiz"), (f"/people/{bo.id}", "Bo Chen")]
    text = text_of(owed)
    assert "Ana Ruiz 0 3 1 -3 You have never helped Ana Ruiz — offer help before asking." in text
    assert (
        "Bo Chen 1 3 0 -2 You have taken 3 favors from Bo Chen and given 1 — offer help before "
        "asking again." in text
    )
    assert "Cy Diaz" not in text  # you gave more than you took
    assert "Everyone you owe (2)." in text


def test_the_latest_entries_newest_first_and_bounded(web: Web) -> None:
    seed(web.ctx)
    add_person(web.ctx, PersonInput(name="Di Eng"))
    log_interaction(
        web.ctx,
        ["Di Eng"],
        LogInput(note="Call", date="2026-11-19", gave=[f"advice:tip {n}" for n in range(30)]),
    )
    web.sign_in()
    page = web.client.get("/ledger")
    latest = section(page.text, "latest-title")
    rows = [text_of(row) for row in re.findall(r"<tr>(.*?)</tr>", latest, re.S)[1:]]
    assert len(rows) == 25
    assert all(row.startswith("2026-11-19 Di Eng you gave advice: tip") for row in rows)
    assert rows[0].endswith("tip 29") and rows[-1].endswith("tip 5")


def test_entries_across_days_are_newest_first(web: Web) -> None:
    seed(web.ctx)
    web.sign_in()
    page = web.client.get("/ledger")
    rows = [
        text_of(row)
        for row in re.findall(r"<tr>(.*?)</tr>", section(page.text, "latest-title"), re.S)[1:]
    ]
    assert rows == [
        "2026-11-18 Cy Diaz you gave gift: a book",
        "2026-11-18 Cy Diaz you gave intro: to Sam",
        "2026-11-10 Bo Chen you asked for intro: to Max",
        "2026-11-10 Bo Chen you asked for advice: on Berlin",
        "2026-11-10 Bo Chen you asked for favor: review my CV",
        "2026-11-10 Bo Chen you gave resource: the hiring doc",
        "2026-11-02 Ana Ruiz you received advice: negotiate the equity",
        "2026-11-02 Ana Ruiz you asked for intro: to Lee",
        "2026-11-02 Ana Ruiz you asked for advice: on the offer",
        "2026-11-02 Ana Ruiz you asked for referral: for Stripe",
    ]


def test_an_empty_ledger_says_how_to_fill_it(web: Web) -> None:
    add_person(web.ctx, PersonInput(name="Ana Ruiz"))
    web.sign_in()
    page = web.client.get("/ledger")
    assert page.status_code == 200
    assert "The ledger is empty" in page.text
    assert "never helped" not in page.text and "<table" not in page.text


def test_a_fair_ledger_says_so(web: Web) -> None:
    add_person(web.ctx, PersonInput(name="Cy Diaz"))
    log_interaction(web.ctx, ["Cy Diaz"], LogInput(note="Coffee", gave=["intro:to Sam"]))
    web.sign_in()
    page = web.client.get("/ledger")
    text = text_of(page.text)
    assert "You give at least as much as you take." in text
    assert "Nobody: you have given everyone at least as much as you took." in text


def test_a_nearly_even_ledger_says_so_without_a_nudge(web: Web) -> None:
    add_person(web.ctx, PersonInput(name="Cy Diaz"))
    log_interaction(
        web.ctx,
        ["Cy Diaz"],
        LogInput(note="Coffee", gave=["intro:to Sam"], asked=["favor:a", "favor:b"]),
    )
    web.sign_in()
    text = text_of(web.client.get("/ledger").text)
    assert "1 gave 2 asked 0 received net -1" in text
    assert "Nearly even: you have taken 2 and given 1." in text
    assert "offer help" not in text  # one favor behind is not worth a nudge (as in the CLI)


def test_names_and_entries_are_escaped(web: Web) -> None:
    add_person(web.ctx, PersonInput(name="<script>alert(1)</script> Eve"))
    log_interaction(
        web.ctx, ["Eve"], LogInput(note="Call", asked=["favor:<img src=x onerror=alert(2)>"])
    )
    web.sign_in()
    page = web.client.get("/ledger")
    assert page.status_code == 200
    assert "<script>alert(1)</script>" not in page.text
    assert "<img src=x" not in page.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Eve" in page.text
    assert "You have never helped &lt;script&gt;alert(1)&lt;/script&gt; Eve" in page.text
    assert "favor: &lt;img src=x onerror=alert(2)&gt;" in page.text


def test_only_the_signed_in_owners_ledger(web: Web) -> None:
    other = other_owner(web)
    add_person(other, PersonInput(name="Zed Other"))
    log_interaction(other, ["Zed Other"], LogInput(note="Tea", asked=["favor:their secret"]))
    seed(web.ctx)
    web.sign_in()
    page = web.client.get("/ledger")
    assert "Zed Other" not in page.text and "their secret" not in page.text
    assert "3 gave 6 asked 1 received net -3" in text_of(page.text)


def test_the_ledger_is_read_only(web: Web) -> None:
    csrf = web.sign_in()
    assert web.client.post("/ledger", data={"csrf_token": csrf}).status_code == 405
