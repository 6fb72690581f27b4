"""Normalizing what identifies a person: names, e-mails, phones, profile URLs.

The parsing libraries are imported where they are used: most commands never need them, and
together they cost a tenth of a second at start-up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from kithkin.errors import InvalidInput


@dataclass(frozen=True)
class StructuredName:
    display: str
    given: str
    family: str
    middle: str = ""
    prefix: str = ""
    suffix: str = ""


def parse_name(text: str) -> StructuredName:
    """Split a display name into its parts (``Dr. Ana María Ruiz Jr.``)."""
    display = " ".join(text.split())
    if not display:
        raise InvalidInput("a person needs a name.", field="name")
    if len(display.casefold()) > 300:  # the casefolded form is stored too, for lookups
        raise InvalidInput("a name longer than 300 characters is not a name.", field="name")
    from nameparser import HumanName

    parsed = HumanName(display)
    given = parsed.first or ""
    family = parsed.last or ""
    if not given and not family:
        given = display
    too_long = (
        max(len(given), len(family), len(parsed.middle or "")) > 200
        or len(parsed.title or "") > 50
        or len(parsed.suffix or "") > 100
    )
    if too_long:  # each part has its own column, and its own limit
        raise InvalidInput("a part of that name is too long to be a name.", field="name")
    return StructuredName(
        display=display,
        given=given,
        family=family,
        middle=parsed.middle or "",
        prefix=parsed.title or "",
        suffix=parsed.suffix or "",
    )


def normalize_email(text: str) -> str:
    """The canonical form of an e-mail address, or InvalidInput saying what is wrong."""
    from email_validator import EmailNotValidError, validate_email

    value = text.strip()
    try:
        checked = validate_email(value, check_deliverability=False)
    except EmailNotValidError as error:
        raise InvalidInput(f"{value!r} is not an e-mail address: {error}", field="email") from None
    return checked.normalized.lower()


def normalize_phone(raw: str, *, default_region: str | None) -> str | None:
    """E.164 form of a phone number, or None when it cannot be read as a valid number.

    The raw text is always kept by the caller: a number we cannot parse is still the user's.
    """
    import phonenumbers

    text = raw.strip()
    if not re.search(r"\d", text):
        raise InvalidInput(f"{raw!r} has no digits; it is not a phone number.", field="phone")
    if len(text) > 100:
        raise InvalidInput(f"{text[:20]!r}… is longer than 100 characters.", field="phone")
    try:
        number = phonenumbers.parse(text, default_region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


_URL_LABELS = {
    "linkedin.com": "linkedin",
    "x.com": "x",
    "twitter.com": "x",
    "github.com": "github",
    "gitlab.com": "gitlab",
    "mastodon.social": "mastodon",
    "instagram.com": "instagram",
    "facebook.com": "facebook",
    "bsky.app": "bluesky",
}


def normalize_url(text: str) -> tuple[str, str]:
    """``(url, label)``: the URL with a scheme, and what kind of profile it is."""
    value = text.strip()
    if not value or " " in value:
        raise InvalidInput(f"{text!r} is not a URL.", field="url")
    if "://" not in value:
        value = "https://" + value
    if len(value) > 2000:
        raise InvalidInput(f"{text.strip()[:20]!r}… is longer than 2000 characters.", field="url")
    try:
        host = (urlsplit(value).hostname or "").lower().removeprefix("www.")
    except ValueError:  # e.g. an unbalanced "[" read as an IPv6 address
        raise InvalidInput(f"{text!r} is not a URL.", field="url") from None
    if "." not in host:
        raise InvalidInput(f"{text!r} is not a URL.", field="url")
    for domain, label in _URL_LABELS.items():
        if host == domain or host.endswith("." + domain):
            return value, label
    return value, "web"


def clean_label(text: str, *, field: str, limit: int = 100) -> str:
    """A tag, interest or nickname: trimmed, single-spaced, not empty, not huge."""
    value = " ".join(text.split())
    if not value:
        raise InvalidInput("the value is empty.", field=field)
    if len(value.casefold()) > limit:  # casefolding may lengthen it, and that is what is stored
        raise InvalidInput(f"{value[:20]!r}… is longer than {limit} characters.", field=field)
    return value
