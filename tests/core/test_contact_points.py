from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kithkin.core.contact_points import (
    clean_label,
    normalize_email,
    normalize_phone,
    normalize_url,
    parse_name,
)
from kithkin.errors import InvalidInput

# -- names ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "given", "family", "middle", "prefix", "suffix"),
    [
        ("Ana Ruiz", "Ana", "Ruiz", "", "", ""),
        ("Dr. Ana María Ruiz Jr.", "Ana", "Ruiz", "María", "Dr.", "Jr."),
        ("Jan van der Berg", "Jan", "van der Berg", "", "", ""),
        ("José de la Cruz", "José", "de la Cruz", "", "", ""),
        ("Ruiz, Ana", "Ana", "Ruiz", "", "", ""),
        ("O'Brien, Conan", "Conan", "O'Brien", "", "", ""),
        ("Björk Guðmundsdóttir", "Björk", "Guðmundsdóttir", "", "", ""),
        ("Jean-Luc Picard", "Jean-Luc", "Picard", "", "", ""),
        ("Ngũgĩ wa Thiong'o", "Ngũgĩ", "Thiong'o", "wa", "", ""),
        ("Madonna", "Madonna", "", "", "", ""),
    ],
)
def test_a_name_is_split_into_its_parts(
    text: str, given: str, family: str, middle: str, prefix: str, suffix: str
) -> None:
    name = parse_name(text)
    assert name.display == text
    assert (name.given, name.family, name.middle, name.prefix, name.suffix) == (
        given,
        family,
        middle,
        prefix,
        suffix,
    )


@pytest.mark.parametrize(
    "text",
    [
        "王小明",
        "田中 太郎",
        "Nguyễn Văn An",
        "María José García López",
        "Mohammed bin Salman Al Saud",
        "Kim Jong-un",
        "Аня Петрова",
        "محمد عبد الله",
        "bell hooks",
    ],
)
def test_a_name_from_any_culture_keeps_its_display_form_and_loses_no_word(text: str) -> None:
    name = parse_name(text)
    assert name.display == text
    parts = " ".join((name.prefix, name.given, name.middle, name.family, name.suffix)).split()
    assert sorted(parts) == sorted(text.split())


def test_a_name_is_trimmed_and_single_spaced() -> None:
    assert parse_name("  Ana \t  Ruiz \n").display == "Ana Ruiz"


@pytest.mark.parametrize(
    ("text", "complaint"),
    [
        ("", "needs a name"),
        ("   ", "needs a name"),
        ("a " * 151, "longer than 300"),
        ("ß" * 160, "longer than 300"),  # casefolds to 320 characters
        ("x" * 250, "too long"),  # one part longer than its column
    ],
)
def test_an_empty_or_huge_name_is_refused(text: str, complaint: str) -> None:
    with pytest.raises(InvalidInput, match=complaint) as error:
        parse_name(text)
    assert error.value.field == "name"


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_any_text_is_a_name_or_a_clear_error(text: str) -> None:
    try:
        name = parse_name(text)
    except InvalidInput:
        return
    assert name.display == " ".join(text.split())
    assert name.given or name.family


# -- e-mails -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "normalized"),
    [
        ("ana@example.com", "ana@example.com"),
        ("  Ana@Example.COM ", "ana@example.com"),
        ("Ana.Ruiz+crm@Gmail.com", "ana.ruiz+crm@gmail.com"),
        ("josé@exämple.com", "josé@exämple.com"),
    ],
)
def test_an_email_is_normalized_to_lower_case(text: str, normalized: str) -> None:
    assert normalize_email(text) == normalized


@pytest.mark.parametrize(
    "text", ["ana@", "@example.com", "ana", "ana@localhost", "ana ruiz@example.com", "a@@b.com", ""]
)
def test_an_invalid_email_is_refused_naming_the_address(text: str) -> None:
    with pytest.raises(InvalidInput) as error:
        normalize_email(text)
    assert error.value.field == "email"
    assert "is not an e-mail address" in str(error.value)
    assert "\n" not in str(error.value)


# -- phones --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "region", "e164"),
    [
        ("+1 415 555 0134", None, "+14155550134"),
        ("(415) 555-0134", "US", "+14155550134"),
        ("020 7946 0958", "GB", "+442079460958"),
        ("030 12345678", "DE", "+493012345678"),
        ("06 12 34 56 78", "FR", "+33612345678"),
        ("090-1234-5678", "JP", "+819012345678"),
        ("98765 43210", "IN", "+919876543210"),
        ("+49 30 12345678", "US", "+493012345678"),  # a country code wins over the region
        ("+81 90 1234 5678", None, "+819012345678"),
    ],
)
def test_a_phone_is_normalized_to_e164_in_its_region(
    raw: str, region: str | None, e164: str
) -> None:
    assert normalize_phone(raw, default_region=region) == e164


@pytest.mark.parametrize(
    ("raw", "region"),
    [
        ("555-0134", None),  # no region to read a national number in
        ("(415) 555-0134", None),
        ("123", "US"),
        ("ext 12", "US"),
        ("+999 1234", None),  # no such country
    ],
)
def test_an_unparseable_phone_is_not_normalized_so_the_raw_text_is_kept(
    raw: str, region: str | None
) -> None:
    assert normalize_phone(raw, default_region=region) is None


@pytest.mark.parametrize(
    ("raw", "complaint"),
    [("call me", "no digits"), ("", "no digits"), ("1" * 101, "longer than 100")],
)
def test_a_phone_without_digits_or_far_too_long_is_refused(raw: str, complaint: str) -> None:
    with pytest.raises(InvalidInput, match=complaint) as error:
        normalize_phone(raw, default_region="US")
    assert error.value.field == "phone"


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40), st.sampled_from([None, "US", "GB", "DE", "JP", "IN", "BR"]))
def test_any_text_is_a_phone_a_kept_raw_number_or_a_clear_error(
    raw: str, region: str | None
) -> None:
    try:
        e164 = normalize_phone(raw, default_region=region)
    except InvalidInput:
        return
    assert e164 is None or re.fullmatch(r"\+[1-9]\d{6,14}", e164)


# -- URLs and labels -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "url", "label"),
    [
        ("linkedin.com/in/anaruiz", "https://linkedin.com/in/anaruiz", "linkedin"),
        ("https://www.linkedin.com/in/anaruiz", "https://www.linkedin.com/in/anaruiz", "linkedin"),
        ("x.com/ana", "https://x.com/ana", "x"),
        ("https://twitter.com/ana", "https://twitter.com/ana", "x"),
        ("github.com/ana", "https://github.com/ana", "github"),
        ("http://ana.example.com/blog", "http://ana.example.com/blog", "web"),
    ],
)
def test_a_url_gets_a_scheme_and_a_label_for_its_kind(text: str, url: str, label: str) -> None:
    assert normalize_url(text) == (url, label)


@pytest.mark.parametrize(
    "text", ["", "not a url", "localhost", "https://[broken", "x" * 2001 + ".com"]
)
def test_something_that_is_not_a_url_is_refused(text: str) -> None:
    with pytest.raises(InvalidInput) as error:
        normalize_url(text)
    assert error.value.field == "url"


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_any_text_is_a_url_or_a_clear_error(text: str) -> None:
    try:
        url, _label = normalize_url(text)
    except InvalidInput:
        return
    assert "://" in url


def test_a_label_is_trimmed_and_single_spaced_and_must_not_be_empty_or_huge() -> None:
    assert clean_label("  rock   climbing ", field="interest") == "rock climbing"
    with pytest.raises(InvalidInput, match="empty"):
        clean_label("   ", field="tag")
    with pytest.raises(InvalidInput, match="longer than 100") as error:
        clean_label("x" * 101, field="tag")
    assert error.value.field == "tag"
