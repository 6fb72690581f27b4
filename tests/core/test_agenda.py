from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from kithkin.core.agenda import (
    AgendaFacts,
    AgendaItem,
    AgendaKind,
    AgendaSettings,
    build_agenda,
    item_kind,
    reconnect_shortlist,
)
from kithkin.core.dates import PartialDate
from kithkin.core.facts import (
    BIRTHDAY,
    EventMeetingFacts,
    FollowUpFacts,
    MilestoneFacts,
    PersonFacts,
    ReconnectFacts,
)
from kithkin.core.ledger import Balance
from kithkin.core.vocabulary import Circle, FollowUpStatus, MilestoneKind, Mode
from kithkin.errors import InvalidInput
from tests.core.factories import TODAY, at, person


def agenda(
    facts: AgendaFacts, *, today: date = TODAY, limit: int = 10, milestone_horizon_days: int = 7
) -> list[AgendaItem]:
    settings = AgendaSettings(limit=limit, milestone_horizon_days=milestone_horizon_days)
    return list(build_agenda(facts, today=today, settings=settings))


def keys(items: list[AgendaItem]) -> list[str]:
    return [item.key for item in items]


ANA = person("Ana Ruiz", last=TODAY - timedelta(days=3))


# follow-ups


def test_an_overdue_follow_up_comes_first_with_its_text_as_the_action() -> None:
    late = FollowUpFacts(7, TODAY - timedelta(days=3), "send the deck", person_id="ana")
    today = FollowUpFacts(8, TODAY, "book the table", person_id="ana")
    [first, second] = agenda(AgendaFacts(people=[ANA], follow_ups=[today, late]))
    assert (first.key, first.kind, first.score) == ("follow-up:7", AgendaKind.FOLLOW_UP, 103)
    assert first.reason == "overdue 3 days (due 2026-11-17)"
    assert (first.action, first.person_name) == ("send the deck", "Ana Ruiz")
    assert (second.key, second.reason, second.score) == ("follow-up:8", "due today", 90)


def test_follow_ups_due_later_done_or_dropped_stay_off_the_agenda() -> None:
    follow_ups = [
        FollowUpFacts(1, TODAY + timedelta(days=1), "later"),
        FollowUpFacts(2, TODAY, "done", status=FollowUpStatus.DONE),
        FollowUpFacts(3, TODAY, "dropped", status=FollowUpStatus.DROPPED),
    ]
    assert agenda(AgendaFacts(follow_ups=follow_ups)) == []


def test_a_snoozed_follow_up_returns_on_the_day_its_snooze_ends() -> None:
    snoozed = FollowUpFacts(
        4, TODAY - timedelta(days=5), "call back", FollowUpStatus.SNOOZED, snoozed_until=TODAY
    )
    assert keys(agenda(AgendaFacts(follow_ups=[snoozed]))) == ["follow-up:4"]
    assert agenda(AgendaFacts(follow_ups=[snoozed]), today=TODAY - timedelta(days=1)) == []


def test_a_follow_up_about_no_one_has_no_person() -> None:
    [item] = agenda(AgendaFacts(follow_ups=[FollowUpFacts(5, TODAY, "update the CV")]))
    assert (item.person_id, item.person_name, item.action) == (None, "", "update the CV")


# check-ins


def test_a_key_contact_is_due_thirty_days_after_the_last_interaction() -> None:
    due = person("Ana Ruiz", circle=Circle.KEY, last=TODAY - timedelta(days=30))
    not_yet = person("Ben Ode", circle=Circle.KEY, last=TODAY - timedelta(days=29))
    [item] = agenda(AgendaFacts(people=[due, not_yet]))
    assert item.key == "check-in:ana:2026-11-20"
    assert item.reason == "key circle (every 30 days): last contact 30 days ago, due today"
    assert item.score == 50


def test_logging_an_interaction_resets_the_check_in_clock() -> None:
    quiet = person("Ana Ruiz", circle=Circle.INNER, last=TODAY - timedelta(days=20))
    assert keys(agenda(AgendaFacts(people=[quiet]))) == ["check-in:ana:2026-11-14"]
    called = person("Ana Ruiz", circle=Circle.INNER, last=TODAY - timedelta(days=1))
    assert agenda(AgendaFacts(people=[called])) == []
    two_weeks_on = TODAY + timedelta(days=13)
    assert keys(agenda(AgendaFacts(people=[called]), today=two_weeks_on)) == [
        "check-in:ana:2026-12-03"
    ]


def test_a_never_contacted_person_counts_from_when_they_were_added() -> None:
    added = person("Ana Ruiz", circle=Circle.NETWORK, added=TODAY - timedelta(days=100))
    fresh = person("Ben Ode", circle=Circle.NETWORK, added=TODAY - timedelta(days=10))
    [item] = agenda(AgendaFacts(people=[added, fresh]))
    assert item.key == "check-in:ana:2026-11-10"
    assert item.reason == (
        "network circle (every 90 days): never contacted, added 100 days ago, 10 days overdue"
    )


def test_dormant_people_never_fall_due_for_a_check_in() -> None:
    dormant = person("Ana Ruiz", circle=Circle.DORMANT, last=TODAY - timedelta(days=900))
    assert agenda(AgendaFacts(people=[dormant])) == []


def test_a_persons_own_cadence_overrides_their_circles() -> None:
    weekly = person("Ana Ruiz", circle=Circle.NETWORK, cadence=7, last=TODAY - timedelta(days=8))
    [item] = agenda(AgendaFacts(people=[weekly]))
    assert item.reason == "own cadence (every 7 days): last contact 8 days ago, 1 day overdue"


def test_people_on_their_own_cadence_are_ranked_whatever_order_they_come_in() -> None:
    people = [
        person(
            f"Own{n} Person", circle=Circle.NETWORK, cadence=10, last=TODAY - timedelta(days=11 + n)
        )
        for n in range(5)
    ]
    for order in (people, people[::-1]):
        items = agenda(AgendaFacts(people=order), limit=2)
        assert [item.person_name for item in items] == ["Own4 Person", "Own3 Person"]


def test_custom_circle_cadences_replace_the_defaults() -> None:
    ana = person("Ana Ruiz", circle=Circle.KEY, last=TODAY - timedelta(days=10))
    settings = AgendaSettings(cadences={Circle.KEY: 10})
    [item] = build_agenda(AgendaFacts(people=[ana]), today=TODAY, settings=settings)
    assert item.key == "check-in:ana:2026-11-20"


def test_the_longer_overdue_the_higher_a_check_in_ranks_up_to_a_full_cadence() -> None:
    people = [
        person("Ana Ruiz", circle=Circle.KEY, last=TODAY - timedelta(days=45)),
        person("Ben Ode", circle=Circle.KEY, last=TODAY - timedelta(days=30)),
        person("Cy Young", circle=Circle.KEY, last=TODAY - timedelta(days=200)),
    ]
    items = agenda(AgendaFacts(people=people))
    assert [(i.person_name, i.score) for i in items] == [
        ("Cy Young", 70),
        ("Ana Ruiz", 60),
        ("Ben Ode", 50),
    ]


def test_check_in_actions_fit_the_persons_mode() -> None:
    long_ago = TODAY - timedelta(days=60)
    people = [
        person("Fay Friend", mode=Mode.PERSONAL, last=long_ago),
        person("Pat Pro", mode=Mode.PROFESSIONAL, last=long_ago),
    ]
    actions = {item.person_name: item.action for item in agenda(AgendaFacts(people=people))}
    assert "no agenda" in actions["Fay Friend"]
    assert actions["Pat Pro"].startswith("Share something useful")


def test_check_ins_use_the_local_day_of_aware_times() -> None:
    berlin = ZoneInfo("Europe/Berlin")
    # 2026-10-20 23:30 UTC is already 2026-10-21 in Berlin: due on 2026-11-20, today.
    ana = PersonFacts(
        "ana", "Ana Ruiz", Circle.KEY, Mode.BOTH,
        created_at=datetime(2025, 1, 1, tzinfo=UTC),
        last_interaction_at=datetime(2026, 10, 20, 23, 30, tzinfo=UTC),
    )  # fmt: skip
    [item] = build_agenda(AgendaFacts(people=[ana]), today=TODAY, tz=berlin)
    assert item.key == "check-in:ana:2026-11-20"
    assert build_agenda(AgendaFacts(people=[ana]), today=TODAY - timedelta(days=1), tz=berlin) == ()


# milestones


def birthday(person_id: str, text: str) -> MilestoneFacts:
    return MilestoneFacts(person_id, BIRTHDAY, PartialDate.parse(text))


def test_a_birthday_without_a_year_is_reminded_in_the_coming_week() -> None:
    facts = AgendaFacts(people=[ANA], milestones=[birthday("ana", "--11-23")])
    [item] = agenda(facts)
    assert (item.key, item.reason) == ("milestone:ana:birthday:2026-11-23", "birthday in 3 days")
    assert item.score == 75 - 9
    assert item.action == "Call or send a personal message."


def test_a_birthday_with_a_year_says_the_age_and_today_ranks_high() -> None:
    [item] = agenda(AgendaFacts(people=[ANA], milestones=[birthday("ana", "1986-11-20")]))
    assert (item.reason, item.score) == ("birthday today, turns 40", 95)


def test_a_professional_contacts_birthday_gets_a_short_personal_note() -> None:
    pat = person("Pat Pro", mode=Mode.PROFESSIONAL, last=TODAY)
    [item] = agenda(AgendaFacts(people=[pat], milestones=[birthday("pat", "--11-21")]))
    assert item.action == "Send a short, personal note — no business."


def test_a_feb_29_birthday_falls_on_feb_28_in_common_years() -> None:
    facts = AgendaFacts(people=[ANA], milestones=[birthday("ana", "--02-29")])
    [item] = agenda(facts, today=date(2027, 2, 25))
    assert item.key == "milestone:ana:birthday:2027-02-28"
    assert item.reason == "birthday in 3 days (born on Feb 29: marked on Feb 28 this year)"


def test_a_feb_29_birthday_falls_on_feb_29_in_leap_years() -> None:
    facts = AgendaFacts(people=[ANA], milestones=[birthday("ana", "2000-02-29")])
    [item] = agenda(facts, today=date(2028, 2, 28))
    assert (item.day, item.reason) == (date(2028, 2, 29), "birthday tomorrow, turns 28")


def test_a_birthday_just_after_new_year_is_reminded_in_december() -> None:
    facts = AgendaFacts(people=[ANA], milestones=[birthday("ana", "--01-02")])
    [item] = agenda(facts, today=date(2026, 12, 29))
    assert item.key == "milestone:ana:birthday:2027-01-02"


def test_milestones_beyond_the_horizon_wait_and_the_horizon_is_configurable() -> None:
    facts = AgendaFacts(people=[ANA], milestones=[birthday("ana", "--11-30")])
    assert agenda(facts) == []
    assert len(agenda(facts, milestone_horizon_days=10)) == 1


def test_a_work_anniversary_counts_the_years() -> None:
    joined = MilestoneFacts("ana", MilestoneKind.WORK_ANNIVERSARY, PartialDate(11, 22, 2021))
    [item] = agenda(AgendaFacts(people=[ANA], milestones=[joined]))
    assert item.reason == "work anniversary in 2 days (5 years)"
    assert item.action == "Congratulate them on 5 years in the job."


def test_a_one_off_milestone_falls_on_its_single_day() -> None:
    wedding = MilestoneFacts(
        "ana", MilestoneKind.WEDDING, PartialDate(11, 21, 2026), recurring=False, note="in Porto"
    )
    [item] = agenda(AgendaFacts(people=[ANA], milestones=[wedding]))
    assert item.reason == "wedding tomorrow: in Porto"
    a_year_on = agenda(AgendaFacts(people=[ANA], milestones=[wedding]), today=date(2027, 11, 20))
    assert AgendaKind.MILESTONE not in {item.kind for item in a_year_on}


# reciprocity


def test_asking_twice_without_ever_giving_raises_a_reciprocity_nudge() -> None:
    facts = AgendaFacts(people=[ANA], balances={"ana": Balance(asked=2)})
    [item] = agenda(facts)
    assert (item.key, item.kind) == ("reciprocity:ana:2", AgendaKind.RECIPROCITY)
    assert item.reason == "asked 2 times, never gave anything"
    assert item.action.startswith("Offer help before your next ask")


def test_one_gift_or_a_single_ask_is_no_reciprocity_nudge() -> None:
    balances = {"ana": Balance(asked=5, gave=1), "ben": Balance(asked=1)}
    ben = person("Ben Ode", last=TODAY)
    assert agenda(AgendaFacts(people=[ANA, ben], balances=balances)) == []


def test_another_ask_brings_a_dismissed_reciprocity_nudge_back() -> None:
    hidden = {"reciprocity:ana:2"}
    twice = AgendaFacts(people=[ANA], balances={"ana": Balance(asked=2)})
    thrice = AgendaFacts(people=[ANA], balances={"ana": Balance(asked=3)})
    assert build_agenda(twice, today=TODAY, hidden=hidden) == ()
    assert keys(list(build_agenda(thrice, today=TODAY, hidden=hidden))) == ["reciprocity:ana:3"]


# reconnect


def dormant(name: str, days_quiet: int = 400) -> PersonFacts:
    return person(name, circle=Circle.DORMANT, last=TODAY - timedelta(days=days_quiet))


DORMANT_NAMES = [f"Dee{n:02d} Dormant" for n in range(20)]


def reconnect_facts(people: list[PersonFacts], count: int = 8) -> AgendaFacts:
    return AgendaFacts(people=people, reconnect=[ReconnectFacts(p.id, count) for p in people])


def test_reconnect_suggests_a_few_dormant_once_warm_people_a_week() -> None:
    facts = reconnect_facts([dormant(name) for name in DORMANT_NAMES])
    items = agenda(facts)
    assert len(items) == 3
    assert {item.kind for item in items} == {AgendaKind.RECONNECT}
    assert all(item.key.endswith(":2026-W47") for item in items)
    assert items[0].reason == "dormant, once close: 8 interactions, the last 400 days ago"


def test_reconnect_picks_hold_all_week_and_change_the_next() -> None:
    facts = reconnect_facts([dormant(name) for name in DORMANT_NAMES])
    monday, sunday = date(2026, 11, 16), date(2026, 11, 22)
    people_on = {day: {i.person_id for i in agenda(facts, today=day)} for day in (monday, sunday)}
    assert people_on[monday] == people_on[sunday]
    next_week = {i.person_id for i in agenda(facts, today=date(2026, 11, 23))}
    assert next_week != people_on[monday]


def test_reconnect_skips_the_never_warm_the_recently_seen_and_those_with_a_cadence() -> None:
    candidates = [
        dormant("Few Talks"),
        dormant("Lately Seen", days_quiet=30),
        person("Net Worker", circle=Circle.NETWORK, last=TODAY - timedelta(days=1)),
    ]
    facts = AgendaFacts(
        people=candidates,
        reconnect=[
            ReconnectFacts("few", 2),
            ReconnectFacts("lately", 9),
            ReconnectFacts("net", 9),
        ],
    )
    assert agenda(facts) == []


def test_someone_reconnected_with_this_week_keeps_their_slot() -> None:
    people = [dormant(name) for name in DORMANT_NAMES]
    before = agenda(reconnect_facts(people))
    done = before[0].person_id
    after_call = [
        person(p.name, circle=Circle.DORMANT, last=TODAY) if p.id == done else p for p in people
    ]
    after = agenda(reconnect_facts(after_call))
    assert keys(after) == keys(before)[1:]


def test_the_reconnect_shortlist_is_the_weeks_draw_and_needs_no_other_people() -> None:
    people = [dormant(name) for name in DORMANT_NAMES]
    facts = AgendaFacts(
        people=people, reconnect=[ReconnectFacts(p.id, 2 + n) for n, p in enumerate(people)]
    )
    shortlist = reconnect_shortlist(facts.reconnect, TODAY, AgendaSettings())
    picked = {c.person_id for c in shortlist}
    assert len(picked) == 3 and "dee00" not in picked  # two interactions: never drawn
    few = AgendaFacts(people=[p for p in people if p.id in picked], reconnect=shortlist)
    assert agenda(few) == agenda(facts)
    dormant_checked = AgendaSettings(cadences={Circle.DORMANT: 180})
    assert reconnect_shortlist(facts.reconnect, TODAY, dormant_checked) == []


# after an event


def meeting(person_id: str, days_ago: int, **flags: bool) -> EventMeetingFacts:
    return EventMeetingFacts(
        3, "PyCon", person_id, last_day=TODAY - timedelta(days=days_ago), **flags
    )


def test_people_met_at_an_event_without_a_follow_up_are_suggested() -> None:
    pat = person("Pat Pro", mode=Mode.PROFESSIONAL, added=TODAY - timedelta(days=2))
    [item] = agenda(AgendaFacts(people=[pat], meetings=[meeting("pat", 2, met_there=True)]))
    assert item.key == "after-event:3:pat"
    assert item.reason == "met at PyCon 2 days ago, no follow-up yet"
    assert item.score == 70 - 6 + 5
    assert "recalls your conversation at PyCon" in item.action


def test_after_an_event_a_follow_up_a_later_interaction_or_time_settles_it() -> None:
    ana_wrote = person("Ana Ruiz", last=TODAY - timedelta(days=1))
    ben = person("Ben Ode", last=TODAY - timedelta(days=20))
    cy = person("Cy Young", last=TODAY - timedelta(days=20))
    meetings = [
        meeting("ana", 3),
        meeting("ben", 3, has_follow_up=True),
        meeting("cy", 8),
    ]
    assert agenda(AgendaFacts(people=[ana_wrote, ben, cy], meetings=meetings)) == []


# the list as a whole


def everything() -> AgendaFacts:
    people = [
        ANA,
        person("Ben Ode", circle=Circle.INNER, last=TODAY - timedelta(days=40)),
        person("Cy Young", last=TODAY - timedelta(days=5)),
        person("Dee Dormant", circle=Circle.DORMANT, last=TODAY - timedelta(days=365)),
        person("Eve Event", added=TODAY - timedelta(days=1)),
        person("Fay Friend", mode=Mode.PERSONAL, last=TODAY - timedelta(days=2)),
    ]
    return AgendaFacts(
        people=people,
        follow_ups=[FollowUpFacts(1, TODAY - timedelta(days=2), "send the deck", person_id="ana")],
        milestones=[birthday("fay", "--11-22")],
        balances={"cy": Balance(asked=3)},
        reconnect=[ReconnectFacts("dee", 12)],
        meetings=[meeting("eve", 1, met_there=True)],
    )


def test_every_kind_takes_its_place_in_one_ranked_list() -> None:
    items = agenda(everything())
    assert [(i.kind.value, i.person_name, i.score) for i in items] == [
        ("follow-up", "Ana Ruiz", 102),
        ("check-in", "Ben Ode", 80),
        ("after-event", "Eve Event", 72),
        ("milestone", "Fay Friend", 69),
        ("reciprocity", "Cy Young", 50),
        ("reconnect", "Dee Dormant", 45),
    ]


def test_snoozed_and_dismissed_items_are_left_out() -> None:
    hidden = {"follow-up:1", "milestone:fay:birthday:2026-11-22"}
    shown = build_agenda(everything(), today=TODAY, hidden=hidden)
    assert not hidden & {item.key for item in shown}
    assert len(shown) == 4


def test_the_list_is_capped_and_its_order_does_not_depend_on_the_input_order() -> None:
    people = [
        person(f"P{n:03d} Person", circle=Circle.NETWORK, last=TODAY - timedelta(days=91 + n % 7))
        for n in range(200)
    ]
    first = agenda(AgendaFacts(people=people))
    assert len(first) == 10
    shuffled = people[:]
    random.Random(7).shuffle(shuffled)
    assert agenda(AgendaFacts(people=shuffled)) == first
    assert [i.person_name for i in first[:3]] == ["P006 Person", "P013 Person", "P020 Person"]
    assert len(agenda(AgendaFacts(people=people), limit=3)) == 3


def test_hidden_items_make_room_for_the_next_ones() -> None:
    people = [person(f"P{n} Person", last=TODAY - timedelta(days=31 + n)) for n in range(12)]
    top = agenda(AgendaFacts(people=people))
    hidden = {item.key for item in top[:5]}
    rest = build_agenda(AgendaFacts(people=people), today=TODAY, hidden=hidden)
    assert [i.key for i in rest[:5]] == [i.key for i in top[5:]]
    assert len(rest) == 7


def test_a_person_with_a_follow_up_gets_no_separate_check_in() -> None:
    overdue = person("Ana Ruiz", last=TODAY - timedelta(days=60))
    facts = AgendaFacts(
        people=[overdue], follow_ups=[FollowUpFacts(1, TODAY, "x", person_id="ana")]
    )
    assert [i.kind for i in agenda(facts)] == [AgendaKind.FOLLOW_UP]


def test_a_fact_about_a_person_missing_from_people_is_a_clear_error() -> None:
    facts = AgendaFacts(follow_ups=[FollowUpFacts(1, TODAY, "x", person_id="ghost")])
    with pytest.raises(ValueError, match="'ghost'"):
        agenda(facts)


def test_item_keys_name_their_kind() -> None:
    assert item_kind("follow-up:12") is AgendaKind.FOLLOW_UP
    assert item_kind("check-in:ana:2026-11-20") is AgendaKind.CHECK_IN
    for bad in ("12", "follow-up", "follow-up:", "walk:ana"):
        with pytest.raises(InvalidInput, match="not an agenda item"):
            item_kind(bad)


def test_many_people_due_at_once_still_yield_the_longest_silences() -> None:
    long_silence = person("Zed Last", circle=Circle.NETWORK, last=at(date(2024, 1, 1)))
    crowd = [
        person(f"Crowd {n:05d}", circle=Circle.NETWORK, added=date(2025, 1, 1))
        for n in range(2_000)
    ]
    items = agenda(AgendaFacts(people=[*crowd, long_silence]), limit=3)
    assert [i.person_name for i in items] == ["Zed Last", "Crowd 00000", "Crowd 00001"]
