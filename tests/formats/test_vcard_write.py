from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kithkin.core.dates import PartialDate
from kithkin.core.records import Address, Labeled
from kithkin.errors import InvalidInput
from kithkin.formats.contact import ContactCard, RawProperty
from kithkin.formats.vcard import read_vcards, write_vcard, write_vcards
from kithkin.formats.vcard_fields import contact_card

PHOTO = "data:image/jpeg;base64," + "/9j/4AAQSkZJRgABAQAAAQABAAD" * 20


def lines(text: str) -> list[str]:
    assert text.endswith("\r\n")
    return text.removesuffix("\r\n").split("\r\n")


def unfolded(text: str) -> list[str]:
    return text.replace("\r\n ", "").removesuffix("\r\n").split("\r\n")


def read_back(card: ContactCard, version: str) -> ContactCard:
    parsed = read_vcards(write_vcard(card, version=version), file="out.vcf")
    assert parsed.problems == []
    [again] = parsed.cards
    return dataclasses.replace(again, line=card.line)


def test_a_card_is_written_with_crlf_begin_version_and_end() -> None:
    text = write_vcard(ContactCard(line=1, full_name="Ana Ruiz", given_name="Ana"))
    assert lines(text) == [
        "BEGIN:VCARD",
        "VERSION:3.0",
        "PRODID:-//Kithkin//Kithkin//EN",
        "FN:Ana Ruiz",
        "N:;Ana;;;",
        "END:VCARD",
    ]


@pytest.mark.parametrize("version", ["2.1", "4", "5.0", ""])
def test_only_versions_3_and_4_can_be_written(version: str) -> None:
    with pytest.raises(InvalidInput) as error:
        write_vcard(ContactCard(line=1), version=version)
    assert error.value.field == "version"


def test_long_lines_are_folded_at_75_octets() -> None:
    text = write_vcard(ContactCard(line=1, notes="word " * 60))
    assert all(len(line.encode()) <= 75 for line in lines(text))
    assert lines(text)[5].startswith("NOTE:")
    assert all(line.startswith(" ") for line in lines(text)[6:-1])


def test_folding_never_splits_a_utf8_character() -> None:
    notes = "Grüße aus Köln — 東京で会いましょう 🙂 " * 8
    text = write_vcard(ContactCard(line=1, notes=notes))
    for line in lines(text):
        assert len(line.encode()) <= 75  # each line decodes on its own: no character was cut
    assert read_vcards(text, file="x.vcf").cards[0].notes == notes.strip()


def test_text_is_escaped() -> None:
    card = ContactCard(
        line=1,
        full_name="Smith, John; Jr.",
        notes="a\\b\nc, d; e",
        organization="A;B",
        department="C",
    )
    written = unfolded(write_vcard(card))
    assert "FN:Smith\\, John\\; Jr." in written
    assert "NOTE:a\\\\b\\nc\\, d\\; e" in written
    assert "ORG:A\\;B;C" in written


def test_the_uid_is_the_identity_and_rev_is_written_only_when_known() -> None:
    plain = unfolded(write_vcard(ContactCard(line=1, full_name="A")))
    assert not any(line.startswith(("UID", "REV")) for line in plain)
    revised = datetime(2024, 5, 6, 9, 8, 7, tzinfo=timezone(timedelta(hours=2)))
    card = ContactCard(line=1, identity="urn:uuid:1234", revised_at=revised)
    written = unfolded(write_vcard(card, version="4.0"))
    assert "UID:urn:uuid:1234" in written
    assert "REV:20240506T070807Z" in written


def test_a_photo_is_embedded_in_3_0_and_a_data_uri_in_4_0() -> None:
    card = ContactCard(line=1, photo=PHOTO)
    data = PHOTO.partition(",")[2]
    assert f"PHOTO;ENCODING=b;TYPE=JPEG:{data}" in unfolded(write_vcard(card))
    assert f"PHOTO:{PHOTO}" in unfolded(write_vcard(card, version="4.0"))


def test_a_photo_on_the_web_is_a_uri_in_both_versions() -> None:
    card = ContactCard(line=1, photo="https://example.com/ana.jpg")
    assert "PHOTO;VALUE=uri:https://example.com/ana.jpg" in unfolded(write_vcard(card))
    assert "PHOTO:https://example.com/ana.jpg" in unfolded(write_vcard(card, version="4.0"))


def test_birthdays_and_anniversaries() -> None:
    card = ContactCard(
        line=1,
        birthday=PartialDate(month=4, day=15),
        anniversary=PartialDate(month=6, day=20, year=2015),
    )
    three = unfolded(write_vcard(card))
    assert "BDAY:--0415" in three
    assert "item1.X-ABDATE:2015-06-20" in three
    assert "item1.X-ABLabel:_$!<Anniversary>!$_" in three
    four = unfolded(write_vcard(card, version="4.0"))
    assert "BDAY:--0415" in four
    assert "ANNIVERSARY:20150620" in four
    full = ContactCard(line=1, birthday=PartialDate(month=4, day=12, year=1985))
    assert "BDAY:1985-04-12" in unfolded(write_vcard(full))
    assert "BDAY:19850412" in unfolded(write_vcard(full, version="4.0"))


def test_labels_are_types_when_they_read_back_and_apple_labels_otherwise() -> None:
    card = ContactCard(
        line=1,
        emails=(Labeled("a@x.org", "work"), Labeled("b@x.org", "Conference badge")),
        phones=(Labeled("+1 555 0100", "mobile"), Labeled("+1 555 0101", "")),
        urls=(Labeled("https://x.org/blog", "homepage"),),
    )
    assert unfolded(write_vcard(card))[5:12] == [
        "EMAIL;TYPE=work,pref:a@x.org",
        "item1.EMAIL:b@x.org",
        "item1.X-ABLabel:Conference badge",
        "TEL;TYPE=cell,pref:+1 555 0100",
        "TEL:+1 555 0101",
        "URL;TYPE=homepage:https://x.org/blog",
        "END:VCARD",
    ]
    assert unfolded(write_vcard(card, version="4.0"))[5:8] == [
        "EMAIL;TYPE=work;PREF=1:a@x.org",
        "item1.EMAIL:b@x.org",
        "item1.X-ABLabel:Conference badge",
    ]


def test_related_people_are_written_as_each_version_knows_them() -> None:
    card = ContactCard(line=1, related=(Labeled("Jenny", "spouse"), Labeled("Ngozi", "Godmother")))
    assert unfolded(write_vcard(card))[5:9] == [
        "item1.X-ABRELATEDNAMES:Jenny",
        "item1.X-ABLabel:_$!<Spouse>!$_",
        "item2.X-ABRELATEDNAMES:Ngozi",
        "item2.X-ABLabel:Godmother",
    ]
    assert unfolded(write_vcard(card, version="4.0"))[5:8] == [
        "RELATED;TYPE=spouse;VALUE=text:Jenny",
        "item1.RELATED;VALUE=text:Ngozi",
        "item1.X-ABLabel:Godmother",
    ]


def test_extras_are_written_back_verbatim_after_the_modelled_properties() -> None:
    extras = (
        RawProperty("X-EVOLUTION-FILE-AS", "Doe\\, John"),
        RawProperty("GEO", "geo:46.77,-71.28", (("TYPE", ("work",)), ("X-NOTE", ("a:b;c",)))),
        RawProperty("X-ABADR", "us", group="item1"),
        RawProperty("LABEL", "1 Main St", (("TYPE", ("WORK",)), ("TYPE", ("PREF",)))),
    )
    card = ContactCard(
        line=1, emails=(Labeled("a@x.org", "Private mail"),), extras=extras, revised_at=None
    )
    written = unfolded(write_vcard(card))
    assert written[-5:] == [
        "X-EVOLUTION-FILE-AS:Doe\\, John",
        'GEO;TYPE=work;X-NOTE="a:b;c":geo:46.77,-71.28',
        "item1.X-ABADR:us",
        "LABEL;TYPE=WORK;TYPE=PREF:1 Main St",
        "END:VCARD",
    ]
    assert "item2.EMAIL:a@x.org" in written  # item1 is taken by an extra
    assert read_back(card, "3.0") == card


def test_writing_is_deterministic() -> None:
    card = ContactCard(
        line=1, full_name="Ana", tags=("b", "a"), emails=(Labeled("a@x.org", "x y"),), photo=PHOTO
    )
    assert write_vcard(card) == write_vcard(dataclasses.replace(card))
    assert write_vcard(card, version="4.0") == write_vcard(card, version="4.0")


def test_many_cards_are_written_one_after_the_other() -> None:
    cards = [ContactCard(line=1, full_name=name) for name in ("Ana", "Ben", "Chloé")]
    text = write_vcards(cards, version="4.0")
    assert text == "".join(write_vcard(card, version="4.0") for card in cards)
    assert [card.full_name for card in read_vcards(text, file="x.vcf").cards] == [
        "Ana",
        "Ben",
        "Chloé",
    ]
    assert write_vcards([]) == ""


def test_the_fast_contact_card_equals_the_constructed_one() -> None:
    assert "__post_init__" not in vars(ContactCard)
    values = {
        field.name: getattr(EVERYTHING, field.name) for field in dataclasses.fields(EVERYTHING)
    }
    fast = contact_card(**values)
    assert fast == EVERYTHING
    assert hash(fast) == hash(EVERYTHING)
    assert repr(fast) == repr(EVERYTHING)


EVERYTHING = ContactCard(
    line=7,
    identity="urn:uuid:5a2e7c31-9f0b-4d5e-8c1a-2b3c4d5e6f70",
    full_name="Dr. Adaeze Nneka Okonkwo PhD",
    given_name="Adaeze",
    family_name="Okonkwo",
    middle_name="Nneka",
    prefix="Dr.",
    suffix="PhD",
    nicknames=("Ada", "A, O"),
    emails=(Labeled("ada@tidewater.example", "other"), Labeled("ada@mail.example", "Badge")),
    phones=(Labeled("+44 7700 900123", "mobile"), Labeled("+44 20 7946 0018", "fax")),
    urls=(Labeled("https://twitter.com/ada", "twitter"), Labeled("https://ada.example", "")),
    addresses=(
        Address("home", "14 Wharf Road\nFlat 3", "Bristol", "", "BS1 4RN", "United Kingdom"),
        Address("Boat", "Mooring 7", "", "", "", ""),
    ),
    organization="Tidewater; Instruments",
    department="Acoustics, Sonar",
    title="Principal Engineer",
    birthday=PartialDate(month=3, day=15),
    anniversary=PartialDate(month=6, day=18, year=2011),
    notes="Met at the meetup, 2019.\nPrefers calls; never before 10.",
    tags=("work", "sonar, deep"),
    related=(Labeled("Chidi", "spouse"), Labeled("Ngozi", "Godmother"), Labeled("Obi", "")),
    photo=PHOTO,
    revised_at=datetime(2024, 1, 31, 9, 15, tzinfo=UTC),
    extras=(
        RawProperty("X-ABADR", "gb", group="item3"),
        RawProperty("X-ABDATE", "2019-09-01", group="item8"),
        RawProperty("X-ABLABEL", "Started at Tidewater", group="item8"),
        RawProperty("KEY", "MIIBIjAN", (("TYPE", ("X509",)), ("ENCODING", ("b",)))),
    ),
)


@pytest.mark.parametrize("version", ["3.0", "4.0"])
def test_every_field_survives_a_write_and_a_read(version: str) -> None:
    assert read_back(EVERYTHING, version) == EVERYTHING


# -- generated cards -----------------------------------------------------------------------

_words = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp")), max_size=12
).map(str.strip)
_text = st.lists(_words, max_size=3).map("\n".join).map(str.strip)
_some_words = _words.filter(bool)
_labels = st.sampled_from(["", "work", "home", "mobile", "fax", "other", "Badge", "x y", "pref"])
_labeled = st.builds(Labeled, _some_words, _labels)
_days = st.builds(
    PartialDate,
    month=st.integers(1, 12),
    day=st.integers(1, 28),
    year=st.none() | st.integers(1, 9999),
)
_moments = st.datetimes(
    min_value=datetime(1900, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(UTC)
).map(lambda moment: moment.replace(microsecond=0))
_token = st.text("ABCDEFGHIJKLMNOPQRSTUVWXYZ-", min_size=1, max_size=8)
_extras = st.builds(
    RawProperty,
    name=_token.map(lambda name: f"X-{name}"),
    value=st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=20),
    params=st.lists(
        st.tuples(
            _token, st.lists(st.text("abc ,;:", max_size=4), min_size=1, max_size=2).map(tuple)
        ),
        max_size=2,
    ).map(tuple),
    group=st.sampled_from(["", "item1", "item2"]),
)
_cards = st.builds(
    ContactCard,
    line=st.just(1),
    identity=_words,
    full_name=_words,
    given_name=_words,
    family_name=_words,
    middle_name=_words,
    prefix=_words,
    suffix=_words,
    nicknames=st.lists(_some_words, max_size=2).map(tuple),
    emails=st.lists(_labeled, max_size=3).map(tuple),
    phones=st.lists(_labeled, max_size=3).map(tuple),
    urls=st.lists(_labeled, max_size=2).map(tuple),
    addresses=st.lists(
        st.builds(Address, _labels, _text, _words, _words, _words, _words), max_size=2
    ).map(tuple),
    organization=_words,
    department=_words,
    title=_words,
    birthday=st.none() | _days,
    anniversary=st.none() | _days,
    notes=_text,
    tags=st.lists(_some_words, max_size=3).map(tuple),
    related=st.lists(_labeled, max_size=2).map(tuple),
    photo=st.sampled_from(["", PHOTO, "https://example.com/a.png", "data:image/png;base64,iVBO"]),
    revised_at=st.none() | _moments,
    extras=st.lists(_extras, max_size=3).map(tuple),
)


@settings(max_examples=60)
@given(_cards, st.sampled_from(["3.0", "4.0"]))
def test_generated_cards_survive_a_write_and_a_read(card: ContactCard, version: str) -> None:
    assert read_back(card, version) == card
