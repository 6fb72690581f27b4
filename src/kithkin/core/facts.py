"""The flat facts the relationship engine reads: what the store's queries produce.

Each class is one row shape a single SQL query can return cheaply, even for 100k people.
The engine (``agenda``, ``warmth``, ``ledger``, ``goals``, ``balance``, ``review``) never
reads the database or the clock: the services query these facts and pass ``today``/``now``.

Times: a ``datetime`` in a fact is either aware (any zone; pass the user's ``tz`` to the
engine functions, which convert it to find the local day) or naive *local* time (pass
``tz=None``). Do not mix the two in one call. ``date`` fields are already local days.

Person ids are the people's public ids (``Person.id``, the uid); follow-up, event and
interaction ids are the integer row ids.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Final, Literal

from kithkin.core.dates import PartialDate
from kithkin.core.vocabulary import (
    Activity,
    Channel,
    Circle,
    Direction,
    ExchangeKind,
    FollowUpStatus,
    Initiator,
    MilestoneKind,
    Mode,
    Purpose,
)

BIRTHDAY: Final = "birthday"
"""The milestone kind of a birthday (the birthday lives on the person, not in milestones)."""

MilestoneType = MilestoneKind | Literal["birthday"]


@dataclass(frozen=True, slots=True)
class PersonFacts:
    """One person as the engine needs them: ``people`` columns only, no joins."""

    id: str
    name: str
    circle: Circle
    mode: Mode
    created_at: datetime
    last_interaction_at: datetime | None = None  # the denormalized column: any interaction
    cadence_days: int | None = None  # the person's own override of the circle's cadence


@dataclass(frozen=True, slots=True)
class FollowUpFacts:
    id: int
    due: date
    text: str
    status: FollowUpStatus = FollowUpStatus.OPEN
    person_id: str | None = None
    snoozed_until: date | None = None
    created_at: datetime | None = None
    done_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class MilestoneFacts:
    """A date worth remembering: a birthday (from the person) or a ``milestones`` row."""

    person_id: str
    kind: MilestoneType
    date: PartialDate
    recurring: bool = True  # a birthday or anniversary comes back every year
    note: str = ""


@dataclass(frozen=True, slots=True)
class InteractionFacts:
    """One logged interaction or activity (``activity`` set: not a conversation)."""

    id: int
    at: datetime
    channel: Channel
    purpose: Purpose | None = None
    minutes: int | None = None
    person_ids: tuple[str, ...] = ()
    note: str = ""
    activity: Activity | None = None
    event_id: int | None = None
    initiated_by: Initiator = Initiator.UNKNOWN


@dataclass(frozen=True, slots=True)
class InteractionGroupFacts:
    """Interactions that share a purpose, channel and activity, counted together: what a
    ``GROUP BY purpose, channel, activity`` returns, so that counts and hours over a busy
    month need no row per interaction."""

    channel: Channel
    purpose: Purpose | None = None
    activity: Activity | None = None
    count: int = 1
    minutes: int = 0  # the logged minutes of those that have a duration
    untimed: int = 0  # how many have no duration (each counts a typical one)

    @classmethod
    def of(cls, interaction: InteractionFacts) -> InteractionGroupFacts:
        """One interaction as a group of one."""
        return cls(
            channel=interaction.channel,
            purpose=interaction.purpose,
            activity=interaction.activity,
            minutes=interaction.minutes or 0,
            untimed=int(interaction.minutes is None),
        )


@dataclass(frozen=True, slots=True)
class MessageFacts:
    """A written message you sent (not one they started): the over-automation check."""

    id: int  # the interaction's
    note: str


@dataclass(frozen=True, slots=True)
class ExchangeFacts:
    """One entry of the give/ask ledger."""

    person_id: str
    direction: Direction
    kind: ExchangeKind
    at: datetime
    interaction_id: int | None = None


@dataclass(frozen=True, slots=True)
class EventFacts:
    """An event the user attended (a row of ``events``)."""

    id: int
    name: str
    starts_on: date
    ends_on: date | None = None

    @property
    def last_day(self) -> date:
        return self.ends_on or self.starts_on


@dataclass(frozen=True, slots=True)
class EventMeetingFacts:
    """A person seen at an event, and whether anything followed since."""

    event_id: int
    event_name: str
    person_id: str
    last_day: date  # the event's last day (ends_on, else starts_on)
    met_there: bool = False  # first met at this event
    has_follow_up: bool = False  # a follow-up for this person was created on or after the event


@dataclass(frozen=True, slots=True)
class ReconnectFacts:
    """A dormant person's history: how warm the relationship once was."""

    person_id: str
    interaction_count: int
