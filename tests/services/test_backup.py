from __future__ import annotations

import copy
import json
import shutil
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Column, MetaData, String, update

from kithkin.config import Settings
from kithkin.core.backup_document import iso_datetime
from kithkin.core.backup_format import EXCLUDED_COLUMNS, EXCLUDED_TABLES, SECTIONS
from kithkin.core.backup_plan import BackupReport
from kithkin.core.log_entry import LogInput
from kithkin.core.person_changes import PersonInput
from kithkin.core.vocabulary import Channel, Purpose
from kithkin.errors import KithkinError
from kithkin.services import (
    Context,
    add_person,
    complete_follow_up,
    edit_person,
    list_people,
    log_interaction,
    show_person,
)
from kithkin.services.backup import backup_text, export_backup, import_backup, write_backup
from kithkin.services.engine import set_goal
from kithkin.services.events import add_event, add_milestone
from kithkin.services.purpose import correct_purpose
from kithkin.store import Store
from kithkin.store.backup import describe
from kithkin.store.tables import (
    AccountRow,
    AddressRow,
    Base,
    CircleRow,
    ExchangeRow,
    ExtraPropertyRow,
    FollowUpRow,
    InteractionRow,
    MergeRow,
    OrganizationRow,
    ParticipantRow,
    PersonIdentityRow,
    PersonRow,
    PhotoRow,
    RelatedNameRow,
    RelationshipRow,
    TopicRow,
)
from tests.conftest import TZ, Database, FixedClock, _empty_postgres
from tests.helpers import sqlite_only


def fill(ctx: Context, clock: FixedClock) -> None:
    """A database with a row in every table, and most columns away from their defaults."""
    add_person(
        ctx,
        PersonInput(
            name="Dr. Ana María Ruiz",
            emails=["ana@example.com", "ana@stripe.example"],
            phones=["(415) 555-0134", "ext 12"],
            urls=["https://ana.example"],
            nicknames=["Anita"],
            company="Stripe",
            title="CTO",
            circle="inner",
            mode="professional",
            cadence_days=7,
            tags=["vip", "founder"],
            interests=["Jazz"],
            birthday="1990-02-28",
            met_how="Via Bo",
            notes="Likes **jazz** ✓ — naïve\nsecond line",
        ),
    )
    clock.advance(days=1)
    edit_person(ctx, "ana", PersonInput(company="Acme", title="CEO"))  # a job history
    add_person(ctx, PersonInput(name="Bo Chen", birthday="--12-25", circle="key"))
    add_person(ctx, PersonInput(name="Carl Ödegaard", emails=["carl@example.org"]))
    clock.advance(hours=3)
    log_interaction(
        ctx,
        ["ana", "bo"],
        LogInput(
            note="coffee about pricing",
            channel="in-person",
            purpose="networking",
            minutes=45,
            gave=["intro: to Carl"],
            asked=["advice: on hiring"],
            follow_up="next friday: send the deck",
            initiated_by="me",
        ),
    )
    log_interaction(ctx, [], LogInput(note="wrote a post", activity="article"))
    clock.advance(days=2, microseconds=250)
    call = log_interaction(
        ctx, ["carl"], LogInput(note="call", channel="call", follow_up="tomorrow: call back")
    )
    complete_follow_up(ctx, call.follow_ups[0].id)
    correct_purpose(ctx, call.id, Purpose.BOTH)  # a correction: training data for the model
    event = add_event(
        ctx,
        "PyCon",
        on="2026-05-01",
        until="2026-05-03",
        location="Pittsburgh",
        met=["carl"],
        saw=["ana"],
    )
    add_milestone(ctx, "bo", "wedding", "2025-06-14", note="in Lisbon")
    add_milestone(ctx, "carl", "move", "--03-01")
    set_goal(ctx, "engage-posts", 5)
    set_goal(ctx, "write-article", 0)
    now = clock()
    with ctx.store.transaction() as tx:
        s, owner = tx.session, tx.owner_id
        ana, bo, carl = (tx.people.resolve(name) for name in ("ana", "bo", "carl"))
        tx.preferences.set_setting("agenda_limit", 12)
        tx.preferences.set_setting("custom", {"nested": [1, "two", None]})
        tx.preferences.snooze("checkin:abc", until=date(2026, 12, 1))
        tx.preferences.snooze("birthday:def", until=date(2027, 1, 1), dismissed=True)
        s.execute(update(AccountRow).where(AccountRow.id == owner).values(display_name="Me Myself"))
        s.execute(
            update(OrganizationRow).values(domain="acme.example", industry="Tools", notes="n")
        )
        s.execute(
            update(PersonRow)
            .where(PersonRow.id == carl)
            .values(met_event_id=event.id, met_on=date(2026, 5, 1), prefix="Mx.", suffix="Jr.")
        )
        source = tx.new_source("import:vcard", now=now, detail="contacts.vcf")
        s.add_all(
            [
                CircleRow(owner_id=owner, name="alumni", cadence_days=60, position=4),
                AddressRow(
                    person_id=ana,
                    label="work",
                    street="1 Main St\nFloor 2",
                    locality="San Francisco",
                    region="CA",
                    postal_code="94105",
                    country="USA",
                    position=0,
                    source_id=source,
                ),
                PersonIdentityRow(
                    owner_id=owner,
                    person_id=ana,
                    system="vcard",
                    key="urn:uuid:1234",
                    source_id=source,
                    since=date(2020, 1, 2),
                    fingerprint="ab" * 32,
                ),
                RelatedNameRow(
                    person_id=ana, name="Luis", label="spouse", position=0, source_id=source
                ),
                PhotoRow(person_id=ana, uri="data:image/png;base64,iVBORw0KGgo=", source_id=source),
                ExtraPropertyRow(
                    person_id=ana,
                    group_name="item1",
                    name="X-SOCIALPROFILE",
                    params='[["type", ["x"]]]',
                    value="@ana",
                    position=0,
                    source_id=source,
                ),
                RelationshipRow(
                    owner_id=owner,
                    person_id=ana,
                    other_id=bo,
                    kind="friend",
                    since="2019-09-01",
                    until=None,
                    note="school",
                    created_at=now,
                ),
                MergeRow(
                    owner_id=owner,
                    kept_person_id=ana,
                    merged_uid="f" * 32,
                    snapshot='{"name": "Ana R."}',
                    merged_at=now,
                ),
                ExchangeRow(
                    owner_id=owner,
                    person_id=bo,
                    interaction_id=None,
                    direction="received",
                    kind="gift",
                    description="a book",
                    occurred_at=now - timedelta(days=30),
                ),
                FollowUpRow(
                    owner_id=owner,
                    person_id=None,
                    interaction_id=None,
                    due_on=date(2026, 12, 24),
                    text="plan the party",
                    status="snoozed",
                    snoozed_until=date(2026, 12, 20),
                    created_at=now,
                ),
            ]
        )
        message = InteractionRow(
            owner_id=owner,
            occurred_at=now - timedelta(days=400, seconds=1),
            minutes=None,
            channel="linkedin",
            purpose="social",
            purpose_source="model",
            purpose_confidence=0.8123456789,
            model_purpose="social",
            initiated_by="them",
            activity=None,
            note="Congrats on the new role!",
            event_id=event.id,
            source_id=source,
            external_key="linkedin:message:42",
            created_at=now,
            updated_at=now,
        )
        s.add(message)
        s.flush()
        s.add_all(
            [
                ParticipantRow(interaction_id=message.id, person_id=bo),
                TopicRow(interaction_id=message.id, topic="jobs"),
                TopicRow(interaction_id=message.id, topic="congrats"),
            ]
        )
        tx.people.add_touch([bo], at=message.occurred_at, channel=Channel.LINKEDIN)


def without_time(document: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in document.items() if key != "exported_at"}


@pytest.fixture(scope="module")
def rich_document(
    tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path
) -> dict[str, Any]:
    """The backup of a database made with ``fill`` (once: building one takes a while)."""
    path = tmp_path_factory.mktemp("rich") / "rich.db"
    shutil.copy(sqlite_template, path)
    clock = FixedClock()
    url = f"sqlite:///{path}"
    settings = Settings(database_url=url, timezone=ZoneInfo(TZ), phone_region="US")
    context = Context(store=Store.open(url, now=clock()), settings=settings, clock=clock)
    try:
        fill(context, clock)
        return export_backup(context)
    finally:
        context.close()


@pytest.fixture
def rich(rich_document: dict[str, Any]) -> dict[str, Any]:
    return copy.deepcopy(rich_document)


def person_index(document: dict[str, Any], name: str) -> int:
    return next(i for i, p in enumerate(document["people"]) if p["display_name"] == name)


def test_export_then_import_into_an_empty_database_gives_the_same_document(
    ctx: Context, clock: FixedClock, database: Database, tmp_path: Path, sqlite_template: Path
) -> None:
    fill(ctx, clock)
    document = export_backup(ctx)
    text = backup_text(document)
    assert backup_text(export_backup(ctx)) == text  # the same database, the same text
    assert all(document[section.name] for section in SECTIONS.values() if section.parent is None)
    if database.backend == "sqlite":
        url = f"sqlite:///{tmp_path / 'restored.db'}"
        shutil.copy(sqlite_template, tmp_path / "restored.db")
    else:
        url = database.url
        _empty_postgres(url)
    clock.advance(days=30)
    restored = replace(ctx, store=Store.open(url, now=clock()))
    try:
        report = import_backup(restored, text, file="backup.json")
        assert not report.failed, report.errors
        assert len(report.created) == 3 and report.interactions_created == 4
        again = export_backup(restored)
        assert again["exported_at"] != document["exported_at"]
        assert without_time(again) == without_time(document)
        assert show_person(restored, "ana").person.employments[0].organization == "Acme"
    finally:
        restored.close()


def test_importing_the_same_document_again_creates_nothing(
    ctx: Context, rich: dict[str, Any]
) -> None:
    text = backup_text(rich)
    first = import_backup(ctx, text, file="backup.json")
    assert isinstance(first, BackupReport) and not first.failed
    # A fresh account's defaults take the backup's values.
    assert first.sections["goals"].updated == 2  # engage-posts and write-article changed
    assert (first.sections["settings"].updated, first.sections["settings"].created) == (1, 1)
    assert first.sections["account"].updated == 1  # its name and creation time
    assert first.sections["circles"].created == 1
    assert without_time(export_backup(ctx)) == without_time(rich)
    second = import_backup(ctx, text, file="backup.json")
    assert isinstance(second, BackupReport)
    assert (second.created, second.updated, len(second.unchanged)) == ([], [], 3)
    assert all(counts.created == counts.updated == 0 for counts in second.sections.values())
    assert second.sections["interactions"].unchanged == second.interactions_unchanged == 4


@sqlite_only
def test_an_import_into_an_account_with_data_updates_and_adds_but_never_deletes(
    ctx: Context, clock: FixedClock, rich: dict[str, Any]
) -> None:
    text = backup_text(rich)
    import_backup(ctx, text, file="backup.json")
    clock.advance(days=10)
    edit_person(ctx, "bo", PersonInput(notes="changed after the backup", tags=["later"]))
    add_person(ctx, PersonInput(name="Dee Newer"))
    log_interaction(ctx, ["dee"], LogInput(note="met Dee"))
    before = show_person(ctx, "bo").person
    report = import_backup(ctx, text, file="backup.json")
    assert not report.failed
    assert [(p.name, p.changes) for p in report.updated] == [("Bo Chen", ("notes", "updated_at"))]
    bo = show_person(ctx, "bo").person
    assert bo.notes == "" and bo.tags == ("later",)  # the backup's notes; the new tag stays
    assert bo.last_interaction_at == before.last_interaction_at
    assert show_person(ctx, "dee").person.name == "Dee Newer"  # not in the backup: left alone


@sqlite_only
def test_people_who_were_there_gain_the_backups_interactions_on_their_clock(
    ctx: Context, rich: dict[str, Any]
) -> None:
    bare = copy.deepcopy(rich)
    bare["interactions"], bare["exchanges"] = [], []
    bare["follow_ups"] = [f for f in rich["follow_ups"] if f["interaction"] is None]
    bare["purpose_corrections"] = [dict(c, interaction=None) for c in rich["purpose_corrections"]]
    for person in bare["people"]:
        person.update(last_interaction_at=None, warmth_heat=0.0, warmth_as_of=None)
    assert not import_backup(ctx, backup_text(bare), file="people.json").failed
    assert show_person(ctx, "carl").person.last_interaction_at is None
    report = import_backup(ctx, backup_text(rich), file="backup.json")
    assert report.interactions_created == 4 and not report.created
    carl = rich["people"][person_index(rich, "Carl Ödegaard")]
    detail = show_person(ctx, "carl")
    assert detail.person.last_interaction_at is not None
    assert iso_datetime(detail.person.last_interaction_at) == carl["last_interaction_at"]
    folded = {p["uid"]: p for p in export_backup(ctx)["people"]}
    for person in rich["people"]:  # the same warmth as logging them one by one gave
        after = folded[person["uid"]]
        assert after["warmth_as_of"] == person["warmth_as_of"]
        assert after["warmth_heat"] == pytest.approx(person["warmth_heat"], rel=1e-12)


@sqlite_only
def test_a_document_with_errors_writes_nothing_and_says_where(
    ctx: Context, rich: dict[str, Any]
) -> None:
    rich["people"][1]["emails"] = [{"value": 5, "normalized": "x", "label": "", "position": 0}]
    rich["interactions"][0]["channel"] = "pigeon"
    rich["interactions"][0]["participants"].append({"person": "nobody"})
    del rich["people"][0]["display_name"]
    text = backup_text(rich)
    empty = export_backup(ctx)
    report = import_backup(ctx, text, file="b.json")
    assert report.failed and not report.created
    lines = text.splitlines()
    value_line = next(i for i, line in enumerate(lines) if '"value": 5' in line)
    email_line = next(i for i in range(value_line, 0, -1) if lines[i].strip() == "{") + 1
    messages = [str(issue) for issue in report.errors]
    assert f"b.json:{email_line}: people[1].emails[0].value: expected text, got the number 5" in (
        messages
    )
    person_line = next(i for i, line in enumerate(lines, 1) if line == '  "people": [') + 1
    assert f"b.json:{person_line}: people[0].display_name: is missing" in messages
    assert any(
        "interactions[0].channel: 'pigeon' is not one of: in-person, call" in m for m in messages
    )
    assert any("].person: 'nobody' is not a key of people" in m for m in messages)
    assert export_backup(ctx) == empty


def test_a_file_that_is_not_json_or_not_a_backup_is_refused_with_its_line(ctx: Context) -> None:
    report = import_backup(
        ctx, '{\n  "format": "kithkin-backup",\n  "version": 1,\n}', file="b.json"
    )
    assert [str(issue) for issue in report.errors] == [
        "b.json:4: not valid JSON: Expecting property name enclosed in double quotes "
        "(line 4, column 1)"
    ]
    report = import_backup(ctx, '{"format": "vcard"}', file="b.json")
    assert "not a Kithkin backup" in str(report.errors[0])
    report = import_backup(ctx, '{"format": "kithkin-backup", "version": 2}', file="b.json")
    assert "upgrade Kithkin" in str(report.errors[0])


@sqlite_only
def test_skip_invalid_imports_the_rest_and_lists_what_it_left_out(
    ctx: Context, rich: dict[str, Any]
) -> None:
    bo = person_index(rich, "Bo Chen")
    rich["people"][bo]["circle"] = "bestie"
    rich["people"][person_index(rich, "Dr. Ana María Ruiz")]["emails"][0]["value"] = None
    report = import_backup(ctx, backup_text(rich), file="b.json", skip_invalid=True)
    assert not report.failed
    assert sorted(p.name for p in report.created) == ["Carl Ödegaard", "Dr. Ana María Ruiz"]
    skipped = [str(issue) for issue in report.skipped]
    assert any(f"people[{bo}].circle: 'bestie' is not one of" in s for s in skipped)
    assert any(".person: left out: it refers to people" in s for s in skipped)  # Bo's rows
    assert [e.value for e in show_person(ctx, "ana").person.emails] == ["ana@stripe.example"]
    with pytest.raises(KithkinError):
        show_person(ctx, "bo")


@sqlite_only
def test_a_dry_run_reports_what_would_happen_and_writes_nothing(
    ctx: Context, rich: dict[str, Any]
) -> None:
    empty = export_backup(ctx)
    report = import_backup(ctx, backup_text(rich), file="b.json", dry_run=True)
    assert report.dry_run and len(report.created) == 3 and report.interactions_created == 4
    assert export_backup(ctx) == empty
    assert report.to_json()["sections"]["people.emails"] == {
        "created": 3,
        "updated": 0,
        "unchanged": 0,
    }


@sqlite_only
def test_a_person_of_another_account_cannot_be_imported(ctx: Context, clock: FixedClock) -> None:
    add_person(ctx, PersonInput(name="Ana Ruiz"))
    text = backup_text(export_backup(ctx))
    other = Store.open(ctx.settings.database_url, now=clock(), account="someone-else")
    try:
        report = import_backup(replace(ctx, store=other), text, file="b.json")
    finally:
        other.close()
    assert report.failed and "people[0].uid: another account" in str(report.errors[0])


@sqlite_only
def test_write_backup_writes_the_text_in_one_go(ctx: Context, tmp_path: Path) -> None:
    add_person(ctx, PersonInput(name="Ana Ruiz", notes="ünïcödé"))
    document = export_backup(ctx)
    path = tmp_path / "backups" / "kithkin.json"
    write_backup(document, path)
    assert path.read_text(encoding="utf-8") == backup_text(document)
    assert "ünïcödé" in path.read_text(encoding="utf-8")  # UTF-8 as written, not \\u escapes
    assert [p.name for p in path.parent.iterdir()] == ["kithkin.json"]


# -- what is in a backup ---------------------------------------------------------------------


def test_every_table_and_column_is_backed_up_or_excluded_on_purpose() -> None:
    schema = describe(Base.metadata)
    for table in Base.metadata.sorted_tables:
        if table.name in EXCLUDED_TABLES:
            continue
        assert table.name in SECTIONS, f"{table.name}: add it to LAYOUT or EXCLUDED_TABLES"
        described = schema.tables[table.name]
        exported = {item.column for item in described.fields}
        for column in table.columns:
            accounted = (
                column.name in exported
                or column.name == described.id_column
                or (column.name == "owner_id" and described.owned)
                or (table.name, column.name) in EXCLUDED_COLUMNS
            )
            assert accounted, f"{table.name}.{column.name} is neither backed up nor excluded"


@sqlite_only
def test_the_password_hash_is_never_exported(ctx: Context) -> None:
    with ctx.store.transaction() as tx:
        tx.session.execute(update(AccountRow).values(password_hash="argon2:secret-hash"))
    assert "secret-hash" not in backup_text(export_backup(ctx))
    assert "password" not in backup_text(export_backup(ctx))


def test_a_new_column_is_in_the_backup_without_being_listed() -> None:
    metadata = MetaData()
    for table in Base.metadata.sorted_tables:
        table.to_metadata(metadata)
    metadata.tables["people"].append_column(Column("pronouns", String(20), default=""))
    pronouns = describe(metadata).tables["people"].field("pronouns")
    assert (pronouns.column, pronouns.length, pronouns.default) == ("pronouns", 20, "")


# -- robustness ------------------------------------------------------------------------------

_LEAVES = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**40), max_value=2**40)
    | st.floats()
    | st.sampled_from(["", "x", "\x00", "2026-13-01", "2026-11-20T09:00:00Z", "people", "\ud800"])
    | st.text(max_size=4)
)
_VALUES = st.recursive(
    _LEAVES,
    lambda children: (
        st.lists(children, max_size=2) | st.dictionaries(st.text(max_size=3), children, max_size=2)
    ),
    max_leaves=4,
)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*prefix, index))
    return found


@st.composite
def _mutated(draw: st.DrawFn, document: dict[str, Any]) -> str:
    changed = copy.deepcopy(without_time(document))
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(_paths(changed)[1:]))
        *head, last = path
        container: Any = changed
        for step in head:
            container = container[step]
        action = draw(st.sampled_from(["replace", "delete", "add", "copy", "swap"]))
        if action == "replace":
            container[last] = draw(_VALUES)
        elif action == "delete":
            del container[last]
        elif action == "copy" and isinstance(container, list):
            container.append(copy.deepcopy(container[last]))
        elif action == "swap" and isinstance(container[last], str) and container[last]:
            container[last] = container[last][::-1]
        elif isinstance(container[last], dict):
            container[last][draw(st.sampled_from(["id", "uid", "person", "zz"]))] = draw(_VALUES)
    text = json.dumps(changed, ensure_ascii=False, indent=2, sort_keys=True)
    if draw(st.integers(0, 9)) == 0:  # now and then, broken JSON
        cut = draw(st.integers(0, len(text)))
        text = text[:cut] + draw(st.sampled_from(["", ",", "}", '"', "]"])) + text[cut + 1 :]
    return text


@sqlite_only
def test_a_mutated_document_is_imported_whole_or_not_at_all(
    ctx: Context, rich: dict[str, Any]
) -> None:
    import_backup(ctx, backup_text(rich), file="b.json")
    state = [without_time(export_backup(ctx))]

    @settings(max_examples=25, suppress_health_check=[HealthCheck.too_slow])
    @given(text=_mutated(rich))
    def check(text: str) -> None:
        try:
            report = import_backup(ctx, text, file="b.json", skip_invalid=len(text) % 2 == 0)
        except KithkinError:
            report = None
        if report is None or report.failed:
            assert without_time(export_backup(ctx)) == state[0]  # nothing was written
            return
        state[0] = without_time(export_backup(ctx))  # the database is whole and readable
        list_people(ctx)
        again = import_backup(ctx, text, file="b.json", skip_invalid=True)
        assert isinstance(again, BackupReport)  # the same document again: nothing to do
        assert all(c.created == c.updated == 0 for c in again.sections.values()), again.sections

    check()
