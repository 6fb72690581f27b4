"""vCards through the database: import, re-import, export, and nothing lost on the way."""

from __future__ import annotations

from pathlib import Path

import pytest

from kithkin.formats.vcard import read_vcard_path, read_vcards
from kithkin.services import Context, list_people, show_person
from kithkin.services.exports import export_vcards
from kithkin.services.files import write_vdir
from kithkin.services.imports import import_contacts

TESTS = Path(__file__).parents[1]
CORPUS = sorted((TESTS / "corpora" / "vcard" / "ez-vcard").glob("*.vcf"))
APPLE = TESTS / "fixtures" / "vcard" / "apple-3.0.vcf"
VDIR = TESTS / "fixtures" / "vcard" / "vdir"


def _modelled(card: object) -> tuple[object, ...]:
    names = ("full_name", "emails", "urls", "addresses", "organization", "title", "birthday")
    return tuple(getattr(card, name) for name in names)


@pytest.mark.parametrize("path", CORPUS, ids=[path.name for path in CORPUS])
def test_every_corpus_file_imports_and_exports_without_losing_a_value(
    ctx: Context, path: Path
) -> None:
    report = import_contacts(ctx, "vcard", path, skip_invalid=True)
    assert not report.errors
    original = read_vcard_path(path).cards
    exported = read_vcards("".join(card.text for card in export_vcards(ctx)), file="export")
    by_uid = {card.identity: card for card in exported.cards}
    for card in original:
        if not card.identity:
            continue
        again = by_uid[card.identity]
        emails = {email.value.casefold() for email in again.emails}
        assert {email.value.casefold() for email in card.emails} <= emails
        assert {phone.value for phone in card.phones} <= {phone.value for phone in again.phones}
        assert card.addresses == again.addresses or set(card.addresses) <= set(again.addresses)
        assert (card.organization, card.title, card.birthday) == (
            again.organization,
            again.title,
            again.birthday,
        )
        assert {url.value for url in card.urls} <= {url.value for url in again.urls}
        assert set(card.extras) <= set(again.extras)  # what Kithkin does not model comes back
        assert card.photo == again.photo


def test_importing_the_same_vcards_again_changes_nothing(ctx: Context) -> None:
    first = import_contacts(ctx, "vcard", APPLE)
    again = import_contacts(ctx, "vcard", APPLE)
    assert first.created and not again.created and not again.updated
    assert len(again.unchanged) == len(first.created)


def test_a_vdir_imports_one_person_per_file_and_exports_back_to_the_same_files(
    ctx: Context, tmp_path: Path
) -> None:
    report = import_contacts(ctx, "vcard", VDIR)
    assert len(report.created) == len(list(VDIR.glob("*.vcf")))
    cards = [(card.uid, card.text) for card in export_vcards(ctx, version="4.0")]
    assert write_vdir(tmp_path, cards) == len(cards)
    assert write_vdir(tmp_path, cards) == 0  # unchanged contacts: not a byte rewritten
    assert export_vcards(ctx, version="4.0") == export_vcards(ctx, version="4.0")
    assert {p.name for p in list_people(ctx)} == {card.name for card in read_vcard_path(VDIR).cards}


def test_an_apple_card_keeps_its_labels_year_less_birthday_and_photo(ctx: Context) -> None:
    import_contacts(ctx, "vcard", APPLE)
    card = next(c for c in read_vcard_path(APPLE).cards if c.photo)
    exported = read_vcards("".join(c.text for c in export_vcards(ctx)), file="export")
    again = next(c for c in exported.cards if c.identity == card.identity)
    assert again.photo == card.photo
    assert again.birthday == card.birthday
    assert [e.label for e in again.emails] == [e.label for e in card.emails]
    assert [p.label for p in again.phones] == [p.label for p in card.phones]


def test_a_placeholder_phone_is_kept_as_written(ctx: Context) -> None:
    outlook = TESTS / "corpora" / "vcard" / "ez-vcard" / "outlook-2003.vcf"
    import_contacts(ctx, "vcard", outlook)
    [person] = list_people(ctx)
    phones = show_person(ctx, person.id).person.phones
    assert "BusinessPhone" in {phone.raw for phone in phones}
