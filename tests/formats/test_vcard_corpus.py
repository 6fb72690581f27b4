"""Real vCards from other projects' test suites (tests/corpora/vcard/ez-vcard): nothing lost.

The expectations below were written by reading each file, not by running the reader.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
import vobject
from hypothesis import given, settings
from hypothesis import strategies as st

from kithkin.errors import InvalidInput
from kithkin.formats import text as texts
from kithkin.formats.contact import ContactCard
from kithkin.formats.vcard import read_vcard_path, read_vcards, write_vcard

CORPUS = Path(__file__).parent.parent / "corpora" / "vcard" / "ez-vcard"
FILES = sorted(path.name for path in CORPUS.glob("*.vcf"))
FIXTURES = Path(__file__).parent.parent / "fixtures" / "vcard"

Pairs = tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Seen:
    """What a card says about a person, in a shape short enough to write out by hand."""

    names: tuple[str, str, str, str, str, str]  # full, given, family, middle, prefix, suffix
    emails: Pairs = ()  # (value, label)
    phones: Pairs = ()
    urls: Pairs = ()
    addresses: tuple[tuple[str, str, str, str, str, str], ...] = ()  # label, street… country
    organization: tuple[str, str] = ("", "")  # organization, department
    title: str = ""
    birthday: str = ""


def seen(card: ContactCard) -> Seen:
    return Seen(
        names=(
            card.full_name,
            card.given_name,
            card.family_name,
            card.middle_name,
            card.prefix,
            card.suffix,
        ),
        emails=tuple((item.value, item.label) for item in card.emails),
        phones=tuple((item.value, item.label) for item in card.phones),
        urls=tuple((item.value, item.label) for item in card.urls),
        addresses=tuple(
            (a.label, a.street, a.locality, a.region, a.postal_code, a.country)
            for a in card.addresses
        ),
        organization=(card.organization, card.department),
        title=card.title,
        birthday=str(card.birthday) if card.birthday else "",
    )


N1, N4, N5, N11 = "Ñ", "Ñ Ñ Ñ Ñ", "Ñ Ñ Ñ Ñ Ñ", " ".join(["Ñ"] * 11)
RICHTER = ("Mr. John Richter James Doe Sr.", "John", "Doe", "Richter James", "Mr.", "Sr.")
IBM_PHONES = (
    ("905-666-1234", "home"),
    ("905-777-1234", "work"),
    ("905-888-1234", "fax"),  # HOME,FAX
    ("905-999-1234", "fax"),  # WORK,FAX
    ("905-111-1234", "pager"),
)
SILICON_ALLEY = (
    "home",
    "Silicon Alley 5,",
    "New York",
    "New York",
    "12345",
    "United States of America",
)
STREET_4 = ("work", "Street4\nBuilding 6\nFloor 8", "New York", "", "12345", "USA")

EXPECTED: dict[str, list[Seen]] = {
    "John_Doe_ANDROID.vcf": [
        Seen(("", "", "", "", "", ""), emails=(("john.doe@company.com", ""),)),
        Seen(("", "", "", "", "", ""), emails=(("jane.doe@company.com", ""),)),
        Seen((N5, "", N4, "", "", ""), phones=(("123456789", "mobile"),)),
        Seen(
            (N11, "", N11, "", "", ""),
            phones=(
                ("123456", "mobile"),
                ("234567", "home"),
                ("3456789", "mobile"),
                ("45678901", "home"),
            ),
        ),
        Seen(
            (N4, "Ñ Ñ Ñ", "Ñ Ñ", "", "", ""),
            emails=(("bob@company.com", "work"), (N1 * 14, "")),
            phones=(("123456", "mobile"), ("123456", "work"), ("123456", "fax")),
            urls=(("www.company.com", ""), ("http://www.company.com", "")),
            organization=(N1 * 12, ""),
        ),
        Seen(
            (N1 * 4, "", N1 * 4, "", "", ""),
            emails=(("henry@company.com", ""),),
            phones=(("55556666", "mobile"),),
            organization=(N1 * 44, ""),
        ),
    ],
    "John_Doe_BLACK_BERRY.vcf": [
        Seen(
            ("John Doe", "john", "Doe", "", "", ""),
            phones=(("+96123456789", "mobile"),),
            organization=("Acme Solutions", ""),
        )
    ],
    "John_Doe_EVOLUTION.vcf": [
        Seen(
            ("Mr. John Richter, James Doe Sr.", "John", "Doe", "Richter, James", "Mr.", "Sr."),
            emails=(("john.doe@ibm.com", "work"),),
            phones=(("905-666-1234", "mobile"), ("905-555-1234", "work")),
            urls=(("http://www.ibm.com", ""),),
            addresses=(
                (
                    "home",
                    "ASB-123\n15 Crescent moon drive",
                    "Albaney",
                    "New York",
                    "12345",
                    "United States of America",
                ),
            ),
            organization=("IBM", "Accounting, Dungeon"),
            title="Money Counter",
            birthday="1980-03-22",
        )
    ],
    "John_Doe_GMAIL.vcf": [
        Seen(
            ("Mr. John Richter, James Doe Sr.", "John", "Doe", "Richter, James", "Mr.", "Sr."),
            emails=(("john.doe@ibm.com", "home"),),
            phones=(("905-555-1234", "mobile"), ("905-666-1234", "home")),
            urls=(("http://www.ibm.com", "work"),),
            addresses=(
                (
                    "home",
                    "Crescent moon drive\n555-asd\nNice Area, Albaney, New York 12345\n"
                    "United States of America",
                    "",
                    "",
                    "",
                    "",
                ),
            ),
            organization=("IBM", ""),
            title="Money Counter",
            birthday="1980-03-22",
        )
    ],
    "John_Doe_IPHONE.vcf": [
        Seen(
            RICHTER,
            emails=(("john.doe@ibm.com", ""),),
            phones=(
                ("905-555-1234", "mobile"),
                *IBM_PHONES,
                ("905-222-1234", "assistantphone"),
            ),
            urls=(("http://www.ibm.com", "homepage"),),
            addresses=(SILICON_ALLEY, STREET_4),
            organization=("IBM", "Accounting"),
            title="Money Counter",
            birthday="2012-06-06",
        )
    ],
    "John_Doe_LOTUS_NOTES.vcf": [
        Seen(
            ("Mr. Doe John I Johny", "John", "Doe", "Johny", "Mr.", "I"),
            emails=(("john.doe@ibm.com", "work"), ("billy_bob@gmail.com", "work")),
            phones=(("+1 (212) 204-34456", "mobile"), ("00-1-212-555-7777", "fax")),
            urls=(("http://www.sun.com", "homepage"),),
            addresses=(
                (
                    "home",
                    "25334\nSouth cresent drive, Building 5, 3rd floo r",
                    "New York",
                    "New York",
                    "NYC887",
                    "U.S.A.",
                ),
            ),
            organization=("IBM", "SUN"),
            title="Generic Accountant",
            birthday="1980-05-21",
        )
    ],
    "John_Doe_MAC_ADDRESS_BOOK.vcf": [
        Seen(
            ("Mr. John Richter,James Doe Sr.", "John", "Doe", "Richter,James", "Mr.", "Sr."),
            emails=(("john.doe@ibm.com", "work"),),
            phones=(
                ("905-777-1234", "work"),
                ("905-666-1234", "home"),
                ("905-555-1234", "mobile"),
                *IBM_PHONES[2:],
                ("905-222-1234", "AssistantPhone"),
            ),
            urls=(("http://www.ibm.com", "homepage"),),
            addresses=(SILICON_ALLEY, STREET_4),
            organization=("IBM", "Accounting"),
            title="Money Counter",
            birthday="2012-06-06",
        )
    ],
    "John_Doe_MS_OUTLOOK.vcf": [
        Seen(
            RICHTER,
            emails=(("john.doe@ibm.cm", ""),),
            phones=(("(905) 555-1234", "work"), ("(905) 666-1234", "home")),
            urls=(("http://www.ibm.com", "work"),),
            addresses=(
                (
                    "work",
                    "Cresent moon drive",
                    "Albaney",
                    "New York",
                    "12345",
                    "United States of America",
                ),
                SILICON_ALLEY,
            ),
            organization=("IBM", "Accounting"),
            title="Money Counter",
            birthday="1980-03-22",
        )
    ],
    "fullcontact.vcf": [
        Seen(
            (
                "Prefix FirstName MiddleName LastName Suffix",
                "FirstName",
                "LastName",
                "MiddleName",
                "Prefix",
                "Suffix",
            ),
            emails=(
                ("home@example.com", "home"),
                ("work@example.com", "work"),
                ("school@example.com", "school"),
                ("other@example.com", "other"),
                ("custom@example.com", "customtype"),
            ),
            phones=(
                ("555-555-1111", "home"),
                ("555-555-1112", "work"),
                ("555-555-1113", "mobile"),
                ("555-555-1114", "mobile"),
                ("555-555-1115", ""),
                ("555-555-1116", "fax"),
                ("555-555-1117", "fax"),
                ("555-555-1118", ""),
                ("555-555-1119", ""),
            ),
            urls=tuple(
                (f"http://www.{site}.com", "") for site in ("homepage", "blog", "other", "custom")
            ),
            addresses=tuple(
                (
                    kind.lower() if kind != "Custom" else "customtype",
                    f"{kind}Extended\n{kind}Street",
                    f"{kind}City",
                    f"{kind}State",
                    f"{kind}Postal",
                    f"{kind}Country",
                )
                for kind in ("Home", "Work", "Other", "Custom")
            ),
            organization=("Organization1", "Department1"),
            title="Title1",
            birthday="2016-08-01",
        )
    ],
    "gmail-list.vcf": [
        Seen(("Arnold Smith", "Arnold", "Smith", "", "", ""), emails=(("asmithk@gmail.com", ""),)),
        Seen(
            ("Chris Beatle", "Chris", "Beatle", "", "", ""), emails=(("chrisy55d@yahoo.com", ""),)
        ),
        Seen(("Doug White", "Doug", "White", "", "", ""), emails=(("dwhite@gmail.com", ""),)),
    ],
    "gmail-single.vcf": [
        Seen(
            ("Greg Dartmouth", "Greg", "Dartmouth", "", "", ""),
            emails=(("gdartmouth@hotmail.com", ""),),
            phones=(("555 555 1111", "mobile"), ("555 555 2222", "GRAND_CENTRAL")),
            urls=(("http://TheProfile.com", "PROFILE"),),
            addresses=(
                ("home", "123 Home St\nHome City, HM 12345", "", "", "", ""),
                ("CustomAdrType", "321 Custom St", "Custom City", "TX", "98765", "USA"),
            ),
            organization=("TheCompany", ""),
            title="TheJobTitle",
            birthday="1960-09-10",
        )
    ],
    "gmail-single2.vcf": [
        Seen(
            ("VCard Test", "VCard", "Test", "", "", ""),
            emails=(
                ("email@example.com", ""),
                ("homeemail@example.com", "home"),
                ("workemail@example.com", "work"),
                ("otheremail@example.com", ""),
                ("customcategory@example.com", "CustomEmailCategory"),
            ),
            phones=(
                ("5555551111", ""),
                ("5555551112", "home"),
                ("5555551113", "work"),
                ("5555551114", ""),
                ("5555551115", "mobile"),
                ("5555551116", "main"),
                ("5555551117", "fax"),
                ("5555551118", "fax"),
                ("5555551119", "GRAND_CENTRAL"),
                ("5555551120", "pager"),
                ("5555551121", "CustomePhoneCategory"),
            ),
            urls=(
                ("http://www.example1.com", ""),
                ("http://www.example2.com", "PROFILE"),
                ("http://www.example3.com", "BLOG"),
                ("http://www.example4.com", "homepage"),
                ("http://www.example5.com", "work"),
                ("http://www.example6.com", "CustomWebsiteCategory"),
            ),
            addresses=(
                ("", "111 Main St", "NY", "New York", "10011", ""),
                ("home", "112 Main St", "NY", "New York", "10011", ""),
                ("work", "113 Main St", "NY", "New York", "10011", ""),
                ("", "114 Main St", "NY", "New York", "10011", ""),
                ("CustomAddressCategory", "115 Main St", "NY", "New York", "10011", ""),
            ),
            organization=("TheCompany", ""),
            title="TheJobTitle",
            birthday="1912-06-23",
        )
    ],
    "outlook-2003.vcf": [
        Seen(
            ("John Doe III", "John", "Doe", "", "Mr.", "III"),
            emails=(("jdoe@hotmail.com", ""),),
            phones=(
                ("BusinessPhone", "work"),
                ("HomePhone", "home"),
                ("MobilePhone", "mobile"),
                ("BusinessFaxPhone", "fax"),
            ),
            urls=(("http://web-page-address.com", "work"),),
            addresses=(
                (
                    "work",
                    "TheOffice\n123 Main St",
                    "Austin",
                    "TX",
                    "12345",
                    "United States of America",
                ),
            ),
            organization=("Company, The", "TheDepartment"),
            title="The Job Title",
            birthday="1980-03-21",
        )
    ],
    "outlook-2007.vcf": [
        Seen(
            ("Mr. Michael Angstadt Jr.", "Michael", "Angstadt", "", "Mr.", "Jr."),
            emails=(("mike.angstadt@gmail.com", ""),),
            phones=(
                ("(111) 555-1111", "work"),
                ("(111) 555-2222", "home"),
                ("(111) 555-4444", "mobile"),
                ("(111) 555-3333", "fax"),
            ),
            urls=(("http://mikeangstadt.name", "home"), ("http://mikeangstadt.name", "work")),
            addresses=(("work", "TheOffice\n222 Broadway", "New York", "NY", "99999", "USA"),),
            organization=("TheCompany", "TheDepartment"),
            title="TheJobTitle",
            birthday="1922-03-10",
        )
    ],
    "rfc2426-example.vcf": [
        Seen(
            ("Frank Dawson", "", "", "", "", ""),
            emails=(("Frank_Dawson@Lotus.com", ""), ("fdawson@earthlink.net", "")),
            phones=(("+1-919-676-9515", "work"), ("+1-919-676-9564", "fax")),
            urls=(("http://home.earthlink.net/~fdawson", ""),),
            addresses=(("work", "6544 Battleford Drive", "Raleigh", "NC", "27613-3502", "U.S.A."),),
            organization=("Lotus Development Corporation", ""),
        ),
        Seen(
            ("Tim Howes", "", "", "", "", ""),
            emails=(("howes@netscape.com", ""),),
            phones=(("+1-415-937-3419", "work"), ("+1-415-528-4164", "fax")),
            addresses=(
                ("work", "501 E. Middlefield Rd.", "Mountain View", "CA", "94043", "U.S.A."),
            ),
            organization=("Netscape Communications Corp.", ""),
        ),
    ],
    "rfc6350-example.vcf": [
        Seen(
            ("Simon Perreault", "Simon", "Perreault", "", "", "ing. jr, M.Sc."),
            emails=(("simon.perreault@viagenie.ca", "work"),),
            phones=(("+1-418-656-9254;ext=102", "work"), ("+1-418-262-6501", "mobile")),
            urls=(("http://nomis80.org", "home"),),
            addresses=(
                ("work", "Suite D2-630\n2875 Laurier", "Quebec", "QC", "G1V 2M2", "Canada"),
            ),
            organization=("Viagenie", ""),
            birthday="--02-03",
        )
    ],
    "thunderbird-MoreFunctionsForAddressBook-extension.vcf": [
        Seen(
            ("John Doe", "John", "Doe", "", "", ""),
            emails=(
                ("doe.john@hotmail.com", ""),
                ("additional-email@company.com", ""),
                ("additional-email1@company.com", ""),
                ("additional-email2@company.com", ""),
                ("additional-email3@company.com", ""),
            ),
            phones=(
                ("555-555-1111", "work"),
                ("555-555-2222", "home"),
                ("555-555-5555", "mobile"),
                ("555-555-3333", "fax"),
                ("555-555-4444", "pager"),
            ),
            urls=(
                ("http://www.private-webpage.com", "home"),
                ("http://www.work-webpage.com", "work"),
            ),
            addresses=(
                ("work", "222 Broadway\nSuite 100", "New York", "NY", "98765", "USA"),
                ("home", "123 Main St\nApt 10", "Austin", "TX", "12345", "USA"),
            ),
            organization=("TheOrganization", "TheDepartment"),
            title="TheTitle",
            birthday="1970-09-21",
        )
    ],
}


def read(name: str) -> list[ContactCard]:
    parsed = read_vcard_path(CORPUS / name)
    assert parsed.problems == []
    return parsed.cards


def test_every_corpus_file_has_its_expectations() -> None:
    assert sorted(EXPECTED) == FILES


@pytest.mark.parametrize("name", FILES)
def test_names_emails_phones_addresses_organizations_titles_birthdays_and_urls_are_kept(
    name: str,
) -> None:
    assert [seen(card) for card in read(name)] == EXPECTED[name]


_COUNTED = re.compile(
    r"^(?:[A-Za-z0-9-]+\.)?(EMAIL|TEL|URL|ADR|X-SOCIALPROFILE)[;:]", re.IGNORECASE | re.MULTILINE
)


@pytest.mark.parametrize("name", FILES)
def test_every_email_phone_url_and_address_of_the_file_was_read(name: str) -> None:
    text = texts.decode((CORPUS / name).read_bytes(), file=name)
    written = len(_COUNTED.findall(text))
    cards = read(name)
    assert written == sum(
        len(card.emails) + len(card.phones) + len(card.urls) + len(card.addresses) for card in cards
    )


@pytest.mark.parametrize("version", ["3.0", "4.0"])
@pytest.mark.parametrize("name", FILES)
def test_writing_then_reading_gives_back_every_field_and_extra(name: str, version: str) -> None:
    for card in read(name):
        text = write_vcard(card, version=version)
        parsed = read_vcards(text, file="again.vcf")
        assert parsed.problems == []
        [again] = parsed.cards
        assert dataclasses.replace(again, line=card.line) == card
        assert write_vcard(again, version=version) == text


def test_what_the_model_cannot_hold_is_kept_as_extras() -> None:
    [full] = read("fullcontact.vcf")
    kept = {(extra.name, extra.value) for extra in full.extras}
    assert ("ORG", "Organization2;Department2") in kept
    assert ("TITLE", "Title2") in kept
    assert ("GENDER", "M") in kept
    assert ("IMPP", "skype:skype") in kept
    assert ("BDAY", "2016-08-01") in kept  # the VALUE=text alternative of the birthday
    photos = [extra.value for extra in full.extras if extra.name == "PHOTO"]
    assert full.photo.startswith("https://d3m0kzytmr41b1.cloudfront.net/")
    assert len(photos) == 2
    android = read("John_Doe_ANDROID.vcf")
    assert [extra.value for extra in android[5].extras] == [N1 * 44 + "€", N1 * 44]
    [lotus] = read("John_Doe_LOTUS_NOTES.vcf")
    assert ("ROLE", "Counting Money") in {(extra.name, extra.value) for extra in lotus.extras}
    assert ("TZ", "1:00") in {(extra.name, extra.value) for extra in lotus.extras}


def test_the_people_related_to_a_contact_are_read() -> None:
    [gmail] = read("gmail-single2.vcf")
    assert [(person.value, person.label) for person in gmail.related][:4] == [
        ("Name1", ""),
        ("Name2", "spouse"),
        ("Name3", "child"),
        ("Name4", "mother"),
    ]
    [evolution] = read("John_Doe_EVOLUTION.vcf")
    assert [(person.value, person.label) for person in evolution.related] == [
        ("Maria", "spouse"),
        ("Big Blue", "manager"),
        ("Little Red", "assistant"),
    ]


# -- where vobject loses what we keep ------------------------------------------------------


def test_vobject_cuts_an_unescaped_comma_out_of_a_name_and_we_do_not() -> None:
    text = (CORPUS / "John_Doe_GMAIL.vcf").read_text()
    [theirs] = vobject.readComponents(text)
    assert theirs.fn.value == "Mr. John Richter"
    [ours] = read("John_Doe_GMAIL.vcf")
    assert ours.full_name == "Mr. John Richter, James Doe Sr."


def test_vobject_cuts_a_vcard4_data_photo_and_we_do_not() -> None:
    text = (FIXTURES / "rfc6350-4.0.vcf").read_text()
    theirs = next(iter(vobject.readComponents(text)))
    assert theirs.photo.value == "data:image/png;base64"
    ours = read_vcard_path(FIXTURES / "rfc6350-4.0.vcf").cards[0]
    assert ours.photo.startswith("data:image/png;base64,iVBORw0KGgo")


@pytest.mark.parametrize(
    "name",
    [
        "John_Doe_ANDROID.vcf",  # quoted-printable soft line breaks
        "John_Doe_IPHONE.vcf",  # lines ending in CR CR LF
        "John_Doe_MS_OUTLOOK.vcf",
        "outlook-2003.vcf",
        "outlook-2007.vcf",
    ],
)
def test_files_vobject_cannot_read_at_all_are_read_whole(name: str) -> None:
    text = (CORPUS / name).read_bytes().decode("utf-8", errors="replace")
    with pytest.raises(vobject.base.ParseError):
        list(vobject.readComponents(text))
    assert [seen(card) for card in read(name)] == EXPECTED[name]


# -- damaged files -------------------------------------------------------------------------

_CORPUS_TEXTS = [
    texts.decode((CORPUS / name).read_bytes(), file=name)
    for name in FILES
    if (CORPUS / name).stat().st_size < 15_000  # the big ones are mostly photo
]


@settings(max_examples=150)
@given(
    st.sampled_from(_CORPUS_TEXTS),
    st.lists(
        st.tuples(
            st.floats(0, 1),
            st.integers(0, 40),
            st.sampled_from(["", "\n", "\r\n", " ", ":", ";", "=", "\\", '"', "BEGIN:VCARD\n"]),
        ),
        max_size=6,
    ),
)
def test_damaged_corpus_files_raise_nothing_but_invalid_input(
    text: str, cuts: list[tuple[float, int, str]]
) -> None:
    for where, length, insert in cuts:
        start = int(where * len(text))
        text = text[:start] + insert + text[start + length :]
    try:
        parsed = read_vcards(text, file="damaged.vcf")
    except InvalidInput:
        return
    for card in parsed.cards:
        for version in ("3.0", "4.0"):
            again = read_vcards(write_vcard(card, version=version), file="again.vcf")
            assert dataclasses.replace(again.cards[0], line=card.line) == card
