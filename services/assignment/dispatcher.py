"""Assignment's decisions against the database, each in one transaction.

Every decision writes its events to the outbox in the same transaction (the relay publishes
them), so a decision and its record can never part. A unit is claimed with a conditional
UPDATE (``... WHERE status = 'available'``) whose row count is checked, never by
read-then-write; needs are row-locked (PostgreSQL) or serialized by ``BEGIN IMMEDIATE``
(SQLite), and a partial unique index refuses a second active call for one unit.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import lru_cache
from typing import Any, NamedTuple, TypeVar
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, Engine, and_, or_
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from services.assignment.matching import EtaEstimator, RosterUnit, match_unit
from services.assignment.rules import (
    Corridor,
    FallbackRule,
    IllegalTransition,
    Waiting,
    call_areas,
    check_reported_transition,
    choose_fallback,
    on_shift,
    queue_order,
    release_reason,
    safety_in_plain_words,
)
from services.assignment.store import (
    ACTIVE_STATES,
    CallRecord,
    FeedEntry,
    Need,
    Unit,
    UnitCreate,
    UnitUpdate,
)
from shared.db import DatabaseProcessedEvents, dbapi_sql, pipelined, placeholders
from shared.events import (
    AssignmentAccepted,
    AssignmentFallback,
    AssignmentTimedOut,
    CallCancelled,
    CallQueued,
    CallTriaged,
    Contract,
    Envelope,
    Location,
    UnitAssigned,
    UnitReleased,
    UnitStatus,
    UnitStatusChanged,
    UnitType,
    make_event,
)
from shared.topics import CALLS_ASSIGNED, UNITS_ASSIGNMENTS, UNITS_STATUS

log = logging.getLogger(__name__)


_STATUS = {s.value: s for s in UnitStatus}


class _CallFacts(NamedTuple):
    priority: int
    pathway: str | None
    tags: list[str]
    safety_flags: list[str]
    reasons: list[str]
    location: dict[str, Any]


class _NeedFacts(NamedTuple):
    call_id: str
    unit_type: UnitType
    priority: int


_UNIT_WRITABLE = frozenset({"status", "current_call_id", "updated_at", "lat", "lon"})


class _UnitRow(NamedTuple):
    unit_id: str
    unit_type: str
    status: str
    current_call_id: str | None
    lat: float | None
    lon: float | None
_NO_AREA: frozenset[str] = frozenset()


@dataclass(frozen=True)
class _Statements:
    """The statements of every decision, as plain DB-API text in the driver's paramstyle:
    through SQLAlchemy each costs several times what the database spends on it."""

    known_calls: str
    lock: str
    roster: str
    claim: str
    insert_call: str
    insert_need: str
    insert_outbox: str
    insert_feed: str
    unit_row: str
    assigned_needs: str
    accept_needs: str
    held_needs: str
    finish_needs: str
    call_facts: str

    @classmethod
    def for_engine(cls, engine: Engine) -> _Statements:
        def sql(statement: str) -> str:
            return dbapi_sql(engine, statement)

        sqlite = engine.dialect.name == "sqlite"
        return cls(
            known_calls=sql("SELECT call_id FROM call_record WHERE call_id IN "),
            # SQLite has no row locks (BEGIN IMMEDIATE took the database).
            lock="" if sqlite else " FOR UPDATE",
            roster=sql("SELECT unit_id, status, lat, lon, service_area, shift FROM unit "
                       "WHERE unit_type = ?"),
            claim=sql("UPDATE unit SET status = ?, current_call_id = ?, updated_at = ? "
                      "WHERE unit_id = ? AND status = ?"),
            # Every column but generated ids, in the order _insert_new gives them.
            insert_call=sql("INSERT INTO call_record (call_id, priority, pathway, tags, "
                            "safety_flags, reasons, location, cancelled, triaged_event_id, "
                            "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
            insert_need=sql("INSERT INTO call_need (call_id, unit_type, priority, state, "
                            "unit_id, queued_at, assigned_at, ack_due_at, fallback_due_at, "
                            "excluded, fallback_applied) "
                            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
            insert_outbox=sql("INSERT INTO outbox (topic, envelope, created_at) "
                              "VALUES (?, ?, ?)"),
            insert_feed=sql("INSERT INTO unit_feed (unit_id, call_id, kind, data, "
                            "created_at) VALUES (?, ?, ?, ?, ?)"),
            unit_row=sql("SELECT unit_id, unit_type, status, current_call_id, lat, lon "
                         "FROM unit WHERE unit_id = ?"),
            assigned_needs=sql("SELECT call_id, unit_type FROM call_need "
                               "WHERE unit_id = ? AND state = 'assigned' ORDER BY id"),
            accept_needs=sql("UPDATE call_need SET state = 'accepted', ack_due_at = NULL "
                             "WHERE unit_id = ? AND state = 'assigned'"),
            held_needs=sql("SELECT call_id, unit_type, priority FROM call_need "
                           "WHERE unit_id = ? AND state IN ('assigned', 'accepted') "
                           "ORDER BY id"),
            finish_needs=sql("UPDATE call_need SET state = 'done', ack_due_at = NULL "
                             "WHERE unit_id = ? AND state IN ('assigned', 'accepted')"),
            call_facts=sql("SELECT priority, pathway, tags, safety_flags, reasons, location "
                           "FROM call_record WHERE call_id = ?"),
        )


_CALL_FIELDS = frozenset(CallRecord.model_fields)
_NEED_FIELDS = frozenset(Need.model_fields)
_TableModel = TypeVar("_TableModel", CallRecord, Need)


def _new_row(cls: type[_TableModel], **values: Any) -> _TableModel:
    """A new (transient) call or need with every field given, built the way SQLAlchemy
    builds a row it loads: values straight into the instance's dict. The constructor sets
    each field through SQLModel's and SQLAlchemy's attribute hooks, about 100 us a row on
    the path of every decision. The instance then behaves as one from the constructor:
    later changes go through the hooks, and the session inserts it if it is added."""
    assert values.keys() == (_CALL_FIELDS if cls is CallRecord else _NEED_FIELDS)
    row: _TableModel = cls.__mapper__.class_manager.new_instance()  # type: ignore[attr-defined]
    row.__dict__.update(values)
    object.__setattr__(row, "__pydantic_fields_set__", set(values))
    return row


@lru_cache(maxsize=1024)
def _areas(raw: Any) -> frozenset[str]:
    """A service area column as stored (JSON text; a tuple when the driver decoded it)."""
    if not raw or raw == "[]":
        return _NO_AREA
    return frozenset(json.loads(raw) if isinstance(raw, str) else raw)


@lru_cache(maxsize=4096)
def _on_shift(shift: str | None, minute: int) -> bool:
    return on_shift(shift, minute)


class UnitNotFound(LookupError):
    pass


class UnitExists(ValueError):
    pass


class StatusConflict(RuntimeError):
    """The unit changed under us (or holds no assignment to accept): retry or give up."""


@dataclass(frozen=True)
class UnitReport:
    """A crew's (or an admin's) status report, as the API received it."""

    unit_id: str
    status: UnitStatus
    location: Location | None = None
    call_id: str | None = None


ReportRefused = UnitNotFound | StatusConflict | IllegalTransition


@dataclass
class DispatchConfig:
    producer: str
    estimator: EtaEstimator
    corridors: list[Corridor] = field(default_factory=list)
    fallbacks: list[FallbackRule] = field(default_factory=list)
    ack_timeout_s: float = 90.0
    timezone: str = "America/Chicago"
    max_candidates: int = 10


@dataclass
class _Tx:
    """What one transaction decided: the session, its cause, and a counter for event ids."""

    session: Session
    cause: Envelope | None
    now: float
    # The session's connection, and a DB-API cursor on it for the hot statements (same
    # transaction).
    connection: Connection
    cursor: Any
    seq: int = 0
    announce: list[Need] = field(default_factory=list)
    # Rosters read in this transaction. Decisions hold the decision lock, so units change
    # only through this transaction: a claim updates the cached list; a release drops it.
    rosters: dict[UnitType, tuple[list[RosterUnit], bool]] = field(default_factory=dict)
    # Call records this transaction holds, new ones included: a new record is not in the
    # session's identity map until flushed, and asking the session for it would flush.
    calls: dict[str, CallRecord] = field(default_factory=dict)
    # Calls and needs made here and not yet in the session: inserted with one statement
    # each at the end (an ORM flush of a few new rows costs more than the decision), or
    # handed to the session as soon as a query must see them (see _materialize).
    new_calls: dict[str, CallRecord] = field(default_factory=dict)
    new_needs: list[Need] = field(default_factory=list)
    # Outbox and feed rows, inserted in order in one statement each at the end (plain rows,
    # not ORM objects: there are several per decision and nothing reads them back here).
    outbox: list[tuple[str, str, float]] = field(default_factory=list)
    feed: list[tuple[str, str, str, str, float]] = field(default_factory=list)
    # Ids of the events this transaction handles, recorded as handled in it (see
    # Dispatcher.processed).
    handled: list[str] = field(default_factory=list)

    def call(self, call_id: str) -> CallRecord | None:
        found = self.calls.get(call_id)
        return found if found is not None else self.session.get(CallRecord, call_id)


class Dispatcher:
    def __init__(self, engine: Engine, config: DispatchConfig,
                 clock: Callable[[], float] = time.time, reader: Engine | None = None,
                 processed: DatabaseProcessedEvents | None = None) -> None:
        """``processed``: the consumer's record of handled events. Each decision records
        its event there in its own transaction, so a decision and its record are both
        kept or both lost (a crash in between used to re-decide an older triage), and
        the consumer's own mark after the poll finds nothing left to write."""
        self.engine = engine
        self.processed = processed
        # Reads go through an engine without BEGIN IMMEDIATE, so they never wait on writers.
        self.reader = reader or engine
        self.config = config
        self.clock = clock
        self._sql = _Statements.for_engine(engine)
        self._tz = ZoneInfo(config.timezone)
        # Per unit type, the minute of the last full pass over the queue (see _drain).
        self._full_pass: dict[UnitType, int] = {}
        # Called (from the deciding thread) after every committed decision: the service
        # wakes its outbox relay with it, so a decision is published at once.
        self.after_commit: Callable[[], None] = lambda: None

    # --- plumbing ------------------------------------------------------------------------

    @contextmanager
    def _transaction(self, cause: Envelope | None) -> Iterator[_Tx]:
        # The transaction is the connection's; the session joins it and only flushes (its
        # own begin and commit cost as much as a small decision's statements).
        with self.engine.connect() as connection, connection.begin(), \
                Session(connection, expire_on_commit=False) as session:
            cursor = connection.connection.cursor()
            try:
                tx = _Tx(session, cause, self.clock(), connection, cursor)
                yield tx
                self._announce_queued(tx)
                # The session's changes first: one may release the unit a new need now
                # holds, which the partial unique index checks row by row. Then every
                # insert of the transaction, none of them read back, in one round trip.
                session.flush()
                with pipelined(cursor):
                    self._insert_new(tx)
                    if tx.outbox:
                        cursor.executemany(self._sql.insert_outbox, tx.outbox)
                    if tx.feed:
                        cursor.executemany(self._sql.insert_feed, tx.feed)
                    if tx.handled and self.processed is not None:
                        self.processed.mark_within(cursor, tx.handled)
            finally:
                cursor.close()
        if tx.handled and self.processed is not None:
            self.processed.remember(tx.handled)
        self.after_commit()

    @staticmethod
    def _materialize(tx: _Tx) -> None:
        """Hand this transaction's new calls and needs to the session, which inserts them
        now: a query is about to read those tables. From then on they are rows like any
        loaded one (the session tracks their changes)."""
        if tx.new_calls or tx.new_needs:
            tx.session.add_all(tx.new_calls.values())
            tx.session.add_all(tx.new_needs)
            tx.new_calls.clear()
            tx.new_needs.clear()
            tx.session.flush()

    def _insert_new(self, tx: _Tx) -> None:
        """Insert the new calls and needs as they stand at the end of the transaction
        (after the session's changes are flushed)."""
        dumps = json.dumps  # as SQLAlchemy's JSON type writes them
        if tx.new_calls:
            tx.cursor.executemany(self._sql.insert_call, [
                (c.call_id, c.priority, c.pathway, dumps(c.tags), dumps(c.safety_flags),
                 dumps(c.reasons), dumps(c.location), c.cancelled, c.triaged_event_id,
                 c.updated_at)
                for c in tx.new_calls.values()])
        if tx.new_needs:
            tx.cursor.executemany(self._sql.insert_need, [
                (n.call_id, n.unit_type.value, n.priority, n.state, n.unit_id, n.queued_at,
                 n.assigned_at, n.ack_due_at, n.fallback_due_at, dumps(n.excluded),
                 n.fallback_applied)
                for n in tx.new_needs])
        tx.new_calls.clear()
        tx.new_needs.clear()

    def _emit(self, tx: _Tx, topic: str, payload: Contract, call_id: str | None,
              key: str | None = None, copy_to_unit: str | None = None) -> Envelope:
        tx.seq += 1
        envelope = make_event(payload, producer=self.config.producer, call_id=call_id,
                              causation=tx.cause, key=key, discriminator=str(tx.seq))
        tx.outbox.append((topic, envelope.model_dump_json(), tx.now))
        if copy_to_unit is not None:
            # The same event (same id) on the per-unit topic, keyed by the unit.
            copy = envelope.model_copy(update={"key": copy_to_unit})
            tx.outbox.append((UNITS_ASSIGNMENTS, copy.model_dump_json(), tx.now))
        return envelope

    def _status_event(self, tx: _Tx, unit_id: str, unit_type: UnitType, status: UnitStatus,
                      previous: UnitStatus | None, call_id: str | None,
                      lat: float | None = None, lon: float | None = None) -> None:
        location = Location(lat=lat, lon=lon) if lat is not None and lon is not None else None
        self._emit(tx, UNITS_STATUS,
                   UnitStatusChanged(unit_id=unit_id, unit_type=unit_type, status=status,
                                     previous_status=previous, location=location),
                   call_id=call_id, key=unit_id)

    def _minute_of_day(self, now: float) -> int:
        local = datetime.fromtimestamp(now, self._tz)
        return local.hour * 60 + local.minute

    def _roster(self, tx: _Tx, unit_type: UnitType) -> tuple[list[RosterUnit], bool]:
        """Every unit of a type, read raw (no ORM, no per-row type processing): it is the
        hot path of every decision. Also says whether any unit of the type works a shift."""
        cached = tx.rosters.get(unit_type)
        if cached is None:
            cached = tx.rosters[unit_type] = self._read_roster(tx, unit_type)
        return cached

    def _read_roster(self, tx: _Tx, unit_type: UnitType) -> tuple[list[RosterUnit], bool]:
        tx.cursor.execute(self._sql.roster, (unit_type.value,))
        return self._roster_of(tx, unit_type, tx.cursor.fetchall())

    def _roster_of(self, tx: _Tx, unit_type: UnitType,
                   rows: Sequence[Any]) -> tuple[list[RosterUnit], bool]:
        minute = self._minute_of_day(tx.now)
        return [
            RosterUnit(uid, unit_type, _STATUS[status], lat, lon,
                       _areas(areas if areas is None or isinstance(areas, str)
                              else tuple(areas)),
                       _on_shift(shift, minute))
            for uid, status, lat, lon, areas, shift in rows
        ], any(row[5] for row in rows)

    def _unit_row(self, tx: _Tx, unit_id: str) -> _UnitRow | None:
        tx.cursor.execute(self._sql.unit_row, (unit_id,))
        row = tx.cursor.fetchone()
        return None if row is None else _UnitRow(*row)

    def _update_unit(self, tx: _Tx, unit_id: str, values: dict[str, Any], *,
                     status: str | None = None, holds: str | object | None = ...) -> int:
        """UPDATE one unit row with ``values`` (None writes NULL), only while it still has
        ``status`` and holds the call ``holds`` (None: no call) where given; returns the
        rows changed. Plain DB-API: crews report several times a call, and through
        SQLAlchemy Core this statement and its unit read cost ~1 ms of each report."""
        unknown = set(values) - _UNIT_WRITABLE
        if unknown:
            raise ValueError(f"not a writable unit column: {sorted(unknown)}")
        sets = ", ".join(f"{name} = ?" for name in values)
        where, params = ["unit_id = ?"], [*values.values(), unit_id]
        if status is not None:
            where.append("status = ?")
            params.append(status)
        if holds is None:
            where.append("current_call_id IS NULL")
        elif holds is not ...:
            where.append("current_call_id = ?")
            params.append(holds)
        # Column names from the fixed set above, every value a parameter.
        statement = f"UPDATE unit SET {sets} WHERE " + " AND ".join(where)  # noqa: S608
        tx.cursor.execute(dbapi_sql(self.engine, statement), params)
        return int(tx.cursor.rowcount)

    def _feed(self, tx: _Tx, unit_id: str, call: CallRecord | _CallFacts | None,
              need: Need | _NeedFacts, kind: str, reason: str | None = None) -> None:
        location = call.location if call else {}
        data = {
            "kind": kind, "call_id": need.call_id, "unit_type": need.unit_type.value,
            "priority": call.priority if call else need.priority,
            "pathway": call.pathway if call else None,
            "tags": call.tags if call else [],
            "address": location.get("address"), "lat": location.get("lat"),
            "lon": location.get("lon"), "district": location.get("district"),
            "safety": safety_in_plain_words(call.safety_flags if call else []),
            "safety_flags": call.safety_flags if call else [],
            "triage_reasons": call.reasons if call else [],
            "reason": reason, "at": tx.now,
        }
        tx.feed.append((unit_id, need.call_id, kind, json.dumps(data), tx.now))

    def _locked_needs(self, tx: _Tx, *where: Any) -> list[Need]:
        self._materialize(tx)
        statement = select(Need).where(*where).with_for_update()
        return list(tx.session.exec(statement).all())

    # --- matching and the queue ----------------------------------------------------------

    def _try_assign(self, tx: _Tx, need: Need, call: CallRecord,
                    roster: list[RosterUnit]) -> bool:
        """Claim the best unit for a waiting need; False when none is free."""
        where = Location.model_validate(call.location)
        areas = call_areas(where, self.config.corridors)
        lost: set[str] = set()
        while True:
            match = match_unit(roster, need.unit_type, where,
                               estimator=self.config.estimator, call_areas=areas,
                               excluded=set(need.excluded) | lost,
                               max_candidates=self.config.max_candidates)
            chosen = match.chosen
            if chosen is None:
                return False
            tx.cursor.execute(self._sql.claim, (
                UnitStatus.dispatched.value, need.call_id, tx.now, chosen.unit_id,
                UnitStatus.available.value))
            claimed = tx.cursor.rowcount
            index = next(i for i, u in enumerate(roster) if u.unit_id == chosen.unit_id)
            if claimed != 1:
                # Someone else took it between our read and our write: next candidate.
                lost.add(chosen.unit_id)
                roster[index] = replace(roster[index], status=UnitStatus.dispatched)
                continue
            unit = roster[index]
            roster[index] = replace(unit, status=UnitStatus.dispatched)
            break
        need.state = "assigned"
        need.unit_id = chosen.unit_id
        need.assigned_at = tx.now
        need.ack_due_at = tx.now + self.config.ack_timeout_s
        assigned = UnitAssigned(
            unit_id=chosen.unit_id, unit_type=need.unit_type, distance_km=chosen.distance_km,
            eta_s=chosen.eta_s, rule=match.rule, candidates=match.candidates,
            candidates_total=match.considered, priority=need.priority,
            waited_s=round(tx.now - need.queued_at, 3),
        )
        self._emit(tx, CALLS_ASSIGNED, assigned, need.call_id, copy_to_unit=chosen.unit_id)
        self._status_event(tx, chosen.unit_id, need.unit_type, UnitStatus.dispatched,
                           UnitStatus.available, need.call_id, unit.lat, unit.lon)
        self._feed(tx, chosen.unit_id, call, need, "assigned")
        log.info("unit assigned", extra={"call_id": need.call_id, "unit_id": chosen.unit_id})
        return True

    def _locations(self, tx: _Tx, call_ids: list[str]) -> dict[str, Any]:
        """The stored location of these calls, columns only, in a few queries."""
        found: dict[str, Any] = {}
        unique = list(dict.fromkeys(call_ids))
        for start in range(0, len(unique), 500):
            chunk = unique[start:start + 500]
            found.update(tx.session.execute(
                select(CallRecord.call_id, CallRecord.location)
                .where(col(CallRecord.call_id).in_(chunk))).all())
        return found

    def _drain(self, tx: _Tx, unit_types: set[UnitType],
               own: dict[UnitType, list[Need]] | None = None) -> None:
        """Serve waiting needs of these types, most urgent first, while units are free.

        Invariant: every waiting need has already been tried against every unit that is
        free now (each decision serves the queue when it frees a unit). So with ``own`` (a
        triage: the call's own waiting needs by type), only those needs are tried, unless
        a unit of the type works a shift and the minute moved on since the last full pass
        (a unit coming on shift is a unit becoming free). Otherwise every waiting need of
        the type is tried, but first screened (columns only, no ORM objects) against the
        free units, so a pass over a long queue whose free units suit nobody costs a few
        set operations per need; only the needs some free unit may take are loaded.
        """
        minute = int(tx.now // 60)
        for unit_type in sorted(unit_types):
            roster, shifts = self._roster(tx, unit_type)
            free = [u for u in roster if u.status is UnitStatus.available and u.on_shift]
            full = (own is None or unit_type not in own
                    or (shifts and self._full_pass.get(unit_type) != minute))
            if full and shifts:
                self._full_pass[unit_type] = minute
            if not free:
                continue
            rows: list[tuple[Any, ...]]
            # The own path refers to its needs by position (new ones have no id yet).
            own_needs: list[Need] = []
            if full:
                self._materialize(tx)
                rows = list(tx.session.execute(
                    sa_select(col(Need.id), col(Need.call_id), col(Need.priority),
                              col(Need.queued_at), col(Need.excluded))
                    .where(col(Need.unit_type) == unit_type, col(Need.state) == "waiting")
                    .with_for_update()).all())
            else:
                assert own is not None
                own_needs = [n for n in own[unit_type] if n.state == "waiting"]
                rows = [(i, n.call_id, n.priority, n.queued_at, n.excluded)
                        for i, n in enumerate(own_needs)]
            info = {r[0]: r for r in rows}
            order = queue_order(Waiting(r[0] or 0, r[1], unit_type, r[2], r[3]) for r in rows)
            locations: dict[str, Any] = {}
            if any(u.service_area for u in free):
                # The own path's calls are in hand; a full pass reads the queue's.
                locations = (self._locations(tx, [r[1] for r in rows]) if full else
                             {r[1]: getattr(tx.call(r[1]), "location", None) for r in rows})
            for item in order:
                _, call_id, _, _, excluded_raw = info[item.need_id]
                excluded = set(excluded_raw or ())
                open_units = [u for u in free if u.unit_id not in excluded]
                if not open_units:
                    continue
                if all(u.service_area for u in open_units):
                    areas = call_areas(Location.model_validate(locations.get(call_id) or {}),
                                       self.config.corridors)
                    if all(u.service_area.isdisjoint(areas) for u in open_units):
                        continue  # no free unit may take it: skip the full match
                call = tx.call(call_id)
                need = (tx.session.get(Need, item.need_id) if full
                        else own_needs[item.need_id])
                if call is None or call.cancelled or need is None or need.state != "waiting":
                    continue
                if self._try_assign(tx, need, call, roster):
                    free = [u for u in roster
                            if u.status is UnitStatus.available and u.on_shift]
                    if not free:
                        break

    def _queue(self, tx: _Tx, need: Need) -> None:
        """Mark a need as waiting; it is announced (CallQueued) if still waiting at commit."""
        need.state = "waiting"
        need.unit_id = None
        need.ack_due_at = None
        tx.announce.append(need)

    def _announce_queued(self, tx: _Tx) -> None:
        for need in tx.announce:
            if need.state != "waiting":
                continue
            call = tx.call(need.call_id)
            pathway = call.pathway if call else None
            rule = choose_fallback(self.config.fallbacks, need.unit_type, pathway,
                                   need.priority)
            if rule is not None and need.fallback_due_at is None and not need.fallback_applied:
                need.fallback_due_at = need.queued_at + rule.after_s
            self._emit(tx, CALLS_ASSIGNED,
                       CallQueued(unit_type=need.unit_type, priority=need.priority,
                                  reason=f"no available {need.unit_type} unit",
                                  fallback_due_s=(round(need.fallback_due_at - tx.now, 1)
                                                  if need.fallback_due_at else None)),
                       need.call_id)
        tx.announce.clear()

    def _release(self, tx: _Tx, need: Need, reason: str, *,
                 set_status: UnitStatus | None) -> UnitType | None:
        """End a unit's hold on a need's call; returns the unit's type when it became free."""
        unit_id = need.unit_id
        if unit_id is None:
            return None
        freed = None
        if set_status is not None:
            row = self._unit_row(tx, unit_id)
            if row is not None and row.current_call_id == need.call_id:
                self._update_unit(tx, unit_id, {"status": set_status.value,
                                                "current_call_id": None, "updated_at": tx.now},
                                  holds=need.call_id)
                tx.rosters.pop(need.unit_type, None)
                self._status_event(tx, unit_id, need.unit_type, set_status,
                                   UnitStatus(row.status), need.call_id)
                freed = need.unit_type if set_status == UnitStatus.available else None
        self._emit(tx, CALLS_ASSIGNED,
                   UnitReleased(unit_id=unit_id, unit_type=need.unit_type, reason=reason),
                   need.call_id, copy_to_unit=unit_id)
        self._feed(tx, unit_id, tx.call(need.call_id), need, "released",
                   reason)
        return freed

    # --- events --------------------------------------------------------------------------

    def on_triaged(self, envelope: Envelope, triaged: CallTriaged) -> None:
        self.on_triaged_many([(envelope, triaged)])

    def on_triaged_many(self, items: list[tuple[Envelope, CallTriaged]],
                        per_transaction: int = 50) -> None:
        """Decide these calls in order, up to ``per_transaction`` in one transaction: one
        commit (and one turn of the decision lock) for many decisions, while the lock is
        still never held long enough to keep a crew's status report waiting."""
        for start in range(0, len(items), per_transaction):
            chunk = [(e, t) for e, t in items[start:start + per_transaction]
                     if e.call_id is not None]
            if not chunk:
                continue
            with self._transaction(None) as tx:
                # The calls already known, locked, in one query for the whole chunk (ids
                # only: nearly every call is new); their records only if there are any.
                ids = list({e.call_id for e, _ in chunk})
                # With them, the rosters of the unit types the chunk asks for (every
                # decision reads its types' roster), all in one round trip.
                types = sorted({u for _, t in chunk for u in t.units} - tx.rosters.keys())
                cursors = [tx.connection.connection.cursor() for _ in types]
                try:
                    with pipelined(tx.cursor):
                        tx.cursor.execute(
                            self._sql.known_calls + placeholders(self.engine, len(ids))
                            + self._sql.lock, ids)
                        for unit_type, cursor in zip(types, cursors, strict=True):
                            cursor.execute(self._sql.roster, (unit_type.value,))
                    for unit_type, cursor in zip(types, cursors, strict=True):
                        tx.rosters[unit_type] = self._roster_of(tx, unit_type,
                                                                cursor.fetchall())
                finally:
                    for cursor in cursors:
                        cursor.close()
                known = [row[0] for row in tx.cursor.fetchall()]
                if known:
                    tx.calls.update((c.call_id, c) for c in tx.session.exec(
                        select(CallRecord).where(col(CallRecord.call_id).in_(known))
                        .with_for_update()))
                tx.handled.extend(str(e.event_id) for e, _ in chunk)
                for envelope, triaged in chunk:
                    assert envelope.call_id is not None
                    # Each decision's events are caused by (and their ids derived from)
                    # its own CallTriaged.
                    tx.cause, tx.seq = envelope, 0
                    self._triaged(tx, envelope.call_id, tx.calls.get(envelope.call_id),
                                  envelope, triaged)
                    self._announce_queued(tx)

    def _triaged(self, tx: _Tx, call_id: str, call: CallRecord | None, envelope: Envelope,
                 triaged: CallTriaged) -> None:
        """Decide one call (``call``: its record, locked, or None when first seen); the
        record as it now stands is left in ``tx.calls``."""
        s = tx.session
        if call is not None and (call.cancelled
                                 or call.triaged_event_id == str(envelope.event_id)):
            return
        known = call is not None
        facts: dict[str, Any] = {
            "priority": triaged.priority, "pathway": triaged.pathway,
            "tags": list(triaged.tags), "safety_flags": list(triaged.safety_flags),
            "reasons": [r.rule_id for r in triaged.reasons],
            "location": triaged.location.model_dump(mode="json"),
            "triaged_event_id": str(envelope.event_id), "updated_at": tx.now,
        }
        if call is None:
            call = _new_row(CallRecord, call_id=call_id, cancelled=False, **facts)
            tx.new_calls[call_id] = call
        else:
            # The record may be new in this transaction (the call came twice in a chunk).
            self._materialize(tx)
            for name, value in facts.items():
                setattr(call, name, value)
        tx.calls[call_id] = call
        wanted = list(dict.fromkeys(triaged.units))
        # A call seen for the first time has no needs yet: no query for them.
        needs = ({n.unit_type: n for n in self._locked_needs(tx, Need.call_id == call_id)}
                 if known else {})
        freed: set[UnitType] = set()
        for unit_type, need in needs.items():
            if unit_type in wanted:
                continue
            if need.state in ACTIVE_STATES:
                t = self._release(tx, need, "re-triaged: this unit type is no longer needed",
                                  set_status=UnitStatus.available)
                if t is not None:
                    freed.add(t)
            if need.state in ("waiting", *ACTIVE_STATES):
                need.state = "released"
                need.fallback_due_at = None
                s.add(need)
        for unit_type in wanted:
            found = needs.get(unit_type)
            if found is None:
                need = _new_row(Need, id=None, call_id=call_id, unit_type=unit_type,
                                priority=triaged.priority, state="waiting", unit_id=None,
                                queued_at=tx.now, assigned_at=None, ack_due_at=None,
                                fallback_due_at=None, excluded=[], fallback_applied=False)
                needs[unit_type] = need
                tx.new_needs.append(need)
                self._queue(tx, need)
                continue
            need = found
            need.priority = triaged.priority
            s.add(need)
            if need.state == "released":
                need.excluded = []
                self._queue(tx, need)
            elif need.state in ACTIVE_STATES and need.unit_id:
                self._feed(tx, need.unit_id, call, need, "updated", "the call was re-triaged")
        # Only this call's waiting needs can use a unit that is free now (see _drain);
        # a unit freed by the re-triage is offered to the whole queue. ``needs`` holds
        # every need of the call (read under lock above, or just made; new ones are
        # inserted at the end, or when a query must see them).
        own: dict[UnitType, list[Need]] = {}
        for need in needs.values():
            if need.state == "waiting":
                own.setdefault(need.unit_type, []).append(need)
        self._drain(tx, set(own) - freed, own)
        self._drain(tx, freed)

    def on_cancelled(self, envelope: Envelope, cancelled: CallCancelled) -> None:
        call_id = envelope.call_id
        if call_id is None:
            return
        with self._transaction(envelope) as tx:
            tx.handled.append(str(envelope.event_id))
            s = tx.session
            call = s.get(CallRecord, call_id, with_for_update=True)
            if call is None:
                # Cancelled before triage reached us: a tombstone makes the triage a no-op.
                call = CallRecord(call_id=call_id, priority=5, tags=[], safety_flags=[],
                                  reasons=[], location={}, updated_at=tx.now)
            if call.cancelled:
                return
            call.cancelled = True
            call.updated_at = tx.now
            s.add(call)
            freed: set[UnitType] = set()
            for need in self._locked_needs(tx, Need.call_id == call_id):
                if need.state in ACTIVE_STATES:
                    t = self._release(tx, need, "call cancelled", set_status=UnitStatus.available)
                    if t is not None:
                        freed.add(t)
                if need.state in ("waiting", *ACTIVE_STATES):
                    need.state = "released"
                    need.fallback_due_at = None
                    s.add(need)
            s.flush()
            self._drain(tx, freed)

    # --- responders and admins -----------------------------------------------------------

    def report_status(self, unit_id: str, status: UnitStatus,
                      location: Location | None = None, call_id: str | None = None
                      ) -> dict[str, Any]:
        """A crew (or an admin) reports a status; raises before changing anything if illegal.

        A report naming the call it is about is refused when the unit no longer holds that
        call: a doubled "clear" must not decline the next call the unit was just sent to.
        """
        [result] = self.report_statuses([UnitReport(unit_id, status, location, call_id)])
        if isinstance(result, Exception):
            raise result
        return result

    def report_statuses(self, reports: Sequence[UnitReport]
                        ) -> list[dict[str, Any] | ReportRefused]:
        """Several reports in one transaction (one lock, one commit), each applied in turn
        as if alone. A refused one (unknown unit, illegal or stale) changes nothing and is
        returned as its error, in its place; the others go on."""
        results: list[dict[str, Any] | ReportRefused] = []
        with self._transaction(None) as tx:
            for report in reports:
                try:
                    results.append(self._report(tx, report))
                except (UnitNotFound, StatusConflict, IllegalTransition) as refused:
                    results.append(refused)
        return results

    def _report(self, tx: _Tx, report: UnitReport) -> dict[str, Any]:
        """One report inside a transaction. Every refusal is raised before any write."""
        unit_id, status, location, call_id = (report.unit_id, report.status, report.location,
                                              report.call_id)
        row = self._unit_row(tx, unit_id)
        if row is None:
            raise UnitNotFound(unit_id)
        if call_id is not None and row.current_call_id != call_id:
            raise StatusConflict("stale report: the unit does not hold that call now")
        previous = UnitStatus(row.status)
        check_reported_transition(previous, status)
        values: dict[str, Any] = {"status": status.value, "updated_at": tx.now}
        lat, lon = row.lat, row.lon
        if location is not None and location.lat is not None and location.lon is not None:
            lat, lon = location.lat, location.lon
            values.update(lat=lat, lon=lon)
        holds = row.current_call_id
        if status in (UnitStatus.available, UnitStatus.out_of_service):
            values["current_call_id"] = None
        if self._update_unit(tx, unit_id, values, status=previous.value,
                             holds=holds) != 1:
            raise StatusConflict("the unit changed at the same moment; retry")
        unit_type = UnitType(row.unit_type)
        # The unit changed behind the roster this transaction may hold (several reports
        # share one): read it again when next needed.
        tx.rosters.pop(unit_type, None)
        self._status_event(tx, unit_id, unit_type, status, previous, holds, lat, lon)
        drain: set[UnitType] = set()
        if status == UnitStatus.available:
            drain.add(unit_type)
        verdict = release_reason(previous, status)
        changed = holds is not None and status != previous
        if changed and status in (UnitStatus.en_route, UnitStatus.on_scene):
            self._accept_held(tx, unit_id)
        elif changed and verdict is not None and not verdict[1]:  # nothing to requeue
            self._finish_held(tx, unit_id, verdict[0])
        elif changed and verdict is not None:  # the call needs another unit now
            for need in self._locked_needs(tx, Need.unit_id == unit_id,
                                           col(Need.state).in_(ACTIVE_STATES)):
                self._release(tx, need, verdict[0], set_status=None)
                need.excluded = [*need.excluded, unit_id]
                self._queue(tx, need)
                drain.add(need.unit_type)
        tx.session.flush()
        self._drain(tx, drain)
        # What the drain changed through the session must be in the database for the
        # next report's plain statements.
        tx.session.flush()
        return {"unit_id": unit_id, "status": status, "previous_status": previous}

    def _finish_held(self, tx: _Tx, unit_id: str, reason: str) -> None:
        """The crew cleared (or went out of service after arriving): what the unit held
        is done and released. The other half of the status reports, in plain DB-API, as
        _accept_held; a release that puts the call back in the queue (a decline) still
        goes through the session."""
        tx.cursor.execute(self._sql.held_needs + self._sql.lock, (unit_id,))
        held = tx.cursor.fetchall()
        if not held:
            return
        tx.cursor.execute(self._sql.finish_needs, (unit_id,))
        for call_id, unit_type, priority in held:
            need = _NeedFacts(call_id, UnitType(unit_type), priority)
            self._emit(tx, CALLS_ASSIGNED,
                       UnitReleased(unit_id=unit_id, unit_type=need.unit_type, reason=reason),
                       call_id, copy_to_unit=unit_id)
            self._feed(tx, unit_id, self._call_facts(tx, call_id), need, "released", reason)

    def _call_facts(self, tx: _Tx, call_id: str) -> _CallFacts | None:
        """What a crew's feed shows of a call, read raw (JSON columns come back as text
        from SQLite, as values from psycopg)."""
        tx.cursor.execute(self._sql.call_facts, (call_id,))
        row = tx.cursor.fetchone()
        if row is None:
            return None
        priority, pathway, *json_columns = row
        tags, safety_flags, reasons, location = (
            json.loads(v) if isinstance(v, str) else v for v in json_columns)
        return _CallFacts(priority, pathway, tags or [], safety_flags or [], reasons or [],
                          location or {})

    def _accept_held(self, tx: _Tx, unit_id: str) -> None:
        """The crew is on its way or there: what the unit was sent to is accepted. About
        half of all status reports, so plain DB-API rather than loading and flushing the
        needs through the session (benchmarks/assignment_queue.py --crews: 2.56 -> 2.44 ms
        of CPU per report, both kinds together)."""
        tx.cursor.execute(self._sql.assigned_needs + self._sql.lock, (unit_id,))
        accepted = tx.cursor.fetchall()
        if not accepted:
            return
        tx.cursor.execute(self._sql.accept_needs, (unit_id,))
        for call_id, unit_type in accepted:
            self._emit(tx, CALLS_ASSIGNED,
                       AssignmentAccepted(unit_id=unit_id, unit_type=UnitType(unit_type)),
                       call_id)

    def _accept(self, tx: _Tx, need: Need) -> None:
        need.state = "accepted"
        need.ack_due_at = None
        tx.session.add(need)
        assert need.unit_id is not None
        self._emit(tx, CALLS_ASSIGNED,
                   AssignmentAccepted(unit_id=need.unit_id, unit_type=need.unit_type),
                   need.call_id)

    def accept(self, unit_id: str) -> str:
        """The crew acknowledges its pending assignment; returns the call id."""
        with self._transaction(None) as tx:
            if self._unit_row(tx, unit_id) is None:
                raise UnitNotFound(unit_id)
            needs = self._locked_needs(tx, Need.unit_id == unit_id,
                                       col(Need.state).in_(ACTIVE_STATES))
            if not needs:
                raise StatusConflict("this unit has no assignment to accept")
            need = needs[0]
            if need.state == "assigned":
                self._accept(tx, need)
            return need.call_id

    def create_unit(self, data: UnitCreate) -> Unit:
        """Add a unit to the roster (available); raises UnitExists."""
        with self._transaction(None) as tx:
            if self._unit_row(tx, data.unit_id) is not None:
                raise UnitExists(data.unit_id)
            unit = Unit.model_validate(data.model_dump())
            unit.updated_at = tx.now
            tx.session.add(unit)
            tx.session.flush()
            self._status_event(tx, unit.unit_id, unit.unit_type, unit.status, None, None,
                               unit.lat, unit.lon)
            self._drain(tx, {unit.unit_type})
            tx.session.refresh(unit)
            return unit

    def update_unit(self, unit_id: str, data: UnitUpdate) -> Unit:
        """Change a unit's station, area, shift or position; a wider area may serve the queue."""
        with self._transaction(None) as tx:
            unit = tx.session.get(Unit, unit_id, with_for_update=True)
            if unit is None:
                raise UnitNotFound(unit_id)
            changes = data.model_dump(exclude_unset=True)
            for name, value in changes.items():
                setattr(unit, name, value)
            unit.updated_at = tx.now
            tx.session.add(unit)
            tx.session.flush()
            unit_type, status = unit.unit_type, unit.status
            tx.session.expunge(unit)
            if status == UnitStatus.available:
                self._drain(tx, {unit_type})
            return unit

    # --- timers --------------------------------------------------------------------------

    def due_needs(self) -> list[int]:
        now = self.clock()
        with Session(self.reader) as session:
            rows = session.exec(select(Need.id).where(or_(
                and_(col(Need.state) == "assigned", col(Need.ack_due_at) <= now),
                and_(col(Need.state) == "waiting", col(Need.fallback_due_at) <= now),
            )).order_by(col(Need.priority), col(Need.queued_at))).all()
        return [r for r in rows if r is not None]

    def run_timer(self, need_id: int) -> None:
        """Act on one due deadline (re-checked under the lock: another instance may have)."""
        with self._transaction(None) as tx:
            needs = self._locked_needs(tx, Need.id == need_id)
            if not needs:
                return
            need = needs[0]
            if (need.state == "assigned" and need.ack_due_at is not None
                    and need.ack_due_at <= tx.now):
                self._ack_timeout(tx, need)
            elif (need.state == "waiting" and need.fallback_due_at is not None
                  and need.fallback_due_at <= tx.now):
                self._fallback(tx, need)

    def _ack_timeout(self, tx: _Tx, need: Need) -> None:
        unit_id = need.unit_id
        assert unit_id is not None
        waited = round(tx.now - (need.assigned_at or tx.now), 1)
        reason = f"not acknowledged within {self.config.ack_timeout_s:g} s"
        self._emit(tx, CALLS_ASSIGNED,
                   AssignmentTimedOut(unit_id=unit_id, unit_type=need.unit_type,
                                      waited_s=waited, reason=reason), need.call_id)
        # An unresponsive crew is not offered the next call either until it reports in.
        self._release(tx, need, reason, set_status=UnitStatus.out_of_service)
        need.excluded = [*need.excluded, unit_id]
        self._queue(tx, need)
        tx.session.flush()
        self._drain(tx, {need.unit_type})

    def _fallback(self, tx: _Tx, need: Need) -> None:
        call = tx.session.get(CallRecord, need.call_id)
        rule = choose_fallback(self.config.fallbacks, need.unit_type,
                               call.pathway if call else None, need.priority)
        need.fallback_due_at = None
        need.fallback_applied = True
        tx.session.add(need)
        if rule is None or call is None or call.cancelled:
            return
        if not rule.keep_waiting:
            need.state = "fallen_back"
        self._emit(tx, CALLS_ASSIGNED,
                   AssignmentFallback(unit_type=need.unit_type, fallback_units=rule.send,
                                      keep_waiting=rule.keep_waiting, rule_id=rule.rule_id,
                                      reason=rule.reason,
                                      waited_s=round(tx.now - need.queued_at, 1),
                                      priority=need.priority), need.call_id)
        existing = {n.unit_type: n for n in self._locked_needs(tx, Need.call_id == call.call_id)}
        for unit_type in rule.send:
            other = existing.get(unit_type)
            if other is None:
                other = Need(call_id=call.call_id, unit_type=unit_type, priority=need.priority,
                             queued_at=tx.now, fallback_applied=True, excluded=[])
                tx.session.add(other)
                tx.session.flush()
                self._queue(tx, other)
            elif other.state == "released":
                other.fallback_applied = True
                self._queue(tx, other)
        tx.session.flush()
        self._drain(tx, set(rule.send))

    # --- reads ---------------------------------------------------------------------------

    def current_assignment(self, unit_id: str) -> dict[str, Any] | None:
        """The unit's latest feed entry about the call it holds, or None."""
        with Session(self.reader) as session:
            unit = session.get(Unit, unit_id)
            if unit is None:
                raise UnitNotFound(unit_id)
            if unit.current_call_id is None:
                return None
            entry = session.exec(
                select(FeedEntry).where(FeedEntry.unit_id == unit_id,
                                        FeedEntry.call_id == unit.current_call_id)
                .order_by(col(FeedEntry.id).desc())).first()
            return {"id": entry.id, **entry.data} if entry else None

    def feed_after(self, unit_id: str, after_id: int, limit: int = 100) -> list[FeedEntry]:
        with Session(self.reader) as session:
            return list(session.exec(
                select(FeedEntry).where(FeedEntry.unit_id == unit_id,
                                        col(FeedEntry.id) > after_id)
                .order_by(col(FeedEntry.id)).limit(limit)).all())

    def last_feed_id(self, unit_id: str) -> int:
        with Session(self.reader) as session:
            row = session.exec(select(FeedEntry.id).where(FeedEntry.unit_id == unit_id)
                               .order_by(col(FeedEntry.id).desc())).first()
            return row or 0
