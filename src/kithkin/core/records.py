"""The plain records the services hand to front ends (and the front ends render)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from kithkin.core.dates import PartialDate
from kithkin.core.vocabulary import (
    Activity,
    Channel,
    Circle,
    Direction,
    ExchangeKind,
    FollowUpStatus,
    Initiator,
    Mode,
    Purpose,
    PurposeSource,
)


@dataclass(frozen=True)
class Labeled:
    value: str
    label: str = ""


@dataclass(frozen=True)
class Phone:
    value: str  # E.164 when the number could be read, else the raw text
    raw: str
    label: str = ""


@dataclass(frozen=True)
class Address:
    label: str = ""
    street: str = ""
    locality: str = ""
    region: str = ""
    postal_code: str = ""
    country: str = ""


@dataclass(frozen=True)
class Employment:
    organization: str
    title: str = ""
    start: PartialDate | None = None
    end: PartialDate | None = None
    current: bool = True


@dataclass(frozen=True)
class PersonRef:
    id: str
    name: str


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    given_name: str
    family_name: str
    middle_name: str = ""
    prefix: str = ""
    suffix: str = ""
    nicknames: tuple[str, ...] = ()
    emails: tuple[Labeled, ...] = ()
    phones: tuple[Phone, ...] = ()
    urls: tuple[Labeled, ...] = ()
    addresses: tuple[Address, ...] = ()
    employments: tuple[Employment, ...] = ()
    related: tuple[Labeled, ...] = ()  # people known by name only: ("Jane Doe", "spouse")
    birthday: PartialDate | None = None
    met_how: str = ""
    met_on: date | None = None
    circle: Circle = Circle.NETWORK
    cadence_days: int | None = None  # the person's own override of the circle's cadence
    mode: Mode = Mode.BOTH
    tags: tuple[str, ...] = ()
    interests: tuple[str, ...] = ()
    notes: str = ""
    created_at: datetime | None = None
    updated_at: datetime | None = None
    last_interaction_at: datetime | None = None
    provenance: dict[str, str] = field(default_factory=dict)  # field -> where its value came from

    @property
    def current_job(self) -> Employment | None:
        return next((job for job in self.employments if job.current), None)

    @property
    def organization(self) -> str:
        job = self.current_job
        return job.organization if job else ""

    @property
    def title(self) -> str:
        job = self.current_job
        return job.title if job else ""

    @property
    def ref(self) -> PersonRef:
        return PersonRef(self.id, self.name)


@dataclass(frozen=True)
class PersonSummary:
    """One row of a people list: what a table or a script needs, nothing more."""

    id: str
    name: str
    organization: str
    title: str
    circle: Circle
    mode: Mode
    tags: tuple[str, ...]
    last_interaction_at: datetime | None
    warmth: int | None = None  # 0–100, when the list was asked to compute it


@dataclass(frozen=True)
class Exchange:
    id: int
    person: PersonRef
    direction: Direction
    kind: ExchangeKind
    text: str
    at: datetime
    interaction_id: int | None = None


@dataclass(frozen=True)
class FollowUp:
    id: int
    due: date
    text: str
    status: FollowUpStatus
    person: PersonRef | None = None
    interaction_id: int | None = None
    snoozed_until: date | None = None
    created_at: datetime | None = None
    done_at: datetime | None = None


@dataclass(frozen=True)
class Interaction:
    id: int
    at: datetime
    people: tuple[PersonRef, ...]
    channel: Channel
    note: str
    purpose: Purpose | None = None
    purpose_source: PurposeSource | None = None
    purpose_confidence: float | None = None
    topics: tuple[str, ...] = ()
    initiated_by: Initiator = Initiator.UNKNOWN
    minutes: int | None = None
    activity: Activity | None = None
    exchanges: tuple[Exchange, ...] = ()
    follow_ups: tuple[FollowUp, ...] = ()


@dataclass(frozen=True)
class SearchResults:
    people: tuple[PersonSummary, ...]
    interactions: tuple[Interaction, ...]
