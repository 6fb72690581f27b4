"""A quick log: free text read into an interaction, shown before it is saved."""

from __future__ import annotations

from dataclasses import dataclass

from kithkin.core.log_entry import LogInput
from kithkin.core.quick_log import QuickLog, read_quick_log
from kithkin.core.records import Interaction, PersonRef
from kithkin.errors import Ambiguous, InvalidInput, NotFound
from kithkin.purpose.classifier import Classification, classify
from kithkin.services.context import Context
from kithkin.services.interactions import log_interaction
from kithkin.services.purpose import current_model
from kithkin.store import Transaction


@dataclass(frozen=True, slots=True)
class QuickLogPreview:
    """What Kithkin understood, and what stops it from saving (unknown or ambiguous names)."""

    parsed: QuickLog
    people: tuple[PersonRef, ...]
    problems: tuple[str, ...]
    classification: Classification | None

    @property
    def ready(self) -> bool:
        return not self.problems


def understand_quick_log(ctx: Context, text: str) -> QuickLogPreview:
    parsed = read_quick_log(text, now=ctx.now(), tz=ctx.settings.timezone)
    people: dict[str, PersonRef] = {}
    problems: list[str] = []
    with ctx.store.transaction() as tx:
        for name, written_as_name in zip(parsed.names, parsed.capitalized, strict=True):
            try:
                found = _resolve(tx, name)
            except Ambiguous as error:
                problems.append(str(error))
                continue
            except NotFound:
                if written_as_name:
                    problems.append(
                        f"{name!r} matches nobody; add them first "
                        f"(kithkin add {name.lstrip('@')!r}) or write the name as it is stored."
                    )
                continue
            people.setdefault(found.id, found)
        if not people and not problems:
            problems.append(
                "no one is named; write who it was with, e.g. 'coffee with Ana Ruiz' or '@sam'."
            )
        classification = classify(current_model(ctx, tx), parsed.note) if parsed.note else None
    return QuickLogPreview(parsed, tuple(people.values()), tuple(problems), classification)


def save_quick_log(ctx: Context, preview: QuickLogPreview) -> Interaction:
    """Log what the preview understood; refused while it names someone unknown."""
    if not preview.ready:
        raise InvalidInput(" ".join(preview.problems), field="--quick")
    parsed = preview.parsed
    tz = ctx.settings.timezone
    follow_up = parsed.follow_up
    return log_interaction(
        ctx,
        [person.id for person in preview.people],
        LogInput(
            note=parsed.note,
            date=parsed.at.astimezone(tz).strftime("%Y-%m-%dT%H:%M") if parsed.date_words else None,
            channel=parsed.channel.value if parsed.channel else None,
            minutes=parsed.minutes,
            follow_up=f"{follow_up.due.isoformat()}: {follow_up.text}" if follow_up else None,
        ),
    )


def _resolve(tx: Transaction, name: str) -> PersonRef:
    person_id = tx.people.resolve_handle(name) if name.startswith("@") else tx.people.resolve(name)
    uid, display = tx.people.names([person_id])[person_id]
    return PersonRef(uid, display)
