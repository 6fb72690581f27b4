"""Common ground, pure: profiles compared, overlaps in years, mutual ranking, starters."""

from __future__ import annotations

from datetime import date

import pytest

from kithkin.core.network.common import (
    MAX_MUTUAL,
    SCHOOLS_NOT_RECORDED,
    EventTogether,
    History,
    LastTalk,
    Mutual,
    Profile,
    ProfileChanges,
    SharedEmployer,
    Stint,
    TopicCount,
    common_ground_json,
    edit_profile,
    find_common_ground,
    overlap,
    parse_stint,
    profile_from_json,
    profile_json,
    rank_mutual,
    shared_employers,
    shared_names,
    shorten,
)
from kithkin.core.records import PersonRef
from kithkin.errors import InvalidInput

TOM = PersonRef("t1", "Tom Baker")
ANA = PersonRef("a1", "Ana Ruiz")
PRIYA = PersonRef("p1", "Priya Shah")
YEAR = 2026


@pytest.mark.parametrize(
    ("text", "stint"),
    [
        ("Globex", Stint("Globex")),
        ("  Globex   Corp ", Stint("Globex Corp")),
        ("Globex:2019-2022", Stint("Globex", 2019, 2022)),
        ("Globex: 2019 – 2022", Stint("Globex", 2019, 2022)),
        ("Globex:2019-", Stint("Globex", 2019, None, current=True)),
        ("Globex:2019-now", Stint("Globex", 2019, None, current=True)),
        ("Globex:2019", Stint("Globex", 2019, 2019)),
        ("Re: Search", Stint("Re: Search")),  # a colon without years is part of the name
    ],
)
def test_an_employer_is_read_with_its_years(text: str, stint: Stint) -> None:
    assert parse_stint(text) == stint


@pytest.mark.parametrize("text", ["", "  ", ":2019", "Globex:2022-2019"])
def test_a_bad_employer_is_refused(text: str) -> None:
    with pytest.raises(InvalidInput):
        parse_stint(text)


def test_years_are_written_back_as_typed() -> None:
    assert [parse_stint(t).years() for t in ("G", "G:2019-2022", "G:2019-", "G:2019")] == [
        None,
        "2019-2022",
        "2019-",
        "2019",
    ]


def test_editing_a_profile_adds_once_removes_ignoring_case_and_replaces_years() -> None:
    profile = edit_profile(
        Profile(),
        ProfileChanges(
            interests=["Climbing", "climbing ", "Chess"],
            companies=["Globex:2019-2022"],
            schools=["MIT"],
            cities=["Berlin"],
        ),
    )
    assert profile.interests == ("Climbing", "Chess")
    edited = edit_profile(
        profile,
        ProfileChanges(
            remove_interests=["CHESS"],
            companies=["globex:2018-2022", "Initech:2023-"],
            remove_schools=["mit"],
            cities=["berlin"],
        ),
    )
    assert edited.interests == ("Climbing",)
    assert edited.employers == (
        Stint("globex", 2018, 2022),
        Stint("Initech", 2023, None, current=True),
    )
    assert edited.schools == () and edited.cities == ("Berlin",)
    assert edit_profile(edited, ProfileChanges(remove_companies=["GLOBEX"])).employers == (
        Stint("Initech", 2023, None, current=True),
    )
    with pytest.raises(InvalidInput):
        edit_profile(edited, ProfileChanges(interests=["x" * 101]))


def test_a_profile_survives_its_json_and_malformed_json_is_skipped() -> None:
    profile = Profile(
        interests=("Climbing",),
        employers=(Stint("Globex", 2019, 2022), Stint("Hooli")),
        schools=("MIT",),
        cities=("Berlin",),
    )
    assert profile_from_json(profile_json(profile)) == profile
    assert profile_from_json(None) == Profile()
    assert profile_from_json([1, 2]) == Profile()
    odd = {
        "interests": ["ok", 3, "", None],
        "employers": [{"organization": "A", "years": "soon"}, "B", {"organization": "C"}],
        "schools": "MIT",
    }
    assert profile_from_json(odd) == Profile(interests=("ok",), employers=(Stint("A"), Stint("C")))


def test_names_are_shared_ignoring_case_and_spacing() -> None:
    assert shared_names(["Rock  Climbing", "chess", "Go"], ["rock climbing", "CHESS"]) == (
        "chess",
        "Rock  Climbing",
    )
    assert shared_names(["a"], []) == ()


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (Stint("G", 2019, 2022), Stint("G", 2020, 2024), SharedEmployer("G", "2020–2022", True)),
        (Stint("G", 2019, 2020), Stint("G", 2020, 2024), SharedEmployer("G", "2020", True)),
        (Stint("G", 2010, 2012), Stint("G", 2020, 2024), SharedEmployer("G", None, False)),
        (
            Stint("G", 2019, None, True),
            Stint("G", 2021, None, True),
            SharedEmployer("G", "since 2021", True, current=True),
        ),
        (
            Stint("G", None, None, True),
            Stint("G", 2020, None, True),
            SharedEmployer("G", None, True, current=True),
        ),
        (
            Stint("G", 2019, None, True),
            Stint("G", 2015, 2022),
            SharedEmployer("G", "2019–2022", True),
        ),
        (Stint("G"), Stint("G", 2015, 2022), SharedEmployer("G", None, None)),
    ],
)
def test_two_stints_overlap_in_the_years_both_were_there(
    a: Stint, b: Stint, expected: SharedEmployer
) -> None:
    assert overlap(a, b, YEAR) == expected


def test_the_best_overlap_at_each_shared_organization_is_kept() -> None:
    first = [Stint("Globex", 2010, 2011), Stint("Globex", 2019, 2022), Stint("Hooli"), Stint("X")]
    second = [Stint("globex", 2020, 2021), Stint("HOOLI", 2015, 2016), Stint("Initech")]
    assert shared_employers(first, second, YEAR) == (
        SharedEmployer("Globex", "2020–2021", True),
        SharedEmployer("Hooli", None, None),
    )


def test_mutual_contacts_rank_by_the_product_of_both_ties() -> None:
    first = {1: 0.9, 2: 0.5, 3: 0.8, 4: 0.7, 9: 0.9}
    second = {1: 0.1, 2: 0.5, 3: 0.6, 5: 0.9, 9: 0.9}
    ranked = rank_mutual(first, second, exclude=[9])
    assert [key for key, _ in ranked] == [3, 2, 1]
    assert [s for _, s in ranked] == pytest.approx([0.48, 0.25, 0.09])
    many = dict.fromkeys(range(30), 1.0)
    assert len(rank_mutual(many, many)) == MAX_MUTUAL
    assert rank_mutual({1: 0.5}, {1: 0.0}) == []


def test_a_note_is_shortened_at_a_word() -> None:
    assert shorten("  Lunch at   Mario's\nmore") == "Lunch at Mario's"
    long = "We talked about her move to Lisbon and the new team she is building there in spring"
    short = shorten(long, 40)
    assert short == "We talked about her move to Lisbon and…" and len(short) <= 40
    assert shorten("") == ""


def rich_history() -> History:
    return History(
        events=(EventTogether("PyCon 2025", date(2025, 5, 14)),),
        mutual=(Mutual(PRIYA, 0.42),),
        topics=(TopicCount("job-search", 3), TopicCount("hiring", 1)),
        last=LastTalk(date(2026, 11, 1), "Lunch: her job search"),
    )


def test_between_you_and_a_contact() -> None:
    theirs = Profile(
        interests=("Climbing", "Chess"),
        tags=("python",),
        employers=(Stint("Globex", 2020, 2024),),
        cities=("Berlin",),
    )
    mine = Profile(
        interests=("climbing",),
        employers=(Stint("globex", 2019, 2022),),
        schools=("MIT",),
        cities=("berlin",),
    )
    ground = find_common_ground(TOM, None, theirs, mine, rich_history(), this_year=YEAR)
    assert ground.interests == ("Climbing",) and ground.tags == ()
    assert ground.employers == (SharedEmployer("Globex", "2020–2022", True),)
    assert ground.schools == () and ground.notes == (SCHOOLS_NOT_RECORDED,)
    assert ground.cities == ("Berlin",)
    assert ground.starters == (
        "You were both at Globex 2020–2022 — swap stories from there.",
        "You were both at PyCon 2025 — ask what stood out for them.",
        "Ask how the Climbing is going — it's an interest you share.",
        "Priya Shah knows you both.",
    )
    data = common_ground_json(ground)
    assert data["with"] == "you" and data["person"] == {"id": "t1", "name": "Tom Baker"}
    assert data["employers"] == [
        {"organization": "Globex", "years": "2020–2022", "together": True, "current": False}
    ]
    assert data["events"] == [{"name": "PyCon 2025", "date": "2025-05-14"}]
    assert data["mutual"] == [{"id": "p1", "name": "Priya Shah", "strength": 0.42}]
    assert data["topics"][0] == {"topic": "job-search", "count": 3}
    assert data["last"] == {"date": "2026-11-01", "note": "Lunch: her job search"}


def test_no_schools_note_when_you_gave_no_schools() -> None:
    ground = find_common_ground(TOM, None, Profile(), Profile(), History(), this_year=YEAR)
    assert ground.empty and ground.notes == () and ground.starters == ()


def test_with_little_in_common_a_second_item_makes_two_starters() -> None:
    history = History(topics=(TopicCount("job-search", 3), TopicCount("hiring", 1)))
    ground = find_common_ground(TOM, None, Profile(), Profile(), history, this_year=YEAR)
    assert ground.starters == (
        "Ask what's new with job search — you've talked about it 3 times.",
        "Ask what's new with hiring — you've talked about it once.",
    )
    last = History(last=LastTalk(date(2026, 11, 1), "Lunch"), topics=history.topics)
    ground = find_common_ground(TOM, None, Profile(), Profile(), last, this_year=YEAR)
    assert ground.starters[0] == "Pick up where you left off: “Lunch”."


def test_between_two_contacts() -> None:
    theirs = Profile(tags=("Python", "climber"), employers=(Stint("Hooli", 2015, 2016),))
    other = Profile(tags=("python",), employers=(Stint("Hooli", 2019, 2020),), cities=("Oslo",))
    ground = find_common_ground(TOM, ANA, theirs, other, rich_history(), this_year=YEAR)
    assert ground.tags == ("Python",) and ground.notes == ()
    assert ground.employers == (SharedEmployer("Hooli", None, False),)
    assert ground.starters == (
        "Ana Ruiz and Tom Baker were both at PyCon 2025.",
        "Priya Shah knows them both.",
        "Ana Ruiz and Tom Baker have talked about job search together (3 times).",
        "Ana Ruiz and Tom Baker both worked at Hooli, at different times.",
    )
    assert common_ground_json(ground)["with"] == {"id": "a1", "name": "Ana Ruiz"}
