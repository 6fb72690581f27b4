from __future__ import annotations

from kithkin.core.facts import ExchangeFacts
from kithkin.core.ledger import (
    Balance,
    ask_nudge,
    balances_by_person,
    most_one_sided,
    needs_reciprocity,
    overall_balance,
)
from kithkin.core.vocabulary import Direction, ExchangeKind
from tests.core.factories import TODAY, at


def exchange(person_id: str, direction: Direction, kind: ExchangeKind) -> ExchangeFacts:
    return ExchangeFacts(person_id, direction, kind, at(TODAY))


def test_each_persons_balance_counts_gives_asks_and_favors_received() -> None:
    balances = balances_by_person(
        [
            exchange("ana", Direction.GAVE, ExchangeKind.INTRO),
            exchange("ana", Direction.ASKED, ExchangeKind.REFERRAL),
            exchange("ana", Direction.RECEIVED, ExchangeKind.REFERRAL),
            exchange("ben", Direction.ASKED, ExchangeKind.ADVICE),
        ]
    )
    assert balances == {
        "ana": Balance(gave=1, received=1, asked=1),
        "ben": Balance(asked=1),
    }


def test_an_ask_and_the_favor_it_brought_count_once() -> None:
    assert Balance(gave=1, asked=2, received=2).net == -1
    assert Balance(gave=1, asked=0, received=3).net == -2
    assert Balance(gave=4, asked=1).net == 3


def test_the_overall_balance_adds_everyone_up() -> None:
    total = overall_balance([Balance(gave=2, asked=1), Balance(asked=3, received=1)])
    assert total == Balance(gave=2, received=1, asked=4)
    assert total.describe() == "gave 2, asked 4, received 1 (net -2)"


def test_asking_someone_you_never_helped_deserves_a_nudge() -> None:
    assert ask_nudge(Balance(), "Ana") == "You have never helped Ana — offer help before asking."
    assert ask_nudge(Balance(asked=1, received=1), "Ana") == (
        "You have never helped Ana — offer help before asking."
    )


def test_asking_again_after_taking_much_more_than_giving_deserves_a_nudge() -> None:
    assert ask_nudge(Balance(gave=1, asked=3), "Ana") == (
        "You have taken 3 favors from Ana and given 1 — offer help before asking again."
    )


def test_asking_someone_you_help_as_much_as_they_help_you_is_fair() -> None:
    assert ask_nudge(Balance(gave=2, asked=3), "Ana") is None
    assert ask_nudge(Balance(gave=3, asked=1, received=1), "Ana") is None


def test_reciprocity_means_two_asks_and_no_give() -> None:
    assert needs_reciprocity(Balance(asked=2))
    assert not needs_reciprocity(Balance(asked=1))
    assert not needs_reciprocity(Balance(asked=5, gave=1))


def test_the_most_one_sided_relationships_come_worst_first() -> None:
    balances = {
        "ana": Balance(asked=2),
        "ben": Balance(asked=4, gave=1),
        "cy": Balance(asked=2, received=2),
        "dee": Balance(gave=3),
        "eve": Balance(asked=3),
    }
    assert [pid for pid, _ in most_one_sided(balances)] == ["ben", "eve", "ana"]
    assert [pid for pid, _ in most_one_sided(balances, limit=10)] == ["ben", "eve", "ana", "cy"]
