"""Audit's routes."""

from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Path
from pydantic import BaseModel

from services.audit.deps import SessionDep
from services.audit.store import AuditEntryPublic, call_timeline, to_public
from shared.auth import Role, require

router = APIRouter(prefix="/v1", tags=["audit"],
                   dependencies=[Depends(require(Role.auditor, Role.admin))])


class Timeline(BaseModel):
    call_id: str
    events: list[AuditEntryPublic]


@router.get("/calls/{call_id}/timeline", response_model=Timeline,
            responses={404: {"content": {"application/problem+json": {}}}})
def get_timeline(
    session: SessionDep, call_id: str = Path(max_length=64, pattern=r"^[A-Za-z0-9-]+$"),
) -> Timeline:
    """Every recorded event of one call, in the order it happened."""
    entries = call_timeline(session, call_id)
    if not entries:
        raise HTTPException(404, f"No events recorded for call {call_id}")
    return Timeline(call_id=call_id, events=[to_public(e) for e in entries])
