"""What the web's ledger page shows: the give/ask balance overall and the nudge
``kithkin log`` gives before asking again, the people you owe most (each with their nudge)
and the latest entries: ``kithkin ledger`` in bounded parts.

Counting everyone's entries is the costly part (tens of milliseconds at 100k entries), so a
page is kept in ``ctx.cache`` with the owner's data version (`Store.data_versions`, bumped by
every write of their data, in any process) and served from there until the data changes."""

from __future__ import annotations

from dataclasses import dataclass

from kithkin.core.ledger import Balance, ask_nudge
from kithkin.core.records import Exchange
from kithkin.services.context import Context
from kithkin.store.ledger_pages import LedgerPagesRepository

ONE_SIDED = 10  # people on the page
LATEST = 25  # entries on the page
EVERYONE = "your network"  # the overall nudge's name: "You have never helped your network…"


@dataclass(frozen=True)
class OneSided:
    person_id: str
    name: str
    balance: Balance
    nudge: str | None  # ``ledger.ask_nudge``: what to hear before asking them again


@dataclass(frozen=True)
class LedgerPage:
    overall: Balance
    nudge: str | None  # ``ask_nudge`` of the overall balance; None when it is fair
    one_sided: tuple[OneSided, ...]  # you owe them most first
    owed: int  # how many people you owe (net below zero), of whom ``one_sided`` are the worst
    latest: tuple[Exchange, ...]  # newest first

    @property
    def empty(self) -> bool:
        overall = self.overall
        return overall.gave + overall.received + overall.asked == 0


@dataclass(frozen=True)
class _Cached:
    data_version: int  # the data version it was computed at
    shape: tuple[int, int]  # (people, entries) asked for
    page: LedgerPage


def ledger_page(ctx: Context, *, people: int = ONE_SIDED, entries: int = LATEST) -> LedgerPage:
    """The owner's ledger page, from the cache while their data has not changed."""
    version = ctx.store.data_versions().data  # read first: a write after it makes it stale
    key = f"ledger-page:{ctx.store.owner_id}"
    cached = ctx.cache.get(key)
    if (
        isinstance(cached, _Cached)
        and cached.data_version >= version
        and cached.shape == (people, entries)
    ):
        return cached.page
    page = _compute(ctx, people, entries)
    ctx.cache[key] = _Cached(version, (people, entries), page)
    return page


def _compute(ctx: Context, people: int, entries: int) -> LedgerPage:
    with ctx.store.transaction() as tx:
        overall = tx.facts.ledger_totals()
        worst, owed = tx.facts.most_one_sided(people)
        latest = LedgerPagesRepository(tx.session, tx.owner_id).latest(entries)
    empty = overall.gave + overall.received + overall.asked == 0
    return LedgerPage(
        overall=overall,
        nudge=None if empty else ask_nudge(overall, EVERYONE),
        one_sided=tuple(
            OneSided(uid, name, balance, ask_nudge(balance, name)) for uid, name, balance in worst
        ),
        owed=owed,
        latest=tuple(latest),
    )
