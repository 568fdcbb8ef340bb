"""The 911 floor's routes: read a call's decision, and act on it."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Body, HTTPException, Path
from pydantic import BaseModel, Field

from services.assignment.deps import DecisionReadersDep, DispatcherDep, FloorDep
from services.assignment.floor import FloorRefused
from services.assignment.floor_actions import EXAMPLES, FloorActionBody
from shared.contracts import FLOOR_STATES
from shared.db import run_store_work

router = APIRouter(prefix="/v1", tags=["the 911 floor"])

CallId = Annotated[str, Path(max_length=200)]


class NeedView(BaseModel):
    unit_type: str = Field(examples=["bcr"])
    state: str = Field(description="held (waits for the floor), waiting (for a free "
                       "unit), assigned, accepted, done, released or fallen_back.",
                       examples=["held"])
    unit_id: str | None = Field(default=None, examples=[None])


class DecisionView(BaseModel):
    call_id: str
    state: str = Field(description="One of: " + ", ".join(FLOOR_STATES) + ".",
                       examples=["awaiting_confirmation"])
    pathway: str | None = Field(description="The recommended pathway.",
                                examples=["behavioral_health"])
    units: list[str] = Field(description="The recommended unit types.", examples=[["bcr"]])
    priority: int = Field(examples=[3])
    reasons: list[str] = Field(description="The triage rules that fired.",
                               examples=[["bh.distress_no_risk"]])
    safety_flags: list[str] = Field(examples=[[]])
    review: bool = Field(description="Triage asks a person to confirm.", examples=[True])
    review_reason: str | None = Field(examples=["diversion rests on the narrative alone"])
    deadline: datetime | None = Field(description="When the default applies (or the "
                                      "call-back is due); null when none runs.",
                                      examples=["2026-12-06T16:02:00Z"])
    on_timeout: str | None = Field(description="While awaiting confirmation: "
                                   "'recommendation' or the fallback rule applied then.",
                                   examples=["recommendation"])
    last_action: dict[str, Any] | None = Field(
        description="The floor's last action: action, by_key, by_role, acted_at, "
                    "reason_code, note and the action's own fields.",
        examples=[{"action": "confirm", "by_key": "dev-dispatcher", "by_role": "dispatcher",
                   "acted_at": "2026-12-06T16:01:12+00:00",
                   "reason_code": "agrees_with_recommendation", "note": None}])
    needs: list[NeedView] = Field(description="Each unit type and where it stands.")


def _problem(err: FloorRefused) -> HTTPException:
    return HTTPException(err.status, str(err))


@router.get("/calls/{call_id}/decision", response_model=DecisionView)
async def get_decision(call_id: CallId, dispatcher: DispatcherDep,
                       principal: DecisionReadersDep) -> dict[str, Any]:
    """The recommendation for a call and where the 911 floor stands on it (CAD, floor,
    auditors, admins). A key bound to an agency sees its agency's calls only."""
    try:
        return await run_store_work(dispatcher.engine, dispatcher.decision, call_id,
                                    principal)
    except FloorRefused as err:
        raise _problem(err) from err


@router.post("/calls/{call_id}/actions", response_model=DecisionView,
             responses={403: {"description": "Not this role's action (e.g. a CAD key's "
                                             "override, or resolve_by_phone by anyone but "
                                             "a clinician)."},
                        404: {"description": "No such call decided here."},
                        409: {"description": "The decision is not waiting for this."},
                        422: {"description": "Bad input, or a code not in the policy."}})
async def act_on_decision(
    call_id: CallId, dispatcher: DispatcherDep, principal: FloorDep,
    body: Annotated[FloorActionBody, Body(openapi_examples=EXAMPLES)],
) -> dict[str, Any]:
    """Confirm, override, resolve by phone, transfer, hold or send police: recorded with
    who (the key's name and role), when and the coded reason, and published on
    calls.assigned. Returns the decision as it now stands."""
    try:
        return await run_store_work(dispatcher.engine, dispatcher.floor_action, call_id,
                                    body, principal)
    except FloorRefused as err:
        raise _problem(err) from err
