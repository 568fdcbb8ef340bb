"""Assignment's routes: the roster (admins), unit status and the live feed (crews)."""

from __future__ import annotations

import asyncio
from typing import Any

from fastapi import APIRouter, Header, HTTPException, Query, Request
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, Field
from sqlmodel import select

from services.assignment.crews import StatusConflict, UnitNotFound
from services.assignment.deps import (
    UNIT_CREW,
    AdminDep,
    AdminOrAuditorDep,
    DispatcherDep,
    SessionDep,
    UnitCrewDep,
)
from services.assignment.feed import FeedTiming, HeldStream, StreamSlots, assignment_events
from services.assignment.page_sessions import current_principal
from services.assignment.roster import UnitExists
from services.assignment.status_route import (
    StatusChanged,
    StatusReport,
    StatusReportRoute,
    apply_report,
)
from services.assignment.store import FeedEntry, Unit, UnitCreate, UnitPublic, UnitUpdate
from shared.events import UnitStatus

router = APIRouter(prefix="/v1", tags=["units"])


class CurrentAssignment(BaseModel):
    unit_id: str
    status: UnitStatus
    assignment: dict[str, Any] | None = Field(
        description="The call the unit holds, as its crew sees it; null when free.")
    last_event_id: int = Field(description="Resume the stream after this id.")


def _not_found(unit_id: str) -> HTTPException:
    return HTTPException(404, f"No unit {unit_id!r} on the roster")


@router.get("/units", response_model=list[UnitPublic])
def list_units(session: SessionDep, _: AdminOrAuditorDep) -> list[Unit]:
    """The roster with each unit's status."""
    return list(session.exec(select(Unit).order_by(Unit.unit_id)).all())


@router.post("/units", response_model=UnitPublic, status_code=201)
def create_unit(body: UnitCreate, dispatcher: DispatcherDep, _: AdminDep) -> Unit:
    """Add a unit to the roster (admins)."""
    try:
        return dispatcher.create_unit(body)
    except UnitExists as err:
        raise HTTPException(409, f"Unit {body.unit_id!r} already exists") from err


@router.patch("/units/{unit_id}", response_model=UnitPublic)
def update_unit(unit_id: str, body: UnitUpdate, dispatcher: DispatcherDep, _: AdminDep
                ) -> Unit:
    """Change a unit's station, service area, shift or position (admins)."""
    try:
        return dispatcher.update_unit(unit_id, body)
    except UnitNotFound as err:
        raise _not_found(unit_id) from err


@router.get("/units/{unit_id}", response_model=UnitPublic)
def get_unit(unit_id: str, session: SessionDep, _: UnitCrewDep) -> Unit:
    """One unit (its own crew or an admin)."""
    unit = session.get(Unit, unit_id)
    if unit is None:
        raise _not_found(unit_id)
    return unit


async def report_status(unit_id: str, body: StatusReport, request: Request,
                        _: UnitCrewDep) -> dict[str, Any]:
    """Report a unit's status and position (its own crew, or an admin: out of service)."""
    return await apply_report(request.app.state.status_reports, unit_id, body)


# Most reports are answered before FastAPI solves the dependencies (status_route.py).
router.add_api_route("/units/{unit_id}/status", report_status, methods=["POST"],
                     response_model=StatusChanged, route_class_override=StatusReportRoute)


@router.post("/units/{unit_id}/accept")
def accept(unit_id: str, dispatcher: DispatcherDep, _: UnitCrewDep) -> dict[str, str]:
    """The crew accepts the call it was sent to."""
    try:
        return {"unit_id": unit_id, "call_id": dispatcher.accept(unit_id)}
    except UnitNotFound as err:
        raise _not_found(unit_id) from err
    except StatusConflict as err:
        raise HTTPException(409, str(err)) from err


@router.get("/units/{unit_id}/assignment", response_model=CurrentAssignment)
def current_assignment(unit_id: str, dispatcher: DispatcherDep, session: SessionDep,
                       _: UnitCrewDep) -> CurrentAssignment:
    """The call the unit holds now, and where its live feed stands."""
    try:
        assignment = dispatcher.current_assignment(unit_id)
    except UnitNotFound as err:
        raise _not_found(unit_id) from err
    unit = session.get(Unit, unit_id)
    assert unit is not None
    return CurrentAssignment(unit_id=unit_id, status=unit.status, assignment=assignment,
                             last_event_id=dispatcher.last_feed_id(unit_id))


@router.get("/units/{unit_id}/assignments/stream",
            responses={200: {"content": {"text/event-stream": {}}}})
async def assignment_stream(
    unit_id: str, request: Request, dispatcher: DispatcherDep, session: SessionDep,
    _: UnitCrewDep,
    last_event_id: str | None = Header(default=None, alias="Last-Event-ID"),
    after: int | None = Query(default=None, ge=0, description="Start after this id."),
) -> StreamingResponse:
    """The unit's assignments as Server-Sent Events; resumes after Last-Event-ID. The
    stream ends (event ``signed-out``) once its key is revoked or its page session ends;
    one stream more than the unit's limit on an instance gets 429."""
    if session.get(Unit, unit_id) is None:
        raise _not_found(unit_id)
    session.close()
    start = after or 0
    if last_event_id is not None:
        try:
            start = int(last_event_id)
        except ValueError as err:
            raise HTTPException(422, "Last-Event-ID must be a number") from err
    state = request.app.state
    slots: StreamSlots = state.stream_slots
    if not slots.take(unit_id):
        raise HTTPException(429, f"Unit {unit_id!r} already has {slots.per_unit} live feeds "
                                 "open; close one first", headers={"Retry-After": "5"})

    async def read_after(after_id: int) -> list[FeedEntry]:
        return await asyncio.to_thread(dispatcher.feed_after, unit_id, after_id)

    async def still_allowed() -> bool:
        principal = await current_principal(request, state.responder_sessions)
        return principal is not None and UNIT_CREW.allows(principal, unit_id)

    events = assignment_events(
        read_after=read_after, after=start, still_allowed=still_allowed,
        disconnected=request.is_disconnected, clock=state.clock,
        timing=FeedTiming(poll_s=state.settings.feed_poll_s,
                          recheck_s=state.settings.stream_recheck_s))
    return HeldStream(events, slots, unit_id, media_type="text/event-stream",
                      headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"})
