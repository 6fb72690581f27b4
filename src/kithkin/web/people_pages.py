"""The people list (search as you type, filters, sorts, keyset pages) and the person page
(everything about one person, edited in place)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form
from fastapi.responses import HTMLResponse, Response
from markupsafe import Markup

from kithkin.core.person_changes import PersonInput
from kithkin.core.records import Person, PersonSummary
from kithkin.core.vocabulary import Circle, Mode
from kithkin.errors import InvalidInput, KithkinError, NotFound
from kithkin.services.people import edit_person
from kithkin.services.people_pages import (
    PeoplePage,
    PeopleQuery,
    PersonPage,
    people_page,
    person_page,
)
from kithkin.web.pages import Checked, SignedIn, ago_of, page
from kithkin.web.session import Signed

router = APIRouter()
CIRCLES = [circle.value for circle in Circle]
MODES = [mode.value for mode in Mode]
SORT_LABELS = {"name": "Name", "warmth": "Warmth", "last": "Last interaction"}


# -- the list ------------------------------------------------------------------------------


def _query(
    q: str = "",
    circle: str = "",
    mode: str = "",
    tag: str = "",
    overdue: str = "",
    sort: str = "",
    after: str = "",
) -> PeopleQuery:
    """FastAPI dependency: the list's controls from the URL."""
    return PeopleQuery(
        text=q.strip(),
        circle=circle,
        mode=mode,
        tag=tag.strip(),
        overdue=overdue not in ("", "0"),
        sort=sort or "name",
        after=after,
    )


Controls = Annotated[PeopleQuery, Depends(_query)]


def _link(query: PeopleQuery, *, after: str = "") -> str:
    """The list's URL query for these controls (empty ones left out)."""
    values = {
        "q": query.text,
        "circle": query.circle,
        "mode": query.mode,
        "tag": query.tag,
        "overdue": "1" if query.overdue else "",
        "sort": "" if query.sort == "name" else query.sort,
        "after": after,
    }
    return urlencode({name: value for name, value in values.items() if value})


def _list_values(signed: Signed, query: PeopleQuery) -> dict[str, object]:
    problem = None
    try:
        found = people_page(signed.ctx, query)
    except InvalidInput as error:
        found, problem = PeoplePage((), None), str(error)
    ago = ago_of(signed)
    return {
        "query": query,
        "found": found,
        "problem": problem,
        "first_link": _link(query),
        "next_link": _link(query, after=found.next_after) if found.next_after else "",
        "circles": CIRCLES,
        "modes": MODES,
        "sorts": SORT_LABELS,
        "ago": ago,
        "rows": _rows(found.people, ago),
    }


def _rows(people: Sequence[PersonSummary], ago: Callable[[datetime | None], str]) -> list[Markup]:
    """The list's table rows, one string each. Built here, not in ``people_rows.html``: there
    a row was two dozen template outputs and a dozen escapes, 40 % of the page's time. Every
    value from the data is escaped as Jinja's autoescaping does it (`_escape`)."""
    rows = []
    for person in people:
        tags = "".join(f'<span class="tag">{_escape(tag)}</span>' for tag in person.tags)
        title, organization = person.title, person.organization
        works = f"{title} at {organization}" if title and organization else title or organization
        circle = _escape(person.circle.value)
        warmth = person.warmth or 0
        rows.append(
            Markup(
                "\n  <tr>\n"
                '    <td class="person-cell">\n'
                f'      <a class="person-link" href="/people/{_escape(person.id)}">'
                f"{_escape(person.name)}</a>\n"
                f"      {tags}\n"
                "    </td>\n"
                f'    <td class="muted">{_escape(works)}</td>\n'
                f'    <td><span class="badge circle-{circle}">{circle}</span></td>\n'
                f'    <td class="num"><span class="warmth-score" title="warmth {warmth} of 100">'
                f"{warmth}</span>\n"
                '      <meter class="warmth-meter" min="0" max="100" low="25" high="50" '
                f'optimum="100" value="{warmth}"></meter></td>\n'
                f'    <td class="muted">{_escape(ago(person.last_interaction_at))}</td>\n'
                "  </tr>\n"
            )
        )
    return rows


def _escape(text: str) -> str:
    """markupsafe's ``escape`` of a plain string, the same characters, without a `Markup`
    object per value."""
    return (
        text.replace("&", "&amp;")
        .replace(">", "&gt;")
        .replace("<", "&lt;")
        .replace("'", "&#39;")
        .replace('"', "&#34;")
    )


@router.get("/people", response_class=HTMLResponse)
def people(signed: SignedIn, query: Controls, deleted: str = "") -> Response:
    """The list; ``deleted=1`` after the person page's Delete (no name in the address)."""
    return page("people.html", signed, deleted=deleted == "1", **_list_values(signed, query))


@router.get("/people/rows", response_class=HTMLResponse)
def people_rows(signed: SignedIn, query: Controls) -> Response:
    """The list's results alone, for htmx; the address bar follows the controls."""
    response = page("people_rows.html", signed, **_list_values(signed, query))
    link = _link(query, after=query.after)
    response.headers["HX-Push-Url"] = f"/people?{link}" if link else "/people"
    return response


# -- one person ----------------------------------------------------------------------------


def _person_or_404(signed: Signed, uid: str) -> PersonPage | HTMLResponse:
    try:
        return person_page(signed.ctx, uid)
    except NotFound:
        missing = page("error.html", signed, message="Nobody here has that id.")
        missing.status_code = 404
        return missing


def person_values(signed: Signed, found: PersonPage) -> dict[str, object]:
    tz = signed.ctx.settings.timezone
    return {
        "view": found,
        "person": found.detail.person,
        "ago": ago_of(signed),
        "local": lambda at: at.astimezone(tz),
        "safe_url": _is_web_url,
    }


def _is_web_url(url: str) -> bool:
    """Only http(s) addresses become links (an imported ``javascript:`` one stays text)."""
    return url.lower().startswith(("https://", "http://"))


@router.get("/people/{uid}", response_class=HTMLResponse)
def person(signed: SignedIn, uid: str) -> Response:
    found = _person_or_404(signed, uid)
    if isinstance(found, HTMLResponse):
        return found
    return page("person.html", signed, **person_values(signed, found))


@router.get("/people/{uid}/profile", response_class=HTMLResponse)
def person_profile(signed: SignedIn, uid: str) -> Response:
    found = _person_or_404(signed, uid)
    if isinstance(found, HTMLResponse):
        return found
    return page("person_profile.html", signed, **person_values(signed, found))


@dataclass(frozen=True)
class EditForm:
    """The in-place editor's fields, as typed."""

    name: str
    company: str
    title: str
    circle: str
    mode: str
    cadence: str
    tags: str
    notes: str

    @classmethod
    def of(cls, person: Person) -> EditForm:
        return cls(
            name=person.name,
            company=person.organization,
            title=person.title,
            circle=person.circle.value,
            mode=person.mode.value,
            cadence=str(person.cadence_days) if person.cadence_days is not None else "",
            tags=", ".join(person.tags),
            notes=person.notes,
        )


def _edit_form(
    signed: Signed, found: PersonPage, form: EditForm, problem: str | None
) -> HTMLResponse:
    return page(
        "person_edit.html",
        signed,
        person=found.detail.person,
        form=form,
        problem=problem,
        circles=CIRCLES,
        modes=MODES,
        circle_cadence=found.detail.cadence_days,
    )


@router.get("/people/{uid}/edit", response_class=HTMLResponse)
def person_edit_form(signed: SignedIn, uid: str) -> Response:
    found = _person_or_404(signed, uid)
    if isinstance(found, HTMLResponse):
        return found
    return _edit_form(signed, found, EditForm.of(found.detail.person), None)


@router.post("/people/{uid}/edit", response_class=HTMLResponse)
def person_edit(
    signed: Checked,
    uid: str,
    name: Annotated[str, Form()] = "",
    company: Annotated[str, Form()] = "",
    title: Annotated[str, Form()] = "",
    circle: Annotated[str, Form()] = "",
    mode: Annotated[str, Form()] = "",
    cadence: Annotated[str, Form()] = "",
    tags: Annotated[str, Form()] = "",
    notes: Annotated[str, Form()] = "",
) -> Response:
    found = _person_or_404(signed, uid)
    if isinstance(found, HTMLResponse):
        return found
    form = EditForm(name, company, title, circle, mode, cadence, tags, notes)
    try:
        changes = changes_of(found.detail.person, form)
        if changes is not None:
            edit_person(signed.ctx, uid, changes)
    except KithkinError as error:
        return _edit_form(signed, found, form, str(error))
    updated = person_page(signed.ctx, uid)
    return page("person_profile.html", signed, **person_values(signed, updated))


def changes_of(person: Person, form: EditForm) -> PersonInput | None:
    """What the form changes, as `edit_person` takes it; None when nothing changed.
    Raises InvalidInput (naming the field) for what the form cannot do."""
    before = EditForm.of(person)
    if not form.name.strip():
        raise InvalidInput("a person needs a name.", field="name")
    if not form.company.strip() and before.company:
        raise InvalidInput(
            "an employer cannot be removed here; type the new one (the old job is kept as "
            "history).",
            field="company",
        )
    cadence = form.cadence.strip()
    if cadence and not cadence.isdigit():
        raise InvalidInput(f"{cadence!r} is not a number of days; e.g. 30.", field="cadence")
    if not cadence and before.cadence:
        raise InvalidInput(
            "an own cadence cannot be removed here; type the number of days.", field="cadence"
        )
    old_tags = {tag.casefold() for tag in person.tags}
    new_tags = [tag.strip() for tag in form.tags.split(",") if tag.strip()]
    new_keys = {tag.casefold() for tag in new_tags}
    notes = form.notes.replace("\r\n", "\n")
    changes = PersonInput(
        name=form.name if " ".join(form.name.split()) != person.name else None,
        company=form.company if form.company.strip() != before.company else None,
        title=form.title if " ".join(form.title.split()) != before.title else None,
        circle=form.circle if form.circle != before.circle else None,
        mode=form.mode if form.mode != before.mode else None,
        cadence_days=int(cadence) if cadence and cadence != before.cadence else None,
        tags=tuple(tag for tag in new_tags if tag.casefold() not in old_tags),
        remove_tags=tuple(tag for tag in person.tags if tag.casefold() not in new_keys),
        notes=notes if notes != person.notes else None,
    )
    return None if changes == PersonInput() else changes
