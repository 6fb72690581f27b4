"""Common ground through a real database: your profile, two contacts, the graph's mutuals."""

from __future__ import annotations

import shutil
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from kithkin.config import Settings
from kithkin.core.dates import PartialDate
from kithkin.core.log_entry import LogInput
from kithkin.core.network.common import (
    SCHOOLS_NOT_RECORDED,
    EventTogether,
    Profile,
    ProfileChanges,
    SharedEmployer,
    Stint,
    TopicCount,
)
from kithkin.core.person_changes import PersonInput
from kithkin.errors import InvalidInput, NotFound
from kithkin.services import Context, add_person, log_interaction
from kithkin.services.backup import backup_text, export_backup, import_backup
from kithkin.services.common_ground import common_ground, edit_my_profile, my_profile
from kithkin.services.events import add_event
from kithkin.services.network import link
from kithkin.store import Store
from kithkin.store.tables import AddressRow, EmploymentRow, TopicRow
from tests.conftest import Database, FixedClock, _empty_postgres


def person(ctx: Context, name: str, **fields: object) -> str:
    return add_person(ctx, PersonInput(name=name, **fields)).id  # type: ignore[arg-type]


def job(ctx: Context, name: str, organization: str, start: int, end: int | None) -> None:
    """A job with years, as an import would write it (the CLI only sets the current job)."""
    with ctx.store.transaction() as tx:
        tx.session.add(
            EmploymentRow(
                person_id=tx.people.resolve(name),
                organization_id=tx.people.organization_id(organization),
                title="",
                start_date=PartialDate(1, 1, start).iso(),
                end_date=PartialDate(12, 31, end).iso() if end else None,
                is_current=end is None,
                position=9,
            )
        )


def lives_in(ctx: Context, name: str, locality: str = "", region: str = "") -> None:
    with ctx.store.transaction() as tx:
        tx.session.add(
            AddressRow(
                person_id=tx.people.resolve(name), locality=locality, region=region, position=0
            )
        )


def logged(ctx: Context, names: list[str], note: str, *topics: str) -> None:
    interaction = log_interaction(ctx, names, LogInput(note=note, purpose="networking"))
    with ctx.store.transaction() as tx:
        tx.session.add_all(TopicRow(interaction_id=interaction.id, topic=t) for t in topics)


@pytest.fixture
def people(ctx: Context, clock: FixedClock) -> Context:
    """Tom and Ana overlapped at Globex, live in Berlin, were at PyCon; Priya knows both."""
    person(ctx, "Priya Shah", circle="key")
    person(ctx, "Tom Baker", interests=["Climbing", "Chess"], tags=["python"])
    person(ctx, "Ana Ruiz", interests=["chess"], tags=["Python", "founder"])
    person(ctx, "Sam Lee")
    job(ctx, "tom", "Globex", 2019, 2022)
    job(ctx, "ana", "globex", 2021, 2024)
    lives_in(ctx, "tom", "Berlin", "Berlin")
    lives_in(ctx, "ana", "berlin")
    lives_in(ctx, "sam", region="Bavaria")
    logged(ctx, ["priya"], "Dinner")
    clock.advance(days=10)
    logged(ctx, ["tom", "ana"], "Coffee, the three of us", "hiring", "job-search")
    clock.advance(days=10)
    logged(ctx, ["tom"], "Call about his job search and the hiring freeze", "job-search")
    clock.advance(days=1)
    logged(ctx, ["tom"], "")  # no note: not the last thing talked about
    add_event(ctx, "PyCon 2025", on="2025-05-14", met=["tom"], saw=["ana"])
    add_event(ctx, "Berlin Meetup", on="2026-02-01", saw=["tom"])
    link(ctx, "priya", "tom", "friend")
    link(ctx, "priya", "ana", "colleague")
    link(ctx, "sam", "tom", "knows")
    return ctx


def test_between_two_contacts(people: Context) -> None:
    ground = common_ground(people, "tom", "ana")
    assert ground.person.name == "Tom Baker" and ground.other is not None
    assert ground.other.name == "Ana Ruiz"
    assert ground.interests == ("Chess",) and ground.tags == ("python",)
    assert ground.employers == (SharedEmployer("Globex", "2021–2022", True),)
    assert ground.cities == ("Berlin",) and ground.schools == () and ground.notes == ()
    assert ground.events == (EventTogether("PyCon 2025", date(2025, 5, 14)),)
    assert [m.person.name for m in ground.mutual] == ["Priya Shah"]
    assert ground.topics == (TopicCount("hiring", 1), TopicCount("job-search", 1))
    assert ground.last is not None and ground.last.note == "Coffee, the three of us"
    assert ground.starters[0] == "Ana Ruiz and Tom Baker were both at Globex 2021–2022."
    assert 2 <= len(ground.starters) <= 4


def test_between_you_and_a_contact(people: Context) -> None:
    edit_my_profile(
        people,
        ProfileChanges(
            interests=["climbing"], companies=["Globex:2020-2021"], schools=["MIT"], cities=["Oslo"]
        ),
    )
    ground = common_ground(people, "tom")
    assert ground.other is None
    assert ground.interests == ("Climbing",) and ground.tags == ()
    assert ground.employers == (SharedEmployer("Globex", "2020–2021", True),)
    assert ground.cities == () and ground.notes == (SCHOOLS_NOT_RECORDED,)
    assert [e.name for e in ground.events] == ["Berlin Meetup", "PyCon 2025"]
    # Priya and Ana are tied to Tom and to you; Sam knows Tom, but you have no tie to Sam.
    assert {m.person.name for m in ground.mutual} == {"Priya Shah", "Ana Ruiz"}
    strengths = [m.strength for m in ground.mutual]
    assert strengths == sorted(strengths, reverse=True) and all(s > 0 for s in strengths)
    assert ground.topics == (TopicCount("job-search", 2), TopicCount("hiring", 1))
    assert ground.last is not None
    assert ground.last.note == "Call about his job search and the hiring freeze"
    assert ground.last.day == date(2026, 12, 10)
    assert ground.starters[:2] == (
        "You were both at Globex 2020–2021 — swap stories from there.",
        "You were both at Berlin Meetup — ask what stood out for them.",
    )


def test_a_city_is_the_locality_else_the_region(people: Context) -> None:
    edit_my_profile(people, ProfileChanges(cities=["bavaria"]))
    assert common_ground(people, "sam").cities == ("Bavaria",)


def test_nothing_in_common_is_an_empty_answer(people: Context) -> None:
    person(people, "Zoe Kim")
    ground = common_ground(people, "zoe")
    assert ground.empty and ground.starters == () and ground.last is None


def test_mistakes_are_clear_errors(people: Context) -> None:
    with pytest.raises(NotFound):
        common_ground(people, "nobody at all")
    with pytest.raises(NotFound):
        common_ground(people, "tom", "nobody at all")
    with pytest.raises(InvalidInput, match="two different people"):
        common_ground(people, "tom", "Tom Baker")
    with pytest.raises(InvalidInput):
        edit_my_profile(people, ProfileChanges(companies=["Globex:2022-2019"]))
    assert my_profile(people) == Profile()


def test_the_profile_is_stored_edited_and_survives_a_backup(
    ctx: Context, clock: FixedClock, database: Database, tmp_path: Path, sqlite_template: Path
) -> None:
    assert my_profile(ctx) == Profile()
    edit_my_profile(ctx, ProfileChanges(interests=["Chess", "Go"], companies=["Globex:2019-"]))
    edit_my_profile(ctx, ProfileChanges(remove_interests=["go"], schools=["MIT"]))
    expected = Profile(
        interests=("Chess",),
        employers=(Stint("Globex", 2019, None, current=True),),
        schools=("MIT",),
    )
    assert my_profile(ctx) == expected
    text = backup_text(export_backup(ctx))
    if database.backend == "sqlite":
        url = f"sqlite:///{tmp_path / 'restored.db'}"
        shutil.copy(sqlite_template, tmp_path / "restored.db")
    else:
        url = database.url
        _empty_postgres(url)
    restored = replace(ctx, store=Store.open(url, now=clock()))
    try:
        report = import_backup(restored, text, file="backup.json")
        assert not report.failed, report.errors
        assert my_profile(restored) == expected
    finally:
        restored.close()


def test_another_account_sees_none_of_it(people: Context, settings: Settings) -> None:
    edit_my_profile(people, ProfileChanges(interests=["chess"]))
    with people.store.transaction() as tx:
        tom, ana = tx.people.resolve("tom"), tx.people.resolve("ana")
    store = Store.open(settings.database_url, now=people.now(), account="sam")
    other = replace(people, store=store, cache={})
    try:
        assert my_profile(other) == Profile()
        with store.transaction() as tx:
            assert tx.common_ground.profile(tom) == Profile()
            assert (
                tx.common_ground.events_attended([tom, ana], limit=10, today=date(2100, 1, 1)) == ()
            )
            assert tx.common_ground.topics([tom], limit=10) == ()
            assert tx.common_ground.last_note([tom]) is None
        with pytest.raises(NotFound):
            common_ground(other, "tom")
    finally:
        store.close()


def test_an_event_still_to_come_is_not_shared_history(people: Context, clock: FixedClock) -> None:
    soon = clock().date().toordinal() + 30
    add_event(people, "Summit", on=date.fromordinal(soon).isoformat(), saw=["tom", "ana"])
    assert [e.name for e in common_ground(people, "tom", "ana").events] == ["PyCon 2025"]
    clock.advance(days=31)
    assert [e.name for e in common_ground(people, "tom", "ana").events] == ["Summit", "PyCon 2025"]
