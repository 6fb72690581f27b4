"""From one vCard's properties to a ContactCard: which property fills which field.

A property Kithkin models fills its field; everything else (and every second FN, ORG, TITLE,
BDAY, PHOTO… after the first) is kept in ``extras`` exactly as written, so that a re-export
loses nothing. Apple's ``itemN.X-ABLabel`` names the label of the property in group ``itemN``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from operator import itemgetter
from typing import Any, TypeVar

from kithkin.core.dates import PartialDate
from kithkin.core.records import Address, Labeled
from kithkin.errors import InvalidInput
from kithkin.formats.contact import ContactCard, RawProperty
from kithkin.formats.vcard_dates import parse_date, parse_timestamp
from kithkin.formats.vcard_syntax import (
    NO_PARAMETERS,
    Parameters,
    apple_label,
    decode_value,
    image_media_type,
    param_values,
    parameters,
    split_text,
    split_unescaped,
    unescape,
)

# A content line as written (unfolded): [group.]name, parameters (from the ';'), value, and
# the text of a line that is not a property (the line scanner sets it when it cannot read one).
RawLine = tuple[str, str, str, str]
_Item = TypeVar("_Item", Labeled, Address)

_URI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
_IMAGE_STARTS = {"/9j/": "image/jpeg", "iVBORw0KGgo": "image/png", "R0lGOD": "image/gif"}
_SOCIAL_PROFILES = {
    "twitter": "https://twitter.com/{}",
    "facebook": "https://www.facebook.com/{}",
    "linkedin": "https://www.linkedin.com/in/{}",
    "instagram": "https://www.instagram.com/{}",
    "github": "https://github.com/{}",
    "flickr": "https://www.flickr.com/people/{}",
}
# Related people and anniversaries as Evolution, Outlook, Thunderbird and KAddressBook write them.
_RELATIONS = {
    "X-SPOUSE": "spouse",
    "X-EVOLUTION-SPOUSE": "spouse",
    "X-MS-SPOUSE": "spouse",
    "X-KADDRESSBOOK-X-SPOUSENAME": "spouse",
    "X-MANAGER": "manager",
    "X-EVOLUTION-MANAGER": "manager",
    "X-MS-MANAGER": "manager",
    "X-KADDRESSBOOK-X-MANAGERSNAME": "manager",
    "X-ASSISTANT": "assistant",
    "X-EVOLUTION-ASSISTANT": "assistant",
    "X-MS-ASSISTANT": "assistant",
    "X-KADDRESSBOOK-X-ASSISTANTSNAME": "assistant",
}
_ANNIVERSARIES = {
    "X-ANNIVERSARY",
    "X-EVOLUTION-ANNIVERSARY",
    "X-MS-ANNIVERSARY",
    "X-KADDRESSBOOK-X-ANNIVERSARY",
}
_NAME_JOINERS = (" ", " ", " ", " ", ", ")  # a list in a name part: "Richter,James"
_IGNORED = {"BEGIN", "END", "VERSION", "PRODID"}  # a writer writes its own


class _Card:
    """The fields of one card as its properties are read, then :meth:`build`."""

    def __init__(self, line: int, raws: list[RawLine]) -> None:
        self.line = line
        self.raws = raws
        self.labels: dict[str, str] | None = None  # group (lower-case) → its first X-ABLabel
        self.used_labels: set[str] = set()
        self.label_extras: dict[str, int] = {}  # group → where its X-ABLabel is in extras
        self.text: dict[str, str] = {}  # the fields only the first property fills
        self.names: tuple[str, str, str, str, str] | None = None
        self.emails: list[tuple[int, Labeled]] = []
        self.phones: list[tuple[int, Labeled]] = []
        self.urls: list[tuple[int, Labeled]] = []
        self.related: list[tuple[int, Labeled]] = []
        self.addresses: list[tuple[int, Address]] = []
        self.nicknames: list[str] = []
        self.tags: list[str] = []
        self.notes: list[str] = []
        self.dates: dict[str, PartialDate] = {}
        self.revised_at: datetime | None = None
        self.extras: list[RawProperty] = []

    def keep(self, group: str, name: str, info: Parameters, value: str) -> None:
        self.extras.append(RawProperty(name, value, info.params, group))

    def label(self, group: str, info: Parameters, *, use: bool = True) -> str:
        """The group's X-ABLabel (then the label is used up), else what TYPE says."""
        if group:
            if self.labels is None:
                self.labels = _apple_labels(self.raws)
            key = group.lower()
            if key in self.labels:
                if use:
                    self.used_labels.add(key)
                return self.labels[key]
        return info.label

    def add(
        self, items: list[tuple[int, Labeled]], group: str, info: Parameters, value: str
    ) -> None:
        if value:
            label = self.label(group, info) if group else info.label
            items.append((info.preference, Labeled(value, label)))

    def build(self) -> ContactCard:
        text = self.text
        given, family, middle, prefix, suffix = self.names or ("", "", "", "", "")
        extras = self.extras
        if self.used_labels:
            dropped = {self.label_extras.get(group, -1) for group in self.used_labels}
            extras = [extra for index, extra in enumerate(extras) if index not in dropped]
        return contact_card(
            line=self.line,
            identity=text.get("identity", ""),
            full_name=text.get("full_name", ""),
            given_name=given,
            family_name=family,
            middle_name=middle,
            prefix=prefix,
            suffix=suffix,
            nicknames=tuple(self.nicknames) if self.nicknames else (),
            emails=_preferred_first(self.emails) if self.emails else (),
            phones=_preferred_first(self.phones) if self.phones else (),
            urls=_preferred_first(self.urls) if self.urls else (),
            addresses=_preferred_first(self.addresses) if self.addresses else (),
            organization=text.get("organization", ""),
            department=text.get("department", ""),
            title=text.get("title", ""),
            birthday=self.dates.get("birthday"),
            anniversary=self.dates.get("anniversary"),
            notes="\n\n".join(self.notes) if self.notes else "",
            tags=tuple(self.tags) if self.tags else (),
            related=tuple([item for _, item in self.related]) if self.related else (),
            photo=text.get("photo", ""),
            connected_on=None,
            revised_at=self.revised_at,
            extras=tuple(extras) if extras else (),
        )


def contact_card(**values: Any) -> ContactCard:
    """``ContactCard(**values)`` given every field, three times faster.

    A frozen dataclass's ``__init__`` sets each field through ``object.__setattr__``: for the
    25 fields of a ContactCard that costs a quarter of reading the whole vCard. Nothing is
    skipped: ContactCard has no ``__post_init__`` (the tests check it, and that the result
    equals ``ContactCard(**values)``).
    """
    card = object.__new__(ContactCard)
    card.__dict__.update(values)
    return card


def _apple_labels(raws: list[RawLine]) -> dict[str, str]:
    """Each group's first X-ABLabel: ``item1.X-ABLabel:_$!<Other>!$_`` → ``{"item1": "other"}``."""
    labels: dict[str, str] = {}
    for token, _, value, _ in raws:
        group, _, name = token.partition(".")
        if name and name.upper() == "X-ABLABEL" and group.lower() not in labels:
            labels[group.lower()] = apple_label(unescape(value))
    return labels


def _preferred_first(items: list[tuple[int, _Item]]) -> tuple[_Item, ...]:
    if len(items) > 1:
        items.sort(key=itemgetter(0))  # stable: file order among equals
    return tuple([item for _, item in items])


def card_from_properties(line: int, raws: list[RawLine], lines: list[int] | None) -> ContactCard:
    """The card starting at ``line``; InvalidInput (with the field) for a value that cannot be
    read, and its line when ``lines`` (one per raw line) is given."""
    card = _Card(line, raws)
    for index, (name, params_text, value, _) in enumerate(raws):
        group = ""
        if "." in name:  # Apple's item1.EMAIL
            token = name
            group, _, name = token.partition(".")
            if not (group and name) or "." in name:
                message = f"expected GROUP.NAME before the colon, found {token!r}."
                raise InvalidInput(message, line=lines[index] if lines else None)
        reader = _READERS.get(name)
        if reader is None:
            name = name.upper()
            reader = _READERS.get(name, _Card.keep)
        info = NO_PARAMETERS
        if params_text:
            info = parameters(params_text)
            if info.encoding:
                value = decode_value(value, info.encoding, info.charset)
        try:
            reader(card, group, name, info, value)
        except InvalidInput as error:
            number = lines[index] if lines else None
            raise InvalidInput(error.message, field=error.field, line=number) from None
    return card.build()


# --- one reader per property ----------------------------------------------------------------

Reader = Callable[[_Card, str, str, Parameters, str], None]


def _ignore(card: _Card, group: str, name: str, info: Parameters, value: str) -> None:
    """BEGIN, END, VERSION, PRODID: a writer writes its own."""


def _text(field: str) -> Reader:
    def read(card: _Card, group: str, name: str, info: Parameters, value: str) -> None:
        if field in card.text:
            card.keep(group, name, info, value)
        else:
            card.text[field] = unescape(value).strip()

    return read


def _name(card: _Card, group: str, name: str, info: Parameters, value: str) -> None:
    if card.names is not None:
        card.keep(group, name, info, value)
        return
    parts = [*split_unescaped(value, ";"), "", "", "", ""][:5]
    family, given, middle, prefix, suffix = map(_name_part, parts, _NAME_JOINERS)
    card.names = (given, family, middle, prefix, suffix)


def _name_part(part: str, joiner: str) -> str:
    if "," not in part:
        return unescape(part).strip()
    # A list ("Richter,James": two middle names), or an escaped comma ("Richter\\, James").
    words = (unescape(word).strip() for word in split_unescaped(part, ","))
    return joiner.join(word for word in words if word)


def _words(field: str) -> Reader:
    def read(card: _Card, group: str, name: str, info: Parameters, value: str) -> None:
        words = (word.strip() for word in split_text(value, ","))
        getattr(card, field).extend(word for word in words if word)

    return read


def _email(card: _Card, group: str, name: str, info: Parameters, value: str) -> None:
    card.add(card.emails, group, info, unescape(value).strip())


def _phone(card: _Card, group: str, name: str, info: Parameters, value: str) -> None:
    value = unescape(value).strip()
    card.add(card.phones, group, info, value[4:] if value[:4].lower() == "tel:" else value)


def _url(card: _Card, group: str, name: str, info: Parameters, value: str) -> None:
    card.add(card.urls, group, info, unescape(value).strip())


def _social_profile(card: _Card, group: str, name: str, info: Parameters, value: str) -> None:
    """Apple's X-SOCIALPROFILE: a URL, or a user name (x-user=) on a known network."""
    url = unescape(value).strip()
    if "://" not in url:
        template = _SOCIAL_PROFILES.get(info.label)
        users = [user.strip() for user in param_values(info.params, "X-USER") if user.strip()]
        if not (template and users):
            card.keep(group, name, info, value)
            return
        url = template.format(users[0])
    card.add(card.urls, group, info, url)


def _address(card: _Card, group: str, name: str, info: Parameters, value: str) -> None:
    parts = [part.strip() for part in split_text(value, ";")]
    if len(parts) != 7:
        parts = [*parts, "", "", "", "", "", "", ""][:7]
    box, extended, street, locality, region, code, country = parts
    if box and not any(char.isalpha() for char in box):
        box = f"PO Box {box}"
    if box or extended:
        street = "\n".join(part for part in (box, extended, street) if part)
    address = Address(card.label(group, info), street, locality, region, code, country)
    card.addresses.append((info.preference, address))


def _organization(card: _Card, group: str, name: str, info: Parameters, value: str) -> None:
    if "organization" in card.text:
        card.keep(group, name, info, value)
        return
    parts = [part.strip() for part in split_text(value, ";")]
    card.text["organization"] = parts[0]
    card.text["department"] = ", ".join(part for part in parts[1:] if part)


def _note(card: _Card, group: str, name: str, info: Parameters, value: str) -> None:
    note = unescape(value).strip()
    if note:
        card.notes.append(note)


def _date(field: str, *, strict: bool) -> Reader:
    def read(card: _Card, group: str, name: str, info: Parameters, value: str) -> None:
        day = None if field in card.dates else parse_date(name, info, value, strict=strict)
        if day is None:
            card.keep(group, name, info, value)
        else:
            card.dates[field] = day

    return read


def _apple_date(card: _Card, group: str, name: str, info: Parameters, value: str) -> None:
    """X-ABDATE: an anniversary when its X-ABLabel says so; other dates are kept as extras."""
    is_anniversary = card.label(group, info, use=False) == "anniversary"
    day = None
    if is_anniversary and "anniversary" not in card.dates:
        day = parse_date(name, info, value, strict=False)
    if day is None:
        card.keep(group, name, info, value)
        return
    card.label(group, info)
    card.dates["anniversary"] = day


def _related(card: _Card, group: str, name: str, info: Parameters, value: str) -> None:
    """RELATED (4.0): a name when VALUE=text or not a URI; a URI is kept as an extra."""
    person = unescape(value).strip()
    is_text = any(kind.lower() == "text" for kind in param_values(info.params, "VALUE"))
    if person and (is_text or not _URI.match(person)):
        card.add(card.related, group, info, person)
    elif person:
        card.keep(group, name, info, value)


def _related_name(card: _Card, group: str, name: str, info: Parameters, value: str) -> None:
    person = unescape(value).strip()
    if person:
        label = _RELATIONS.get(name) or card.label(group, info)
        card.related.append((info.preference, Labeled(person, label)))


def _photo(card: _Card, group: str, name: str, info: Parameters, value: str) -> None:
    value = value.strip()
    if not value:
        return
    if "photo" in card.text:
        card.keep(group, name, info, value)
    elif info.encoding in ("B", "BASE64"):
        card.text["photo"] = f"data:{_media_type(info, value)};base64,{value}"
    else:
        card.text["photo"] = unescape(value)


def _media_type(info: Parameters, data: str) -> str:
    for kind in param_values(info.params, "TYPE") + param_values(info.params, "MEDIATYPE"):
        media = image_media_type(kind)
        if media:
            return media
    start = next((start for start in _IMAGE_STARTS if data.startswith(start)), "")
    return _IMAGE_STARTS.get(start, "application/octet-stream")


def _revised(card: _Card, group: str, name: str, info: Parameters, value: str) -> None:
    moment = parse_timestamp(unescape(value).strip())
    if moment is None or card.revised_at is not None:
        card.keep(group, name, info, value)
    else:
        card.revised_at = moment


def _apple_label(card: _Card, group: str, name: str, info: Parameters, value: str) -> None:
    if card.labels is None:
        card.labels = _apple_labels(card.raws)
    key = group.lower()
    if key in card.labels and key not in card.label_extras:  # the label read first
        card.label_extras[key] = len(card.extras)  # dropped if its property used it
    card.keep(group, name, info, value)


_READERS: dict[str, Reader] = {
    "FN": _text("full_name"),
    "N": _name,
    "NICKNAME": _words("nicknames"),
    "EMAIL": _email,
    "TEL": _phone,
    "URL": _url,
    "X-SOCIALPROFILE": _social_profile,
    "ADR": _address,
    "ORG": _organization,
    "TITLE": _text("title"),
    "BDAY": _date("birthday", strict=True),
    "ANNIVERSARY": _date("anniversary", strict=True),
    "X-ABDATE": _apple_date,
    "NOTE": _note,
    "CATEGORIES": _words("tags"),
    "RELATED": _related,
    "X-ABRELATEDNAMES": _related_name,
    "PHOTO": _photo,
    "UID": _text("identity"),
    "REV": _revised,
    "X-ABLABEL": _apple_label,
}
_READERS |= dict.fromkeys(_IGNORED, _ignore)
_READERS |= dict.fromkeys(_RELATIONS, _related_name)
_READERS |= {name: _date("anniversary", strict=False) for name in _ANNIVERSARIES}
