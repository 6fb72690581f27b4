"""Importing contacts: matching, idempotency, updates, dry runs and invalid files."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from kithkin.core.person_changes import PersonInput
from kithkin.errors import InvalidInput
from kithkin.services import Context, add_person, edit_person, list_people, show_person
from kithkin.services.imports import import_contacts
from kithkin.services.interactions import search

HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"
PREAMBLE = 'Notes:\n"When exporting your connection data, some e-mails may be missing."\n\n'
ANA = (
    "Ana,Ruiz,https://www.linkedin.com/in/ana-ruiz-7b2a1c,,Northwind,Head of Partnerships,"
    "09 Oct 2024"
)
BEN = "Ben,Okafor,https://www.linkedin.com/in/ben-okafor,ben@example.com,Globex,CTO,17 Sep 2024"


def connections(tmp_path: Path, *rows: str, name: str = "Connections.csv") -> Path:
    path = tmp_path / name
    path.write_text(PREAMBLE + HEADER + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def names(ctx: Context) -> list[str]:
    return [person.name for person in list_people(ctx, limit=1000)]


def test_a_linkedin_export_creates_its_connections_with_their_jobs(
    ctx: Context, tmp_path: Path
) -> None:
    report = import_contacts(ctx, "linkedin", connections(tmp_path, ANA, ",,,,,,03 Jul 2023", BEN))
    assert [entry.name for entry in report.created] == ["Ana Ruiz", "Ben Okafor"]
    assert [entry.line for entry in report.created] == [5, 7]
    assert [issue.line for issue in report.skipped] == [6]  # the row holding only a date
    ana = show_person(ctx, "Ana Ruiz").person
    assert (ana.organization, ana.title) == ("Northwind", "Head of Partnerships")
    assert [url.value for url in ana.urls] == ["https://www.linkedin.com/in/ana-ruiz-7b2a1c"]
    assert ana.met_on is not None and ana.met_on.isoformat() == "2024-10-09"
    assert ana.provenance["name"] == "import:linkedin: Connections.csv"
    assert [email.value for email in show_person(ctx, "Ben").person.emails] == ["ben@example.com"]


def test_importing_the_same_export_again_creates_and_changes_nothing(
    ctx: Context, tmp_path: Path
) -> None:
    path = connections(tmp_path, ANA, BEN)
    import_contacts(ctx, "linkedin", path)
    again = import_contacts(ctx, "linkedin", path)
    assert (len(again.created), len(again.updated), len(again.unchanged)) == (0, 0, 2)
    assert names(ctx) == ["Ana Ruiz", "Ben Okafor"]


def test_a_newer_export_moves_a_job_into_history_and_adds_only_the_new_people(
    ctx: Context, tmp_path: Path
) -> None:
    import_contacts(ctx, "linkedin", connections(tmp_path, ANA))
    newer = ANA.replace("Northwind,Head of Partnerships", '"Contoso, Ltd",VP Partnerships')
    report = import_contacts(
        ctx, "linkedin", connections(tmp_path, newer, BEN, name="Connections-2025.csv")
    )
    assert [entry.name for entry in report.created] == ["Ben Okafor"]
    assert [(entry.name, entry.changes) for entry in report.updated] == [
        ("Ana Ruiz", ("organization", "title"))
    ]
    jobs = show_person(ctx, "Ana Ruiz").person.employments
    assert [(job.organization, job.title, job.current) for job in jobs] == [
        ("Contoso, Ltd", "VP Partnerships", True),
        ("Northwind", "Head of Partnerships", False),
    ]


def test_an_import_never_overwrites_what_the_user_changed_by_hand(
    ctx: Context, tmp_path: Path
) -> None:
    import_contacts(ctx, "linkedin", connections(tmp_path, ANA))
    edit_person(ctx, "Ana Ruiz", PersonInput(name="Ana María Ruiz"))
    renamed = ANA.replace("Ana,Ruiz", "Anita,Ruiz").replace("Northwind", "Contoso")
    import_contacts(ctx, "linkedin", connections(tmp_path, renamed, name="newer.csv"))
    ana = show_person(ctx, "Ana María Ruiz").person
    assert ana.name == "Ana María Ruiz"
    assert ana.organization == "Contoso"  # the job is news; the name was the user's


def test_records_are_matched_by_e_mail_and_a_same_name_alone_is_only_flagged(
    ctx: Context, tmp_path: Path
) -> None:
    add_person(ctx, PersonInput(name="Benjamin Okafor", emails=["BEN@example.com"]))
    sam = add_person(ctx, PersonInput(name="Sam Lee"))
    other_sam = "Sam,Lee,https://www.linkedin.com/in/sam-lee-42,,Initech,Analyst,01 Jan 2024"
    report = import_contacts(ctx, "linkedin", connections(tmp_path, BEN, other_sam))
    assert [entry.name for entry in report.updated] == ["Benjamin Okafor"]
    assert [entry.name for entry in report.created] == ["Sam Lee"]
    [flag] = report.possible_duplicates
    assert (flag.name, flag.existing_id, flag.reason) == ("Sam Lee", sam.id, "same name")
    assert names(ctx).count("Sam Lee") == 2
    ben = show_person(ctx, "Benjamin").person
    assert ben.organization == "Globex"  # filled in: the hand-made record had no job


def test_an_invalid_record_stops_the_import_and_writes_nothing(
    ctx: Context, tmp_path: Path
) -> None:
    bad = "Cleo,Park,https://www.linkedin.com/in/cleo,not-an-email,Acme,CEO,09 Oct 2024"
    report = import_contacts(ctx, "linkedin", connections(tmp_path, ANA, bad))
    assert report.failed and not report.created
    [error] = report.errors
    assert (error.line, error.field) == (6, "email")
    assert str(error).startswith(f"{tmp_path / 'Connections.csv'}:6: email: ")
    assert names(ctx) == []


def test_skip_invalid_imports_the_rest_and_reports_what_was_left_out(
    ctx: Context, tmp_path: Path
) -> None:
    bad = "Cleo,Park,https://www.linkedin.com/in/cleo,,Acme,CEO,31 Foo 2024"
    report = import_contacts(
        ctx, "linkedin", connections(tmp_path, ANA, bad, BEN), skip_invalid=True
    )
    assert not report.failed
    assert [issue.line for issue in report.skipped] == [6]
    assert names(ctx) == ["Ana Ruiz", "Ben Okafor"]


def test_a_dry_run_reports_exactly_what_an_import_would_do_and_writes_nothing(
    ctx: Context, tmp_path: Path
) -> None:
    add_person(ctx, PersonInput(name="Ana Ruiz"))
    path = connections(tmp_path, ANA, BEN)
    dry = import_contacts(ctx, "linkedin", path, dry_run=True)
    assert names(ctx) == ["Ana Ruiz"]
    real = import_contacts(ctx, "linkedin", path)
    assert [(e.line, e.name) for e in dry.created] == [(e.line, e.name) for e in real.created]
    assert [e.person_id for e in dry.created] == ["", ""]
    assert [(f.name, f.existing_name) for f in dry.possible_duplicates] == [
        (f.name, f.existing_name) for f in real.possible_duplicates
    ]


def test_an_export_zip_turns_messages_into_interactions_with_the_right_people(
    ctx: Context, tmp_path: Path
) -> None:
    archive = tmp_path / "Basic_LinkedInDataExport.zip"
    messages = (
        "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,"
        "DATE,SUBJECT,CONTENT,FOLDER\n"
        "c1,,Ana Ruiz,https://www.linkedin.com/in/ana-ruiz-7b2a1c,Me Myself,"
        "https://www.linkedin.com/in/me-myself,2024-10-10 09:00:00 UTC,,"
        '"Great to meet you, let\'s talk partnerships",INBOX\n'
        "c1,,Me Myself,https://www.linkedin.com/in/me-myself,Ana Ruiz,"
        "https://www.linkedin.com/in/ana-ruiz-7b2a1c,2024-10-11 09:00:00 UTC,,Sure!,SENT\n"
        "c2,,Recruiter,https://www.linkedin.com/in/someone-else,Me Myself,"
        "https://www.linkedin.com/in/me-myself,2024-10-12 09:00:00 UTC,,Hiring?,INBOX\n"
    )
    with zipfile.ZipFile(archive, "w") as bundle:
        bundle.writestr("Connections.csv", PREAMBLE + HEADER + "\n" + ANA + "\n")
        bundle.writestr("messages.csv", messages)
    report = import_contacts(ctx, "linkedin", archive)
    assert report.interactions_created == 2
    assert [issue.message for issue in report.skipped] == [
        "message with Recruiter, not one of your connections"
    ]
    ana = show_person(ctx, "Ana Ruiz")
    assert [i.note for i in ana.recent] == ["Sure!", "Great to meet you, let's talk partnerships"]
    assert [i.channel.value for i in ana.recent] == ["linkedin", "linkedin"]
    assert [i.initiated_by.value for i in ana.recent] == ["me", "them"]
    again = import_contacts(ctx, "linkedin", archive)
    assert (again.interactions_created, again.interactions_unchanged) == (0, 2)
    assert len(search(ctx, "partnerships").interactions) == 1


def test_a_missing_file_is_a_clear_error(ctx: Context, tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="no such file"):
        import_contacts(ctx, "linkedin", tmp_path / "nope.csv")


def test_records_without_a_key_of_their_own_import_again_as_unchanged(
    ctx: Context, tmp_path: Path
) -> None:
    path = tmp_path / "contacts.csv"
    path.write_text(
        "First Name,Last Name,E-mail Address,Company\n"
        "Kwame,Mensah,,Acme\n"  # nothing to match him by but the record itself
        "Lena,Berg,lena@example.com,\n",
        encoding="utf-8",
    )
    first = import_contacts(ctx, "outlook", path)
    again = import_contacts(ctx, "outlook", path)
    assert len(first.created) == 2
    assert (len(again.created), len(again.unchanged)) == (0, 2)
    assert names(ctx) == ["Kwame Mensah", "Lena Berg"]
