"""Responder page sessions: what signing in with a unit's API key gives the page.

The page never keeps the key. Signing in creates a session named by a random token; the
cookie holds only that token, and the store holds only the token's digest, the digest
of the key it was made with, the unit, and when it was made and last used. A session
ends when it is signed out, when it is older than the policy's lifetime or unused for
longer than its idle timeout, and as soon as its key is revoked (the key file no longer
holds the key's digest) or bound to another unit or role.

Everything here is plain code over a :class:`SessionRepository` (the SQL one is
:mod:`services.assignment.session_store`; tests use an in-memory one) and an injected
clock.
"""

from __future__ import annotations

import abc
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from shared.auth import Principal, Role, token_digest


@dataclass(frozen=True)
class ResponderSession:
    """One signed-in page, as stored (never its token, only the token's digest)."""

    token_digest: str
    key_digest: str
    unit_id: str  # the unit, or CONSOLE_BINDING for the floor's console
    created_at: float
    last_seen_at: float


@dataclass(frozen=True)
class SessionPolicy:
    """How long a session lives: ``max_age_s`` after sign-in at most, and no longer than
    ``idle_timeout_s`` after its last use."""

    max_age_s: float
    idle_timeout_s: float

    @property
    def touch_every_s(self) -> float:
        """Last use is written at most this often: a write on every request of every page
        would take the store's write lock for nothing. Within a tenth of the idle timeout
        (a minute at most), a session ends at most that much later than it would."""
        return min(60.0, self.idle_timeout_s / 10)


class SessionRepository(abc.ABC):
    @abc.abstractmethod
    def add(self, session: ResponderSession) -> None: ...

    @abc.abstractmethod
    def get(self, token_digest: str) -> ResponderSession | None: ...

    @abc.abstractmethod
    def touch(self, token_digest: str, at: float) -> None:
        """Record a use of the session at ``at``."""

    @abc.abstractmethod
    def delete(self, token_digest: str) -> None: ...

    @abc.abstractmethod
    def delete_ended(self, created_before: float, seen_before: float) -> None:
        """Forget every session made before ``created_before`` or last used before
        ``seen_before``."""


class KeyLookup(Protocol):
    """The API keys in force now (shared.auth.KeyStore)."""

    def authenticate(self, token: str) -> Principal | None: ...

    def by_digest(self, digest: str) -> Principal | None: ...


def session_ended(session: ResponderSession, now: float, policy: SessionPolicy) -> bool:
    return (now - session.created_at >= policy.max_age_s
            or now - session.last_seen_at >= policy.idle_timeout_s)


def responder_binding(principal: Principal) -> str | None:
    """A responder page's session is bound to the key's unit."""
    return principal.unit_id if principal.role == Role.responder and principal.unit_id else None


# Not a unit id (those start with a letter or digit): console sessions share the table.
CONSOLE_BINDING = "~floor"


def console_binding(principal: Principal) -> str | None:
    """The 911 floor's console: a dispatcher's or a clinician's key."""
    return CONSOLE_BINDING if principal.role in (Role.dispatcher, Role.clinician) else None


Binding = Callable[[Principal], str | None]


def still_bound(session: ResponderSession, principal: Principal | None,
                binding: Binding = responder_binding) -> bool:
    """The key the session was made with is still in force, bound as it was (the same
    unit, or still a floor key)."""
    return principal is not None and binding(principal) == session.unit_id


def new_session_token() -> str:
    return f"rr_session_{secrets.token_urlsafe(32)}"


@dataclass(frozen=True)
class SignedIn:
    token: str  # for the cookie, and nowhere else
    principal: Principal


class ResponderSessions:
    """Sign in, look up and sign out page sessions. Methods block on the repository."""

    def __init__(self, repository: SessionRepository, keys: KeyLookup, policy: SessionPolicy,
                 clock: Callable[[], float], binding: Binding = responder_binding) -> None:
        """``binding``: what a key's session is bound to (None: the key may not sign in
        here); a responder's unit by default, :func:`console_binding` for the console."""
        self.repository, self.keys, self.policy, self.clock = repository, keys, policy, clock
        self.binding = binding
        self.for_console = binding is console_binding

    def sign_in(self, api_key: str) -> SignedIn | None:
        """A new session for a key the binding admits (a responder key bound to a unit),
        or None for any other key."""
        principal = self.keys.authenticate(api_key)
        bound_to = None if principal is None else self.binding(principal)
        if principal is None or bound_to is None:
            return None
        now = self.clock()
        self.repository.delete_ended(now - self.policy.max_age_s,
                                     now - self.policy.idle_timeout_s)
        token = new_session_token()
        self.repository.add(ResponderSession(
            token_digest=token_digest(token), key_digest=token_digest(api_key),
            unit_id=bound_to, created_at=now, last_seen_at=now))
        return SignedIn(token, principal)

    def principal_for(self, token: str) -> Principal | None:
        """Who the session ``token`` names is signed in as, or None once it has ended
        (an ended or revoked session is forgotten here)."""
        digest = token_digest(token)
        session = self.repository.get(digest)
        # The console's and the crews' sessions share the store: one presented to the
        # other's routes is not theirs to end.
        if session is None or (session.unit_id == CONSOLE_BINDING) != self.for_console:
            return None
        now = self.clock()
        principal = self.keys.by_digest(session.key_digest)
        if (session_ended(session, now, self.policy)
                or not still_bound(session, principal, self.binding)):
            self.repository.delete(digest)
            return None
        if now - session.last_seen_at >= self.policy.touch_every_s:
            self.repository.touch(digest, now)
        return principal

    def sign_out(self, token: str) -> None:
        self.repository.delete(token_digest(token))
