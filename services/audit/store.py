"""The audit record: every event, stored once, never updated or deleted."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, Text
from sqlalchemy.exc import IntegrityError
from sqlmodel import Column, Field, Session, SQLModel, select

from shared.events import Envelope, utcnow

# Fields that identify or describe a person in crisis: kept in the record, left out of
# what the API shows unless a later, recorded, reasoned request asks for them.
SENSITIVE_FIELDS = frozenset({"narrative", "caller", "callback", "caller_name", "caller_phone"})


class AuditEntryBase(SQLModel):
    event_id: str = Field(unique=True, max_length=36)
    event_type: str = Field(index=True, max_length=64)
    schema_version: int
    call_id: str | None = Field(default=None, index=True, max_length=64)
    causation_id: str | None = Field(default=None, max_length=36)
    producer: str = Field(max_length=64)
    occurred_at: datetime


class AuditEntry(AuditEntryBase, table=True):
    __tablename__ = "audit_entry"

    seq: int | None = Field(default=None, primary_key=True)
    recorded_at: datetime = Field(default_factory=utcnow)
    payload_json: str = Field(sa_column=Column(Text, nullable=False))


class AuditEntryPublic(AuditEntryBase):
    seq: int
    recorded_at: datetime
    payload: dict[str, Any]


def init_store(engine: Engine) -> None:
    SQLModel.metadata.create_all(engine, tables=[AuditEntry.__table__])  # type: ignore[attr-defined]


def record_event(session: Session, envelope: Envelope) -> bool:
    """Store the event unless it is already there; True when it was new."""
    event_id = str(envelope.event_id)
    if session.exec(select(AuditEntry.seq).where(AuditEntry.event_id == event_id)).first():
        return False
    session.add(AuditEntry(
        event_id=event_id,
        event_type=envelope.event_type,
        schema_version=envelope.schema_version,
        call_id=envelope.call_id,
        causation_id=str(envelope.causation_id) if envelope.causation_id else None,
        producer=envelope.producer,
        occurred_at=envelope.occurred_at,
        payload_json=json.dumps(envelope.payload, sort_keys=True, separators=(",", ":")),
    ))
    try:
        session.commit()
    except IntegrityError:
        # Another instance stored it first.
        session.rollback()
        return False
    return True


def redacted(payload: dict[str, Any]) -> dict[str, Any]:
    return {k: ("[redacted]" if k in SENSITIVE_FIELDS and v else v) for k, v in payload.items()}


def to_public(entry: AuditEntry) -> AuditEntryPublic:
    data = entry.model_dump(exclude={"payload_json"})
    return AuditEntryPublic(**data, payload=redacted(json.loads(entry.payload_json)))


def call_timeline(session: Session, call_id: str) -> list[AuditEntry]:
    return list(session.exec(
        select(AuditEntry).where(AuditEntry.call_id == call_id)
        .order_by(AuditEntry.occurred_at, AuditEntry.seq)  # type: ignore[arg-type]
    ).all())
