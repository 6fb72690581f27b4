"""JSON shapes of the engine's results (agenda, warmth, ledger, goals, balance, review)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from kithkin.core.agenda import AgendaItem
from kithkin.core.balance import HoursBudget, WeekBalance
from kithkin.core.goals import GoalProgress
from kithkin.core.ledger import Balance
from kithkin.core.review import WeeklyReview
from kithkin.core.serialize import iso_time
from kithkin.core.warmth import Warmth

JSON = dict[str, Any]


def agenda_item_json(item: AgendaItem) -> JSON:
    return {
        "key": item.key,
        "kind": item.kind.value,
        "score": item.score,
        "reason": item.reason,
        "action": item.action,
        "person": {"id": item.person_id, "name": item.person_name} if item.person_id else None,
        "day": item.day.isoformat(),
    }


def warmth_json(value: Warmth) -> JSON:
    return {
        "score": value.score,
        "band": value.band,
        "recent_interactions": value.recent,
        "last_at": iso_time(value.last_at),
        "last_channel": value.last_channel.value if value.last_channel else None,
        "explanation": value.explanation,
    }


def balance_json(value: Balance) -> JSON:
    return {
        "gave": value.gave,
        "received": value.received,
        "asked": value.asked,
        "taken": value.taken,
        "net": value.net,
    }


def goal_json(progress: GoalProgress) -> JSON:
    return {
        "key": progress.goal.key,
        "label": progress.goal.label,
        "period": progress.goal.period,
        "from": progress.period.first.isoformat(),
        "to": progress.period.last.isoformat(),
        "target": progress.goal.target,
        "done": progress.done,
        "met": progress.met,
    }


def budget_json(budget: HoursBudget) -> JSON:
    return {"min_hours": budget.min_hours, "max_hours": budget.max_hours}


def week_balance_json(week: WeekBalance) -> JSON:
    tally = week.tally
    return {
        "week": week.week.label(),
        "from": week.week.first.isoformat(),
        "to": week.week.last.isoformat(),
        "networking": tally.networking,
        "social": tally.social,
        "unclassified": tally.unclassified,
        "networking_hours": round(tally.networking_hours, 2),
        "social_hours": round(tally.social_hours, 2),
        "unclassified_hours": round(tally.unclassified_hours, 2),
        "budget": budget_json(week.budget),
        "status": week.status,
    }


def review_json(review: WeeklyReview) -> JSON:
    happened = review.happened
    return {
        "week": review.week.label(),
        "from": review.week.first.isoformat(),
        "to": review.week.last.isoformat(),
        "happened": {
            "interactions": happened.interactions,
            "people": happened.people,
            "by_purpose": dict(happened.by_purpose),
            "by_channel": dict(happened.by_channel),
            "activities": dict(happened.activities),
        },
        "hours": week_balance_json(review.hours),
        "goals": [goal_json(goal) for goal in review.goals],
        "follow_ups": {
            "done": review.follow_ups.done,
            "done_late": review.follow_ups.done_late,
            "overdue": [
                {"id": f.id, "text": f.text, "due": f.due.isoformat(), "person": f.person_name}
                for f in review.follow_ups.overdue
            ],
        },
        "slipped": [
            {
                "person": {"id": slip.person.id, "name": slip.person.name},
                "circle": slip.person.circle.value,
                "cadence_days": slip.cadence_days,
                "due": slip.due.isoformat(),
            }
            for slip in review.slipped
        ],
        "mistakes": {
            "follow_through": {
                "due": review.follow_through.due,
                "late": review.follow_through.late,
                "never": review.follow_through.never,
                "share_missed": round(review.follow_through.share_missed, 3),
                "poor": review.follow_through.poor,
            },
            "self_focus": {
                "overall": balance_json(review.self_focus.overall),
                "worst": [
                    {"name": name, "balance": balance_json(balance)}
                    for name, balance in review.self_focus.worst
                ],
                "flagged": review.self_focus.flagged,
            },
            "over_automation": [
                {"sample": t.sample, "people": t.people, "messages": t.messages}
                for t in review.templates
            ],
        },
        "suggestions": list(review.suggestions),
    }


def items_json(items: Sequence[AgendaItem]) -> list[JSON]:
    return [agenda_item_json(item) for item in items]
