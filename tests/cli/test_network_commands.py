"""kithkin link / unlink / path, end to end."""

from __future__ import annotations

from tests.conftest import Cli
from tests.helpers import assert_clean_error, sqlite_only

PATH_KEYS = {"target", "targets", "found", "paths", "nearest", "message"}
ROUTE_KEYS = {"strength", "hops", "ask", "nudge"}
HOP_KEYS = {"id", "name", "strength", "reasons"}


def setup_network(kithkin: Cli) -> None:
    kithkin.ok("add", "Priya Shah", "--circle", "inner")
    kithkin.ok("add", "Tom Baker", "--company", "Globex")
    kithkin.ok("add", "Sam Lee", "--company", "Globex")
    kithkin.ok("log", "priya", "-m", "Dinner at hers", "--purpose", "social")


def test_link_then_path_as_json(kithkin: Cli) -> None:
    setup_network(kithkin)
    linked = kithkin.json("link", "priya", "tom", "--kind", "friend", "--since", "2016")
    assert linked["kind"] == "friend" and linked["since"] == "2016" and linked["created"]
    assert linked["person"]["name"] == "Priya Shah" and linked["other"]["name"] == "Tom Baker"

    found = kithkin.json("path", "tom")
    assert set(found) == PATH_KEYS and found["found"] is True
    route = found["paths"][0]
    assert set(route) == ROUTE_KEYS and all(set(hop) == HOP_KEYS for hop in route["hops"])
    assert [hop["name"] for hop in route["hops"]] == ["Priya Shah", "Tom Baker"]
    assert route["hops"][1]["reasons"] == ["is a friend of Tom Baker (you noted)"]
    assert (
        route["ask"] == "Ask Priya Shah, who is a friend of Tom Baker, for an intro to Tom Baker."
    )

    company = kithkin.json("path", "--company", "GLOBEX", "--limit", "1")
    assert company["target"] == "people at Globex" and company["targets"] == 2
    assert len(company["paths"]) == 1


def test_path_in_words(kithkin: Cli) -> None:
    setup_network(kithkin)
    kithkin.ok("link", "priya", "sam", "--kind", "colleague")
    shown = kithkin.ok("path", "tom").stdout
    assert "you → Priya Shah → Sam Lee → Tom Baker" in shown
    assert "Sam Lee → Tom Baker: works at Globex with Tom Baker" in shown
    assert "offer help before asking" in shown


def test_no_path_in_words(kithkin: Cli) -> None:
    setup_network(kithkin)
    shown = kithkin.ok("path", "tom").stdout
    assert shown.startswith("No warm path to Tom Baker")
    assert "Get to know Sam Lee, who works at Globex with Tom Baker." in shown


@sqlite_only
def test_mistakes_are_clean_errors_and_write_nothing(kithkin: Cli) -> None:
    setup_network(kithkin)
    assert_clean_error(kithkin("path", "nobody"), "nobody")
    assert_clean_error(kithkin("path"), "give one target")
    assert_clean_error(kithkin("path", "tom", "--company", "globex"), "give one target")
    assert_clean_error(kithkin("path", "--company", "Umbrella"), "Umbrella")
    assert_clean_error(kithkin("link", "tom", "tom"), "themselves")
    assert_clean_error(kithkin("link", "tom", "sam", "--since", "soon"), "--since")
    assert_clean_error(kithkin("unlink", "tom", "sam"), "no relationship")
    assert kithkin("link", "tom", "sam", "--kind", "enemy").exit_code == 2  # a usage error
    assert kithkin.json("path", "sam")["found"] is False  # nothing was linked by the mistakes


@sqlite_only
def test_unlink_one_kind(kithkin: Cli) -> None:
    setup_network(kithkin)
    kithkin.ok("link", "tom", "sam", "--kind", "colleague")
    kithkin.ok("link", "tom", "sam", "--kind", "friend")
    assert kithkin.json("unlink", "sam", "tom", "--kind", "friend") == {"removed": 1}
    assert kithkin.json("unlink", "sam", "tom") == {"removed": 1}
