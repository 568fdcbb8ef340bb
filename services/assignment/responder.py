"""The responder page: a phone-sized view of the crew's current call, with its buttons.

The page signs in with the unit's API key once (a form); the key then rides in an
HttpOnly, SameSite=Strict cookie, because EventSource cannot send headers and a key in
the URL would be written to logs and browser history.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, HTTPException, Request, Response
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, Field

from services.assignment.deps import SESSION_COOKIE, CrewDep
from shared.auth import Role, get_key_store

router = APIRouter(tags=["responder"])
PAGE = (Path(__file__).parent / "static" / "responder.html").read_text()


class SignIn(BaseModel):
    token: str = Field(min_length=10, max_length=400, description="The unit's API key.")


class SignedIn(BaseModel):
    unit_id: str


@router.get("/responder", response_class=HTMLResponse, include_in_schema=False)
def responder_page() -> HTMLResponse:
    """The responder page."""
    return HTMLResponse(PAGE, headers={
        "Cache-Control": "no-store",
        "Content-Security-Policy": "default-src 'self'; script-src 'self' 'unsafe-inline'; "
                                   "style-src 'self' 'unsafe-inline'; frame-ancestors 'none'",
        "Referrer-Policy": "no-referrer",
    })


@router.post("/responder/session", response_model=SignedIn)
def sign_in(body: SignIn, request: Request, response: Response) -> SignedIn:
    """Exchange a unit's API key for a short-lived page cookie."""
    principal = get_key_store(request).authenticate(body.token)
    if principal is None or principal.role != Role.responder or not principal.unit_id:
        raise HTTPException(401, "Not a responder key")
    response.set_cookie(
        SESSION_COOKIE, body.token, max_age=request.app.state.settings.session_max_age_s,
        httponly=True, samesite="strict", secure=request.url.scheme == "https", path="/")
    return SignedIn(unit_id=principal.unit_id)


@router.get("/responder/me", response_model=SignedIn)
def who_am_i(principal: CrewDep) -> SignedIn:
    """The unit the page is signed in for."""
    if principal.unit_id is None:
        raise HTTPException(403, "Not a responder key")
    return SignedIn(unit_id=principal.unit_id)


@router.post("/responder/logout", status_code=204)
def sign_out(response: Response) -> Response:
    """Forget the page cookie."""
    response.delete_cookie(SESSION_COOKIE, path="/")
    response.status_code = 204
    return response
