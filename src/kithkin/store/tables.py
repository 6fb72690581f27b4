"""The schema: every table Kithkin keeps, on SQLite and PostgreSQL alike.

Top-level rows carry ``owner_id`` so that every query is scoped to one account; rows that
belong to a person (e-mails, phones, tags…) are scoped through that person and go with it.
Full-text search lives beside these tables (see ``search.py`` and the migrations).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from kithkin.store.types import UTCDateTime

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


def _owner() -> Mapped[int]:
    return mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"), index=True)


def _person(*, nullable: bool = False) -> Mapped[int]:
    return mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True, nullable=nullable)


class AccountRow(Base):
    __tablename__ = "accounts"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(100), unique=True)
    password_hash: Mapped[str | None] = mapped_column(String(255))
    display_name: Mapped[str] = mapped_column(String(300), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    # Bumped by every transaction that writes the account's data (store/data_version.py).
    data_version: Mapped[int] = mapped_column(default=0, server_default="0")
    # The data version at which the account's interactions last changed (the same module).
    interactions_version: Mapped[int] = mapped_column(default=0, server_default="0")


class SettingRow(Base):
    __tablename__ = "settings"
    owner_id: Mapped[int] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), primary_key=True
    )
    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)  # JSON


class CircleRow(Base):
    __tablename__ = "circles"
    owner_id: Mapped[int] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), primary_key=True
    )
    name: Mapped[str] = mapped_column(String(50), primary_key=True)
    cadence_days: Mapped[int | None] = mapped_column(Integer)
    position: Mapped[int] = mapped_column(Integer, default=0)


class GoalRow(Base):
    __tablename__ = "goals"
    __table_args__ = (UniqueConstraint("owner_id", "key"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(100))
    period: Mapped[str] = mapped_column(String(10))  # week | month
    target: Mapped[int] = mapped_column(Integer)
    label: Mapped[str] = mapped_column(String(300), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class SourceRow(Base):
    """Where a value came from: one CLI command, one web edit, one import of one file."""

    __tablename__ = "sources"
    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = _owner()
    kind: Mapped[str] = mapped_column(String(50))  # cli | web | api | import:linkedin | merge …
    detail: Mapped[str] = mapped_column(Text, default="")  # e.g. the imported file's name
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class OrganizationRow(Base):
    __tablename__ = "organizations"
    __table_args__ = (UniqueConstraint("owner_id", "normalized_name"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(300))
    normalized_name: Mapped[str] = mapped_column(String(300))
    domain: Mapped[str] = mapped_column(String(255), default="")
    industry: Mapped[str] = mapped_column(String(200), default="")
    notes: Mapped[str] = mapped_column(Text, default="")


class PersonRow(Base):
    __tablename__ = "people"
    __table_args__ = (
        Index("ix_people_owner_circle", "owner_id", "circle"),
        Index("ix_people_owner_sort", "owner_id", "sort_name", "id"),
        Index("ix_people_owner_last", "owner_id", "last_interaction_at"),
        Index("ix_people_owner_birthday", "owner_id", "birth_month", "birth_day"),
        Index("ix_people_owner_created", "owner_id", "created_at"),
        # Few people have a cadence of their own; the agenda reads all of them.
        Index(
            "ix_people_owner_own_cadence",
            "owner_id",
            sqlite_where=text("cadence_days IS NOT NULL"),
            postgresql_where=text("cadence_days IS NOT NULL"),
        ),
        # The agenda's check-in scan: per circle, the longest silence first.
        Index(
            "ix_people_owner_circle_seen",
            "owner_id",
            "circle",
            text("coalesce(last_interaction_at, created_at)"),
        ),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    display_name: Mapped[str] = mapped_column(String(300))
    sort_name: Mapped[str] = mapped_column(String(300))  # casefolded, for ordering and lookups
    given_name: Mapped[str] = mapped_column(String(200), default="")
    family_name: Mapped[str] = mapped_column(String(200), default="")
    middle_name: Mapped[str] = mapped_column(String(200), default="")
    prefix: Mapped[str] = mapped_column(String(50), default="")
    suffix: Mapped[str] = mapped_column(String(100), default="")
    birth_year: Mapped[int | None] = mapped_column(Integer)
    birth_month: Mapped[int | None] = mapped_column(Integer)
    birth_day: Mapped[int | None] = mapped_column(Integer)
    met_how: Mapped[str] = mapped_column(Text, default="")
    met_on: Mapped[date | None] = mapped_column(Date)
    met_event_id: Mapped[int | None] = mapped_column(ForeignKey("events.id", ondelete="SET NULL"))
    circle: Mapped[str] = mapped_column(String(50), default="network")
    cadence_days: Mapped[int | None] = mapped_column(Integer)
    mode: Mapped[str] = mapped_column(String(20), default="both")
    notes: Mapped[str] = mapped_column(Text, default="")
    search_text: Mapped[str] = mapped_column(Text, default="")  # what full-text search indexes
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    # Denormalized: the latest interaction with this person, kept in the same transaction
    # as every interaction write (the agenda reads it for 100k people at once).
    last_interaction_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Denormalized warmth: the heat of all interactions as of ``warmth_as_of`` (see
    # core.warmth.add_touch), kept with every interaction write so lists need no scan.
    warmth_heat: Mapped[float] = mapped_column(Float, default=0.0, server_default=text("0"))
    warmth_as_of: Mapped[datetime | None] = mapped_column(UTCDateTime())


class FieldProvenanceRow(Base):
    """Which source last set a scalar field of a person (list items carry their own)."""

    __tablename__ = "field_provenance"
    person_id: Mapped[int] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), primary_key=True
    )
    field: Mapped[str] = mapped_column(String(50), primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"), index=True)


class PersonIdentityRow(Base):
    """A key another system knows this person by (LinkedIn URL, vCard UID…), for re-imports."""

    __tablename__ = "person_identities"
    __table_args__ = (UniqueConstraint("owner_id", "system", "key"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    person_id: Mapped[int] = _person()
    system: Mapped[str] = mapped_column(String(50))
    key: Mapped[str] = mapped_column(String(500))
    source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id", ondelete="SET NULL"))
    since: Mapped[date | None] = mapped_column(Date)  # e.g. when you connected on LinkedIn
    # A digest of the record as last imported: an unchanged record is skipped on re-import.
    fingerprint: Mapped[str | None] = mapped_column(String(64))


class _PersonItem:
    """Columns every per-person list item has: its order and where it came from."""

    id: Mapped[int] = mapped_column(primary_key=True)
    position: Mapped[int] = mapped_column(Integer, default=0)


class EmailRow(_PersonItem, Base):
    __tablename__ = "person_emails"
    person_id: Mapped[int] = _person()
    value: Mapped[str] = mapped_column(String(320))
    normalized: Mapped[str] = mapped_column(String(320), index=True)
    label: Mapped[str] = mapped_column(String(50), default="")
    source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id", ondelete="SET NULL"))


class PhoneRow(_PersonItem, Base):
    __tablename__ = "person_phones"
    person_id: Mapped[int] = _person()
    raw: Mapped[str] = mapped_column(String(100))
    e164: Mapped[str | None] = mapped_column(String(20), index=True)
    label: Mapped[str] = mapped_column(String(50), default="")
    source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id", ondelete="SET NULL"))


class UrlRow(_PersonItem, Base):
    __tablename__ = "person_urls"
    person_id: Mapped[int] = _person()
    value: Mapped[str] = mapped_column(String(2000))
    label: Mapped[str] = mapped_column(String(50), default="")
    source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id", ondelete="SET NULL"))


class AddressRow(_PersonItem, Base):
    __tablename__ = "person_addresses"
    person_id: Mapped[int] = _person()
    label: Mapped[str] = mapped_column(String(50), default="")
    street: Mapped[str] = mapped_column(Text, default="")
    locality: Mapped[str] = mapped_column(String(200), default="")
    region: Mapped[str] = mapped_column(String(200), default="")
    postal_code: Mapped[str] = mapped_column(String(50), default="")
    country: Mapped[str] = mapped_column(String(200), default="")
    source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id", ondelete="SET NULL"))


class NicknameRow(_PersonItem, Base):
    __tablename__ = "person_nicknames"
    person_id: Mapped[int] = _person()
    value: Mapped[str] = mapped_column(String(200))
    normalized: Mapped[str] = mapped_column(String(200), index=True)
    source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id", ondelete="SET NULL"))


class TagRow(Base):
    __tablename__ = "person_tags"
    person_id: Mapped[int] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), primary_key=True
    )
    name: Mapped[str] = mapped_column(String(100), primary_key=True, index=True)
    source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id", ondelete="SET NULL"))


class InterestRow(Base):
    __tablename__ = "person_interests"
    person_id: Mapped[int] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), primary_key=True
    )
    name: Mapped[str] = mapped_column(String(100), primary_key=True, index=True)
    source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id", ondelete="SET NULL"))


class EmploymentRow(_PersonItem, Base):
    """A job: organization and title, with dates when known; history is kept, never overwritten."""

    __tablename__ = "employments"
    person_id: Mapped[int] = _person()
    organization_id: Mapped[int] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(300), default="")
    department: Mapped[str] = mapped_column(String(300), default="", server_default=text("''"))
    start_date: Mapped[str | None] = mapped_column(String(10))  # PartialDate.iso()
    end_date: Mapped[str | None] = mapped_column(String(10))
    is_current: Mapped[bool] = mapped_column(Boolean, default=True)
    source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id", ondelete="SET NULL"))


class RelatedNameRow(_PersonItem, Base):
    """A person related to this one, known by name only (a vCard's spouse, an assistant)."""

    __tablename__ = "person_related_names"
    person_id: Mapped[int] = _person()
    name: Mapped[str] = mapped_column(String(300))
    label: Mapped[str] = mapped_column(String(50), default="")
    source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id", ondelete="SET NULL"))


class PhotoRow(Base):
    """A person's picture as a URI (embedded ones as ``data:`` URIs), apart from the hot row."""

    __tablename__ = "person_photos"
    person_id: Mapped[int] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), primary_key=True
    )
    uri: Mapped[str] = mapped_column(Text)
    source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id", ondelete="SET NULL"))


class ExtraPropertyRow(_PersonItem, Base):
    """A vCard property Kithkin does not model, kept verbatim so a re-export loses nothing."""

    __tablename__ = "person_extra_properties"
    person_id: Mapped[int] = _person()
    group_name: Mapped[str] = mapped_column(String(100), default="")
    name: Mapped[str] = mapped_column(String(100))
    params: Mapped[str] = mapped_column(Text, default="[]")  # JSON [[name, [values…]], …]
    value: Mapped[str] = mapped_column(Text)
    source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id", ondelete="SET NULL"))


class RelationshipRow(Base):
    __tablename__ = "relationships"
    __table_args__ = (UniqueConstraint("person_id", "other_id", "kind"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = _owner()
    person_id: Mapped[int] = _person()
    other_id: Mapped[int] = _person()
    kind: Mapped[str] = mapped_column(String(50))  # A <kind> B: colleague, introduced-by …
    since: Mapped[str | None] = mapped_column(String(10))  # PartialDate.iso()
    until: Mapped[str | None] = mapped_column(String(10))
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class EventRow(Base):
    __tablename__ = "events"
    __table_args__ = (Index("ix_events_owner_start", "owner_id", "starts_on"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(300))
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)
    location: Mapped[str] = mapped_column(String(300), default="")
    purpose: Mapped[str | None] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class EventAttendeeRow(Base):
    __tablename__ = "event_attendees"
    event_id: Mapped[int] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), primary_key=True
    )
    person_id: Mapped[int] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    met_there: Mapped[bool] = mapped_column(Boolean, default=False)  # first met at this event


class InteractionRow(Base):
    __tablename__ = "interactions"
    __table_args__ = (
        Index("ix_interactions_owner_at", "owner_id", "occurred_at"),
        Index("ix_interactions_owner_external_key", "owner_id", "external_key", unique=True),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime())
    minutes: Mapped[int | None] = mapped_column(Integer)
    channel: Mapped[str] = mapped_column(String(20))
    purpose: Mapped[str | None] = mapped_column(String(20))
    purpose_source: Mapped[str | None] = mapped_column(String(10))  # user | model
    purpose_confidence: Mapped[float | None] = mapped_column(Float)
    model_purpose: Mapped[str | None] = mapped_column(String(20))  # the model's guess, kept
    initiated_by: Mapped[str] = mapped_column(String(10), default="unknown")
    activity: Mapped[str | None] = mapped_column(String(30))  # set when not with a person
    note: Mapped[str] = mapped_column(Text, default="")
    event_id: Mapped[int | None] = mapped_column(
        ForeignKey("events.id", ondelete="SET NULL"), index=True
    )
    source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id", ondelete="SET NULL"))
    # The imported record it came from (e.g. one LinkedIn message), so re-imports skip it.
    external_key: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class ParticipantRow(Base):
    __tablename__ = "interaction_participants"
    __table_args__ = (Index("ix_participants_person", "person_id", "interaction_id"),)
    interaction_id: Mapped[int] = mapped_column(
        ForeignKey("interactions.id", ondelete="CASCADE"), primary_key=True
    )
    person_id: Mapped[int] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), primary_key=True
    )


class TopicRow(Base):
    __tablename__ = "interaction_topics"
    interaction_id: Mapped[int] = mapped_column(
        ForeignKey("interactions.id", ondelete="CASCADE"), primary_key=True
    )
    topic: Mapped[str] = mapped_column(String(100), primary_key=True, index=True)


class ExchangeRow(Base):
    """One entry of the give/ask ledger."""

    __tablename__ = "exchanges"
    __table_args__ = (
        # Covers the ledger's per-person counts (GROUP BY person_id over direction).
        Index("ix_exchanges_owner_person_direction", "owner_id", "person_id", "direction"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    person_id: Mapped[int] = _person()
    interaction_id: Mapped[int | None] = mapped_column(
        ForeignKey("interactions.id", ondelete="CASCADE"), index=True
    )
    direction: Mapped[str] = mapped_column(String(10))  # gave | received | asked
    kind: Mapped[str] = mapped_column(String(20))
    description: Mapped[str] = mapped_column(Text, default="")
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime())


class FollowUpRow(Base):
    __tablename__ = "follow_ups"
    __table_args__ = (Index("ix_follow_ups_owner_status_due", "owner_id", "status", "due_on"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    person_id: Mapped[int | None] = _person(nullable=True)
    interaction_id: Mapped[int | None] = mapped_column(
        ForeignKey("interactions.id", ondelete="SET NULL"), index=True
    )
    due_on: Mapped[date] = mapped_column(Date)
    text: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(10), default="open")
    snoozed_until: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class MilestoneRow(Base):
    __tablename__ = "milestones"
    __table_args__ = (Index("ix_milestones_owner_month_day", "owner_id", "month", "day"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    person_id: Mapped[int] = _person()
    kind: Mapped[str] = mapped_column(String(30))
    year: Mapped[int | None] = mapped_column(Integer)
    month: Mapped[int] = mapped_column(Integer)
    day: Mapped[int] = mapped_column(Integer)
    recurring: Mapped[bool] = mapped_column(Boolean, default=True)
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class SnoozeRow(Base):
    """An agenda item put aside until a day (follow-ups carry their own snooze)."""

    __tablename__ = "agenda_snoozes"
    owner_id: Mapped[int] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), primary_key=True
    )
    item_key: Mapped[str] = mapped_column(String(100), primary_key=True)
    until: Mapped[date] = mapped_column(Date)
    dismissed: Mapped[bool] = mapped_column(Boolean, default=False)


class MergeRow(Base):
    """A record that two people were merged, with the merged person as it was (JSON)."""

    __tablename__ = "merges"
    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = _owner()
    kept_person_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="SET NULL"), index=True
    )
    merged_uid: Mapped[str] = mapped_column(String(36))
    snapshot: Mapped[str] = mapped_column(Text)
    merged_at: Mapped[datetime] = mapped_column(UTCDateTime())


class PurposeCorrectionRow(Base):
    """A purpose the user gave a note (correcting or confirming the model): training data."""

    __tablename__ = "purpose_corrections"
    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = _owner()
    interaction_id: Mapped[int | None] = mapped_column(
        ForeignKey("interactions.id", ondelete="SET NULL"), index=True
    )
    text: Mapped[str] = mapped_column(Text)
    purpose: Mapped[str] = mapped_column(String(20))
    model_purpose: Mapped[str | None] = mapped_column(String(20))  # what the model had said
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class PurposeModelRow(Base):
    """An owner's purpose model, refitted on the corpus and the owner's corrections."""

    __tablename__ = "purpose_models"
    owner_id: Mapped[int] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), primary_key=True
    )
    backend: Mapped[str] = mapped_column(String(20), primary_key=True)
    model: Mapped[bytes] = mapped_column(LargeBinary)  # NumPy arrays, never a pickle
    last_correction_id: Mapped[int] = mapped_column(Integer, default=0)
    corrections: Mapped[int] = mapped_column(Integer, default=0)
    trained_at: Mapped[datetime] = mapped_column(UTCDateTime())


class WebSessionRow(Base):
    """A signed-in browser: the cookie's SHA-256 (never the cookie) and its CSRF token."""

    __tablename__ = "web_sessions"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # sha256 hex of the cookie
    owner_id: Mapped[int] = _owner()
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())


class LoginTokenRow(Base):
    """A one-time sign-in link (as Jupyter prints one): its SHA-256, usable once, until expiry."""

    __tablename__ = "login_tokens"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # sha256 hex of the token
    owner_id: Mapped[int] = _owner()
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class ApiTokenRow(Base):
    """A token for scripts using the REST API: its SHA-256 only; shown once when made."""

    __tablename__ = "api_tokens"
    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = _owner()
    name: Mapped[str] = mapped_column(String(100))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class CalendarFeedRow(Base):
    """An owner's calendar feed (/calendar/<secret>.ics): the secret's SHA-256 only; one per
    owner, replaced when the owner rotates it."""

    __tablename__ = "calendar_feeds"
    owner_id: Mapped[int] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), primary_key=True
    )
    secret_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
