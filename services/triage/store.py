"""Triage's memory: the current decision of each call, so an update can say what changed."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Engine, Text
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
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
    save_decisions(engine, [(call_id, decision)])


def save_decisions(engine: Engine, decisions: list[tuple[str, Decision]]) -> None:
    """Record each call's current decision, many in one upsert (the last one of a call
    wins, as if saved one after the other)."""
    if not decisions:
        return
    now = utcnow()
    latest = {call_id: decision for call_id, decision in decisions}
    rows = [{"call_id": call_id, "decision_json": decision.model_dump_json(), "decided_at": now}
            for call_id, decision in latest.items()]
    table = CurrentDecision.__table__  # type: ignore[attr-defined]
    # Both dialects spell the upsert alike, from different classes.
    insert = postgresql_insert(table) if engine.dialect.name == "postgresql" else (
        sqlite_insert(table))
    statement = insert.on_conflict_do_update(
        index_elements=[table.c.call_id],
        set_={"decision_json": insert.excluded.decision_json,
              "decided_at": insert.excluded.decided_at})
    with engine.begin() as conn:
        conn.execute(statement, rows)
