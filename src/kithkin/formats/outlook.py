"""Outlook's CSV export: Outlook.com's header and desktop Outlook's, read by column name.

Outlook names things its own way: ``Title`` is the name prefix (``Dr.``) and ``Job Title``
the job; a birthday of ``0/0/00`` or ``1/0/00`` means none; dates are ``M/D/YYYY``;
``Categories`` are separated by ``;``. English column names only: a localized Outlook writes
its headers in the user's language.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from kithkin.core.dates import PartialDate
from kithkin.core.records import Address, Labeled
from kithkin.errors import InvalidInput
from kithkin.formats.contact import ContactCard, ParsedContacts
from kithkin.formats.csv_rows import CsvTable, Row, clean, clean_lines, parse_us_date, read_cards

_NAMES = ("First Name", "Middle Name", "Last Name", "Title", "Suffix", "Nickname")
_PHONES = (  # column → label, the preferred number first
    ("Primary Phone", "primary"),
    ("Mobile Phone", "mobile"),
    ("Home Phone", "home"),
    ("Home Phone 2", "home"),
    ("Business Phone", "work"),
    ("Business Phone 2", "work"),
    ("Company Main Phone", "company"),
    ("Other Phone", "other"),
    ("Assistant's Phone", "assistant"),
    ("Car Phone", "car"),
    ("Callback", "callback"),
    ("Radio Phone", "radio"),
    ("ISDN", "isdn"),
    ("TTY/TDD Phone", "tty"),
    ("Telex", "telex"),
    ("Pager", "pager"),
    ("Home Fax", "home fax"),
    ("Business Fax", "work fax"),
    ("Other Fax", "fax"),
)
_EMAILS = (  # address column, type column
    ("E-mail Address", "E-mail Type"),
    ("E-mail 2 Address", "E-mail 2 Type"),
    ("E-mail 3 Address", "E-mail 3 Type"),
)
_ADDRESSES = (("Home", "home"), ("Business", "work"), ("Other", "other"))
_RELATED = (
    ("Spouse", "spouse"),
    ("Children", "child"),
    ("Manager's Name", "manager"),
    ("Assistant's Name", "assistant"),
)
_OTHER_COLUMNS = (
    "Company",
    "Department",
    "Job Title",
    "Web Page",
    "Birthday",
    "Anniversary",
    "Notes",
    "Categories",
)
_ADDRESS_COLUMNS = tuple(
    f"{kind} {part}"
    for kind, _ in _ADDRESSES
    for part in (
        "Street",
        "Street 2",
        "Street 3",
        "Address PO Box",
        "City",
        "State",
        "Postal Code",
        "Country",
        "Country/Region",
        "Address",
    )
)
_KNOWN = (
    _NAMES
    + tuple(column for column, _ in _PHONES)
    + tuple(column for pair in _EMAILS for column in pair)
    + tuple(column for column, _ in _RELATED)
    + _OTHER_COLUMNS
    + _ADDRESS_COLUMNS
)
_LIST_SEPARATOR = re.compile(r"[;,]")
_YEAR_UNKNOWN = 1604  # what Outlook and Exchange store for a birthday without a year


def read_outlook_csv(text: str, *, file: str) -> ParsedContacts:
    """The contacts in an Outlook CSV export (Outlook.com or desktop Outlook, English)."""
    table = CsvTable(
        text,
        file=file,
        headers=[("First Name", "Last Name", "E-mail Address")],
        known=_KNOWN,
        expected="an Outlook CSV header with the columns First Name, Last Name and "
        "E-mail Address (export from Outlook in English)",
    )
    return read_cards(table, file, _card)


def _card(line: int, row: Row) -> ContactCard:
    def text(column: str) -> str:
        return clean(row.get(column, ""))

    website = text("Web Page")
    return ContactCard(
        line=line,
        given_name=text("First Name"),
        middle_name=text("Middle Name"),
        family_name=text("Last Name"),
        prefix=text("Title"),
        suffix=text("Suffix"),
        nicknames=(text("Nickname"),) if text("Nickname") else (),
        emails=_emails(row),
        phones=_distinct(Labeled(text(column), label) for column, label in _PHONES),
        urls=(Labeled(website),) if website else (),
        addresses=tuple(
            address for kind, label in _ADDRESSES if (address := _address(row, kind, label))
        ),
        organization=text("Company"),
        department=text("Department"),
        title=text("Job Title"),
        birthday=_date(row, "Birthday"),
        anniversary=_date(row, "Anniversary"),
        notes=clean_lines(row.get("Notes", "")),
        tags=_distinct_text(clean(tag).lower() for tag in row.get("Categories", "").split(";")),
        related=_related(row),
    )


def _emails(row: Row) -> tuple[Labeled, ...]:
    """The SMTP addresses: an Exchange entry (type ``EX``, ``/o=…``) is no e-mail address."""
    return _distinct(
        Labeled(clean(row.get(column, "")))
        for column, kind in _EMAILS
        if clean(row.get(kind, "")).upper() != "EX"
        and not row.get(column, "").strip().lower().startswith("/o=")
    )


def _address(row: Row, kind: str, label: str) -> Address | None:
    def text(part: str) -> str:
        return clean(row.get(f"{kind} {part}", ""))

    lines = (text("Street"), text("Street 2"), text("Street 3"), text("Address PO Box"))
    address = Address(
        label=label,
        street=", ".join(line for line in lines if line),
        locality=text("City"),
        region=text("State"),
        postal_code=text("Postal Code"),
        country=text("Country") or text("Country/Region"),
    )
    if address != Address(label=label):
        return address
    formatted = ", ".join(
        line
        for line in (clean(part) for part in row.get(f"{kind} Address", "").splitlines())
        if line
    )
    return Address(label=label, street=formatted) if formatted else None


def _related(row: Row) -> tuple[Labeled, ...]:
    related: list[Labeled] = []
    for column, label in _RELATED:
        cell = row.get(column, "")
        names = _LIST_SEPARATOR.split(cell) if label == "child" else [cell]
        related.extend(Labeled(clean(name), label) for name in names if clean(name))
    return tuple(related)


def _date(row: Row, column: str) -> PartialDate | None:
    """``4/12/1985`` (M/D/YYYY); ``0/0/00`` and ``1/0/00`` are Outlook's "no date".

    Two-digit years are read as Windows does, within 1930–2029.
    """
    value = row.get(column, "").strip()
    if not value:
        return None
    numeric = parse_us_date(value)
    if numeric is None:
        try:
            return PartialDate.parse(value, field=column)  # an ISO date, from another tool
        except InvalidInput:
            raise InvalidInput(f"{value!r} is not a date like '4/12/1985'.", field=column) from None
    year, month, day, _ = numeric
    if month == 0 or day == 0:
        return None
    if year < 100:
        year += 2000 if year < 30 else 1900
    try:
        return PartialDate(month=month, day=day, year=None if year == _YEAR_UNKNOWN else year)
    except InvalidInput as error:
        raise InvalidInput(f"{value!r}: {error.message}", field=column) from None


def _distinct(values: Iterable[Labeled]) -> tuple[Labeled, ...]:
    """The non-empty values, each once (the first label wins)."""
    seen: dict[str, Labeled] = {}
    for value in values:
        if value.value and value.value not in seen:
            seen[value.value] = value
    return tuple(seen.values())


def _distinct_text(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(value for value in values if value))
