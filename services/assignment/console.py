"""The 911 floor's console: a page for dispatchers and clinicians with the live queue of
calls waiting for them, and the routes behind it.

Signed in like the responder page (services/assignment/responder.py): the key is
exchanged once for an opaque server-side session, whose token alone is in an HttpOnly,
SameSite=Strict cookie for the floor's routes; a request the cookie authenticates that
changes something must come from the page's own origin (page_sessions.py).
"""

from __future__ import annotations

import asyncio
from datetime import datetime
from pathlib import Path
from typing import Any

from fastapi import APIRouter, HTTPException, Request, Response
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, Field

from services.assignment.deps import (
    ConsoleSessionsDep,
    DispatcherDep,
    FloorDep,
    FloorPeopleDep,
)
from services.assignment.feed import FeedTiming, HeldStream, StreamSlots, queue_events
from services.assignment.floor_api import DecisionView
from services.assignment.page_sessions import (
    clear_console_cookie,
    current_principal,
    refuse_cross_site,
    set_console_cookie,
)
from services.assignment.responder import PAGE_HEADERS
from shared.auth import CONSOLE_COOKIE, Role

router = APIRouter(tags=["the 911 floor"])
PAGE = (Path(__file__).parent / "static" / "console.html").read_text()


class ConsoleSignIn(BaseModel):
    token: str = Field(min_length=10, max_length=400,
                       description="A dispatcher's or clinician's API key.")


class ConsoleUser(BaseModel):
    key_id: str = Field(examples=["dev-dispatcher"])
    role: Role = Field(examples=["dispatcher"])
    agency: str | None = Field(default=None, examples=["default"])


class QueuedDecision(DecisionView):
    reason_words: list[str] = Field(description="The reasons in words, each with the "
                                    "text that fired it.",
                                    examples=[["bh: distress no risk (\u201cupset\u201d)"]])
    safety_words: list[str] = Field(description="The safety flags in words.",
                                    examples=[["A weapon was mentioned"]])


class FloorQueue(BaseModel):
    now: datetime = Field(description="The service's time, for the page's timers.")
    calls: list[QueuedDecision] = Field(description="Calls awaiting confirmation, held for "
                                      "a call-back or waiting for a free crisis team, most "
                                      "urgent first (priority, then deadline).")
    reason_codes: list[str] = Field(description="The policy's reason codes.")
    outcome_codes: list[str] = Field(description="The policy's outcomes of a call "
                                     "resolved by phone.")
    max_hold_s: float = Field(description="The latest call-back, in seconds from now.")
    unit_types: list[str] = Field(description="The unit types an override may send.")


def _user(principal: Any) -> ConsoleUser:
    return ConsoleUser(key_id=principal.key_id, role=principal.role, agency=principal.agency)


@router.get("/console", response_class=HTMLResponse, include_in_schema=False)
def console_page() -> HTMLResponse:
    """The console page."""
    return HTMLResponse(PAGE, headers=PAGE_HEADERS)


@router.post("/console/session", response_model=ConsoleUser)
async def console_sign_in(body: ConsoleSignIn, request: Request, response: Response,
                          sessions: ConsoleSessionsDep) -> ConsoleUser:
    """Exchange a dispatcher's or clinician's API key for a console session (a cookie for
    the floor's routes)."""
    refuse_cross_site(request)
    signed_in = await asyncio.to_thread(sessions.sign_in, body.token)
    if signed_in is None:
        raise HTTPException(401, "Not a dispatcher's or clinician's key")
    set_console_cookie(response, request, signed_in.token,
                       request.app.state.settings.session_max_age_s)
    return _user(signed_in.principal)


@router.get("/v1/floor/session", response_model=ConsoleUser)
def console_who_am_i(principal: FloorPeopleDep) -> ConsoleUser:
    """Who the console is signed in as (401 once its session has ended)."""
    return _user(principal)


@router.delete("/v1/floor/session", status_code=204)
async def console_sign_out(request: Request, response: Response, _: FloorPeopleDep,
                           sessions: ConsoleSessionsDep) -> Response:
    """End the console's session: its cookie is worthless from now on, on every
    instance."""
    token = request.cookies.get(CONSOLE_COOKIE)
    if token:
        await asyncio.to_thread(sessions.sign_out, token)
    clear_console_cookie(response, request)
    response.status_code = 204
    return response


@router.get("/v1/floor/queue", response_model=FloorQueue)
async def get_floor_queue(dispatcher: DispatcherDep, principal: FloorDep) -> dict[str, Any]:
    """The calls waiting for the floor now (a key bound to an agency sees its own)."""
    return await asyncio.to_thread(dispatcher.floor_queue, principal)


@router.get("/v1/floor/queue/stream", responses={200: {"content": {"text/event-stream": {}}}})
async def floor_queue_stream(request: Request, dispatcher: DispatcherDep,
                             principal: FloorDep) -> HeldStream:
    """The floor's queue as Server-Sent Events: event ``queue`` with the whole queue (as
    GET /v1/floor/queue) at once and whenever it changes. The stream ends (event
    ``signed-out``) once its key is revoked or its console session ends; one stream more
    than the key's limit on an instance gets 429."""
    state = request.app.state
    slots: StreamSlots = state.console_stream_slots
    holder = f"floor:{principal.key_id}"
    if not slots.take(holder):
        raise HTTPException(429, f"{slots.per_unit} live queues are open for this key; "
                                 "close one first", headers={"Retry-After": "5"})

    async def read_queue() -> dict[str, Any]:
        return await asyncio.to_thread(dispatcher.floor_queue, principal)

    async def still_allowed() -> bool:
        now = await current_principal(request, state.console_sessions_store, CONSOLE_COOKIE)
        return now is not None and now.role == principal.role

    events = queue_events(
        read_queue=read_queue, still_allowed=still_allowed,
        disconnected=request.is_disconnected, clock=state.clock,
        timing=FeedTiming(poll_s=state.settings.feed_poll_s,
                          recheck_s=state.settings.stream_recheck_s))
    return HeldStream(events, slots, holder, media_type="text/event-stream",
                      headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"})
