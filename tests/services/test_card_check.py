"""Checking an imported card: pure, no database."""

from __future__ import annotations

import pytest

from kithkin.core.records import Labeled
from kithkin.errors import InvalidInput
from kithkin.formats.contact import ContactCard
from kithkin.services.card_check import check_card, fingerprint


def test_the_digest_ignores_where_the_record_sits_but_not_what_it_says() -> None:
    card = ContactCard(line=5, given_name="Ana", family_name="Ruiz", title="CTO")
    assert fingerprint(card) == fingerprint(ContactCard(line=900, **_same(card)))
    assert fingerprint(card) != fingerprint(
        ContactCard(line=5, given_name="Ana", family_name="Ruiz")
    )


def _same(card: ContactCard) -> dict[str, object]:
    return {"given_name": card.given_name, "family_name": card.family_name, "title": card.title}


def test_the_cards_own_name_parts_are_kept_as_given() -> None:
    card = ContactCard(line=1, given_name=" Priya ", family_name="Nair", suffix="MBA, PMP")
    name = check_card(card, phone_region="US").changes.name
    assert name is not None
    assert (name.display, name.given, name.family, name.suffix) == (
        "Priya Nair MBA, PMP",
        "Priya",
        "Nair",
        "MBA, PMP",
    )


def test_a_card_without_any_name_falls_back_to_its_company_then_its_e_mail() -> None:
    company = check_card(ContactCard(line=1, organization="Acme Corp"), phone_region=None)
    assert company.name == "Acme Corp"
    email = ContactCard(line=1, emails=(Labeled("info@example.com"),))
    assert check_card(email, phone_region=None).name == "info@example.com"
    with pytest.raises(InvalidInput, match="no name") as raised:
        check_card(ContactCard(line=1, notes="just a note"), phone_region=None)
    assert raised.value.field == "name"


def test_labels_from_the_file_survive_the_checks() -> None:
    card = ContactCard(
        line=1,
        full_name="Ana Ruiz",
        emails=(Labeled("Ana@Example.com", "work"),),
        phones=(Labeled("(415) 555-0134", "mobile"),),
        urls=(Labeled("https://x.com/ana", ""),),
    )
    changes = check_card(card, phone_region="US").changes
    assert changes.emails == (Labeled("ana@example.com", "work"),)
    assert [(p.e164, p.raw, p.label) for p in changes.phones] == [
        ("+14155550134", "(415) 555-0134", "mobile")
    ]
    assert changes.urls[0].label == "x"  # detected from the host when the file gave none


def test_an_invalid_e_mail_names_its_field() -> None:
    with pytest.raises(InvalidInput) as raised:
        check_card(
            ContactCard(line=3, full_name="Ana", emails=(Labeled("not-an-email"),)),
            phone_region=None,
        )
    assert raised.value.field == "email"
