"""The request bodies, as Pydantic models so that the OpenAPI schema documents them.

The fields mirror the CLI's options (`kithkin add`, `kithkin edit`, `kithkin log`); their
values go through the same checks in `kithkin.core` as the CLI's.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from kithkin.core.vocabulary import Activity, Channel, Circle, Initiator, Mode, Purpose


def plain_text(value: str) -> str:
    """Text a database can store: no NUL characters, no lone surrogates."""
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("must be valid Unicode text") from None
    return value


Text = Annotated[str, Field(max_length=100_000), AfterValidator(plain_text)]
Short = Annotated[str, Field(max_length=500), AfterValidator(plain_text)]
Items = Annotated[list[Short], Field(max_length=100)]


class Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class PersonFields(Body):
    emails: Items = Field(default_factory=list, description="E-mails to add.")
    phones: Items = Field(default_factory=list, description="Phone numbers to add.")
    urls: Items = Field(default_factory=list, description="Profile or web URLs to add.")
    nicknames: Items = Field(default_factory=list, description="Nicknames or @handles to add.")
    company: Short | None = Field(None, description="Current employer.")
    title: Short | None = Field(None, description="Current job title.")
    circle: Circle | None = Field(None, description="Check-in circle.")
    mode: Mode | None = Field(None, description="How you know them.")
    cadence_days: int | None = Field(
        None, ge=1, le=3650, description="Check in every this many days."
    )
    tags: Items = Field(default_factory=list, description="Tags to add.")
    interests: Items = Field(default_factory=list, description="Interests to add.")
    birthday: Short | None = Field(
        None, description="YYYY-MM-DD, or --MM-DD when the year is unknown; '' clears it."
    )
    met_how: Short | None = Field(None, description="How or where you met.")
    notes: Text | None = Field(None, description="Notes (Markdown).")


class NewPerson(PersonFields):
    """A person to add (as `kithkin add NAME …`)."""

    name: Short = Field(description="The display name, e.g. 'Ana Ruiz'.")


class PersonPatch(PersonFields):
    """Changes to a person (as `kithkin edit`): lists add, single values replace."""

    name: Short | None = Field(None, description="A new display name.")
    remove_emails: Items = Field(default_factory=list)
    remove_phones: Items = Field(default_factory=list)
    remove_urls: Items = Field(default_factory=list)
    remove_nicknames: Items = Field(default_factory=list)
    remove_tags: Items = Field(default_factory=list)
    remove_interests: Items = Field(default_factory=list)
    leave_job: bool = Field(
        False, description="No current employer: the current job ends today (kept as history)."
    )
    reset_cadence: bool = Field(
        False, description="Check in at the circle's cadence again (drops cadence_days)."
    )


class NewInteraction(Body):
    """An interaction to log (as `kithkin log PERSON… -m NOTE …`)."""

    people: Annotated[list[Short], Field(max_length=50)] = Field(
        default_factory=list,
        description="Who it was with: ids, id prefixes, e-mails, names or nicknames.",
    )
    note: Text = Field(description="What happened.")
    date: Short | None = Field(None, description="When: YYYY-MM-DD[THH:MM] (default: now).")
    channel: Channel | None = None
    purpose: Purpose | None = Field(None, description="Why; guessed from the note when absent.")
    minutes: int | None = Field(None, ge=0, le=1440, description="How long it took.")
    gave: Items = Field(default_factory=list, description="KIND:TEXT, e.g. 'intro:to Sam'.")
    asked: Items = Field(default_factory=list, description="KIND:TEXT you asked for.")
    received: Items = Field(default_factory=list, description="KIND:TEXT you received.")
    follow_up: Short | None = Field(None, description="'WHEN: TEXT', e.g. 'friday: send it'.")
    initiated_by: Initiator | None = None
    activity: Activity | None = Field(None, description="An activity not with a person.")


class InteractionPatch(Body):
    """Changes to a logged interaction (as `kithkin edit-interaction`): what is left out (or
    null) stays. A purpose is a correction, kept to teach the model; a new note gets a new
    guess of a purpose the model had guessed (one you set stays)."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"minProperties": 1})

    purpose: Purpose | None = Field(None, description="What it really was.")
    note: Text | None = Field(None, description="What happened, rewritten.")
    date: Short | None = Field(None, description="When: YYYY-MM-DD[THH:MM], as when logging.")
    channel: Channel | None = None
    minutes: int | None = Field(None, ge=0, le=1440, description="How long it took.")

    @model_validator(mode="after")
    def _something(self) -> InteractionPatch:
        if all(value is None for value in self.model_dump().values()):
            raise ValueError("give at least one of purpose, note, date, channel, minutes")
        return self


class Snooze(Body):
    duration: Short = Field(description="3d, 2w, 1m, or a day such as 'next monday'.")
