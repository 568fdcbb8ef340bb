"""The audit record: every event stored once, in a hash chain, never updated or deleted.

Ordering with several audit instances: appends are serialised by the database. A writer
takes an exclusive lock before it reads the chain's head (PostgreSQL: a transaction-scoped
advisory lock; SQLite: ``BEGIN IMMEDIATE``, the database's single write lock), links its
entries to that head and commits, so two instances never interleave. ``seq`` is also the
primary key, so even a writer that skipped the lock could not fork the chain: its insert
would fail and be retried. The module has no update or delete statement for the record
(only its search index, ``audit_decision``, is completed when a call's triage arrives
after its assignment).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import (
    Engine,
)

from services.audit.anchor import AnchorLog
from services.audit.chain import (
    GENESIS,
    canonical_payload,
    link,
    signed_checkpoint,
    timestamp,
)
from services.audit.decisions import (
    INDEXED_LATE,
    ORPHAN_KINDS,
    TriageContext,
    backfilled_fallback,
    context_of,
    decision_for,
    fills_orphans,
)
from services.audit.policy_versions import POLICY_TABLES
from services.audit.tables import (
    ATTR,
    DECISION,
    DECISION_FIELDS,
    ENTRY,
    TABLES,
)
from shared.db import create_tables, dbapi_sql, dbapi_transaction, pipelined, placeholders
from shared.events import Envelope, utcnow

# Advisory lock id of the chain's single writer (any constant unique to this use).
CHAIN_LOCK_ID = 0x5252_4155_4449_54  # "RRAUDIT"

def init_store(engine: Engine) -> None:
    create_tables(engine, [*TABLES, *POLICY_TABLES])


# --- writing ---------------------------------------------------------------------------

def entry_from_envelope(envelope: Envelope, topic: str | None = None) -> dict[str, Any]:
    """A new (not yet linked) entry for one event."""
    payload = envelope.payload
    unit_id = payload.get("unit_id")
    return {
        "kind": "event",
        "event_id": str(envelope.event_id),
        "event_type": envelope.event_type[:64],
        "schema_version": envelope.schema_version,
        "call_id": envelope.call_id,
        "causation_id": str(envelope.causation_id) if envelope.causation_id else None,
        "producer": envelope.producer[:64],
        "unit_id": unit_id[:64] if isinstance(unit_id, str) else None,
        "topic": topic,
        "occurred_at": timestamp(envelope.occurred_at),
        "payload_json": canonical_payload(payload),
        "_payload": payload,  # not stored: saves parsing the JSON again to index it
    }


def access_entry(payload: dict[str, Any]) -> dict[str, Any]:
    """An ``AuditAccessed`` entry: who read the record, what, when and why."""
    now = timestamp(utcnow())
    return {
        "kind": "access", "event_id": str(uuid.uuid4()), "event_type": "AuditAccessed",
        "schema_version": 1, "call_id": None, "causation_id": None, "producer": "audit",
        "unit_id": None, "topic": None, "occurred_at": now,
        "payload_json": canonical_payload(payload),
    }


@dataclass
class AppendResult:
    appended: int
    head_seq: int
    head_hash: str
    checkpointed: bool


# --- the per-poll write path, on the driver --------------------------------------------
# An append runs once per Kafka poll, and at ordinary load a poll holds 1-5 events. There
# the fixed cost of each statement is what counts, and through SQLAlchemy Core (statement
# compilation, cache keys, result wrapping) it was several times the driver's own. So this
# path speaks DB-API directly, with its statement texts built once per dialect.

ENTRY_COLUMNS = tuple(c.name for c in ENTRY.columns)
DECISION_COLUMNS = (*DECISION_FIELDS, "seq")
ATTR_COLUMNS = ("seq", "name", "value")
_entry_row = itemgetter(*ENTRY_COLUMNS)

# Values per "IN (...)" list: well under either driver's parameter limit, and it bounds
# the number of distinct statement texts (each list length is a text of its own).
IN_CHUNK = 500

# PostgreSQL: fewer rows than this go in one multi-row INSERT (one round trip, prepared
# by psycopg once it has seen the text a few times); more go through COPY, whose set-up
# costs round trips of its own but whose rows are formatted in C.
COPY_MIN_ROWS = 50

# A table's name, columns and rows (tuples in the columns' order).
Rows = tuple[str, tuple[str, ...], list[tuple[Any, ...]]]


class _Statements:
    """The write path's SQL, in the paramstyle of one engine's driver."""

    def __init__(self, engine: Engine) -> None:
        dialect = engine.dialect.name
        self.sqlite = dialect == "sqlite"
        self.copy = dialect == "postgresql"
        self.engine = engine
        # Taken before the head is read: it serialises writers (see the module docstring).
        self.lock = {"sqlite": "BEGIN IMMEDIATE",
                     "postgresql": f"SELECT pg_advisory_xact_lock({CHAIN_LOCK_ID})"}.get(dialect)
        # The last checkpoint rides along: every signed append needs it.
        self.head = ("SELECT 0, seq, hash, (SELECT max(seq) FROM audit_checkpoint) FROM "
                     "(SELECT seq, hash FROM audit_entry ORDER BY seq DESC LIMIT 1) AS head")
        self.last_checkpoint = "SELECT max(seq) FROM audit_checkpoint"
        self.present = "SELECT event_id FROM audit_entry WHERE event_id IN {}"
        # One round trip for both: rows marked 1 are the ids already recorded.
        self.head_and_present = (self.head + " UNION ALL SELECT 1, NULL, event_id, NULL "
                                 "FROM audit_entry WHERE event_id IN {}")
        # Every triage of the calls, oldest first, each with its attributes in insert order.
        self.contexts = (
            "SELECT d.seq, d.call_id, d.pathway, d.policy_version, d.district, a.name, a.value "
            "FROM audit_decision d LEFT JOIN audit_decision_attr a ON a.seq = d.seq "
            "WHERE d.kind = 'triaged' AND d.call_id IN {} ORDER BY d.seq, a.id")
        # The kinds are decisions.ORPHAN_KINDS, constants: never input.
        orphan_kinds = ", ".join(f"'{k}'" for k in ORPHAN_KINDS)
        self.orphans = (
            "SELECT seq, call_id, kind, unit_type, fallback FROM audit_decision "  # noqa: S608
            f"WHERE kind IN ({orphan_kinds}) AND policy_version IS NULL "
            "AND pathway IS NULL AND call_id IN {} ORDER BY seq")
        self.backfill = dbapi_sql(
            engine, "UPDATE audit_decision SET pathway = ?, policy_version = ?, fallback = ?, "
            "district = COALESCE(district, ?) WHERE seq = ?")
        self.checkpoint = dbapi_sql(
            engine, "INSERT INTO audit_checkpoint (seq, hash, signed_at, public_key, signature) "
            "VALUES (?, ?, ?, ?, ?)")
        self._texts: dict[tuple[str, int], str] = {}
        self._inserts: dict[tuple[tuple[str, int], ...], str] = {}

    def with_list(self, template: str, n: int) -> str:
        """The template with its ``{}`` replaced by a list of ``n`` placeholders."""
        text = self._texts.get((template, n))
        if text is None:
            text = self._texts[(template, n)] = template.format(placeholders(self.engine, n))
        return text

    def _values(self, table: str, columns: tuple[str, ...], rows: int) -> str:
        """``INSERT INTO table (columns) VALUES (...), (...), ...`` for ``rows`` rows."""
        text = self._texts.get((table, rows))
        if text is None:
            one = placeholders(self.engine, len(columns))
            text = self._texts[(table, rows)] = (
                f"INSERT INTO {table} ({', '.join(columns)}) "  # noqa: S608
                f"VALUES {', '.join([one] * rows)}")
        return text

    def insert(self, cursor: Any, *tables: Rows) -> None:
        """Insert rows into each table, in as few statements as the driver allows."""
        tables = tuple(t for t in tables if t[2])
        if not tables:
            return
        if self.sqlite:
            # sqlite3 steps one prepared statement through the rows, in C.
            for table, columns, rows in tables:
                cursor.executemany(self._values(table, columns, 1), rows)
            return
        if self.copy and sum(len(t[2]) for t in tables) >= COPY_MIN_ROWS:
            for table, columns, rows in tables:
                with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
            return
        # PostgreSQL runs every data-modifying WITH clause, so all the tables take one
        # round trip (their rows do not depend on each other: no foreign keys).
        key = tuple((table, len(rows)) for table, _, rows in tables)
        text = self._inserts.get(key)
        if text is None:
            if len(self._inserts) >= 1000:  # a bound: combinations of row counts are many
                self._inserts.clear()
            parts = [self._values(table, columns, len(rows)) for table, columns, rows in tables]
            text = self._inserts[key] = (
                parts[0] if len(parts) == 1 else
                "WITH " + ", ".join(f"i{n} AS ({part})" for n, part in enumerate(parts[:-1]))
                + " " + parts[-1])
        cursor.execute(text, [value for _, _, rows in tables for row in rows for value in row])


_STATEMENTS: dict[tuple[str, str], _Statements] = {}


def _statements(engine: Engine) -> _Statements:
    key = (engine.dialect.name, engine.dialect.driver)
    sql = _STATEMENTS.get(key)
    if sql is None:
        sql = _STATEMENTS[key] = _Statements(engine)
    return sql


def _head_and_present(
    cursor: Any, sql: _Statements, event_ids: list[str],
) -> tuple[int, str, int, set[str]]:
    """The chain's head seq and hash, the seq of the last checkpoint, and which of the
    event ids are already recorded."""
    first = event_ids[:IN_CHUNK]
    if first:
        cursor.execute(sql.with_list(sql.head_and_present, len(first)), first)
    else:
        cursor.execute(sql.head)
    head: tuple[int, str, int] | None = None
    present: set[str] = set()
    for what, seq, text, last in cursor.fetchall():
        if what == 0:
            head = (int(seq), str(text), int(last or 0))
        else:
            present.add(text)
    present.update(row[0] for row in _in_chunks(cursor, sql, sql.present,
                                                event_ids[IN_CHUNK:]))
    if head is None:
        cursor.execute(sql.last_checkpoint)
        (last,) = cursor.fetchone()
        head = (0, GENESIS, int(last or 0))
    return (*head, present)


def _in_chunks(
    cursor: Any, sql: _Statements, template: str, values: Sequence[Any],
) -> Iterator[tuple[Any, ...]]:
    """The rows of a query whose ``{}`` is an IN list of the values, a chunk at a time."""
    for start in range(0, len(values), IN_CHUNK):
        chunk = values[start:start + IN_CHUNK]
        cursor.execute(sql.with_list(template, len(chunk)), chunk)
        yield from cursor.fetchall()


def _contexts(cursor: Any, sql: _Statements, call_ids: set[str]) -> dict[str, TriageContext]:
    """The latest triage of each call, read from the search index."""
    contexts: dict[str, TriageContext] = {}
    by_seq: dict[int, TriageContext] = {}
    for seq, call_id, pathway, version, district, name, value in _in_chunks(
            cursor, sql, sql.contexts, sorted(call_ids)):
        ctx = by_seq.get(seq)
        if ctx is None:
            ctx = TriageContext(pathway=pathway, policy_version=version, district=district)
            contexts[call_id] = by_seq[seq] = ctx  # rows come oldest first: the latest wins
        if name is not None:
            {"tag": ctx.tags, "rule": ctx.rule_ids, "unit": ctx.units}[name].append(value)
    return contexts


def append_entries(
    engine: Engine, new: Sequence[dict[str, Any]], *, signing_key: Ed25519PrivateKey | None = None,
    checkpoint_every: int = 1000, anchor: AnchorLog | None = None,
) -> AppendResult:
    """Append entries not already recorded (by event_id), as one serialised transaction.
    With a signing key, a checkpoint row every ``checkpoint_every`` entries; with an
    anchor too, every new head is signed into it once the transaction has committed.

    Raises the driver's errors (see :func:`shared.db.store_unavailable`)."""
    sql = _statements(engine)
    wanted: dict[str, dict[str, Any]] = {}
    for entry in new:
        wanted.setdefault(entry["event_id"], dict(entry))
    checkpointed = False
    signed: dict[str, Any] | None = None
    with dbapi_transaction(engine) as cursor:
        with pipelined(cursor):  # BEGIN, the lock and the head: one round trip
            if sql.lock is not None:
                cursor.execute(sql.lock)
            head_seq, head_hash, last_checkpoint, present = _head_and_present(
                cursor, sql, list(wanted))
        entries = [e for k, e in wanted.items() if k not in present]
        if entries:
            recorded_at = timestamp(utcnow())
            for e in entries:
                e["recorded_at"] = recorded_at
            head_hash = link(entries, head_hash, head_seq + 1)
            head_seq = entries[-1]["seq"]
            decisions, attrs, triaged = _decisions(cursor, sql, entries)
            sql.insert(cursor, (ENTRY.name, ENTRY_COLUMNS, [_entry_row(e) for e in entries]),
                       (DECISION.name, DECISION_COLUMNS, decisions),
                       (ATTR.name, ATTR_COLUMNS, attrs))
            if triaged:
                _backfill_context(cursor, sql, triaged)
            if signing_key is not None and head_seq - last_checkpoint >= checkpoint_every:
                signed = _checkpoint(cursor, sql, signing_key, head_seq, head_hash)
                checkpointed = True
    if entries and anchor is not None and signing_key is not None:
        anchor.append([signed or signed_checkpoint(signing_key, head_seq, head_hash,
                                                   timestamp(utcnow()))])
    return AppendResult(len(entries), head_seq, head_hash, checkpointed)


def _decisions(
    cursor: Any, sql: _Statements, entries: list[dict[str, Any]],
) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]], dict[str, TriageContext]]:
    """The search index rows of the entries (decisions and their attributes), and the
    first triage context of each call triaged among them (which completes its orphans)."""
    call_ids = {e["call_id"] for e in entries
                if e["call_id"] and e["event_type"] in INDEXED_LATE}
    contexts = _contexts(cursor, sql, call_ids) if call_ids else {}
    decisions: list[tuple[Any, ...]] = []
    attrs: list[tuple[Any, ...]] = []
    triaged: dict[str, TriageContext] = {}
    for e in entries:
        if e["kind"] != "event":
            continue
        payload = e.get("_payload")
        if payload is None:
            payload = json.loads(e["payload_json"])
        if not isinstance(payload, dict):
            continue
        call_id = e["call_id"]
        late = e["event_type"] in INDEXED_LATE
        decision = decision_for(e["event_type"], call_id, e["occurred_at"], payload,
                                contexts.get(call_id) if late else None)
        if decision is None:
            continue
        if decision.kind == "triaged":
            ctx = contexts[call_id] = context_of(decision)
            if fills_orphans(ctx):
                # The first triage after an orphan completes it, however the appends
                # were batched: the index stays a function of the chain alone, so
                # verification can recompute it.
                triaged.setdefault(call_id, ctx)
        seq = e["seq"]
        decisions.append((*(getattr(decision, k) for k in DECISION_FIELDS), seq))
        attrs.extend((seq, n, v) for n, v in decision.attrs())
    return decisions, attrs, triaged


def _backfill_context(cursor: Any, sql: _Statements, triaged: dict[str, TriageContext]) -> None:
    """Give a call's decisions recorded before its triage (topics are consumed in parallel,
    so an assignment can arrive first) the triage context they missed. This updates the
    search index only; the record itself is never updated."""
    updates: list[tuple[Any, ...]] = []
    attrs: list[tuple[Any, ...]] = []
    for seq, call_id, kind, unit_type, fallback in list(
            _in_chunks(cursor, sql, sql.orphans, sorted(triaged))):
        ctx = triaged[call_id]
        updates.append((ctx.pathway, ctx.policy_version,
                        backfilled_fallback(kind, unit_type, bool(fallback), ctx),
                        ctx.district, seq))
        attrs += [(seq, "tag", t) for t in ctx.tags]
        attrs += [(seq, "rule", r) for r in ctx.rule_ids]
    if updates:
        cursor.executemany(sql.backfill, updates)
    sql.insert(cursor, (ATTR.name, ATTR_COLUMNS, attrs))


def _checkpoint(
    cursor: Any, sql: _Statements, key: Ed25519PrivateKey, seq: int, head_hash: str,
) -> dict[str, Any]:
    cp = signed_checkpoint(key, seq, head_hash, timestamp(utcnow()))
    cursor.execute(sql.checkpoint, (seq, head_hash, cp["signed_at"], cp["public_key"],
                                    cp["signature"]))
    return cp


def checkpoint_now(
    engine: Engine, key: Ed25519PrivateKey, anchor: AnchorLog | None = None,
) -> int | None:
    """Sign the head if it moved since the last checkpoint (the T-seconds path)."""
    sql = _statements(engine)
    with dbapi_transaction(engine) as cursor:
        if sql.lock is not None:
            cursor.execute(sql.lock)
        head_seq, head_hash, last, _ = _head_and_present(cursor, sql, [])
        if head_seq <= last:
            return None
        cp = _checkpoint(cursor, sql, key, head_seq, head_hash)
    if anchor is not None:
        anchor.append([cp])
    return head_seq


def record_event(engine: Engine, envelope: Envelope, topic: str | None = None) -> bool:
    """Store one event unless it is already there; True when it was new."""
    return append_entries(engine, [entry_from_envelope(envelope, topic)]).appended == 1
