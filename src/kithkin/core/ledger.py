"""The give/ask ledger: who you have helped, who helped you, and whom you keep asking.

Every exchange has a direction: ``gave`` (you helped them), ``received`` (they helped you)
and ``asked`` (you asked them for something). A ``Balance`` counts the three.

The model, in one rule: an ask and the favor it brought are usually logged as two entries
(``asked`` then ``received``), so what you *took* from someone is the larger of the two
counts, not their sum; the net balance is ``gave - taken``. Negative means you owe them.

Inputs: ``balances_by_person`` takes ``ExchangeFacts``; the store can instead build
``Balance`` rows straight from ``SELECT person_id, direction, count(*) … GROUP BY 1, 2``.
``needs_reciprocity`` mirrors ``HAVING asked >= 2 AND gave = 0``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from kithkin.core.facts import ExchangeFacts
from kithkin.core.periods import plural
from kithkin.core.vocabulary import Direction

RECIPROCITY_MIN_ASKS = 2  # asks without a single give before the agenda says so
ONE_SIDED_MARGIN = 2  # taken - gave at which asking again deserves a nudge


@dataclass(frozen=True, slots=True)
class Balance:
    gave: int = 0
    received: int = 0
    asked: int = 0

    @property
    def taken(self) -> int:
        """What you took: asks and favors received, an ask and its favor counted once."""
        return max(self.asked, self.received)

    @property
    def net(self) -> int:
        """``gave - taken``: below zero, you owe them."""
        return self.gave - self.taken

    def __add__(self, other: Balance) -> Balance:
        return Balance(
            gave=self.gave + other.gave,
            received=self.received + other.received,
            asked=self.asked + other.asked,
        )

    def describe(self) -> str:
        """``gave 1, asked 3, received 2 (net -1)``."""
        return f"gave {self.gave}, asked {self.asked}, received {self.received} (net {self.net:+d})"


def _count(balance: Balance, direction: Direction) -> Balance:
    if direction is Direction.GAVE:
        return Balance(balance.gave + 1, balance.received, balance.asked)
    if direction is Direction.RECEIVED:
        return Balance(balance.gave, balance.received + 1, balance.asked)
    return Balance(balance.gave, balance.received, balance.asked + 1)


def balances_by_person(exchanges: Iterable[ExchangeFacts]) -> dict[str, Balance]:
    """Each person's balance, from their exchanges."""
    balances: dict[str, Balance] = {}
    for exchange in exchanges:
        balances[exchange.person_id] = _count(
            balances.get(exchange.person_id, Balance()), exchange.direction
        )
    return balances


def overall_balance(balances: Iterable[Balance]) -> Balance:
    """Everyone's balances added up."""
    total = Balance()
    for balance in balances:
        total += balance
    return total


def needs_reciprocity(balance: Balance) -> bool:
    """You asked them twice or more and never gave them anything."""
    return balance.asked >= RECIPROCITY_MIN_ASKS and balance.gave == 0


def ask_nudge(balance: Balance, name: str) -> str | None:
    """What to hear before asking ``name`` for something now, or None when it is fair."""
    if balance.gave == 0:
        return f"You have never helped {name} — offer help before asking."
    if balance.taken - balance.gave >= ONE_SIDED_MARGIN:
        return (
            f"You have taken {plural(balance.taken, 'favor')} from {name} and given "
            f"{balance.gave} — offer help before asking again."
        )
    return None


def most_one_sided(balances: Mapping[str, Balance], limit: int = 3) -> list[tuple[str, Balance]]:
    """The people you owe most (net below zero), worst first; ties by asks, then id."""
    owed = [(person_id, b) for person_id, b in balances.items() if b.net < 0]
    owed.sort(key=lambda row: (row[1].net, -row[1].asked, row[0]))
    return owed[:limit]
