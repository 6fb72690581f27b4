from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kithkin.core.dates import PartialDate
from kithkin.core.records import Address, Labeled
from kithkin.errors import InvalidInput
from kithkin.formats.contact import ContactCard
from kithkin.formats.google import read_google_csv
from kithkin.formats.text import decode

FIXTURES = Path(__file__).parent.parent / "fixtures" / "google"
OLD, NEW = "contacts-2019.csv", "contacts.csv"


def read(name: str) -> list[ContactCard]:
    return read_google_csv(decode((FIXTURES / name).read_bytes(), file=name), file=name).cards


def test_a_contact_of_the_old_header_is_read_whole() -> None:
    ana = read(OLD)[0]
    assert ana == ContactCard(
        line=2,
        full_name="Ana Ruiz",
        given_name="Ana",
        family_name="Ruiz",
        emails=(
            Labeled("ana.ruiz@example.com", "work"),
            Labeled("ana@northwind.example", "work"),
            Labeled("ana.r@example.net", "home"),
        ),
        phones=(
            Labeled("+34 600 123 456", "mobile"),
            Labeled("+34 910 000 111", "work"),
            Labeled("+34 910 000 112", "work"),
        ),
        urls=(Labeled("https://www.linkedin.com/in/ana-ruiz-7b2a1c", "profile"),),
        addresses=(
            Address(
                label="home",
                street="Calle Mayor 5, 2º",
                locality="Madrid",
                postal_code="28013",
                country="Spain",
            ),
        ),
        organization="Northwind Traders",
        department="Sales",
        title="Head of Partnerships",
        birthday=PartialDate(month=4, day=12, year=1985),
        anniversary=PartialDate(month=6, day=30, year=2012),
        notes='Met at the Partnerships Summit.\nLoves climbing, "bouldering" mostly.',
        tags=("starred", "friends", "climbing club"),
        related=(Labeled("Luis Ruiz", "spouse"),),
    )


def test_a_contact_of_the_new_header_is_read_whole() -> None:
    priya = read(NEW)[0]
    assert priya == ContactCard(
        line=2,
        given_name="Priya",
        family_name="Nair",
        suffix="MBA",
        emails=(Labeled("priya@example.com", "work"),),
        phones=(Labeled("+44 7700 900123", "mobile"),),
        urls=(Labeled("https://priya.example.blog", "blog"),),
        organization="Smith, Jones & Partners, LLP",
        title="Principal Consultant",
        birthday=PartialDate(month=3, day=14),
        notes='Prefers e-mail.\n\nAsk about the "Kestrel" project, next quarter.',
        tags=("starred", "work"),
    )


def test_a_record_after_a_multi_line_note_starts_on_its_own_line() -> None:
    assert [card.line for card in read(NEW)] == [2, 6]
    assert [card.line for card in read(OLD)] == [2, 6, 8]


def test_year_less_birthdays_and_anniversaries_are_kept_without_a_year() -> None:
    kwame, zoe = read(OLD)[1], read(NEW)[1]
    assert kwame.birthday == PartialDate(month=12, day=25)
    assert zoe.anniversary == PartialDate(month=5, day=1)


def test_every_value_of_a_cell_gets_its_groups_label() -> None:
    zoe = read(NEW)[1]
    assert zoe.phones == (Labeled("020 7946 0000", "home"), Labeled("020 7946 0001", "home"))
    assert zoe.related == (Labeled("Ada", "child"),)
    assert zoe.middle_name == "Adaeze"


def test_my_contacts_is_dropped_starred_is_kept_and_system_stars_are_removed() -> None:
    assert read(OLD)[1].tags == ("family",)
    assert read(NEW)[1].tags == ("book club", "work")


def test_a_street_on_two_lines_is_joined_and_a_formatted_address_alone_is_the_street() -> None:
    zoe, ivo = read(NEW)[1], read(OLD)[2]
    assert zoe.addresses[0].street == "Flat 2, 12 Acacia Avenue"
    assert ivo.addresses == (Address(label="work", street="Ulitsa Vitosha 1, Sofia 1000"),)
    assert (ivo.prefix, ivo.suffix, ivo.name) == ("Dr.", "PhD", "Dr. Ivo Petrov PhD")


def test_a_bad_birthday_is_a_problem_and_an_empty_contact_is_skipped() -> None:
    text = decode((FIXTURES / OLD).read_bytes(), file=OLD)
    parsed = read_google_csv(text, file=OLD)
    assert [str(problem) for problem in parsed.problems] == [
        f"{OLD}:7: Birthday: '12/25' is not a date; expected YYYY-MM-DD, or --MM-DD when the "
        "year is unknown."
    ]
    assert [(issue.line, issue.message) for issue in parsed.skipped] == [
        (10, "the contact has no name, e-mail, phone or company.")
    ]


def test_any_number_of_groups_is_read_and_unknown_columns_are_ignored() -> None:
    header = ["First Name", "Last Name", "Labels", "Mood"]
    row = ["Lee", "Wong", "", "sunny"]
    for number in (1, 2, 3, 11):
        header += [f"E-mail {number} - Label", f"E-mail {number} - Value"]
        row += ["", f"lee{number}@example.com"]
    card = read_google_csv(",".join(header) + "\n" + ",".join(row) + "\n", file="g.csv").cards[0]
    assert [email.value for email in card.emails] == [
        f"lee{number}@example.com" for number in (1, 2, 3, 11)
    ]


def test_an_outlook_file_is_not_taken_for_a_google_one() -> None:
    with pytest.raises(InvalidInput, match="Given Name and Family Name"):
        read_google_csv("First Name,Last Name,E-mail Address\nAna,Ruiz,a@x.org\n", file="o.csv")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16"])
def test_the_export_is_read_in_any_unicode_encoding(encoding: str) -> None:
    text = decode((FIXTURES / NEW).read_bytes(), file=NEW)
    again = decode(text.encode(encoding), file=NEW)
    assert read_google_csv(again, file=NEW).cards == read(NEW)


@settings(max_examples=150)
@given(
    header=st.sampled_from(
        ["", "Name,Given Name,Family Name,Birthday,E-mail 1 - Type,E-mail 1 - Value\n"]
    ),
    body=st.lists(st.sampled_from([*',"\n :-*19a', " ::: ", "* myContacts"])).map("".join)
    | st.text(),
)
def test_any_text_gives_contacts_problems_or_an_invalid_input(header: str, body: str) -> None:
    with contextlib.suppress(InvalidInput):
        read_google_csv(header + body, file="any.csv")


@settings(max_examples=100)
@given(data=st.binary(max_size=300))
def test_any_bytes_through_decode_give_contacts_problems_or_an_invalid_input(data: bytes) -> None:
    header = b"Given Name,Family Name,Birthday,Address 1 - Street,Address 1 - City\n"
    with contextlib.suppress(InvalidInput):
        read_google_csv(decode(header + data, file="any.csv"), file="any.csv")
