"""Reading the audit record: the chain for verification, a call's timeline and decision
search; what an auditor sees without a stated reason is the allow-list of
:mod:`services.audit.redaction`. The public figures read the daily rollups instead
(:mod:`services.audit.rollups`)."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import (
    Connection,
    and_,
    exists,
    select,
)

from services.audit.chain import (
    HASHED_FIELDS,
    timestamp,
)
from services.audit.redaction import redacted
from services.audit.tables import (
    ATTR,
    CHECKPOINT,
    DECISION,
    DECISION_FIELDS,
    ENTRY,
    AuditDecisionPublic,
    AuditEntry,
    AuditEntryBase,
    AuditEntryPublic,
)
from shared.topics import sole_writer

# --- reading ---------------------------------------------------------------------------

def iter_entries(conn: Connection, chunk: int = 10_000) -> Iterator[dict[str, Any]]:
    """Every entry in seq order, in chunks (keyset pagination: constant memory)."""
    after = 0
    names = (*HASHED_FIELDS, "hash")
    cols = [ENTRY.c[name] for name in names]
    while True:
        rows = conn.execute(select(*cols).where(ENTRY.c.seq > after)
                            .order_by(ENTRY.c.seq).limit(chunk)).all()
        if not rows:
            return
        for row in rows:
            yield dict(zip(names, row, strict=True))
        after = int(rows[-1][0])


def checkpoints(conn: Connection) -> list[dict[str, Any]]:
    return [dict(r) for r in conn.execute(select(CHECKPOINT).order_by(CHECKPOINT.c.seq)).mappings()]


def to_public(entry: AuditEntry | dict[str, Any], reveal: bool = False) -> AuditEntryPublic:
    data = entry if isinstance(entry, dict) else entry.model_dump()
    payload = json.loads(data["payload_json"])
    fields = {k: data[k] for k in (*AuditEntryBase.model_fields, "seq", "hash")}
    topic = data.get("topic")
    return AuditEntryPublic(**fields, payload=payload if reveal else
                            redacted(payload, data["event_type"]),
                            written_by=sole_writer(topic) if topic else None)


def call_timeline(conn: Connection, call_id: str) -> list[dict[str, Any]]:
    """Every entry of one call (received, triaged, assigned, queued, unit status, updates,
    cancellation) in the order it happened, with each decision's fallback flag."""
    rows = conn.execute(
        select(ENTRY, DECISION.c.fallback)
        .join(DECISION, DECISION.c.seq == ENTRY.c.seq, isouter=True)
        .where(ENTRY.c.call_id == call_id)
        .order_by(ENTRY.c.occurred_at, ENTRY.c.seq)).mappings().all()
    return [dict(r) for r in rows]


@dataclass
class DecisionFilters:
    occurred_from: datetime | None = None
    occurred_to: datetime | None = None
    kind: str | None = None
    tag: str | None = None
    pathway: str | None = None
    unit_type: str | None = None
    district: str | None = None
    rule_id: str | None = None
    policy_version: str | None = None
    fallback: bool | None = None
    call_id: str | None = None
    reason_code: str | None = None
    outcome: str | None = None


def _has_attr(name: str, value: str) -> Any:
    return exists().where(and_(ATTR.c.seq == DECISION.c.seq, ATTR.c.name == name,
                               ATTR.c.value == value))


def decision_query(f: DecisionFilters) -> Any:
    """The filtered selection of decisions; every value is a bound parameter."""
    q = select(DECISION)
    if f.occurred_from is not None:
        q = q.where(DECISION.c.occurred_at >= timestamp(f.occurred_from))
    if f.occurred_to is not None:
        q = q.where(DECISION.c.occurred_at < timestamp(f.occurred_to))
    for column, value in (("kind", f.kind), ("pathway", f.pathway), ("district", f.district),
                          ("policy_version", f.policy_version), ("call_id", f.call_id)):
        if value is not None:
            q = q.where(DECISION.c[column] == value)
    if f.fallback is not None:
        q = q.where(DECISION.c.fallback == f.fallback)
    for name, value in (("tag", f.tag), ("rule", f.rule_id), ("unit", f.unit_type),
                        ("reason", f.reason_code), ("outcome", f.outcome)):
        if value is not None:
            q = q.where(_has_attr(name, value))
    return q


def search_decisions(
    conn: Connection, f: DecisionFilters, *, after_seq: int = 0, limit: int = 100,
    reveal: bool = False,
) -> tuple[list[AuditDecisionPublic], int | None]:
    """One page of decisions after ``after_seq``, and the seq to continue after (or None)."""
    rows = conn.execute(decision_query(f).where(DECISION.c.seq > after_seq)
                        .order_by(DECISION.c.seq).limit(limit + 1)).mappings().all()
    more = len(rows) > limit
    rows = rows[:limit]
    return _decorate(conn, rows, reveal), (int(rows[-1]["seq"]) if more and rows else None)


def _decorate(conn: Connection, rows: Sequence[Any], reveal: bool) -> list[AuditDecisionPublic]:
    seqs = [int(r["seq"]) for r in rows]
    if not seqs:
        return []
    attrs: dict[int, dict[str, list[str]]] = {
        s: {"tag": [], "rule": [], "unit": [], "reason": [], "to": [],
            "outcome": []} for s in seqs}
    for a in conn.execute(select(ATTR.c.seq, ATTR.c.name, ATTR.c.value)
                          .where(ATTR.c.seq.in_(seqs)).order_by(ATTR.c.id)):
        attrs[int(a[0])][a[1]].append(a[2])
    entries = {int(e[0]): e for e in conn.execute(
        select(ENTRY.c.seq, ENTRY.c.event_id, ENTRY.c.event_type, ENTRY.c.payload_json)
        .where(ENTRY.c.seq.in_(seqs)))}
    out = []
    for r in rows:
        seq = int(r["seq"])
        e = entries[seq]
        payload = json.loads(e[3])
        out.append(AuditDecisionPublic(
            **{k: r[k] for k in DECISION_FIELDS}, seq=seq, event_id=e[1],
            event_type=e[2], tags=attrs[seq]["tag"], rule_ids=attrs[seq]["rule"],
            units=attrs[seq]["unit"], reason_code=next(iter(attrs[seq]["reason"]), None),
            outcome=next(iter(attrs[seq]["outcome"]), None),
            payload=payload if reveal else redacted(payload, e[2])))
    return out


def iter_decisions(
    conn: Connection, f: DecisionFilters, *, reveal: bool = False, chunk: int = 500,
    max_rows: int = 100_000,
) -> Iterator[AuditDecisionPublic]:
    after, sent = 0, 0
    while sent < max_rows:
        page, nxt = search_decisions(conn, f, after_seq=after, limit=min(chunk, max_rows - sent),
                                     reveal=reveal)
        yield from page
        sent += len(page)
        if nxt is None:
            return
        after = nxt
