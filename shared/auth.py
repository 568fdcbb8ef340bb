"""Bearer-token authentication and roles, shared by every service.

Tokens are random and high-entropy, so a SHA-256 digest is enough to store them: the key
file holds only digests, never a token. The file is re-read when it changes, so keys can
be added, rotated or revoked without a restart.

Roles across the product: ``cad`` (bound to an agency), ``dispatcher`` and ``clinician``
(people on the 911 floor, bound to an agency like ``cad``: they confirm, override or
resolve assignment's decisions), ``responder`` (bound to one unit), ``auditor``,
``admin``, ``public``, and ``metrics`` (the scraper's: ``GET /metrics`` and nothing else).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import secrets
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, Protocol

from fastapi import Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

log = logging.getLogger(__name__)


class Role(StrEnum):
    cad = "cad"
    dispatcher = "dispatcher"  # a 911 dispatcher on the floor, bound to an agency
    clinician = "clinician"  # a mental-health professional on the floor, bound to an agency
    responder = "responder"
    auditor = "auditor"
    admin = "admin"
    public = "public"
    metrics = "metrics"  # reads /metrics and nothing else: the scraper's credential


@dataclass(frozen=True)
class Principal:
    """Who is calling: the role, and the agency or unit the key is bound to."""

    key_id: str
    role: Role
    agency: str | None = None
    unit_id: str | None = None


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_token(role: Role) -> str:
    return f"rr_{role.value}_{secrets.token_urlsafe(32)}"


def _parse_keys(text: str) -> dict[str, Principal]:
    """The principals of a key file's text by token digest; ValueError if malformed."""
    data = json.loads(text)
    entries = data.get("keys", []) if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise ValueError("the key file is not an object with a list of keys")
    keys = {}
    for entry in entries:
        if not isinstance(entry, dict):
            raise ValueError("a key entry is not an object")
        digest, key_id = entry.get("token_sha256"), entry.get("key_id")
        agency, unit_id = entry.get("agency"), entry.get("unit_id")
        if not isinstance(digest, str) or not isinstance(key_id, str) or not all(
                value is None or isinstance(value, str) for value in (agency, unit_id)):
            raise ValueError("a key entry lacks a digest or key id, or has a wrong type")
        keys[digest] = Principal(key_id=key_id, role=Role(str(entry.get("role"))),
                                 agency=agency, unit_id=unit_id)
    return keys


class KeyStore:
    """Digests of valid tokens, read from a JSON file and re-read when the file changes.

    A file that cannot be read or is malformed (a half-edited rotation) changes nothing:
    the keys read before stay in force and the fault is logged, never a token or digest.
    While no good key set has been read since the file appeared, :attr:`unusable` is true
    and requests are refused with 503 (the keys, not the caller, are at fault).
    """

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._mtime: int | None = None
        self._keys: dict[str, Principal] = {}
        self._loaded = False  # a good key set has been read
        self.unusable = False

    def _reload_if_changed(self) -> None:
        if self.path is None:
            return
        try:
            mtime = self.path.stat().st_mtime_ns
        except FileNotFoundError:
            self._keys, self._mtime, self.unusable = {}, None, False
            return
        if mtime == self._mtime:
            return
        with self._lock:
            if mtime == self._mtime:
                return
            try:
                keys = _parse_keys(self.path.read_text())
            except (OSError, ValueError) as exc:  # JSONDecodeError, UnicodeDecodeError too
                self._mtime = mtime  # read again once the file changes again
                self.unusable = not self._loaded
                log.error(
                    "API key file unreadable or malformed; %s", "keeping the keys read "
                    "before" if self._loaded else "refusing every request until it is fixed",
                    # Keys in force in count; the reason is the exception's type only, as
                    # its message may quote the file.
                    extra={"path": str(self.path), "reason": type(exc).__name__,
                           "count": len(self._keys)})
                return
            self._keys, self._mtime = keys, mtime
            self._loaded, self.unusable = True, False

    def authenticate(self, token: str) -> Principal | None:
        return self.by_digest(token_digest(token))

    def by_digest(self, digest: str) -> Principal | None:
        """The principal of the key with this digest while the key is in force: what a
        session made with the key checks, so revoking the key ends the session too."""
        self._reload_if_changed()
        return self._keys.get(digest)

    def __len__(self) -> int:
        self._reload_if_changed()
        return len(self._keys)


def write_key_file(path: Path, entries: Iterable[dict[str, Any]]) -> None:
    """Write a key file (digests only) atomically, readable by its owner alone."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps({"keys": list(entries)}, indent=2))
    os.chmod(tmp, 0o600)
    tmp.replace(path)


def key_entry(token: str, key_id: str, role: Role, *, agency: str | None = None,
              unit_id: str | None = None) -> dict[str, Any]:
    return {"key_id": key_id, "role": role.value, "agency": agency, "unit_id": unit_id,
            "token_sha256": token_digest(token)}


def generate_dev_credentials(
    credentials_file: Path, key_file: Path, unit_ids: Iterable[str], agency: str = "default"
) -> dict[str, Any]:
    """Development tokens: plaintext for the user (mode 600), digests for the services."""
    cad, dispatcher, clinician, auditor, admin, public, metrics = (
        new_token(r) for r in (Role.cad, Role.dispatcher, Role.clinician, Role.auditor,
                               Role.admin, Role.public, Role.metrics))
    responders = {unit_id: new_token(Role.responder) for unit_id in unit_ids}
    entries = [
        key_entry(cad, "dev-cad", Role.cad, agency=agency),
        key_entry(dispatcher, "dev-dispatcher", Role.dispatcher, agency=agency),
        key_entry(clinician, "dev-clinician", Role.clinician, agency=agency),
        key_entry(auditor, "dev-auditor", Role.auditor),
        key_entry(admin, "dev-admin", Role.admin),
        key_entry(public, "dev-public", Role.public),
        key_entry(metrics, "dev-metrics", Role.metrics),
        *(key_entry(t, f"dev-responder-{u}", Role.responder, unit_id=u)
          for u, t in responders.items()),
    ]
    write_key_file(key_file, entries)
    credentials = {"cad": cad, "dispatcher": dispatcher, "clinician": clinician,
                   "auditor": auditor, "admin": admin, "public": public,
                   "metrics": metrics, "responders": responders}
    credentials_file.parent.mkdir(parents=True, exist_ok=True)
    tmp = credentials_file.with_suffix(".tmp")
    tmp.write_text(json.dumps(credentials, indent=2))
    os.chmod(tmp, 0o600)
    tmp.replace(credentials_file)
    return credentials


_bearer = HTTPBearer(auto_error=False, description="A RightResponse API key.")


def get_key_store(request: Request) -> KeyStore:
    store: KeyStore = request.app.state.key_store
    return store


# The responder page signs in once with its key and then holds only a session token, in
# this HttpOnly, SameSite=Strict cookie, because EventSource cannot send headers; a token
# in a URL would reach logs. The service that issues the sessions resolves the cookie
# (app.state.cookie_sessions, a CookieSessions).
RESPONDER_COOKIE = "rr_responder"
# The 911 floor's console page does the same with a dispatcher's or clinician's key; its
# sessions resolve through app.state.console_sessions.
CONSOLE_COOKIE = "rr_console"


class CookieSessions(Protocol):
    async def principal_for_cookie(self, request: Request, token: str) -> Principal:
        """Who the page session ``token`` is signed in as; raises HTTPException (401 once
        the session has ended, 403 for a request from another site)."""
        ...


def _principal(request: Request, token: str | None) -> Principal:
    if not token:
        raise HTTPException(401, "Missing bearer token in the Authorization header",
                            headers={"WWW-Authenticate": "Bearer"})
    store = get_key_store(request)
    principal = store.authenticate(token)
    if principal is None and store.unusable:
        raise HTTPException(503, "API keys cannot be read on this instance; retry later",
                            headers={"Retry-After": "5"})
    if principal is None:
        raise HTTPException(401, "Invalid or revoked API key",
                            headers={"WWW-Authenticate": 'Bearer error="invalid_token"'})
    request.state.principal = principal
    return principal


def bearer_token(authorization: str | None) -> str | None:
    """The token of an ``Authorization`` header value ``Bearer <token>`` (the scheme in
    any case), or None: read as FastAPI's HTTPBearer reads it, for code that answers
    requests without FastAPI too."""
    scheme, _, token = (authorization or "").partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        return None
    return token


# The routes depend on ``_bearer`` so that OpenAPI documents the bearer scheme; the
# token itself is read by :func:`bearer_token`, the one parser of the header.
async def authenticated(
    request: Request,
    _: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Principal:
    """The caller by bearer token, or 401."""
    return _principal(request, bearer_token(request.headers.get("Authorization")))


def cookie_authentication(cookie_name: str, sessions_attr: str) -> Any:
    """A dependency: the caller by bearer token or by the page session in the cookie
    ``cookie_name``, resolved by ``app.state.<sessions_attr>`` (a CookieSessions)."""

    async def authenticated_by_page(
        request: Request,
        _: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
    ) -> Principal:
        token = bearer_token(request.headers.get("Authorization"))
        cookie = request.cookies.get(cookie_name)
        sessions: CookieSessions | None = getattr(request.app.state, sessions_attr, None)
        if token is not None or not cookie or sessions is None:
            return _principal(request, token)
        principal = await sessions.principal_for_cookie(request, cookie)
        request.state.principal = principal
        return principal

    return authenticated_by_page


# The responder page's crew, and the 911 floor's console.
authenticated_crew = cookie_authentication(RESPONDER_COOKIE, "cookie_sessions")
authenticated_floor = cookie_authentication(CONSOLE_COOKIE, "console_sessions")


class RoleRequirement:
    """A dependency that lets only the given roles through (403 for the others).

    A class rather than a closure so the security tests can read which roles each
    route allows straight from the app's routes. With ``own_unit``, a responder passes
    only for the unit named in the path (``{unit_id}``).
    """

    def __init__(self, roles: Iterable[Role], *, own_unit: bool = False) -> None:
        self.allowed = frozenset(roles)
        self.own_unit = own_unit

    def permits(self, principal: Principal) -> bool:
        """The principal's role is one of the allowed (``own_unit`` is checked apart)."""
        return principal.role in self.allowed

    def owns(self, principal: Principal, unit_id: str | None) -> bool:
        """With ``own_unit``: a responder is this unit's crew (other roles always pass)."""
        return (not self.own_unit or principal.role != Role.responder
                or principal.unit_id == unit_id)

    def allows(self, principal: Principal, unit_id: str | None) -> bool:
        """What :meth:`check` decides for the unit ``unit_id``, without a request."""
        return self.permits(principal) and self.owns(principal, unit_id)

    def check(self, request: Request, principal: Principal) -> Principal:
        if not self.permits(principal):
            raise HTTPException(
                403, f"Role {principal.role.value} may not do this; needs one of: "
                + ", ".join(sorted(r.value for r in self.allowed)))
        if not self.owns(principal, request.path_params.get("unit_id")):
            raise HTTPException(403, "Only this unit's own crew or an admin may do this")
        return principal

    async def __call__(
        self, request: Request, principal: Annotated[Principal, Depends(authenticated)]
    ) -> Principal:
        return self.check(request, principal)


class CrewRoleRequirement(RoleRequirement):
    """A :class:`RoleRequirement` that also accepts the responder page's session cookie."""

    async def __call__(
        self, request: Request, principal: Annotated[Principal, Depends(authenticated_crew)]
    ) -> Principal:
        return self.check(request, principal)


class FloorRoleRequirement(RoleRequirement):
    """A :class:`RoleRequirement` that also accepts the console's session cookie."""

    async def __call__(
        self, request: Request, principal: Annotated[Principal, Depends(authenticated_floor)]
    ) -> Principal:
        return self.check(request, principal)


def require(*roles: Role, own_unit: bool = False) -> RoleRequirement:
    """Only these roles may call the route."""
    return RoleRequirement(roles, own_unit=own_unit)


def require_crew(*roles: Role, own_unit: bool = False) -> CrewRoleRequirement:
    """Only these roles, by bearer token or responder session cookie."""
    return CrewRoleRequirement(roles, own_unit=own_unit)


def require_floor(*roles: Role) -> FloorRoleRequirement:
    """Only these roles, by bearer token or the console's session cookie."""
    return FloorRoleRequirement(roles)
