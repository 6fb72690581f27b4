"""Accent-folded full-text search on PostgreSQL: ``perez`` finds ``Pérez`` (SQLite's FTS5 tables
already fold accents). The two generated ``tsvector`` columns are computed again through
``translate()`` with a fixed map of accented Latin letters to their plain ones (both cases:
``lower()`` leaves accented capitals alone under the C locale); queries are folded with the
same map (``store.search.ACCENTED``/``PLAIN``, checked equal to these by a test).

The columns are derived from the names, search text and notes, which are kept as they are: no
user data is changed or dropped. On a large database the interactions table is rewritten once.
Nothing changes on SQLite.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-05
"""

from __future__ import annotations

from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

ACCENTED = (
    "ÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖÙÚÛÜÝàáâãäåçèéêëìíîïñòóôõöùúûüýÿĀāĂăĄąĆ"
    "ćĈĉĊċČčĎďĒēĔĕĖėĘęĚěĜĝĞğĠġĢģĤĥĨĩĪīĬĭĮįİĴĵĶķĹĺĻļĽľŃńŅņŇňŌōŎŏŐő"
    "ŔŕŖŗŘřŚśŜŝŞşŠšŢţŤťŨũŪūŬŭŮůŰűŲųŴŵŶŷŸŹźŻżŽžſƠơƯưǍǎǏǐǑǒǓǔǕǖǗǘǙǚ"
    "ǛǜǞǟǠǡǦǧǨǩǪǫǬǭǰǴǵǸǹǺǻȀȁȂȃȄȅȆȇȈȉȊȋȌȍȎȏȐȑȒȓȔȕȖȗȘșȚțȞȟȦȧȨȩȪȫȬȭȮ"
    "ȯȰȱȲȳ"
)
PLAIN = (
    "AAAAAACEEEEIIIINOOOOOUUUUYaaaaaaceeeeiiiinooooouuuuyyAaAaAaC"
    "cCcCcCcDdEeEeEeEeEeGgGgGgGgHhIiIiIiIiIJjKkLlLlLlNnNnNnOoOoOo"
    "RrRrRrSsSsSsSsTtTtUuUuUuUuUuUuWwYyYZzZzZzsOoUuAaIiOoUuUuUuUu"
    "UuAaAaGgKkOoOojGgNnAaAaAaEeEeIiIiOoOoRrRrUuUuSsTtHhAaEeOoOoO"
    "oOoYy"
)

_FOLDED = f"translate({{}}, '{ACCENTED}', '{PLAIN}')"


def _vectors(people: str, notes: str) -> list[str]:
    return [
        "DROP INDEX IF EXISTS ix_people_search_vector",
        "ALTER TABLE people DROP COLUMN search_vector",
        "ALTER TABLE people ADD COLUMN search_vector tsvector GENERATED ALWAYS AS "
        f"(to_tsvector('simple', {people})) STORED",
        "CREATE INDEX ix_people_search_vector ON people USING gin (search_vector)",
        "DROP INDEX IF EXISTS ix_interactions_note_vector",
        "ALTER TABLE interactions DROP COLUMN note_vector",
        "ALTER TABLE interactions ADD COLUMN note_vector tsvector GENERATED ALWAYS AS "
        f"(to_tsvector('simple', {notes})) STORED",
        "CREATE INDEX ix_interactions_note_vector ON interactions USING gin (note_vector)",
    ]


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    people = _FOLDED.format("display_name || ' ' || search_text")
    for statement in _vectors(people, _FOLDED.format("note")):
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for statement in _vectors("display_name || ' ' || search_text", "note"):
        op.execute(statement)
