"""A contact as another tool exported it: the common shape every reader produces."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from kithkin.core.dates import PartialDate
from kithkin.core.imports import ImportIssue
from kithkin.core.records import Address, Labeled


@dataclass(frozen=True)
class RawProperty:
    """A vCard property Kithkin does not model, kept so that a re-export does not lose it.

    ``value`` is the property's value exactly as written in the file (still escaped, unfolded);
    ``params`` keep their order and their values' order.
    """

    name: str  # upper-case, e.g. "X-GENDER", "ROLE", "CATEGORIES"
    value: str
    params: tuple[tuple[str, tuple[str, ...]], ...] = ()
    group: str = ""  # e.g. "item3" in Apple's "item3.X-ABDATE"


@dataclass(frozen=True)
class ContactCard:
    """One contact read from a file, before it is matched against the stored people.

    Text values are as the file has them, trimmed of surrounding whitespace but not otherwise
    validated: e-mails, phones and URLs are checked when the card is imported, so that a bad
    value is reported with ``line``.
    """

    line: int  # 1-based line of the file where the record starts (header row = 1 for CSV)
    file: str = ""  # set when the record's file is not the one imported (a vdir's .vcf)
    identity: str = ""  # the source system's key: LinkedIn profile URL, vCard UID
    full_name: str = ""
    given_name: str = ""
    family_name: str = ""
    middle_name: str = ""
    prefix: str = ""
    suffix: str = ""
    nicknames: tuple[str, ...] = ()
    emails: tuple[Labeled, ...] = ()  # preferred first
    phones: tuple[Labeled, ...] = ()  # raw text as written; preferred first
    urls: tuple[Labeled, ...] = ()  # includes social profiles, labelled e.g. "twitter"
    addresses: tuple[Address, ...] = ()
    organization: str = ""
    department: str = ""
    title: str = ""
    birthday: PartialDate | None = None
    anniversary: PartialDate | None = None
    notes: str = ""
    tags: tuple[str, ...] = ()  # vCard CATEGORIES, Google labels
    related: tuple[Labeled, ...] = ()  # related people by name: ("Jane Doe", "spouse")
    photo: str = ""  # a URI; embedded photos as ``data:<media type>;base64,…``
    connected_on: date | None = None  # LinkedIn's "Connected On"
    revised_at: datetime | None = None  # vCard REV, when the file says
    extras: tuple[RawProperty, ...] = ()  # what the reader did not model, kept for re-export

    @property
    def name(self) -> str:
        """The best display name the card offers (may be empty)."""
        if self.full_name.strip():
            return " ".join(self.full_name.split())
        parts = (self.prefix, self.given_name, self.middle_name, self.family_name, self.suffix)
        return " ".join(" ".join(part for part in parts if part.strip()).split())


@dataclass
class ParsedContacts:
    """What a reader found in one file: the cards, the broken records, the records skipped."""

    file: str
    cards: list[ContactCard] = field(default_factory=list)
    problems: list[ImportIssue] = field(default_factory=list)
    # Not errors: records left out on purpose, e.g. LinkedIn rows holding only a date.
    skipped: list[ImportIssue] = field(default_factory=list)
