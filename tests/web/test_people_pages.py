"""The people list (search, filters, sorts, keyset pages) and the person page (everything about
one person, edited in place), on SQLite and PostgreSQL."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy import event, select
from sqlalchemy.orm import Session

from kithkin.core.log_entry import LogInput
from kithkin.core.person_changes import PersonInput
from kithkin.services import Context, add_person, log_interaction
from kithkin.services.events import add_milestone
from kithkin.services.people import find_person
from kithkin.services.people_pages import PeopleQuery, people_page
from kithkin.store import direct
from kithkin.store.tables import RelationshipRow
from tests.web.conftest import Web

ROW_LINK = re.compile(r'<a class="person-link" href="/people/([0-9a-f]{32})">([^<]*)</a>')


def names(html: str) -> list[str]:
    return [name for _, name in ROW_LINK.findall(html)]


def next_link(html: str) -> str | None:
    found = re.search(r'<a rel="next" class="next" href="(/people\?[^"]*)"', html)
    return found.group(1).replace("&amp;", "&") if found else None


def every_page(web: Web, url: str) -> list[list[str]]:
    pages: list[list[str]] = []
    link: str | None = url
    while link is not None:
        response = web.client.get(link)
        assert response.status_code == 200, response.text
        pages.append(names(response.text))
        link = next_link(response.text)
    return pages


def other_owner(web: Web) -> Context:
    owner = web.ctx.store.ensure_account("someone-else", now=web.ctx.now())
    return replace(web.ctx, store=web.ctx.store.for_owner(owner))


def seed(web: Web) -> None:
    add_person(web.ctx, PersonInput(name="Ana Ruiz", company="Acme", title="CTO", tags=["rust"]))
    add_person(web.ctx, PersonInput(name="Bo Chen", circle="inner", mode="personal"))
    add_person(web.ctx, PersonInput(name="Cy Diaz", circle="key", tags=["rust", "berlin"]))
    add_person(web.ctx, PersonInput(name="Di Eng", circle="dormant", mode="professional"))
    log_interaction(web.ctx, ["Ana Ruiz"], LogInput(note="Coffee", channel="in-person"))
    log_interaction(
        web.ctx,
        ["Cy Diaz"],
        LogInput(note="Call about the talk", channel="call", date="2026-11-01"),
    )


# -- the list ------------------------------------------------------------------------------


def test_the_list_links_each_person_and_searches_as_you_type(web: Web) -> None:
    seed(web)
    web.sign_in()
    page = web.client.get("/people")
    assert page.status_code == 200
    assert names(page.text) == ["Ana Ruiz", "Bo Chen", "Cy Diaz", "Di Eng"]
    ana = find_person(web.ctx, "Ana Ruiz")
    assert f'href="/people/{ana.id}"' in page.text
    assert 'hx-get="/people/rows"' in page.text and "CTO at Acme" in page.text
    rows = web.client.get("/people/rows", params={"q": "acme"})
    assert names(rows.text) == ["Ana Ruiz"]
    assert "<html" not in rows.text  # a fragment for htmx
    assert rows.headers["HX-Push-Url"] == "/people?q=acme"
    assert "Nobody matches." in web.client.get("/people/rows", params={"q": "zzz"}).text


def test_filters_by_circle_mode_tag_and_overdue(web: Web) -> None:
    seed(web)
    web.sign_in()

    def listed(**params: str) -> list[str]:
        response = web.client.get("/people/rows", params=params)
        assert response.status_code == 200 and "HX-Redirect" not in response.headers
        return names(response.text)

    assert listed(circle="inner") == ["Bo Chen"]
    assert listed(mode="professional") == ["Di Eng"]
    assert listed(tag="RUST") == ["Ana Ruiz", "Cy Diaz"]
    assert listed(tag="rust", circle="key") == ["Cy Diaz"]
    assert listed(q="rust", sort="last") == ["Ana Ruiz", "Cy Diaz"]
    # Added today, nobody is overdue yet; three weeks on, Bo (inner: every 14 days) is, and
    # so are the others past their circles' cadence; Di (dormant) never is.
    assert listed(overdue="1") == []
    web.ctx.clock.advance(days=100)  # type: ignore[attr-defined]
    web.sign_in()  # the old session has expired
    assert listed(overdue="1") == ["Ana Ruiz", "Bo Chen", "Cy Diaz"]
    assert listed(overdue="1", circle="inner") == ["Bo Chen"]
    bad = web.client.get("/people/rows", params={"circle": "best"})
    assert bad.status_code == 200 and "circle: &#39;best&#39; is not one of" in bad.text


def test_an_own_cadence_decides_overdue(web: Web) -> None:
    add_person(web.ctx, PersonInput(name="Ed Fox", circle="dormant", cadence_days=3))
    add_person(web.ctx, PersonInput(name="Flo Gil", circle="dormant"))
    web.ctx.clock.advance(days=5)  # type: ignore[attr-defined]
    web.sign_in()
    assert names(web.client.get("/people/rows", params={"overdue": "1"}).text) == ["Ed Fox"]


def test_sorts_by_name_warmth_and_last_interaction(web: Web) -> None:
    seed(web)
    web.sign_in()
    by = {
        sort: names(web.client.get("/people", params={"sort": sort}).text)
        for sort in ("name", "warmth", "last")
    }
    assert by["name"] == ["Ana Ruiz", "Bo Chen", "Cy Diaz", "Di Eng"]
    assert by["warmth"] == ["Ana Ruiz", "Cy Diaz", "Bo Chen", "Di Eng"]  # then the cold by name
    assert by["last"] == ["Ana Ruiz", "Cy Diaz", "Bo Chen", "Di Eng"]  # then never, by name
    assert "sort: &#39;age&#39; is not one of" in web.client.get("/people?sort=age").text


def test_pages_follow_each_other_without_repeats_or_gaps(web: Web) -> None:
    everyone = [f"Person {n:03d}" for n in range(120)]
    for number, name in enumerate(everyone):
        add_person(web.ctx, PersonInput(name=name, tags=["many"] if number % 2 else []))
        if number % 3 == 0:  # some share a time, so the id breaks the tie
            log_interaction(
                web.ctx,
                [name],
                LogInput(note="hi", channel="email", date=f"2026-10-{1 + number % 20:02d}"),
            )
    web.sign_in()
    for sort in ("name", "warmth", "last"):
        pages = every_page(web, f"/people?sort={sort}")
        assert [len(page) for page in pages] == [50, 50, 20], sort
        seen = [name for page in pages for name in page]
        assert sorted(seen) == everyone, sort
    by_name = [name for page in every_page(web, "/people") for name in page]
    assert by_name == everyone
    tagged = [name for page in every_page(web, "/people?tag=many&sort=last") for name in page]
    assert sorted(tagged) == everyone[1::2]
    first = web.client.get("/people?sort=last").text
    assert next_link(first) is not None
    second = web.client.get(next_link(first) or "").text
    assert "First page" in second
    query = parse_qs(urlsplit(next_link(first) or "").query)
    assert query["sort"] == ["last"] and "after" in query


def test_a_broken_page_position_is_a_clear_problem(web: Web) -> None:
    seed(web)
    web.sign_in()
    for after in ("nonsense", '["a"]', "[1, 2]", '{"a": 1}', '["not a time", "", 3]'):
        response = web.client.get("/people", params={"after": after, "sort": "last"})
        assert response.status_code == 200
        assert "after: that is not a page position" in response.text


def test_the_name_and_last_sorts_read_their_indexes(
    web: Web, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A later page's query walks an index in order: no sort step, no scan of everyone."""
    engine = web.ctx.store.engine
    if engine.dialect.name != "sqlite":
        return
    seed(web)
    statements: list[tuple[str, object]] = []

    def record(_c: object, _cur: object, statement: str, params: object, *_: object) -> None:
        if statement.lstrip().startswith("SELECT people.id, people.uid"):
            statements.append((statement, params))

    plain_rows = direct.Plain.rows

    def record_plain(
        plain: direct.Plain, session: Session, values: Mapping[str, object]
    ) -> list[tuple[Any, ...]]:
        """The name sort's plain list runs on the driver's cursor, without SQLAlchemy's events."""
        sql, names, defaults = plain.compiled(engine.dialect)
        if sql.lstrip().startswith("SELECT people.id, people.uid") and names is not None:
            statements.append((sql, tuple(values.get(name, defaults.get(name)) for name in names)))
        return plain_rows(plain, session, values)

    monkeypatch.setattr(direct.Plain, "rows", record_plain)
    event.listen(engine, "before_cursor_execute", record)
    try:
        people_page(web.ctx, PeopleQuery(sort="name", after='["m", 5]'))
        people_page(web.ctx, PeopleQuery(sort="last", after='["2026-11-01T00:00:00+00:00", "", 5]'))
    finally:
        event.remove(engine, "before_cursor_execute", record)
    (by_name, _), (by_last, _) = statements[0], statements[1]
    with engine.connect() as connection:
        plans = [
            " ".join(
                str(row[-1])
                for row in connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}", params)  # type: ignore[arg-type]
            )
            for sql, params in statements[:2]
        ]
    assert "ORDER BY people.sort_name" in by_name and "last_interaction_at DESC" in by_last
    assert "USING INDEX ix_people_owner_sort (owner_id=? AND sort_name>?)" in plans[0]
    assert "USING INDEX ix_people_owner_last" in plans[1]
    assert all("TEMP B-TREE" not in plan for plan in plans), plans


def test_the_list_is_one_owners(web: Web) -> None:
    seed(web)
    add_person(other_owner(web), PersonInput(name="Zed Secret", tags=["rust"]))
    web.sign_in()
    assert "Zed Secret" not in web.client.get("/people").text
    assert "Zed Secret" not in web.client.get("/people/rows", params={"q": "zed"}).text
    assert "Zed Secret" not in web.client.get("/people/rows", params={"tag": "rust"}).text
    found = people_page(web.ctx, PeopleQuery(sort="warmth"))
    assert [p.name for p in found.people] == ["Ana Ruiz", "Cy Diaz", "Bo Chen", "Di Eng"]


def test_user_text_is_escaped_in_the_list(web: Web) -> None:
    add_person(web.ctx, PersonInput(name="<script>x</script> Evil", company="<b>Co</b>"))
    web.sign_in()
    page = web.client.get("/people").text
    assert "<script>x" not in page and "&lt;script&gt;x&lt;/script&gt; Evil" in page
    assert "&lt;b&gt;Co&lt;/b&gt;" in page


# -- one person ----------------------------------------------------------------------------


def test_the_person_page_shows_everything(web: Web) -> None:
    ana = add_person(
        web.ctx,
        PersonInput(
            name="Ana Ruiz",
            emails=["ana@example.com"],
            phones=["+1 415 555 0100"],
            urls=["linkedin.com/in/ana"],
            company="Acme",
            title="CTO",
            circle="key",
            tags=["rust"],
            birthday="--03-14",
            notes="Likes <b>tea</b>",
        ),
    )
    bo = add_person(web.ctx, PersonInput(name="Bo Chen"))
    log_interaction(
        web.ctx,
        ["Ana Ruiz"],
        LogInput(
            note="Lunch about the platform team",
            channel="in-person",
            purpose="networking",
            gave=["intro:to Sam at Globex"],
            follow_up="next friday: send the deck",
        ),
    )
    log_interaction(web.ctx, ["Ana Ruiz", "Bo Chen"], LogInput(note="Drinks", date="2026-11-10"))
    add_milestone(web.ctx, "Ana Ruiz", "work-anniversary", "2020-06-01", note="joined Acme")
    with web.ctx.store.transaction() as tx:
        ids = {uid: pid for pid, (uid, _) in tx.people.names(_all_ids(tx)).items()}
        tx.session.add(
            RelationshipRow(
                owner_id=tx.owner_id,
                person_id=ids[ana.id],
                other_id=ids[bo.id],
                kind="colleague",
                note="same team",
                created_at=web.ctx.now(),
            )
        )
    web.sign_in()
    page = web.client.get(f"/people/{ana.id}")
    assert page.status_code == 200
    html = page.text
    for expected in (
        "<h1>Ana Ruiz</h1>",
        "CTO at Acme",
        'href="mailto:ana@example.com"',
        "+14155550100",
        'href="https://linkedin.com/in/ana"',
        "check in every 30 days",
        "2 interactions in 90 days",
        "Lunch about the platform team",
        'class="badge purpose purpose-networking">networking</span>',
        "send the deck",
        "<strong>1</strong> gave",
        "intro: to Sam at Globex",
        "work-anniversary",
        "joined Acme",
        "--03-14",
        f'href="/people/{bo.id}">Bo Chen</a>',
        "same team",
        "Likes &lt;b&gt;tea&lt;/b&gt;",
    ):
        assert expected in html, expected
    # The drinks' purpose is the model's guess, shown with its confidence.
    assert re.search(r"purpose-\w+\">\w+ · guess \d+%</span>", html)


def _all_ids(tx: object) -> list[int]:
    from kithkin.store.tables import PersonRow

    session = tx.session  # type: ignore[attr-defined]
    return list(session.scalars(select(PersonRow.id)))


def test_unknown_and_other_owners_people_are_not_found(web: Web) -> None:
    theirs = add_person(other_owner(web), PersonInput(name="Zed Secret"))
    ana = add_person(web.ctx, PersonInput(name="Ana Ruiz"))
    csrf = web.sign_in()
    for uid in ("0" * 32, theirs.id, ana.id[:8], "Ana Ruiz"):
        response = web.client.get(f"/people/{uid}")
        assert response.status_code == 404, uid
        assert "Nobody here has that id." in response.text and "Zed" not in response.text
    assert web.client.get(f"/people/{theirs.id}/edit").status_code == 404
    posted = web.client.post(
        f"/people/{theirs.id}/edit", data={"csrf_token": csrf, "name": "Mine Now"}
    )
    assert posted.status_code == 404
    assert find_person(other_owner(web), theirs.id).name == "Zed Secret"


def test_edit_in_place(web: Web) -> None:
    ana = add_person(web.ctx, PersonInput(name="Ana Ruiz", company="Acme", tags=["rust", "old"]))
    csrf = web.sign_in()
    form = web.client.get(f"/people/{ana.id}/edit")
    assert 'name="csrf_token"' in form.text and 'value="old, rust"' in form.text
    saved = web.client.post(
        f"/people/{ana.id}/edit",
        data={
            "csrf_token": csrf,
            "name": "Ana María Ruiz",
            "company": "Globex",
            "title": "VP <Eng>",
            "circle": "inner",
            "mode": "professional",
            "cadence": "21",
            "tags": "rust, new",
            "notes": "Met at RustConf\nLikes tea",
        },
    )
    assert saved.status_code == 200
    assert "<h1>Ana María Ruiz</h1>" in saved.text and "VP &lt;Eng&gt; at Globex" in saved.text
    assert "check in every 21 days (own cadence)" in saved.text
    person = find_person(web.ctx, ana.id)
    assert (person.name, person.organization, person.title) == (
        "Ana María Ruiz",
        "Globex",
        "VP <Eng>",
    )
    assert (person.circle.value, person.mode.value, person.cadence_days) == (
        "inner",
        "professional",
        21,
    )
    assert sorted(person.tags) == ["new", "rust"]
    assert person.notes == "Met at RustConf\nLikes tea"
    unchanged = web.client.post(
        f"/people/{ana.id}/edit",
        data={
            "csrf_token": csrf,
            "name": "Ana María Ruiz",
            "company": "Globex",
            "title": "VP <Eng>",
            "circle": "inner",
            "mode": "professional",
            "cadence": "21",
            "tags": "new, rust",
            "notes": "Met at RustConf\r\nLikes tea",
        },
    )
    assert unchanged.status_code == 200 and "<h1>Ana María Ruiz</h1>" in unchanged.text


def test_bad_edits_show_the_problem_next_to_the_form_and_change_nothing(web: Web) -> None:
    ana = add_person(web.ctx, PersonInput(name="Ana Ruiz", company="Acme"))
    csrf = web.sign_in()
    base = {
        "csrf_token": csrf,
        "name": "Ana Ruiz",
        "company": "Acme",
        "title": "",
        "circle": "network",
        "mode": "both",
        "cadence": "",
        "tags": "",
        "notes": "",
    }
    for changes, problem in (
        ({"cadence": "often"}, "cadence: &#39;often&#39; is not a number of days"),
        ({"cadence": "0"}, "cadence: 0 days is not a cadence"),
        ({"circle": "best"}, "circle: &#39;best&#39; is not one of"),
        ({"name": "  "}, "name: a person needs a name."),
        ({"company": ""}, "company: an employer cannot be removed here"),
    ):
        response = web.client.post(
            f"/people/{ana.id}/edit", data=base | changes | {"notes": "<i>kept</i>"}
        )
        assert response.status_code == 200
        assert problem in response.text, problem
        assert 'class="person-edit"' in response.text  # the form again, with what was typed
        assert "&lt;i&gt;kept&lt;/i&gt;" in response.text
    person = find_person(web.ctx, ana.id)
    assert (person.name, person.organization, person.notes, person.cadence_days) == (
        "Ana Ruiz",
        "Acme",
        "",
        None,
    )


def test_editing_needs_the_csrf_token(web: Web) -> None:
    ana = add_person(web.ctx, PersonInput(name="Ana Ruiz"))
    web.sign_in()
    response = web.client.post(f"/people/{ana.id}/edit", data={"name": "Hacked"})
    assert response.status_code in (400, 403)
    assert find_person(web.ctx, ana.id).name == "Ana Ruiz"


def test_the_timeline_is_newest_first_with_ages(web: Web) -> None:
    ana = add_person(web.ctx, PersonInput(name="Ana Ruiz"))
    for day in ("2026-11-02", "2026-11-19"):
        log_interaction(
            web.ctx, ["Ana Ruiz"], LogInput(note=f"Chat {day}", date=day, purpose="social")
        )
    web.sign_in()
    html = web.client.get(f"/people/{ana.id}").text
    assert html.index("Chat 2026-11-19") < html.index("Chat 2026-11-02")
    assert "purpose-social" in html and "yesterday" in html and "18 days ago" in html
