"""People: create, change, find, list and really delete, always within one owner."""

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any, NamedTuple, TypeVar

from sqlalchemy import (
    Integer,
    and_,
    bindparam,
    delete,
    func,
    literal_column,
    or_,
    select,
    union_all,
    update,
)
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import BindParameter, ColumnElement

from kithkin.core.dates import PartialDate
from kithkin.core.person_changes import PersonChanges
from kithkin.core.records import Address, Employment, Labeled, Person, PersonSummary, Phone
from kithkin.core.search_text import person_search_text
from kithkin.core.vocabulary import Channel, Circle, Mode
from kithkin.core.warmth import HORIZON_DAYS, add_touch, current_score
from kithkin.errors import Ambiguous, NotFound
from kithkin.store import direct, person_reading
from kithkin.store.tables import (
    AddressRow,
    EmailRow,
    EmploymentRow,
    FieldProvenanceRow,
    InteractionRow,
    InterestRow,
    MergeRow,
    NicknameRow,
    OrganizationRow,
    ParticipantRow,
    PersonRow,
    PhoneRow,
    PurposeCorrectionRow,
    TagRow,
    UrlRow,
)

_Listed = TypeVar("_Listed", EmailRow, PhoneRow, UrlRow, AddressRow, NicknameRow)
_CANDIDATES = 50  # at most this many people are named in an ambiguity error
_HEX_PREFIX = re.compile(r"^[0-9a-f]{4,32}$")
UNKNOWN_ORGANIZATION = "(unknown)"  # the employer of a job known only by its title


# Resolving a reference that looks like an id is what every person page and API call does
# first: its two statements are built once, each use binds its values.
# "owner_id + 0": read the uid index, not all of the owner's people (SQLite's planner took the
# owner index without statistics: 120 ms per lookup at 100k people).
_UID_PREFIX = (
    select(PersonRow.id)
    .where(
        PersonRow.uid >= bindparam("low"),
        PersonRow.uid < bindparam("high"),
        PersonRow.owner_id + 0 == bindparam("owner_id"),
    )
    .limit(_CANDIDATES + 1)
)
_NAMED_EXACTLY = (
    select(PersonRow.id)
    .where(
        PersonRow.owner_id == bindparam("owner_id"),
        or_(
            PersonRow.sort_name == bindparam("name"),
            PersonRow.id.in_(
                select(NicknameRow.person_id).where(NicknameRow.normalized == bindparam("name"))
            ),
        ),
    )
    .limit(_CANDIDATES + 1)
)
_UID_SUBQUERY = _UID_PREFIX.subquery()
_NAMED_SUBQUERY = _NAMED_EXACTLY.subquery()
# Both in one statement: (id, 0) for each uid-prefix hit, then (id, 1) for each exact name.
_ID_OR_NAMED = union_all(
    select(_UID_SUBQUERY.c.id, literal_column("0").label("named")),
    select(_NAMED_SUBQUERY.c.id, literal_column("1").label("named")),
)


def _text(value: str | None) -> str:
    return value or ""


def _partial(text: str | None) -> PartialDate | None:
    return PartialDate.parse(text, field="date") if text else None


# A people list's jobs and tags, for a chunk of people (``ids``): statements built once.
_CHUNK: BindParameter[int] = bindparam("ids", type_=Integer, expanding=True)
# On the driver's cursor (`direct.Plain`), for up to `_SLOTS` people at a time.
_SLOTS = 64
_CURRENT_JOBS = direct.Plain(
    select(EmploymentRow.person_id, OrganizationRow.name, EmploymentRow.title)
    .join(OrganizationRow, OrganizationRow.id == EmploymentRow.organization_id)
    .where(EmploymentRow.person_id.in_(direct.id_slots(_SLOTS)), EmploymentRow.is_current)
)
_TAGS_OF = direct.Plain(
    select(TagRow.person_id, TagRow.name)
    .where(TagRow.person_id.in_(direct.id_slots(_SLOTS)))
    .order_by(TagRow.name)
)
# What a summary is built from (`PeopleRepository.summaries_of`): a query selecting these
# columns can build its people's summaries without reading them again.
SUMMARY_COLUMNS = (
    PersonRow.id,
    PersonRow.uid,
    PersonRow.display_name,
    PersonRow.circle,
    PersonRow.mode,
    PersonRow.last_interaction_at,
    PersonRow.sort_name,
    PersonRow.warmth_heat,
    PersonRow.warmth_as_of,
    PersonRow.owner_id,
)
_SUMMARY = select(*SUMMARY_COLUMNS)


class SummaryRow(NamedTuple):
    """A row of `SUMMARY_COLUMNS`, its times aware (UTC)."""

    id: int
    uid: str
    display_name: str
    circle: str
    mode: str
    last_interaction_at: datetime | None
    sort_name: str
    warmth_heat: float
    warmth_as_of: datetime | None
    owner_id: int

    @classmethod
    def plain(cls, row: Sequence[Any]) -> SummaryRow:
        """From the driver's tuple (`direct.Plain`) of the columns (and maybe more after)."""
        id_, uid, name, circle, mode, last, sort_name, heat, as_of, owner_id = row[:10]
        return cls(
            id_,
            uid,
            name,
            circle,
            mode,
            direct.utc(last),
            sort_name,
            float(heat),
            direct.utc(as_of),
            owner_id,
        )


_SUMMARIES_OF = _SUMMARY.where(PersonRow.id.in_(_CHUNK)).order_by(PersonRow.sort_name, PersonRow.id)
_CIRCLES = {circle.value: circle for circle in Circle}
_MODES = {mode.value: mode for mode in Mode}


class PeopleRepository:
    def __init__(self, session: Session, owner_id: int) -> None:
        self.session = session
        self.owner_id = owner_id

    # -- finding ---------------------------------------------------------------------------

    def _owned(self) -> list[ColumnElement[bool]]:
        return [PersonRow.owner_id == self.owner_id]

    def resolve(self, reference: str) -> int:
        """The person a user means by an id, id prefix, e-mail, name or nickname."""
        ref = " ".join(reference.split())
        if not ref:
            raise NotFound("an empty name matches nobody; give a name, e-mail or id.")
        lowered = ref.casefold()
        if _HEX_PREFIX.match(lowered):
            values = {
                "low": lowered,
                "high": lowered + "g",
                "owner_id": self.owner_id,
                "name": lowered,
            }
            found = direct.connection(self.session).execute(_ID_OR_NAMED, values).all()
            hits = [person_id for person_id, by_name in found if not by_name]
            if hits:  # "cece" may be an id prefix and a name: then it is ambiguous
                named = [person_id for person_id, by_name in found if by_name]
                return self._one(ref, list(dict.fromkeys([*hits, *named])))
        if "@" in ref:
            hits = self._ids_where(
                PersonRow.id.in_(select(EmailRow.person_id).where(EmailRow.normalized == lowered))
            )
            if hits:
                return self._one(ref, hits)
        exact = self._ids_where(PersonRow.sort_name == lowered)
        if exact:
            return self._one(ref, exact)
        nick = self._ids_where(
            PersonRow.id.in_(select(NicknameRow.person_id).where(NicknameRow.normalized == lowered))
        )
        if nick:
            return self._one(ref, nick)
        words = [_escape_like(word) for word in lowered.split()]
        conditions = [
            or_(
                PersonRow.sort_name.like(f"{word}%", escape="\\"),
                PersonRow.sort_name.like(f"% {word}%", escape="\\"),
            )
            for word in words
        ]
        partial = self._ids_where(and_(*conditions))
        if partial:
            return self._one(ref, partial)
        survivor = self.merged_into(lowered)  # `show <old id>` after a merge
        if survivor is not None:
            return survivor
        raise NotFound(
            f"nobody matches {reference!r}; see `kithkin people` or `kithkin search {ref}`."
        )

    def resolve_handle(self, handle: str) -> int:
        """The person a user means by "@sam": that nickname, or a profile URL ending in it."""
        bare = handle.strip().removeprefix("@").casefold()
        if not bare or not re.fullmatch(r"[\w.-]+", bare):
            raise NotFound(f"{handle!r} is not a handle.")
        pattern = _escape_like(bare)
        hits = self._ids_where(
            or_(
                PersonRow.id.in_(
                    select(NicknameRow.person_id).where(NicknameRow.normalized == bare)
                ),
                PersonRow.id.in_(
                    select(UrlRow.person_id).where(
                        or_(
                            func.lower(UrlRow.value).like(f"%/{pattern}", escape="\\"),
                            func.lower(UrlRow.value).like(f"%/@{pattern}", escape="\\"),
                            func.lower(UrlRow.value).like(f"%/{pattern}/", escape="\\"),
                        )
                    )
                ),
            )
        )
        if not hits:
            raise NotFound(f"nobody has the handle or nickname {handle!r}.")
        return self._one(handle, hits)

    def merged_into(self, reference: str) -> int | None:
        """The person that a merged person's old id (or an id prefix of 4+ characters) now
        is, when it names exactly one; else None."""
        prefix = reference.strip().casefold()
        if not _HEX_PREFIX.match(prefix):
            return None
        kept = set(
            self.session.scalars(
                select(MergeRow.kept_person_id).where(
                    MergeRow.owner_id == self.owner_id,
                    MergeRow.merged_uid >= prefix,
                    MergeRow.merged_uid < prefix + "g",
                    MergeRow.kept_person_id.is_not(None),
                )
            )
        )
        return kept.pop() if len(kept) == 1 else None

    def _ids_where(self, *conditions: ColumnElement[bool]) -> list[int]:
        query = select(PersonRow.id).where(*self._owned(), *conditions).limit(_CANDIDATES + 1)
        return list(self.session.scalars(query))

    def _one(self, reference: str, ids: list[int]) -> int:
        if len(ids) == 1:
            return ids[0]
        more = len(ids) > _CANDIDATES
        ids = ids[:_CANDIDATES]
        rows = self.session.execute(
            select(PersonRow.id, PersonRow.uid, PersonRow.display_name)
            .where(PersonRow.id.in_(ids))
            .order_by(PersonRow.sort_name)
        ).all()
        emails = self._first_emails([row.id for row in rows])
        candidates = [
            f"{row.display_name}"
            + (f" <{emails[row.id]}>" if row.id in emails else "")
            + f" ({row.uid[:8]})"
            for row in rows
        ]
        raise Ambiguous(reference, candidates, more=more)

    def _first_emails(self, ids: Sequence[int]) -> dict[int, str]:
        rows = self.session.execute(
            select(EmailRow.person_id, EmailRow.value)
            .where(EmailRow.person_id.in_(ids))
            .order_by(EmailRow.person_id, EmailRow.position.desc())
        ).all()
        return {row.person_id: row.value for row in rows}

    def email_owners(self, emails: Sequence[str]) -> list[tuple[str, str, int]]:
        """``(e-mail, name, person id)`` for each given normalized e-mail someone already has."""
        if not emails:
            return []
        rows = self.session.execute(
            select(EmailRow.normalized, PersonRow.display_name, PersonRow.id)
            .join(PersonRow, PersonRow.id == EmailRow.person_id)
            .where(EmailRow.normalized.in_(emails), *self._owned())
        ).all()
        return [(row[0], row[1], row[2]) for row in rows]

    def names(self, ids: Sequence[int]) -> dict[int, tuple[str, str]]:
        """``{pk: (uid, display name)}`` for the given people."""
        found: dict[int, tuple[str, str]] = {}
        for start in range(0, len(ids), 5000):  # within every database's limit on parameters
            rows = self.session.execute(
                select(PersonRow.id, PersonRow.uid, PersonRow.display_name).where(
                    PersonRow.id.in_(ids[start : start + 5000]), *self._owned()
                )
            ).all()
            found.update((row.id, (row.uid, row.display_name)) for row in rows)
        return found

    # -- writing ---------------------------------------------------------------------------

    def create(self, changes: PersonChanges, *, source_id: int, now: datetime) -> int:
        assert changes.name is not None
        row = PersonRow(
            uid=uuid.uuid4().hex,
            owner_id=self.owner_id,
            display_name=changes.name.display,
            sort_name=changes.name.display.casefold(),
            circle=(changes.circle or Circle.NETWORK).value,
            mode=(changes.mode or Mode.BOTH).value,
            created_at=now,
            updated_at=now,
            met_how="",
            notes="",
            search_text="",
        )
        self.session.add(row)
        self.session.flush()
        self.apply(row.id, changes, source_id=source_id, now=now)
        return row.id

    def apply(
        self, person_id: int, changes: PersonChanges, *, source_id: int, now: datetime
    ) -> None:
        row = self.session.get_one(PersonRow, person_id)
        if changes.name is not None:
            name = changes.name
            row.display_name, row.sort_name = name.display, name.display.casefold()
            row.given_name, row.family_name, row.middle_name = name.given, name.family, name.middle
            row.prefix, row.suffix = name.prefix, name.suffix
        if changes.circle is not None:
            row.circle = changes.circle.value
        if changes.mode is not None:
            row.mode = changes.mode.value
        if changes.cadence_days is not None:
            row.cadence_days = changes.cadence_days
        elif changes.clear_cadence:
            row.cadence_days = None
        if changes.birthday is not None:
            row.birth_year = changes.birthday.year
            row.birth_month, row.birth_day = changes.birthday.month, changes.birthday.day
        elif changes.clear_birthday:
            row.birth_year = row.birth_month = row.birth_day = None
        if changes.met_how is not None:
            row.met_how = changes.met_how
        if changes.notes is not None:
            row.notes = changes.notes
        self._apply_lists(person_id, changes, source_id)
        if changes.company is not None or changes.title is not None:
            self._change_job(person_id, changes.company, changes.title, source_id, now)
        elif changes.end_job:
            self._end_job(person_id, now)
        for field_name in changes.touched:
            self.session.merge(
                FieldProvenanceRow(person_id=person_id, field=field_name, source_id=source_id)
            )
        row.updated_at = now
        self.session.flush()
        self.refresh_search_text(person_id)

    def _apply_lists(self, person_id: int, changes: PersonChanges, source_id: int) -> None:
        s = self.session
        if changes.remove_emails:
            s.execute(
                delete(EmailRow).where(
                    EmailRow.person_id == person_id, EmailRow.normalized.in_(changes.remove_emails)
                )
            )
        if changes.remove_phones:
            s.execute(
                delete(PhoneRow).where(
                    PhoneRow.person_id == person_id,
                    or_(
                        PhoneRow.raw.in_(changes.remove_phones),
                        PhoneRow.e164.in_(changes.remove_phones),
                    ),
                )
            )
        if changes.remove_urls:
            s.execute(
                delete(UrlRow).where(
                    UrlRow.person_id == person_id, UrlRow.value.in_(changes.remove_urls)
                )
            )
        if changes.remove_nicknames:
            s.execute(
                delete(NicknameRow).where(
                    NicknameRow.person_id == person_id,
                    NicknameRow.normalized.in_([n.casefold() for n in changes.remove_nicknames]),
                )
            )
        if changes.remove_tags:
            s.execute(
                delete(TagRow).where(
                    TagRow.person_id == person_id, TagRow.name.in_(changes.remove_tags)
                )
            )
        if changes.remove_interests:
            s.execute(
                delete(InterestRow).where(
                    InterestRow.person_id == person_id,
                    func.lower(InterestRow.name).in_([i.lower() for i in changes.remove_interests]),
                )
            )
        s.flush()
        have_emails = set(
            s.scalars(select(EmailRow.normalized).where(EmailRow.person_id == person_id))
        )
        for position, email in enumerate(changes.emails, start=len(have_emails)):
            if email.value not in have_emails:
                have_emails.add(email.value)
                s.add(
                    EmailRow(
                        person_id=person_id,
                        value=email.value,
                        normalized=email.value,
                        label=email.label,
                        position=position,
                        source_id=source_id,
                    )
                )
        have_phones = {
            (p.e164 or p.raw)
            for p in s.scalars(select(PhoneRow).where(PhoneRow.person_id == person_id))
        }
        for position, phone in enumerate(changes.phones, start=len(have_phones)):
            if phone.value not in have_phones:
                have_phones.add(phone.value)
                s.add(
                    PhoneRow(
                        person_id=person_id,
                        raw=phone.raw,
                        e164=phone.e164,
                        label=phone.label,
                        position=position,
                        source_id=source_id,
                    )
                )
        have_urls = set(s.scalars(select(UrlRow.value).where(UrlRow.person_id == person_id)))
        for position, url in enumerate(changes.urls, start=len(have_urls)):
            if url.value not in have_urls:
                have_urls.add(url.value)
                s.add(
                    UrlRow(
                        person_id=person_id,
                        value=url.value,
                        label=url.label,
                        position=position,
                        source_id=source_id,
                    )
                )
        have_nicks = set(
            s.scalars(select(NicknameRow.normalized).where(NicknameRow.person_id == person_id))
        )
        for position, nickname in enumerate(changes.nicknames, start=len(have_nicks)):
            if nickname.casefold() not in have_nicks:
                have_nicks.add(nickname.casefold())
                s.add(
                    NicknameRow(
                        person_id=person_id,
                        value=nickname,
                        normalized=nickname.casefold(),
                        position=position,
                        source_id=source_id,
                    )
                )
        have_tags = set(s.scalars(select(TagRow.name).where(TagRow.person_id == person_id)))
        for tag in changes.tags:
            if tag not in have_tags:
                have_tags.add(tag)
                s.add(TagRow(person_id=person_id, name=tag, source_id=source_id))
        have_interests = {
            i.lower()
            for i in s.scalars(select(InterestRow.name).where(InterestRow.person_id == person_id))
        }
        for interest in changes.interests:
            if interest.lower() not in have_interests:
                have_interests.add(interest.lower())
                s.add(InterestRow(person_id=person_id, name=interest, source_id=source_id))

    def organization_id(self, name: str) -> int:
        normalized = " ".join(name.split()).casefold()
        found = self.session.scalars(
            select(OrganizationRow.id).where(
                OrganizationRow.owner_id == self.owner_id,
                OrganizationRow.normalized_name == normalized,
            )
        ).first()
        if found is not None:
            return found
        row = OrganizationRow(
            owner_id=self.owner_id,
            name=" ".join(name.split()),
            normalized_name=normalized,
            domain="",
            industry="",
            notes="",
        )
        self.session.add(row)
        self.session.flush()
        return row.id

    def _change_job(
        self, person_id: int, company: str | None, title: str | None, source_id: int, now: datetime
    ) -> None:
        """A new employer or title starts a new job; the old one is kept as history."""
        current = self.session.scalars(
            select(EmploymentRow).where(
                EmploymentRow.person_id == person_id, EmploymentRow.is_current
            )
        ).first()
        org_id = (
            self.organization_id(company)
            if company
            else (current.organization_id if current else None)
        )
        same_org = current is not None and current.organization_id == org_id
        new_title = title if title is not None else (current.title if current and same_org else "")
        if org_id is None:  # a title without any employer: keep it on an unnamed job
            org_id = self.organization_id(UNKNOWN_ORGANIZATION)
        if current and current.organization_id == org_id and current.title == new_title:
            return
        if current and company and self._is_unknown_organization(current.organization_id):
            current.organization_id = org_id  # naming the employer of a title-only job
            current.title = title if title is not None else current.title
            current.source_id = source_id
            return
        if current and current.organization_id == org_id and not current.title:
            current.title = new_title  # filling in a missing title is not a new job
            current.source_id = source_id
            return
        today = PartialDate(month=now.month, day=now.day, year=now.year).iso()
        if current:
            current.is_current = False
            current.end_date = current.end_date or today
        count = self.session.scalar(
            select(func.count()).where(EmploymentRow.person_id == person_id)
        )
        self.session.add(
            EmploymentRow(
                person_id=person_id,
                organization_id=org_id,
                title=new_title,
                start_date=today if current else None,
                end_date=None,
                is_current=True,
                position=count or 0,
                source_id=source_id,
            )
        )

    def _end_job(self, person_id: int, now: datetime) -> None:
        """No current employer any more: the current job ends today, kept as history."""
        for job in self.session.scalars(
            select(EmploymentRow).where(
                EmploymentRow.person_id == person_id, EmploymentRow.is_current
            )
        ):
            job.is_current = False
            job.end_date = (
                job.end_date or PartialDate(month=now.month, day=now.day, year=now.year).iso()
            )

    def _is_unknown_organization(self, organization_id: int) -> bool:
        name = self.session.scalar(
            select(OrganizationRow.name).where(OrganizationRow.id == organization_id)
        )
        return name == UNKNOWN_ORGANIZATION

    def delete(self, person_id: int) -> None:
        """Really delete: the person, their contact data, interactions only they were in (and
        the purpose corrections made on those notes, which keep a note's text as training
        data), and the snapshots of records merged into them."""
        s = self.session
        sole = (
            select(ParticipantRow.interaction_id)
            .where(ParticipantRow.person_id == person_id)
            .where(
                ~ParticipantRow.interaction_id.in_(
                    select(ParticipantRow.interaction_id).where(
                        ParticipantRow.person_id != person_id
                    )
                )
            )
        )
        s.execute(
            delete(PurposeCorrectionRow).where(
                PurposeCorrectionRow.owner_id == self.owner_id,
                PurposeCorrectionRow.interaction_id.in_(sole),
            )
        )
        s.execute(
            delete(MergeRow).where(
                MergeRow.owner_id == self.owner_id, MergeRow.kept_person_id == person_id
            )
        )
        s.execute(delete(InteractionRow).where(InteractionRow.id.in_(sole)))
        s.execute(delete(PersonRow).where(PersonRow.id == person_id, *self._owned()))
        s.flush()

    def refresh_search_text(self, person_id: int) -> None:
        person = self.get(person_id)
        text = person_search_text(
            nicknames=person.nicknames,
            emails=(email.value for email in person.emails),
            phones=(phone.raw for phone in person.phones),
            jobs=((job.organization, job.title) for job in person.employments),
            tags=person.tags,
            interests=person.interests,
            met_how=person.met_how,
            places=((a.locality, a.region, a.country) for a in person.addresses),
            notes=person.notes,
        )
        self.session.execute(
            update(PersonRow).where(PersonRow.id == person_id).values(search_text=text)
        )

    def add_touch(self, person_ids: Sequence[int], *, at: datetime, channel: Channel) -> None:
        """Fold a new interaction into each person's stored warmth (same transaction)."""
        rows = self.session.execute(
            select(PersonRow.id, PersonRow.warmth_heat, PersonRow.warmth_as_of).where(
                PersonRow.id.in_(person_ids)
            )
        ).all()
        for person_id, heat, as_of in rows:
            new_heat, new_as_of = add_touch(heat, as_of, at=at, channel=channel)
            self.session.execute(
                update(PersonRow)
                .where(PersonRow.id == person_id)
                .values(warmth_heat=new_heat, warmth_as_of=new_as_of)
                .execution_options(synchronize_session=False)
            )

    def recompute_activity(self, person_ids: Sequence[int], *, now: datetime) -> None:
        """Set each person's denormalized activity afresh from their interactions (after an
        interaction was moved, re-channelled or deleted, which `add_touch` cannot undo):
        `last_interaction_at` is their latest interaction's time (None without any), and the
        stored warmth is `add_touch` folded in time order over their interactions within
        `HORIZON_DAYS` of ``now`` ((0, None) without any): what logging them one by one would
        have kept, less the heat older ones would have left (under 0.4% each)."""
        s = self.session
        ids = list(
            s.scalars(
                select(PersonRow.id).where(
                    PersonRow.id.in_(list(dict.fromkeys(person_ids))), *self._owned()
                )
            )
        )
        if not ids:
            return
        joined = select(ParticipantRow.person_id).join(
            InteractionRow, InteractionRow.id == ParticipantRow.interaction_id
        )
        latest: dict[int, datetime] = {}
        for person_id, last in s.execute(
            joined.add_columns(func.max(InteractionRow.occurred_at))
            .where(ParticipantRow.person_id.in_(ids))
            .group_by(ParticipantRow.person_id)
        ):
            latest[person_id] = last
        warmth: dict[int, tuple[float, datetime | None]] = dict.fromkeys(ids, (0.0, None))
        touches = s.execute(
            joined.add_columns(InteractionRow.occurred_at, InteractionRow.channel)
            .where(
                ParticipantRow.person_id.in_(ids),
                InteractionRow.occurred_at >= now - timedelta(days=HORIZON_DAYS),
            )
            .order_by(ParticipantRow.person_id, InteractionRow.occurred_at, InteractionRow.id)
        )
        for person_id, at, channel in touches:
            heat, as_of = warmth[person_id]
            warmth[person_id] = add_touch(heat, as_of, at=at, channel=Channel(channel))
        for person_id in ids:
            heat, as_of = warmth[person_id]
            s.execute(
                update(PersonRow)
                .where(PersonRow.id == person_id)
                .values(
                    last_interaction_at=latest.get(person_id),
                    warmth_heat=heat,
                    warmth_as_of=as_of,
                )
                .execution_options(synchronize_session=False)
            )

    # -- reading ---------------------------------------------------------------------------

    def get(self, person_id: int) -> Person:
        s = self.session
        row = person_reading.person_row(s, person_id)
        if row is None or row.owner_id != self.owner_id:
            raise NotFound("that person does not exist (any more).")
        items = person_reading.listed_items(s, person_id)
        provenance = {
            field: f"{kind}{': ' + detail if detail else ''}"
            for field, kind, detail in person_reading.provenance(s, person_id)
        }
        birthday = None
        if row.birth_month is not None and row.birth_day is not None:
            birthday = PartialDate(month=row.birth_month, day=row.birth_day, year=row.birth_year)
        return Person(
            id=row.uid,
            name=row.display_name,
            given_name=row.given_name,
            family_name=row.family_name,
            middle_name=row.middle_name,
            prefix=row.prefix,
            suffix=row.suffix,
            nicknames=tuple(_text(value) for value, *_ in items["nickname"]),
            emails=tuple(Labeled(_text(v), _text(label)) for v, label, *_ in items["email"]),
            phones=tuple(
                Phone(e164 or _text(raw), _text(raw), _text(label))
                for e164, raw, label, *_ in items["phone"]
            ),
            urls=tuple(Labeled(_text(v), _text(label)) for v, label, *_ in items["url"]),
            addresses=tuple(Address(*map(_text, item)) for item in items["address"]),
            employments=tuple(
                Employment(
                    "" if name == UNKNOWN_ORGANIZATION else name,
                    title,
                    _partial(start),
                    _partial(end),
                    current,
                )
                for name, title, start, end, current in person_reading.jobs(s, person_id)
            ),
            related=tuple(Labeled(_text(n), _text(label)) for n, label, *_ in items["related"]),
            birthday=birthday,
            met_how=row.met_how,
            met_on=row.met_on,
            circle=Circle(row.circle),
            cadence_days=row.cadence_days,
            mode=Mode(row.mode),
            tags=tuple(sorted(_text(name) for name, *_ in items["tag"])),
            interests=tuple(
                sorted((_text(name) for name, *_ in items["interest"]), key=str.casefold)
            ),
            notes=row.notes,
            created_at=row.created_at,
            updated_at=row.updated_at,
            last_interaction_at=row.last_interaction_at,
            provenance=provenance,
        )

    def birthdays(self) -> list[tuple[str, str, PartialDate]]:
        """``(uid, display name, birthday)`` of everyone whose birthday is known, by name."""
        rows = self.session.execute(
            select(
                PersonRow.uid,
                PersonRow.display_name,
                PersonRow.birth_year,
                PersonRow.birth_month,
                PersonRow.birth_day,
            )
            .where(*self._owned(), PersonRow.birth_month.is_not(None))
            .order_by(PersonRow.sort_name, PersonRow.id)
        ).all()
        return [
            (uid, name, PartialDate(month=month, day=day, year=year))
            for uid, name, year, month, day in rows
            if month is not None and day is not None
        ]

    def summaries(
        self,
        *,
        circle: Circle | None = None,
        tag: str | None = None,
        mode: Mode | None = None,
        ids: Sequence[int] | None = None,
        limit: int | None = None,
        after: str | None = None,
        now: datetime | None = None,
    ) -> list[PersonSummary]:
        """People ordered by name; ``after`` is the last sort name seen (keyset pagination).
        With ``now``, each summary carries the person's warmth at that instant."""
        if ids is not None and (circle, tag, mode, limit, after) == (None,) * 5:
            # A page of the web's list: a statement built once.
            values = {"ids": list(ids)}
            page = direct.connection(self.session).execute(_SUMMARIES_OF, values).all()
            return self.summaries_of([row for row in page if row.owner_id == self.owner_id], now)
        query = _SUMMARY
        # Given ids, the owner is checked on the rows: with an owner condition SQLite
        # (without statistics) walks the owner's whole index instead of the ids.
        scope = self._owned() if ids is None else [PersonRow.id.in_(ids)]
        query = query.where(*scope)
        if circle is not None:
            query = query.where(PersonRow.circle == circle.value)
        if mode is not None:
            query = query.where(PersonRow.mode == mode.value)
        if tag is not None:
            query = query.where(
                PersonRow.id.in_(select(TagRow.person_id).where(TagRow.name == tag.strip().lower()))
            )
        if after is not None:
            query = query.where(PersonRow.sort_name > after)
        query = query.order_by(PersonRow.sort_name, PersonRow.id)
        if limit is not None:
            query = query.limit(limit)
        found = direct.connection(self.session).execute(query).all()
        rows = [row for row in found if row.owner_id == self.owner_id]
        return self.summaries_of(rows, now)

    def summaries_of(self, rows: Sequence[Any], now: datetime | None) -> list[PersonSummary]:
        """The summaries of these rows (of `SUMMARY_COLUMNS`, the owner's people), in order:
        their current jobs and tags are read here."""
        ids = [row.id for row in rows]
        jobs: dict[int, tuple[str, str]] = {}
        tags: dict[int, list[str]] = {}
        for chunk_start in range(0, len(ids), _SLOTS):
            chunk = direct.slot_values(ids[chunk_start : chunk_start + _SLOTS], _SLOTS)
            for person_id, org, title in _CURRENT_JOBS.rows(self.session, chunk):
                jobs[person_id] = ("" if org == UNKNOWN_ORGANIZATION else org, title)
            for person_id, name in _TAGS_OF.rows(self.session, chunk):
                tags.setdefault(person_id, []).append(name)
        no_job = ("", "")
        return [
            PersonSummary(
                id=row.uid,
                name=row.display_name,
                organization=jobs.get(row.id, no_job)[0],
                title=jobs.get(row.id, no_job)[1],
                circle=_CIRCLES[row.circle],
                mode=_MODES[row.mode],
                tags=tuple(tags.get(row.id, ())),
                last_interaction_at=row.last_interaction_at,
                warmth=(
                    None
                    if now is None
                    else current_score(row.warmth_heat, row.warmth_as_of, now=now)
                ),
            )
            for row in rows
        ]


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
