"""vCard dates: BDAY and ANNIVERSARY as PartialDate, REV as a UTC datetime."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone

from kithkin.core.dates import PartialDate
from kithkin.errors import InvalidInput
from kithkin.formats.vcard_syntax import Parameters, param_values, unescape

_DATE = re.compile(r"([0-9]{4})-?([0-9]{2})-?([0-9]{2})(?:T[0-9:.,+Z-]*)?", re.IGNORECASE)
_YEARLESS = re.compile(r"--([0-9]{2})-?([0-9]{2})")
# Valid vCard 4 dates without a month and a day to keep: 1985, 1985-04, --04, ---15, T1030.
_REDUCED_DATE = re.compile(r"[0-9]{4}(?:-[0-9]{2})?|---?[0-9]{2}|T[0-9:.,+Z-]+", re.IGNORECASE)
_TIMESTAMP = re.compile(
    r"([0-9]{4})-?([0-9]{2})-?([0-9]{2})"
    r"(?:T([0-9]{2}):?([0-9]{2})(?::?([0-9]{2}))?(?:[.,][0-9]+)?"
    r"(Z|([+-])([0-9]{2})(?::?([0-9]{2}))?)?)?",
    re.IGNORECASE,
)


def parse_date(name: str, info: Parameters, raw: str, *, strict: bool) -> PartialDate | None:
    """A BDAY-like value as a PartialDate; None when it is a valid vCard date without a day
    and month (``1985``, ``VALUE=text:circa 1800``), or when not ``strict`` and unreadable."""
    params = info.params
    value = unescape(raw).strip()
    if not value or (params and any(k.lower() == "text" for k in param_values(params, "VALUE"))):
        return None
    try:
        full = _DATE.fullmatch(value)
        if full:
            omitted = params and full[1] in param_values(params, "X-APPLE-OMIT-YEAR")
            year = None if omitted else int(full[1])
            return PartialDate(month=int(full[2]), day=int(full[3]), year=year)
        yearless = _YEARLESS.fullmatch(value)
        if yearless:
            return PartialDate(month=int(yearless[1]), day=int(yearless[2]))
    except InvalidInput as error:
        if not strict:
            return None
        message = f"{value!r}: {error.message} Expected a real day: YYYY-MM-DD, or --MM-DD."
        raise InvalidInput(message, field=name.lower()) from None
    if not strict or _REDUCED_DATE.fullmatch(value):
        return None
    raise InvalidInput(
        f"{value!r} is not a date; expected YYYY-MM-DD, YYYYMMDD, --MMDD when the year is "
        "unknown, or VALUE=text for a date in words.",
        field=name.lower(),
    )


def parse_timestamp(value: str) -> datetime | None:
    """A REV value (``20120305T131933Z``, ``2012-03-05T13:32:54Z``…) in UTC, or None."""
    match = _TIMESTAMP.fullmatch(value)
    if match is None:
        return None
    year, month, day, hour, minute, second, _, sign, zone_hours, zone_minutes = match.groups()
    offset = timedelta(hours=int(zone_hours or 0), minutes=int(zone_minutes or 0))
    try:
        tz = timezone(-offset if sign == "-" else offset) if sign else UTC
        moment = datetime(
            int(year),
            int(month),
            int(day),
            int(hour or 0),
            int(minute or 0),
            int(second or 0),
            tzinfo=tz,
        )
        return moment.astimezone(UTC)
    except (ValueError, OverflowError):
        return None
