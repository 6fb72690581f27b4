"""From a card another tool exported to the checked changes an import writes.

Pure (no database): it sits in services because it joins ``formats`` to ``core``.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, replace

from kithkin.core.contact_points import StructuredName, parse_name
from kithkin.core.person_changes import PersonChanges, PersonInput, check_person_input
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
    """The card's own name parts when it has them (they are better than a re-parse)."""
    display = card.name
    if not display:
        fallback = card.organization or next((email.value for email in card.emails), "")
        if not fallback:
            raise InvalidInput("the contact has no name, organization or e-mail.", field="name")
        return parse_name(fallback)
    parsed = parse_name(display)
    if not (card.given_name or card.family_name):
        return parsed
    parts = {
        "given": " ".join(card.given_name.split()),
        "family": " ".join(card.family_name.split()),
        "middle": " ".join(card.middle_name.split()),
        "prefix": " ".join(card.prefix.split()),
        "suffix": " ".join(card.suffix.split()),
    }
    for part, limit in _LIMITS.items():
        if len(parts[part]) > limit:
            raise InvalidInput(f"the {part} name is longer than {limit} characters.", field="name")
    return StructuredName(display=parsed.display, **parts)


def check_card(card: ContactCard, *, phone_region: str | None) -> CheckedCard:
    """Validate every value of the card; the first problem raises InvalidInput with its field."""
    name = card_name(card)
    raw = PersonInput(
        emails=[email.value for email in card.emails],
        phones=[phone.value for phone in card.phones],
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
        phones=tuple(
            replace(phone, label=card_phone.label)
            for phone, card_phone in zip(changes.phones, card.phones, strict=True)
        ),
        urls=_relabel(changes.urls, card.urls, keep_detected=True),
        birthday=card.birthday,
        touched=changes.touched | {"name"} | ({"birthday"} if card.birthday else set()),
    )
    return CheckedCard(card=card, changes=changes, fingerprint=fingerprint(card))


def _relabel(
    checked: tuple[Labeled, ...], given: tuple[Labeled, ...], *, keep_detected: bool = False
) -> tuple[Labeled, ...]:
    labelled = []
    for value, original in zip(checked, given, strict=True):
        label = original.label or (value.label if keep_detected else "")
        labelled.append(Labeled(value.value, label))
    return tuple(labelled)


def fingerprint(card: ContactCard) -> str:
    """A digest of everything the card says (not where it sits in the file)."""
    data = asdict(card)
    data.pop("line")
    text = json.dumps(data, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()
