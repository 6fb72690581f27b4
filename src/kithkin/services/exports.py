"""Exports for other tools: vCards, a Google-compatible CSV, and an iCalendar feed."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from kithkin.core.records import Labeled, Person
from kithkin.formats.contact import ContactCard, RawProperty
from kithkin.services.context import Context
from kithkin.store.imports import CardData

VCARD_VERSIONS = ("3.0", "4.0")


@dataclass(frozen=True)
class ExportedCard:
    uid: str  # also the vdir file's name
    text: str


def _people(ctx: Context) -> Iterator[tuple[Person, CardData]]:
    with ctx.store.transaction() as tx:
        for person_id in tx.imports.all_ids():
            yield tx.people.get(person_id), tx.imports.card_data(person_id)


def person_card(person: Person, data: CardData) -> ContactCard:
    """A person as a card: everything Kithkin keeps that a vCard can say."""
    return ContactCard(
        line=0,
        identity=data.vcard_uid or person.id,
        full_name=person.name,
        given_name=person.given_name,
        family_name=person.family_name,
        middle_name=person.middle_name,
        prefix=person.prefix,
        suffix=person.suffix,
        nicknames=person.nicknames,
        emails=person.emails,
        phones=tuple(Labeled(phone.raw, phone.label) for phone in person.phones),
        urls=person.urls,
        addresses=person.addresses,
        organization=person.organization,
        department=data.department,
        title=person.title,
        birthday=person.birthday,
        notes=person.notes,
        tags=person.tags,
        related=data.related,
        photo=data.photo,
        revised_at=person.updated_at,
        extras=tuple(
            RawProperty(
                name=name,
                value=value,
                params=tuple((key, tuple(values)) for key, values in json.loads(params)),
                group=group,
            )
            for group, name, params, value in data.extras
        ),
    )


def export_vcards(ctx: Context, *, version: str = "3.0") -> list[ExportedCard]:
    from kithkin.formats.vcard import write_vcard

    cards = []
    for person, data in _people(ctx):
        card = person_card(person, data)
        cards.append(ExportedCard(card.identity, write_vcard(card, version=version)))
    return cards


def export_csv(ctx: Context) -> str:
    """People as Google Contacts CSV (its column names, so Google and Kithkin read it back)."""
    people = list(_people(ctx))
    most = {
        "emails": max((len(p.emails) for p, _ in people), default=0),
        "phones": max((len(p.phones) for p, _ in people), default=0),
        "addresses": max((len(p.addresses) for p, _ in people), default=0),
        "urls": max((len(p.urls) for p, _ in people), default=0),
    }
    header = [
        "Name",
        "Given Name",
        "Additional Name",
        "Family Name",
        "Name Prefix",
        "Name Suffix",
        "Nickname",
        "Birthday",
        "Notes",
        "Group Membership",
        *_numbered("E-mail", most["emails"], ("Type", "Value")),
        *_numbered("Phone", most["phones"], ("Type", "Value")),
        *_numbered(
            "Address",
            most["addresses"],
            ("Type", "Street", "City", "Region", "Postal Code", "Country"),
        ),
        "Organization 1 - Name",
        "Organization 1 - Title",
        "Organization 1 - Department",
        *_numbered("Website", most["urls"], ("Type", "Value")),
    ]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for person, data in people:
        row = [
            person.name,
            person.given_name,
            person.middle_name,
            person.family_name,
            person.prefix,
            person.suffix,
            " ::: ".join(person.nicknames),
            _google_birthday(person),
            person.notes,
            " ::: ".join(["* myContacts", *person.tags]),
            *_padded([(e.label, e.value) for e in person.emails], most["emails"], 2),
            *_padded([(p.label, p.raw) for p in person.phones], most["phones"], 2),
            *_padded(
                [
                    (a.label, a.street, a.locality, a.region, a.postal_code, a.country)
                    for a in person.addresses
                ],
                most["addresses"],
                6,
            ),
            person.organization,
            person.title,
            data.department,
            *_padded([(u.label, u.value) for u in person.urls], most["urls"], 2),
        ]
        writer.writerow(row)
    return out.getvalue()


def _numbered(kind: str, count: int, parts: tuple[str, ...]) -> list[str]:
    return [f"{kind} {n} - {part}" for n in range(1, count + 1) for part in parts]


def _padded(values: list[tuple[str, ...]], count: int, width: int) -> list[str]:
    cells = [cell for value in values for cell in value]
    return cells + [""] * (count * width - len(cells))


def _google_birthday(person: Person) -> str:
    if person.birthday is None:
        return ""
    day = person.birthday
    return day.iso() if day.year is not None else f" --{day.month:02d}-{day.day:02d}"


def export_ics(ctx: Context) -> bytes:
    """Open follow-ups, today's due check-ins and yearly birthdays, for a calendar to subscribe."""
    from icalendar import Calendar, Event

    from kithkin.core.agenda import AgendaKind
    from kithkin.services import engine
    from kithkin.services.interactions import list_follow_ups

    now = ctx.now()
    today = now.astimezone(ctx.settings.timezone).date()
    calendar = Calendar()
    calendar.add("prodid", "-//Kithkin//Kithkin//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "Kithkin")

    def event(uid: str, day: date, summary: str, description: str = "") -> Event:
        item = Event()
        item.add("uid", f"{uid}@kithkin")
        item.add("dtstamp", now)
        item.add("dtstart", day)
        item.add("dtend", day + timedelta(days=1))
        item.add("summary", summary)
        if description:
            item.add("description", description)
        item.add("transp", "TRANSPARENT")
        return item

    for follow_up in list_follow_ups(ctx):
        who = f" ({follow_up.person.name})" if follow_up.person else ""
        calendar.add_component(
            event(f"follow-up-{follow_up.id}", follow_up.due, f"Follow up{who}: {follow_up.text}")
        )
    for item in engine.today(ctx, limit=100):
        if item.kind is AgendaKind.CHECK_IN:
            calendar.add_component(
                event(
                    f"{item.key}-{today.isoformat()}",
                    today,
                    f"Check in with {item.person_name}",
                    f"{item.reason}. {item.action}",
                )
            )
    with ctx.store.transaction() as tx:
        birthdays = tx.people.birthdays()
    for uid, name, day in birthdays:
        birthday = event(f"birthday-{uid}", day.next_occurrence(today), f"{name}'s birthday")
        birthday.add("rrule", {"freq": "yearly"})
        calendar.add_component(birthday)
    feed: bytes = calendar.to_ical()
    return feed
