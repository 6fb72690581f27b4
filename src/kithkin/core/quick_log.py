"""Reading a quick log ("Coffee with Ana Ruiz and @sam yesterday. Follow up next Friday: send
the deck") into who, when, how, how long and what to do next.

Pure logic: the caller resolves the names found here against the people it knows, and
classifies the purpose. Nothing is guessed: a phrase that is not understood is left out.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

from kithkin.core.dates import english_day, parse_due_date
from kithkin.core.log_entry import FollowUpEntry
from kithkin.core.vocabulary import Channel
from kithkin.errors import InvalidInput

DEFAULT_FOLLOW_UP_DAYS = 7

_WEEKDAYS = [name.lower() for name in calendar.day_name]
_MONTHS = [name.lower() for name in calendar.month_name[1:]]
_MONTH_WORD = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_COUNT = r"(\d+|a|an|one|two|three|four|five|six)"
_DAY = rf"(?:{'|'.join(_WEEKDAYS)})"

_PAST_DAY = re.compile(
    r"\b(?:the day before yesterday|yesterday|last night|today|tonight|this morning"
    r"|this afternoon|this evening|earlier today|last week"
    rf"|{_COUNT} (?:day|week)s? ago"
    rf"|(?:last |this past |on )?{_DAY}"
    r"|\d{4}-\d{2}-\d{2}"
    rf"|(?:on )?{_MONTH_WORD} \d{{1,2}}(?:st|nd|rd|th)?"
    rf"|(?:on )?(?:the )?\d{{1,2}}(?:st|nd|rd|th)? (?:of )?{_MONTH_WORD})\b",
    re.IGNORECASE,
)
_FUTURE_DAY = re.compile(
    r"\b(?:today|tonight|tomorrow|next week|next month|end of (?:the )?(?:week|month)"
    rf"|in {_COUNT} (?:day|week|month)s?"
    rf"|(?:next |this |on |by )?{_DAY}"
    r"|(?:by |on )?\d{4}-\d{2}-\d{2}"
    rf"|(?:by |on )?{_MONTH_WORD} \d{{1,2}}(?:st|nd|rd|th)?"
    rf"|(?:by |on )?(?:the )?\d{{1,2}}(?:st|nd|rd|th)? (?:of )?{_MONTH_WORD})\b",
    re.IGNORECASE,
)
_FOLLOW_UP = re.compile(
    r"(?:^|(?<=[\s.;,!?]))(?:follow[- ]?up(?: with \w+)?|f/u|remind me(?: to)?|to-?do|next step)"
    r"\b[:,]?\s*",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_DURATION = re.compile(
    r"\b(?:(\d+(?:\.\d+)?)\s*(h|hrs?|hours?)|(\d+)\s*(?:m|mins?|minutes?)|(half an hour)"
    r"|(an hour))\b",
    re.IGNORECASE,
)

# Earliest cue wins: "zoom call" is video, "called her about coffee" a call.
_CHANNEL_CUES: tuple[tuple[Channel, str], ...] = (
    (Channel.VIDEO, r"zoom|video|facetime|google meet|teams call|skype|webex|hangout"),
    (Channel.CALL, r"call(?:ed)?|phone(?:d)?|rang|ring|voicemail"),
    (Channel.EMAIL, r"e-?mail(?:ed)?|mailed"),
    (Channel.MESSAGE, r"text(?:ed)?|whatsapp|sms|signal|telegram|imessage|messaged|wechat|dm'?d"),
    (Channel.LINKEDIN, r"linkedin"),
    (Channel.X, r"twitter|tweet(?:ed)?|on x"),
    (Channel.SLACK, r"slack(?:ed)?"),
    (Channel.EVENT, r"conference|meetup|meet-up|summit|expo|webinar|trade show|hackathon"),
    (
        Channel.IN_PERSON,
        r"coffee|lunch|dinner|breakfast|brunch|drinks|beers?|tea|met up|met|walk(?:ed)?|visited"
        r"|dropped by|in person|hike|hiked|run|ran into|bumped into|saw",
    ),
)
_CHANNEL = re.compile(
    "|".join(rf"(?P<c{i}>\b(?:{cue})\b)" for i, (_, cue) in enumerate(_CHANNEL_CUES)),
    re.IGNORECASE,
)

# Words after which names follow ("with Ana Ruiz and @sam").
_PEOPLE_CUE = re.compile(
    r"(?:^|\b)(?:with|w/|called|call with|rang|met(?: up with)?|saw|visited|texted|emailed"
    r"|messaged|pinged|dm'?d|talked to|spoke (?:to|with)|wrote to|replied to|caught up with"
    r"|chatted with|ran into|bumped into|introduced|intro'?d)\s+",
    re.IGNORECASE,
)
_HANDLE = r"@[\w][\w.-]*\w|@\w"
_NAME_WORD = r"[^\W\d_][\w'’-]*"
_PARTICLES = r"(?:de|da|do|dos|das|del|della|di|du|la|le|van|von|der|den|bin|binti|ibn|al|el)"
_NAME_RUN = re.compile(
    rf"(?:{_HANDLE})|{_NAME_WORD}(?:\s+(?:{_PARTICLES}\s+)?{_NAME_WORD}){{0,3}}", re.UNICODE
)
_SEPARATOR = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s*&\s*|\s+\+\s+)", re.IGNORECASE)
_NOT_NAMES = frozenset(
    [
        *_WEEKDAYS,
        *_MONTHS,
        "today",
        "yesterday",
        "tomorrow",
        "i",
        "we",
        "the",
        "a",
        "an",
        "my",
        "her",
        "his",
        "their",
        "our",
        "your",
        "him",
        "them",
        "us",
        "me",
        "team",
        "everyone",
        "folks",
        "some",
        "two",
        "three",
        "client",
        "clients",
        "friends",
        "family",
        "people",
    ]
)


@dataclass(frozen=True, slots=True)
class QuickLog:
    """What a quick log says, before its names are looked up."""

    text: str
    note: str  # the text without the follow-up
    names: tuple[str, ...]  # as written: "Ana Ruiz", "@sam", "ana"
    capitalized: tuple[bool, ...]  # per name: written as a name (an unknown one is an error)
    at: datetime
    date_words: str | None
    channel: Channel | None
    channel_words: str | None
    minutes: int | None
    follow_up: FollowUpEntry | None
    follow_up_words: str | None


def read_quick_log(text: str, *, now: datetime, tz: tzinfo) -> QuickLog:
    """Read a quick log; `now` is the fixed base for "yesterday" and "next friday"."""
    clean = " ".join(text.split())
    if not clean:
        raise InvalidInput("the quick log is empty; say who, when and what.", field="--quick")
    today = now.astimezone(tz).date()
    body, follow_up, follow_up_words = _split_follow_up(clean, today=today)
    names, capitalized = _names(body)
    at, date_words = _when(body, now=now, tz=tz)
    channel, channel_words = _channel(body)
    return QuickLog(
        text=clean,
        note=body or clean,
        names=names,
        capitalized=capitalized,
        at=at,
        date_words=date_words,
        channel=channel,
        channel_words=channel_words,
        minutes=_minutes(body),
        follow_up=follow_up,
        follow_up_words=follow_up_words,
    )


def _split_follow_up(text: str, *, today: date) -> tuple[str, FollowUpEntry | None, str | None]:
    cue = _FOLLOW_UP.search(text)
    if cue is None:
        return text, None, None
    rest = text[cue.end() :]
    end = _SENTENCE_END.search(rest)
    clause, after = (rest[: end.start()], rest[end.end() :]) if end else (rest, "")
    before = text[: cue.start()].rstrip(" ,;")
    body = " ".join(part for part in (before, after) if part).strip()
    clause = clause.rstrip(" .!?")
    when_text, colon, what = clause.partition(":")
    due: date | None = None
    if colon and when_text.strip() and _FUTURE_DAY.fullmatch(when_text.strip()):
        due = parse_due_date(when_text, today=today, field="follow-up")
        task = what
    else:
        task = what if colon and not when_text.strip() else clause
        found = _FUTURE_DAY.search(task)
        if found:
            due = parse_due_date(_bare_day(found.group(0)), today=today, field="follow-up")
            task = (task[: found.start()] + " " + task[found.end() :]).strip()
    task = re.sub(r"^(?:to|about|re:?|and|-|–|—)\s+", "", " ".join(task.split()), flags=re.I)
    task = task.strip(" ,;:-")
    if not task:
        raise InvalidInput(
            "the follow-up says when but not what; e.g. 'follow up next friday: send the deck'.",
            field="follow-up",
        )
    due = due or today + timedelta(days=DEFAULT_FOLLOW_UP_DAYS)
    return body, FollowUpEntry(due=due, text=task), text[cue.start() :].strip()


def _bare_day(words: str) -> str:
    return re.sub(r"^(?:by|on|this)\s+", "", words.strip(), flags=re.IGNORECASE)


def _when(body: str, *, now: datetime, tz: tzinfo) -> tuple[datetime, str | None]:
    found = _PAST_DAY.search(body)
    if found is None:
        return now, None
    words = found.group(0)
    phrase = " ".join(words.lower().split()).removeprefix("on ")
    today = now.astimezone(tz).date()
    if phrase in {"today", "tonight", "this morning", "this afternoon", "this evening"} or (
        phrase == "earlier today"
    ):
        return now, words
    day = _past_day(phrase, today=today)
    if day > today:
        raise InvalidInput(
            f"{words!r} is {day.isoformat()}, in the future; log what happened, and plan "
            "what is next with a follow-up.",
            field="--quick",
        )
    return datetime.combine(day, time(12, 0), tzinfo=tz), words


def _past_day(phrase: str, *, today: date) -> date:
    if phrase in {"yesterday", "last night"}:
        return today - timedelta(days=1)
    if phrase == "the day before yesterday":
        return today - timedelta(days=2)
    if phrase == "last week":
        return today - timedelta(days=7)
    ago = re.fullmatch(rf"{_COUNT} (day|week)s? ago", phrase)
    if ago:
        count = int(ago[1]) if ago[1].isdigit() else _NUMBER_WORDS[ago[1]]
        return today - timedelta(days=count * (7 if ago[2] == "week" else 1))
    weekday = phrase.removeprefix("last ").removeprefix("this past ")
    if weekday in _WEEKDAYS:
        back = (today.weekday() - _WEEKDAYS.index(weekday)) % 7
        if phrase != weekday and back == 0:  # "last monday" on a Monday is a week ago
            back = 7
        return today - timedelta(days=back)
    return _dateparser_past(phrase, today=today)


def _dateparser_past(phrase: str, *, today: date) -> date:
    day = english_day(phrase, today=today, prefer="past")
    if day is None:
        raise InvalidInput(f"{phrase!r} is not a date I understand.", field="--quick")
    return day


def _channel(body: str) -> tuple[Channel | None, str | None]:
    found = _CHANNEL.search(body)
    if found is None or found.lastgroup is None:
        return None, None
    return _CHANNEL_CUES[int(found.lastgroup[1:])][0], found.group(0)


def _minutes(body: str) -> int | None:
    found = _DURATION.search(body)
    if found is None:
        return None
    hours, _, minutes, half, one = found.groups()
    if hours:
        return round(float(hours) * 60)
    if minutes:
        return int(minutes)
    return 30 if half else 60 if one else None


def _names(body: str) -> tuple[tuple[str, ...], tuple[bool, ...]]:
    found: dict[str, tuple[int, bool]] = {}
    for handle in re.finditer(rf"(?<![\w@]){_HANDLE}", body):
        found.setdefault(handle.group(0), (handle.start(), True))
    for cue in _PEOPLE_CUE.finditer(body):
        position = cue.end()
        lower_allowed = True  # "w/ ana and bo"; but not "with Ana, talked about…"
        while True:
            run = _NAME_RUN.match(body, position)
            if run is None:
                break
            name, written_as_name = _name_in(run.group(0))
            if name is None or not (written_as_name or lower_allowed):
                break
            if name not in found or found[name][0] > position:
                found[name] = (position, written_as_name)
            separator = _SEPARATOR.match(body, position + len(name))
            if separator is None:
                break
            lower_allowed = not written_as_name and separator.group(0).strip() in ("and", "&")
            position = separator.end()
    ordered = sorted(found.items(), key=lambda item: item[1][0])
    return tuple(name for name, _ in ordered), tuple(named for _, (_, named) in ordered)


def _name_in(run: str) -> tuple[str | None, bool]:
    """The name at the start of a run of words: capitalised words (with particles such as
    "de" or "van" inside), a handle, or one lower-case word ("w/ ana")."""
    if run.startswith("@"):
        return run, True
    words = run.split()
    taken: list[str] = []
    for word in words:
        bare = re.sub(r"['’]s$", "", word)
        if bare.casefold() in _NOT_NAMES:
            break
        if bare[0].isupper() or (taken and re.fullmatch(_PARTICLES, bare) and word != words[-1]):
            taken.append(bare)
            if bare != word:  # "Ana's": the name ends here
                break
            continue
        if not taken:  # "coffee w/ ana": one lower-case word, looked up but never required
            return bare, False
        break
    while taken and re.fullmatch(_PARTICLES, taken[-1]):
        taken.pop()
    return (" ".join(taken), True) if taken else (None, False)
