from kithkin.store.migrate import HEAD, head_revision


def test_the_head_constant_matches_the_newest_migration() -> None:
    assert head_revision() == HEAD
