"""Responder page sessions without a database: a random token that names a stored
session, never the key; ended by signing out, by age, by idleness and by revoking the key
it was made with."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from services.assignment.sessions import (
    ResponderSession,
    ResponderSessions,
    SessionPolicy,
    SessionRepository,
)
from shared.auth import KeyStore, Role, key_entry, new_token, token_digest, write_key_file
from tests.unit.assignment_fakes import Clock

POLICY = SessionPolicy(max_age_s=12 * 3600, idle_timeout_s=1800)


class InMemorySessions(SessionRepository):
    def __init__(self) -> None:
        self.rows: dict[str, ResponderSession] = {}
        self.touches = 0

    def add(self, session: ResponderSession) -> None:
        self.rows[session.token_digest] = session

    def get(self, token_digest: str) -> ResponderSession | None:
        return self.rows.get(token_digest)

    def touch(self, token_digest: str, at: float) -> None:
        self.touches += 1
        old = self.rows[token_digest]
        self.rows[token_digest] = ResponderSession(
            old.token_digest, old.key_digest, old.unit_id, old.created_at, at)

    def delete(self, token_digest: str) -> None:
        self.rows.pop(token_digest, None)

    def delete_ended(self, created_before: float, seen_before: float) -> None:
        self.rows = {d: s for d, s in self.rows.items()
                     if s.created_at >= created_before and s.last_seen_at >= seen_before}


class Keys:
    """A key file the test rewrites (revocation is a rewrite without the key)."""

    def __init__(self, path: Path) -> None:
        self.path, self.version = path, 0
        self.store = KeyStore(path)

    def write(self, **tokens: tuple[str, Role, str | None]) -> None:
        write_key_file(self.path, [key_entry(t, key_id, role, unit_id=unit)
                                   for key_id, (t, role, unit) in tokens.items()])
        self.version += 1  # a new modification time without waiting for the clock
        stamp = 1_700_000_000_000_000_000 + self.version * 1_000_000_000
        os.utime(self.path, ns=(stamp, stamp))


@pytest.fixture
def keys(tmp_path: Path) -> Keys:
    return Keys(tmp_path / "keys.json")


def sessions_with(keys: Keys, clock: Clock) -> tuple[ResponderSessions, InMemorySessions]:
    repository = InMemorySessions()
    return ResponderSessions(repository, keys.store, POLICY, clock), repository


def test_signing_in_stores_a_random_token_and_never_the_key(keys: Keys) -> None:
    key = new_token(Role.responder)
    keys.write(bcr1=(key, Role.responder, "BCR-1"))
    sessions, repository = sessions_with(keys, Clock())
    first, second = sessions.sign_in(key), sessions.sign_in(key)
    assert first is not None and second is not None
    assert first.token != second.token and key not in (first.token, second.token)
    assert first.principal.unit_id == "BCR-1"
    stored = repr(repository.rows)
    assert key not in stored and first.token not in stored  # digests only
    assert token_digest(first.token) in repository.rows
    principal = sessions.principal_for(first.token)
    assert principal is not None and principal.unit_id == "BCR-1"
    assert sessions.principal_for(key) is None  # the key itself is no session


@pytest.mark.parametrize("role", [Role.admin, Role.cad, Role.auditor])
def test_only_a_responder_key_bound_to_a_unit_signs_in(keys: Keys, role: Role) -> None:
    key, unbound = new_token(role), new_token(Role.responder)
    keys.write(other=(key, role, None), unbound=(unbound, Role.responder, None))
    sessions, repository = sessions_with(keys, Clock())
    assert sessions.sign_in(key) is None
    assert sessions.sign_in(unbound) is None
    assert sessions.sign_in("rr_responder_unknown") is None
    assert repository.rows == {}


def test_signing_out_ends_the_session(keys: Keys) -> None:
    key = new_token(Role.responder)
    keys.write(bcr1=(key, Role.responder, "BCR-1"))
    sessions, repository = sessions_with(keys, Clock())
    signed_in = sessions.sign_in(key)
    assert signed_in is not None
    sessions.sign_out(signed_in.token)
    assert sessions.principal_for(signed_in.token) is None
    assert repository.rows == {}


def test_revoking_the_key_ends_every_session_made_with_it(keys: Keys) -> None:
    key, other = new_token(Role.responder), new_token(Role.responder)
    keys.write(bcr1=(key, Role.responder, "BCR-1"), p331=(other, Role.responder, "P3-31"))
    sessions, repository = sessions_with(keys, Clock())
    phones = [sessions.sign_in(key), sessions.sign_in(key)]
    kept = sessions.sign_in(other)
    assert kept is not None and all(phones)
    keys.write(p331=(other, Role.responder, "P3-31"))  # BCR-1's key revoked
    for phone in phones:
        assert phone is not None and sessions.principal_for(phone.token) is None
    assert sessions.principal_for(kept.token) is not None
    assert list(repository.rows) == [token_digest(kept.token)]


def test_a_key_rebound_to_another_unit_ends_its_sessions(keys: Keys) -> None:
    key = new_token(Role.responder)
    keys.write(crew=(key, Role.responder, "BCR-1"))
    sessions, _ = sessions_with(keys, Clock())
    signed_in = sessions.sign_in(key)
    assert signed_in is not None
    keys.write(crew=(key, Role.responder, "BCR-2"))
    assert sessions.principal_for(signed_in.token) is None


def test_a_session_ends_after_its_lifetime_however_busy(keys: Keys) -> None:
    key = new_token(Role.responder)
    keys.write(bcr1=(key, Role.responder, "BCR-1"))
    clock = Clock()
    sessions, _ = sessions_with(keys, clock)
    signed_in = sessions.sign_in(key)
    assert signed_in is not None
    for _ in range(int(POLICY.max_age_s // 600) - 1):
        clock.advance(600)
        assert sessions.principal_for(signed_in.token) is not None
    clock.advance(600)
    assert sessions.principal_for(signed_in.token) is None


def test_a_session_left_unused_ends_after_the_idle_timeout(keys: Keys) -> None:
    key = new_token(Role.responder)
    keys.write(bcr1=(key, Role.responder, "BCR-1"))
    clock = Clock()
    sessions, repository = sessions_with(keys, clock)
    signed_in = sessions.sign_in(key)
    assert signed_in is not None
    clock.advance(POLICY.idle_timeout_s - 1)
    assert sessions.principal_for(signed_in.token) is not None  # used: the idle time restarts
    clock.advance(POLICY.idle_timeout_s - 1)
    assert sessions.principal_for(signed_in.token) is not None
    clock.advance(POLICY.idle_timeout_s)
    assert sessions.principal_for(signed_in.token) is None
    # Use within a moment of the last is not written again.
    again = sessions.sign_in(key)
    assert again is not None
    touches = repository.touches
    for _ in range(5):
        clock.advance(1)
        assert sessions.principal_for(again.token) is not None
    assert repository.touches == touches


def test_signing_in_forgets_sessions_that_have_ended(keys: Keys) -> None:
    key = new_token(Role.responder)
    keys.write(bcr1=(key, Role.responder, "BCR-1"))
    clock = Clock()
    sessions, repository = sessions_with(keys, clock)
    abandoned = sessions.sign_in(key)
    assert abandoned is not None
    clock.advance(POLICY.idle_timeout_s + 1)
    fresh = sessions.sign_in(key)
    assert fresh is not None
    assert list(repository.rows) == [token_digest(fresh.token)]
