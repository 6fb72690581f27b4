"""The export page over HTTP: each download is the CLI's file, parses back, holds only the
signed-in account's people, and needs the CSRF token."""

from __future__ import annotations

import csv
import io
import json
import shutil
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar

from kithkin.core.log_entry import LogInput
from kithkin.core.person_changes import PersonInput
from kithkin.formats.vcard import read_vcards
from kithkin.services import Context, add_person, list_people, log_interaction
from kithkin.services.backup import import_backup
from kithkin.services.people import find_person
from kithkin.store import Store
from tests.conftest import Cli, FixedClock
from tests.web.conftest import Web

KINDS = ("json", "vcard", "csv", "ics")
EVIL = "<script>alert(1)</script> Mallory"
DAY = "2026-11-20"  # the fixed clock's date in Europe/Berlin


def other_owner(web: Web) -> Context:
    owner = web.ctx.store.ensure_account("someone-else", now=web.ctx.now())
    return replace(web.ctx, store=web.ctx.store.for_owner(owner))


def seed(web: Web) -> None:
    add_person(
        web.ctx,
        PersonInput(
            name="Ana Ruiz",
            emails=["ana@example.com"],
            phones=["+1 415 555 0100"],
            company="Acme",
            title="CTO",
            tags=["rust", "climbing"],
            birthday="1990-05-17",
            notes="Met at RustConf",
        ),
    )
    add_person(
        web.ctx, PersonInput(name="Ben Okafor", emails=["ben@example.org"], birthday="--03-02")
    )
    add_person(web.ctx, PersonInput(name=EVIL, emails=["mallory@example.net"]))
    log_interaction(
        web.ctx, ["Ana"], LogInput(note="coffee", follow_up="2026-11-27: send the paper")
    )
    add_person(other_owner(web), PersonInput(name="Zed Secret", emails=["zed@secret.example"]))


def download(web: Web, kind: str, **form: str) -> Any:
    response = web.client.post(f"/export/{kind}", data={"csrf_token": web.csrf, **form})
    assert response.status_code == 200, response.text
    return response


def attachment(response: Any, name: str, media_type: str) -> None:
    assert response.headers["content-disposition"] == f'attachment; filename="{name}"'
    assert response.headers["content-type"] == media_type
    assert response.headers["cache-control"] == "no-store"


def test_the_page_needs_a_session_and_explains_every_format(web: Web) -> None:
    response = web.client.get("/export", follow_redirects=False)
    assert (response.status_code, response.headers["location"]) == (303, "/login")
    csrf = web.sign_in()
    page = web.client.get("/export").text
    for heading in ("JSON backup", "vCards", "CSV", "iCalendar"):
        assert heading in page
    for kind in KINDS:
        assert f'action="/export/{kind}"' in page
    assert page.count(f'name="csrf_token" value="{csrf}"') >= len(KINDS)
    assert 'name="version" value="3.0" checked' in page and 'value="4.0"' in page
    assert "kithkin import json" in page and 'href="/settings#feed"' in page
    assert "/static/export.css" in page
    assert "style=" not in page and "<script>" not in page


def test_the_json_backup_imports_back_into_an_empty_account(
    web: Web, tmp_path: Path, sqlite_template: Path
) -> None:
    seed(web)
    web.sign_in()
    response = download(web, "json")
    attachment(response, f"kithkin-json-{DAY}.json", "application/json")
    document = json.loads(response.content)
    names = sorted(person["display_name"] for person in document["people"])
    assert names == sorted(["Ana Ruiz", "Ben Okafor", EVIL])

    # A new, empty database (SQLite whatever the source: the backup is the same document).
    shutil.copy(sqlite_template, tmp_path / "restored.db")
    store = Store.open(f"sqlite:///{tmp_path / 'restored.db'}", now=web.ctx.now())
    restored = replace(web.ctx, store=store)
    try:
        assert list_people(restored) == []
        report = import_backup(restored, response.text, file="backup.json")
        assert not report.failed, report.errors
        mine = {p.id: find_person(web.ctx, p.id) for p in list_people(web.ctx)}
        theirs = {p.id: find_person(restored, p.id) for p in list_people(restored)}
        assert theirs == mine
    finally:
        restored.close()


@pytest.mark.parametrize("version", ["3.0", "4.0"])
def test_the_vcards_are_one_file_the_vcard_reader_reads(web: Web, version: str) -> None:
    seed(web)
    web.sign_in()
    response = download(web, "vcard", version=version)
    attachment(response, f"kithkin-vcard-{DAY}.vcf", "text/vcard; charset=utf-8")
    text = response.content.decode()
    assert text.count("BEGIN:VCARD") == 3 and f"\r\nVERSION:{version}\r\n" in text
    parsed = read_vcards(text, file="export.vcf")
    assert parsed.problems == []
    cards = {card.full_name: card for card in parsed.cards}
    assert sorted(cards) == sorted(["Ana Ruiz", "Ben Okafor", EVIL])  # as typed, not escaped
    ana = cards["Ana Ruiz"]
    assert [e.value for e in ana.emails] == ["ana@example.com"]
    assert ana.organization == "Acme" and ana.title == "CTO"
    assert set(ana.tags) == {"rust", "climbing"}
    assert ana.birthday is not None and ana.birthday.iso() == "1990-05-17"


def test_the_vcard_version_defaults_to_3_and_a_bad_one_is_refused(web: Web) -> None:
    seed(web)
    csrf = web.sign_in()
    plain = web.client.post("/export/vcard", data={"csrf_token": csrf})
    assert plain.status_code == 200 and "\r\nVERSION:3.0\r\n" in plain.text
    bad = web.client.post("/export/vcard", data={"csrf_token": csrf, "version": "2.1"})
    assert bad.status_code == 400
    assert "content-disposition" not in bad.headers
    assert "vCard version: choose 3.0 or 4.0." in bad.text and 'role="alert"' in bad.text


def test_the_csv_rows_are_the_people(web: Web) -> None:
    seed(web)
    web.sign_in()
    response = download(web, "csv")
    attachment(response, f"kithkin-csv-{DAY}.csv", "text/csv; charset=utf-8")
    assert response.content.startswith(b"\xef\xbb\xbf")  # a BOM, as the CLI writes
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    by_name = {row["Name"]: row for row in rows}
    assert sorted(by_name) == sorted(["Ana Ruiz", "Ben Okafor", EVIL])
    ana = by_name["Ana Ruiz"]
    assert ana["Given Name"] == "Ana" and ana["Family Name"] == "Ruiz"
    assert ana["E-mail 1 - Value"] == "ana@example.com"
    assert ana["Organization 1 - Name"] == "Acme" and ana["Organization 1 - Title"] == "CTO"
    assert ana["Birthday"] == "1990-05-17"
    assert by_name["Ben Okafor"]["Birthday"] == " --03-02"  # Google's yearless birthday
    assert by_name[EVIL]["E-mail 1 - Value"] == "mallory@example.net"


def test_the_calendar_has_the_follow_ups_and_birthdays(web: Web) -> None:
    seed(web)
    web.sign_in()
    response = download(web, "ics")
    attachment(response, f"kithkin-ics-{DAY}.ics", "text/calendar; charset=utf-8")
    calendar = Calendar.from_ical(response.content)
    summaries = sorted(str(event["SUMMARY"]) for event in calendar.walk("VEVENT"))
    assert "Follow up (Ana Ruiz): send the paper" in summaries
    assert "Ana Ruiz's birthday" in summaries and "Ben Okafor's birthday" in summaries
    follow_up = next(e for e in calendar.walk("VEVENT") if "send the paper" in str(e["SUMMARY"]))
    assert follow_up.decoded("DTSTART").isoformat() == "2026-11-27"


@pytest.mark.parametrize(
    ("kind", "options"), [("json", ()), ("vcard", ("--version", "4.0")), ("csv", ()), ("ics", ())]
)
def test_each_download_is_the_clis_file(
    web: Web, kithkin: Cli, tmp_path: Path, kind: str, options: tuple[str, ...]
) -> None:
    seed(web)
    web.sign_in()
    written = tmp_path / f"export.{kind}"
    kithkin.ok("export", kind, "-o", str(written), *options)
    assert download(web, kind, version="4.0").content == written.read_bytes()


@pytest.mark.parametrize("kind", KINDS)
def test_another_accounts_people_never_appear(web: Web, kind: str) -> None:
    seed(web)
    add_person(
        other_owner(web), PersonInput(name="Yan Hidden", birthday="1980-01-01", notes="private")
    )
    web.sign_in()
    body = download(web, kind, version="4.0").content.decode("utf-8-sig")
    assert "Ana Ruiz" in body
    for secret in ("Zed Secret", "zed@secret.example", "Yan Hidden"):
        assert secret not in body


@pytest.mark.parametrize("kind", KINDS)
def test_a_download_needs_the_csrf_token(web: Web, kind: str) -> None:
    seed(web)
    web.sign_in()
    for form in ({}, {"csrf_token": "wrong"}):
        refused = web.client.post(f"/export/{kind}", data=form)
        assert refused.status_code == 403
        assert "content-disposition" not in refused.headers and "Ana Ruiz" not in refused.text
    assert web.client.get(f"/export/{kind}").status_code == 405  # never a plain link


def test_a_download_needs_a_session(web: Web) -> None:
    seed(web)
    response = web.client.post("/export/json", data={"csrf_token": "x"}, follow_redirects=False)
    assert (response.status_code, response.headers["location"]) == (303, "/login")


def test_an_unknown_kind_is_not_found(web: Web) -> None:
    csrf = web.sign_in()
    for kind in ("xml", "<b>x"):
        missing = web.client.post(f"/export/{kind}", data={"csrf_token": csrf})
        assert missing.status_code == 404
        assert "There is no export" in missing.text and "<b>x" not in missing.text


def test_names_are_escaped_on_the_page(web: Web) -> None:
    seed(web)
    web.sign_in()
    page = web.client.get("/export").text
    assert "<script>alert" not in page
    bad = web.client.post("/export/vcard", data={"csrf_token": web.csrf, "version": "<script>"})
    assert bad.status_code == 400 and "<script>" not in bad.text
    assert 'value="3.0" checked' in bad.text


def test_the_date_in_the_name_is_the_accounts_day(web: Web, clock: FixedClock) -> None:
    web.sign_in()
    clock.advance(hours=14, minutes=30)
    response = download(web, "csv")  # 23:30 UTC is already the next day in Berlin
    assert 'filename="kithkin-csv-2026-11-21.csv"' in response.headers["content-disposition"]
