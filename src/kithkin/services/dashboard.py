"""The dashboard's data: today's agenda, the goals and the weekly balance, computed once per
account, day and data version and then served from the process's cache.

What it shows depends only on the owner's data and the local day, so the result is kept in
`ctx.cache` with the owner's data versions (`Store.data_versions`), which every write of the
owner's data bumps in its own transaction: the next dashboard after a write, in any process,
computes afresh — all but the balance's weekly groups (the costliest read: every interaction of
the last weeks), which are kept until the interactions themselves change, so marking an item
done or editing someone recomputes only the agenda and the goals. The web app calls `refresh`
after each write it answers (once the answer is sent), so the process that took the write has
the new dashboard ready by the time the user looks again.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import date

from kithkin.core.agenda import AgendaItem
from kithkin.core.balance import HoursBudget, WeekBalance, weekly_balance_of_groups
from kithkin.core.goals import GoalProgress
from kithkin.services import engine
from kithkin.services.context import Context
from kithkin.store.data_version import DataVersions

BALANCE_WEEKS = 6
_computing: dict[int, threading.Lock] = {}  # per owner: one computation at a time, others wait


@dataclass(frozen=True, slots=True)
class Dashboard:
    agenda: tuple[AgendaItem, ...]
    goals: tuple[GoalProgress, ...]
    budget: HoursBudget
    weeks: tuple[WeekBalance, ...]


@dataclass(frozen=True, slots=True)
class _Cached:
    day: date
    data_version: int  # the data version it was computed at
    week_groups: engine.WeekGroups  # valid while the interactions' version is not above it
    dashboard: Dashboard


def dashboard(ctx: Context) -> Dashboard:
    """The owner's dashboard for today, from the cache while their data has not changed."""
    owner_id = ctx.store.owner_id
    day = engine.local_today(ctx)
    versions = ctx.store.data_versions()  # read first: a write after it makes the result stale
    key = _key(owner_id)
    found = _fresh(ctx.cache.get(key), day, versions)
    if found is not None:
        return found.dashboard
    with _computing.setdefault(owner_id, threading.Lock()):
        earlier = ctx.cache.get(key)
        found = _fresh(earlier, day, versions)  # computed while this one waited
        if found is not None:
            return found.dashboard
        goals, budget = engine.goals(ctx, on=day)
        groups = _kept_groups(earlier, day, versions)
        if groups is None:
            groups = engine.week_groups(ctx, weeks=BALANCE_WEEKS, on=day)
        computed = Dashboard(
            agenda=engine.today(ctx, on=day),
            goals=goals,
            budget=budget,
            weeks=weekly_balance_of_groups(groups, today=day, budget=budget),
        )
        ctx.cache[key] = _Cached(day, versions.data, groups, computed)
        return computed


def refresh(ctx: Context) -> None:
    """After a write: compute the owner's dashboard again now if this process has served it
    before (and it is stale), so that the next view finds it ready."""
    if _key(ctx.store.owner_id) in ctx.cache:
        dashboard(ctx)


def _key(owner_id: int) -> str:
    return f"dashboard:{owner_id}"


def _fresh(cached: object, day: date, versions: DataVersions) -> _Cached | None:
    if isinstance(cached, _Cached) and cached.day == day and cached.data_version >= versions.data:
        return cached
    return None


def _kept_groups(cached: object, day: date, versions: DataVersions) -> engine.WeekGroups | None:
    """The weekly groups of an earlier computation, if the interactions have not changed since
    (the same day: the weeks move with it)."""
    if (
        isinstance(cached, _Cached)
        and cached.day == day
        and cached.data_version >= versions.interactions
    ):
        return cached.week_groups
    return None
