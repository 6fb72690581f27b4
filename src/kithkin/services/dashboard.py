"""The dashboard's data: today's agenda, the goals and the weekly balance, computed once per
account, day and data version and then served from the process's cache.

Computing the agenda reads every person (about 0.4 s at 100k people), and the dashboard is the
page users open most. What it shows depends only on the owner's data and the local day, so the
result is kept in `ctx.cache` with the owner's data version (`Store.data_version`), which every
write of the owner's data bumps in its own transaction: the next dashboard after a write, in any
process, computes afresh.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import date

from kithkin.core.agenda import AgendaItem
from kithkin.core.balance import HoursBudget, WeekBalance
from kithkin.core.goals import GoalProgress
from kithkin.services import engine
from kithkin.services.context import Context

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
    data_version: int
    dashboard: Dashboard


def dashboard(ctx: Context) -> Dashboard:
    """The owner's dashboard for today, from the cache while their data has not changed."""
    owner_id = ctx.store.owner_id
    day = engine.local_today(ctx)
    version = ctx.store.data_version()  # read first: a write after it makes the result stale
    key = f"dashboard:{owner_id}"
    found = _fresh(ctx.cache.get(key), day, version)
    if found is not None:
        return found
    with _computing.setdefault(owner_id, threading.Lock()):
        found = _fresh(ctx.cache.get(key), day, version)  # computed while this one waited
        if found is not None:
            return found
        goals, budget = engine.goals(ctx, on=day)
        computed = Dashboard(
            agenda=engine.today(ctx, on=day),
            goals=goals,
            budget=budget,
            weeks=engine.balance(ctx, weeks=BALANCE_WEEKS, on=day),
        )
        ctx.cache[key] = _Cached(day, version, computed)
        return computed


def _fresh(cached: object, day: date, version: int) -> Dashboard | None:
    if isinstance(cached, _Cached) and cached.day == day and cached.data_version >= version:
        return cached.dashboard
    return None
