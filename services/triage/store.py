"""Triage's memory: the current decision of each call, so an update can say what changed."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Engine, Text
from sqlmodel import Column, Field, Session, SQLModel

from services.triage.engine import Decision
from shared.db import create_tables, dbapi_sql, dbapi_transaction, stored_datetime
from shared.events import utcnow


class CurrentDecision(SQLModel, table=True):
    __tablename__ = "current_decision"

    call_id: str = Field(primary_key=True, max_length=64)
    decision_json: str = Field(sa_column=Column(Text, nullable=False))
    decided_at: datetime = Field(default_factory=utcnow)


def init_store(engine: Engine) -> None:
    create_tables(engine, [CurrentDecision])


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
    now = stored_datetime(engine, utcnow())
    latest = {call_id: decision for call_id, decision in decisions}
    rows = [(call_id, decision.model_dump_json(), now) for call_id, decision in latest.items()]
    # Plain DB-API: this runs once a poll, and Core's statement building cost ten times
    # the upsert itself. Both dialects spell the upsert alike.
    with dbapi_transaction(engine) as cursor:
        cursor.executemany(dbapi_sql(engine, _UPSERT), rows)


_UPSERT = (
    "INSERT INTO current_decision (call_id, decision_json, decided_at) VALUES (?, ?, ?) "
    "ON CONFLICT (call_id) DO UPDATE SET decision_json = excluded.decision_json, "
    "decided_at = excluded.decided_at")
