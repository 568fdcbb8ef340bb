"""Verifying the stored record: the chain's hashes, its checkpoints (in the database and
in the anchor directory) against a pinned public key, the freshness of its head, and the
decision index that search and the public figures read, recomputed from the chain.

The index is derived data the service may update (a late triage completes earlier rows),
so it cannot be hash-chained itself; instead it is a function of the chain alone, and
verification recomputes it entry by entry and compares it row by row.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import Connection, Engine, select

from services.audit.anchor import read_anchor
from services.audit.chain import ChainVerifier, FreshnessPolicy, VerifyResult
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
from services.audit.queries import checkpoints, iter_entries
from services.audit.settings import AuditSettings
from services.audit.signing import load_pinned_public_key
from services.audit.tables import ATTR, DECISION, DECISION_FIELDS

# One stored index row: its seq, its fields, and its tags, rules and units (sorted).
IndexRow = tuple[int, dict[str, Any], dict[str, list[str]]]


def _expected_attrs(d: Decision) -> dict[str, list[str]]:
    return {"tag": sorted(d.tags), "rule": sorted(d.rule_ids), "unit": sorted(d.units)}


def _row_of(d: Decision) -> dict[str, Any]:
    return {k: getattr(d, k) for k in DECISION_FIELDS}


@dataclass
class _Orphan:
    seq: int
    decision: Decision
    stored: IndexRow | None = None
    extra_tags: list[str] = field(default_factory=list)
    extra_rules: list[str] = field(default_factory=list)


# A decision the stored index lacks: its seq, its row and every attribute it implies.
MissingRow = tuple[int, dict[str, Any], list[tuple[str, str]]]


class IndexVerifier:
    """Feed the chain's entries in seq order beside the stored index rows in seq order;
    ``reason`` is set at the first row that the chain does not account for. Given a
    ``missing`` list, it collects the rows the index lacks instead (and judges nothing
    else): what :mod:`services.audit.reindex` adds."""

    def __init__(self, stored: Iterator[IndexRow],
                 missing: list[MissingRow] | None = None) -> None:
        self._stored = stored
        self._next: IndexRow | None = next(stored, None)
        self._contexts: dict[str, TriageContext] = {}
        self._orphans: dict[str, list[_Orphan]] = {}
        self.reason: str | None = None
        self.bad_seq: int | None = None
        self.missing = missing

    def _fail(self, seq: int, reason: str) -> None:
        if self.reason is None and self.missing is None:
            self.bad_seq, self.reason = seq, reason

    def _collect(self, seq: int, d: Decision, extra: list[tuple[str, str]]) -> None:
        if self.missing is not None:
            self.missing.append((seq, _row_of(d), [*d.attrs(), *extra]))

    def _take(self, seq: int) -> IndexRow | None:
        """The stored row at ``seq``; rows before it that the chain has none for fail."""
        while self._next is not None and self._next[0] < seq:
            self._fail(self._next[0], f"decision index row at seq {self._next[0]} has no "
                                      "decision in the chain (inserted)")
            self._next = next(self._stored, None)
        if self._next is None or self._next[0] != seq:
            self._fail(seq, f"decision at seq {seq} is missing from the decision index")
            return None
        row, self._next = self._next, next(self._stored, None)
        return row

    def _compare(self, seq: int, expected: dict[str, Any], attrs: dict[str, list[str]],
                 stored: IndexRow | None) -> None:
        if stored is None:
            return
        _, fields, stored_attrs = stored
        changed = sorted(k for k in DECISION_FIELDS if fields.get(k) != expected[k])
        changed += sorted(f"{n}s" for n in attrs if stored_attrs.get(n, []) != attrs[n])
        if changed:
            self._fail(seq, f"decision index row at seq {seq} differs from the chain "
                            f"({', '.join(changed)} edited)")

    def feed(self, entry: Mapping[str, Any]) -> None:
        if self.reason is not None or entry["kind"] != "event":
            return
        try:
            payload = json.loads(entry["payload_json"])
        except (ValueError, RecursionError):  # never indexed by the store either
            return
        if not isinstance(payload, dict):
            return
        call_id = entry["call_id"]
        late = entry["event_type"] in INDEXED_LATE
        d = decision_for(entry["event_type"], call_id, entry["occurred_at"], payload,
                         self._contexts.get(call_id) if late else None)
        if d is None:
            return
        seq = int(entry["seq"])
        stored = self._take(seq)
        if d.kind == "triaged":
            ctx = self._contexts[call_id] = context_of(d)
            if fills_orphans(ctx):
                for orphan in self._orphans.pop(call_id, []):
                    self._complete(orphan, ctx)
        elif is_orphan(d):
            self._orphans.setdefault(str(call_id), []).append(_Orphan(seq, d, stored))
            return
        if stored is None:
            self._collect(seq, d, [])
        self._compare(seq, _row_of(d), _expected_attrs(d), stored)

    def _complete(self, orphan: _Orphan, ctx: TriageContext) -> None:
        d = orphan.decision
        d.fallback = backfilled_fallback(d.kind, d.unit_type, d.fallback, ctx)
        d.pathway, d.policy_version = ctx.pathway, ctx.policy_version
        d.district = d.district if d.district is not None else ctx.district
        attrs = _expected_attrs(d)
        attrs["tag"] = sorted([*d.tags, *ctx.tags])
        attrs["rule"] = sorted([*d.rule_ids, *ctx.rule_ids])
        if orphan.stored is None:
            self._collect(orphan.seq, d, [("tag", t) for t in ctx.tags]
                          + [("rule", r) for r in ctx.rule_ids])
        self._compare(orphan.seq, _row_of(d), attrs, orphan.stored)

    def finish(self) -> None:
        for orphans in self._orphans.values():
            for orphan in orphans:
                d = orphan.decision
                if orphan.stored is None:
                    self._collect(orphan.seq, d, [])
                self._compare(orphan.seq, _row_of(d), _expected_attrs(d), orphan.stored)
        if self._next is not None:
            self._fail(self._next[0], f"decision index row at seq {self._next[0]} has no "
                                      "decision in the chain (inserted)")


def iter_index(conn: Connection, chunk: int = 5_000) -> Iterator[IndexRow]:
    """The stored decision index in seq order, each row with its attributes."""
    after = 0
    columns = [DECISION.c.seq, *(DECISION.c[k] for k in DECISION_FIELDS)]
    while True:
        rows = conn.execute(select(*columns).where(DECISION.c.seq > after)
                            .order_by(DECISION.c.seq).limit(chunk)).all()
        if not rows:
            return
        first, last = int(rows[0][0]), int(rows[-1][0])
        attrs: dict[int, dict[str, list[str]]] = {}
        for seq, name, value in conn.execute(
                select(ATTR.c.seq, ATTR.c.name, ATTR.c.value)
                .where(ATTR.c.seq >= first, ATTR.c.seq <= last)):
            attrs.setdefault(int(seq), {}).setdefault(name, []).append(value)
        for row in rows:
            seq = int(row[0])
            fields = dict(zip(DECISION_FIELDS, row[1:], strict=True))
            fields["police"], fields["fallback"] = bool(fields["police"]), bool(fields["fallback"])
            found = attrs.get(seq, {})
            yield seq, fields, {n: sorted(found.get(n, [])) for n in ("tag", "rule", "unit")}
        after = last


def verify_entries(
    entries: Iterable[Mapping[str, Any]], cps: list[dict[str, Any]],
    public_key: Ed25519PublicKey | None, *, freshness: FreshnessPolicy | None = None,
    index: IndexVerifier | None = None,
) -> VerifyResult:
    """The chain, its checkpoints and (given one) the index verifier, in one pass."""
    verifier = ChainVerifier()
    verifier.want_hashes_at(int(c["seq"]) for c in cps)
    for entry in entries:
        if not verifier.feed(entry):
            break
        if index is not None:
            index.feed(entry)
    result = verifier.check_checkpoints(cps, public_key, freshness)
    if result.ok and index is not None:
        index.finish()
        if index.reason is not None:
            result.ok, result.reason = False, index.reason
            result.first_bad_seq = index.bad_seq
    return result


def verify_store(
    engine: Engine, public_key: Ed25519PublicKey | None, *,
    anchored: list[dict[str, Any]] | None = None, freshness: FreshnessPolicy | None = None,
    check_index: bool = True,
) -> VerifyResult:
    """The database's chain, its checkpoint rows plus the anchored ones (read before this
    is called: they are written after their entries commit), and its index (unless
    ``check_index`` is False: a chain loaded without one), all read in one snapshot so
    that appends meanwhile do not look like tampering."""
    with engine.connect() as conn:
        if engine.dialect.name == "postgresql":
            conn = conn.execution_options(isolation_level="REPEATABLE READ")
        elif engine.dialect.name == "sqlite":
            conn.exec_driver_sql("BEGIN")  # the driver would not open one for reads
        cps = checkpoints(conn) + list(anchored or [])
        # Chunks of the chain and of the index alternate on the one connection.
        index = IndexVerifier(iter_index(conn)) if check_index else None
        result = verify_entries(iter_entries(conn), cps, public_key, freshness=freshness,
                                index=index)
        conn.rollback()
        return result


def verify_service_store(engine: Engine, settings: AuditSettings) -> VerifyResult:
    """The service's own store, against its pinned public key file and anchor directory."""
    try:
        pinned = load_pinned_public_key(settings.public_key_path())
        if pinned is None:
            return VerifyResult(ok=False, reason=f"no pinned public key at "
                                                 f"{settings.public_key_path()}")
        anchored = read_anchor(settings.anchor_path(), pinned,
                               keep_every=settings.checkpoint_every)
    except ValueError as err:  # unreadable key file or anchor line
        return VerifyResult(ok=False, reason=str(err))
    return verify_store(engine, pinned, anchored=anchored, freshness=settings.freshness())
