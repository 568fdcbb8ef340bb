"""Assignment's durable state: the roster and who is assigned to what."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import yaml
from sqlalchemy import Engine, UniqueConstraint
from sqlmodel import Field, Session, SQLModel, select

from shared.events import UnitStatus, UnitType, utcnow


class UnitBase(SQLModel):
    unit_id: str = Field(primary_key=True, max_length=64)
    unit_type: UnitType
    station: str | None = None
    lat: float | None = None
    lon: float | None = None


class Unit(UnitBase, table=True):
    status: UnitStatus = UnitStatus.available
    current_call_id: str | None = Field(default=None, index=True)
    updated_at: datetime = Field(default_factory=utcnow)


class UnitPublic(UnitBase):
    status: UnitStatus
    current_call_id: str | None


class Assignment(SQLModel, table=True):
    """One unit sent to one call for one needed unit type."""

    __table_args__ = (UniqueConstraint("call_id", "unit_type"),)

    id: int | None = Field(default=None, primary_key=True)
    call_id: str = Field(index=True)
    unit_type: UnitType
    unit_id: str
    assigned_at: datetime = Field(default_factory=utcnow)


def init_store(engine: Engine, roster_file: Path) -> int:
    """Create tables and seed the roster if the store is empty; returns units loaded."""
    SQLModel.metadata.create_all(engine, tables=[Unit.__table__, Assignment.__table__])  # type: ignore[attr-defined]
    with Session(engine) as session:
        if session.exec(select(Unit)).first() is not None:
            return 0
        data = yaml.safe_load(roster_file.read_text())
        units = [
            Unit(**{k: v for k, v in entry.items() if k in Unit.model_fields})
            for entry in data["units"]
        ]
        session.add_all(units)
        session.commit()
        return len(units)
