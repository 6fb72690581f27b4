"""What the web's people list and person page show: a page of people (filtered, sorted, keyset
paginated) and one person with everything about them."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from datetime import datetime

from kithkin.core.records import PersonSummary
from kithkin.core.vocabulary import Circle, Mode, parse_choice
from kithkin.errors import InvalidInput, NotFound
from kithkin.services.context import Context
from kithkin.services.engine import Ledger, local_today, person_ledger
from kithkin.services.people import PersonDetail, person_detail
from kithkin.store.people_pages import (
    NEVER,
    CheckIns,
    KeyedRow,
    MilestoneLine,
    PeopleFilter,
    PeoplePagesRepository,
    RelationLine,
)

SORTS = ("name", "warmth", "last")
PAGE_SIZE = 50
SEARCH_HITS = 1000  # a text search pages through at most this many best matches
TIMELINE = 30  # interactions on a person page


@dataclass(frozen=True)
class PeopleQuery:
    """The list's controls as typed: every field is text from a form or a URL."""

    text: str = ""
    circle: str = ""
    mode: str = ""
    tag: str = ""
    overdue: bool = False
    sort: str = "name"
    after: str = ""  # the previous page's `next_after`


@dataclass(frozen=True)
class PeoplePage:
    people: tuple[PersonSummary, ...]
    next_after: str | None  # pass as `after` for the next page; None on the last page


@dataclass(frozen=True)
class PersonPage:
    detail: PersonDetail
    ledger: Ledger
    milestones: tuple[MilestoneLine, ...]
    relationships: tuple[RelationLine, ...]


def people_page(ctx: Context, query: PeopleQuery, *, size: int = PAGE_SIZE) -> PeoplePage:
    if query.sort not in SORTS:
        raise InvalidInput(f"{query.sort!r} is not one of: {', '.join(SORTS)}.", field="sort")
    circle = parse_choice(Circle, query.circle, field="circle") if query.circle else None
    mode = parse_choice(Mode, query.mode, field="mode") if query.mode else None
    after = _cursor(query.after)
    with ctx.store.transaction() as tx:
        ids = tx.search.people(query.text, limit=SEARCH_HITS) if query.text.strip() else None
        check_ins = (
            CheckIns(local_today(ctx), tx.preferences.cadences(), ctx.settings.timezone)
            if query.overdue
            else None
        )
        where = PeopleFilter(circle, mode, query.tag.strip() or None, check_ins, ids)
        pages = PeoplePagesRepository(tx.session, tx.owner_id)
        rows: list[KeyedRow]
        if query.sort == "name":
            rows = pages.by_name(where, _name_cursor(after), size + 1)
        elif query.sort == "last":
            rows = pages.by_last_interaction(where, _last_cursor(after), size + 1)
        else:
            rows = pages.by_warmth(where, _warmth_cursor(after), size + 1)
        shown = rows[:size]
        people = tuple(tx.people.summaries_of([row.person for row in shown], ctx.now()))
    more = len(rows) > size and bool(shown)
    return PeoplePage(people, json.dumps(list(shown[-1].key)) if more else None)


def person_page(ctx: Context, uid: str) -> PersonPage:
    """Everything about the person with exactly this id; NotFound for anyone else's."""
    with ctx.store.transaction() as tx:
        pages = PeoplePagesRepository(tx.session, tx.owner_id)
        person_id = pages.person_id(uid)
        if person_id is None:
            raise NotFound(f"nobody has the id {uid!r}.")
        milestones = tuple(pages.milestones(person_id))
        relationships = tuple(pages.relationships(person_id))
        detail = person_detail(
            tx, person_id, now=ctx.now(), recent=TIMELINE, tz=ctx.settings.timezone
        )
        person = detail.person
        ledger = person_ledger(tx, person_id, uid=person.id, name=person.name)
    return PersonPage(detail, ledger, milestones, relationships)


_BAD_CURSOR = "that is not a page position of this list; start again from the first page."


def _cursor(text: str) -> list[object] | None:
    if not text:
        return None
    try:
        value = json.loads(text)
    except ValueError:
        raise InvalidInput(_BAD_CURSOR, field="after") from None
    if not isinstance(value, list):
        raise InvalidInput(_BAD_CURSOR, field="after")
    return value


def _name_cursor(after: list[object] | None) -> tuple[str, int] | None:
    if after is None:
        return None
    match after:
        case [str(name), int(person_id)]:
            return name, person_id
    raise InvalidInput(_BAD_CURSOR, field="after")


def _last_cursor(after: list[object] | None) -> tuple[str, str, int] | None:
    if after is None:
        return None
    match after:
        case [str(seen), str(name), int(person_id)]:
            if seen != NEVER:
                try:
                    datetime.fromisoformat(seen)
                except ValueError:
                    raise InvalidInput(_BAD_CURSOR, field="after") from None
            return seen, name, person_id
    raise InvalidInput(_BAD_CURSOR, field="after")


def _warmth_cursor(after: list[object] | None) -> tuple[float, str, int] | None:
    if after is None:
        return None
    match after:
        case [int(key) | float(key), str(name), int(person_id)] if not math.isnan(key):
            return float(key), name, person_id
    raise InvalidInput(_BAD_CURSOR, field="after")
