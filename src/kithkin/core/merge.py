"""What a merge keeps when two records of one person disagree: plain rules, no storage.

KEEP's value wins where it has one and OTHER's fills the blanks; free text from both is kept
(joined); dates take the earliest meeting and the latest contact; warmth is recomputed from
every interaction the merged person was in (adding the two stored heats would count an
interaction with both people twice).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from kithkin.core.dates import PartialDate
from kithkin.core.records import Person, PersonRef
from kithkin.core.vocabulary import Channel
from kithkin.core.warmth import add_touch

# What a merge counts, in the order it is reported.
KINDS = (
    "emails",
    "phones",
    "urls",
    "addresses",
    "nicknames",
    "tags",
    "interests",
    "employments",
    "identities",
    "related_names",
    "photos",
    "extra_properties",
    "interactions",
    "exchanges",
    "follow_ups",
    "milestones",
    "events",
    "relationships",
)


@dataclass(frozen=True)
class MergeResult:
    kept: Person  # KEEP as it is after the merge
    merged: PersonRef  # OTHER, who no longer exists
    moved: dict[str, int]  # OTHER's rows now on KEEP, for each of KINDS
    kept_once: dict[str, int]  # OTHER's rows KEEP already had, for each of KINDS
    between: int = 0  # relationships between the two, dropped
    old_name: str | None = None  # OTHER's name, now a nickname of KEEP


def fill(keep: str, other: str) -> str:
    """KEEP's text when it has any, else OTHER's."""
    return keep if keep.strip() else other


def joined(keep: str, other: str, separator: str) -> str:
    """Both texts when they differ (KEEP's first), else the one there is."""
    if not other.strip() or other.strip() in keep:
        return keep
    if not keep.strip():
        return other
    return f"{keep}{separator}{other}"


def birthday(keep: PartialDate | None, other: PartialDate | None) -> PartialDate | None:
    """KEEP's birthday, with OTHER's year added when only OTHER knows it; else OTHER's."""
    if keep is None:
        return other
    if (
        keep.year is None
        and other is not None
        and other.year is not None
        and (other.month, other.day) == (keep.month, keep.day)
    ):
        return other
    return keep


def earliest(first: date | None, second: date | None) -> date | None:
    if first is None or second is None:
        return first or second
    return min(first, second)


def latest(first: datetime | None, second: datetime | None) -> datetime | None:
    if first is None or second is None:
        return first or second
    return max(first, second)


def chosen(keep: str, other: str, default: str) -> str:
    """A choice with a default (a circle, a mode): KEEP's unless it is the default."""
    return other if keep == default else keep


def heat_of(touches: Iterable[tuple[datetime, Channel]]) -> tuple[float, datetime | None]:
    """The stored warmth pair ``(heat, as_of)`` of these interactions, as if logged in order."""
    heat, as_of = 0.0, None
    for at, channel in sorted(touches, key=lambda touch: touch[0]):
        heat, as_of = add_touch(heat, as_of, at=at, channel=channel)
    return heat, as_of


def current_job(jobs: Sequence[tuple[str | None, bool]]) -> int | None:
    """Which of the jobs ``(start date as ISO text or None, is current)`` stays the current one:
    the one that started last (unknown starts count as oldest); on a tie, the first listed
    (KEEP's jobs are listed before OTHER's). None when no job is current."""
    best: int | None = None
    for index, (start, current) in enumerate(jobs):
        if not current:
            continue
        if best is None or (start or "") > (jobs[best][0] or ""):
            best = index
    return best
