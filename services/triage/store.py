"""Triage's memory: the current decision of each call, so an update can say what changed."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Engine, Text
from sqlmodel import Column, Field, Session, SQLModel

from services.triage.engine import Decision
from shared.events import utcnow


class CurrentDecision(SQLModel, table=True):
    __tablename__ = "current_decision"

    call_id: str = Field(primary_key=True, max_length=64)
    decision_json: str = Field(sa_column=Column(Text, nullable=False))
    decided_at: datetime = Field(default_factory=utcnow)


def init_store(engine: Engine) -> None:
    SQLModel.metadata.create_all(engine, tables=[CurrentDecision.__table__])  # type: ignore[attr-defined]


def current_decision(engine: Engine, call_id: str) -> Decision | None:
    with Session(engine) as session:
        row = session.get(CurrentDecision, call_id)
        return Decision.model_validate_json(row.decision_json) if row else None


def save_decision(engine: Engine, call_id: str, decision: Decision) -> None:
    with Session(engine) as session:
        row = session.get(CurrentDecision, call_id) or CurrentDecision(
            call_id=call_id, decision_json="")
        row.decision_json = decision.model_dump_json()
        row.decided_at = utcnow()
        session.add(row)
        session.commit()
