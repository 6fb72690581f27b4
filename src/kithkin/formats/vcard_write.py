"""Writing ContactCards as vCard 3.0 or 4.0: deterministic, CRLF, folded at 75 octets.

What the reader models is written in the form the most tools read back: labels as ``TYPE``
when ``vcard_read`` would read the same word back, otherwise Apple's ``itemN.X-ABLabel``;
the preferred (first) value of several marked ``pref``; a 3.0 anniversary and related names
as Apple writes them. ``extras`` are written back as they were read, after the modelled
properties, so a card read from a file and written again loses nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, datetime

from kithkin.core.dates import PartialDate
from kithkin.core.records import Labeled
from kithkin.errors import InvalidInput
from kithkin.formats.contact import ContactCard, RawProperty
from kithkin.formats.vcard_syntax import (
    APPLE_RELATIONS,
    escape_newlines,
    escape_text,
    escape_uri,
    fold,
    format_params,
    image_media_type,
    label_from_types,
)

VERSIONS = ("3.0", "4.0")
PRODID = "-//Kithkin//Kithkin//EN"
_TYPE_WORD = re.compile(r"[a-z0-9_-]+")
_BASE64_IMAGE = re.compile(r"data:image/([a-z0-9.+-]+);base64,([A-Za-z0-9+/=]+)")


def write_vcards(cards: Iterable[ContactCard], *, version: str = "3.0") -> str:
    """One file holding every card, in order."""
    if version not in VERSIONS:
        raise InvalidInput(
            f"vCard {version!r} cannot be written; choose 3.0 or 4.0.", field="version"
        )
    return "".join(_Writer(card, version).text() for card in cards)


def write_vcard(card: ContactCard, *, version: str = "3.0") -> str:
    """One card; the same card always gives the same text."""
    return write_vcards([card], version=version)


class _Writer:
    """The content lines of one card (unfolded until :meth:`text`)."""

    def __init__(self, card: ContactCard, version: str) -> None:
        self.card = card
        self.four = version == "4.0"
        self.lines = ["BEGIN:VCARD", f"VERSION:{version}", f"PRODID:{PRODID}"]
        self.taken = {extra.group.lower() for extra in card.extras if extra.group}
        self.groups = 0

    def text(self) -> str:
        card = self.card
        if card.identity:
            self.lines.append(f"UID:{escape_text(card.identity)}")
        self.lines.append(f"FN:{escape_text(card.full_name)}")
        name = (card.family_name, card.given_name, card.middle_name, card.prefix, card.suffix)
        self.lines.append("N:" + ";".join(escape_text(part) for part in name))
        if card.nicknames:
            self.lines.append("NICKNAME:" + ",".join(map(escape_text, card.nicknames)))
        if card.organization or card.department:
            department = f";{escape_text(card.department)}" if card.department else ""
            self.lines.append(f"ORG:{escape_text(card.organization)}{department}")
        if card.title:
            self.lines.append(f"TITLE:{escape_text(card.title)}")
        self.labelled("EMAIL", card.emails)
        self.labelled("TEL", card.phones)
        self.addresses()
        self.labelled("URL", card.urls)
        if card.birthday:
            self.lines.append(f"BDAY:{self.date(card.birthday)}")
        if card.anniversary:
            self.anniversary(card.anniversary)
        self.related()
        if card.tags:
            self.lines.append("CATEGORIES:" + ",".join(map(escape_text, card.tags)))
        if card.notes:
            self.lines.append(f"NOTE:{escape_text(card.notes)}")
        if card.photo:
            self.lines.append(self.photo(card.photo))
        self.lines += [_extra(extra) for extra in card.extras]
        if card.revised_at:
            self.lines.append(f"REV:{_timestamp(card.revised_at)}")
        self.lines.append("END:VCARD")
        return "".join(map(fold, self.lines))

    def group(self) -> str:
        """The next ``itemN`` no extra uses (an extra keeps the group it was read with)."""
        while True:
            self.groups += 1
            if f"item{self.groups}" not in self.taken:
                return f"item{self.groups}"

    def add(self, name: str, label: str, value: str, *, preferred: bool, kind: str = "") -> None:
        """``[itemN.]NAME[;TYPE=…][;PREF=1]:value``, and the group's X-ABLabel if it needs one."""
        types: list[str] = []
        word = "cell" if label == "mobile" else label
        group = ""
        if label and _TYPE_WORD.fullmatch(word) and label_from_types([word]) == label:
            types.append(word)
        elif label:
            group = self.group()
        if preferred and not self.four:
            types.append("pref")
        params = f";TYPE={','.join(types)}" if types else ""
        params += ";PREF=1" if preferred and self.four else ""
        params += f";VALUE={kind}" if kind else ""
        if not group:
            self.lines.append(f"{name}{params}:{value}")
            return
        self.lines.append(f"{group}.{name}{params}:{value}")
        self.lines.append(f"{group}.X-ABLabel:{escape_text(label)}")

    def labelled(self, name: str, items: tuple[Labeled, ...]) -> None:
        escape = escape_uri if name == "URL" else escape_text
        for index, item in enumerate(items):
            preferred = index == 0 and len(items) > 1
            self.add(name, item.label, escape(item.value), preferred=preferred)

    def addresses(self) -> None:
        many = len(self.card.addresses) > 1
        for index, address in enumerate(self.card.addresses):
            parts = ("", "", address.street, address.locality, address.region, address.postal_code)
            value = ";".join(map(escape_text, (*parts, address.country)))
            self.add("ADR", address.label, value, preferred=many and index == 0)

    def date(self, day: PartialDate) -> str:
        if day.year is None:
            return f"--{day.month:02d}{day.day:02d}"
        if self.four:
            return f"{day.year:04d}{day.month:02d}{day.day:02d}"
        return f"{day.year:04d}-{day.month:02d}-{day.day:02d}"

    def anniversary(self, day: PartialDate) -> None:
        if self.four:
            self.lines.append(f"ANNIVERSARY:{self.date(day)}")
            return
        group = self.group()
        self.lines.append(f"{group}.X-ABDATE:{self.date(day)}")
        self.lines.append(f"{group}.X-ABLabel:_$!<Anniversary>!$_")

    def related(self) -> None:
        for person in self.card.related:
            value = escape_text(person.value)
            if self.four:
                self.add("RELATED", person.label, value, preferred=False, kind="text")
            elif not person.label:
                self.lines.append(f"X-ABRELATEDNAMES:{value}")
            else:
                group = self.group()
                apple = APPLE_RELATIONS.get(person.label)
                label = f"_$!<{apple}>!$_" if apple else escape_text(person.label)
                self.lines.append(f"{group}.X-ABRELATEDNAMES:{value}")
                self.lines.append(f"{group}.X-ABLabel:{label}")

    def photo(self, uri: str) -> str:
        """4.0: the URI; 3.0: an embedded image as ENCODING=b, anything else as VALUE=uri."""
        if self.four:
            return f"PHOTO:{escape_uri(uri)}"
        embedded = _BASE64_IMAGE.fullmatch(uri)
        if embedded and image_media_type(embedded[1]) == f"image/{embedded[1]}":
            return f"PHOTO;ENCODING=b;TYPE={embedded[1].upper()}:{embedded[2]}"
        return f"PHOTO;VALUE=uri:{escape_uri(uri)}"


def _extra(extra: RawProperty) -> str:
    group = f"{extra.group}." if extra.group else ""
    return f"{group}{extra.name}{format_params(extra.params)}:{escape_newlines(extra.value)}"


def _timestamp(moment: datetime) -> str:
    moment = moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    return (
        f"{moment.year:04d}{moment.month:02d}{moment.day:02d}"
        f"T{moment.hour:02d}{moment.minute:02d}{moment.second:02d}Z"
    )
