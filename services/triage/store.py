"""Triage's memory: the current decision of each call, so an update can say what changed.

The consumer saves through :class:`DecisionStore`, whose writes wait for the poll's
events to be acknowledged and commit with the poll's handled ids, one transaction a poll
(:mod:`shared.staged_writes`); the functions below are the same statements run at once.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, Text
from sqlmodel import Column, Field, Session, SQLModel

from services.triage.engine import Decision
from shared.db import (
    DatabaseProcessedEvents,
    create_tables,
    dbapi_sql,
    dbapi_transaction,
    stored_datetime,
)
from shared.events import utcnow
from shared.staged_writes import StagedWrites


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
    with dbapi_transaction(engine) as cursor:
        _upsert(engine, cursor, _rows(engine, decisions))


def _rows(engine: Engine, decisions: Iterable[tuple[str, Decision]]
          ) -> list[tuple[str, str, Any]]:
    now = stored_datetime(engine, utcnow())
    latest = {call_id: decision for call_id, decision in decisions}
    return [(call_id, decision.model_dump_json(), now) for call_id, decision in latest.items()]


def _upsert(engine: Engine, cursor: Any, rows: list[tuple[str, str, Any]]) -> None:
    # Plain DB-API: this runs once a poll, and Core's statement building cost ten times
    # the upsert itself. Both dialects spell the upsert alike.
    cursor.executemany(dbapi_sql(engine, _UPSERT), rows)


class DecisionStore:
    """Each call's current decision, as the consumer sees it: saved decisions are staged
    with the events they answer and committed with the poll's handled ids; until then a
    read finds them here (a poll can bring a call and its update)."""

    def __init__(self, engine: Engine, staged: StagedWrites) -> None:
        self.engine = engine
        self.staged = staged
        self._pending: dict[str, Decision] = {}
        staged.on_clear(self._pending.clear)

    def current(self, call_id: str) -> Decision | None:
        pending = self._pending.get(call_id)
        return pending if pending is not None else current_decision(self.engine, call_id)

    def save(self, event_ids: Iterable[str], decisions: list[tuple[str, Decision]]) -> None:
        """Stage the decisions that answer ``event_ids`` (written once they all are
        handled)."""
        if not decisions:
            return
        self._pending.update(decisions)
        rows = _rows(self.engine, decisions)
        self.staged.stage(event_ids, lambda cursor: _upsert(self.engine, cursor, rows))


def consumer_stores(engine: Engine, group: str) -> tuple[DecisionStore, DatabaseProcessedEvents]:
    """The decision store and the record of handled events of one consumer, sharing its
    staged writes: one transaction a poll."""
    staged = StagedWrites()
    return (DecisionStore(engine, staged),
            DatabaseProcessedEvents(engine, group, staged=staged))


_UPSERT = (
    "INSERT INTO current_decision (call_id, decision_json, decided_at) VALUES (?, ?, ?) "
    "ON CONFLICT (call_id) DO UPDATE SET decision_json = excluded.decision_json, "
    "decided_at = excluded.decided_at")
