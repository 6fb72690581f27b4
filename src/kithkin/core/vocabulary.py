"""The closed sets of values Kithkin speaks in, and their defaults."""

from __future__ import annotations

from enum import StrEnum
from typing import TypeVar

from kithkin.errors import InvalidInput


class Circle(StrEnum):
    INNER = "inner"
    KEY = "key"
    NETWORK = "network"
    DORMANT = "dormant"


DEFAULT_CADENCE_DAYS: dict[Circle, int | None] = {
    Circle.INNER: 14,
    Circle.KEY: 30,
    Circle.NETWORK: 90,
    Circle.DORMANT: None,
}


class Mode(StrEnum):
    PROFESSIONAL = "professional"
    PERSONAL = "personal"
    BOTH = "both"


class Channel(StrEnum):
    IN_PERSON = "in-person"
    CALL = "call"
    VIDEO = "video"
    EMAIL = "email"
    MESSAGE = "message"
    LINKEDIN = "linkedin"
    X = "x"
    SLACK = "slack"
    EVENT = "event"
    OTHER = "other"


class Purpose(StrEnum):
    NETWORKING = "networking"
    SOCIAL = "social"
    BOTH = "both"


class PurposeSource(StrEnum):
    USER = "user"
    MODEL = "model"


class Initiator(StrEnum):
    ME = "me"
    THEM = "them"
    UNKNOWN = "unknown"


class ExchangeKind(StrEnum):
    INTRO = "intro"
    REFERRAL = "referral"
    ADVICE = "advice"
    RESOURCE = "resource"
    FAVOR = "favor"
    RECOMMENDATION = "recommendation"
    GIFT = "gift"
    OTHER = "other"


class Direction(StrEnum):
    GAVE = "gave"  # I gave something to them
    RECEIVED = "received"  # they gave something to me
    ASKED = "asked"  # I asked them for something


class FollowUpStatus(StrEnum):
    OPEN = "open"
    DONE = "done"
    SNOOZED = "snoozed"
    DROPPED = "dropped"


class MilestoneKind(StrEnum):
    WORK_ANNIVERSARY = "work-anniversary"
    JOB_CHANGE = "job-change"
    WEDDING = "wedding"
    BABY = "baby"
    MOVE = "move"
    GRADUATION = "graduation"
    OTHER = "other"


class RelationshipKind(StrEnum):
    COLLEAGUE = "colleague"
    FRIEND = "friend"
    FAMILY = "family"
    INTRODUCED_BY = "introduced-by"
    KNOWS = "knows"
    REPORTS_TO = "reports-to"
    PARTNER = "partner"
    OTHER = "other"


class Activity(StrEnum):
    """Things logged that are not a conversation with a person (they feed the goals)."""

    POST_ENGAGEMENT = "post-engagement"
    ARTICLE = "article"
    EVENT_ATTENDED = "event-attended"
    CONTACTS_REVIEW = "contacts-review"
    RESOURCE_SHARED = "resource-shared"


E = TypeVar("E", bound=StrEnum)


def parse_choice(enum: type[E], value: str, *, field: str) -> E:
    """``value`` as a member of ``enum``, or an InvalidInput naming the allowed values."""
    normalized = value.strip().lower().replace("_", "-")
    for member in enum:
        if member.value == normalized:
            return member
    allowed = ", ".join(member.value for member in enum)
    raise InvalidInput(f"{value!r} is not one of: {allowed}.", field=field)
