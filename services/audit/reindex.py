"""Adding the decision index rows a store lacks: a chain recorded before a kind of event
became a decision (a unit's en route and on scene reports, a backup request, a clearing)
has no index rows for those events, and verification, which recomputes the index from the
chain, would name the first one as missing. The rows are computed exactly as the store
computes them on append (the call's latest triage so far; one recorded before its triage
is completed by the next), and only missing rows are inserted: the record itself and the
rows already there are not touched, so running it twice adds nothing.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Engine, insert, select

from services.audit.decisions import (
    INDEXED_LATE,
    Decision,
    TriageContext,
    backfilled_fallback,
    context_of,
    decision_for,
    fills_orphans,
    is_orphan,
)
from services.audit.queries import iter_entries
from services.audit.tables import ATTR, DECISION, DECISION_FIELDS

CHUNK = 1000


class _Missing:
    """The index rows (and attributes) of decisions whose seq has none stored."""

    def __init__(self, stored: set[int]) -> None:
        self.stored = stored
        self.rows: list[dict[str, Any]] = []
        self.attrs: list[dict[str, Any]] = []

    def add(self, seq: int, d: Decision, context: TriageContext | None = None) -> None:
        if seq in self.stored:
            return
        pairs = d.attrs()
        if context is not None:  # an orphan, completed as the store's backfill does
            d.fallback = backfilled_fallback(d.kind, d.unit_type, d.fallback, context)
            d.pathway, d.policy_version = context.pathway, context.policy_version
            d.district = d.district if d.district is not None else context.district
            pairs += [("tag", t) for t in context.tags] + [("rule", r)
                                                           for r in context.rule_ids]
        self.rows.append({**{k: getattr(d, k) for k in DECISION_FIELDS}, "seq": seq})
        self.attrs += [{"seq": seq, "name": n, "value": v} for n, v in pairs]


def reindex_missing(engine: Engine) -> int:
    """Insert the decision index rows the chain implies and the store lacks; how many."""
    with engine.begin() as conn:
        missing = _Missing({int(s) for (s,) in conn.execute(select(DECISION.c.seq))})
        contexts: dict[str, TriageContext] = {}
        orphans: dict[str, list[tuple[int, Decision]]] = {}
        for entry in iter_entries(conn):
            if entry["kind"] != "event":
                continue
            try:
                payload = json.loads(entry["payload_json"])
            except (ValueError, RecursionError):
                continue
            if not isinstance(payload, dict):
                continue
            call_id, seq = entry["call_id"], int(entry["seq"])
            late = entry["event_type"] in INDEXED_LATE
            d = decision_for(entry["event_type"], call_id, entry["occurred_at"], payload,
                             contexts.get(call_id) if late else None)
            if d is None:
                continue
            if d.kind == "triaged":
                ctx = contexts[call_id] = context_of(d)
                if fills_orphans(ctx):
                    for orphan_seq, orphan in orphans.pop(call_id, []):
                        missing.add(orphan_seq, orphan, ctx)
            elif is_orphan(d):
                orphans.setdefault(str(call_id), []).append((seq, d))
                continue
            missing.add(seq, d)
        for pending in orphans.values():
            for orphan_seq, orphan in pending:
                missing.add(orphan_seq, orphan)
        for table, rows in ((DECISION, missing.rows), (ATTR, missing.attrs)):
            for i in range(0, len(rows), CHUNK):
                conn.execute(insert(table), rows[i:i + CHUNK])
    return len(missing.rows)
