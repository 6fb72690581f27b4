"""What the web's follow-ups page shows: a page of follow-ups in the order
``kithkin follow-ups`` lists them (the most urgent first: by due day, then id), with the
counts of the whole list, and one follow-up by id."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from kithkin.core.records import FollowUp
from kithkin.core.vocabulary import FollowUpStatus
from kithkin.errors import InvalidInput
from kithkin.services.context import Context
from kithkin.services.engine import local_today
from kithkin.store.follow_up_pages import FollowUpCounts, FollowUpPagesRepository

PAGE_SIZE = 100
OPEN = (FollowUpStatus.OPEN, FollowUpStatus.SNOOZED)
EVERY = (*OPEN, FollowUpStatus.DONE, FollowUpStatus.DROPPED)
MAX_ID = 2**31 - 1  # ids are 32-bit integers (PostgreSQL's INTEGER)
_CURSOR = re.compile(r"(\d{4}-\d{2}-\d{2})\.(\d{1,10})", re.ASCII)
_BAD_CURSOR = "that is not a page position of this list; start again from the first page."


@dataclass(frozen=True)
class FollowUpsPage:
    follow_ups: tuple[FollowUp, ...]
    counts: FollowUpCounts  # of the whole list, not only this page
    today: date
    next_after: str | None  # pass as ``after`` for the next page; None on the last page

    @property
    def first(self) -> int:
        """The position (from 1) of this page's first row in the whole list."""
        return self.counts.before + 1

    @property
    def last(self) -> int:
        return self.counts.before + len(self.follow_ups)


def follow_ups_page(
    ctx: Context, *, include_closed: bool = False, after: str = "", size: int = PAGE_SIZE
) -> FollowUpsPage:
    """Open and snoozed follow-ups (every one with ``include_closed``, as ``--all``), the
    ``size`` after the position ``after`` (a previous page's ``next_after``)."""
    cursor = _cursor(after)
    statuses = EVERY if include_closed else OPEN
    today = local_today(ctx)
    with ctx.store.transaction() as tx:
        pages = FollowUpPagesRepository(tx.session, tx.owner_id)
        found = pages.page(statuses, cursor, size + 1)
        counts = pages.counts(statuses, today, cursor)
    shown = found[:size]
    more = len(found) > size and bool(shown)
    return FollowUpsPage(
        tuple(shown),
        counts,
        today,
        f"{shown[-1].due.isoformat()}.{shown[-1].id}" if more else None,
    )


def follow_up(ctx: Context, follow_up_id: int) -> FollowUp:
    """The owner's follow-up with this id; NotFound for another account's or a missing one."""
    with ctx.store.transaction() as tx:
        return tx.follow_ups.get(follow_up_id)


def _cursor(text: str) -> tuple[date, int] | None:
    if not text:
        return None
    match = _CURSOR.fullmatch(text.strip())
    if match is None:
        raise InvalidInput(_BAD_CURSOR, field="after")
    try:
        day = date.fromisoformat(match.group(1))
    except ValueError:
        raise InvalidInput(_BAD_CURSOR, field="after") from None
    last_id = int(match.group(2))
    if last_id > MAX_ID:
        raise InvalidInput(_BAD_CURSOR, field="after")
    return day, last_id
