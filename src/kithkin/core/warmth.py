"""Warmth: how alive a relationship is, a score from 0 to 100 with a human explanation.

The model (exponential decay with saturation):

* every interaction leaves *heat* equal to its channel's depth weight (``CHANNEL_WEIGHTS``:
  in person 1.0 > video 0.8 > call 0.6 > event 0.5 > other 0.3 > written 0.25);
* heat halves every ``HALF_LIFE_DAYS`` (45 days): a meeting a month and a half ago counts
  half as much as one today, one three months ago a quarter;
* heat adds up, so frequency counts, but the score saturates:
  ``score = round(100 * (1 - exp(-heat / SATURATION)))`` with ``SATURATION = 2``.

What that gives: one coffee today 39; coffee every quarter for two years 49, every month for a
year 74, every week for two months 95; a LinkedIn message a week for two months 53; one
message a year ago 0. Bands: warm from 50, lukewarm from 25, cooling from 10, else cold.

Because heat decays exponentially it can also be kept incrementally
(``decay(heat, since, now) + weight`` on each new interaction) if the store ever wants a
denormalized column. Interactions older than ``HORIZON_DAYS`` (8 half-lives, under 0.4% of
their heat left) may be left out of the query.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Protocol

from kithkin.core.periods import days_ago, local_day, plural
from kithkin.core.vocabulary import Channel

HALF_LIFE_DAYS = 45.0
SATURATION = 2.0
HORIZON_DAYS = 360
RECENT_DAYS = 90  # the window the explanation counts interactions in

CHANNEL_WEIGHTS: dict[Channel, float] = {
    Channel.IN_PERSON: 1.0,
    Channel.VIDEO: 0.8,
    Channel.CALL: 0.6,
    Channel.EVENT: 0.5,
    Channel.OTHER: 0.3,
    Channel.EMAIL: 0.25,
    Channel.MESSAGE: 0.25,
    Channel.LINKEDIN: 0.25,
    Channel.X: 0.25,
    Channel.SLACK: 0.25,
}

CHANNEL_PHRASES: dict[Channel, str] = {
    Channel.IN_PERSON: "in person",
    Channel.VIDEO: "on video",
    Channel.CALL: "on a call",
    Channel.EVENT: "at an event",
    Channel.OTHER: "",
    Channel.EMAIL: "by e-mail",
    Channel.MESSAGE: "by message",
    Channel.LINKEDIN: "on LinkedIn",
    Channel.X: "on X",
    Channel.SLACK: "on Slack",
}

BANDS: tuple[tuple[int, str], ...] = ((50, "warm"), (25, "lukewarm"), (10, "cooling"), (0, "cold"))

_DAY_SECONDS = 86_400.0
_DECAY_PER_SECOND = math.log(2) / (HALF_LIFE_DAYS * _DAY_SECONDS)


class Touch(Protocol):
    """Anything with a time and a channel: ``InteractionFacts`` or a two-column row."""

    @property
    def at(self) -> datetime: ...

    @property
    def channel(self) -> Channel: ...


@dataclass(frozen=True)
class Warmth:
    score: int
    band: str
    recent: int  # interactions in the last RECENT_DAYS
    last_at: datetime | None
    last_channel: Channel | None
    explanation: str


def decay(heat: float, *, since: datetime, now: datetime) -> float:
    """``heat`` measured at ``since``, as much of it as is left at ``now``."""
    seconds = max((now - since).total_seconds(), 0.0)
    return heat * math.exp(-_DECAY_PER_SECOND * seconds)


def score_of(heat: float) -> int:
    """The 0–100 score of an amount of heat."""
    return round(100 * (1 - math.exp(-heat / SATURATION)))


def band_of(score: int) -> str:
    return next(name for floor, name in BANDS if score >= floor)


def warmth(
    touches: Iterable[Touch],
    *,
    now: datetime,
    last_interaction_at: datetime | None = None,
    tz: tzinfo | None = None,
) -> Warmth:
    """One person's warmth from their interactions (``last_interaction_at`` names the last
    contact when it is older than the interactions passed). "Yesterday" and "3 days ago" count
    calendar days in ``tz`` (default: ``now``'s zone), as the rest of the person page does."""

    def ago(at: datetime) -> str:
        zone = tz or now.tzinfo
        return days_ago((local_day(now, zone) - local_day(at, zone)).days)

    heat = 0.0
    recent = 0
    last: Touch | None = None
    for touch in touches:
        heat += decay(CHANNEL_WEIGHTS[touch.channel], since=touch.at, now=now)
        if (now - touch.at).days < RECENT_DAYS:
            recent += 1
        if last is None or touch.at > last.at:
            last = touch
    score = score_of(heat)
    band = band_of(score)
    if last is None:
        when = last_interaction_at
        seen = f"last contact {ago(when)}" if when else "no interactions yet"
        return Warmth(score, band, 0, when, None, f"{band}: {seen}")
    phrase = CHANNEL_PHRASES[last.channel]
    last_words = f"last {phrase} " if phrase else "last "
    explanation = (
        f"{band}: {plural(recent, 'interaction')} in {RECENT_DAYS} days, {last_words}{ago(last.at)}"
    )
    return Warmth(score, band, recent, last.at, last.channel, explanation)


def warmth_scores(
    rows: Iterable[tuple[str, datetime, Channel]], *, now: datetime
) -> dict[str, int]:
    """Many people's scores at once, from ``(person_id, at, channel)`` rows."""
    heat: dict[str, float] = {}
    for person_id, at, channel in rows:
        heat[person_id] = heat.get(person_id, 0.0) + decay(
            CHANNEL_WEIGHTS[channel], since=at, now=now
        )
    return {person_id: score_of(value) for person_id, value in heat.items()}


def add_touch(
    heat: float, as_of: datetime | None, *, at: datetime, channel: Channel
) -> tuple[float, datetime]:
    """Fold one interaction into a stored ``(heat, as_of)`` pair, exactly.

    Heat decays exponentially, so it can be kept per person and updated on every write: the
    pair means "this much heat at this instant". A later interaction decays the stored heat
    to its own time and adds its weight; an earlier (back-dated) one adds its weight decayed
    to ``as_of``. ``current_score(heat, as_of, now)`` reads it back.
    """
    weight = CHANNEL_WEIGHTS[channel]
    if as_of is None:
        return weight, at
    if at >= as_of:
        return decay(heat, since=as_of, now=at) + weight, at
    return heat + decay(weight, since=at, now=as_of), as_of


def current_score(heat: float, as_of: datetime | None, *, now: datetime) -> int:
    """The 0–100 score of stored heat, decayed to ``now``."""
    if as_of is None or heat <= 0:
        return 0
    return score_of(decay(heat, since=as_of, now=now))
