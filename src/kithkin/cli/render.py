"""Turn records into Rich renderables. Nothing here prints; ``output.Output`` does."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, tzinfo

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from kithkin.core.records import (
    Address,
    FollowUp,
    Interaction,
    Person,
    PersonSummary,
    SearchResults,
)
from kithkin.core.vocabulary import FollowUpStatus, Purpose
from kithkin.services.people import PersonDetail

SHORT_ID = 8
PURPOSE_STYLE = {Purpose.NETWORKING: "blue", Purpose.SOCIAL: "green", Purpose.BOTH: "magenta"}


def short(uid: str) -> str:
    return uid[:SHORT_ID]


def when(value: datetime | None, tz: tzinfo, *, today: date | None = None) -> str:
    if value is None:
        return "never"
    local = value.astimezone(tz)
    if local.hour == 12 and local.minute == 0:
        return local.strftime("%Y-%m-%d")
    return local.strftime("%Y-%m-%d %H:%M")


def day_of(value: datetime | None, tz: tzinfo) -> str:
    return "never" if value is None else value.astimezone(tz).strftime("%Y-%m-%d")


def purpose_badge(interaction: Interaction) -> Text:
    if interaction.purpose is None:
        return Text("unclassified", style="dim")
    label = interaction.purpose.value
    if interaction.purpose_source is not None and interaction.purpose_source.value == "model":
        confidence = interaction.purpose_confidence or 0.0
        label += f" (guess {confidence:.0%})"
    return Text(label, style=PURPOSE_STYLE[interaction.purpose])


def people_table(people: Sequence[PersonSummary], tz: tzinfo) -> RenderableType:
    if not people:
        return Text('No people yet. Add one: kithkin add "Ana Ruiz" --email ana@example.com')
    table = Table(box=None, header_style="bold", pad_edge=False)
    table.add_column("id", no_wrap=True, style="dim")
    table.add_column("name", style="bold", ratio=3)
    table.add_column("works", ratio=4)
    table.add_column("circle", no_wrap=True)
    table.add_column("tags", ratio=2)
    table.add_column("warmth", justify="right", no_wrap=True)
    table.add_column("last", no_wrap=True)
    for person in people:
        job = " at ".join(part for part in (person.title, person.organization) if part)
        table.add_row(
            short(person.id),
            person.name,
            job,
            person.circle.value,
            ", ".join(person.tags),
            "" if person.warmth is None else str(person.warmth),
            day_of(person.last_interaction_at, tz),
        )
    return Group(
        table, Text(f"{len(people)} {'person' if len(people) == 1 else 'people'}", style="dim")
    )


def person_view(detail: PersonDetail, tz: tzinfo) -> RenderableType:
    person = detail.person
    header = Text(person.name, style="bold")
    header.append(f"  {person.id}", style="dim")
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="dim", no_wrap=True)
    facts.add_column()
    for label, value in _facts(person, detail, tz):
        if value:
            facts.add_row(label, value)
    parts: list[RenderableType] = [header, facts]
    if detail.follow_ups:
        parts += [Text("\nOpen follow-ups", style="bold"), follow_ups_table(detail.follow_ups)]
    if detail.recent:
        parts += [
            Text("\nRecent interactions", style="bold"),
            interactions_table(detail.recent, tz),
        ]
    return Group(*parts)


def _facts(person: Person, detail: PersonDetail, tz: tzinfo) -> list[tuple[str, str]]:
    job = " at ".join(part for part in (person.title, person.organization) if part)
    past = [
        f"{j.title + ' at ' if j.title else ''}{j.organization}"
        + (f" (until {j.end.iso()})" if j.end else "")
        for j in person.employments
        if not j.current
    ]
    cadence = f"every {detail.cadence_days} days" if detail.cadence_days else "no regular check-in"
    return [
        ("nicknames", ", ".join(person.nicknames)),
        ("works", job),
        ("before", "; ".join(past)),
        ("e-mail", ", ".join(e.value for e in person.emails)),
        (
            "phone",
            ", ".join(p.value + (f" ({p.raw})" if p.raw != p.value else "") for p in person.phones),
        ),
        ("web", ", ".join(u.value for u in person.urls)),
        ("address", "; ".join(_address(a) for a in person.addresses)),
        (
            "related",
            ", ".join(r.value + (f" ({r.label})" if r.label else "") for r in person.related),
        ),
        ("birthday", person.birthday.iso() if person.birthday else ""),
        ("circle", f"{person.circle.value}, {cadence}"),
        ("mode", person.mode.value),
        ("tags", ", ".join(person.tags)),
        ("interests", ", ".join(person.interests)),
        ("met", ", ".join(filter(None, (person.met_how, _day(person.met_on))))),
        ("last contact", when(person.last_interaction_at, tz)),
        ("warmth", f"{detail.warmth.score}/100 — {detail.warmth.explanation}"),
        ("notes", person.notes),
    ]


def _address(address: Address) -> str:
    place = " ".join(filter(None, (address.postal_code, address.locality)))
    parts = (address.street.replace("\n", ", "), place, address.region, address.country)
    text = ", ".join(part for part in parts if part)
    return f"{text} ({address.label})" if address.label and text else text


def _day(day: date | None) -> str:
    return day.isoformat() if day else ""


def interactions_table(interactions: Sequence[Interaction], tz: tzinfo) -> RenderableType:
    table = Table(box=None, header_style="bold", pad_edge=False)
    for column in ("#", "when", "with", "channel", "purpose", "note"):
        table.add_column(column, no_wrap=column in {"#", "when"})
    for interaction in interactions:
        table.add_row(
            str(interaction.id),
            when(interaction.at, tz),
            ", ".join(ref.name for ref in interaction.people)
            or (interaction.activity.value if interaction.activity else ""),
            interaction.channel.value,
            purpose_badge(interaction),
            interaction.note,
        )
    return table


def interaction_view(
    interaction: Interaction, tz: tzinfo, *, title: str = "Logged"
) -> RenderableType:
    with_whom = ", ".join(ref.name for ref in interaction.people)
    line = Text(f"{title} #{interaction.id}", style="bold")
    line.append(f"  {when(interaction.at, tz)}  {interaction.channel.value}")
    if with_whom:
        line.append(f"  with {with_whom}")
    parts: list[RenderableType] = [line]
    if interaction.note:
        parts.append(Text("  " + interaction.note))
    purpose = Text("  purpose: ")
    purpose.append_text(purpose_badge(interaction))
    if interaction.topics:
        purpose.append("  topics: " + ", ".join(interaction.topics), style="dim")
    parts.append(purpose)
    for exchange in interaction.exchanges:
        parts.append(
            Text(
                f"  {exchange.direction.value} {exchange.kind.value}"
                + (f": {exchange.text}" if exchange.text else "")
                + f" ({exchange.person.name})"
            )
        )
    for follow_up in interaction.follow_ups:
        parts.append(
            Text(
                f"  follow-up #{follow_up.id} due {follow_up.due.isoformat()}: {follow_up.text}"
                + (f" ({follow_up.person.name})" if follow_up.person else ""),
                style="yellow",
            )
        )
    return Group(*parts)


def follow_ups_table(
    follow_ups: Sequence[FollowUp], *, today: date | None = None
) -> RenderableType:
    if not follow_ups:
        return Text("No open follow-ups.")
    table = Table(box=None, header_style="bold", pad_edge=False)
    for column in ("#", "due", "who", "what", "status"):
        table.add_column(column, no_wrap=column in {"#", "due"})
    for follow_up in follow_ups:
        overdue = (
            today is not None and follow_up.status is FollowUpStatus.OPEN and follow_up.due < today
        )
        table.add_row(
            str(follow_up.id),
            Text(follow_up.due.isoformat(), style="red bold" if overdue else ""),
            follow_up.person.name if follow_up.person else "",
            follow_up.text,
            follow_up.status.value + (" (overdue)" if overdue else ""),
        )
    return table


def search_view(results: SearchResults, tz: tzinfo) -> RenderableType:
    if not results.people and not results.interactions:
        return Text("Nothing found.")
    parts: list[RenderableType] = []
    if results.people:
        parts += [Text("People", style="bold"), people_table(results.people, tz)]
    if results.interactions:
        parts += [
            Text("\nInteractions", style="bold"),
            interactions_table(results.interactions, tz),
        ]
    return Group(*parts)
