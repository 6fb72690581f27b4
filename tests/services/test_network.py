"""Warm paths through a real database: evidence read, graph built, routes explained."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest

from kithkin.config import Settings
from kithkin.core.dates import PartialDate
from kithkin.core.log_entry import LogInput
from kithkin.core.person_changes import PersonInput
from kithkin.errors import InvalidInput, NotFound
from kithkin.services import Context, add_person, log_interaction
from kithkin.services.duplicates import merge_people
from kithkin.services.events import add_event
from kithkin.services.network import find_paths, link, load_graph, unlink
from kithkin.store import Store
from kithkin.store.tables import EmploymentRow
from tests.conftest import FixedClock


def person(ctx: Context, name: str, **fields: object) -> str:
    return add_person(ctx, PersonInput(name=name, **fields)).id  # type: ignore[arg-type]


def job(ctx: Context, name: str, organization: str, start: int, end: int | None) -> None:
    """A job with years, as an import would write it (the CLI only sets the current job)."""
    with ctx.store.transaction() as tx:
        pk = tx.people.resolve(name)
        tx.session.add(
            EmploymentRow(
                person_id=pk,
                organization_id=tx.people.organization_id(organization),
                title="",
                start_date=PartialDate(1, 1, start).iso(),
                end_date=PartialDate(12, 31, end).iso() if end else None,
                is_current=end is None,
                position=9,
            )
        )


@pytest.fixture
def network(ctx: Context, clock: FixedClock) -> Context:
    """You know Priya well and Ana a little; Priya worked with Tom at Globex 2019–2022."""
    person(ctx, "Priya Shah", circle="key")
    person(ctx, "Ana Ruiz")
    person(ctx, "Tom Baker", company="Initech")
    person(ctx, "Sam Lee", company="Globex")
    log_interaction(ctx, ["priya"], LogInput(note="Lunch", channel="in-person", purpose="social"))
    clock.advance(days=200)
    log_interaction(ctx, ["ana"], LogInput(note="Call", channel="call", purpose="social"))
    clock.advance(days=1)
    job(ctx, "priya", "Globex", 2019, 2022)
    job(ctx, "tom", "Globex", 2019, 2022)
    link(ctx, "ana", "tom", "knows")
    return ctx


def test_the_strongest_route_is_explained_hop_by_hop(network: Context) -> None:
    result = find_paths(network, "tom")
    assert result.target == "Tom Baker" and result.targets == 1
    first = result.paths[0]
    assert [hop.person.name for hop in first.hops] == ["Priya Shah", "Tom Baker"]
    assert first.hops[0].reasons[0] == "in your key circle"
    assert first.hops[1].reasons == ("worked with Tom Baker at Globex 2019–2022",)
    assert first.ask == (
        "Ask Priya Shah, who worked with Tom Baker at Globex 2019–2022, for an intro to Tom Baker."
    )
    assert first.nudge == "You have never helped Priya Shah — offer help before asking."
    assert [hop.person.name for hop in result.paths[1].hops] == ["Ana Ruiz", "Tom Baker"]
    assert result.paths[1].hops[1].reasons == ("knows Tom Baker (you noted)",)
    assert first.strength > result.paths[1].strength


def test_no_nudge_once_you_have_helped(network: Context) -> None:
    log_interaction(
        network,
        ["priya"],
        LogInput(note="Sent her the deck", purpose="networking", gave=("resource:the deck",)),
    )
    assert find_paths(network, "tom").paths[0].nudge is None


def test_a_company_is_reached_through_anyone_there(network: Context) -> None:
    link(network, "priya", "sam", "friend", since="2015")
    result = find_paths(network, company="globex")
    assert result.target == "people at Globex" and result.targets == 1  # Sam: the current one
    assert [hop.person.name for hop in result.paths[0].hops] == ["Priya Shah", "Sam Lee"]
    assert result.paths[0].hops[1].reasons[0] == "is a friend of Sam Lee (you noted)"


def test_a_company_nobody_works_at_now_falls_back_to_its_alumni(network: Context) -> None:
    person(network, "Lee Wong", company="Hooli")
    job(network, "tom", "Pied Piper", 2015, 2016)
    result = find_paths(network, company="pied piper")
    assert result.target == "people who worked at Pied Piper"
    assert [hop.person.name for hop in result.paths[0].hops][-1] == "Tom Baker"


def test_no_path_suggests_who_to_warm_up(network: Context) -> None:
    person(network, "Zoe Kim")
    person(network, "Max Roe")
    link(network, "zoe", "max", "colleague")
    result = find_paths(network, "max")
    assert result.paths == ()
    assert result.message.startswith("No warm path to Max Roe")
    assert [hop.person.name for hop in result.nearest[0].hops] == ["Zoe Kim", "Max Roe"]
    assert result.nearest[0].ask == "Get to know Zoe Kim, who is a colleague of Max Roe."
    person(network, "Ida Lone")
    alone = find_paths(network, "ida")
    assert alone.paths == () and alone.nearest == ()
    assert "nobody in Kithkin is known to be tied" in alone.message


def test_unknown_targets_are_clear_errors(network: Context) -> None:
    with pytest.raises(NotFound):
        find_paths(network, "nobody at all")
    with pytest.raises(NotFound, match="no organization called 'Umbrella'"):
        find_paths(network, company="Umbrella")
    with pytest.raises(NotFound, match="nobody is tagged"):
        find_paths(network, tag="vip")
    with pytest.raises(InvalidInput, match="give one target"):
        find_paths(network, "tom", company="globex")


def test_tag_and_interest_targets(network: Context) -> None:
    person(network, "Eve Stone", tags=["investor"], interests=["sailing"])
    link(network, "priya", "eve", "friend")
    assert find_paths(network, tag="investor").paths[0].hops[-1].person.name == "Eve Stone"
    assert find_paths(network, interest="Sailing").paths[0].hops[-1].person.name == "Eve Stone"


def test_people_met_together_and_at_events_are_tied(network: Context, clock: FixedClock) -> None:
    person(network, "Kai Blue")
    log_interaction(network, ["ana", "kai"], LogInput(note="Dinner", purpose="social"))
    paths = find_paths(network, "kai").paths
    assert [h.person.name for h in paths[0].hops] == ["Kai Blue"]  # you met Kai yourself
    assert paths[0].ask == "You know Kai Blue yourself: reach out directly."
    via_ana = next(p for p in paths if p.hops[0].person.name == "Ana Ruiz")
    assert via_ana.hops[1].reasons[0].startswith("was with Kai Blue when you met (once")
    add_event(network, "PyCon", on="2026-05-01", met=["sam"], saw=["priya"])
    reasons = find_paths(network, "sam").paths[0].hops[1].reasons
    assert reasons == (
        "also worked at Globex, like Sam Lee",  # Sam's start there is unknown
        "was at PyCon (2026-05-01) with Sam Lee",
    )


def test_link_validates_and_updates(network: Context) -> None:
    made = link(network, "priya", "ana", "friend", since="2015-06", note="climbing")
    assert (made.created, made.since, made.note) == (True, "2015-06", "climbing")
    again = link(network, "ana", "priya", "friend", until="2020")
    assert (again.created, again.since, again.until, again.note) == (
        False,
        "2015-06",
        "2020",
        "climbing",
    )
    with pytest.raises(InvalidInput, match="themselves"):
        link(network, "priya", "priya", "friend")
    with pytest.raises(InvalidInput, match="YYYY, YYYY-MM or YYYY-MM-DD"):
        link(network, "priya", "ana", "friend", since="last year")
    with pytest.raises(InvalidInput, match="is not one of"):
        link(network, "priya", "ana", "enemy")
    assert unlink(network, "priya", "ana") == 1
    with pytest.raises(NotFound):
        unlink(network, "priya", "ana")


def test_the_cached_graph_follows_every_change(network: Context) -> None:
    with network.store.transaction() as tx:
        before = load_graph(network, tx)
    with network.store.transaction() as tx:
        assert load_graph(network, tx) is before  # nothing changed: the same graph
    link(network, "ana", "sam", "friend")
    with network.store.transaction() as tx:
        after = load_graph(network, tx)
    assert after is not before and after.edge_count == before.edge_count + 1
    unlink(network, "ana", "sam")
    with network.store.transaction() as tx:
        assert load_graph(network, tx).edge_count == before.edge_count


def test_merged_people_carry_their_ties(network: Context) -> None:
    person(network, "Thomas Baker", company="Initech")
    link(network, "priya", "thomas", "friend")
    merge_people(network, "tom", "thomas")
    path = find_paths(network, "tom").paths[0]
    assert [hop.person.name for hop in path.hops] == ["Priya Shah", "Tom Baker"]
    assert path.hops[1].reasons[0] == "is a friend of Tom Baker (you noted)"


@pytest.fixture
def other(settings: Settings, clock: FixedClock) -> Iterator[Context]:
    store = Store.open(settings.database_url, now=clock(), account="sam")
    context = Context(store=store, settings=settings, clock=clock)
    yield context
    context.close()


def test_another_accounts_network_never_leaks(network: Context, other: Context) -> None:
    person(other, "Priya Shah", circle="inner")
    person(other, "Tom Baker")
    link(other, "priya", "tom", "family")
    log_interaction(other, ["priya", "tom"], LogInput(note="Dinner", purpose="social"))
    mine = find_paths(network, "tom")
    assert all("family" not in r for p in mine.paths for h in p.hops for r in h.reasons)
    theirs = find_paths(other, "tom")
    assert [h.person.name for h in theirs.paths[0].hops] == ["Priya Shah", "Tom Baker"]
    with other.store.transaction() as tx:
        assert load_graph(other, tx).size == 2


def test_a_long_silence_weakens_your_own_tie(network: Context, clock: FixedClock) -> None:
    before = find_paths(network, "tom").paths[0].strength
    clock.advance(days=3 * 365)
    assert find_paths(network, "tom").paths[0].strength < before
    clock.current -= timedelta(days=3 * 365)


def test_an_event_still_to_come_ties_nobody_yet(network: Context, clock: FixedClock) -> None:
    person(network, "Uma Vale")
    soon = (clock().date() + timedelta(days=10)).isoformat()
    add_event(network, "Summit", on=soon, met=["uma"], saw=["priya"])
    assert find_paths(network, "uma").paths == ()
    clock.advance(days=11)
    reasons = find_paths(network, "uma").paths[0].hops[1].reasons
    assert reasons == (f"was at Summit ({soon}) with Uma Vale",)
