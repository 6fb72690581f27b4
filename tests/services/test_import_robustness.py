"""Broken files never crash an import and never leave half of one behind."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kithkin.errors import KithkinError
from kithkin.services import Context, list_people
from kithkin.services.imports import import_contacts
from tests.helpers import sqlite_only

FIXTURES = Path(__file__).parents[1] / "fixtures"
SOURCES = {
    "linkedin": (FIXTURES / "linkedin" / "Connections.csv").read_bytes(),
    "google": (FIXTURES / "google" / "contacts.csv").read_bytes(),
    "outlook": (FIXTURES / "outlook" / "outlook-desktop.csv").read_bytes(),
    "vcard": (FIXTURES / "vcard" / "apple-3.0.vcf").read_bytes(),
}


@st.composite
def damaged(draw: st.DrawFn) -> tuple[str, bytes]:
    kind = draw(st.sampled_from(sorted(SOURCES)))
    data = bytearray(SOURCES[kind])
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["cut", "insert", "flip"]))
        if action == "cut":
            del data[at : at + draw(st.integers(1, 40))]
        elif action == "insert":
            data[at:at] = draw(st.sampled_from([b'"', b",", b"\n", b"\x00", b"\xff", b";", b"@"]))
        elif at < len(data):
            data[at] = draw(st.integers(0, 255))
    return kind, bytes(data)


@sqlite_only
@settings(
    max_examples=60,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(case=damaged())
def test_a_damaged_file_imports_whole_or_not_at_all(
    ctx: Context, tmp_path: Path, case: tuple[str, bytes]
) -> None:
    kind, data = case
    path = tmp_path / (f"{kind}.vcf" if kind == "vcard" else f"{kind}.csv")
    path.write_bytes(data)
    before = [person.id for person in list_people(ctx, limit=10_000)]
    try:
        report = import_contacts(ctx, kind, path)
    except KithkinError:
        report = None
    after = [person.id for person in list_people(ctx, limit=10_000)]
    if report is None or report.failed:
        assert after == before
    else:
        assert len(after) == len(before) + len(report.created)
