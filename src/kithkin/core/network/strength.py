"""How strong a tie is, from its evidence: a number in (0, 1), the chance the tie carries an ask.

Every kind of evidence gives its own strength; several are combined as independent chances
(``combine``: 1 - Π(1 - s)), capped at ``MAX_STRENGTH`` so no tie is ever certain. A path's
strength is the product of its ties' strengths, so the graph stores ``-log(strength)`` as an
edge cost and the best path is the cheapest.

The formulas take NumPy arrays (the graph is built from a million pieces of evidence at once)
and plain numbers (one tie, explained on screen) alike, so both give the same strength.

* **Relationships the user recorded** (``kithkin link``): by kind, family 0.9 down to knows
  0.4; a relationship that has ended keeps 60%.
* **Logged together** (people in the same interaction, at most ``MAX_GROUP`` people): up to
  0.75, rising with the number of interactions (one 0.21, three 0.47, ten 0.72), fading with
  the years since the last one (half-life two years, never below 30%).
* **Colleagues** (the same organization, at most ``MAX_ORGANIZATION`` known people there): 0.5
  when their years overlapped, 0.3 when the years are unknown, 0.1 when they were there at
  different times; scaled down in big organizations (``√(10 / size)``) and faded with the years
  since they last overlapped (half-life five years, never below 30%).
* **The same event** (at most ``MAX_EVENT`` attendees): 0.2 each, scaled by ``√(20 / size)``
  and faded like interactions.
* **The user's own ties** ("you know them"): warmth (0–100) × 0.9; having ever interacted 0.25
  (fading over two years, never below 40%); the inner circle 0.7, key contacts 0.5; a LinkedIn
  connection 0.15. Someone merely in the address book is no tie: a route must start with
  someone the user has evidence of knowing.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

from kithkin.core.vocabulary import Circle, RelationshipKind

FloatArray = npt.NDArray[np.float64]

MAX_STRENGTH = 0.95
MAX_GROUP = 12  # bigger interactions (a meetup logged with 40 people) say little about a pair
MAX_ORGANIZATION = 200  # past this many known people, working there says nothing about a pair
MAX_EVENT = 200

RELATIONSHIP_STRENGTHS: dict[RelationshipKind, float] = {
    RelationshipKind.FAMILY: 0.9,
    RelationshipKind.PARTNER: 0.9,
    RelationshipKind.FRIEND: 0.8,
    RelationshipKind.REPORTS_TO: 0.7,
    RelationshipKind.COLLEAGUE: 0.6,
    RelationshipKind.INTRODUCED_BY: 0.5,
    RelationshipKind.KNOWS: 0.4,
    RelationshipKind.OTHER: 0.4,
}
ENDED_FACTOR = 0.6

CIRCLE_STRENGTHS: dict[str, float] = {
    Circle.INNER: 0.7,
    Circle.KEY: 0.5,
    Circle.NETWORK: 0.0,
    Circle.DORMANT: 0.0,
}
LINKEDIN_STRENGTH = 0.15
INTERACTED_STRENGTH = 0.25
WARMTH_SHARE = 0.9


def floats(values: Any) -> FloatArray:
    return np.asarray(values, dtype=np.float64)


def _fade(days: FloatArray, half_life_days: float, floor: float) -> FloatArray:
    """1 now, halving every ``half_life_days``, never below ``floor``."""
    left = np.power(0.5, np.maximum(days, 0.0) / half_life_days)
    return floor + (1.0 - floor) * left


def relationship(base: FloatArray, ended: FloatArray) -> FloatArray:
    """``base`` from ``RELATIONSHIP_STRENGTHS``; ``ended`` is 1.0 when it has ended, else 0.0."""
    return floats(base * (1.0 - (1.0 - ENDED_FACTOR) * ended))


def logged_together(count: FloatArray, days_since_last: FloatArray) -> FloatArray:
    return floats(0.75 * (1.0 - np.exp(-count / 3.0)) * _fade(days_since_last, 730.0, 0.3))


def colleagues(overlap: FloatArray, years_since: FloatArray, size: FloatArray) -> FloatArray:
    """``overlap``: 1.0 overlapped, 0.0 unknown, -1.0 there at different times."""
    base = np.where(overlap > 0, 0.5, np.where(overlap < 0, 0.1, 0.3))
    scale = np.minimum(1.0, np.sqrt(10.0 / np.maximum(size, 1.0)))
    return floats(base * scale * _fade(years_since * 365.0, 5 * 365.0, 0.3))


def same_event(size: FloatArray, days_since: FloatArray) -> FloatArray:
    scale = np.minimum(1.0, np.sqrt(20.0 / np.maximum(size, 1.0)))
    return floats(0.2 * scale * _fade(days_since, 730.0, 0.3))


def own_tie(
    warmth: FloatArray, days_since_last: FloatArray, circle: FloatArray, linkedin: FloatArray
) -> FloatArray:
    """The user's tie to each contact. ``days_since_last`` is NaN where they never interacted,
    ``circle`` the circle's strength (``CIRCLE_STRENGTHS``), ``linkedin`` 1.0 for a connection."""
    never = np.isnan(days_since_last)
    interacted = np.where(
        never, 0.0, INTERACTED_STRENGTH * _fade(np.nan_to_num(days_since_last), 730.0, 0.4)
    )
    parts = (
        warmth / 100.0 * WARMTH_SHARE,
        interacted,
        circle,
        linkedin * LINKEDIN_STRENGTH,
    )
    return combine_stacked(np.stack(parts))


def combine_stacked(parts: FloatArray) -> FloatArray:
    """Independent chances along the first axis combined: 1 - Π(1 - s), capped."""
    missed = np.prod(1.0 - np.clip(parts, 0.0, 1.0), axis=0)
    return floats(np.minimum(1.0 - missed, MAX_STRENGTH))


def combine(strengths: list[float]) -> float:
    """Several pieces of evidence about one tie, as one strength (0 when there are none)."""
    return float(combine_stacked(floats(strengths))) if strengths else 0.0


def one(values: FloatArray) -> float:
    """The single strength a formula gave for one tie."""
    return float(values.reshape(-1)[0])


def cost_of(strength: FloatArray) -> FloatArray:
    """The edge cost: ``-log(strength)``; the cheapest path is the strongest."""
    return floats(-np.log(np.clip(strength, 1e-9, MAX_STRENGTH)))
