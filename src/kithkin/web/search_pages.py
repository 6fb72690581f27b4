"""Search: people and interactions (notes) matching the words in the header's search box.

The page is `kithkin search` in a browser: the same service, the same full-text indexes (FTS5 on
SQLite, tsvector on PostgreSQL), at most ``LIMIT`` people and ``LIMIT`` interactions. The query
is never handed to the database as syntax: the store keeps only its words (``"``, ``AND``,
``*`` are plain text), so nothing typed can make the page fail. Matched words are marked in
the results; the marking is built from escaped pieces of text, never from the raw note."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, Response
from markupsafe import Markup, escape

from kithkin.core.records import Interaction, PersonRef, PersonSummary
from kithkin.errors import InvalidInput
from kithkin.services import search
from kithkin.web.pages import SignedIn, ago_of, page
from kithkin.web.session import Signed

router = APIRouter()

LIMIT = 50  # people and interactions each: the page stays small whatever the database holds
MAX_QUERY = 500  # characters of the query that are read (the store keeps 20 words anyway)
MAX_WORDS = 20
NOTE_WINDOW = 320  # characters of a long note shown around its first match

_WORD = re.compile(r"\w+", re.UNICODE)


# -- what the query matches -----------------------------------------------------------------


def _fold(text: str) -> str:
    """Case and accents folded, as the SQLite index compares (``Pérez`` finds ``perez``)."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@dataclass(frozen=True)
class Words:
    """The query's words as the store reads them: every word must match, the last one as a
    prefix (search as you type)."""

    exact: frozenset[str]
    prefix: str

    @classmethod
    def of(cls, query: str) -> Words | None:
        words = [_fold(word) for word in _WORD.findall(query.casefold())[:MAX_WORDS]]
        if not words:
            return None
        return cls(frozenset(words[:-1]), words[-1])

    def match(self, token: str) -> bool:
        folded = _fold(token)
        return folded in self.exact or folded.startswith(self.prefix)

    def found_in(self, text: str) -> bool:
        return any(self.match(token) for token in _WORD.findall(text))

    def spans(self, text: str) -> list[tuple[int, int]]:
        return [found.span() for found in _WORD.finditer(text) if self.match(found.group())]


def marked(text: str, words: Words, *, window: int | None = None) -> Markup:
    """``text`` escaped, the matched words in ``<mark>``. With ``window``, a long text is cut to
    about that many characters around its first match, ``…`` where it was cut."""
    spans = words.spans(text)
    start, end = 0, len(text)
    if window is not None and len(text) > window:
        first = spans[0][0] if spans else 0
        start = _word_start(text, max(0, first - window // 4))
        end = _word_end(text, min(len(text), start + window))
    pieces: list[Markup] = [Markup("…")] if start > 0 else []
    at = start
    for left, right in spans:
        if left < start or right > end:
            continue
        pieces.append(escape(text[at:left]))
        pieces.append(Markup("<mark>{}</mark>").format(text[left:right]))
        at = right
    pieces.append(escape(text[at:end]))
    if end < len(text):
        pieces.append(Markup("…"))
    return Markup("").join(pieces)


def _word_start(text: str, at: int) -> int:
    """``at`` moved forward to the start of a word (the text is not cut mid-word)."""
    if at == 0:
        return 0
    space = text.find(" ", at, at + 30)
    return space + 1 if space != -1 else at


def _word_end(text: str, at: int) -> int:
    if at >= len(text):
        return len(text)
    space = text.rfind(" ", max(0, at - 30), at)
    return space if space != -1 else at


# -- what the page shows --------------------------------------------------------------------


@dataclass(frozen=True)
class PersonHit:
    id: str
    name: Markup
    works: Markup
    tags: tuple[tuple[str, bool], ...]  # (tag, matched)
    circle: str
    last: str
    matched: str  # where the words were found, in words


@dataclass(frozen=True)
class InteractionHit:
    day: str
    ago: str
    people: tuple[PersonRef, ...]
    channel: str
    activity: str
    purpose: str
    purpose_guess: str  # "guess 72%" when a model chose the purpose, else ""
    minutes: int | None
    note: Markup


def _person_hit(
    person: PersonSummary, words: Words, ago: Callable[[datetime | None], str]
) -> PersonHit:
    title, organization = person.title, person.organization
    works = f"{title} at {organization}" if title and organization else title or organization
    places = []
    if words.found_in(person.name):
        places.append("name")
    if organization and words.found_in(organization):
        places.append("company")
    if title and words.found_in(title):
        places.append("title")
    tags = tuple((tag, words.found_in(tag)) for tag in person.tags)
    if any(hit for _, hit in tags):
        places.append("tags")
    matched = (
        "matched " + _and(places)
        if places
        else "matched in their details: e-mail, phone, past jobs, interests or notes"
    )
    return PersonHit(
        id=person.id,
        name=marked(person.name, words),
        works=marked(works, words),
        tags=tags,
        circle=person.circle.value,
        last=ago(person.last_interaction_at),
        matched=matched,
    )


def _and(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def _interaction_hit(
    interaction: Interaction,
    words: Words,
    local: Callable[[datetime], datetime],
    ago: Callable[[datetime | None], str],
) -> InteractionHit:
    guess = ""
    if interaction.purpose_source is not None and interaction.purpose_source.value == "model":
        confidence = interaction.purpose_confidence
        guess = "guess" if confidence is None else f"guess {round(confidence * 100)}%"
    return InteractionHit(
        day=local(interaction.at).date().isoformat(),
        ago=ago(interaction.at),
        people=interaction.people,
        channel=interaction.channel.value,
        activity=interaction.activity.value if interaction.activity else "",
        purpose=interaction.purpose.value if interaction.purpose else "",
        purpose_guess=guess,
        minutes=interaction.minutes,
        note=marked(interaction.note, words, window=NOTE_WINDOW),
    )


def _results(
    people: Iterable[PersonSummary],
    interactions: Iterable[Interaction],
    words: Words,
    signed: Signed,
) -> tuple[list[PersonHit], list[InteractionHit]]:
    tz = signed.ctx.settings.timezone
    ago = ago_of(signed)

    def local(at: datetime) -> datetime:
        return at.astimezone(tz)

    return (
        [_person_hit(person, words, ago) for person in people],
        [_interaction_hit(interaction, words, local, ago) for interaction in interactions],
    )


@router.get("/search", response_class=HTMLResponse)
def search_page(signed: SignedIn, q: str = "") -> Response:
    query = " ".join(q.split())[:MAX_QUERY]
    values: dict[str, object] = {
        "query": query,
        "limit": LIMIT,
        "explain": "",
        "people": [],
        "interactions": [],
    }
    words = Words.of(query)
    if not query or words is None:
        values["explain"] = "empty" if not query else "no-words"
        return page("search.html", signed, **values)
    try:
        found = search(signed.ctx, query, limit=LIMIT)
    except InvalidInput:  # the service's own word for an empty query
        values["explain"] = "no-words"
        return page("search.html", signed, **values)
    people, interactions = _results(found.people, found.interactions, words, signed)
    values.update(people=people, interactions=interactions)
    return page("search.html", signed, **values)
