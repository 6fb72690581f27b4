"""Needs read from tags, titles and notes: the cue lists behind introduction suggestions."""

from __future__ import annotations

import pytest

from kithkin.core.network.needs import Need, Needs, answered, needs_of


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hiring backend engineers", {Need.HIRING}),
        ("We're hiring!", {Need.HIRING}),
        ("Technical recruiter", {Need.HIRING}),
        ("open to work", {Need.JOB_SEEKING}),
        ("Looking for a job in design", {Need.JOB_SEEKING}),
        ("looking for work after the layoffs", {Need.JOB_SEEKING}),
        ("#OpenToWork", {Need.JOB_SEEKING}),
        ("Raising a seed round", {Need.FUNDRAISING}),
        ("fundraising for series A", {Need.FUNDRAISING}),
        ("looking for investors", {Need.FUNDRAISING}),  # not an investor
        ("Angel investor", {Need.INVESTING}),
        ("Partner, venture capital", {Need.INVESTING}),
        ("VC at Northwind", {Need.INVESTING}),
        ("looking for a cofounder", {Need.COFOUNDER}),
        ("Seeking a technical co-founder", {Need.COFOUNDER}),
        ("looking for a mentor", {Need.MENTEE}),  # not a mentor
        ("happy to mentor first-time founders", {Need.MENTOR}),
        ("Mentor at the accelerator", {Need.MENTOR}),
        ("not hiring right now", set()),
        ("no longer looking for work", set()),
        ("isn't hiring this year", set()),
        ("loves climbing and jazz", set()),
        ("met at Los Angeles airport", set()),
        ("hiring; looking for investors", {Need.HIRING, Need.FUNDRAISING}),
    ],
)
def test_needs_are_read_from_plain_phrases(text: str, expected: set[Need]) -> None:
    assert needs_of(notes=text).needs == expected


def test_tags_and_titles_count_and_hiring_says_whom() -> None:
    found = needs_of(tags=["hiring"], title="CTO", notes="Hiring backend engineers in Berlin")
    assert found.needs == {Need.HIRING}
    assert found.phrase(Need.HIRING) == "is hiring backend engineers"
    assert needs_of(tags=["Hiring"]).phrase(Need.HIRING) == "is hiring"
    assert needs_of(title="Angel Investor").needs == {Need.INVESTING}
    assert needs_of(tags=["open to work"]).phrase(Need.JOB_SEEKING) == "is looking for work"


def test_answered_pairs_each_kind_once_in_the_order_given() -> None:
    hiring = Needs(frozenset({Need.HIRING}))
    seeking = Needs(frozenset({Need.JOB_SEEKING}))
    founder = Needs(frozenset({Need.COFOUNDER, Need.MENTEE}))
    other_founder = Needs(frozenset({Need.COFOUNDER, Need.MENTOR}))
    assert answered(hiring, seeking) == [(Need.HIRING, Need.JOB_SEEKING)]
    assert answered(seeking, hiring) == [(Need.JOB_SEEKING, Need.HIRING)]
    assert answered(hiring, hiring) == []
    assert answered(founder, other_founder) == [
        (Need.COFOUNDER, Need.COFOUNDER),
        (Need.MENTEE, Need.MENTOR),
    ]
