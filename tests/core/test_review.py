from __future__ import annotations

from datetime import date

import pytest

from kithkin.core.facts import FollowUpFacts, InteractionFacts
from kithkin.core.ledger import Balance
from kithkin.core.periods import DateRange
from kithkin.core.review import (
    ReviewFacts,
    WeeklyReview,
    name_list,
    review_window,
    weekly_review,
)
from kithkin.core.review_text import review_markdown
from kithkin.core.vocabulary import Activity, Channel, Circle, FollowUpStatus, Initiator, Purpose
from tests.core.factories import TODAY, at, interaction, person

TEMPLATE = (
    "Hi {name}, I came across your profile and would love to connect and learn more about "
    "your work in fintech. Looking forward to staying in touch!"
)
OPEN, DONE, DROPPED = FollowUpStatus.OPEN, FollowUpStatus.DONE, FollowUpStatus.DROPPED


def template_to(name: str, day: int, initiated_by: Initiator = Initiator.ME) -> InteractionFacts:
    return interaction(
        date(2026, 11, day),
        name.lower(),
        channel=Channel.LINKEDIN,
        note=TEMPLATE.format(name=name),
        initiated_by=initiated_by,
    )


def follow_up(
    id: int, due: date, status: FollowUpStatus = OPEN, done: date | None = None
) -> FollowUpFacts:
    return FollowUpFacts(
        id, due, f"follow-up {id}", status, person_id="ben", done_at=at(done) if done else None
    )


def a_busy_week() -> ReviewFacts:
    return ReviewFacts(
        people=[
            person("Ana Ruiz", circle=Circle.INNER, last=date(2026, 11, 2)),
            person("Ben Ode", last=date(2026, 11, 17)),
            person("Cy Young", last=date(2026, 11, 18)),
        ],
        interactions=[
            interaction(
                date(2026, 11, 17),
                "ben",
                channel=Channel.IN_PERSON,
                purpose=Purpose.BOTH,
                minutes=60,
            ),
            interaction(date(2026, 11, 18), "cy", channel=Channel.CALL, minutes=30),
            interaction(
                date(2026, 11, 19),
                "fay",
                channel=Channel.IN_PERSON,
                purpose=Purpose.SOCIAL,
                minutes=120,
            ),
            interaction(date(2026, 11, 16), activity=Activity.POST_ENGAGEMENT, minutes=10),
            template_to("Gus", 10),
            template_to("Hal", 12),
            template_to("Ida", 18),
            template_to("Jo", 18, initiated_by=Initiator.THEM),
        ],
        follow_ups=[
            follow_up(1, date(2026, 11, 10), DONE, done=date(2026, 11, 12)),
            follow_up(2, date(2026, 11, 17), DONE, done=date(2026, 11, 17)),
            follow_up(3, date(2026, 11, 18), DONE, done=date(2026, 11, 19)),
            follow_up(4, date(2026, 11, 13)),
            follow_up(5, date(2026, 10, 1), DROPPED),
            follow_up(6, date(2026, 11, 25)),
            follow_up(7, date(2026, 7, 1), DONE, done=date(2026, 7, 30)),
        ],
        balances={"ben": Balance(asked=3), "cy": Balance(gave=2, asked=1)},
    )


@pytest.fixture
def review() -> WeeklyReview:
    return weekly_review(a_busy_week(), today=TODAY)


def test_the_review_covers_the_week_that_holds_today(review: WeeklyReview) -> None:
    assert review.week == DateRange(date(2026, 11, 16), date(2026, 11, 22))
    assert review_window(TODAY) == DateRange(date(2026, 10, 21), date(2026, 11, 30))


def test_what_happened_is_counted_by_purpose_and_channel(review: WeeklyReview) -> None:
    happened = review.happened
    assert (happened.interactions, happened.people) == (5, 5)  # Jo's reply counts too
    assert happened.by_purpose == {"both": 1, "networking": 3, "social": 1}
    assert happened.by_channel == {"in-person": 2, "call": 1, "linkedin": 2}
    assert happened.activities == {"post-engagement": 1}
    assert review.hours.tally.social_hours == pytest.approx(2.5)


def test_goals_hit_and_missed_are_listed(review: WeeklyReview) -> None:
    met = {g.goal.key: g.met for g in review.goals}
    assert met["engage-posts"] is False
    assert [g.done for g in review.goals][:1] == [1]


def test_follow_ups_done_this_week_and_those_overdue(review: WeeklyReview) -> None:
    assert (review.follow_ups.done, review.follow_ups.done_late) == (2, 1)
    [overdue] = review.follow_ups.overdue
    assert (overdue.id, overdue.person_name, overdue.due) == (4, "Ben Ode", date(2026, 11, 13))


def test_who_slipped_past_their_cadence(review: WeeklyReview) -> None:
    assert [(s.person.name, s.due) for s in review.slipped] == [("Ana Ruiz", date(2026, 11, 16))]


def test_poor_follow_through_counts_late_and_never_done_follow_ups(review: WeeklyReview) -> None:
    through = review.follow_through
    assert (through.due, through.late, through.never) == (5, 2, 2)
    assert through.share_missed == pytest.approx(0.8)
    assert through.poor


def test_self_focus_compares_asks_with_gives_and_names_the_worst(review: WeeklyReview) -> None:
    focus = review.self_focus
    assert focus.overall == Balance(gave=2, asked=4)
    assert focus.flagged
    assert [name for name, _ in focus.worst] == ["Ben Ode"]


def test_the_same_message_sent_to_three_people_is_over_automation(review: WeeklyReview) -> None:
    [template] = review.templates
    assert (template.people, template.messages) == (3, 3)
    assert template.sample.startswith("Hi Gus, I came across your profile")


def test_two_copies_or_messages_they_sent_are_not_over_automation() -> None:
    facts = ReviewFacts(
        interactions=[
            template_to("Gus", 10),
            template_to("Hal", 12),
            template_to("Ida", 18, initiated_by=Initiator.THEM),
            template_to("Jo", 19, initiated_by=Initiator.THEM),
        ]
    )
    assert weekly_review(facts, today=TODAY).templates == ()


def test_messages_older_than_the_lookback_are_not_over_automation() -> None:
    facts = ReviewFacts(
        interactions=[template_to("Gus", 1), template_to("Hal", 2), template_to("Ida", 18)]
    )
    assert weekly_review(facts, today=date(2026, 12, 10)).templates == ()


def test_suggestions_come_from_the_weeks_data_most_pressing_first(review: WeeklyReview) -> None:
    suggestions = review.suggestions
    assert len(suggestions) == 5
    assert suggestions[0] == (
        "Clear your overdue follow-up: “follow-up 4” for Ben Ode, due 2026-11-13."
    )
    assert suggestions[1] == "Reach out to Ana Ruiz: they slipped past their check-in cadence."
    assert suggestions[2].startswith("Give before you ask: offer Ben Ode")
    assert suggestions[3].startswith("Personalize your outreach: 3 people got the same message")
    assert suggestions[4].startswith("Tighten your follow-through: 80%")


def test_a_quiet_week_still_gets_three_suggestions() -> None:
    suggestions = weekly_review(ReviewFacts(), today=TODAY).suggestions
    assert 3 <= len(suggestions) <= 5
    assert suggestions[0].startswith("Catch up on your goals: Engage with 3 posts (0 of 3")
    assert suggestions[1] == (
        "Block 5.0 more hours for networking next week (0.0 h this week; budget 5–10 h)."
    )


def test_a_week_without_friends_suggests_time_for_them() -> None:
    facts = ReviewFacts(interactions=[interaction(TODAY, "ana", minutes=6 * 60)])
    assert any(
        s.startswith("Make time for friends") for s in weekly_review(facts, today=TODAY).suggestions
    )


def test_names_are_listed_as_people_say_them() -> None:
    assert name_list(["Ana"]) == "Ana"
    assert name_list(["Ana", "Ben"]) == "Ana and Ben"
    assert name_list(["Ana", "Ben", "Cy", "Dee", "Eve"]) == "Ana, Ben, Cy and 2 others"


def test_the_markdown_review_has_every_section(review: WeeklyReview) -> None:
    text = review_markdown(review)
    assert text.startswith("# Weekly review 2026-W47 (Nov 16 – Nov 22)\n")
    for heading in (
        "## What happened",
        "## Goals",
        "## Follow-ups",
        "## Slipped past their cadence",
        "## Mistakes to watch",
        "## Next week",
    ):
        assert f"\n{heading}\n" in text
    assert "5 interactions with 5 people: networking 3, social 1, both 1." in text
    assert "- [ ] Engage with 3 posts: 1 of 3 this week" in text
    assert "Done this week: 2 (1 late). Overdue: 1." in text
    assert "- Ana Ruiz — inner circle, every 14 days, due 2026-11-16" in text
    assert "- Follow-through (poor): 4 of 5 follow-ups due lately" in text
    assert "  - Ben Ode: gave 0, asked 3, received 0 (net -3)" in text
    assert "to 3 people (3 messages)" in text
    assert "\n1. Clear your overdue follow-up" in text


def test_an_empty_week_renders_without_errors() -> None:
    text = review_markdown(weekly_review(ReviewFacts(), today=TODAY))
    assert "Nothing logged this week." in text
    assert "Over-automation: none" in text
