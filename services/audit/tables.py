"""The audit record's tables: the chain's entries, its signed checkpoints, and the
decision index that search and the public figures read."""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    Index,
    Text,
)
from sqlmodel import Column, Field, SQLModel


class AuditEntryBase(SQLModel):
    kind: str = Field(default="event", max_length=16)
    event_id: str = Field(unique=True, max_length=36)
    event_type: str = Field(max_length=64)
    schema_version: int
    call_id: str | None = Field(default=None, index=True, max_length=64)
    causation_id: str | None = Field(default=None, max_length=36)
    producer: str = Field(max_length=64)
    unit_id: str | None = Field(default=None, max_length=64)
    topic: str | None = Field(default=None, max_length=200)
    occurred_at: str = Field(max_length=32)
    recorded_at: str = Field(max_length=32)


class AuditEntry(AuditEntryBase, table=True):
    __tablename__ = "audit_entry"

    seq: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    payload_json: str = Field(sa_column=Column(Text, nullable=False))
    prev_hash: str = Field(max_length=64)
    hash: str = Field(max_length=64)


class AuditEntryPublic(AuditEntryBase):
    seq: int
    hash: str
    written_by: str | None = Field(
        default=None,
        description="The service whose Kafka login alone may write this entry's topic: the "
                    "broker's ACLs vouch for it, where `producer` is only what the event "
                    "claims. None for topics several services write (dead letters) and for "
                    "audit's own entries.",
        schema_extra={"examples": ["triage"]})
    payload: dict[str, Any]


class AuditCheckpointBase(SQLModel):
    seq: int = Field(unique=True)
    hash: str = Field(max_length=64)
    signed_at: str = Field(max_length=32)
    public_key: str = Field(max_length=64)
    signature: str = Field(max_length=128)


class AuditCheckpoint(AuditCheckpointBase, table=True):
    __tablename__ = "audit_checkpoint"

    id: int | None = Field(default=None, primary_key=True)


class AuditCheckpointPublic(AuditCheckpointBase):
    pass


class AuditDecisionBase(SQLModel):
    # Few indexes on purpose: each one slows every append. Unit types, tags and rule ids
    # are searched through audit_decision_attr; kind and fallback narrow an indexed scan.
    kind: str = Field(max_length=16)
    call_id: str | None = Field(default=None, index=True, max_length=64)
    occurred_at: str = Field(index=True, max_length=32)
    pathway: str | None = Field(default=None, index=True, max_length=200)
    policy_version: str | None = Field(default=None, index=True, max_length=200)
    district: str | None = Field(default=None, index=True, max_length=200)
    unit_type: str | None = Field(default=None, max_length=200)
    unit_id: str | None = Field(default=None, max_length=200)
    priority: int | None = None
    police: bool = False
    fallback: bool = False


class AuditDecision(AuditDecisionBase, table=True):
    """Searchable facts of one call event, denormalised at insert time (an index)."""

    __tablename__ = "audit_decision"

    seq: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})


class AuditDecisionPublic(AuditDecisionBase):
    seq: int
    event_id: str
    event_type: str
    tags: list[str]
    rule_ids: list[str]
    units: list[str]
    reason_code: str | None = Field(default=None, description="A floor action's reason "
                                    "code.", schema_extra={"examples": ["clinical_judgement"]})
    outcome: str | None = Field(default=None, description="A clearing's coded outcome.",
                                schema_extra={"examples": ["referred_to_services"]})
    payload: dict[str, Any]


class AuditDecisionAttr(SQLModel, table=True):
    """Multi-valued search fields of a decision: name is tag, rule, unit, reason (a floor
    action's reason code), to (where a floor transfer went) or outcome (a clearing's code)."""

    __tablename__ = "audit_decision_attr"
    __table_args__ = (Index("ix_audit_decision_attr_lookup", "name", "value", "seq"),)

    id: int | None = Field(default=None, primary_key=True)
    seq: int = Field(index=True)
    name: str = Field(max_length=8)
    value: str = Field(max_length=200)


DECISION_FIELDS = tuple(AuditDecisionBase.model_fields)
TABLES = [AuditEntry, AuditCheckpoint, AuditDecision, AuditDecisionAttr]
ENTRY = AuditEntry.__table__  # type: ignore[attr-defined]
CHECKPOINT = AuditCheckpoint.__table__  # type: ignore[attr-defined]
DECISION = AuditDecision.__table__  # type: ignore[attr-defined]
ATTR = AuditDecisionAttr.__table__  # type: ignore[attr-defined]
