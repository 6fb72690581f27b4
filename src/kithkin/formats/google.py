"""Google Contacts' CSV export, with the header of before 2023 or the newer one.

Both headers repeat numbered groups of columns (``E-mail 1 - Type``, ``E-mail 1 - Value``,
``E-mail 2 - Type``…; the newer header says ``Label`` for ``Type``), as many as the most
detailed contact needs. A cell may hold several values joined by `` ::: ``; each becomes its
own value with the group's label. Labels (groups) become tags:

- ``* myContacts`` is dropped: every contact Google exports has it;
- ``* starred`` becomes the tag ``starred``, a choice the user made;
- other system groups of old exports (``* Friends``, ``* Family``) lose their ``* `` like
  any other label: ``friends``, ``family``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from kithkin.core.dates import PartialDate
from kithkin.core.records import Address, Labeled
from kithkin.formats.contact import ContactCard, ParsedContacts
from kithkin.formats.csv_rows import (
    CsvTable,
    Row,
    clean,
    clean_label,
    clean_lines,
    read_cards,
    split_values,
)

_OLD_HEADER = ("Given Name", "Family Name")  # what makes a row the header, before 2023
_NEW_HEADER = ("First Name", "Last Name", "Labels")  # and since
_OTHER_COLUMNS = (
    "Name",
    "Additional Name",
    "Middle Name",
    "Name Prefix",
    "Name Suffix",
    "Nickname",
    "Birthday",
    "Notes",
    "Photo",
    "Group Membership",
    "Organization Name",
    "Organization Title",
    "Organization Department",
)
_GROUP_COLUMN = re.compile(r"(.+?) ([0-9]+) - (.+)")
_ADDRESS = (
    "street",
    "extended address",
    "po box",
    "city",
    "region",
    "postal code",
    "country",
    "formatted",
)
_DROPPED_GROUPS = {"mycontacts"}


@dataclass(frozen=True)
class _Groups:
    """Where each numbered group's columns are: kind → one {part → column} per group."""

    by_kind: dict[str, list[dict[str, str]]]

    @classmethod
    def of(cls, columns: tuple[str, ...]) -> _Groups:
        numbered: dict[tuple[str, int], dict[str, str]] = defaultdict(dict)
        for column in columns:
            match = _GROUP_COLUMN.fullmatch(column)
            if match:
                kind, number, part = match[1].lower(), int(match[2]), match[3].lower()
                numbered[kind, number]["label" if part in ("type", "label") else part] = column
        if "Organization Name" in columns or "Organization Title" in columns:
            numbered["organization", 0] = {
                "name": "Organization Name",
                "title": "Organization Title",
                "department": "Organization Department",
            }
        by_kind: dict[str, list[dict[str, str]]] = defaultdict(list)
        for (kind, _), parts in sorted(numbered.items()):
            by_kind[kind].append(parts)
        return cls(dict(by_kind))

    def labeled(self, kind: str, row: Row) -> tuple[Labeled, ...]:
        """Every value of the kind's groups, with its group's label, in the file's order."""
        return tuple(
            Labeled(value, clean_label(_cell(row, group, "label")))
            for group in self.by_kind.get(kind, ())
            for value in split_values(_cell(row, group, "value"))
        )


def _cell(row: Row, group: dict[str, str], part: str) -> str:
    """The text of one part of a group (``value`` of ``E-mail 2``), "" when it has no column."""
    column = group.get(part)
    return row.get(column, "") if column else ""


def read_google_csv(text: str, *, file: str) -> ParsedContacts:
    """The contacts in a Google Contacts CSV export (“Google CSV”, either header)."""
    table = CsvTable(
        text,
        file=file,
        headers=[_OLD_HEADER, _NEW_HEADER],
        known=_OTHER_COLUMNS,
        expected="a Google Contacts CSV header with the columns Given Name and Family Name, "
        "or First Name, Last Name and Labels",
    )
    groups = _Groups.of(table.columns)
    return read_cards(table, file, lambda line, row: _card(line, row, groups))


def _card(line: int, row: Row, groups: _Groups) -> ContactCard:
    def text(*columns: str) -> str:
        return next((value for value in (clean(row.get(c, "")) for c in columns) if value), "")

    organization: dict[str, str] = next(
        (
            group
            for group in groups.by_kind.get("organization", ())
            if clean(_cell(row, group, "name")) or clean(_cell(row, group, "title"))
        ),
        {},
    )
    return ContactCard(
        line=line,
        full_name=text("Name"),
        given_name=text("Given Name", "First Name"),
        middle_name=text("Additional Name", "Middle Name"),
        family_name=text("Family Name", "Last Name"),
        prefix=text("Name Prefix"),
        suffix=text("Name Suffix"),
        nicknames=tuple(split_values(row.get("Nickname", ""))),
        emails=groups.labeled("e-mail", row),
        phones=groups.labeled("phone", row),
        urls=groups.labeled("website", row),
        addresses=_addresses(row, groups),
        organization=clean(_cell(row, organization, "name")),
        title=clean(_cell(row, organization, "title")),
        department=clean(_cell(row, organization, "department")),
        birthday=_date(row, "Birthday"),
        anniversary=_anniversary(row, groups),
        notes=clean_lines(row.get("Notes", "")),
        tags=_tags(row.get("Labels", "") or row.get("Group Membership", "")),
        related=groups.labeled("relation", row),
        photo=text("Photo"),
    )


def _date(row: Row, column: str) -> PartialDate | None:
    value = row.get(column, "").strip()
    return PartialDate.parse(value, field=column) if value else None


def _anniversary(row: Row, groups: _Groups) -> PartialDate | None:
    for group in groups.by_kind.get("event", ()):
        if clean_label(_cell(row, group, "label")) == "anniversary":
            return _date(row, group["value"]) if "value" in group else None
    return None


def _addresses(row: Row, groups: _Groups) -> tuple[Address, ...]:
    """Each address group's addresses; ``:::`` in its cells lists several with one label."""
    addresses: list[Address] = []
    for group in groups.by_kind.get("address", ()):
        label = clean_label(_cell(row, group, "label"))
        cells = {part: _one_line_values(_cell(row, group, part)) for part in _ADDRESS}
        for index in range(max(len(values) for values in cells.values())):
            parts = {
                part: values[index] if index < len(values) else "" for part, values in cells.items()
            }
            address = _address(label, parts)
            if address is not None:
                addresses.append(address)
    return tuple(addresses)


def _one_line_values(cell: str) -> list[str]:
    """The cell's values, each on one line: a street written on two lines is joined by a comma."""
    return split_values(
        ", ".join(line for line in (clean(line) for line in cell.splitlines()) if line)
    )


def _address(label: str, parts: dict[str, str]) -> Address | None:
    street = ", ".join(
        value for value in (parts["street"], parts["extended address"], parts["po box"]) if value
    )
    address = Address(
        label=label,
        street=street,
        locality=parts["city"],
        region=parts["region"],
        postal_code=parts["postal code"],
        country=parts["country"],
    )
    if address != Address(label=label):
        return address
    if parts["formatted"]:  # only the formatted text: keep it whole as the street
        return Address(label=label, street=parts["formatted"])
    return None


def _tags(cell: str) -> tuple[str, ...]:
    tags: list[str] = []
    for group in split_values(cell):
        tag = clean_label(group)
        if tag and tag not in tags and tag.replace(" ", "") not in _DROPPED_GROUPS:
            tags.append(tag)
    return tuple(tags)
