from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kithkin.core.dates import PartialDate
from kithkin.core.records import Address, Labeled
from kithkin.errors import InvalidInput
from kithkin.formats.contact import ContactCard, ParsedContacts
from kithkin.formats.outlook import read_outlook_csv
from kithkin.formats.text import decode

FIXTURES = Path(__file__).parent.parent / "fixtures" / "outlook"
WEB, DESKTOP = "outlook-com.csv", "outlook-desktop.csv"


def text_of(name: str) -> str:
    return decode((FIXTURES / name).read_bytes(), file=name)


def read(name: str) -> ParsedContacts:
    return read_outlook_csv(text_of(name), file=name)


def test_a_contact_of_outlook_com_is_read_whole() -> None:
    ana = read(WEB).cards[0]
    assert ana == ContactCard(
        line=2,
        given_name="Ana",
        family_name="Ruiz",
        prefix="Dr.",
        emails=(Labeled("ana.ruiz@example.com"), Labeled("ana.r@example.net")),
        phones=(Labeled("+34 600 123 456", "primary"), Labeled("+34 910 000 111", "work")),
        urls=(Labeled("https://ana.example.com"),),
        addresses=(
            Address(
                label="home",
                street="Calle Mayor 5, 2º",
                locality="Madrid",
                postal_code="28013",
                country="Spain",
            ),
            Address(label="work", street="Gran Vía 1, 28013 Madrid"),
        ),
        organization="Northwind Traders",
        department="Sales",
        title="Head of Partnerships",
        birthday=PartialDate(month=4, day=12, year=1985),
        notes='Met at the Partnerships Summit.\nFollow up about the pilot, "soon".',
        tags=("clients", "summit 2024"),
        related=(
            Labeled("Luis Ruiz", "spouse"),
            Labeled("Marta", "child"),
            Labeled("Pablo", "child"),
            Labeled("Olga Ibáñez", "manager"),
        ),
    )


def test_a_contact_of_desktop_outlook_is_read_whole() -> None:
    ivo = read(DESKTOP).cards[0]
    assert ivo == ContactCard(
        line=2,
        given_name="Ivo",
        family_name="Petrov",
        prefix="Mr.",
        suffix="Jr.",
        emails=(Labeled("ivo@petrov.example"),),
        phones=(Labeled("+359 88 123 4567", "mobile"), Labeled("+359 2 987 6543", "home")),
        urls=(Labeled("petrov.example"),),
        addresses=(
            Address(
                label="work",
                street="Ulitsa Vitosha 1",
                locality="Sofia",
                postal_code="1000",
                country="Bulgaria",
            ),
        ),
        organization="Petrov, Petrov & Sons",
        title="Owner",
        birthday=PartialDate(month=3, day=14),  # Outlook's year 1604: no year
        anniversary=PartialDate(month=6, day=30, year=2012),
        notes="Prefers calls.\nNo meetings on Fridays.",
        tags=("suppliers", "golf"),
        related=(Labeled("Dora Ivanova", "assistant"),),
    )


def test_title_is_the_name_prefix_and_job_title_the_job() -> None:
    zoe = read(DESKTOP).cards[1]
    assert (zoe.prefix, zoe.title, zoe.organization) == ("", "Sustainability Lead", "Greenleaf 🌿")


def test_records_start_on_their_physical_lines_after_multi_line_notes() -> None:
    assert [card.line for card in read(WEB).cards] == [2, 5]
    assert [card.line for card in read(DESKTOP).cards] == [2, 4]


@pytest.mark.parametrize(
    ("written", "birthday"),
    [
        ("0/0/00", None),
        ("1/0/00", None),
        ("", None),
        ("4/12/1985", PartialDate(month=4, day=12, year=1985)),
        ("4/12/85", PartialDate(month=4, day=12, year=1985)),
        ("4/12/05", PartialDate(month=4, day=12, year=2005)),
        ("2/29/1604", PartialDate(month=2, day=29)),
        ("1985-04-12", PartialDate(month=4, day=12, year=1985)),
    ],
)
def test_birthdays_are_month_first_and_zero_means_none(
    written: str, birthday: PartialDate | None
) -> None:
    text = f"First Name,Last Name,E-mail Address,Birthday\nAna,Ruiz,,{written}\n"
    assert read_outlook_csv(text, file="o.csv").cards[0].birthday == birthday


def test_an_impossible_birthday_is_a_problem_naming_the_column() -> None:
    parsed = read(WEB)
    assert [str(problem) for problem in parsed.problems] == [
        f"{WEB}:6: Birthday: '2/30/1990': day 30 does not exist in month 2 of 1990."
    ]
    text = "First Name,Last Name,E-mail Address,Anniversary\nAna,Ruiz,,soon\n"
    problem = read_outlook_csv(text, file="o.csv").problems[0]
    assert problem.field == "Anniversary"
    assert problem.message == "'soon' is not a date like '4/12/1985'."


def test_a_row_with_nothing_to_import_is_skipped() -> None:
    assert [(issue.line, issue.field) for issue in read(WEB).skipped] == [(7, "")]


def test_exchange_addresses_are_not_taken_for_e_mails_and_repeats_are_dropped() -> None:
    ivo, ana = read(DESKTOP).cards[0], read(WEB).cards[0]
    assert ivo.emails == (Labeled("ivo@petrov.example"),)
    assert ivo.tags == ("suppliers", "golf")
    assert "+34 600 123 456" not in [phone.value for phone in ana.phones[1:]]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le"])
@pytest.mark.parametrize("name", [WEB, DESKTOP])
def test_the_export_is_read_in_utf_8_or_utf_16_with_or_without_a_bom(
    name: str, encoding: str
) -> None:
    again = decode(text_of(name).encode(encoding), file=name)
    assert read_outlook_csv(again, file=name).cards == read(name).cards


def test_a_google_file_is_not_taken_for_an_outlook_one() -> None:
    with pytest.raises(InvalidInput, match="First Name, Last Name and E-mail Address"):
        read_outlook_csv("First Name,Last Name,Labels\nAna,Ruiz,\n", file="g.csv")


@settings(max_examples=150)
@given(
    header=st.sampled_from(
        ["", '"Title","First Name","Last Name","E-mail Address","Birthday","Categories"\n']
    ),
    body=st.lists(st.sampled_from([*',"\n\r :;/019a', "/o=", "1604"])).map("".join) | st.text(),
)
def test_any_text_gives_contacts_problems_or_an_invalid_input(header: str, body: str) -> None:
    with contextlib.suppress(InvalidInput):
        read_outlook_csv(header + body, file="any.csv")


@settings(max_examples=100)
@given(data=st.binary(max_size=300))
def test_any_bytes_through_decode_give_contacts_problems_or_an_invalid_input(data: bytes) -> None:
    header = "First Name,Last Name,E-mail Address,Birthday\r\n".encode("utf-16")
    with contextlib.suppress(InvalidInput):
        read_outlook_csv(decode(header + data, file="any.csv"), file="any.csv")
