"""Reading one whole person in four queries: the row, every listed item (nicknames, e-mails,
phones, URLs, addresses, tags, interests, related names) in one UNION ALL, the jobs, and the
provenance. The statements are built once; each read only binds the person's id.

Every page and API call that shows a person goes through here, so it is kept lean: Core rows,
not ORM objects, and no column the `Person` record does not hold (not the search text).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import (
    Integer,
    Row,
    Select,
    String,
    bindparam,
    cast,
    literal_column,
    null,
    select,
    union_all,
)
from sqlalchemy.orm import Session

from kithkin.store import direct
from kithkin.store.tables import (
    AddressRow,
    EmailRow,
    EmploymentRow,
    FieldProvenanceRow,
    InterestRow,
    NicknameRow,
    OrganizationRow,
    PersonRow,
    PhoneRow,
    RelatedNameRow,
    SourceRow,
    TagRow,
    UrlRow,
)

_PERSON = bindparam("person_id", type_=Integer)
_TEXT_COLUMNS = 6  # the most any listed item has (an address)

PERSON_ROW = select(
    PersonRow.owner_id,
    PersonRow.uid,
    PersonRow.display_name,
    PersonRow.given_name,
    PersonRow.family_name,
    PersonRow.middle_name,
    PersonRow.prefix,
    PersonRow.suffix,
    PersonRow.birth_year,
    PersonRow.birth_month,
    PersonRow.birth_day,
    PersonRow.met_how,
    PersonRow.met_on,
    PersonRow.circle,
    PersonRow.cadence_days,
    PersonRow.mode,
    PersonRow.notes,
    PersonRow.created_at,
    PersonRow.updated_at,
    PersonRow.last_interaction_at,
).where(PersonRow.id == _PERSON)


def _items(
    kind: str,
    columns: Sequence[Any],
    person_id: Any,
    order: tuple[Any, Any] | None = None,
) -> Select[*tuple[Any, ...]]:
    """One kind of listed item as (kind, position, id, text1 … text6)."""
    texts = [cast(column, String).label(f"t{i}") for i, column in enumerate(columns)]
    texts += [cast(null(), String).label(f"t{i}") for i in range(len(columns), _TEXT_COLUMNS)]
    position, item_id = order or (literal_column("0"), literal_column("0"))
    return select(
        literal_column(f"'{kind}'", String).label("kind"),
        position.label("position"),
        item_id.label("item_id"),
        *texts,
    ).where(person_id == _PERSON)


LISTED_ITEMS = union_all(
    _items(
        "nickname",
        [NicknameRow.value],
        NicknameRow.person_id,
        (NicknameRow.position, NicknameRow.id),
    ),
    _items(
        "email",
        [EmailRow.value, EmailRow.label],
        EmailRow.person_id,
        (EmailRow.position, EmailRow.id),
    ),
    _items(
        "phone",
        [PhoneRow.e164, PhoneRow.raw, PhoneRow.label],
        PhoneRow.person_id,
        (PhoneRow.position, PhoneRow.id),
    ),
    _items("url", [UrlRow.value, UrlRow.label], UrlRow.person_id, (UrlRow.position, UrlRow.id)),
    _items(
        "address",
        [
            AddressRow.label,
            AddressRow.street,
            AddressRow.locality,
            AddressRow.region,
            AddressRow.postal_code,
            AddressRow.country,
        ],
        AddressRow.person_id,
        (AddressRow.position, AddressRow.id),
    ),
    _items("tag", [TagRow.name], TagRow.person_id),
    _items("interest", [InterestRow.name], InterestRow.person_id),
    _items(
        "related",
        [RelatedNameRow.name, RelatedNameRow.label],
        RelatedNameRow.person_id,
        (RelatedNameRow.position, RelatedNameRow.id),
    ),
).order_by(literal_column("kind"), literal_column("position"), literal_column("item_id"))

JOBS = (
    select(
        OrganizationRow.name,
        EmploymentRow.title,
        EmploymentRow.start_date,
        EmploymentRow.end_date,
        EmploymentRow.is_current,
    )
    .join(OrganizationRow, OrganizationRow.id == EmploymentRow.organization_id)
    .where(EmploymentRow.person_id == _PERSON)
    .order_by(EmploymentRow.is_current.desc(), EmploymentRow.position.desc())
)

PROVENANCE = (
    select(FieldProvenanceRow.field, SourceRow.kind, SourceRow.detail)
    .join(SourceRow, SourceRow.id == FieldProvenanceRow.source_id)
    .where(FieldProvenanceRow.person_id == _PERSON)
)


def person_row(session: Session, person_id: int) -> Row[*tuple[Any, ...]] | None:
    return direct.connection(session).execute(PERSON_ROW, {"person_id": person_id}).first()


def listed_items(session: Session, person_id: int) -> dict[str, list[tuple[str | None, ...]]]:
    """Each kind's items in their order, as their text columns."""
    found: dict[str, list[tuple[str | None, ...]]] = defaultdict(list)
    for row in direct.connection(session).execute(LISTED_ITEMS, {"person_id": person_id}).all():
        found[row.kind].append(tuple(row[3:]))
    return found


def jobs(session: Session, person_id: int) -> list[tuple[str, str, str | None, str | None, bool]]:
    """(organization name, title, start, end, is current), the current job first."""
    rows = direct.connection(session).execute(JOBS, {"person_id": person_id}).all()
    return [(name, title, start, end, current) for name, title, start, end, current in rows]


def provenance(session: Session, person_id: int) -> list[tuple[str, str, str]]:
    """(field, source kind, source detail) of each scalar field with a known source."""
    rows = direct.connection(session).execute(PROVENANCE, {"person_id": person_id}).all()
    return [(field, kind, detail) for field, kind, detail in rows]
