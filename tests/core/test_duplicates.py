from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta

import pytest

from kithkin.core import merge as rules
from kithkin.core.dates import PartialDate
from kithkin.core.duplicates import (
    MIN_SCORE,
    Candidate,
    plain,
    profile_key,
    rank,
    score_pair,
    similarity,
)
from kithkin.core.nicknames import FORMAL, common_formal, formal_names
from kithkin.core.vocabulary import Channel
from kithkin.core.warmth import CHANNEL_WEIGHTS, decay


def person(
    name: str,
    *,
    uid: str = "",
    nicknames: Iterable[str] = (),
    emails: Iterable[str] = (),
    phones: Iterable[str] = (),
    profiles: Iterable[str] = (),
    organizations: Iterable[str] = (),
    birthday: str | None = None,
    middle: str = "",
    suffix: str = "",
) -> Candidate:
    given, _, family = name.partition(" ")
    return Candidate(
        id=uid or name.casefold().replace(" ", "-"),
        name=name,
        given_name=given,
        family_name=family,
        middle_name=middle,
        suffix=suffix,
        nicknames=tuple(nicknames),
        emails=frozenset(emails),
        phones=frozenset(phones),
        profiles=frozenset(key for url in profiles if (key := profile_key(url))),
        organizations=tuple(organizations),
        birthday=PartialDate.parse(birthday) if birthday else None,
    )


def test_a_shared_email_is_strong_evidence_and_named() -> None:
    scored = score_pair(
        person("Ana Ruiz", emails=["ana@example.com"]),
        person("A Ruiz-Lopez", emails=["ana@example.com"]),
    )
    assert scored.score == 90
    assert scored.reasons == ("same e-mail ana@example.com",)


def test_a_shared_phone_and_the_same_name_add_up() -> None:
    scored = score_pair(
        person("Ana Ruiz", phones=["+4930123456"]), person("Ana Ruiz", phones=["+4930123456"])
    )
    assert scored.reasons == ("same phone +4930123456", "same name")
    assert scored.score == round(100 * (1 - 0.2 * 0.6))  # 88


def test_the_same_linkedin_profile_however_the_url_is_written() -> None:
    scored = score_pair(
        person("Ana Ruiz", profiles=["https://www.linkedin.com/in/anaruiz/"]),
        person("Ana R.", profiles=["linkedin.com/in/AnaRuiz"]),
    )
    assert scored.reasons[0] == "same LinkedIn profile"
    assert scored.score >= 90


def test_a_company_website_is_not_a_profile() -> None:
    assert profile_key("https://www.acme.com/") is None
    assert profile_key("https://github.com/ana") == "github.com/ana"


def test_the_same_name_alone_is_only_a_low_score_flag() -> None:
    scored = score_pair(person("Sam Lee"), person("sam  LEE"))
    assert scored.reasons == ("same name",)
    assert MIN_SCORE <= scored.score == 40 < 50


def test_similar_name_and_same_company_is_one_reason() -> None:
    scored = score_pair(
        person("Katarina Novak", organizations=["Acme"]),
        person("Katarine Novak", organizations=["ACME", "Globex"]),
    )
    assert scored.reasons == ("similar name (88%) and same company Acme",)
    assert scored.score == round(100 * (1 - 0.8 * 0.4))  # 68


def test_a_similar_name_alone_is_not_a_candidate() -> None:
    scored = score_pair(person("Katarina Novak"), person("Katarine Novak"))
    assert scored.score == 20 < MIN_SCORE


def test_colleagues_with_different_names_are_not_candidates() -> None:
    assert (
        score_pair(
            person("Ana Ruiz", organizations=["Acme"]), person("Bo Chen", organizations=["Acme"])
        ).score
        == 0
    )


@pytest.mark.parametrize(
    ("first", "second", "reason"),
    [
        ("Robert Smith", "Bob Smith", "Bob is a nickname of Robert"),
        ("Bill Turner", "William Turner", "Bill is a nickname of William"),
        ("Liz Taylor", "Elizabeth Taylor", "Liz is a nickname of Elizabeth"),
        ("Peggy Olson", "Margaret Olson", "Peggy is a nickname of Margaret"),
        ("Dick Grayson", "Richard Grayson", "Dick is a nickname of Richard"),
        ("Bob Smith", "Rob Smith", "Bob and Rob are both short for Robert"),
    ],
)
def test_nicknames_from_the_table(first: str, second: str, reason: str) -> None:
    scored = score_pair(person(first), person(second))
    assert scored.reasons == (reason,)
    assert scored.score == 35


def test_a_nickname_the_person_goes_by() -> None:
    scored = score_pair(person("Xiaoming Wang", nicknames=["Tony"]), person("Tony Wang"))
    assert scored.reasons == ("Xiaoming Wang goes by Tony",)


def test_an_initial_may_stand_for_the_given_name() -> None:
    scored = score_pair(person("J. Smith", emails=["js@example.com"]), person("John Smith"))
    assert scored.reasons == ("J. may stand for John",)


def test_unrelated_given_names_weaken_a_shared_phone() -> None:
    scored = score_pair(
        person("Ana Ruiz", phones=["+14155550100"]), person("Carlos Ruiz", phones=["+14155550100"])
    )
    assert scored.reasons == (
        "same phone +14155550100",
        "but different names (Ana Ruiz, Carlos Ruiz)",
    )
    assert scored.score == 40


def test_different_birthdays_halve_the_score_and_same_ones_add() -> None:
    different = score_pair(
        person("Sam Lee", organizations=["Acme"], birthday="1980-01-02"),
        person("Sam Lee", organizations=["Acme"], birthday="1991-07-08"),
    )
    assert different.reasons[-1] == "but different birthdays (1980-01-02, 1991-07-08)"
    assert different.score == 38
    same = score_pair(
        person("Sam Lee", birthday="--01-02"), person("Sam Lee", birthday="1980-01-02")
    )
    assert same.reasons == ("same name", "same birthday --01-02")
    assert same.score == 58


def test_jr_and_sr_are_not_one_person() -> None:
    scored = score_pair(person("John Smith", suffix="Jr."), person("John Smith", suffix="Sr."))
    assert scored.reasons == ("same name", "but Jr. and Sr.")
    assert scored.score < MIN_SCORE


def test_the_score_never_claims_certainty() -> None:
    everything = {
        "emails": ["a@example.com", "b@example.com"],
        "phones": ["+14155550100"],
        "profiles": ["linkedin.com/in/a"],
        "organizations": ["Acme"],
    }
    scored = score_pair(person("Ana Ruiz", **everything), person("Ana Ruiz", **everything))
    assert scored.score == 99


def test_names_compare_without_case_accents_or_punctuation() -> None:
    assert plain("  José  O'Neil-Núñez ") == "jose o neil nunez"
    assert score_pair(person("José Núñez"), person("Jose Nunez")).reasons == ("same name",)
    assert similarity("ana ruiz", "ruiz ana") == 100


def test_rank_keeps_candidates_best_first_with_the_older_record_first() -> None:
    people = {
        1: person("Sam Lee", uid="1"),
        2: person("Sam Lee", uid="2"),
        3: person("Ana Ruiz", uid="3", emails=["ana@example.com"]),
        4: person("Ana Ruiz", uid="4", emails=["ana@example.com"]),
        5: person("Bo Chen", uid="5"),
    }
    ranked = rank(people, [(1, 2), (3, 4), (1, 5)])
    assert [(pair.score, [p.id for p in pair.people]) for pair in ranked] == [
        (94, ["3", "4"]),
        (40, ["1", "2"]),
    ]


def test_the_nickname_table_is_lower_case_and_links_both_ways() -> None:
    assert all(name.isascii() and name.islower() for name in FORMAL)
    assert all(short.islower() for shorts in FORMAL.values() for short in shorts)
    assert {"robert", "bob"} <= formal_names("bob")
    assert common_formal("robert", "bobby") == "robert"
    assert common_formal("bobby", "robert") == "robert"
    assert common_formal("sam", "sarah") is None
    assert sum(len(shorts) for shorts in FORMAL.values()) > 300


# -- core.merge: which value a merge keeps ------------------------------------------------------


def test_keep_wins_and_other_fills_the_blanks() -> None:
    assert rules.fill("KEEP", "other") == "KEEP"
    assert rules.fill(" ", "other") == "other"
    assert rules.joined("met at PyCon", "via Bo", "; ") == "met at PyCon; via Bo"
    assert rules.joined("met at PyCon; via Bo", "via Bo", "; ") == "met at PyCon; via Bo"
    assert rules.joined("", "via Bo", "; ") == "via Bo"
    assert rules.chosen("network", "inner", "network") == "inner"
    assert rules.chosen("key", "inner", "network") == "key"


def test_a_birthday_gains_the_year_only_other_knows() -> None:
    yearless, full = PartialDate(3, 14), PartialDate(3, 14, 1990)
    assert rules.birthday(yearless, full) == full
    assert rules.birthday(yearless, PartialDate(4, 1, 1990)) == yearless
    assert rules.birthday(None, full) == full
    assert rules.earliest(date(2020, 1, 1), date(2019, 1, 1)) == date(2019, 1, 1)
    later = datetime(2026, 1, 1, tzinfo=UTC)
    assert rules.latest(None, later) == later


def test_the_latest_current_job_stays_current() -> None:
    assert rules.current_job([("2020-01-01", True), ("2024-05-01", True), (None, False)]) == 1
    assert rules.current_job([(None, True), (None, True)]) == 0
    assert rules.current_job([(None, False)]) is None


def test_heat_is_the_decayed_sum_of_every_interaction() -> None:
    now = datetime(2026, 11, 20, tzinfo=UTC)
    touches = [(now - timedelta(days=45), Channel.CALL), (now, Channel.IN_PERSON)]
    heat, as_of = rules.heat_of(reversed(touches))
    assert as_of == now
    expected = CHANNEL_WEIGHTS[Channel.IN_PERSON] + decay(
        CHANNEL_WEIGHTS[Channel.CALL], since=now - timedelta(days=45), now=now
    )
    assert heat == pytest.approx(expected)
    assert rules.heat_of([]) == (0.0, None)
