from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kithkin.core.dates import PartialDate
from kithkin.core.records import Address, Labeled
from kithkin.errors import InvalidInput
from kithkin.formats.contact import ContactCard, RawProperty
from kithkin.formats.vcard import read_vcard_path, read_vcards
from kithkin.formats.vcard_read import _content_lines, _content_lines_one_by_one, _Shape

FIXTURES = Path(__file__).parent.parent / "fixtures" / "vcard"


def one_card(*lines: str, newline: str = "\r\n") -> ContactCard:
    text = newline.join(("BEGIN:VCARD", "VERSION:3.0", *lines, "END:VCARD")) + newline
    parsed = read_vcards(text, file="test.vcf")
    assert parsed.problems == []
    [card] = parsed.cards
    return card


def fixture(name: str) -> list[ContactCard]:
    parsed = read_vcard_path(FIXTURES / name)
    assert parsed.problems == []
    return parsed.cards


def folded_value(name: str, start: str) -> str:
    """The value of the (folded) line starting with ``start``, as a base64 reader sees it."""
    lines = (FIXTURES / name).read_text().splitlines()
    first = next(index for index, line in enumerate(lines) if line.startswith(start))
    value = lines[first].partition(":")[2]
    for line in lines[first + 1 :]:
        if not line.startswith(" "):
            break
        value += line.strip()
    return value


# -- lines ---------------------------------------------------------------------------------


@pytest.mark.parametrize("newline", ["\r\n", "\n", "\r", "\r\r\n"])
def test_folded_lines_are_joined_whatever_the_line_ends(newline: str) -> None:
    card = one_card("FN:Ana", "NOTE:first half,", " second half", "\tand a tab", newline=newline)
    assert card.notes == "first half,second halfand a tab"


def test_a_comma_never_cuts_a_text_value() -> None:
    card = one_card(
        "FN:Smith, John",
        "TITLE:VP, Sales, EMEA",
        "NOTE:call him, not his assistant",
        "EMAIL:odd,but@example.com",
        "UID:a,b",
    )
    assert card.full_name == "Smith, John"
    assert card.title == "VP, Sales, EMEA"
    assert card.notes == "call him, not his assistant"
    assert card.emails == (Labeled("odd,but@example.com"),)
    assert card.identity == "a,b"


def test_escapes_are_decoded() -> None:
    card = one_card(r"NOTE:a\, b\; c\nd\Ne \\ f\:g \"h\" \q")
    assert card.notes == 'a, b; c\nd\ne \\ f:g "h" \\q'


def test_structured_values_split_only_on_unescaped_semicolons() -> None:
    card = one_card(
        r"N:Doe\;Roe;John;Richter\, James;Mr.;Sr.",
        r"ORG:Kowalczyk & Syn\; Spółka;Export;Import",
        r"ADR;TYPE=WORK:;Suite 5;1 Main St\; Rear;Austin;TX;78701;USA",
    )
    assert (card.family_name, card.given_name, card.middle_name) == (
        "Doe;Roe",
        "John",
        "Richter, James",
    )
    assert (card.prefix, card.suffix) == ("Mr.", "Sr.")
    assert (card.organization, card.department) == ("Kowalczyk & Syn; Spółka", "Export, Import")
    assert card.addresses == (
        Address("work", "Suite 5\n1 Main St; Rear", "Austin", "TX", "78701", "USA"),
    )


def test_a_list_inside_a_name_part_is_joined_with_spaces() -> None:
    card = one_card("N:Doe;John;Richter,James;;jr.,M.Sc.")
    assert card.middle_name == "Richter James"
    assert card.suffix == "jr., M.Sc."


def test_a_po_box_and_an_extended_address_go_before_the_street() -> None:
    card = one_card("ADR:123;Apt 4;5 Elm St;Springfield;;;")
    assert card.addresses[0].street == "PO Box 123\nApt 4\n5 Elm St"


def test_lists_split_only_on_unescaped_commas() -> None:
    card = one_card(r"NICKNAME:Pri,P.R.", r"CATEGORIES:friends, book club ,lab\,work,,")
    assert card.nicknames == ("Pri", "P.R.")
    assert card.tags == ("friends", "book club", "lab,work")


# -- vCard 2.1 -----------------------------------------------------------------------------


def test_quoted_printable_values_are_decoded_with_their_charset() -> None:
    jurgen, renee = fixture("outlook-2.1-qp.vcf")
    assert jurgen.full_name == "Jürgen Müller-Lüdenscheidt"
    assert (jurgen.family_name, jurgen.given_name) == ("Müller-Lüdenscheidt", "Jürgen")
    assert (jurgen.organization, jurgen.department) == ("Bäckerei Schön GmbH", "Vertrieb")
    assert jurgen.addresses[0].street == "Straße des 17. Juni 12"
    assert renee.full_name == "Renée François"  # CHARSET=ISO-8859-1


def test_soft_line_breaks_go_on_on_the_next_line() -> None:
    jurgen, _ = fixture("outlook-2.1-qp.vcf")
    assert jurgen.notes == (
        "Kennt die besten Brötchen der Stadt.\nGrüße an die Familie, nach Ostern anrufen."
    )
    label = next(extra for extra in jurgen.extras if extra.name == "LABEL")
    assert label == RawProperty(
        "LABEL", r"Straße des 17. Juni 12\n10623 Berlin", (("TYPE", ("WORK",)),)
    )  # not UTF-8 and no CHARSET: read as Windows-1252, decoded, CHARSET and ENCODING gone


def test_bytes_that_are_not_utf8_are_read_as_windows_1252() -> None:
    _, renee = fixture("outlook-2.1-qp.vcf")
    assert renee.notes == "Café crème, 3 € le mardi"


def test_bare_21_parameters_are_types() -> None:
    jurgen, _ = fixture("outlook-2.1-qp.vcf")
    assert jurgen.phones == (
        Labeled("+49 30 901820", "work"),
        Labeled("+49 171 5550123", "mobile"),
        Labeled("+49 30 901821", "fax"),  # TEL;HOME;FAX: a fax first, wherever it is
    )
    assert jurgen.birthday == PartialDate(month=2, day=29, year=1972)


def test_a_21_base64_photo_with_indented_lines_and_a_blank_line_is_read() -> None:
    _, renee = fixture("outlook-2.1-qp.vcf")
    encoded = folded_value("outlook-2.1-qp.vcf", "PHOTO;")
    assert renee.photo == f"data:image/jpeg;base64,{encoded}"


def test_unindented_base64_lines_of_a_21_value_belong_to_it() -> None:
    card = one_card("FN:Ana", "PHOTO;ENCODING=BASE64;TYPE=PNG:iVBORw0K", "GgoAAAAN", "", "NOTE:x")
    assert card.photo == "data:image/png;base64,iVBORw0KGgoAAAAN"
    assert card.notes == "x"


# -- Apple vCard 3.0 -----------------------------------------------------------------------


def test_an_apple_label_belongs_to_the_property_in_its_group() -> None:
    [ada] = fixture("apple-3.0.vcf")
    assert ada.emails == (
        Labeled("ada@tidewater.example", "other"),
        Labeled("adaeze.okonkwo@mail.example", "Conference badge"),
    )
    assert ada.urls[0] == Labeled("https://ada.example/blog", "homepage")
    assert ada.related == (
        Labeled("Chidi Okonkwo", "spouse"),
        Labeled("Ngozi Eze", "Godmother"),
    )


def test_labels_that_were_used_are_not_extras_and_the_others_are() -> None:
    [ada] = fixture("apple-3.0.vcf")
    assert [(extra.group, extra.name, extra.value) for extra in ada.extras] == [
        ("item3", "X-ABADR", "gb"),
        ("item8", "X-ABDATE", "2019-09-01"),
        ("item8", "X-ABLABEL", "Started at Tidewater"),
        ("", "X-ABUID", "5A2E7C31-9F0B-4D5E-8C1A-2B3C4D5E6F70:ABPerson"),
    ]


def test_a_birthday_in_apple_year_1604_has_no_year() -> None:
    [ada] = fixture("apple-3.0.vcf")
    assert ada.birthday == PartialDate(month=3, day=15)
    assert one_card("BDAY:1604-03-15").birthday == PartialDate(month=3, day=15, year=1604)


def test_an_apple_date_labelled_anniversary_is_the_anniversary() -> None:
    [ada] = fixture("apple-3.0.vcf")
    assert ada.anniversary == PartialDate(month=6, day=18, year=2011)


def test_a_folded_base64_photo_becomes_a_data_uri() -> None:
    [ada] = fixture("apple-3.0.vcf")
    assert ada.photo == "data:image/jpeg;base64," + folded_value("apple-3.0.vcf", "PHOTO;")


def test_social_profiles_are_urls_labelled_with_their_network() -> None:
    [ada] = fixture("apple-3.0.vcf")
    assert ada.urls[1:] == (
        Labeled("https://twitter.com/ada_sonar", "twitter"),
        Labeled("https://www.linkedin.com/in/adaeze-okonkwo", "linkedin"),  # from x-user=
    )


def test_a_social_profile_on_an_unknown_network_without_a_url_is_kept_as_an_extra() -> None:
    card = one_card("X-SOCIALPROFILE;type=mastodon;x-user=ada:x-apple:ada")
    assert card.urls == ()
    assert card.extras == (
        RawProperty(
            "X-SOCIALPROFILE", "x-apple:ada", (("TYPE", ("mastodon",)), ("X-USER", ("ada",)))
        ),
    )


def test_the_rest_of_an_apple_card() -> None:
    [ada] = fixture("apple-3.0.vcf")
    assert ada.line == 1
    assert ada.identity == "5a2e7c31-9f0b-4d5e-8c1a-2b3c4d5e6f70"
    assert ada.name == "Dr. Adaeze Nneka Okonkwo PhD"
    assert ada.title == "Principal Engineer, Sonar"
    assert ada.phones == (Labeled("+44 7700 900123", "mobile"), Labeled("+44 20 7946 0018", "work"))
    assert ada.addresses == (
        Address("home", "14 Wharf Road\nFlat 3", "Bristol", "", "BS1 4RN", "United Kingdom"),
    )
    assert ada.notes == (
        "Met at the Bristol acoustics meetup, 2019. Prefers calls after 10:00; never before."
    )
    assert ada.tags == ("work", "sonar")
    assert ada.revised_at == datetime(2024, 1, 31, 9, 15, tzinfo=UTC)


# -- vCard 4.0 -----------------------------------------------------------------------------


def test_a_vcard4_data_photo_is_kept_as_written() -> None:
    mei = fixture("rfc6350-4.0.vcf")[0]
    assert mei.photo.startswith("data:image/png;base64,iVBORw0KGgo")
    assert mei.photo.endswith("ErkJggg==")


def test_preferred_values_come_first_and_the_others_keep_their_order() -> None:
    mei = fixture("rfc6350-4.0.vcf")[0]
    assert mei.emails == (
        Labeled("m.zhao@lab.example", "work"),
        Labeled("meilin@home.example", "home"),
    )
    assert mei.phones == (
        Labeled("+1-555-010-4477", "mobile"),  # TYPE="voice,cell", tel: URI
        Labeled("+1-555-010-2000;ext=31", "work"),
    )
    card = one_card(
        "EMAIL:a@x.org", "EMAIL;PREF=2:b@x.org", "EMAIL;PREF=1:c@x.org", "EMAIL:d@x.org"
    )
    assert [email.value for email in card.emails] == ["c@x.org", "b@x.org", "a@x.org", "d@x.org"]


@pytest.mark.parametrize(
    ("value", "day"),
    [
        ("--0415", PartialDate(month=4, day=15)),
        ("--04-15", PartialDate(month=4, day=15)),
        ("19850412", PartialDate(month=4, day=12, year=1985)),
        ("1985-04-12", PartialDate(month=4, day=12, year=1985)),
        ("1985-04-12T00:00:00Z", PartialDate(month=4, day=12, year=1985)),
        ("2000-02-29", PartialDate(month=2, day=29, year=2000)),
    ],
)
def test_birthdays_in_every_form(value: str, day: PartialDate) -> None:
    assert one_card(f"BDAY:{value}").birthday == day


@pytest.mark.parametrize("value", ["1985", "1985-04", "--04", "---15", "T1030"])
def test_a_birthday_without_a_day_or_month_is_kept_as_an_extra(value: str) -> None:
    card = one_card(f"BDAY:{value}")
    assert card.birthday is None
    assert card.extras == (RawProperty("BDAY", value),)


def test_a_birthday_in_words_is_kept_as_an_extra() -> None:
    elias = fixture("rfc6350-4.0.vcf")[2]
    assert elias.birthday is None
    assert elias.extras == (RawProperty("BDAY", "circa 1800", (("VALUE", ("text",)),)),)


def test_related_people_by_name_and_by_uri() -> None:
    mei = fixture("rfc6350-4.0.vcf")[0]
    assert mei.related == (Labeled("Tomás Zhao", "spouse"),)
    assert (
        RawProperty(
            "RELATED", "urn:uuid:03a0e51f-d1aa-4385-8a53-e29025acd8af", (("TYPE", ("colleague",)),)
        )
        in mei.extras
    )
    assert mei.anniversary == PartialDate(month=6, day=20, year=2015)


def test_vendor_related_names_and_anniversaries() -> None:
    card = one_card("X-EVOLUTION-SPOUSE:Maria", "X-MS-MANAGER:Big Blue", "X-ANNIVERSARY:1990-04-30")
    assert card.related == (Labeled("Maria", "spouse"), Labeled("Big Blue", "manager"))
    assert card.anniversary == PartialDate(month=4, day=30, year=1990)


def test_a_social_profile_with_only_a_user_name() -> None:
    saoirse = fixture("rfc6350-4.0.vcf")[3]
    assert saoirse.urls == (Labeled("https://twitter.com/saoirse_b", "twitter"),)


# -- what is not modelled ------------------------------------------------------------------


def test_unmodelled_properties_are_kept_exactly_as_written() -> None:
    card = one_card(
        "PRODID:-//Some//Tool//EN",
        r"X-EVOLUTION-FILE-AS:Doe\, John",
        'GEO;TYPE=work;X-NOTE="a:b;c":geo:46.77,-71.28',
        "item1.X-ABADR:us",
        "LABEL;WORK;PREF:1 Main St",
    )
    assert card.extras == (
        RawProperty("X-EVOLUTION-FILE-AS", r"Doe\, John"),
        RawProperty("GEO", "geo:46.77,-71.28", (("TYPE", ("work",)), ("X-NOTE", ("a:b;c",)))),
        RawProperty("X-ABADR", "us", group="item1"),
        RawProperty("LABEL", "1 Main St", (("TYPE", ("WORK",)), ("TYPE", ("PREF",)))),
    )


def test_a_second_name_organization_title_or_birthday_is_an_extra() -> None:
    card = one_card(
        "FN:First",
        "FN:Second",
        "ORG:A;B",
        "ORG:C",
        "TITLE:T1",
        "TITLE:T2",
        "BDAY:1990-01-02",
        "BDAY:1991-01-02",
        "UID:u1",
        "UID:u2",
        "NOTE:one",
        "NOTE:two",
    )
    assert (card.full_name, card.organization, card.title, card.identity) == (
        "First",
        "A",
        "T1",
        "u1",
    )
    assert card.birthday == PartialDate(month=1, day=2, year=1990)
    assert card.notes == "one\n\ntwo"  # notes are joined, not dropped
    assert [(extra.name, extra.value) for extra in card.extras] == [
        ("FN", "Second"),
        ("ORG", "C"),
        ("TITLE", "T2"),
        ("BDAY", "1991-01-02"),
        ("UID", "u2"),
    ]


def test_names_and_parameters_are_case_insensitive() -> None:
    card = one_card("fn:ana", "email;type=work:ana@example.com", "Tel;Type=Cell:+1 555 0100")
    assert card.full_name == "ana"
    assert card.emails == (Labeled("ana@example.com", "work"),)
    assert card.phones == (Labeled("+1 555 0100", "mobile"),)


@pytest.mark.parametrize(
    ("value", "moment"),
    [
        ("20120305T131933Z", datetime(2012, 3, 5, 13, 19, 33, tzinfo=UTC)),
        ("2012-03-05T13:32:54Z", datetime(2012, 3, 5, 13, 32, 54, tzinfo=UTC)),
        ("2012-03-05T14:32:54+01:00", datetime(2012, 3, 5, 13, 32, 54, tzinfo=UTC)),
        ("20120305", datetime(2012, 3, 5, tzinfo=UTC)),
    ],
)
def test_a_revision_is_a_utc_time(value: str, moment: datetime) -> None:
    assert one_card(f"REV:{value}").revised_at == moment


def test_an_unreadable_revision_is_kept_as_an_extra() -> None:
    card = one_card("REV:yesterday")
    assert card.revised_at is None
    assert card.extras == (RawProperty("REV", "yesterday"),)


def test_a_card_with_no_name_at_all_is_still_a_card() -> None:
    card = one_card("EMAIL:no-name@example.net")
    assert card.name == ""
    assert card.emails == (Labeled("no-name@example.net"),)


# -- files, and what goes wrong ------------------------------------------------------------


def test_every_card_of_a_file_is_read_with_its_line() -> None:
    cards = fixture("several.vcf")
    assert [(card.line, card.name) for card in cards] == [
        (1, "Smith, John"),
        (9, "Priya Raman"),
        (18, "Marta Kowalczyk"),
        (23, ""),
    ]


def test_a_broken_card_is_a_problem_naming_its_line_and_the_others_are_read() -> None:
    parsed = read_vcard_path(FIXTURES / "broken.vcf")
    assert [card.name for card in parsed.cards] == ["Good Before", "Good After"]
    assert [(issue.line, issue.field) for issue in parsed.problems] == [
        (1, "end"),
        (9, ""),
        (14, "bday"),
        (20, "end"),
    ]
    end_alone, no_colon, bad_day, no_end = (issue.message for issue in parsed.problems)
    assert "without a BEGIN:VCARD" in end_alone
    assert "no colon" in no_colon and "NAME:value" in no_colon
    assert "'1985-13-45'" in bad_day and "YYYY-MM-DD" in bad_day
    assert "no END:VCARD" in no_end
    assert all(issue.file == str(FIXTURES / "broken.vcf") for issue in parsed.problems)


def test_a_card_without_its_end_before_the_next_card_is_a_problem() -> None:
    text = "BEGIN:VCARD\nFN:A\nBEGIN:VCARD\nFN:B\nEND:VCARD\n"
    parsed = read_vcards(text, file="x.vcf")
    assert [card.name for card in parsed.cards] == ["B"]
    [issue] = parsed.problems
    assert (issue.line, issue.field) == (1, "end")
    assert "line 3" in issue.message


def test_an_invalid_date_in_a_folded_card_names_its_line() -> None:
    text = "BEGIN:VCARD\nFN:A\nNOTE:long\n  note\nBDAY:1990-02-30\nEND:VCARD\n"
    [issue] = read_vcards(text, file="x.vcf").problems
    assert (issue.line, issue.field) == (5, "bday")
    assert "day 30 does not exist in month 2" in issue.message


def test_a_property_name_that_is_not_a_name_is_a_problem() -> None:
    text = "BEGIN:VCARD\nFN:A\nbad name:value\nEND:VCARD\n"
    [issue] = read_vcards(text, file="x.vcf").problems
    assert issue.line == 3 and "property name" in issue.message


@pytest.mark.parametrize("text", ["", "hello\n", "BEGIN:VCALENDAR\nEND:VCALENDAR\n", "END:VCARD\n"])
def test_text_without_any_vcard_is_invalid_input(text: str) -> None:
    with pytest.raises(InvalidInput, match="no BEGIN:VCARD") as error:
        read_vcards(text, file="notes.txt")
    assert error.value.file == "notes.txt"


def test_a_vdir_folder_reads_every_vcf_in_name_order() -> None:
    parsed = read_vcard_path(FIXTURES / "vdir")
    assert parsed.problems == []
    assert parsed.file == str(FIXTURES / "vdir")
    assert [card.name for card in parsed.cards] == ["Ines Duarte", "Kwame Mensah", "Lena Vogel"]
    assert [card.identity[:8] for card in parsed.cards] == ["0c1d7e2a", "5b8e3f10", "a9f0c2d3"]


def test_each_problem_in_a_vdir_names_its_own_file(tmp_path: Path) -> None:
    (tmp_path / "a.vcf").write_text("BEGIN:VCARD\nFN:Ana\nEND:VCARD\n")
    (tmp_path / "b.vcf").write_text("BEGIN:VCARD\nFN:Ben\nBDAY:1990-13-01\nEND:VCARD\n")
    (tmp_path / "c.vcf").write_text("not a vcard\n")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "d.vcf").write_text("BEGIN:VCARD\nFN:Deep\nEND:VCARD\n")
    parsed = read_vcard_path(tmp_path)
    assert [card.name for card in parsed.cards] == ["Ana"]
    assert [(Path(issue.file).name, issue.line, issue.field) for issue in parsed.problems] == [
        ("b.vcf", 3, "bday"),
        ("c.vcf", 0, ""),
    ]


def test_a_file_is_decoded_whatever_its_encoding(tmp_path: Path) -> None:
    path = tmp_path / "utf16.vcf"
    path.write_bytes("BEGIN:VCARD\r\nFN:Zoë\r\nEND:VCARD\r\n".encode("utf-16"))
    [card] = read_vcard_path(path).cards
    assert card.full_name == "Zoë"


@pytest.mark.parametrize("name", ["missing.vcf", "empty-folder"])
def test_a_missing_file_or_an_empty_folder_is_invalid_input(tmp_path: Path, name: str) -> None:
    (tmp_path / "empty-folder").mkdir()
    with pytest.raises(InvalidInput):
        read_vcard_path(tmp_path / name)


# -- anything at all -----------------------------------------------------------------------

_VCARD_BITS = st.sampled_from(
    [
        "BEGIN:VCARD",
        "END:VCARD",
        "VERSION:2.1",
        "FN:",
        "N:",
        "ADR;TYPE=home:",
        "EMAIL;PREF:",
        'TEL;TYPE="a,b":',
        "BDAY:",
        "BDAY;X-APPLE-OMIT-YEAR=1604:",
        "item1.",
        "X-ABLabel:",
        "PHOTO;ENCODING=b:",
        "PHOTO;ENCODING=BASE64;",
        "NOTE;ENCODING=QUOTED-PRINTABLE:",
        "CHARSET=",
        "=C3=A9",
        "=",
        "=\r\n",
        "\r\n",
        "\n",
        "\r",
        " ",
        "\t",
        ";",
        ",",
        ":",
        "\\",
        "\\n",
        '"',
        "^",
        ".",
        "REV:",
        "2024-02-30",
        "--0229",
        "1604",
        "X-SOCIALPROFILE;x-user=",
        "RELATED;VALUE=text:",
        "ANNIVERSARY:",
        "PREF=",
        "999999999999999999999",
        "\x00",
        "é",
    ]
)


@settings(max_examples=200)
@given(st.lists(_VCARD_BITS | st.text(max_size=8), max_size=60).map("".join))
def test_arbitrary_text_raises_nothing_but_invalid_input(text: str) -> None:
    try:
        parsed = read_vcards(text, file="fuzz.vcf")
    except InvalidInput:
        return
    for issue in parsed.problems:
        assert issue.file == "fuzz.vcf" and issue.line >= 1


@settings(max_examples=200)
@given(st.lists(_VCARD_BITS | st.text(max_size=8), max_size=40).map("".join))
def test_reading_a_card_at_once_or_line_by_line_gives_the_same_properties(body: str) -> None:
    body = body.replace("\r", "")
    shape = _Shape.of(body)
    at_once = _content_lines(body, shape)
    if at_once is None:
        return  # the card needs the line-by-line reader
    by_line, _, problems = _content_lines_one_by_one((1, body), "x.vcf")
    assert problems == []
    assert at_once == by_line
