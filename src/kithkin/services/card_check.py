"""From a card another tool exported to the checked changes an import writes.

Pure (no database): it sits in services because it joins ``formats`` to ``core``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, fields, replace

from kithkin.core.contact_points import StructuredName, normalize_phone, parse_name
from kithkin.core.person_changes import NewPhone, PersonChanges, PersonInput, check_person_input
from kithkin.core.records import Labeled
from kithkin.errors import InvalidInput
from kithkin.formats.contact import ContactCard

_LIMITS = {"given": 200, "family": 200, "middle": 200, "prefix": 50, "suffix": 100}


@dataclass(frozen=True)
class CheckedCard:
    """A card whose values are valid, with what to write and a digest of what it said."""

    card: ContactCard
    changes: PersonChanges
    fingerprint: str

    @property
    def name(self) -> str:
        assert self.changes.name is not None
        return self.changes.name.display


def card_name(card: ContactCard) -> StructuredName:
    """The card's own name parts when it has them: better (and much faster) than a re-parse."""
    parts = {
        "given": " ".join(card.given_name.split()),
        "family": " ".join(card.family_name.split()),
        "middle": " ".join(card.middle_name.split()),
        "prefix": " ".join(card.prefix.split()),
        "suffix": " ".join(card.suffix.split()),
    }
    if not (parts["given"] or parts["family"]):
        fallback = card.name or card.organization or next((e.value for e in card.emails), "")
        if not fallback:
            raise InvalidInput("the contact has no name, organization or e-mail.", field="name")
        return parse_name(fallback)
    for part, limit in _LIMITS.items():
        if len(parts[part]) > limit:
            raise InvalidInput(f"the {part} name is longer than {limit} characters.", field="name")
    display = card.name
    if len(display.casefold()) > 300:
        raise InvalidInput("a name longer than 300 characters is not a name.", field="name")
    return StructuredName(display=display, **parts)


def check_card(card: ContactCard, *, phone_region: str | None) -> CheckedCard:
    """Validate every value of the card; the first problem raises InvalidInput with its field."""
    name = card_name(card)
    raw = PersonInput(
        emails=[email.value for email in card.emails],
        urls=[url.value for url in card.urls],
        nicknames=list(card.nicknames),
        company=card.organization or None,
        title=card.title or None,
        tags=list(card.tags),
        notes=card.notes or None,
    )
    changes = check_person_input(raw, phone_region=phone_region)
    changes = replace(
        changes,
        name=name,
        # Keep the labels the file gave (check_person_input knows only the values).
        emails=_relabel(changes.emails, card.emails),
        phones=tuple(_phone(phone, phone_region) for phone in card.phones if phone.value.strip()),
        urls=_relabel(changes.urls, card.urls, keep_detected=True),
        birthday=card.birthday,
        touched=changes.touched
        | {"name"}
        | ({"birthday"} if card.birthday else set())
        | ({"phones"} if card.phones else set()),
    )
    return CheckedCard(card=card, changes=changes, fingerprint=fingerprint(card))


def _phone(phone: Labeled, region: str | None) -> NewPhone:
    """A number as E.164 when it reads as one; otherwise kept as written, like ``ext 12`` or
    an exporter's placeholder: an import loses nothing the file says."""
    raw = " ".join(phone.value.split())
    if len(raw) > 100:
        raise InvalidInput(f"{raw[:20]!r}… is longer than 100 characters.", field="phone")
    try:
        e164 = normalize_phone(raw, default_region=region)
    except InvalidInput:
        e164 = None
    return NewPhone(raw, e164, phone.label)


def _relabel(
    checked: tuple[Labeled, ...], given: tuple[Labeled, ...], *, keep_detected: bool = False
) -> tuple[Labeled, ...]:
    labelled = []
    for value, original in zip(checked, given, strict=True):
        label = original.label or (value.label if keep_detected else "")
        labelled.append(Labeled(value.value, label))
    return tuple(labelled)


def fingerprint(card: ContactCard) -> str:
    """A digest of everything the card says (not where it sits in the file).

    The dataclass ``repr`` is deterministic (tuples, strings, dates); a change to the card's
    fields changes every digest once, which makes the next import compare field by field.
    """
    said = tuple(getattr(card, name) for name in _SAID)
    return hashlib.sha256(repr(said).encode()).hexdigest()


# Every field but where the record sits: a record that moves in its file is the same record.
_SAID = tuple(field.name for field in fields(ContactCard) if field.name not in {"line", "file"})
