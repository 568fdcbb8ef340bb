"""Assignment's routes."""

from __future__ import annotations

from fastapi import APIRouter
from sqlmodel import select

from services.assignment.deps import SessionDep
from services.assignment.store import Unit, UnitPublic

router = APIRouter(prefix="/v1", tags=["units"])


@router.get("/units", response_model=list[UnitPublic])
def list_units(session: SessionDep) -> list[Unit]:
    """The roster with each unit's status."""
    return list(session.exec(select(Unit).order_by(Unit.unit_id)).all())  # type: ignore[arg-type]
