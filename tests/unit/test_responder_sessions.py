"""Responder page sessions without a database: a random token that names a stored
session, never the key; ended by signing out, by age, by idleness and by revoking the key
it was made with."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pytest

from services.assignment.sessions import (
    ResponderSession,
    ResponderSessions,
    SessionPolicy,
    SessionRepository,
    console_binding,
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


@dataclass
class Crew:
    """BCR-1's key in force, and its sessions on a clock the test moves."""

    key: str
    keys: Keys
    clock: Clock
    sessions: ResponderSessions
    repository: InMemorySessions

    def sign_in(self) -> str:
        signed_in = self.sessions.sign_in(self.key)
        assert signed_in is not None
        return signed_in.token

    def signed_in(self, token: str) -> bool:
        return self.sessions.principal_for(token) is not None


@pytest.fixture
def crew(keys: Keys) -> Crew:
    key, clock = new_token(Role.responder), Clock()
    keys.write(bcr1=(key, Role.responder, "BCR-1"))
    return Crew(key, keys, clock, *sessions_with(keys, clock))


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


def test_signing_out_ends_the_session(crew: Crew) -> None:
    token = crew.sign_in()
    crew.sessions.sign_out(token)
    assert not crew.signed_in(token)
    assert crew.repository.rows == {}


def test_revoking_the_key_ends_every_session_made_with_it(crew: Crew) -> None:
    other = new_token(Role.responder)
    crew.keys.write(bcr1=(crew.key, Role.responder, "BCR-1"),
                    p331=(other, Role.responder, "P3-31"))
    phones = [crew.sign_in(), crew.sign_in()]
    kept = crew.sessions.sign_in(other)
    assert kept is not None
    crew.keys.write(p331=(other, Role.responder, "P3-31"))  # BCR-1's key revoked
    assert not any(crew.signed_in(phone) for phone in phones)
    assert crew.signed_in(kept.token)
    assert list(crew.repository.rows) == [token_digest(kept.token)]


def test_a_key_rebound_to_another_unit_ends_its_sessions(crew: Crew) -> None:
    token = crew.sign_in()
    crew.keys.write(bcr1=(crew.key, Role.responder, "BCR-2"))
    assert not crew.signed_in(token)


def test_a_session_ends_after_its_lifetime_however_busy(crew: Crew) -> None:
    token = crew.sign_in()
    for _ in range(int(POLICY.max_age_s // 600) - 1):
        crew.clock.advance(600)
        assert crew.signed_in(token)
    crew.clock.advance(600)
    assert not crew.signed_in(token)


def test_a_session_left_unused_ends_after_the_idle_timeout(crew: Crew) -> None:
    token = crew.sign_in()
    crew.clock.advance(POLICY.idle_timeout_s - 1)
    assert crew.signed_in(token)  # used: the idle time starts again
    crew.clock.advance(POLICY.idle_timeout_s - 1)
    assert crew.signed_in(token)
    crew.clock.advance(POLICY.idle_timeout_s)
    assert not crew.signed_in(token)


def test_use_close_to_the_last_is_not_written_again(crew: Crew) -> None:
    token = crew.sign_in()
    for _ in range(5):
        crew.clock.advance(1)
        assert crew.signed_in(token)
    assert crew.repository.touches == 0
    crew.clock.advance(POLICY.touch_every_s)
    assert crew.signed_in(token)
    assert crew.repository.touches == 1


def test_signing_in_forgets_sessions_that_have_ended(crew: Crew) -> None:
    crew.sign_in()
    crew.clock.advance(POLICY.idle_timeout_s + 1)
    fresh = crew.sign_in()
    assert list(crew.repository.rows) == [token_digest(fresh)]


def test_console_sessions_admit_floor_keys_only_and_end_when_the_key_changes_role(
        keys: Keys) -> None:
    dispatcher, clinician, responder, cad = (new_token(r) for r in (
        Role.dispatcher, Role.clinician, Role.responder, Role.cad))
    keys.write(d=(dispatcher, Role.dispatcher, None), c=(clinician, Role.clinician, None),
               r=(responder, Role.responder, "BCR-1"), cad=(cad, Role.cad, None))
    repository, clock = InMemorySessions(), Clock()
    console = ResponderSessions(repository, keys.store, POLICY, clock,
                                binding=console_binding)
    crews = ResponderSessions(repository, keys.store, POLICY, clock)
    assert console.sign_in(responder) is None and console.sign_in(cad) is None
    assert crews.sign_in(dispatcher) is None
    by_clinician = console.sign_in(clinician)
    signed_in = console.sign_in(dispatcher)
    assert signed_in is not None and by_clinician is not None
    principal = console.principal_for(signed_in.token)
    assert principal is not None and principal.role == Role.dispatcher
    # The key becomes a responder's: the console's session ends with it.
    keys.write(d=(dispatcher, Role.responder, "BCR-1"), c=(clinician, Role.clinician, None))
    assert console.principal_for(signed_in.token) is None
    assert console.principal_for(by_clinician.token) is not None
