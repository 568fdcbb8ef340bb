"""The responder page: a phone-sized view of the crew's current call, with its buttons.

The page signs in with the unit's API key once (a form) and gets a session in exchange:
the key is never kept, the cookie holds only the session's token
(services/assignment/sessions.py, page_sessions.py). EventSource cannot send headers,
and a key in the URL would be written to logs and browser history.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from fastapi import APIRouter, HTTPException, Request, Response
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, Field

from services.assignment.deps import OwnCrewDep, ResponderSessionsDep
from services.assignment.page_sessions import (
    clear_session_cookie,
    refuse_cross_site,
    set_session_cookie,
)
from shared.auth import RESPONDER_COOKIE

router = APIRouter(tags=["responder"])
PAGE = (Path(__file__).parent / "static" / "responder.html").read_text()


class SignIn(BaseModel):
    token: str = Field(min_length=10, max_length=400, description="The unit's API key.")


class SignedIn(BaseModel):
    unit_id: str


PAGE_HEADERS = {
    "Cache-Control": "no-store",
    "Content-Security-Policy": "default-src 'self'; script-src 'self' 'unsafe-inline'; "
                               "style-src 'self' 'unsafe-inline'; frame-ancestors 'none'",
    "Referrer-Policy": "no-referrer",
}


@router.get("/responder", response_class=HTMLResponse, include_in_schema=False)
def responder_page() -> HTMLResponse:
    """The responder page."""
    return HTMLResponse(PAGE, headers=PAGE_HEADERS)


@router.post("/responder/session", response_model=SignedIn)
async def sign_in(body: SignIn, request: Request, response: Response,
                  sessions: ResponderSessionsDep) -> SignedIn:
    """Exchange a unit's API key for a page session (a cookie for the unit's routes)."""
    refuse_cross_site(request)  # no other site signs a browser in to a unit of its choice
    signed_in = await asyncio.to_thread(sessions.sign_in, body.token)
    if signed_in is None:
        raise HTTPException(401, "Not a responder key")
    unit_id = signed_in.principal.unit_id
    assert unit_id is not None  # sign_in admits only keys bound to a unit
    set_session_cookie(response, request, signed_in.token, unit_id,
                       request.app.state.settings.session_max_age_s)
    return SignedIn(unit_id=unit_id)


@router.get("/v1/units/{unit_id}/session", response_model=SignedIn)
def who_am_i(unit_id: str, _: OwnCrewDep) -> SignedIn:
    """The page is still signed in for this unit (401 once its session has ended)."""
    return SignedIn(unit_id=unit_id)


@router.delete("/v1/units/{unit_id}/session", status_code=204)
async def sign_out(unit_id: str, request: Request, response: Response, _: OwnCrewDep,
                   sessions: ResponderSessionsDep) -> Response:
    """End the page's session: its cookie is worthless from now on, on every instance."""
    token = request.cookies.get(RESPONDER_COOKIE)
    if token:
        await asyncio.to_thread(sessions.sign_out, token)
    clear_session_cookie(response, request, unit_id)
    response.status_code = 204
    return response
