from __future__ import annotations

import contextlib
import csv
import io
import zipfile
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kithkin.core.records import Labeled
from kithkin.errors import InvalidInput
from kithkin.formats.contact import ContactCard
from kithkin.formats.csv_rows import clean
from kithkin.formats.linkedin import (
    normalize_profile_url,
    read_connections,
    read_export,
    read_invitations,
    read_messages,
)
from kithkin.formats.text import decode

FIXTURES = Path(__file__).parent.parent / "fixtures" / "linkedin"
CONNECTIONS_HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"


def fixture(name: str) -> str:
    return decode((FIXTURES / name).read_bytes(), file=name)


def by_name(cards: list[ContactCard]) -> dict[str, ContactCard]:
    return {card.name: card for card in cards}


# -- profile URLs ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "https://www.linkedin.com/in/jos%C3%A9-garc%C3%ADa-1a2b3c",
        "https://www.linkedin.com/in/josé-garcía-1a2b3c/",
        "http://linkedin.com/in/JOS%C3%89-Garc%C3%ADa-1a2b3c?trk=people-guest#about",
        "https://es.linkedin.com/in/jose%CC%81-garc%C3%ADa-1a2b3c/details/experience/",
        "www.linkedin.com/in/jos%C3%A9-garc%C3%ADa-1a2b3c",
        "  HTTPS://WWW.LINKEDIN.COM/in/josé-garcía-1a2b3c  ",
    ],
)
def test_every_spelling_of_a_profile_url_gives_the_same_identity(url: str) -> None:
    assert normalize_profile_url(url) == "https://www.linkedin.com/in/josé-garcía-1a2b3c"


@pytest.mark.parametrize(
    "url",
    [
        "",
        "https://www.linkedin.com/company/kestrel-labs",
        "https://www.linkedin.com/in/",
        "https://www.linkedin.com/in/%2F",
        "https://www.linkedin.com.evil.example/in/ana",
        "https://notlinkedin.com/in/ana",
        "ftp://www.linkedin.com/in/ana",
        "https://[www.linkedin.com/in/ana",
        "mailto:ana@example.com",
    ],
)
def test_what_is_not_a_profile_url_is_refused(url: str) -> None:
    with pytest.raises(InvalidInput, match="is not a LinkedIn profile URL"):
        normalize_profile_url(url)


@settings(max_examples=300)
@given(st.text(max_size=60))
def test_normalizing_a_profile_url_twice_changes_nothing(slug: str) -> None:
    try:
        once = normalize_profile_url("https://www.linkedin.com/in/" + slug)
    except InvalidInput:
        return
    assert normalize_profile_url(once) == once


# -- Connections.csv ------------------------------------------------------------------------


def test_todays_connections_are_read_below_linkedins_note() -> None:
    parsed = read_connections(fixture("Connections.csv"), file="Connections.csv")
    ana = parsed.cards[0]
    assert ana == ContactCard(
        line=5,
        identity="https://www.linkedin.com/in/ana-ruiz-7b2a1c",
        given_name="Ana",
        family_name="Ruiz",
        urls=(Labeled("https://www.linkedin.com/in/ana-ruiz-7b2a1c", "linkedin"),),
        organization="Northwind Traders",
        title="Head of Partnerships",
        connected_on=date(2024, 10, 9),
    )
    assert [card.line for card in parsed.cards] == [5, 6, 8, 10, 14]


def test_credentials_after_a_comma_in_the_last_name_become_the_suffix() -> None:
    priya = read_connections(fixture("Connections.csv"), file="Connections.csv").cards[1]
    assert (priya.given_name, priya.family_name, priya.suffix) == ("Priya", "Nair", "MBA, PMP")
    assert priya.organization == "Smith, Jones & Partners, LLP"


def test_names_are_trimmed_and_keep_their_accents_and_emoji() -> None:
    cards = by_name(read_connections(fixture("Connections.csv"), file="Connections.csv").cards)
    assert cards["José García López"].title == "Founder Board Advisor"
    assert cards["José García López"].identity == "https://www.linkedin.com/in/josé-garcía-1a2b3c"
    zoe = cards["Zoë 🌱 Okafor"]
    assert zoe.emails == (Labeled("zoe.okafor@example.org"),)
    assert zoe.identity == "https://www.linkedin.com/in/zoeokafor"


def test_a_connection_without_a_date_has_no_connected_on() -> None:
    kwame = read_connections(fixture("Connections.csv"), file="Connections.csv").cards[-1]
    assert (kwame.name, kwame.connected_on, kwame.organization) == ("Kwame Mensah", None, "")


def test_rows_holding_only_a_date_are_skipped_and_counted() -> None:
    parsed = read_connections(fixture("Connections.csv"), file="Connections.csv")
    assert [(issue.file, issue.line) for issue in parsed.skipped] == [
        ("Connections.csv", 7),
        ("Connections.csv", 13),
    ]
    assert "only a date" in parsed.skipped[0].message


def test_a_bad_date_or_url_is_a_problem_naming_the_column_and_the_row_is_left_out() -> None:
    parsed = read_connections(fixture("Connections.csv"), file="Connections.csv")
    assert [str(problem) for problem in parsed.problems] == [
        "Connections.csv:11: Connected On: '31 Foo 2024' is not a date like '09 Oct 2024'.",
        "Connections.csv:12: URL: 'https://www.linkedin.com/company/kestrel-labs' is not a "
        "LinkedIn profile URL like https://www.linkedin.com/in/ana-ruiz.",
    ]
    assert "Marek Nowak" not in by_name(parsed.cards)


def test_an_older_export_without_note_or_url_has_month_first_dates() -> None:
    parsed = read_connections(fixture("Connections-2018.csv"), file="old.csv")
    assert [(card.line, card.name, card.connected_on) for card in parsed.cards] == [
        (2, "Ana Ruiz", date(2018, 1, 8)),
        (3, "Ivo Petrov", date(2017, 12, 31)),
    ]
    assert parsed.cards[0].identity == ""
    assert parsed.cards[0].urls == ()
    assert parsed.cards[1].organization == "Petrov, Petrov & Sons"
    assert [str(problem) for problem in parsed.problems] == [
        "old.csv:4: Connected On: '2/30/18, 9:00 AM' is not a date like '1/8/18, 6:14 PM'."
    ]


@pytest.mark.parametrize(
    ("written", "day"),
    [
        ("09 Oct 2024", date(2024, 10, 9)),
        ("9 October 2024", date(2024, 10, 9)),
        ("01 Sept 2019", date(2019, 9, 1)),
        ("29 Feb 2024", date(2024, 2, 29)),
        ("2024-10-09", date(2024, 10, 9)),
    ],
)
def test_connection_dates_are_read_with_english_month_names(written: str, day: date) -> None:
    text = f"{CONNECTIONS_HEADER}\nA,B,,,,,{written}"
    assert read_connections(text, file="c.csv").cards[0].connected_on == day


FIELD_TEXT = st.text(st.characters(blacklist_characters="\r\x00"), max_size=20)


@settings(max_examples=100)
@given(
    st.lists(
        st.tuples(FIELD_TEXT.filter(lambda name: name.strip()), FIELD_TEXT, FIELD_TEXT),
        max_size=8,
    )
)
def test_any_names_and_companies_come_back_cleaned_on_the_lines_they_start(
    people: list[tuple[str, str, str]],
) -> None:
    out = io.StringIO(newline="")
    out.write('Notes:\n"a note, with a comma"\n\n')
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CONNECTIONS_HEADER.split(","))
    starts = []
    for given_name, company, position in people:
        starts.append(out.getvalue().count("\n") + 1)
        writer.writerow([given_name, "Doe", "", "", company, position, "09 Oct 2024"])
    parsed = read_connections(out.getvalue(), file="c.csv")
    assert parsed.problems == []
    assert [
        (card.line, card.given_name, card.organization, card.title) for card in parsed.cards
    ] == [
        (line, clean(given_name), clean(company), clean(position))
        for line, (given_name, company, position) in zip(starts, people, strict=True)
    ]


def test_a_file_that_is_not_connections_says_which_columns_were_expected() -> None:
    with pytest.raises(InvalidInput) as error:
        read_connections("Name,E-mail\nAna,ana@example.com\n", file="other.csv")
    assert "First Name, Last Name, URL" in str(error.value)
    assert error.value.file == "other.csv"


# -- messages.csv ---------------------------------------------------------------------------


def test_messages_are_read_as_plain_text_with_their_time_in_utc() -> None:
    parsed = read_messages(fixture("messages.csv"), file="messages.csv")
    first = parsed.messages[0]
    assert first.line == 2
    assert first.conversation_id == "2-YWJjZGVmMTIzNDU2"
    assert first.sent_at == datetime(2024, 10, 9, 14, 3, 12, tzinfo=UTC)
    assert (first.sender_name, first.sender_url) == (
        "Ana Ruiz",
        "https://www.linkedin.com/in/ana-ruiz-7b2a1c",
    )
    assert first.content == (
        "Hi Sam,\nGreat to meet you at the Partnerships Summit & thanks for the intro!\n"
        "Coffee next week?"
    )
    assert (first.folder, first.draft) == ("INBOX", False)
    assert parsed.messages[1].content == "Sure — Tuesday works.\nSee you then!"


def test_a_group_message_lists_each_recipient() -> None:
    group = read_messages(fixture("messages.csv"), file="messages.csv").messages[2]
    assert group.line == 5  # the message above spans two lines
    assert group.recipient_names == ("Priya Nair", "Marek Nowak")
    assert group.recipient_urls == (
        "https://www.linkedin.com/in/priyanair",
        "https://www.linkedin.com/in/mareknowak",
    )
    assert (group.subject, group.folder) == ("Kick-off", "SENT")


def test_a_single_recipients_name_keeps_its_commas() -> None:
    draft = read_messages(fixture("messages.csv"), file="messages.csv").messages[3]
    assert draft.recipient_names == ("Nair, MBA, PMP",)
    assert draft.draft


def test_a_message_without_a_sender_url_is_kept_and_entities_are_decoded() -> None:
    last = read_messages(fixture("messages.csv"), file="messages.csv").messages[-1]
    assert (last.sender_name, last.sender_url) == ("LinkedIn Member", "")
    assert last.content == "Happy holidays <3"


def test_a_message_with_an_unreadable_date_is_a_problem() -> None:
    parsed = read_messages(fixture("messages.csv"), file="messages.csv")
    assert [str(problem) for problem in parsed.problems] == [
        "messages.csv:7: DATE: 'yesterday' is not a time like '2024-10-09 14:03:12 UTC'."
    ]
    assert len(parsed.messages) == 5


def test_recipient_urls_may_be_separated_by_spaces_or_semicolons() -> None:
    text = (
        "CONVERSATION ID,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,CONTENT\n"
        'c1,Sam,,"A, B",https://www.linkedin.com/in/a; https://www.linkedin.com/in/b,'
        "2024-01-02 03:04:05 UTC,<div>hi</div><div>there</div>\n"
    )
    message = read_messages(text, file="m.csv").messages[0]
    assert message.recipient_urls == (
        "https://www.linkedin.com/in/a",
        "https://www.linkedin.com/in/b",
    )
    assert message.recipient_names == ("A", "B")
    assert message.content == "hi\nthere"
    assert (message.subject, message.folder, message.draft) == ("", "", False)


# -- Invitations.csv ------------------------------------------------------------------------


def test_invitations_are_read_in_both_directions() -> None:
    parsed = read_invitations(fixture("Invitations.csv"), file="Invitations.csv")
    incoming, outgoing = parsed.invitations
    assert incoming.line == 2
    assert incoming.incoming
    assert incoming.sent_at == datetime(2024, 10, 9, 14, 3, tzinfo=UTC)
    assert incoming.message == "Lovely chatting at the summit, Sam!"
    assert incoming.sender_url == "https://www.linkedin.com/in/ana-ruiz-7b2a1c"
    assert not outgoing.incoming
    assert outgoing.sent_at == datetime(2025, 1, 15, 0, 5, tzinfo=UTC)
    assert (outgoing.sender_name, outgoing.recipient_name) == ("Sam Carter", "Kwame Mensah")
    assert outgoing.recipient_url == "https://www.linkedin.com/in/kwame-mensah-04b7"


def test_an_invitation_with_an_impossible_date_or_direction_is_a_problem() -> None:
    parsed = read_invitations(fixture("Invitations.csv"), file="Invitations.csv")
    assert [(problem.line, problem.field) for problem in parsed.problems] == [
        (4, "Sent At"),
        (5, "Direction"),
    ]


# -- the export -----------------------------------------------------------------------------


def export_zip(tmp_path: Path, members: dict[str, bytes]) -> Path:
    path = tmp_path / "export.zip"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def test_the_export_zip_is_read_whatever_the_folders_and_case_of_its_files(
    tmp_path: Path,
) -> None:
    path = export_zip(
        tmp_path,
        {
            "Basic_LinkedInDataExport_10-09-2024/connections.CSV": (
                b"\xef\xbb\xbf" + (FIXTURES / "Connections.csv").read_bytes()
            ),
            "Basic_LinkedInDataExport_10-09-2024/messages.csv": (
                FIXTURES / "messages.csv"
            ).read_bytes(),
            "Basic_LinkedInDataExport_10-09-2024/Invitations.csv": (
                FIXTURES / "Invitations.csv"
            ).read_bytes(),
            "Basic_LinkedInDataExport_10-09-2024/Profile.csv": b"First Name\nSam\n",
        },
    )
    export = read_export(path)
    assert export.connections is not None
    assert export.messages is not None
    assert export.invitations is not None
    assert len(export.connections.cards) == 5
    assert len(export.messages.messages) == 5
    assert len(export.invitations.invitations) == 2
    assert export.connections.problems[0].file == (
        f"{path}:Basic_LinkedInDataExport_10-09-2024/connections.CSV"
    )


def test_files_missing_from_the_zip_are_absent(tmp_path: Path) -> None:
    path = export_zip(tmp_path, {"messages.csv": (FIXTURES / "messages.csv").read_bytes()})
    export = read_export(path)
    assert export.connections is None
    assert export.invitations is None
    assert export.messages is not None


def test_a_zip_without_connections_or_messages_says_what_it_looked_for(tmp_path: Path) -> None:
    path = export_zip(tmp_path, {"Invitations.csv": (FIXTURES / "Invitations.csv").read_bytes()})
    with pytest.raises(InvalidInput, match=r"neither Connections\.csv nor messages\.csv"):
        read_export(path)


def test_a_corrupt_zip_is_an_invalid_input(tmp_path: Path) -> None:
    good = export_zip(tmp_path, {"Connections.csv": (FIXTURES / "Connections.csv").read_bytes()})
    data = bytearray(good.read_bytes())
    data[40:60] = b"\0" * 20  # inside the compressed member
    broken = tmp_path / "broken.zip"
    broken.write_bytes(bytes(data))
    truncated = tmp_path / "truncated.zip"
    truncated.write_bytes(good.read_bytes()[:100])
    for path in (broken, truncated):
        with pytest.raises(InvalidInput) as error:
            read_export(path)
        assert error.value.file == str(path)


def test_a_lone_csv_file_is_read_as_what_its_name_says(tmp_path: Path) -> None:
    connections = tmp_path / "Connections.csv"
    connections.write_bytes((FIXTURES / "Connections.csv").read_text().encode("utf-16"))
    messages = tmp_path / "messages.csv"
    messages.write_bytes((FIXTURES / "messages.csv").read_bytes())
    from_connections, from_messages = read_export(connections), read_export(messages)
    assert from_connections.connections is not None
    assert len(from_connections.connections.cards) == 5
    assert from_connections.connections.file == str(connections)
    assert from_connections.messages is None
    assert from_messages.messages is not None
    assert from_messages.connections is None


def test_a_missing_file_is_an_invalid_input(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="cannot read the file"):
        read_export(tmp_path / "nowhere.zip")


# -- anything at all ------------------------------------------------------------------------

HEADERS = [
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n",
    "CONVERSATION ID,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,CONTENT,FOLDER\n",
    "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n",
]
READERS = [read_connections, read_messages, read_invitations]


@settings(max_examples=150)
@given(
    reader=st.sampled_from(READERS),
    header=st.sampled_from(["", *HEADERS]),
    body=st.lists(st.sampled_from([*',"\n\r abc/:12%@<>&;', "Oct", "PM", "in"])).map("".join)
    | st.text(),
)
def test_any_text_gives_records_problems_or_an_invalid_input(
    reader: object, header: str, body: str
) -> None:
    assert callable(reader)
    with contextlib.suppress(InvalidInput):
        reader(header + body, file="any.csv")


@settings(max_examples=100)
@given(header=st.sampled_from(HEADERS), data=st.binary(max_size=300))
def test_any_bytes_through_decode_give_records_problems_or_an_invalid_input(
    header: str, data: bytes
) -> None:
    for reader in READERS:
        with contextlib.suppress(InvalidInput):
            reader(decode(header.encode() + data, file="any.csv"), file="any.csv")


@settings(max_examples=60)
@given(data=st.binary(max_size=400))
def test_any_bytes_as_an_export_zip_give_an_export_or_an_invalid_input(
    tmp_path_factory: pytest.TempPathFactory, data: bytes
) -> None:
    path = tmp_path_factory.mktemp("zip") / "export.zip"
    path.write_bytes(b"PK\x03\x04" + data)
    with contextlib.suppress(InvalidInput):
        read_export(path)
