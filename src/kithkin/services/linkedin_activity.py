"""LinkedIn messages and invitations become interactions on the ``linkedin`` channel.

Only with people already known by their profile URL (the connections); each message is
keyed so that importing the same export again adds nothing.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from kithkin.core.imports import ImportIssue, ImportReport
from kithkin.core.log_entry import LogEntry
from kithkin.core.vocabulary import Channel, Initiator
from kithkin.formats.linkedin import ParsedInvitations, ParsedMessages
from kithkin.store import Transaction

_PREFIX = "linkedin:"


@dataclass(frozen=True)
class LinkedInActivity:
    messages: ParsedMessages | None
    invitations: ParsedInvitations | None

    def problems(self) -> list[ImportIssue]:
        found = list(self.messages.problems) if self.messages else []
        return found + (list(self.invitations.problems) if self.invitations else [])


@dataclass(frozen=True)
class _Touch:
    file: str
    line: int
    key: str
    at: datetime
    others: tuple[str, ...]  # profile URLs
    other_names: tuple[str, ...]
    note: str
    initiated_by: Initiator


def import_linkedin_activity(
    tx: Transaction,
    activity: LinkedInActivity,
    report: ImportReport,
    *,
    source_id: int,
    now: datetime,
) -> None:
    people = tx.imports.identity_ids("linkedin")
    touches = _messages(activity.messages, people) + _invitations(activity.invitations)
    known = tx.imports.external_keys(_PREFIX)
    strangers: dict[str, list[_Touch]] = {}
    for touch in sorted(touches, key=lambda t: (t.at, t.key)):
        ids = [people[url] for url in touch.others if url in people]
        if not ids:
            strangers.setdefault(", ".join(touch.other_names) or "someone", []).append(touch)
            continue
        if touch.key in known:
            report.interactions_unchanged += 1
            continue
        entry = LogEntry(
            at=touch.at,
            channel=Channel.LINKEDIN,
            note=touch.note,
            purpose=None,
            minutes=None,
            exchanges=(),
            follow_up=None,
            initiated_by=touch.initiated_by,
            activity=None,
        )
        tx.interactions.add(entry, ids, source_id=source_id, now=now, external_key=touch.key)
        known.add(touch.key)
        report.interactions_created += 1
    for names, skipped in strangers.items():
        first = skipped[0]
        what = "message" if len(skipped) == 1 else f"{len(skipped)} messages"
        report.skipped.append(
            ImportIssue(
                first.file, first.line, "", f"{what} with {names}, not one of your connections"
            )
        )


def _key(*parts: str) -> str:
    digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:32]
    return f"{_PREFIX}{digest}"


def _my_url(messages: ParsedMessages, people: dict[str, int]) -> str:
    """The export's owner: in every conversation, and never one of their own connections."""
    counts: Counter[str] = Counter()
    for message in messages.messages:
        for url in (message.sender_url, *message.recipient_urls):
            if url and url not in people:
                counts[url] += 1
    return counts.most_common(1)[0][0] if counts else ""


def _messages(messages: ParsedMessages | None, people: dict[str, int]) -> list[_Touch]:
    if messages is None:
        return []
    me = _my_url(messages, people)
    touches = []
    for message in messages.messages:
        if message.draft:
            continue
        urls = [message.sender_url, *message.recipient_urls]
        names = [message.sender_name, *message.recipient_names]
        others = tuple(url for url in urls if url and url != me)
        other_names = tuple(
            name for url, name in zip(urls, names, strict=False) if url != me and name
        )
        text = message.content
        if message.subject and message.subject not in text:
            text = f"{message.subject}: {text}" if text else message.subject
        touches.append(
            _Touch(
                file=messages.file,
                line=message.line,
                key=_key(
                    "message",
                    message.conversation_id,
                    message.sent_at.isoformat(),
                    message.sender_url,
                    message.content,
                ),
                at=message.sent_at,
                others=others,
                other_names=other_names,
                note=text or "LinkedIn message",
                initiated_by=Initiator.ME if message.sender_url == me else Initiator.THEM,
            )
        )
    return touches


def _invitations(invitations: ParsedInvitations | None) -> list[_Touch]:
    if invitations is None:
        return []
    touches = []
    for invitation in invitations.invitations:
        other = invitation.sender_url if invitation.incoming else invitation.recipient_url
        name = invitation.sender_name if invitation.incoming else invitation.recipient_name
        what = "Invitation received on LinkedIn" if invitation.incoming else "Invited on LinkedIn"
        touches.append(
            _Touch(
                file=invitations.file,
                line=invitation.line,
                key=_key("invitation", invitation.sent_at.isoformat(), other),
                at=invitation.sent_at,
                others=(other,) if other else (),
                other_names=(name,) if name else (),
                note=f"{what}: {invitation.message}" if invitation.message else what,
                initiated_by=Initiator.THEM if invitation.incoming else Initiator.ME,
            )
        )
    return touches
