"""The import page: upload, dry-run preview, confirm; invalid files show file:line errors."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

from kithkin.services import list_people
from kithkin.services.auth import set_password
from kithkin.web import transfer_pages
from tests.web.conftest import Web

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
APPLE = FIXTURES / "vcard" / "apple-3.0.vcf"


@pytest.fixture(autouse=True)
def pending_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Uploads wait in the test's own folder (the app uses the system's temporary one)."""
    root = tmp_path / "kithkin-imports"
    monkeypatch.setattr(transfer_pages, "PENDING_ROOT", root)
    return root


def names(web: Web) -> list[str]:
    return [person.name for person in list_people(web.ctx, limit=1000)]


def upload(web: Web, kind: str, path: Path, csrf: str | None) -> Any:
    data = {"kind": kind} | ({"csrf_token": csrf} if csrf is not None else {})
    files = {"file": (path.name, path.read_bytes(), "application/octet-stream")}
    return web.client.post("/import", data=data, files=files)


def token_in(page: str) -> str:
    marker = 'name="token" value="'
    start = page.index(marker) + len(marker)
    return page[start : page.index('"', start)]


def test_the_form_offers_every_kind(web: Web) -> None:
    web.sign_in()
    page = web.client.get("/import").text
    for kind in ("linkedin", "vcard", "google", "outlook", "json"):
        assert f'value="{kind}"' in page
    assert 'enctype="multipart/form-data"' in page


def test_a_vcard_preview_writes_nothing_and_the_confirm_imports_it(web: Web) -> None:
    csrf = web.sign_in()
    preview = upload(web, "vcard", APPLE, csrf)
    assert preview.status_code == 200, preview.text
    assert "Preview: import of apple-3.0.vcf" in preview.text
    assert "Dr. Adaeze Nneka Okonkwo PhD" in preview.text and "Confirm import" in preview.text
    assert names(web) == []
    token = token_in(preview.text)
    assert (transfer_pages.PENDING_ROOT / token / "apple-3.0.vcf").is_file()

    confirmed = web.client.post("/import/confirm", data={"csrf_token": csrf, "token": token})
    assert confirmed.status_code == 200, confirmed.text
    assert "Imported apple-3.0.vcf" in confirmed.text and "Done: 1 created" in confirmed.text
    assert names(web) == ["Dr. Adaeze Nneka Okonkwo PhD"]
    assert not (transfer_pages.PENDING_ROOT / token).exists()  # forgotten after the confirm
    again = web.client.post("/import/confirm", data={"csrf_token": csrf, "token": token})
    assert again.status_code == 404 and "expired or is not yours" in again.text


def test_a_second_upload_of_the_same_file_is_unchanged(web: Web) -> None:
    csrf = web.sign_in()
    google = FIXTURES / "google" / "contacts.csv"
    first = upload(web, "google", google, csrf)
    web.client.post("/import/confirm", data={"csrf_token": csrf, "token": token_in(first.text)})
    stored = names(web)
    assert stored
    second = upload(web, "google", google, csrf)
    assert "<dt>0</dt><dd>people would be created</dd>" in second.text
    assert f"<dt>{len(stored)}</dt><dd>people unchanged</dd>" in second.text
    web.client.post("/import/cancel", data={"csrf_token": csrf, "token": token_in(second.text)})
    assert names(web) == stored


def test_an_invalid_vcard_shows_its_lines_and_writes_nothing(web: Web) -> None:
    csrf = web.sign_in()
    page = upload(web, "vcard", FIXTURES / "vcard" / "broken.vcf", csrf)
    assert page.status_code == 200
    assert "Nothing was imported" in page.text and "Confirm import" not in page.text
    for where in ("broken.vcf:1: end: ", "broken.vcf:9: ", "broken.vcf:14: bday: "):
        assert where in page.text
    assert "1985-13-45" in page.text
    assert str(transfer_pages.PENDING_ROOT) not in page.text  # no server path shown
    assert names(web) == []


def test_skipping_invalid_records_imports_the_rest(web: Web) -> None:
    csrf = web.sign_in()
    assert 'name="skip_invalid"' in web.client.get("/import").text
    broken = FIXTURES / "vcard" / "broken.vcf"
    files = {"file": (broken.name, broken.read_bytes(), "application/octet-stream")}
    data = {"kind": "vcard", "csrf_token": csrf, "skip_invalid": "on"}
    preview = web.client.post("/import", data=data, files=files)
    assert preview.status_code == 200 and "Confirm import" in preview.text
    assert "broken.vcf:14: bday: " in preview.text  # listed as skipped, not imported
    assert names(web) == []
    confirmed = web.client.post(
        "/import/confirm", data={"csrf_token": csrf, "token": token_in(preview.text)}
    )
    assert confirmed.status_code == 200, confirmed.text
    assert sorted(names(web)) == ["Good After", "Good Before"]


def test_an_invalid_csv_shows_its_lines_and_writes_nothing(web: Web, tmp_path: Path) -> None:
    csrf = web.sign_in()
    rows = (FIXTURES / "linkedin" / "Connections.csv").read_text(encoding="utf-8").splitlines()
    bad = "Cleo,Park,https://www.linkedin.com/in/cleo,not-an-email,Acme,CEO,09 Oct 2024"
    path = tmp_path / "Connections.csv"
    path.write_text("\n".join([*rows, bad]) + "\n", encoding="utf-8")
    page = upload(web, "linkedin", path, csrf)
    assert f"Connections.csv:{len(rows) + 1}: email: " in page.text
    assert "Confirm import" not in page.text
    assert names(web) == []


def test_a_file_of_the_wrong_kind_is_a_clear_message(web: Web) -> None:
    csrf = web.sign_in()
    page = upload(web, "json", APPLE, csrf)
    assert page.status_code in (200, 400)
    assert "apple-3.0.vcf" in page.text and "Confirm import" not in page.text
    assert str(transfer_pages.PENDING_ROOT) not in page.text
    assert names(web) == []


def test_a_missing_file_or_kind_is_refused(web: Web) -> None:
    csrf = web.sign_in()
    no_kind = upload(web, "csv", APPLE, csrf)
    assert no_kind.status_code == 400 and "kind: choose one of" in no_kind.text
    no_file = web.client.post("/import", data={"csrf_token": csrf, "kind": "vcard"})
    assert no_file.status_code == 400 and "file: choose a file" in no_file.text


def test_an_upload_over_the_limit_is_refused_with_a_message(
    web: Web, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(transfer_pages, "MAX_UPLOAD_BYTES", 100)
    csrf = web.sign_in()
    page = upload(web, "vcard", APPLE, csrf)
    assert page.status_code == 413 and "larger than 50 MB" in page.text
    assert names(web) == []


def test_the_upload_and_the_confirm_need_the_csrf_token(web: Web) -> None:
    csrf = web.sign_in()
    assert upload(web, "vcard", APPLE, None).status_code == 403
    preview = upload(web, "vcard", APPLE, csrf)
    token = token_in(preview.text)
    assert web.client.post("/import/confirm", data={"token": token}).status_code == 403
    assert names(web) == []


def test_a_forged_or_foreign_token_is_refused(web: Web) -> None:
    csrf = web.sign_in()
    for forged in ("../../etc/passwd", "x" * 32, ""):
        refused = web.client.post("/import/confirm", data={"csrf_token": csrf, "token": forged})
        assert refused.status_code == 404 and "expired or is not yours" in refused.text
    token = token_in(upload(web, "vcard", APPLE, csrf).text)
    set_password(web.ctx.store, "maria", "correct horse battery", now=web.ctx.now())
    web.client.post(
        "/login",
        data={"username": "maria", "password": "correct horse battery"},
        follow_redirects=False,
    )
    maria_csrf = web.client.get("/import").text.split('name="csrf-token" content="')[1][:43]
    maria_csrf = maria_csrf.split('"')[0]
    stolen = web.client.post("/import/confirm", data={"csrf_token": maria_csrf, "token": token})
    assert stolen.status_code == 404 and "expired or is not yours" in stolen.text
    assert names(web) == []
    assert (transfer_pages.PENDING_ROOT / token).is_dir()  # still the first owner's


def test_an_upload_older_than_an_hour_is_forgotten(
    web: Web, monkeypatch: pytest.MonkeyPatch
) -> None:
    csrf = web.sign_in()
    token = token_in(upload(web, "vcard", APPLE, csrf).text)
    later = time.time() + transfer_pages.KEPT_SECONDS + 60
    monkeypatch.setattr(transfer_pages.time, "time", lambda: later)
    expired = web.client.post("/import/confirm", data={"csrf_token": csrf, "token": token})
    assert expired.status_code == 404
    assert not (transfer_pages.PENDING_ROOT / token).exists()
    assert names(web) == []
