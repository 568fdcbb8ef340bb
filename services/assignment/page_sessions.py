"""The responder page's session at the HTTP edge: its cookie, the same-origin rule for
requests the cookie authenticates, and looking the session up again while a stream
outlives the request that opened it.

The cookie holds only the session token (services/assignment/sessions.py). It is
HttpOnly, SameSite=Strict, scoped to the unit's own routes (``/v1/units/<unit>``), and
Secure whenever the request came over TLS: straight to this service, or through a proxy
named in ``RR_TRUSTED_PROXIES`` (its X-Forwarded-Proto is believed, nobody else's).
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping

from fastapi import HTTPException, Request, Response

from services.assignment.sessions import ResponderSessions
from shared.auth import (
    CONSOLE_COOKIE,
    RESPONDER_COOKIE,
    Principal,
    bearer_token,
    get_key_store,
)

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# Sec-Fetch-Site values of a request the page itself made (or the user typed).
OWN_FETCHES = frozenset({"same-origin", "none"})
CONSOLE_COOKIE_PATH = "/v1"


def cookie_path(unit_id: str) -> str:
    # Unit ids are letters, digits, '-', '_' and '.' (store.UNIT_ID_PATTERN): safe in a path.
    return f"/v1/units/{unit_id}"


def own_origin(request: Request) -> str:
    """This service's origin as the browser sees it (the scheme a trusted proxy forwarded,
    the Host the browser sent)."""
    return f"{request.url.scheme}://{request.url.netloc}".lower()


def cross_site_reason(method: str, headers: Mapping[str, str], origin_here: str
                      ) -> str | None:
    """Why a browser request that changes something must be refused as coming from
    another site, or None.

    Sec-Fetch-Site, when sent, decides: only the browser sets it, and it needs no idea of
    this service's own address (a proxy in front may rewrite the Host). Else the Origin
    must be this service's own. A request with neither (a client that is not a browser,
    or an old one) passes: SameSite=Strict already keeps the cookie from other sites'
    requests in any browser that sends neither."""
    if method.upper() in SAFE_METHODS:
        return None
    fetch_site = headers.get("sec-fetch-site")
    if fetch_site is not None:
        if fetch_site.lower() in OWN_FETCHES:
            return None
        return f"a request from another site (Sec-Fetch-Site: {fetch_site[:20]})"
    origin = headers.get("origin")
    if origin is not None and origin.lower() != origin_here:
        return "a request from another origin"
    return None


def refuse_cross_site(request: Request) -> None:
    reason = cross_site_reason(request.method, request.headers, own_origin(request))
    if reason is not None:
        raise HTTPException(403, f"Refused {reason}: the page only accepts changes made "
                                 "from its own page")


def set_session_cookie(response: Response, request: Request, token: str, unit_id: str,
                       max_age_s: int) -> None:
    response.set_cookie(RESPONDER_COOKIE, token, max_age=max_age_s, path=cookie_path(unit_id),
                        httponly=True, samesite="strict",
                        secure=request.url.scheme == "https")


def set_console_cookie(response: Response, request: Request, token: str, max_age_s: int
                       ) -> None:
    """The console's cookie goes to the floor's routes (/v1), never to a unit's page."""
    response.set_cookie(CONSOLE_COOKIE, token, max_age=max_age_s, path=CONSOLE_COOKIE_PATH,
                        httponly=True, samesite="strict",
                        secure=request.url.scheme == "https")


def clear_console_cookie(response: Response, request: Request) -> None:
    response.delete_cookie(CONSOLE_COOKIE, path=CONSOLE_COOKIE_PATH, httponly=True,
                           samesite="strict", secure=request.url.scheme == "https")


def clear_session_cookie(response: Response, request: Request, unit_id: str) -> None:
    response.delete_cookie(RESPONDER_COOKIE, path=cookie_path(unit_id), httponly=True,
                           samesite="strict", secure=request.url.scheme == "https")


class PageSessions:
    """Resolves the page's cookie for shared.auth (app.state.cookie_sessions)."""

    def __init__(self, sessions: ResponderSessions) -> None:
        self.sessions = sessions

    async def principal_for_cookie(self, request: Request, token: str) -> Principal:
        refuse_cross_site(request)
        principal = await asyncio.to_thread(self.sessions.principal_for, token)
        if principal is None:
            raise HTTPException(401, "The page's session has ended; sign in again",
                                headers={"WWW-Authenticate": "Bearer"})
        return principal


async def current_principal(request: Request, sessions: ResponderSessions,
                            cookie_name: str = RESPONDER_COOKIE) -> Principal | None:
    """Who the request's credential names now, taken as at the request's start (the bearer
    key first, else the page's session): None once the key is revoked or the session has
    ended. For a stream, which outlives its request's authentication."""
    token = bearer_token(request.headers.get("Authorization"))
    if token is not None:
        return get_key_store(request).authenticate(token)
    cookie = request.cookies.get(cookie_name)
    if cookie is None:
        return None
    return await asyncio.to_thread(sessions.principal_for, cookie)
