"""The search page over HTTP (`kithkin search` in the browser), on SQLite and PostgreSQL: people
and interaction notes matching the words, the words marked, everything escaped, any query safe."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from markupsafe import Markup

from kithkin.core.log_entry import LogInput
from kithkin.core.person_changes import PersonInput
from kithkin.services import add_person, log_interaction
from kithkin.web import search_pages
from kithkin.web.search_pages import Words, marked
from tests.web.conftest import Web

PERSON_LINK = re.compile(r'<a class="person-link" href="/people/([0-9a-f]{32})">(.*?)</a>')


def people_section(html: str) -> str:
    start = html.find('id="people-hits-title"')
    return "" if start == -1 else html[start : html.find("</section>", start)]


def notes_section(html: str) -> str:
    start = html.find('id="notes-hits-title"')
    return "" if start == -1 else html[start : html.find("</section>", start)]


def seed(web: Web) -> dict[str, str]:
    ana = add_person(
        web.ctx,
        PersonInput(
            name="Ana Ruiz",
            company="Globex",
            title="CTO",
            tags=["climbing"],
            emails=["ana@example.com"],
        ),
    )
    bo = add_person(web.ctx, PersonInput(name="Bo Chen", company="Initech", tags=["berlin"]))
    add_person(web.ctx, PersonInput(name="Cy Diaz", notes="Moved to Lisbon for the surf."))
    log_interaction(
        web.ctx,
        [ana.id, bo.id],
        LogInput(
            note="Coffee in Berlin: Ana is hiring a platform engineer",
            channel="in-person",
            purpose="networking",
            date="2026-11-18",
            minutes=45,
        ),
    )
    log_interaction(web.ctx, [bo.id], LogInput(note="Birthday dinner", date="2026-11-10"))
    return {"ana": ana.id, "bo": bo.id}


def test_the_page_needs_a_session(web: Web) -> None:
    response = web.client.get("/search?q=ana", follow_redirects=False)
    assert (response.status_code, response.headers["location"]) == (303, "/login")


def test_an_empty_query_explains_what_search_finds(web: Web) -> None:
    web.sign_in()
    for url in ("/search", "/search?q=", "/search?q=%20%20"):
        response = web.client.get(url)
        assert response.status_code == 200
        assert "Search finds <strong>people</strong>" in response.text
        assert "<mark>" not in response.text and 'id="people-hits-title"' not in response.text
    page = web.client.get("/search").text
    assert '<form method="get" action="/search"' in page  # the header's box is still there
    assert "/static/search.css" in page
    assert "style=" not in page and "<script>" not in page


def test_people_match_by_name_company_tag_and_details(web: Web) -> None:
    ids = seed(web)
    web.sign_in()

    by_name = web.client.get("/search?q=ana").text
    assert PERSON_LINK.findall(people_section(by_name)) == [(ids["ana"], "<mark>Ana</mark> Ruiz")]
    assert "matched name" in by_name

    by_company = people_section(web.client.get("/search?q=globex").text)
    assert f'href="/people/{ids["ana"]}"' in by_company
    assert "CTO at <mark>Globex</mark>" in by_company and "matched company" in by_company

    by_tag = people_section(web.client.get("/search?q=climb").text)  # a prefix
    assert '<span class="tag tag-hit">climbing</span>' in by_tag and "matched tags" in by_tag

    by_mail = people_section(web.client.get("/search?q=example.com").text)
    assert f'href="/people/{ids["ana"]}"' in by_mail and "matched in their details" in by_mail

    by_notes = people_section(web.client.get("/search?q=lisbon").text)
    assert "Cy Diaz" in by_notes and "matched in their details" in by_notes


def test_interactions_match_by_their_notes_with_the_words_marked(web: Web) -> None:
    ids = seed(web)
    web.sign_in()
    page = web.client.get("/search?q=hiring+berl").text
    notes = notes_section(page)
    assert "Coffee in <mark>Berlin</mark>: Ana is <mark>hiring</mark> a platform engineer" in notes
    assert "2026-11-18" in notes and "2 days ago" in notes
    assert '<span class="badge channel">in-person</span>' in notes
    assert 'class="badge purpose purpose-networking">networking</span>' in notes
    assert "45 min" in notes
    assert f'<a href="/people/{ids["ana"]}">Ana Ruiz</a>' in notes
    assert f'<a href="/people/{ids["bo"]}">Bo Chen</a>' in notes
    assert "Birthday" not in notes
    # people match every word anywhere in their record: nobody has both words
    assert people_section(page) == ""

    both = web.client.get("/search?q=berlin").text
    assert "Bo Chen" in people_section(both) and "Coffee in" in notes_section(both)


def test_nothing_found_says_so(web: Web) -> None:
    seed(web)
    web.sign_in()
    response = web.client.get("/search?q=zeppelin")
    assert response.status_code == 200
    assert "Nothing matches “zeppelin”" in response.text


QUERIES = [
    '"',
    '""',
    "AND",
    "*",
    "ana OR",
    "OR ana",
    "NOT",
    "ana AND NOT",
    "NEAR(ana bo)",
    "ana*",
    '"ana',
    "ana'",
    "-ana",
    "^ana",
    "ana:",
    "display_name:ana",
    "(ana",
    "ana | bo & !",
    "a:*",
    "\\",
    "%",
    "'; DROP TABLE people; --",
    "ä" * 600,
    " ".join(["ana"] * 40),
    "🙂",
    "ana\x00bo",
    "\u200b",
]


def test_any_query_is_safe(web: Web) -> None:
    seed(web)
    web.sign_in()
    for query in QUERIES:
        response = web.client.get("/search", params={"q": query})
        assert response.status_code == 200, (query, response.text)
        assert "Traceback" not in response.text


def test_operators_are_plain_words(web: Web) -> None:
    seed(web)
    add_person(web.ctx, PersonInput(name="Andor Orban"))
    web.sign_in()
    found = people_section(web.client.get("/search?q=ana+OR").text)
    assert "Ana Ruiz" not in found  # OR is a word (a prefix of Orban), not an operator
    assert "Andor Orban" not in found  # and "ana" is not a prefix of "andor"
    assert "Andor" in people_section(web.client.get("/search?q=andor+OR").text)
    symbols = web.client.get("/search", params={"q": '" * ('}).text
    assert "has no words to search for" in symbols and "&#34; * (" in symbols


def test_user_text_is_escaped_and_marked_safely(web: Web) -> None:
    evil = add_person(
        web.ctx,
        PersonInput(name="<script>alert(1)</script> Eve", company="<b>Evil</b> Corp"),
    )
    log_interaction(
        web.ctx,
        [evil.id],
        LogInput(note='Eve said <img src=x onerror="alert(2)"> & left'),
    )
    web.sign_in()
    page = web.client.get("/search", params={"q": "<eve>"}).text
    assert "<script>alert" not in page and "<img" not in page and "<b>Evil" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; <mark>Eve</mark>" in page
    assert "&lt;b&gt;Evil&lt;/b&gt; Corp" in page
    note = notes_section(web.client.get("/search?q=eve").text)
    assert "<mark>Eve</mark> said &lt;img src=x onerror=&#34;alert(2)&#34;&gt; &amp; left" in note
    query = web.client.get("/search", params={"q": '"><script>x</script>'}).text
    assert '"><script>' not in query and "&#34;&gt;&lt;script&gt;x&lt;/script&gt;" in query


def test_another_accounts_people_and_notes_are_not_found(web: Web) -> None:
    seed(web)
    owner = web.ctx.store.ensure_account("someone-else", now=web.ctx.now())
    other = replace(web.ctx, store=web.ctx.store.for_owner(owner))
    theirs = add_person(other, PersonInput(name="Zed Secret", company="Umbrella"))
    log_interaction(other, [theirs.id], LogInput(note="Umbrella merger talk"))
    web.sign_in()
    for query in ("zed", "umbrella", "merger"):
        page = web.client.get("/search", params={"q": query}).text
        assert "Zed Secret" not in page and "Umbrella" not in page
        assert f"Nothing matches “{query}”" in page


def test_results_are_bounded(web: Web, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search_pages, "LIMIT", 3)
    people = [add_person(web.ctx, PersonInput(name=f"Lim {n}")) for n in "abcd"]
    for person in people:
        log_interaction(web.ctx, [person.id], LogInput(note="limits talk"))
    web.sign_in()
    page = web.client.get("/search?q=lim").text
    assert len(PERSON_LINK.findall(page)) == 3
    assert people_section(page).count("the first 3: add a word to narrow them") == 1
    assert notes_section(page).count('<li class="moment">') == 3
    assert len(PERSON_LINK.findall(web.client.get("/search?q=lim+a").text)) == 1


def test_a_long_note_is_cut_around_the_first_match(web: Web) -> None:
    ana = add_person(web.ctx, PersonInput(name="Ana Ruiz"))
    note = "start " + "filler words " * 60 + "the kayak trip " + "more filler " * 60 + "end"
    log_interaction(web.ctx, [ana.id], LogInput(note=note))
    web.sign_in()
    shown = notes_section(web.client.get("/search?q=kayak").text)
    text = re.search(r'<p class="moment-note">(.*?)</p>', shown, re.S)
    assert text is not None
    assert text.group(1).startswith("…") and text.group(1).endswith("…")
    assert "the <mark>kayak</mark> trip" in text.group(1)
    assert len(text.group(1)) < len(note) // 2


# -- the marking, without a database --------------------------------------------------------


def test_marked_escapes_every_piece() -> None:
    words = Words.of("ana b")
    assert words is not None
    result = marked('<i>Ana</i> & Bob\'s "bar" banana', words)
    assert isinstance(result, Markup)
    assert str(result) == (
        "&lt;i&gt;<mark>Ana</mark>&lt;/i&gt; &amp; <mark>Bob</mark>&#39;s "
        "&#34;<mark>bar</mark>&#34; <mark>banana</mark>"
    )


def test_only_the_last_word_is_a_prefix_and_accents_fold() -> None:
    words = Words.of("Perez berl")
    assert words is not None
    assert str(marked("Pérez Perezoso Berlin", words)) == (
        "<mark>Pérez</mark> Perezoso <mark>Berlin</mark>"
    )
    assert Words.of('" * ( AND') == Words(frozenset({}), "and")
    assert Words.of('" * (') is None
    assert Words.of("") is None
