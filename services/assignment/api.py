"""Assignment's routes."""

from __future__ import annotations

from fastapi import APIRouter, Depends
from sqlmodel import select

from services.assignment.deps import SessionDep
from services.assignment.store import Unit, UnitPublic
from shared.auth import Role, require

router = APIRouter(prefix="/v1", tags=["units"])
AdminOrAuditor = Depends(require(Role.admin, Role.auditor))


@router.get("/units", response_model=list[UnitPublic], dependencies=[AdminOrAuditor])
def list_units(session: SessionDep) -> list[Unit]:
    """The roster with each unit's status."""
    return list(session.exec(select(Unit).order_by(Unit.unit_id)).all())  # type: ignore[arg-type]
