"""The import page in Chromium: upload a vCard, read the preview, confirm, find the person;
then the weekly review."""

from __future__ import annotations

from pathlib import Path

from kithkin.core.log_entry import LogInput
from kithkin.core.person_changes import PersonInput
from kithkin.services import Context, add_person, list_people, log_interaction
from tests.web.browser.conftest import shot

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def test_upload_a_vcard_preview_confirm_and_find_the_person(
    ctx: Context, server: str, signed_in_page: object
) -> None:
    from playwright.sync_api import Page, expect

    page: Page = signed_in_page  # type: ignore[assignment]
    add_person(ctx, PersonInput(name="Priya Raman"))  # a same-name match: flagged, not merged
    errors: list[str] = []
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )

    page.get_by_role("link", name="Import").click()
    expect(page.get_by_role("heading", name="Import contacts")).to_be_visible()
    page.get_by_label("vCard (.vcf)").check()
    page.get_by_label("File").set_input_files(str(FIXTURES / "vcard" / "several.vcf"))
    shot(page, "import-form")
    page.get_by_role("button", name="Preview the import").click()
    expect(page.get_by_role("heading", name="Preview: import of several.vcf")).to_be_visible()
    expect(page.get_by_text("Smith, John")).to_be_visible()
    shot(page, "import-preview")
    assert [person.name for person in list_people(ctx)] == ["Priya Raman"]  # a dry run

    page.get_by_role("button", name="Confirm import").click()
    expect(page.get_by_role("heading", name="Imported several.vcf")).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("created")
    shot(page, "import-done")
    page.get_by_role("link", name="See your people").click()
    expect(page.locator("main")).to_contain_text("Smith, John")
    assert errors == []


def test_a_broken_vcard_shows_its_lines(ctx: Context, server: str, signed_in_page: object) -> None:
    from playwright.sync_api import Page, expect

    page: Page = signed_in_page  # type: ignore[assignment]
    page.goto(f"{server}/import")
    page.get_by_label("File").set_input_files(str(FIXTURES / "vcard" / "broken.vcf"))
    page.get_by_role("button", name="Preview the import").click()
    expect(page.get_by_role("heading", name="Nothing was imported")).to_be_visible()
    expect(page.get_by_text("broken.vcf:14: bday:")).to_be_visible()
    assert page.get_by_role("button", name="Confirm import").count() == 0
    shot(page, "import-errors")
    assert list_people(ctx) == []


def test_the_weekly_review_reads_and_prints_well(
    ctx: Context, server: str, signed_in_page: object
) -> None:
    from playwright.sync_api import Page, expect

    page: Page = signed_in_page  # type: ignore[assignment]
    for name in ("Ana Ruiz", "Ben Okafor", "Cleo Park"):
        add_person(ctx, PersonInput(name=name, circle="key"))
    log_interaction(ctx, ["Ana"], LogInput(note="coffee about her new team", purpose="networking"))
    log_interaction(ctx, ["Ben"], LogInput(note="dinner", purpose="social", channel="in-person"))
    log_interaction(
        ctx, ["Cleo"], LogInput(note="call", date="2026-11-02", follow_up="2026-11-12: intro")
    )

    page.get_by_role("link", name="Review").click()
    expect(page.get_by_role("heading", name="Weekly review 2026-W47")).to_be_visible()
    expect(page.get_by_role("heading", name="Mistakes to watch")).to_be_visible()
    shot(page, "review")
    page.get_by_role("link", name="← Previous week").click()
    expect(page.get_by_role("heading", name="Weekly review 2026-W46")).to_be_visible()
    page.get_by_role("link", name="This week").click()
    expect(page.get_by_role("heading", name="Weekly review 2026-W47")).to_be_visible()
    page.emulate_media(media="print")
    expect(page.locator("header.top")).to_be_hidden()
    expect(page.locator(".week-nav")).to_be_hidden()
    shot(page, "review-print")
