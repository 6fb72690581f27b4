"""The export page in Chromium: follow the nav link, download the backup and the vCards (4.0)
with the buttons (plain form posts), and read the files back."""

from __future__ import annotations

import json
from pathlib import Path

from kithkin.core.person_changes import PersonInput
from kithkin.formats.vcard import read_vcards
from kithkin.services import Context, add_person
from tests.web.browser.conftest import shot


def test_download_the_backup_and_the_vcards(
    ctx: Context, server: str, signed_in_page: object, tmp_path: Path
) -> None:
    from playwright.sync_api import Page, expect

    page: Page = signed_in_page  # type: ignore[assignment]
    add_person(ctx, PersonInput(name="Ana Ruiz", emails=["ana@example.com"], company="Acme"))
    add_person(ctx, PersonInput(name="<script>alert(1)</script> Mallory"))
    errors: list[str] = []
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )

    page.get_by_role("link", name="Export").click()
    expect(page.get_by_role("heading", name="Export", exact=True)).to_be_visible()
    expect(page.get_by_role("heading", name="iCalendar .ics")).to_be_visible()
    shot(page, "export")

    with page.expect_download() as backup_download:
        page.get_by_role("button", name="Download backup").click()
    backup = backup_download.value
    assert backup.suggested_filename == "kithkin-json-2026-11-20.json"
    backup_path = tmp_path / backup.suggested_filename
    backup.save_as(backup_path)
    document = json.loads(backup_path.read_text(encoding="utf-8"))
    assert sorted(person["display_name"] for person in document["people"]) == [
        "<script>alert(1)</script> Mallory",
        "Ana Ruiz",
    ]

    page.get_by_label("4.0").check()
    with page.expect_download() as cards_download:
        page.get_by_role("button", name="Download vCards").click()
    cards = cards_download.value
    assert cards.suggested_filename == "kithkin-vcard-2026-11-20.vcf"
    cards_path = tmp_path / cards.suggested_filename
    cards.save_as(cards_path)
    text = cards_path.read_bytes().decode("utf-8")
    assert "\r\nVERSION:4.0\r\n" in text
    parsed = read_vcards(text, file=cards.suggested_filename)
    assert parsed.problems == []
    assert sorted(card.full_name for card in parsed.cards) == [
        "<script>alert(1)</script> Mallory",
        "Ana Ruiz",
    ]
    expect(page.get_by_role("heading", name="Export", exact=True)).to_be_visible()  # still here
    assert errors == []
