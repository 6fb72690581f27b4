"""What an imported record changes on a person already stored: only what is new.

Pure. Lists grow (an e-mail the person lacks is added; nothing is removed). A value the
user set by hand is never overwritten by an import; a value the same kind of import set
earlier is, since the newer export knows better (a new employer starts a new job, and the
old one is kept as history by the store).
"""

from __future__ import annotations

from kithkin.core.person_changes import PersonChanges
from kithkin.core.records import Person


def changes_against(person: Person, changes: PersonChanges, *, source_kind: str) -> PersonChanges:
    touched: set[str] = set()

    def ours(field: str) -> bool:
        return person.provenance.get(field, "").startswith(source_kind)

    name = changes.name
    if name is None or name.display == person.name or not ours("name"):
        name = None
    else:
        touched.add("name")
    have_emails = {email.value for email in person.emails}
    emails = tuple(email for email in changes.emails if email.value not in have_emails)
    have_phones = {phone.value for phone in person.phones} | {p.raw for p in person.phones}
    phones = tuple(phone for phone in changes.phones if phone.value not in have_phones)
    have_urls = {url.value for url in person.urls}
    urls = tuple(url for url in changes.urls if url.value not in have_urls)
    have_nicknames = {nickname.casefold() for nickname in person.nicknames}
    nicknames = tuple(n for n in changes.nicknames if n.casefold() not in have_nicknames)
    tags = tuple(tag for tag in changes.tags if tag not in person.tags)
    for field, values in (
        ("emails", emails),
        ("phones", phones),
        ("urls", urls),
        ("nicknames", nicknames),
        ("tags", tags),
    ):
        if values:
            touched.add(field)
    company, title = changes.company, changes.title
    same_job = (company or "").casefold() == person.organization.casefold() and (
        title or ""
    ) == person.title
    if (company is None and title is None) or same_job:
        company = title = None
    else:
        touched.update(("organization", "title"))
    birthday = changes.birthday
    if (
        birthday is None
        or birthday == person.birthday
        or (person.birthday and not ours("birthday"))
    ):
        birthday = None
    else:
        touched.add("birthday")
    notes = changes.notes
    if not notes or notes == person.notes or (person.notes and not ours("notes")):
        notes = None
    else:
        touched.add("notes")
    return PersonChanges(
        name=name,
        emails=emails,
        phones=phones,
        urls=urls,
        nicknames=nicknames,
        tags=tags,
        company=company,
        title=title,
        birthday=birthday,
        notes=notes,
        touched=frozenset(touched),
    )
