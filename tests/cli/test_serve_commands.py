"""kithkin serve refuses to listen beyond this machine without an account; kithkin user add."""

from __future__ import annotations

from tests.conftest import Cli


def test_serve_off_loopback_needs_an_account_with_a_password(kithkin: Cli) -> None:
    kithkin.ok("add", "Ana Ruiz")
    refused = kithkin("serve", "--host", "0.0.0.0")
    assert refused.exit_code == 1
    assert "add an account with a password first" in refused.stderr


def test_user_add_stores_an_argon2_hash_and_refuses_weak_or_repeated(kithkin: Cli) -> None:
    added = kithkin("user", "add", "maria", "--password", "correct horse battery")
    assert added.exit_code == 0 and "Added maria" in added.stdout
    short = kithkin("user", "add", "li", "--password", "short")
    assert short.exit_code == 1 and "at least 10 characters" in short.stderr
    again = kithkin("user", "add", "maria", "--password", "another long password")
    assert again.exit_code == 1 and "already has a password" in again.stderr
    spaced = kithkin("user", "add", "ma ria", "--password", "correct horse battery")
    assert spaced.exit_code == 1 and "not a user name" in spaced.stderr
