"""The network page (warm paths, the neighbourhood drawing) on SQLite and PostgreSQL."""

from __future__ import annotations

import re
from dataclasses import replace
from html import unescape

from kithkin.core.log_entry import LogInput
from kithkin.core.person_changes import PersonInput
from kithkin.services import Context, add_person, log_interaction
from kithkin.services.network import link
from kithkin.services.people import find_person
from tests.web.conftest import Web

SVG_LINK = re.compile(r'<a class="node node-(\w+)" href="([^"]*)" aria-label="([^"]*)">')


def seed(ctx: Context) -> None:
    """You know Ana (inner circle, met today); Ana is Bo's friend; Bo and Cy work at Globex.
    Di and Eve know each other, but you know neither of them."""
    add_person(ctx, PersonInput(name="Ana Ruiz", company="Acme", circle="inner"))
    add_person(ctx, PersonInput(name="Bo Chen", company="Globex"))
    add_person(ctx, PersonInput(name="Cy Diaz", company="Globex", tags=["investor"]))
    add_person(ctx, PersonInput(name="Di Eng", company="Initech"))
    add_person(ctx, PersonInput(name="Eve Fox"))
    log_interaction(ctx, ["Ana Ruiz"], LogInput(note="Coffee", channel="in-person"))
    link(ctx, "Ana Ruiz", "Bo Chen", "friend", note="climbing")
    link(ctx, "Bo Chen", "Cy Diaz", "colleague")
    link(ctx, "Di Eng", "Eve Fox", "friend")


def other_owner(web: Web) -> Context:
    owner = web.ctx.store.ensure_account("someone-else", now=web.ctx.now())
    return replace(web.ctx, store=web.ctx.store.for_owner(owner))


def nodes(html: str) -> list[tuple[str, str, str]]:
    """(kind, href, name) of each node of the drawing."""
    return [(kind, href, unescape(label)) for kind, href, label in SVG_LINK.findall(html)]


def test_a_path_to_a_person_shows_the_chain_reasons_ask_and_nudge(web: Web) -> None:
    seed(web.ctx)
    web.sign_in()
    page = web.client.get("/network", params={"person": "Cy Diaz"})
    assert page.status_code == 200
    text = unescape(page.text)
    assert "Paths to Cy Diaz" in text
    assert "1 warm path to Cy Diaz; the strongest is 55%." in text
    chain = re.search(r'<ol class="chain".*?</ol>', page.text, re.S)
    assert chain is not None
    assert re.findall(r">([^<>]+)</a>", chain.group(0)) == ["Ana Ruiz", "Bo Chen", "Cy Diaz"]
    assert "Ask Ana Ruiz, who is a friend of Bo Chen, to ask Bo Chen" in text
    assert "You have never helped Ana Ruiz — offer help before asking." in text
    assert "in your inner circle; warmth" in text  # your own tie's reasons
    assert "Ana Ruiz is a friend of Bo Chen (you noted: climbing)" in text
    assert "Bo Chen is a colleague of Cy Diaz (you noted); works at Globex with Cy Diaz" in text
    assert 'value="Cy Diaz"' in page.text  # the form keeps what was asked
    # beside the paths: Cy's neighbourhood, whose nodes walk on to paths to that person
    bo = find_person(web.ctx, "Bo Chen")
    assert ("other", f"/network?person={bo.id}", "Bo Chen · 80%") in nodes(page.text)


def test_the_htmx_results_are_a_fragment_with_a_shareable_address(web: Web) -> None:
    seed(web.ctx)
    web.sign_in()
    page = web.client.get("/network")
    assert 'hx-get="/network/results"' in page.text and 'action="/network"' in page.text
    results = web.client.get("/network/results", params={"find": "company", "target": "globex"})
    assert results.status_code == 200
    assert "<html" not in results.text
    assert "Paths to people at Globex" in results.text
    assert results.headers["HX-Push-Url"] == "/network?company=globex"


def test_the_form_without_javascript_goes_to_the_shareable_address(web: Web) -> None:
    seed(web.ctx)
    web.sign_in()
    sent = web.client.get(
        "/network", params={"find": "tag", "target": " investor "}, follow_redirects=False
    )
    assert sent.status_code == 303
    assert sent.headers["location"] == "/network?tag=investor"
    page = web.client.get(sent.headers["location"])
    assert "Paths to people tagged investor" in page.text
    assert '<input type="radio" name="find" value="tag" checked>' in page.text
    empty = web.client.get("/network", params={"find": "person", "target": ""})
    assert empty.status_code == 200 and "Your strongest ties" in empty.text


def test_a_company_target(web: Web) -> None:
    seed(web.ctx)
    web.sign_in()
    page = web.client.get("/network", params={"company": "globex"})
    assert page.status_code == 200
    text = unescape(page.text)
    assert "1 warm path to people at Globex; the strongest is 68%." in text
    assert "Ask Ana Ruiz, who is a friend of Bo Chen, for an intro to Bo Chen." in text
    assert "Around " not in text  # no one person to draw around


def test_no_path_says_so_and_suggests_whom_to_warm_up(web: Web) -> None:
    seed(web.ctx)
    web.sign_in()
    page = web.client.get("/network", params={"person": "Di Eng"})
    assert page.status_code == 200
    text = unescape(page.text)
    assert "No warm path yet" in text
    assert "No warm path to Di Eng: you have no tie yet to anyone who knows them." in text
    assert "People to warm up" in text
    assert "Get to know Eve Fox, who is a friend of Di Eng." in text
    assert "Around Di Eng" in text


def test_unknown_targets_are_explained_inline(web: Web) -> None:
    seed(web.ctx)
    web.sign_in()
    for params, message in [
        ({"person": "Nobody"}, "nobody matches 'Nobody'"),
        ({"company": "Umbrella"}, "no organization called 'Umbrella'"),
        ({"tag": "ghost"}, "nobody is tagged 'ghost'"),
        ({"person": "Ana", "company": "Globex"}, "Look for one thing at a time"),
    ]:
        page = web.client.get("/network", params=params)
        assert page.status_code == 200, page.text
        alert = re.search(r'role="alert">([^<]*)<', page.text)
        assert alert is not None and message in unescape(alert.group(1)), page.text
    fragment = web.client.get("/network/results", params={"target": "Nobody"})
    assert fragment.status_code == 200 and 'role="alert"' in fragment.text
    assert web.client.get("/network/people/0123456789abcdef").status_code == 404
    assert web.client.get("/network", params={"person": "Ana", "limit": "0"}).status_code == 422


def test_the_neighbourhood_drawing_links_each_tie(web: Web) -> None:
    seed(web.ctx)
    web.sign_in()
    ana, bo, cy = (find_person(web.ctx, name) for name in ("Ana Ruiz", "Bo Chen", "Cy Diaz"))
    page = web.client.get(f"/network/people/{bo.id}")
    assert page.status_code == 200
    assert "<svg" in page.text and "Around Bo Chen" in page.text
    assert nodes(page.text) == [
        ("known", f"/network/people/{ana.id}", "Ana Ruiz · 80% (you know them)"),
        ("other", f"/network/people/{cy.id}", "Cy Diaz · 80%"),
        ("centre", f"/people/{bo.id}", "Bo Chen: 2 known ties"),
    ]
    titles = [unescape(t) for t in re.findall(r"<title>([^<]*)</title>\s*<circle", page.text)]
    assert "Ana Ruiz is a friend of Bo Chen (you noted: climbing)" in titles[0]
    assert "Cy Diaz works at Globex with Bo Chen" in titles[1]
    widths = re.findall(r'<line class="edge edge-tie"[^>]* stroke-width="([\d.]+)"', page.text)
    assert widths == ["5.8", "5.8"]
    assert f'href="/network?person={bo.id}"' in page.text  # paths to the centre
    # Ana's neighbourhood: you (whom she is tied to) come first, then Bo
    around_ana = nodes(web.client.get(f"/network/people/{ana.id}").text)
    assert [kind for kind, _, _ in around_ana] == ["you", "other", "centre"]
    assert around_ana[0][1] == "/network" and around_ana[0][2].startswith("You · 85%")
    # the page without a target draws you and your own ties
    start = web.client.get("/network")
    assert "Your strongest ties" in start.text
    assert nodes(start.text)[0] == ("known", f"/network/people/{ana.id}", "Ana Ruiz · 85%")


def test_the_person_page_links_to_the_network(web: Web) -> None:
    seed(web.ctx)
    web.sign_in()
    ana = find_person(web.ctx, "Ana Ruiz")
    page = web.client.get(f"/people/{ana.id}")
    assert f'href="/network?person={ana.id}"' in page.text
    assert '<a href="/network">Network</a>' in web.client.get("/").text


def test_another_accounts_people_never_appear(web: Web) -> None:
    seed(web.ctx)
    theirs = other_owner(web)
    add_person(theirs, PersonInput(name="Zed Secret", company="Globex", circle="inner"))
    add_person(theirs, PersonInput(name="Ana Ruiz", company="Globex"))
    link(theirs, "Zed Secret", "Ana Ruiz", "friend", note="their note")
    log_interaction(theirs, ["Zed Secret"], LogInput(note="Lunch", channel="in-person"))
    zed = find_person(theirs, "Zed Secret")
    web.sign_in()
    ana = find_person(web.ctx, "Ana Ruiz")
    pages = [
        web.client.get("/network"),
        web.client.get("/network", params={"company": "globex"}),
        web.client.get("/network", params={"person": "Ana Ruiz"}),
        web.client.get(f"/network/people/{ana.id}"),
        web.client.get("/network/people-options", params={"target": "ze"}),
    ]
    for page in pages:
        assert page.status_code == 200
        assert "Zed" not in page.text and "their note" not in page.text
    assert "Paths to people at Globex" in pages[1].text  # only your Bo and Cy work there
    missing = web.client.get("/network", params={"person": "Zed Secret"})
    assert "nobody matches 'Zed Secret'" in unescape(missing.text)
    assert web.client.get(f"/network/people/{zed.id}").status_code == 404
    assert web.client.get("/network", params={"person": zed.id}).text.count("Zed") == 0


def test_names_and_notes_are_escaped(web: Web) -> None:
    seed(web.ctx)
    add_person(web.ctx, PersonInput(name="<script>alert(1)</script> Mal", circle="inner"))
    mal = find_person(web.ctx, "<script>alert(1)</script> Mal")
    link(web.ctx, mal.id, "Bo Chen", "knows", note='"><svg onload=alert(2)>')
    log_interaction(web.ctx, [mal.id], LogInput(note="Tea", channel="in-person"))
    web.sign_in()
    bo = find_person(web.ctx, "Bo Chen")
    for page in (
        web.client.get("/network", params={"person": mal.id}),
        web.client.get(f"/network/people/{bo.id}"),
        web.client.get("/network", params={"person": "Bo Chen"}),
        web.client.get("/network/people-options", params={"target": "mal"}),
    ):
        assert page.status_code == 200
        assert "<script>alert" not in page.text and "<svg onload" not in page.text
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text
    # CSP allows no inline styles or scripts: the page and its drawing use neither
    page = web.client.get(f"/network/people/{bo.id}")
    assert " style=" not in page.text and "<style" not in page.text
    assert re.findall(r"<script[^>]*>", page.text) == [
        '<script src="/static/htmx.min.js" defer>',
        '<script src="/static/app.js" defer>',
    ]


def test_signed_out_visitors_are_sent_to_sign_in(web: Web) -> None:
    for url in ("/network", "/network/results", "/network/people/abc"):
        response = web.client.get(url, follow_redirects=False)
        assert response.status_code == 303 and response.headers["location"] == "/login"


# -- intros on the dashboard, common ground on the person page ------------------------------


def test_the_dashboard_loads_people_who_should_meet(web: Web) -> None:
    add_person(web.ctx, PersonInput(name="Ana Ruiz", circle="inner", interests=["climbing"]))
    add_person(web.ctx, PersonInput(name="Bo Chen", circle="inner", interests=["climbing"]))
    web.sign_in()
    dashboard = web.client.get("/")
    assert 'hx-get="/network/intros" hx-trigger="load"' in dashboard.text  # after it is shown
    card = web.client.get("/network/intros")
    assert card.status_code == 200 and "People who should meet" in card.text
    ana, bo = find_person(web.ctx, "Ana Ruiz"), find_person(web.ctx, "Bo Chen")
    assert f'href="/people/{ana.id}"' in card.text and f'href="/people/{bo.id}"' in card.text
    assert "climbing" in card.text


def test_an_introduction_is_recorded_from_the_card(web: Web) -> None:
    add_person(web.ctx, PersonInput(name="Ana Ruiz", circle="inner", interests=["climbing"]))
    add_person(web.ctx, PersonInput(name="Bo Chen", circle="inner", interests=["climbing"]))
    csrf = web.sign_in()
    ana, bo = find_person(web.ctx, "Ana Ruiz"), find_person(web.ctx, "Bo Chen")
    card = web.client.get("/network/intros").text
    assert 'hx-post="/network/introduce"' in card and f'value="{ana.id}"' in card
    form = {"person": ana.id, "other": bo.id, "note": "E-mail to both"}
    refused = web.client.post("/network/introduce", data=form)
    assert refused.status_code == 403  # no CSRF token: nothing written
    assert "People who should meet" in web.client.get("/network/intros").text
    empty = web.client.post("/network/introduce", data={**form, "note": " ", "csrf_token": csrf})
    assert empty.status_code == 200 and 'role="alert"' in empty.text
    done = web.client.post("/network/introduce", data={**form, "csrf_token": csrf})
    assert done.status_code == 200 and "an intro you gave is in both ledgers" in done.text
    assert web.client.get("/network/intros").text == ""  # they know each other now
    ledger = web.client.get(f"/people/{bo.id}").text
    assert "E-mail to both" in ledger


def test_nobody_introduces_another_accounts_people(web: Web) -> None:
    theirs = other_owner(web)
    zed = add_person(theirs, PersonInput(name="Zed Secret"))
    yan = add_person(theirs, PersonInput(name="Yan Hidden"))
    csrf = web.sign_in()
    form = {"person": zed.id, "other": yan.id, "note": "hi", "csrf_token": csrf}
    answer = web.client.post("/network/introduce", data=form)
    assert 'role="alert"' in answer.text and "Zed" not in answer.text


def test_the_person_page_links_two_people(web: Web) -> None:
    seed(web.ctx)
    csrf = web.sign_in()
    ana, eve = find_person(web.ctx, "Ana Ruiz"), find_person(web.ctx, "Eve Fox")
    form = {"person": ana.id, "target": "Eve Fox", "kind": "friend"}
    assert 'action="/network/links"' in web.client.get(f"/people/{ana.id}").text
    assert web.client.post("/network/links", data=form).status_code == 403  # no CSRF token
    done = web.client.post(
        "/network/links", data={**form, "csrf_token": csrf}, follow_redirects=False
    )
    assert done.status_code == 303 and done.headers["location"] == f"/people/{ana.id}"
    assert "Ana Ruiz is a friend of" in web.client.get(f"/people/{ana.id}").text
    assert "Ana Ruiz</a> is a friend of Eve Fox" in web.client.get(f"/people/{eve.id}").text
    itself = web.client.post(
        "/network/links", data={**form, "target": "Ana Ruiz", "csrf_token": csrf}
    )
    assert itself.status_code == 400 and "themselves" in itself.text
    theirs = other_owner(web)
    add_person(theirs, PersonInput(name="Zed Secret"))
    foreign = web.client.post("/network/links", data={**form, "target": "Zed", "csrf_token": csrf})
    assert foreign.status_code in (400, 404) and "Zed Secret" not in foreign.text


def test_no_intros_no_card(web: Web) -> None:
    seed(web.ctx)
    theirs = other_owner(web)
    add_person(theirs, PersonInput(name="Zed Secret", circle="inner", interests=["chess"]))
    add_person(theirs, PersonInput(name="Yan Hidden", circle="inner", interests=["chess"]))
    web.sign_in()
    card = web.client.get("/network/intros")
    assert card.status_code == 200 and "Zed" not in card.text and "Yan" not in card.text


def test_the_person_page_loads_common_ground(web: Web) -> None:
    add_person(
        web.ctx,
        PersonInput(name="Ana Ruiz", circle="inner", interests=["climbing", "<b>jazz</b>"]),
    )
    add_person(web.ctx, PersonInput(name="Bo Chen", circle="inner"))
    log_interaction(web.ctx, ["Ana Ruiz"], LogInput(note="Coffee", channel="in-person"))
    link(web.ctx, "Ana Ruiz", "Bo Chen", "friend")
    web.sign_in()
    ana = find_person(web.ctx, "Ana Ruiz")
    person = web.client.get(f"/people/{ana.id}")
    assert f'hx-get="/network/people/{ana.id}/common"' in person.text
    section = web.client.get(f"/network/people/{ana.id}/common")
    assert section.status_code == 200
    text = unescape(section.text)
    assert "Common ground" in text and "Mutual" in text and "Bo Chen" in text
    assert "<b>jazz" not in section.text
    assert web.client.get("/network/people/0123456789abcdef/common").status_code == 404
