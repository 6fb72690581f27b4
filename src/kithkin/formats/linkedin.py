"""LinkedIn's data export: ``Connections.csv``, ``messages.csv`` and ``Invitations.csv``.

LinkedIn hands out a zip of CSV files whose details change between exports: a note above the
header of ``Connections.csv`` since 2023 (and a profile URL column), dates written
``09 Oct 2024`` where older files wrote ``1/8/18, 6:14 PM``, extra columns in
``messages.csv``. Columns are looked up by name, dates are read with a fixed English month
table (never the locale), and a profile URL is reduced to one key per person
(:func:`normalize_profile_url`) so that the same person matches across exports.
"""

from __future__ import annotations

import functools
import html
import lzma
import re
import unicodedata
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from kithkin.core.imports import ImportIssue
from kithkin.core.records import Labeled
from kithkin.errors import InvalidInput
from kithkin.formats.contact import ContactCard, ParsedContacts
from kithkin.formats.csv_rows import CsvTable, Row, clean, clean_lines, make_date, parse_us_date
from kithkin.formats.text import decode

# -- profile URLs ---------------------------------------------------------------------------

_LINKEDIN_HOST = re.compile(r"(?:[a-z0-9-]+\.)?linkedin\.com")
_NOT_IN_SLUG = re.compile(r"[\s/?#]")
# What nearly every export holds: read without the cost of a full URL parser.
_PLAIN_PROFILE_URL = re.compile(
    r"https://(?:www\.)?linkedin\.com/in/([A-Za-z0-9_.~%-]+)/?", re.IGNORECASE | re.ASCII
)


def normalize_profile_url(url: str) -> str:
    """The one form of a member's profile URL: ``https://www.linkedin.com/in/<slug>``.

    The slug is percent-decoded and lower-cased; the scheme, a country host (``de.``), a
    trailing slash, further path segments, the query and the fragment are dropped.
    """
    value = url.strip()
    plain = _PLAIN_PROFILE_URL.fullmatch(value)
    slug = plain[1] if plain else _slug(value)
    if "%" in slug or not slug.isascii():
        slug = unicodedata.normalize("NFC", unquote(slug))
    slug = slug.lower()
    if not slug or not slug.isprintable() or _NOT_IN_SLUG.search(slug):
        raise InvalidInput(
            f"{url.strip()!r} is not a LinkedIn profile URL like "
            "https://www.linkedin.com/in/ana-ruiz.",
            field="url",
        )
    return f"https://www.linkedin.com/in/{slug}"


def _slug(url: str) -> str:
    """The path segment after ``/in/`` of a URL on a LinkedIn host, still encoded; or ""."""
    try:
        parts = urlsplit(url if "://" in url else "https://" + url)
        host = parts.hostname or ""
    except ValueError:  # e.g. an unbalanced "[" read as an IPv6 address
        return ""
    segments = [segment for segment in parts.path.split("/") if segment]
    if (
        parts.scheme.lower() in ("http", "https")
        and _LINKEDIN_HOST.fullmatch(host)
        and len(segments) >= 2
        and segments[0].lower() == "in"
    ):
        return segments[1]
    return ""


def _profile_url(value: str, *, column: str) -> str:
    """The normalized profile URL in a cell, "" for an empty cell; errors name the column."""
    if not value.strip():
        return ""
    try:
        return normalize_profile_url(value)
    except InvalidInput as error:
        raise InvalidInput(error.message, field=column) from None


# -- dates ----------------------------------------------------------------------------------

_MONTH_NAMES = (
    ("jan", "january"),
    ("feb", "february"),
    ("mar", "march"),
    ("apr", "april"),
    ("may",),
    ("jun", "june"),
    ("jul", "july"),
    ("aug", "august"),
    ("sep", "sept", "september"),
    ("oct", "october"),
    ("nov", "november"),
    ("dec", "december"),
)
_MONTHS = {name: number for number, names in enumerate(_MONTH_NAMES, 1) for name in names}
_DAY_MONTH_YEAR = re.compile(r"([0-9]{1,2})[ -]([A-Za-z]{3,9})\.?[ -]([0-9]{4})")
_ISO_DAY = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")


@functools.lru_cache(maxsize=4096)  # an export holds a few thousand distinct days at most
def _day(text: str) -> date | None:
    """``09 Oct 2024``, ``1/8/18, 6:14 PM`` (M/D/YY) or ``2024-10-09``; None if not a date."""
    value = text.strip()
    spelled = _DAY_MONTH_YEAR.fullmatch(value)
    if spelled:
        month = _MONTHS.get(spelled[2].lower())
        return make_date(int(spelled[3]), month, int(spelled[1])) if month else None
    iso = _ISO_DAY.fullmatch(value)
    if iso:
        return make_date(int(iso[1]), int(iso[2]), int(iso[3]))
    numeric = parse_us_date(value)
    if numeric is None:
        return None
    year, month, day, _ = numeric
    return make_date(year + 2000 if year < 100 else year, month, day)  # LinkedIn began in 2003


def _timestamp(text: str) -> datetime | None:
    """``2024-10-09 14:03:12 UTC`` or ``10/9/24, 2:03 PM`` as an aware UTC time; None if neither.

    A time without a zone is UTC: that is what LinkedIn's exports hold.
    """
    value = text.strip()
    numeric = parse_us_date(value)
    if numeric is not None:
        year, month, day_of_month, clock = numeric
        day = make_date(year + 2000 if year < 100 else year, month, day_of_month)
        if day is None:
            return None
        return datetime.combine(day, clock or time(), tzinfo=UTC)
    if value[-4:].upper() == " UTC":
        value = value[:-4]
    if not value[:4].isascii() or not value[:4].isdigit():
        return None
    try:
        parsed = datetime.fromisoformat(value)
        return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)
    except (ValueError, OverflowError):
        return None


# -- Connections.csv ------------------------------------------------------------------------

_FIRST_NAME, _LAST_NAME, _URL, _EMAIL = "First Name", "Last Name", "URL", "Email Address"
_COMPANY, _POSITION, _CONNECTED_ON = "Company", "Position", "Connected On"


def read_connections(text: str, *, file: str) -> ParsedContacts:
    """The connections in ``Connections.csv``, of today's export or an older one.

    Rows holding nothing but a date (members who hide their details) are ``skipped``.
    """
    table = CsvTable(
        text,
        file=file,
        headers=[(_FIRST_NAME, _LAST_NAME, _CONNECTED_ON)],
        known=(_URL, _EMAIL, _COMPANY, _POSITION),
        expected="the columns First Name, Last Name, URL, Email Address, Company, Position "
        "and Connected On of LinkedIn's Connections.csv",
    )
    example = "09 Oct 2024" if table.has(_URL) else "1/8/18, 6:14 PM"
    parsed = ParsedContacts(file)
    for line, row in table.rows(parsed.problems):
        if not any(value.strip() for column, value in row.items() if column != _CONNECTED_ON):
            parsed.skipped.append(
                ImportIssue(
                    file,
                    line,
                    "",
                    "the row holds only a date: LinkedIn leaves out "
                    "the details of members who do not share them.",
                )
            )
            continue
        try:
            parsed.cards.append(_connection(line, row, example))
        except InvalidInput as error:
            parsed.problems.append(ImportIssue(file, line, error.field or "", error.message))
    return parsed


def _connection(line: int, row: Row, example: str) -> ContactCard:
    written_on = row.get(_CONNECTED_ON, "").strip()
    connected_on = _day(written_on) if written_on else None
    if written_on and connected_on is None:
        raise InvalidInput(f"{written_on!r} is not a date like {example!r}.", field=_CONNECTED_ON)
    identity = _profile_url(row.get(_URL, ""), column=_URL)
    family, _, credentials = clean(row.get(_LAST_NAME, "")).partition(",")
    email = clean(row.get(_EMAIL, ""))
    return ContactCard(
        line=line,
        identity=identity,
        given_name=clean(row.get(_FIRST_NAME, "")),
        family_name=family.strip(),
        suffix=credentials.strip(),
        emails=(Labeled(email),) if email else (),
        urls=(Labeled(identity, "linkedin"),) if identity else (),
        organization=clean(row.get(_COMPANY, "")),
        title=clean(row.get(_POSITION, "")),
        connected_on=connected_on,
    )


# -- messages.csv ---------------------------------------------------------------------------


@dataclass(frozen=True)
class LinkedInMessage:
    line: int
    conversation_id: str
    sent_at: datetime  # aware, UTC
    sender_name: str
    sender_url: str  # normalized profile URL, or "" when the export has none
    recipient_names: tuple[str, ...]
    recipient_urls: tuple[str, ...]  # normalized profile URLs
    subject: str
    content: str  # plain text: HTML tags removed, entities decoded, line breaks kept
    folder: str  # e.g. INBOX, SENT, ARCHIVE
    draft: bool


@dataclass
class ParsedMessages:
    file: str
    messages: list[LinkedInMessage] = field(default_factory=list)
    problems: list[ImportIssue] = field(default_factory=list)
    skipped: list[ImportIssue] = field(default_factory=list)


_MESSAGE_COLUMNS = (
    "CONVERSATION ID",
    "CONVERSATION TITLE",
    "FROM",
    "SENDER PROFILE URL",
    "TO",
    "RECIPIENT PROFILE URLS",
    "DATE",
    "SUBJECT",
    "CONTENT",
    "FOLDER",
    "IS MESSAGE DRAFT",
)
_URL_SEPARATORS = re.compile(r"[\s,;]+")
_LINE_BREAK_TAG = re.compile(r"<br\s*/?>|</(?:p|div|li|h[1-6])\s*>", re.IGNORECASE)
_TAG = re.compile(r"</?[A-Za-z][^<>]*>")


def read_messages(text: str, *, file: str) -> ParsedMessages:
    """The messages in ``messages.csv``; columns the reader does not know are ignored."""
    table = CsvTable(
        text,
        file=file,
        headers=[("CONVERSATION ID", "FROM", "DATE", "CONTENT")],
        known=_MESSAGE_COLUMNS,
        expected="the columns " + ", ".join(_MESSAGE_COLUMNS[:-1]) + " of LinkedIn's messages.csv",
    )
    parsed = ParsedMessages(file)
    for line, row in table.rows(parsed.problems):
        try:
            parsed.messages.append(_message(line, row))
        except InvalidInput as error:
            parsed.problems.append(ImportIssue(file, line, error.field or "", error.message))
    return parsed


def _message(line: int, row: Row) -> LinkedInMessage:
    written_at = row.get("DATE", "").strip()
    sent_at = _timestamp(written_at)
    if sent_at is None:
        raise InvalidInput(
            f"{written_at!r} is not a time like '2024-10-09 14:03:12 UTC'.", field="DATE"
        )
    recipient_urls = tuple(
        _profile_url(url, column="RECIPIENT PROFILE URLS")
        for url in _URL_SEPARATORS.split(row.get("RECIPIENT PROFILE URLS", ""))
        if url
    )
    recipients = clean(row.get("TO", ""))
    # Names may hold commas ("Nair, MBA"): only a message to several people lists several.
    names = (
        [clean(name) for name in recipients.split(",")] if len(recipient_urls) > 1 else [recipients]
    )
    folder = clean(row.get("FOLDER", "")).upper()
    draft_flag = clean(row.get("IS MESSAGE DRAFT", "")).lower()
    return LinkedInMessage(
        line=line,
        conversation_id=clean(row.get("CONVERSATION ID", "")),
        sent_at=sent_at,
        sender_name=clean(row.get("FROM", "")),
        sender_url=_profile_url(row.get("SENDER PROFILE URL", ""), column="SENDER PROFILE URL"),
        recipient_names=tuple(name for name in names if name),
        recipient_urls=recipient_urls,
        subject=clean(row.get("SUBJECT", "")),
        content=plain_text(row.get("CONTENT", "")),
        folder=folder,
        draft=draft_flag in ("yes", "true", "1") or folder in ("DRAFT", "DRAFTS"),
    )


def plain_text(content: str) -> str:
    """A message body without its HTML: tags removed, entities decoded, line breaks kept."""
    if "<" in content:
        content = _TAG.sub("", _LINE_BREAK_TAG.sub("\n", content))
    if "&" in content:
        content = html.unescape(content)
    return clean_lines(content)


# -- Invitations.csv ------------------------------------------------------------------------


@dataclass(frozen=True)
class LinkedInInvitation:
    line: int
    sender_name: str
    recipient_name: str
    sent_at: datetime  # aware, UTC
    message: str
    incoming: bool  # sent to the owner of the export
    sender_url: str  # normalized profile URL, or ""
    recipient_url: str


@dataclass
class ParsedInvitations:
    file: str
    invitations: list[LinkedInInvitation] = field(default_factory=list)
    problems: list[ImportIssue] = field(default_factory=list)
    skipped: list[ImportIssue] = field(default_factory=list)


_INVITATION_COLUMNS = (
    "From",
    "To",
    "Sent At",
    "Message",
    "Direction",
    "inviterProfileUrl",
    "inviteeProfileUrl",
)


def read_invitations(text: str, *, file: str) -> ParsedInvitations:
    """The connection invitations in ``Invitations.csv``, sent and received."""
    table = CsvTable(
        text,
        file=file,
        headers=[("From", "To", "Sent At", "Direction")],
        known=_INVITATION_COLUMNS,
        expected="the columns " + ", ".join(_INVITATION_COLUMNS) + " of LinkedIn's Invitations.csv",
    )
    parsed = ParsedInvitations(file)
    for line, row in table.rows(parsed.problems):
        try:
            parsed.invitations.append(_invitation(line, row))
        except InvalidInput as error:
            parsed.problems.append(ImportIssue(file, line, error.field or "", error.message))
    return parsed


def _invitation(line: int, row: Row) -> LinkedInInvitation:
    written_at = row.get("Sent At", "").strip()
    sent_at = _timestamp(written_at)
    if sent_at is None:
        raise InvalidInput(
            f"{written_at!r} is not a time like '10/9/24, 2:03 PM'.", field="Sent At"
        )
    direction = clean(row.get("Direction", "")).upper()
    if direction not in ("INCOMING", "OUTGOING"):
        raise InvalidInput(f"{direction!r} is neither INCOMING nor OUTGOING.", field="Direction")
    return LinkedInInvitation(
        line=line,
        sender_name=clean(row.get("From", "")),
        recipient_name=clean(row.get("To", "")),
        sent_at=sent_at,
        message=clean_lines(row.get("Message", "")),
        incoming=direction == "INCOMING",
        sender_url=_profile_url(row.get("inviterProfileUrl", ""), column="inviterProfileUrl"),
        recipient_url=_profile_url(row.get("inviteeProfileUrl", ""), column="inviteeProfileUrl"),
    )


# -- the export -----------------------------------------------------------------------------


@dataclass(frozen=True)
class LinkedInExport:
    """The files of an export that Kithkin reads; a file the export lacks is None."""

    connections: ParsedContacts | None = None
    messages: ParsedMessages | None = None
    invitations: ParsedInvitations | None = None


_WANTED = ("connections.csv", "messages.csv", "invitations.csv")
_LARGEST_MEMBER = 1 << 30  # bytes: a CSV larger than 1 GiB is not LinkedIn's
_ZIP_TROUBLE = (
    zipfile.BadZipFile,
    OSError,
    EOFError,
    zlib.error,
    lzma.LZMAError,
    NotImplementedError,
    RuntimeError,  # an encrypted member
    ValueError,
)


def read_export(path: Path) -> LinkedInExport:
    """Read LinkedIn's export zip, or one of its CSV files on its own.

    A lone file is read as what its name says (``messages.csv``, ``Invitations.csv``), any
    other name as ``Connections.csv``. In a zip the files are found by name in any folder.
    """
    try:
        with path.open("rb") as handle:
            magic = handle.read(4)
            is_zip = magic == b"PK\x03\x04" or path.suffix.lower() == ".zip"
            data = b"" if is_zip else magic + handle.read()
    except OSError as error:
        raise InvalidInput(f"cannot read the file: {error.strerror}.", file=str(path)) from None
    if is_zip:
        return _read_zip(path)
    kind = path.name.lower() if path.name.lower() in _WANTED else "connections.csv"
    return _export({kind: decode(data, file=str(path))}, lambda _: str(path))


def _read_zip(path: Path) -> LinkedInExport:
    members: dict[str, str] = {}  # wanted base name → member name
    texts: dict[str, str] = {}
    try:
        with zipfile.ZipFile(path) as archive:
            for info in sorted(archive.infolist(), key=lambda info: info.filename.count("/")):
                base = PurePosixPath(info.filename).name.lower()
                if base in _WANTED and base not in members and not info.is_dir():
                    members[base] = info.filename
                    if info.file_size > _LARGEST_MEMBER:
                        raise InvalidInput(
                            f"{info.filename} is larger than 1 GiB; this is not a LinkedIn export.",
                            file=str(path),
                        )
                    texts[base] = decode(archive.read(info), file=f"{path}:{info.filename}")
    except _ZIP_TROUBLE as error:
        raise InvalidInput(
            f"the zip file cannot be read ({error}); download the export again.", file=str(path)
        ) from None
    if "connections.csv" not in texts and "messages.csv" not in texts:
        raise InvalidInput(
            "the zip holds neither Connections.csv nor messages.csv; is it LinkedIn's export?",
            file=str(path),
        )
    return _export(texts, lambda name: f"{path}:{members[name]}")


def _export(texts: dict[str, str], file_of: Callable[[str], str]) -> LinkedInExport:
    connections, messages, invitations = _WANTED
    return LinkedInExport(
        connections=(
            read_connections(texts[connections], file=file_of(connections))
            if connections in texts
            else None
        ),
        messages=(
            read_messages(texts[messages], file=file_of(messages)) if messages in texts else None
        ),
        invitations=(
            read_invitations(texts[invitations], file=file_of(invitations))
            if invitations in texts
            else None
        ),
    )
