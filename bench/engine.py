"""The relationship engine's workloads: ``today``, ``goals``, ``balance`` and ``review`` through
Kithkin's services, each against its hand-written baseline (``bench.engine_raw``) on the same
database. Both answers are reduced to the same digest and must agree."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date
from functools import partial

from bench import measure
from bench.engine_raw import EngineBaseline
from bench.raw import Raw
from bench.workloads import Result, compared
from kithkin.core.agenda import AgendaItem
from kithkin.core.balance import HoursBudget, WeekBalance
from kithkin.core.goals import GoalProgress
from kithkin.core.review import WeeklyReview
from kithkin.services import Context, engine

GROUP = "engine"


def agenda_digest(items: tuple[AgendaItem, ...]) -> list[str]:
    return [item.key for item in items]


def goals_digest(
    answer: tuple[tuple[GoalProgress, ...], HoursBudget],
) -> list[tuple[str, int | None]]:
    return [(progress.goal.key, progress.done) for progress in answer[0]]


def week_digest(week: WeekBalance) -> tuple[object, ...]:
    tally = week.tally
    return (
        week.week.label(),
        tally.networking,
        tally.social,
        tally.unclassified,
        round(tally.networking_hours, 2),
        round(tally.social_hours, 2),
        round(tally.unclassified_hours, 2),
    )


def balance_digest(weeks: tuple[WeekBalance, ...]) -> list[tuple[object, ...]]:
    return [week_digest(week) for week in weeks]


def review_digest(answer: tuple[WeeklyReview, dict[str, str]]) -> dict[str, object]:
    """What the review found, in the shape ``EngineBaseline.review`` returns."""
    review = answer[0]
    happened, follow_ups, through = review.happened, review.follow_ups, review.follow_through
    focus = review.self_focus
    return {
        "happened": (
            happened.interactions,
            happened.people,
            happened.by_purpose,
            happened.by_channel,
        ),
        "activities": happened.activities,
        "hours": week_digest(review.hours)[1:],
        "goals": [(progress.goal.key, progress.done) for progress in review.goals],
        "follow_ups": (
            follow_ups.done,
            follow_ups.done_late,
            tuple(f.id for f in follow_ups.overdue),
            tuple(f.person_name for f in follow_ups.overdue),
            (through.due, through.late, through.never),
        ),
        "slipped": [(slip.person.id, slip.due) for slip in review.slipped],
        "ledger": (
            (focus.overall.gave, focus.overall.received, focus.overall.asked),
            tuple((name, b.gave, b.received, b.asked) for name, b in focus.worst),
        ),
        "templates": [(t.people, t.messages, t.sample) for t in review.templates],
    }


def paired_latency(
    ours: Callable[[], object],
    theirs: Callable[[], object],
    *,
    runs: int,
    warmup: int = 2,
    budget: float = 90.0,
) -> tuple[measure.Latency, measure.Latency]:
    """Both calls timed in turn, run after run, so that a machine shared with other work
    weighs on both alike; stops early (after 3 pairs) past ``budget`` seconds."""
    for _ in range(warmup):
        ours()
        theirs()
    mine: list[float] = []
    raw: list[float] = []
    started = time.perf_counter()
    while len(mine) < runs:
        for call, samples in ((ours, mine), (theirs, raw)):
            start = time.perf_counter()
            call()
            samples.append((time.perf_counter() - start) * 1000)
        if len(mine) >= 3 and time.perf_counter() - started > budget:
            break
    return _latency(mine), _latency(raw)


def _latency(samples: list[float]) -> measure.Latency:
    return measure.Latency(
        measure.percentile(samples, 0.5), measure.percentile(samples, 0.95), len(samples)
    )


def _differences(ours: object, theirs: object) -> str:
    if isinstance(ours, dict) and isinstance(theirs, dict):
        return ", ".join(key for key in ours if ours[key] != theirs.get(key))
    return "the answers"


def engine_workloads(
    ctx: Context, raw: Raw, *, day: date, runs: int
) -> tuple[list[Result], list[str]]:
    """The four engine commands on the loaded network, for ``day`` (the bench's today)."""
    baseline = EngineBaseline(raw, ctx.store.owner_id)
    cases: list[tuple[str, Callable[[], object], Callable[[], object], Callable[..., object]]] = [
        ("today", partial(engine.today, ctx, on=day), partial(baseline.today, day), agenda_digest),
        ("goals", partial(engine.goals, ctx, on=day), partial(baseline.goals, day), goals_digest),
        (
            "balance (4 weeks)",
            partial(engine.balance, ctx, weeks=4, on=day),
            partial(baseline.balance, day, 4),
            balance_digest,
        ),
        (
            "review",
            partial(engine.review, ctx, week=day),
            partial(baseline.review, day),
            review_digest,
        ),
    ]
    results: list[Result] = []
    problems: list[str] = []
    for name, ours, theirs, digest in cases:
        found, expected = digest(ours()), theirs()
        if found != expected:
            problems.append(
                f"{name}: Kithkin and the baseline disagree ({_differences(found, expected)})"
            )
        mine, raw_latency = paired_latency(ours, theirs, runs=runs)
        ratio_p95 = mine.p95 / raw_latency.p95 if raw_latency.p95 > 0 else None
        note = _note(name, found) + (f"; p95 ratio {ratio_p95:.2f}" if ratio_p95 else "")
        result = compared(name, mine, raw_latency, note.lstrip("; "))
        result.data["ratio_p95"] = ratio_p95
        result.group = GROUP
        results.append(result)
    return results, problems


def _note(name: str, digest: object) -> str:
    if name == "today" and isinstance(digest, list):
        kinds = sorted({key.partition(":")[0] for key in digest})
        return f"{len(digest)} items ({', '.join(kinds)})"
    if name == "review" and isinstance(digest, dict):
        follow_ups = digest["follow_ups"]
        overdue = len(follow_ups[2]) if isinstance(follow_ups, tuple) else 0
        templates = digest["templates"]
        shown = len(templates) if isinstance(templates, list) else 0
        return f"{overdue:,} overdue follow-ups, {shown} templates"
    return ""
