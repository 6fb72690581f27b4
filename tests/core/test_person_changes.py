from __future__ import annotations

import pytest

from kithkin.core.dates import PartialDate
from kithkin.core.person_changes import NewPhone, PersonInput, check_person_input
from kithkin.core.records import Labeled
from kithkin.core.vocabulary import Circle, Mode
from kithkin.errors import InvalidInput


def test_every_value_is_normalized_before_anything_is_written() -> None:
    changes = check_person_input(
        PersonInput(
            name="  Ana   Ruiz ",
            emails=["Ana@Example.com"],
            phones=[" (415) 555-0134 ", "ext 12"],
            urls=["linkedin.com/in/ana"],
            company="  Stripe  Inc ",
            title=" Product   Manager ",
            circle="key",
            mode="professional",
            tags=["Founder", "founder", "Climbing  Gym"],
            interests=["Climbing", "climbing", "Jazz"],
            birthday="--03-14",
            met_how="  PyCon   2024 ",
        ),
        phone_region="US",
    )
    assert changes.name is not None and changes.name.display == "Ana Ruiz"
    assert changes.emails == (Labeled("ana@example.com"),)
    assert changes.phones == (
        NewPhone(raw="(415) 555-0134", e164="+14155550134"),
        NewPhone(raw="ext 12", e164=None),
    )
    assert changes.phones[1].value == "ext 12"  # unparseable: the raw text is the value
    assert changes.urls == (Labeled("https://linkedin.com/in/ana", "linkedin"),)
    assert (changes.company, changes.title) == ("Stripe Inc", "Product Manager")
    assert (changes.circle, changes.mode) == (Circle.KEY, Mode.PROFESSIONAL)
    assert changes.tags == ("founder", "climbing gym")
    assert changes.interests == ("Climbing", "Jazz")
    assert changes.birthday == PartialDate(month=3, day=14)
    assert changes.met_how == "PyCon 2024"


def test_the_touched_fields_are_exactly_the_ones_given() -> None:
    changes = check_person_input(
        PersonInput(title="CTO", tags=["vip"], birthday="1990-01-02"), phone_region=None
    )
    assert changes.touched == {"title", "tags", "birthday"}
    assert not changes.is_empty()
    assert check_person_input(PersonInput(), phone_region=None).is_empty()


def test_an_empty_birthday_clears_it() -> None:
    changes = check_person_input(PersonInput(birthday=""), phone_region=None)
    assert changes.clear_birthday and changes.birthday is None
    assert "birthday" in changes.touched


def test_removals_are_normalized_like_additions() -> None:
    changes = check_person_input(
        PersonInput(
            remove_emails=[" Ana@Example.com"],
            remove_tags=[" VIP "],
            remove_phones=["(415) 555-0134", "ext 12"],
            remove_urls=["github.com/ana"],
        ),
        phone_region="US",
    )
    assert changes.remove_emails == ("ana@example.com",)
    assert changes.remove_tags == ("vip",)
    # a number or URL matches as typed or as normalized, however it was stored
    assert changes.remove_phones == ("(415) 555-0134", "+14155550134", "ext 12")
    assert changes.remove_urls == ("github.com/ana", "https://github.com/ana")
    assert changes.touched >= {"emails", "tags", "phones", "urls"}


@pytest.mark.parametrize(
    ("fields", "field", "complaint"),
    [
        ({"name": ""}, "name", "needs a name"),
        ({"emails": ["ana@example.com", "ana@"]}, "email", "'ana@' is not an e-mail address"),
        ({"remove_emails": ["nope"]}, "email", "not an e-mail address"),
        ({"phones": ["call me maybe"]}, "phone", "no digits"),
        ({"urls": ["not a url"]}, "url", "not a URL"),
        ({"circle": "besties"}, "circle", "inner, key, network, dormant"),
        ({"mode": "work"}, "mode", "professional, personal, both"),
        ({"cadence_days": 0}, "cadence", "use 1 to 3650"),
        ({"cadence_days": 5000}, "cadence", "use 1 to 3650"),
        ({"tags": ["  "]}, "tag", "empty"),
        ({"birthday": "1990-02-30"}, "birthday", "day 30"),
        ({"birthday": "14.03.1990"}, "birthday", "expected YYYY-MM-DD"),
        ({"title": "t" * 301}, "title", "longer than 300"),
        ({"company": "c" * 301}, "company", "longer than 300"),
        ({"nicknames": ["n" * 101]}, "nickname", "longer than 100"),
    ],
)
def test_a_bad_value_is_refused_naming_its_field(
    fields: dict[str, object], field: str, complaint: str
) -> None:
    with pytest.raises(InvalidInput) as error:
        check_person_input(PersonInput(**fields), phone_region="US")  # type: ignore[arg-type]
    assert error.value.field == field
    assert complaint in str(error.value)
