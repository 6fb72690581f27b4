"""What the web's duplicates page shows: the likeliest pairs with enough of each record to tell
them apart, and merging a pair by exact ids.

Finding the pairs reads every candidate in the account (5–7 s at 100k people), so the ranked
list is kept in ``ctx.cache`` until the account's data changes (`Store.data_version`): coming
back to the page after opening a person costs nothing, and any other write makes the next
visit look again. A merge made here is the exception: it updates the kept list itself (the
pairs of the record merged away leave it; those of the kept record stay, with the scores
found before), so merging one pair after another does not look again each time.
"""

from __future__ import annotations

from dataclasses import dataclass

from kithkin.core.duplicates import DuplicatePair
from kithkin.core.merge import MergeResult
from kithkin.core.records import Person, PersonRef
from kithkin.errors import NotFound
from kithkin.services.context import Context
from kithkin.services.duplicates import find_duplicates, merge_people
from kithkin.services.person_actions import person_ref as exact_person
from kithkin.store.people_pages import PeoplePagesRepository

PAGE_PAIRS = 50  # the pairs a page shows, the likeliest first
KEPT_PAIRS = 4 * PAGE_PAIRS  # kept, so the page stays full as merges take pairs away


@dataclass(frozen=True)
class PairView:
    """A candidate pair with both records as they are (the older record first)."""

    score: int
    reasons: tuple[str, ...]
    first: Person
    second: Person


@dataclass(frozen=True)
class DuplicatesPage:
    pairs: tuple[PairView, ...]
    total: int  # every candidate pair, shown or not


@dataclass(frozen=True)
class _Ranked:
    version: int  # the account's data version the pairs were found at
    pairs: tuple[DuplicatePair, ...]  # the first `KEPT_PAIRS`
    total: int


def duplicates_page(ctx: Context) -> DuplicatesPage:
    """The best `PAGE_PAIRS` candidate pairs, each with both people's records."""
    ranked = _ranked(ctx)
    page = ranked.pairs[:PAGE_PAIRS]
    wanted = dict.fromkeys(person.id for pair in page for person in pair.people)
    with ctx.store.transaction() as tx:
        pages = PeoplePagesRepository(tx.session, tx.owner_id)
        people: dict[str, Person] = {}
        for uid in wanted:
            person_id = pages.person_id(uid)
            if person_id is not None:
                people[uid] = tx.people.get(person_id)
    shown = tuple(
        PairView(pair.score, pair.reasons, people[first.id], people[second.id])
        for pair in page
        for first, second in [pair.people]
        if first.id in people and second.id in people
    )
    return DuplicatesPage(shown, ranked.total)


def _key(ctx: Context) -> str:
    return f"duplicates:{ctx.store.owner_id}"


def _ranked(ctx: Context) -> _Ranked:
    key = _key(ctx)
    version = ctx.store.data_version()  # read first: a write after it makes the list stale
    cached = ctx.cache.get(key)
    if isinstance(cached, _Ranked) and cached.version == version:
        return cached
    found = find_duplicates(ctx)
    ranked = _Ranked(version, tuple(found[:KEPT_PAIRS]), len(found))
    ctx.cache[key] = ranked
    return ranked


def person_ref(ctx: Context, uid: str) -> PersonRef | None:
    """The owner's person with exactly this id, or None."""
    try:
        return exact_person(ctx, uid)
    except NotFound:
        return None


def merge_pair(ctx: Context, keep: str, other: str) -> MergeResult:
    """`merge_people` for two exact ids of the owner's people. Unlike the CLI's references, a
    name, an id prefix or the id of someone merged away is NotFound here: a form sent twice,
    or from a page left open, must not merge whoever the old id leads to now."""
    for uid in (keep, other):
        if person_ref(ctx, uid) is None:
            raise NotFound(
                f"nobody has the id {uid!r} (any more): they may have been merged or deleted "
                "already."
            )
    before = ctx.store.data_version()
    merged = merge_people(ctx, keep, other)
    _forget_merged(ctx, other, before)
    return merged


def _forget_merged(ctx: Context, other: str, before: int) -> None:
    """Bring the kept list past the merge (one transaction, one version) if nothing else was
    written in between; else leave it stale, and the next visit looks again."""
    cached = ctx.cache.get(_key(ctx))
    after = ctx.store.data_version()
    if not isinstance(cached, _Ranked) or cached.version != before or after != before + 1:
        return
    left = tuple(pair for pair in cached.pairs if other not in {p.id for p in pair.people})
    gone = len(cached.pairs) - len(left)
    ctx.cache[_key(ctx)] = _Ranked(after, left, cached.total - gone)
