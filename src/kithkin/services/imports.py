"""Importing contacts from other tools' exports: one transaction, idempotent, explained.

A record is matched to a stored person by its source identity (LinkedIn URL, vCard UID),
then a normalized e-mail, then an E.164 phone. A same-name match alone is only flagged.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from kithkin.core.imports import ImportedPerson, ImportIssue, ImportReport, PossibleDuplicate
from kithkin.errors import InvalidInput
from kithkin.formats.contact import ContactCard, ParsedContacts
from kithkin.services.card_check import CheckedCard, check_card, fingerprint
from kithkin.services.card_updates import changes_against
from kithkin.services.context import Context
from kithkin.services.linkedin_activity import LinkedInActivity, import_linkedin_activity
from kithkin.services.memory import collector_paused
from kithkin.store import Transaction
from kithkin.store.imports import DIGEST_PREFIX, Identity, MatchIndex, NewContact, params_json

KINDS = ("linkedin", "vcard", "google", "outlook")
Progress = Callable[[int, int], None]  # (records done, records in all)
# Where a kind's identities are kept. A record without a key of its own (a Google or Outlook
# row, a vCard without UID) is known by its digest: the same file imports again as unchanged.
_SYSTEMS = {"linkedin": "linkedin", "vcard": "vcard", "google": "google", "outlook": "outlook"}


def _identity_key(card: ContactCard, digest: str) -> str:
    return card.identity or DIGEST_PREFIX + digest


@dataclass
class _Plan:
    new: list[CheckedCard] = field(default_factory=list)
    matched: list[tuple[int, CheckedCard]] = field(default_factory=list)


def import_contacts(
    ctx: Context,
    kind: str,
    path: Path,
    *,
    dry_run: bool = False,
    skip_invalid: bool = False,
    progress: Progress | None = None,
) -> ImportReport:
    """Import a file (or a vdir folder, or a LinkedIn export .zip) of ``kind``."""
    if kind not in KINDS:
        raise InvalidInput(f"{kind!r} is not an import format; use one of {', '.join(KINDS)}.")
    if not path.exists():
        raise InvalidInput("no such file or folder.", file=str(path))
    with collector_paused():
        return _import(ctx, kind, path, dry_run, skip_invalid, progress)


def _import(
    ctx: Context,
    kind: str,
    path: Path,
    dry_run: bool,
    skip_invalid: bool,
    progress: Progress | None,
) -> ImportReport:
    parsed, activity = _read(kind, path)
    report = ImportReport(kind=kind, file=str(path), dry_run=dry_run)
    report.skipped += parsed.skipped
    system = _SYSTEMS[kind]
    with ctx.store.transaction(dry_run=dry_run) as tx:
        index = tx.imports.match_index(system)
        # Records identical to what was imported last time need no checking at all.
        known, fresh = _known(parsed.cards, index, system)
        checked, problems = _check(parsed, fresh, ctx.settings.phone_region, progress)
        if activity is not None:
            problems += activity.problems()
        if problems and not skip_invalid:
            report.errors = problems
            return report
        report.skipped += problems
        source_id = tx.new_source(f"import:{kind}", now=ctx.now(), detail=path.name)
        plan = _plan(checked, index, system)
        created = _create(tx, plan.new, index, report, source_id=source_id, ctx=ctx, system=system)
        if progress:
            progress(len(checked) * 3 // 4, len(checked))
        for person_id, card in plan.matched:
            # A record repeating a person new in this file points at its position: now an id.
            person_id = created[-1 - person_id] if person_id < 0 else person_id
            _update(tx, person_id, card, report, source_id=source_id, ctx=ctx, system=system)
        uids = tx.imports.uids([person_id for person_id, _ in known])
        report.unchanged += [
            ImportedPerson(card.line, card.name, uids[person_id]) for person_id, card in known
        ]
        if progress:
            progress(len(checked), len(checked))
        if activity is not None:
            import_linkedin_activity(tx, activity, report, source_id=source_id, now=ctx.now())
        if dry_run:
            _forget_ids(report)
    return report


def _read(kind: str, path: Path) -> tuple[ParsedContacts, LinkedInActivity | None]:
    from kithkin.formats import text

    if kind == "linkedin":
        from kithkin.formats.linkedin import read_export

        export = read_export(path)
        connections = export.connections or ParsedContacts(file=str(path))
        return connections, LinkedInActivity(export.messages, export.invitations)
    if kind == "vcard":
        from kithkin.formats.vcard import read_vcard_path

        return read_vcard_path(path), None
    if path.is_dir():
        raise InvalidInput(f"a {kind} export is one CSV file, not a folder.", file=str(path))
    decoded = text.decode(path.read_bytes(), file=str(path))
    if kind == "google":
        from kithkin.formats.google import read_google_csv

        return read_google_csv(decoded, file=str(path)), None
    from kithkin.formats.outlook import read_outlook_csv

    return read_outlook_csv(decoded, file=str(path)), None


def _known(
    cards: Sequence[ContactCard], index: MatchIndex, system: str
) -> tuple[list[tuple[int, ContactCard]], list[ContactCard]]:
    """Split the records into those stored unchanged since the last import, and the rest."""
    if not index.identities:
        return [], list(cards)
    known: list[tuple[int, ContactCard]] = []
    fresh: list[ContactCard] = []
    for card in cards:
        digest = fingerprint(card)
        stored = index.identities.get(_identity_key(card, digest))
        if stored is not None and stored[1] == digest:
            known.append((stored[0], card))
        else:
            fresh.append(card)
    return known, fresh


def _check(
    parsed: ParsedContacts,
    cards: Sequence[ContactCard],
    phone_region: str | None,
    progress: Progress | None = None,
) -> tuple[list[CheckedCard], list[ImportIssue]]:
    checked: list[CheckedCard] = []
    problems = list(parsed.problems)
    for number, card in enumerate(cards):
        if progress and number % 1000 == 0:
            progress(number // 2, len(cards))  # checking is about half the work
        try:
            checked.append(check_card(card, phone_region=phone_region))
        except InvalidInput as error:
            where = card.file or parsed.file
            problems.append(ImportIssue(where, card.line, error.field or "", error.message))
    problems.sort(key=lambda issue: (issue.file, issue.line))
    return checked, problems


def _plan(cards: Sequence[CheckedCard], index: MatchIndex, system: str) -> _Plan:
    """Who each record is: a stored person (changed or not), or someone new."""
    plan = _Plan()
    new_keys: dict[str, int] = {}  # identity / e-mail / phone of a new record → its position
    for card in cards:
        identity = _identity_key(card.card, card.fingerprint)
        stored = index.identities.get(identity)
        if stored is not None:
            plan.matched.append((stored[0], card))
            continue
        keys = _keys(card, identity)
        found = next((pid for key in keys if (pid := _stored_by(index, key)) is not None), None)
        if found is not None:
            plan.matched.append((found, card))
            continue
        earlier = next((new_keys[key] for key in keys if key in new_keys), None)
        if earlier is not None:  # the same person twice in one file: one person, updated
            plan.matched.append((-1 - earlier, card))
            continue
        for key in keys:
            new_keys[key] = len(plan.new)
        plan.new.append(card)
    return plan


def _keys(card: CheckedCard, identity: str) -> list[str]:
    keys = [f"id:{identity}"] if identity else []
    keys += [f"email:{email.value}" for email in card.changes.emails]
    keys += [f"phone:{phone.e164}" for phone in card.changes.phones if phone.e164]
    return keys


def _stored_by(index: MatchIndex, key: str) -> int | None:
    kind, _, value = key.partition(":")
    if kind == "email":
        return index.emails.get(value)
    if kind == "phone":
        return index.phones.get(value)
    return None


def _contact(card: CheckedCard, system: str) -> NewContact:
    data = card.card
    key = _identity_key(data, card.fingerprint)
    identity = Identity(system, key, card.fingerprint, data.connected_on)
    changes = card.changes
    if data.connected_on is not None and changes.met_how is None:
        changes = replace(changes, met_how="connected on LinkedIn")
    return NewContact(
        changes=changes,
        department=data.department,
        addresses=data.addresses,
        related=data.related,
        photo=data.photo,
        extras=tuple(
            (extra.group, extra.name, params_json(extra.params), extra.value)
            for extra in data.extras
        ),
        anniversary=data.anniversary,
        identity=identity,
    )


def _create(
    tx: Transaction,
    cards: list[CheckedCard],
    index: MatchIndex,
    report: ImportReport,
    *,
    source_id: int,
    ctx: Context,
    system: str,
) -> list[int]:
    ids = tx.imports.create(
        [_contact(card, system) for card in cards], source_id=source_id, now=ctx.now()
    )
    uids = tx.imports.uids(ids)
    flagged: list[tuple[int, CheckedCard, int]] = []  # (new person, record, namesake)
    for person_id, card in zip(ids, cards, strict=True):
        report.created.append(ImportedPerson(card.card.line, card.name, uids[person_id]))
        same_name = index.names[card.name.casefold()]
        if same_name:
            flagged.append((person_id, card, same_name[0]))
        same_name.append(person_id)
    namesakes = tx.people.names(sorted({existing for _, _, existing in flagged}))
    for person_id, card, existing in flagged:
        existing_uid, existing_name = namesakes[existing]
        report.possible_duplicates.append(
            PossibleDuplicate(
                card.card.line,
                card.name,
                uids[person_id],
                existing_uid,
                existing_name,
                "same name",
            )
        )
    return ids


def _update(
    tx: Transaction,
    person_id: int,
    card: CheckedCard,
    report: ImportReport,
    *,
    source_id: int,
    ctx: Context,
    system: str,
) -> None:
    """Apply what the record says that the stored person does not have yet."""
    person = tx.people.get(person_id)
    changes = changes_against(person, card.changes, source_kind=f"import:{report.kind}")
    contact = _contact(card, system)
    added = tx.imports.add_card_data(person_id, contact, source_id=source_id, now=ctx.now())
    if changes.touched:
        tx.people.apply(person_id, changes, source_id=source_id, now=ctx.now())
    fields = tuple(sorted(changes.touched | set(added)))
    entry = ImportedPerson(card.card.line, person.name, person.id, fields)
    (report.updated if fields else report.unchanged).append(entry)


def _forget_ids(report: ImportReport) -> None:
    """A dry run's new people were never kept: their ids would point nowhere."""
    created = {entry.person_id for entry in report.created}
    report.created = [
        ImportedPerson(entry.line, entry.name, "", entry.changes) for entry in report.created
    ]
    report.possible_duplicates = [
        PossibleDuplicate(
            entry.line,
            entry.name,
            "" if entry.person_id in created else entry.person_id,
            "" if entry.existing_id in created else entry.existing_id,
            entry.existing_name,
            entry.reason,
        )
        for entry in report.possible_duplicates
    ]
