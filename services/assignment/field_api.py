"""The crews' routes for the call they hold: clear it with an outcome, ask for backup, and
(police) report the scene secure. Authorised as a status report is: the unit's own crew
(its key or the responder page's session), or an admin."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from fastapi import APIRouter, HTTPException
from pydantic import BaseModel, Field

from services.assignment.crews import StatusConflict, UnitNotFound
from services.assignment.deps import DispatcherDep, UnitCrewDep
from services.assignment.dispatcher import Dispatcher
from services.assignment.field import BackupRequest, Clearing
from services.assignment.rules import IllegalTransition
from services.assignment.store import Unit, UnitPublic
from shared.contracts import UnitType
from shared.db import run_store_work
from shared.field_contracts import BackupReason, Outcome

router = APIRouter(prefix="/v1", tags=["crews on a call"])

CALL_ID = Field(max_length=200, description="The call the unit holds; 409 if it does not.",
                examples=["c0ffee00-0000-4000-8000-000000000000"])


class ClearBody(BaseModel):
    call_id: str = CALL_ID
    outcome: Outcome = Field(description="How the unit's part ended.",
                             examples=["referred_to_services"])
    note: str | None = Field(default=None, max_length=280,
                             description="A short note. Sensitive: never logged.",
                             examples=["connected with county case manager"])


class BackupBody(BaseModel):
    call_id: str = CALL_ID
    requested: list[UnitType] = Field(min_length=1, max_length=3,
                                      description="The unit types asked for.",
                                      examples=[["police"]])
    reason_code: BackupReason = Field(description="Why, coded.", examples=["safety"])


class BackupAnswer(BaseModel):
    unit_id: str
    call_id: str
    requested: list[UnitType]
    reason_code: BackupReason
    already_on_call: list[UnitType] = Field(
        description="Types asked for that already have a unit on the call (one a type).")


class SceneBody(BaseModel):
    call_id: str = CALL_ID


class SceneAnswer(BaseModel):
    unit_id: str
    call_id: str
    told_to_go_in: list[str] = Field(description="The staged units told to go in now.")


T = TypeVar("T")


async def _decide(dispatcher: Dispatcher, unit_id: str, work: Callable[..., T],
                  *args: Any) -> T:
    try:
        return await run_store_work(dispatcher.engine, work, *args)
    except UnitNotFound as err:
        raise HTTPException(404, f"No unit {unit_id!r} on the roster") from err
    except (IllegalTransition, StatusConflict) as err:
        raise HTTPException(409, str(err)) from err


@router.post("/units/{unit_id}/clear", response_model=UnitPublic)
async def clear(unit_id: str, body: ClearBody, dispatcher: DispatcherDep,
                _: UnitCrewDep) -> Unit:
    """Clear the call the unit holds with a coded outcome and a short note: the unit is
    available again (UnitStatusChanged on units.status, UnitCleared on calls.assigned)."""
    return await _decide(dispatcher, unit_id, dispatcher.clear,
                         Clearing(unit_id, body.call_id, body.outcome, body.note))


@router.post("/units/{unit_id}/backup", response_model=BackupAnswer, status_code=202)
async def backup(unit_id: str, body: BackupBody, dispatcher: DispatcherDep,
                 _: UnitCrewDep) -> dict[str, Any]:
    """Ask for police, EMS or fire (or another type) on the call the unit holds: recorded
    (BackupRequested), then each type assigned (rule ``backup_request``) or queued."""
    return await _decide(dispatcher, unit_id, dispatcher.request_backup,
                         BackupRequest(unit_id, body.call_id, tuple(body.requested),
                                       body.reason_code))


@router.post("/units/{unit_id}/scene-secure", response_model=SceneAnswer)
async def scene_secure(unit_id: str, body: SceneBody, dispatcher: DispatcherDep,
                       _: UnitCrewDep) -> SceneAnswer:
    """A police unit on scene reports the scene secure: units staged for the call are told
    to go in (SceneSecured on calls.assigned)."""
    told = await _decide(dispatcher, unit_id, dispatcher.secure_scene, unit_id,
                         body.call_id)
    return SceneAnswer(unit_id=unit_id, call_id=body.call_id, told_to_go_in=told)
