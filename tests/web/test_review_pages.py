"""The review page: the weekly review and the mistakes report, week by week, printable."""

from __future__ import annotations

from kithkin.core.log_entry import LogInput
from kithkin.core.person_changes import PersonInput
from kithkin.services import add_person, log_interaction
from tests.web.conftest import Web


def test_the_review_shows_the_weeks_numbers(web: Web) -> None:
    add_person(web.ctx, PersonInput(name="Ana Ruiz"))
    add_person(web.ctx, PersonInput(name="Ben Okafor"))
    log_interaction(web.ctx, ["Ana"], LogInput(note="coffee", purpose="networking", minutes=90))
    log_interaction(
        web.ctx, ["Ben"], LogInput(note="dinner", purpose="social", channel="in-person")
    )
    log_interaction(web.ctx, ["Ana"], LogInput(note="chat", follow_up="2026-11-10: send the deck"))
    web.sign_in()
    page = web.client.get("/review")
    assert page.status_code == 200
    text = page.text
    assert "Weekly review" in text and "2026-W47" in text  # Mon Nov 16 – Sun Nov 22
    assert "Mon Nov 16" in text and "Sun Nov 22, 2026" in text
    assert "<dt>3</dt><dd>interactions</dd>" in text and "<dt>2</dt><dd>people</dd>" in text
    assert "<dt>1.5 h</dt><dd>networking</dd>" in text
    assert "networking 1</span>" in text and "social 2</span>" in text  # "chat" reads social
    assert "send the deck" in text and "Overdue: <strong>1</strong>" in text
    assert "Mistakes to watch" in text and "Follow-through" in text and "Self-focus" in text
    assert "Over-automation" in text and "Next week" in text
    assert '<link rel="stylesheet" href="/static/review.css">' in text


def test_the_week_links_go_back_and_not_into_the_future(web: Web) -> None:
    add_person(web.ctx, PersonInput(name="Ana Ruiz"))
    log_interaction(web.ctx, ["Ana"], LogInput(note="old coffee", date="2026-11-10"))
    web.sign_in()
    this_week = web.client.get("/review").text
    assert 'href="/review?week=2026-11-09" rel="prev"' in this_week
    assert 'rel="next"' not in this_week  # next week has not happened
    last_week = web.client.get("/review?week=2026-11-09")
    assert last_week.status_code == 200
    assert "2026-W46" in last_week.text and "<dt>1</dt><dd>interaction</dd>" in last_week.text
    assert 'href="/review?week=2026-11-16" rel="next"' in last_week.text
    assert 'href="/review">This week</a>' in last_week.text
    assert "<dt>0</dt><dd>interactions</dd>" in web.client.get("/review?week=2026-11-02").text


def test_a_bad_or_future_week_is_a_clear_message(web: Web) -> None:
    web.sign_in()
    bad = web.client.get("/review?week=next-tuesday")
    assert bad.status_code == 400 and "expected YYYY-MM-DD" in bad.text
    future = web.client.get("/review?week=2026-12-07")
    assert future.status_code == 400 and "has not happened yet" in future.text


def test_the_review_needs_a_signed_in_owner_and_prints_without_the_navigation(web: Web) -> None:
    assert web.client.get("/review", follow_redirects=False).status_code == 303
    css = web.client.get("/static/review.css").text
    print_rules = css[css.index("@media print") :]
    assert "header.top" in print_rules and "button" in print_rules and "nav" in print_rules
