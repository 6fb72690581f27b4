"""The JSON shapes of Kithkin's records: a contract that scripts and the REST API rely on."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from kithkin.core.records import (
    Exchange,
    FollowUp,
    Interaction,
    Person,
    PersonRef,
    PersonSummary,
    SearchResults,
)
from kithkin.core.vocabulary import Purpose

JSON = dict[str, Any]


def iso_time(value: datetime | None) -> str | None:
    return value.isoformat().replace("+00:00", "Z") if value is not None else None


def _day(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def person_ref_json(ref: PersonRef) -> JSON:
    return {"id": ref.id, "name": ref.name}


def person_json(person: Person) -> JSON:
    return {
        "id": person.id,
        "name": person.name,
        "given_name": person.given_name,
        "family_name": person.family_name,
        "middle_name": person.middle_name,
        "prefix": person.prefix,
        "suffix": person.suffix,
        "nicknames": list(person.nicknames),
        "emails": [{"value": e.value, "label": e.label} for e in person.emails],
        "phones": [{"value": p.value, "raw": p.raw, "label": p.label} for p in person.phones],
        "urls": [{"value": u.value, "label": u.label} for u in person.urls],
        "addresses": [
            {
                "label": a.label,
                "street": a.street,
                "locality": a.locality,
                "region": a.region,
                "postal_code": a.postal_code,
                "country": a.country,
            }
            for a in person.addresses
        ],
        "organization": person.organization,
        "title": person.title,
        "employments": [
            {
                "organization": job.organization,
                "title": job.title,
                "start": job.start.iso() if job.start else None,
                "end": job.end.iso() if job.end else None,
                "current": job.current,
            }
            for job in person.employments
        ],
        "related": [{"name": r.value, "label": r.label} for r in person.related],
        "birthday": person.birthday.iso() if person.birthday else None,
        "met_how": person.met_how,
        "met_on": person.met_on.isoformat() if person.met_on else None,
        "circle": person.circle.value,
        "cadence_days": person.cadence_days,
        "mode": person.mode.value,
        "tags": list(person.tags),
        "interests": list(person.interests),
        "notes": person.notes,
        "created_at": iso_time(person.created_at),
        "updated_at": iso_time(person.updated_at),
        "last_interaction_at": iso_time(person.last_interaction_at),
        "provenance": dict(sorted(person.provenance.items())),
    }


def person_summary_json(summary: PersonSummary) -> JSON:
    return {
        "id": summary.id,
        "name": summary.name,
        "organization": summary.organization,
        "title": summary.title,
        "circle": summary.circle.value,
        "mode": summary.mode.value,
        "tags": list(summary.tags),
        "last_interaction_at": iso_time(summary.last_interaction_at),
        "warmth": summary.warmth,
    }


def exchange_json(exchange: Exchange) -> JSON:
    return {
        "id": exchange.id,
        "person": person_ref_json(exchange.person),
        "direction": exchange.direction.value,
        "kind": exchange.kind.value,
        "text": exchange.text,
        "at": iso_time(exchange.at),
        "interaction_id": exchange.interaction_id,
    }


def follow_up_json(follow_up: FollowUp) -> JSON:
    return {
        "id": follow_up.id,
        "due": _day(follow_up.due),
        "text": follow_up.text,
        "status": follow_up.status.value,
        "person": person_ref_json(follow_up.person) if follow_up.person else None,
        "interaction_id": follow_up.interaction_id,
        "snoozed_until": _day(follow_up.snoozed_until),
        "created_at": iso_time(follow_up.created_at),
        "done_at": iso_time(follow_up.done_at),
    }


def interaction_json(interaction: Interaction) -> JSON:
    return {
        "id": interaction.id,
        "at": iso_time(interaction.at),
        "people": [person_ref_json(ref) for ref in interaction.people],
        "channel": interaction.channel.value,
        "purpose": interaction.purpose.value if interaction.purpose else None,
        "purpose_source": interaction.purpose_source.value if interaction.purpose_source else None,
        "purpose_confidence": interaction.purpose_confidence,
        "note": interaction.note,
        "topics": list(interaction.topics),
        "minutes": interaction.minutes,
        "initiated_by": interaction.initiated_by.value,
        "activity": interaction.activity.value if interaction.activity else None,
        "exchanges": [exchange_json(e) for e in interaction.exchanges],
        "follow_ups": [follow_up_json(f) for f in interaction.follow_ups],
    }


def edited_interaction_json(
    interaction: Interaction,
    *,
    changed: Sequence[str],
    model_purpose: Purpose | None,
    retrained: bool,
) -> JSON:
    """`edit-interaction` (and the API's PATCH): the interaction as it is now, with what the
    purpose model says of its note, whether a correction refitted the model, and which of
    note, date, channel, minutes and purpose differ from before."""
    return interaction_json(interaction) | {
        "model_purpose": model_purpose.value if model_purpose else None,
        "retrained": retrained,
        "changed": list(changed),
    }


def removed_interaction_json(interaction: Interaction, kept: Sequence[FollowUp]) -> JSON:
    """`rm-interaction` (and the API's DELETE): the interaction as it was, and its follow-ups,
    which stay (no longer linked to it)."""
    return {
        "deleted": interaction_json(interaction),
        "kept_follow_ups": [follow_up_json(f) for f in kept],
    }


def search_json(results: SearchResults) -> JSON:
    return {
        "people": [person_summary_json(p) for p in results.people],
        "interactions": [interaction_json(i) for i in results.interactions],
    }
