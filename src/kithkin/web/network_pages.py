"""The network page: warm paths to a person, company, tag or interest, and a person's
neighbourhood drawn as a server-rendered SVG ring whose nodes are links (no JavaScript needed:
click a node to walk the network)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Query
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from kithkin.core.network.common import CommonGround, SharedEmployer, topic_words
from kithkin.core.network.results import PathResult
from kithkin.errors import KithkinError, NotFound
from kithkin.services import search
from kithkin.services.common_ground import common_ground
from kithkin.services.introductions import introduce, intros
from kithkin.services.neighbourhood import Neighbourhood, neighbourhood, your_neighbourhood
from kithkin.services.network import find_paths, link
from kithkin.web.pages import Checked, SignedIn, page
from kithkin.web.session import Signed

router = APIRouter()
KINDS = {"person": "a person", "company": "a company", "tag": "a tag", "interest": "an interest"}
PLACEHOLDERS = {
    "person": "a name, nickname or e-mail",
    "company": "e.g. Globex",
    "tag": "e.g. investor",
    "interest": "e.g. climbing",
}
Limit = Annotated[int, Query(ge=1, le=10)]


@dataclass(frozen=True)
class Target:
    """What the path finder looks for: ``kind`` is one of `KINDS`; ``text`` as typed."""

    kind: str = "person"
    text: str = ""

    @property
    def link(self) -> str:
        """The shareable address of these results."""
        return f"/network?{urlencode({self.kind: self.text})}" if self.text else "/network"


def _target(person: str, company: str, tag: str, interest: str) -> Target | list[Target]:
    """The one target in the URL (a list when there are several: an error to show)."""
    given = {"person": person, "company": company, "tag": tag, "interest": interest}
    found = [Target(kind, text.strip()) for kind, text in given.items() if text.strip()]
    if len(found) == 1:
        return found[0]
    return found or Target()


# -- the page ------------------------------------------------------------------------------


@router.get("/network", response_class=HTMLResponse)
def network(
    signed: SignedIn,
    find: str = "",
    target: str = "",
    person: str = "",
    company: str = "",
    tag: str = "",
    interest: str = "",
    limit: Limit = 3,
) -> Response:
    if find or target:  # the form, sent without JavaScript: go to the shareable address
        chosen = Target(find if find in KINDS else "person", target.strip())
        return RedirectResponse(chosen.link, status_code=303)
    values = _results(signed, _target(person, company, tag, interest), limit)
    return page("network.html", signed, **values)


@router.get("/network/results", response_class=HTMLResponse)
def network_results(
    signed: SignedIn, find: str = "person", target: str = "", limit: Limit = 3
) -> Response:
    """The results alone, for htmx; the address bar shows the shareable address."""
    chosen = Target(find if find in KINDS else "person", target.strip())
    response = page("network_results.html", signed, **_results(signed, chosen, limit))
    response.headers["HX-Push-Url"] = chosen.link
    return response


@router.get("/network/people-options", response_class=HTMLResponse)
def people_options(signed: SignedIn, find: str = "person", target: str = "") -> Response:
    """<option>s for the target field's datalist while a person is looked for."""
    wanted = find == "person" and target.strip()
    found = search(signed.ctx, target, limit=8).people if wanted else ()
    return page("log_people_options.html", signed, people=found)


@router.get("/network/people/{uid}", response_class=HTMLResponse)
def person_neighbourhood(signed: SignedIn, uid: str) -> Response:
    try:
        around = neighbourhood(signed.ctx, uid)
    except NotFound:
        missing = page("error.html", signed, message="Nobody here has that id.")
        missing.status_code = 404
        return missing
    return page(
        "network_person.html",
        signed,
        around=around,
        drawing=draw(around, walk=ALONE),
    )


# -- elsewhere: intros on the dashboard, common ground on the person page -----------------

INTROS_SHOWN = 2
INTROS_POOL = 5  # the best few; the dashboard shows a different pair of them each day


@router.get("/network/intros", response_class=HTMLResponse)
def intro_suggestions(signed: SignedIn) -> Response:
    """A small card of people who should meet, loaded by the dashboard after it is shown (so
    it never slows the dashboard down); nothing when there is nobody to introduce."""
    pool = intros(signed.ctx, limit=INTROS_POOL)
    if not pool:
        return HTMLResponse("")
    start = signed.ctx.now().astimezone(signed.ctx.settings.timezone).toordinal() % len(pool)
    shown = [pool[(start + k) % len(pool)] for k in range(min(INTROS_SHOWN, len(pool)))]
    return page("network_intros.html", signed, intros=shown)


@router.post("/network/links", response_class=HTMLResponse)
def add_link(
    signed: Checked,
    person: Annotated[str, Form()],
    target: Annotated[str, Form()],
    kind: Annotated[str, Form()] = "knows",
) -> Response:
    """Link a person to someone they know (the person page's form), then back to them."""
    made = link(signed.ctx, person, target, kind)
    return RedirectResponse(f"/people/{made.person.id}", status_code=303)


@router.post("/network/introduce", response_class=HTMLResponse)
def introduce_them(
    signed: Checked,
    person: Annotated[str, Form()],
    other: Annotated[str, Form()],
    note: Annotated[str, Form()] = "",
) -> Response:
    """Record an introduction from the dashboard's card (the row is replaced by what was
    done, or by the problem)."""
    try:
        made = introduce(signed.ctx, person, other, note)
    except KithkinError as error:
        return page("network_intro_done.html", signed, error=str(error))
    return page("network_intro_done.html", signed, introduction=made, error=None)


@router.get("/network/people/{uid}/common", response_class=HTMLResponse)
def common(signed: SignedIn, uid: str) -> Response:
    """What you and a person have in common, as a section of their page (loaded by htmx)."""
    try:
        ground = common_ground(signed.ctx, uid)
    except NotFound:
        return HTMLResponse("", status_code=404)
    return page("network_common.html", signed, ground=ground, rows=common_rows(ground))


def common_rows(ground: CommonGround) -> list[tuple[str, list[str]]]:
    """The shared items, one labelled row per kind (empty kinds left out)."""
    rows = [
        ("Interests", list(ground.interests)),
        ("Tags", list(ground.tags)),
        ("Employers", [_employer(e) for e in ground.employers]),
        ("Schools", list(ground.schools)),
        ("Cities", list(ground.cities)),
        ("Events", [f"{e.name} ({e.day.isoformat()})" for e in ground.events]),
        ("Mutual", [f"{m.person.name} ({m.strength:.0%})" for m in ground.mutual]),
        ("Topics", [f"{topic_words(t.topic)} ×{t.count}" for t in ground.topics]),
    ]
    if ground.last is not None:
        rows.append(("Last talked", [f"{ground.last.day.isoformat()}: {ground.last.note}"]))
    return [(label, items) for label, items in rows if items]


def _employer(shared: SharedEmployer) -> str:
    if shared.together is False:
        return f"{shared.organization} (at different times)"
    return f"{shared.organization} ({shared.years})" if shared.years else shared.organization


def _results(signed: Signed, chosen: Target | list[Target], limit: int) -> dict[str, object]:
    values: dict[str, object] = {
        "kinds": KINDS,
        "placeholders": PLACEHOLDERS,
        "result": None,
        "problem": None,
        "around": None,
        "drawing": None,
    }
    if isinstance(chosen, list):
        kinds = " and ".join(KINDS[t.kind] for t in chosen)
        problem = f"Look for one thing at a time, not {kinds}."
        return values | {"target": chosen[0], "problem": problem}
    values["target"] = chosen
    if not chosen.text:
        around = your_neighbourhood(signed.ctx)
        return values | {"around": around, "drawing": draw(around, walk=ALONE)}
    try:
        result: PathResult = find_paths(signed.ctx, **{chosen.kind: chosen.text}, limit=limit)
    except KithkinError as error:
        return values | {"problem": str(error)}
    values["result"] = result
    if chosen.kind == "person":
        around = neighbourhood(signed.ctx, chosen.text)
        values |= {"around": around, "drawing": draw(around, walk=WITH_PATHS)}
    return values


# -- the drawing ---------------------------------------------------------------------------

WIDTH, HEIGHT = 560, 372
CENTRE_X, CENTRE_Y = WIDTH / 2, HEIGHT / 2
RING = 122  # radius of the ring of ties
NODE, CENTRE_NODE = 17, 26  # circle radii
LABEL_GAP = 8  # between a ring node and its name
LABEL_CHARS = 18
WITH_PATHS = "/network?person={uid}"  # a node opens paths to that person and their ties
ALONE = "/network/people/{uid}"  # a node opens their neighbourhood alone


@dataclass(frozen=True)
class Node:
    x: float
    y: float
    radius: float
    initials: str
    label: str
    label_x: float
    label_y: float
    anchor: str  # text-anchor: start, middle or end
    href: str
    title: str  # the tooltip: name, strength, reasons
    kind: str  # css: centre (a person), self (you at the centre), you, known (yours), other


@dataclass(frozen=True)
class Edge:
    x1: float
    y1: float
    x2: float
    y2: float
    width: float  # by strength
    kind: str  # css: tie or you


@dataclass(frozen=True)
class Drawing:
    width: int
    height: int
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    label: str  # what the picture shows, for screen readers
    walk: str  # where a tie leads: `WITH_PATHS` or `ALONE`, with {uid}


def draw(around: Neighbourhood, *, walk: str) -> Drawing:
    """A ring of the centre's ties, strongest first clockwise from the top; "you" first when
    you know the centre. Deterministic: the same neighbourhood always draws the same."""
    centre_name = around.centre.name if around.centre else "You"
    ring: list[tuple[str, str, str, float, str]] = []  # name, href, title, strength, kind
    if around.centre is not None and around.you > 0:
        title = _title("You", around.you, around.your_reasons, about=f"you know {centre_name}")
        ring.append(("You", "/network", title, around.you, "you"))
    for tie in around.ties:
        reasons = tuple(f"{tie.person.name} {reason}" for reason in tie.reasons)
        if around.centre is None:
            reasons = tie.reasons
        kind = "known" if tie.yours > 0 else "other"
        known = "you know them" if kind == "known" and around.centre is not None else ""
        title = _title(tie.person.name, tie.strength, reasons, about=known)
        ring.append((tie.person.name, walk.format(uid=tie.person.id), title, tie.strength, kind))
    nodes, edges = [], []
    for index, (name, href, title, strength, kind) in enumerate(ring):
        angle = -math.pi / 2 + 2 * math.pi * index / len(ring)
        cos, sin = math.cos(angle), math.sin(angle)
        x, y = CENTRE_X + RING * cos, CENTRE_Y + RING * sin
        edges.append(
            Edge(
                _r(CENTRE_X + CENTRE_NODE * cos),
                _r(CENTRE_Y + CENTRE_NODE * sin),
                _r(x - NODE * cos),
                _r(y - NODE * sin),
                _r(1 + 6 * strength),
                "you" if kind == "you" else "tie",
            )
        )
        reach = NODE + LABEL_GAP
        anchor = "start" if cos > 0.35 else "end" if cos < -0.35 else "middle"
        label_y = y + reach * sin + (4 if abs(sin) < 0.8 else 12 if sin > 0 else -2)
        nodes.append(
            Node(
                _r(x),
                _r(y),
                NODE,
                "You" if kind == "you" else _initials(name),
                "" if kind == "you" else _short(name),
                _r(x + reach * cos),
                _r(label_y),
                anchor,
                href,
                title,
                kind,
            )
        )
    if around.centre is not None:
        centre_href = f"/people/{around.centre.id}"
        centre_title = f"{centre_name}: {around.total} known tie" + "s" * (around.total != 1)
    else:
        centre_href, centre_title = "/people", f"You: {around.total} people you know"
    centre = Node(
        CENTRE_X,
        CENTRE_Y,
        CENTRE_NODE,
        _initials(centre_name) if around.centre else "You",
        _short(centre_name) if around.centre else "",
        CENTRE_X,
        CENTRE_Y + CENTRE_NODE + 18,
        "middle",
        centre_href,
        centre_title,
        "centre" if around.centre else "self",
    )
    label = f"{centre_name} and their strongest ties" if around.centre else "Your strongest ties"
    return Drawing(WIDTH, HEIGHT, (*nodes, centre), tuple(edges), label, walk)


def _title(name: str, strength: float, reasons: tuple[str, ...], *, about: str = "") -> str:
    head = f"{name} · {strength:.0%}" + (f" ({about})" if about else "")
    return "\n".join((head, *reasons))


def _initials(name: str) -> str:
    words = [word for word in name.replace("-", " ").split() if word[:1].isalnum()]
    if not words:
        return name[:1].upper() or "?"
    letters = words[0][0] + (words[-1][0] if len(words) > 1 else "")
    return letters.upper()


def _short(name: str) -> str:
    return name if len(name) <= LABEL_CHARS else name[: LABEL_CHARS - 1].rstrip() + "…"


def _r(value: float) -> float:
    return round(value, 1)
