"""What a user asks to set on a person, checked and normalized before anything is written."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from kithkin.core.contact_points import (
    StructuredName,
    clean_label,
    normalize_email,
    normalize_phone,
    normalize_url,
    parse_name,
)
from kithkin.core.dates import PartialDate
from kithkin.core.records import Labeled
from kithkin.core.vocabulary import Circle, Mode, parse_choice
from kithkin.errors import InvalidInput


@dataclass(frozen=True)
class PersonInput:
    """Raw text from a front end (CLI options, a web form); every field optional."""

    name: str | None = None
    emails: Sequence[str] = ()
    phones: Sequence[str] = ()
    urls: Sequence[str] = ()
    nicknames: Sequence[str] = ()
    company: str | None = None
    title: str | None = None
    circle: str | None = None
    mode: str | None = None
    cadence_days: int | None = None
    tags: Sequence[str] = ()
    interests: Sequence[str] = ()
    birthday: str | None = None  # "" clears it
    met_how: str | None = None
    notes: str | None = None
    leave_job: bool = False  # no current employer: the current job ends (kept as history)
    reset_cadence: bool = False  # back to the circle's cadence
    remove_emails: Sequence[str] = ()
    remove_phones: Sequence[str] = ()
    remove_tags: Sequence[str] = ()
    remove_interests: Sequence[str] = ()
    remove_nicknames: Sequence[str] = ()
    remove_urls: Sequence[str] = ()


@dataclass(frozen=True)
class NewPhone:
    raw: str
    e164: str | None  # None when the number cannot be read as a valid one
    label: str = ""

    @property
    def value(self) -> str:
        return self.e164 or self.raw


@dataclass(frozen=True)
class PersonChanges:
    """Validated changes; ``None`` means leave as is."""

    name: StructuredName | None = None
    emails: tuple[Labeled, ...] = ()
    phones: tuple[NewPhone, ...] = ()
    urls: tuple[Labeled, ...] = ()
    nicknames: tuple[str, ...] = ()
    company: str | None = None
    title: str | None = None
    circle: Circle | None = None
    mode: Mode | None = None
    cadence_days: int | None = None
    tags: tuple[str, ...] = ()
    interests: tuple[str, ...] = ()
    birthday: PartialDate | None = None
    clear_birthday: bool = False
    met_how: str | None = None
    notes: str | None = None
    end_job: bool = False
    clear_cadence: bool = False
    remove_emails: tuple[str, ...] = ()
    remove_phones: tuple[str, ...] = ()
    remove_tags: tuple[str, ...] = ()
    remove_interests: tuple[str, ...] = ()
    remove_nicknames: tuple[str, ...] = ()
    remove_urls: tuple[str, ...] = ()
    touched: frozenset[str] = field(default_factory=frozenset)  # field names for provenance

    def is_empty(self) -> bool:
        return not self.touched


def _unique(values: Sequence[str]) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for value in values:
        seen.setdefault(value.casefold(), value)
    return tuple(seen.values())


def check_person_input(raw: PersonInput, *, phone_region: str | None) -> PersonChanges:
    """Validate everything at once; the first problem raises InvalidInput naming its field."""
    touched: set[str] = set()

    def mark(name: str, present: object) -> None:
        if present:
            touched.add(name)

    name = parse_name(raw.name) if raw.name is not None else None
    mark("name", name)
    emails = tuple(Labeled(normalize_email(value)) for value in raw.emails)
    remove_emails = tuple(normalize_email(value) for value in raw.remove_emails)
    mark("emails", emails or remove_emails)
    phones = tuple(
        NewPhone(raw=value.strip(), e164=normalize_phone(value, default_region=phone_region))
        for value in raw.phones
    )
    mark("phones", phones or raw.remove_phones)
    urls = tuple(Labeled(*normalize_url(value)) for value in raw.urls)
    mark("urls", urls or raw.remove_urls)
    nicknames = _unique([clean_label(value, field="nickname") for value in raw.nicknames])
    mark("nicknames", nicknames or raw.remove_nicknames)
    company = clean_label(raw.company, field="company", limit=300) if raw.company else None
    title = " ".join(raw.title.split()) if raw.title is not None else None
    if title is not None and len(title) > 300:
        raise InvalidInput(f"{title[:20]!r}… is longer than 300 characters.", field="title")
    if raw.leave_job and (company or title):
        raise InvalidInput(
            "a person cannot leave their job and take a new one in one edit: give the new "
            "company (the old job is kept as history) or leave, not both.",
            field="company",
        )
    mark("organization", company or raw.leave_job)
    mark("title", title is not None)
    circle = parse_choice(Circle, raw.circle, field="circle") if raw.circle else None
    mark("circle", circle)
    mode = parse_choice(Mode, raw.mode, field="mode") if raw.mode else None
    mark("mode", mode)
    if raw.cadence_days is not None and not 1 <= raw.cadence_days <= 3650:
        raise InvalidInput(
            f"{raw.cadence_days} days is not a cadence; use 1 to 3650.", field="cadence"
        )
    if raw.reset_cadence and raw.cadence_days is not None:
        raise InvalidInput("give a cadence or go back to the circle's, not both.", field="cadence")
    mark("cadence_days", raw.cadence_days is not None or raw.reset_cadence)
    tags = _unique([clean_label(value, field="tag").lower() for value in raw.tags])
    mark("tags", tags or raw.remove_tags)
    interests = _unique([clean_label(value, field="interest") for value in raw.interests])
    mark("interests", interests or raw.remove_interests)
    clear_birthday = raw.birthday is not None and not raw.birthday.strip()
    birthday = PartialDate.parse(raw.birthday) if raw.birthday and raw.birthday.strip() else None
    mark("birthday", birthday or clear_birthday)
    mark("met_how", raw.met_how is not None)
    mark("notes", raw.notes is not None)
    return PersonChanges(
        name=name,
        emails=emails,
        phones=phones,
        urls=urls,
        nicknames=nicknames,
        company=company,
        title=title,
        circle=circle,
        mode=mode,
        cadence_days=raw.cadence_days,
        tags=tags,
        interests=interests,
        birthday=birthday,
        clear_birthday=clear_birthday,
        met_how=" ".join(raw.met_how.split()) if raw.met_how is not None else None,
        notes=raw.notes,
        end_job=raw.leave_job,
        clear_cadence=raw.reset_cadence,
        remove_emails=remove_emails,
        # A number or URL to remove matches however it was typed: as stored, or normalized.
        remove_phones=tuple(
            dict.fromkeys(
                form
                for value in raw.remove_phones
                for form in (value.strip(), normalize_phone(value, default_region=phone_region))
                if form
            )
        ),
        remove_tags=tuple(value.strip().lower() for value in raw.remove_tags),
        remove_interests=tuple(value.strip() for value in raw.remove_interests),
        remove_nicknames=tuple(value.strip() for value in raw.remove_nicknames),
        remove_urls=tuple(
            dict.fromkeys(
                form
                for value in raw.remove_urls
                for form in (value.strip(), normalize_url(value)[0])
            )
        ),
        touched=frozenset(touched),
    )
