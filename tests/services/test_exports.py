"""Exports read back: the CSV by the Google reader, the feed by icalendar."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from icalendar import Calendar

from kithkin.core.log_entry import LogInput
from kithkin.core.person_changes import PersonInput
from kithkin.formats.google import read_google_csv
from kithkin.services import Context, add_person
from kithkin.services.exports import export_csv, export_ics
from kithkin.services.files import write_atomically, write_vdir
from kithkin.services.interactions import log_interaction


def rich_people(ctx: Context) -> None:
    add_person(
        ctx,
        PersonInput(
            name="Ana María Ruiz",
            emails=["ana@example.com", "ana@work.example"],
            phones=["+1 415 555 0134"],
            urls=["https://www.linkedin.com/in/ana-ruiz"],
            company="Acme, Inc.",
            title="CTO",
            tags=["friends", "climate"],
            birthday="--02-29",
            notes="Met at PyCon.\nLikes hiking, climbing.",
        ),
    )
    add_person(ctx, PersonInput(name="Ben Okafor", birthday="1985-04-12"))


def test_the_csv_export_reads_back_as_google_contacts_with_every_value(ctx: Context) -> None:
    rich_people(ctx)
    parsed = read_google_csv(export_csv(ctx).lstrip("\ufeff"), file="export.csv")
    assert not parsed.problems
    ana, ben = parsed.cards
    assert (ana.given_name, ana.middle_name, ana.family_name) == ("Ana", "María", "Ruiz")
    assert [e.value for e in ana.emails] == ["ana@example.com", "ana@work.example"]
    assert [p.value for p in ana.phones] == ["+1 415 555 0134"]
    assert (ana.organization, ana.title) == ("Acme, Inc.", "CTO")
    assert set(ana.tags) == {"friends", "climate"}
    assert ana.birthday is not None and (ana.birthday.month, ana.birthday.day) == (2, 29)
    assert ana.notes == "Met at PyCon.\nLikes hiking, climbing."
    assert [u.value for u in ana.urls] == ["https://www.linkedin.com/in/ana-ruiz"]
    assert ben.birthday is not None and ben.birthday.iso() == "1985-04-12"


def test_the_calendar_feed_is_valid_icalendar_with_birthdays_and_follow_ups(
    ctx: Context,
) -> None:
    rich_people(ctx)
    log_interaction(
        ctx,
        ["Ben Okafor"],
        LogInput(note="Coffee", channel="in-person", follow_up="2026-12-01: send the deck"),
    )
    feed = Calendar.from_ical(export_ics(ctx))
    events = {str(event["uid"]): event for event in feed.walk("VEVENT")}
    assert all({"UID", "DTSTAMP", "DTSTART", "SUMMARY"} <= set(e) for e in events.values())
    summaries = sorted(str(event["summary"]) for event in events.values())
    assert "Follow up (Ben Okafor): send the deck" in summaries
    assert "Ana María Ruiz's birthday" in summaries
    birthday = next(e for e in events.values() if str(e["summary"]) == "Ben Okafor's birthday")
    assert birthday.decoded("dtstart") == date(2027, 4, 12)
    assert str(birthday["rrule"]["FREQ"][0]) == "YEARLY"


def test_files_are_written_whole_and_an_unchanged_one_is_left_alone(tmp_path: Path) -> None:
    target = tmp_path / "out" / "contacts.vcf"
    assert write_atomically(target, b"one")
    before = target.stat().st_mtime_ns
    assert not write_atomically(target, b"one")
    assert target.stat().st_mtime_ns == before
    assert write_vdir(tmp_path / "vdir", [("a/b", "x"), ("c", "y")]) == 2
    assert sorted(p.name for p in (tmp_path / "vdir").iterdir()) == ["a_b.vcf", "c.vcf"]
    assert [p.name for p in tmp_path.joinpath("out").iterdir()] == ["contacts.vcf"]
