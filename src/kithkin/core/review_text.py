"""The weekly review as Markdown: what ``kithkin review`` prints and the web page shows.

User text (names, follow-ups, message samples) is copied as it is: a front end that renders
the Markdown to HTML must escape it the way it escapes all user text.
"""

from __future__ import annotations

from collections.abc import Mapping

from kithkin.core.periods import plural
from kithkin.core.review import WeeklyReview, clip

PURPOSE_ORDER = ("networking", "social", "both", "unclassified")


def _counts(counts: Mapping[str, int], order: tuple[str, ...] = ()) -> str:
    keys = [k for k in order if k in counts] + sorted(k for k in counts if k not in order)
    return ", ".join(f"{key} {counts[key]}" for key in keys)


def _happened(review: WeeklyReview) -> list[str]:
    happened, tally = review.happened, review.hours.tally
    if not happened.interactions and not happened.activities:
        lines = ["- Nothing logged this week."]
    else:
        lines = [
            f"- {plural(happened.interactions, 'interaction')} with "
            f"{plural(happened.people, 'person', 'people')}"
            + (f": {_counts(happened.by_purpose, PURPOSE_ORDER)}." if happened.by_purpose else ".")
        ]
        if happened.by_channel:
            lines.append(f"- By channel: {_counts(happened.by_channel)}.")
        if happened.activities:
            lines.append(f"- Activities: {_counts(happened.activities)}.")
    lines.append(
        f"- Hours: networking {tally.networking_hours:.1f} h, social {tally.social_hours:.1f} h "
        f"(budget {review.hours.budget.describe()}: {review.hours.status})."
    )
    return lines


def _follow_ups(review: WeeklyReview) -> list[str]:
    follow_ups = review.follow_ups
    late = f" ({follow_ups.done_late} late)" if follow_ups.done_late else ""
    lines = [f"Done this week: {follow_ups.done}{late}. Overdue: {len(follow_ups.overdue)}."]
    for open_one in follow_ups.overdue:
        who = f" — {open_one.person_name}" if open_one.person_name else ""
        lines.append(f"- {open_one.text}{who}, due {open_one.due}")
    return lines


def _slipped(review: WeeklyReview) -> list[str]:
    if not review.slipped:
        return ["Nobody: every check-in due this week is done."]
    return [
        f"- {slip.person.name} — {slip.person.circle} circle, every {slip.cadence_days} days, "
        f"due {slip.due}"
        for slip in review.slipped
    ]


def _mistakes(review: WeeklyReview) -> list[str]:
    through, focus = review.follow_through, review.self_focus
    missed = through.late + through.never
    verdict = "poor" if through.poor else "fine"
    lines = [
        f"- Follow-through ({verdict}): {missed} of {through.due} follow-ups due lately were "
        f"late ({through.late}) or never done ({through.never})."
    ]
    overall = focus.overall
    verdict = "asking more than giving" if focus.flagged else "fine"
    lines.append(f"- Self-focus ({verdict}): overall you {overall.describe()}.")
    lines += [f"  - {name}: {balance.describe()}" for name, balance in focus.worst]
    if review.templates:
        lines.append("- Over-automation: the same message sent to many people:")
        lines += [
            f"  - “{clip(t.sample, 80)}” to {t.people} people ({plural(t.messages, 'message')})"
            for t in review.templates
        ]
    else:
        lines.append("- Over-automation: none; your messages read personal.")
    return lines


def review_markdown(review: WeeklyReview) -> str:
    week = review.week
    title = f"# Weekly review {week.label()} ({week.first:%b %d} – {week.last:%b %d})"
    goals = [f"- [{'x' if g.met else ' '}] {g.describe()}" for g in review.goals] or ["No goals."]
    sections = [
        [title],
        ["## What happened", *_happened(review)],
        ["## Goals", *goals],
        ["## Follow-ups", *_follow_ups(review)],
        ["## Slipped past their cadence", *_slipped(review)],
        ["## Mistakes to watch", *_mistakes(review)],
        ["## Next week", *(f"{n}. {idea}" for n, idea in enumerate(review.suggestions, 1))],
    ]
    return "\n\n".join("\n".join(section) for section in sections) + "\n"
