"""The topics a note touches, found by a hand-written lexicon (the seeds' two topic lists).

Each topic is a list of word stems; a stem matches at the start of a word ("hir" finds "hiring"
and "hired"), a stem ending in a space must be a whole word ("cv "). The words found are the
evidence shown to the user.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

from kithkin.core.vocabulary import Purpose
from kithkin.purpose.text import words_of

NETWORKING_TOPICS: dict[str, tuple[str, ...]] = {
    "career-goals": (
        "career",
        "promotion",
        "promoted",
        "next step",
        "next role",
        "raise ",
        "salary",
        "long-term goal",
        "switch into",
        "pivot",
        "leadership track",
        "grow into",
        "ambition",
        "performance review",
        "career change",
    ),
    "job-search": (
        "job hunt",
        "job search",
        "job lead",
        "job offer",
        "opening",
        "open role",
        "applying",
        "applied",
        "application",
        "interview",
        "résumé",
        "resume",
        "cv ",
        "cover letter",
        "laid off",
        "layoff",
        "redundan",
        "looking for work",
        "new job",
        "offer letter",
        "referral",
        "refer me",
        "headhunt",
        "recruiter",
    ),
    "hiring": (
        "hiring",
        "hire ",
        "hired",
        "recruit",
        "candidate",
        "headcount",
        "job description",
        "onboard",
        "backfill",
        "looking for a ",
        "new grad",
        "intern ",
    ),
    "industry-trends": (
        "industry",
        "market",
        "trend",
        "regulation",
        "competitor",
        "ai ",
        "llm",
        "genai",
        "policy change",
        "supply chain",
        "sector",
        "outlook",
        "forecast",
    ),
    "business-opportunities": (
        "opportunit",
        "deal",
        "proposal",
        "pitch",
        "rfp",
        "tender",
        "contract",
        "bid ",
        "project lead",
        "expansion",
        "launch",
        "lead ",
        "leads ",
    ),
    "clients-sales": (
        "client",
        "customer",
        "sales",
        "renewal",
        "upsell",
        "quote",
        "invoice",
        "pricing",
        "account ",
        "prospect",
        "demo",
        "purchase order",
        "order ",
        "churn",
    ),
    "partnerships": (
        "partner",
        "collaborat",
        "joint venture",
        "co-found",
        "cofound",
        "alliance",
        "integration",
        "co-market",
        "distribut",
        "supplier",
        "vendor",
    ),
    "funding": (
        "investor",
        "invest",
        "funding",
        "fundrais",
        "seed round",
        "series a",
        "series b",
        "term sheet",
        "valuation",
        " vc",
        "angel",
        "grant ",
        "loan",
        "runway",
        "pre-seed",
        "cap table",
        "raise ",
    ),
    "professional-skills": (
        "skill",
        "course",
        "certification",
        "certificate",
        "training",
        "workshop",
        "learn",
        "portfolio",
        "code review",
        "excel",
        "sql",
        "public speaking",
        "negotiat",
        "technique",
    ),
    "mentorship": (
        "mentor",
        "mentee",
        "advice on",
        "advise",
        "coaching",
        "career advice",
        "guidance",
        "sounding board",
        "office hours",
        "shadow",
    ),
    "events-conferences": (
        "conference",
        "summit",
        "meetup",
        "meet-up",
        "expo",
        "trade show",
        "trade fair",
        "panel",
        "keynote",
        "webinar",
        "networking event",
        "booth",
        "talk at",
        "hackathon",
        "mixer",
        "symposium",
        "congress",
    ),
}

SOCIAL_TOPICS: dict[str, tuple[str, ...]] = {
    "personal-interests": (
        "book",
        "novel",
        "podcast",
        "garden",
        "art ",
        "museum",
        "philosoph",
        "history",
        "politics",
        "religio",
        "church",
        "mosque",
        "temple",
        "faith",
        "volunteer",
    ),
    "entertainment": (
        "movie",
        "film",
        "cinema",
        "series",
        "netflix",
        "show ",
        "concert",
        "gig ",
        "festival",
        "theatre",
        "theater",
        "karaoke",
        "game night",
        "board game",
        "video game",
        "playstation",
        "anime",
        "comedy",
        "album",
    ),
    "family-friends": (
        "kid",
        "son ",
        "daughter",
        "wife",
        "husband",
        "partner's",
        "mum",
        "mom ",
        "dad ",
        "mother",
        "father",
        "parents",
        "sister",
        "brother",
        "grandm",
        "grandp",
        "aunt",
        "uncle",
        "cousin",
        "niece",
        "nephew",
        "baby",
        "family",
        "in-laws",
        "old friend",
        "friends",
        "boyfriend",
        "girlfriend",
        "fiancé",
        "divorce",
        "school run",
    ),
    "hobbies": (
        "hobby",
        "hiking",
        "hike",
        "fishing",
        "knit",
        "painting",
        "photography",
        "pottery",
        "guitar",
        "piano",
        "choir",
        "chess",
        "climbing",
        "cycling",
        "bike ride",
        "baking",
        "woodwork",
        "camping",
        "sewing",
        "birdwatch",
        "dog",
        "puppy",
        "cat ",
    ),
    "sports": (
        "football",
        "soccer",
        "cricket",
        "basketball",
        "tennis",
        "golf",
        "rugby",
        "baseball",
        "match",
        "marathon",
        "gym",
        "run ",
        "running",
        "yoga",
        "swim",
        "padel",
        "squash",
        "world cup",
        "league",
        "fantasy",
        "the game",
        "workout",
    ),
    "food-drink": (
        "dinner",
        "lunch",
        "brunch",
        "breakfast",
        "coffee",
        "beer",
        "wine",
        "drinks",
        "cocktail",
        "restaurant",
        "bbq",
        "barbecue",
        "braai",
        "ramen",
        "sushi",
        "pizza",
        "tacos",
        "curry",
        "biryani",
        "recipe",
        "cook",
        "tea ",
        "pub ",
        "bar ",
    ),
    "travel": (
        "trip",
        "travel",
        "holiday",
        "vacation",
        "flight",
        "beach",
        "road trip",
        "visa",
        "abroad",
        "backpack",
        "honeymoon",
        "hotel",
        "airbnb",
    ),
    "celebrations": (
        "birthday",
        "bday",
        "wedding",
        "anniversary",
        "party",
        "christmas",
        "eid",
        "diwali",
        "lunar new year",
        "hanukkah",
        "thanksgiving",
        "graduation",
        "engagement",
        "baby shower",
        "housewarming",
        "celebrat",
        "congrat",
        "new year",
        "ramadan",
        "iftar",
        "quinceañera",
    ),
    "health-support": (
        "hospital",
        "surgery",
        "sick",
        "illness",
        "diagnos",
        "chemo",
        "cancer",
        "recover",
        "funeral",
        "passed away",
        "grief",
        "griev",
        "condolence",
        "therapy",
        "burnout",
        "anxiety",
        "depress",
        "rough time",
        "struggling",
        "check on",
        "checked on",
        "get well",
        "injur",
        "pregnan",
        "miscarriage",
        "rehab",
    ),
}

TOPIC_SIDE: dict[str, Purpose] = {
    **dict.fromkeys(NETWORKING_TOPICS, Purpose.NETWORKING),
    **dict.fromkeys(SOCIAL_TOPICS, Purpose.SOCIAL),
}
ALL_TOPICS: tuple[str, ...] = (*NETWORKING_TOPICS, *SOCIAL_TOPICS)


@dataclass(frozen=True, slots=True)
class TopicHit:
    topic: str
    words: tuple[str, ...]  # as found in the note, lower-cased


def find_topics(text: str) -> list[TopicHit]:
    """The topics of a note in lexicon order, each with the words that matched."""
    return find_topics_in(words_of(text))


def find_topics_in(words: list[str]) -> list[TopicHit]:
    """The topics of a note already cut into words (`purpose.text.words_of`)."""
    found: dict[str, dict[str, None]] = {}
    distinct = dict.fromkeys(words)
    for word in distinct:
        for topic in _word_topics(word):
            found.setdefault(topic, {})[word] = None
    phrases = _phrases()
    starting = [p for word in distinct for p in phrases.get(word, ())]
    if starting:
        joined = " " + " ".join(words) + " "
        for phrase, topics, whole in starting:
            start = joined.find(" " + phrase)
            if start < 0:
                continue
            end = start + 1 + len(phrase)
            if whole and joined[end] != " " and joined[end : end + 2] != "s ":
                continue
            stop = joined.find(" ", end)
            for topic in topics:
                found.setdefault(topic, {})[joined[start + 1 : stop]] = None
    return [TopicHit(topic, tuple(found[topic])) for topic in ALL_TOPICS if topic in found]


@cache
def _stems() -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Single-word stems: (prefix stems, whole words), each to its topics."""
    prefixes: dict[str, list[str]] = {}
    wholes: dict[str, list[str]] = {}
    for topic, stems in {**NETWORKING_TOPICS, **SOCIAL_TOPICS}.items():
        for stem in stems:
            parts = words_of(stem)
            if len(parts) == 1:
                (wholes if stem.endswith(" ") else prefixes).setdefault(parts[0], []).append(topic)
    return prefixes, wholes


@cache
def _phrases() -> dict[str, list[tuple[str, tuple[str, ...], bool]]]:
    """Stems of several words, by their first word."""
    phrases: dict[tuple[str, bool], list[str]] = {}
    for topic, stems in {**NETWORKING_TOPICS, **SOCIAL_TOPICS}.items():
        for stem in stems:
            parts = words_of(stem)
            if len(parts) > 1:
                phrases.setdefault((" ".join(parts), stem.endswith(" ")), []).append(topic)
    by_first: dict[str, list[tuple[str, tuple[str, ...], bool]]] = {}
    for (phrase, whole), topics in phrases.items():
        by_first.setdefault(phrase.split()[0], []).append((phrase, tuple(topics), whole))
    return by_first


@lru_cache(maxsize=200_000)
def _word_topics(word: str) -> tuple[str, ...]:
    prefixes, wholes = _stems()
    topics = list(wholes.get(word, ()))
    if word.endswith("s"):
        topics += wholes.get(word[:-1], ())
    for stem, stem_topics in prefixes.items():
        if word.startswith(stem):
            topics += stem_topics
    return tuple(dict.fromkeys(topics))
