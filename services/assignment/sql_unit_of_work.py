"""The unit of work on SQLite and PostgreSQL: one SQLModel session, one transaction.

Locking. SQLite: every transaction holds the database's write lock (``BEGIN IMMEDIATE``
behind an in-process lock, store.use_immediate_transactions), so they run one at a time.
PostgreSQL: transactions run side by side and lock only the rows they work on, always
in one order, so that they cannot wait on each other in a circle:

1. the call's row (``FOR UPDATE``; several calls in the order of their ids) before its
   needs, or a unit holding it, change: every change to a unit that holds a call is
   made under that call's lock (:meth:`SqlUnitOfWork.unit_with_call_locked`);
2. the call's needs (``FOR UPDATE``, in id order);
3. the unit the change is about.

Work for other calls never waits: a waiting need of the queue is taken with ``FOR UPDATE
SKIP LOCKED`` (one another transaction holds is left to it), and a unit is claimed with
a conditional UPDATE of a row that is available and not locked (``SKIP LOCKED``): a
unit another transaction is changing counts as taken. The row count of every claim is
checked, never read-then-write, and the partial unique index ``one_active_call_per_unit``
refuses a second active call for one unit. Reads that must never wait on writers use a
unit of work on the reader engine, which takes no lock.

At commit the session's changes are flushed first (a need may give up the unit a new need
now holds, which the partial unique index checks row by row), then the new calls and
needs, the outbox and the feed rows, the record of the events handled and the COMMIT go
in one batch (services/assignment/sql_cursor.py): on PostgreSQL one round trip.
"""

from __future__ import annotations

import json
from typing import Any, ClassVar

from sqlalchemy import (
    Engine,
    Table,
    and_,
    bindparam,
    or_,
)
from sqlmodel import Session, col, select

from services.assignment.sql_crew_reports import call_summary, settle_held
from services.assignment.sql_cursor import DriverCursor
from services.assignment.sql_text import (
    BY_CALL_ID,
    BY_NEED_ID,
    CALLS_HELD,
    CHUNK,
    FEED_COLUMNS,
    GLANCE,
    KNOWN_CALL_IDS,
    LOCK_CALL,
    LOCK_HELD_CALL,
    NEEDS_BY_ID,
    NOWAIT,
    OUTBOX_COLUMNS,
    QUEUE,
    TYPES_TO_SERVE,
    NewRows,
    as_list,
    in_list,
    insert_sql,
    lock_refused,
    plain,
)
from services.assignment.sql_units import SqlUnits, roster_rows, snapshot
from services.assignment.store import (
    ACTIVE_STATES,
    TEAM,
    CallRecord,
    FeedEntry,
    Need,
    OutboxEvent,
    Unit,
)
from services.assignment.unit_of_work import (
    AbstractUnitOfWork,
    CallRepository,
    CallsOpened,
    CallSummary,
    FeedRepository,
    HeldNeed,
    NeedRepository,
    Outbox,
    QueuedNeed,
    QueueGlance,
    UnitSnapshot,
    WriteConflict,
)
from shared.db import DatabaseProcessedEvents, dbapi_autocommit, dbapi_sql
from shared.events import UnitType

# Every statement of a decision's hot path is built once, with bound parameters: building
# one costs more than the database spends on it.
_UNIT: Table = Unit.__table__  # type: ignore[attr-defined]
_CALLS = select(CallRecord).where(col(CallRecord.call_id).in_(bindparam("ids", expanding=True)))
_LOCKED_CALLS = _CALLS.with_for_update()


def _locked_needs(*where: Any, skip_locked: bool = False) -> Any:
    # populate_existing: a need read earlier in the unit of work may have changed since.
    return (select(Need).where(*where).order_by(col(Need.id))
            .with_for_update(skip_locked=skip_locked)
            .execution_options(populate_existing=True))


_NEEDS_OF_CALL = _locked_needs(col(Need.call_id) == bindparam("call_id"))
_NEEDS_OF_CALL_READ = select(Need).where(col(Need.call_id) == bindparam("call_id")).order_by(
    col(Need.id))
_FLOOR_DUE = select(CallRecord.call_id).where(col(CallRecord.floor_due_at) <= bindparam("now"))
_NEEDS_HELD = _locked_needs(col(Need.unit_id) == bindparam("unit_id"),
                            col(Need.state).in_(ACTIVE_STATES))
_NEED = _locked_needs(col(Need.id) == bindparam("need_id"))
_NEED_READ = select(Need).where(col(Need.id) == bindparam("need_id"))
_WAITING_NEED = _locked_needs(col(Need.id) == bindparam("need_id"),
                              col(Need.state) == "waiting", skip_locked=True)
_NEEDS_DUE = select(Need.id).where(or_(
    and_(col(Need.state) == "assigned", col(Need.ack_due_at) <= bindparam("now")),
    and_(col(Need.state) == "waiting", col(Need.fallback_due_at) <= bindparam("now")),
)).order_by(col(Need.priority), col(Need.queued_at))
# How often a unit may be found holding another call once the one it held is locked.
_MAX_HOLD_CHANGES = 3

class SqlCalls(CallRepository):
    def __init__(self, session: Session, new: NewRows, cursor: DriverCursor) -> None:
        self.session = session
        self.new = new
        self.cursor = cursor

    def get(self, call_id: str, *, lock: bool = False) -> CallRecord | None:
        self.new.materialize()
        found = self.session.get(CallRecord, call_id, with_for_update=True if lock else None)
        if lock and found is not None:
            self.cursor.locked_calls.add(call_id)
        return found

    def get_many(self, call_ids: list[str], *, lock: bool) -> dict[str, CallRecord]:
        found: dict[str, CallRecord] = {}
        unique = list(dict.fromkeys(call_ids))
        statement = _LOCKED_CALLS if lock else _CALLS
        self.new.materialize()
        for start in range(0, len(unique), CHUNK):
            chunk = unique[start:start + CHUNK]
            if lock:
                known = self.cursor.execute(
                    KNOWN_CALL_IDS + in_list(len(chunk)) + BY_CALL_ID, chunk,
                    lock=True).fetchall()
                if not known:
                    continue  # none known: no records to load
                self.cursor.locked_calls.update(call_id for (call_id,) in known)
            found.update((c.call_id, c) for c in self.session.exec(
                statement, params={"ids": chunk}))
        return found

    def summary(self, call_id: str) -> CallSummary | None:
        return call_summary(self.new, self.session, self.cursor, call_id)

    def add(self, call: CallRecord) -> None:
        self.new.calls.append(call)

    def floor_due(self, now: float) -> list[str]:
        self.new.materialize()
        return list(self.session.exec(_FLOOR_DUE, params={"now": now}).all())

    def pending_floor(self, states: tuple[str, ...], limit: int) -> list[CallRecord]:
        self.new.materialize()
        return list(self.session.exec(
            select(CallRecord).where(col(CallRecord.floor_state).in_(states),
                                     col(CallRecord.cancelled).is_(False))
            .order_by(col(CallRecord.priority), col(CallRecord.updated_at)).limit(limit)))


class SqlNeeds(NeedRepository):
    def __init__(self, session: Session, new: NewRows, cursor: DriverCursor) -> None:
        self.session = session
        self.new = new
        self.cursor = cursor

    def _locked(self, statement: Any, **params: Any) -> list[Need]:
        self.new.materialize()
        return list(self.session.exec(statement, params=params).all())

    def for_call(self, call_id: str, *, lock: bool = True) -> list[Need]:
        return self._locked(_NEEDS_OF_CALL if lock else _NEEDS_OF_CALL_READ, call_id=call_id)

    def held_by(self, unit_id: str) -> list[Need]:
        return self._locked(_NEEDS_HELD, unit_id=unit_id)

    def settle_held(self, unit_id: str, state: str, *,
                    from_states: tuple[str, ...] = ACTIVE_STATES) -> list[HeldNeed]:
        return settle_held(self.new, self.session, self.cursor, unit_id, state, from_states)

    def get(self, need_id: int, *, lock: bool = True) -> Need | None:
        found = self._locked(_NEED if lock else _NEED_READ, need_id=need_id)
        return found[0] if found else None

    def take_waiting(self, need_id: int) -> Need | None:
        found = self._locked(_WAITING_NEED, need_id=need_id)
        return found[0] if found else None

    def wait_for(self, need_ids: list[int]) -> None:
        ids = sorted(set(need_ids))[:CHUNK]  # in one order: no circle with another
        if ids and not self.cursor.sqlite:
            self.cursor.execute(NEEDS_BY_ID + in_list(len(ids)) + BY_NEED_ID, ids,
                                lock=True).fetchall()

    def queue(self, unit_type: UnitType) -> list[QueuedNeed]:
        self.new.materialize()
        self.session.flush()  # as an ORM query would (autoflush): the queue as it stands
        rows = self.cursor.execute(QUEUE, (plain(unit_type),)).fetchall()
        return [QueuedNeed(need_id, call_id, priority, queued_at, as_list(excluded))
                for need_id, call_id, priority, queued_at, excluded in rows]

    def due(self, now: float) -> list[int]:
        self.new.materialize()
        rows = self.session.exec(_NEEDS_DUE, params={"now": now}).all()
        return [r for r in rows if r is not None]

    def add(self, need: Need) -> None:
        self.new.needs.append(need)


class SqlFeed(FeedRepository):
    def __init__(self, session: Session) -> None:
        self.session = session
        self.pending: list[dict[str, Any]] = []

    def add(self, unit_id: str, call_id: str, kind: str, data: dict[str, Any],
            now: float) -> None:
        self.pending.append({"unit_id": unit_id, "call_id": call_id, "kind": kind,
                             "data": data, "created_at": now})

    def latest(self, unit_id: str, call_id: str) -> FeedEntry | None:
        return self.session.exec(
            select(FeedEntry).where(FeedEntry.unit_id == unit_id, FeedEntry.call_id == call_id,
                                    FeedEntry.kind != TEAM)
            .order_by(col(FeedEntry.id).desc())).first()

    def after(self, unit_id: str, after_id: int, limit: int) -> list[FeedEntry]:
        return list(self.session.exec(
            select(FeedEntry).where(FeedEntry.unit_id == unit_id, col(FeedEntry.id) > after_id)
            .order_by(col(FeedEntry.id)).limit(limit)).all())

    def last_id(self, unit_id: str) -> int:
        found = self.session.exec(select(FeedEntry.id).where(FeedEntry.unit_id == unit_id)
                                  .order_by(col(FeedEntry.id).desc())).first()
        return found or 0


class SqlOutbox(Outbox):
    def __init__(self) -> None:
        self.pending: list[dict[str, Any]] = []

    def add(self, topic: str, envelope_json: str, now: float) -> None:
        self.pending.append({"topic": topic, "envelope": envelope_json, "created_at": now})


class SqlUnitOfWork(AbstractUnitOfWork):
    # The tables the outbox and feed rows go to (a test swaps one for a missing table).
    outbox_table: ClassVar[Table] = OutboxEvent.__table__  # type: ignore[attr-defined]
    feed_table: ClassVar[Table] = FeedEntry.__table__  # type: ignore[attr-defined]

    def __init__(self, engine: Engine, processed: DatabaseProcessedEvents | None = None
                 ) -> None:
        """``processed``: the consumer's record of handled events, written in the same
        transaction as the decision (so both are kept or both lost)."""
        self.engine = engine
        self.processed = processed
        self.row_locks = engine.dialect.name != "sqlite"

    def __enter__(self) -> SqlUnitOfWork:
        super().__enter__()
        # The transaction is the connection's (SQLite: it takes the write lock as it
        # begins);
        # the session joins it and only flushes: its own begin and commit cost as much
        # as a small decision's statements.
        self._connection = self.engine.connect()
        try:
            self._transaction = self._connection.begin()
        except BaseException:
            self._connection.close()
            raise
        self.session = Session(self._connection, expire_on_commit=False)
        self._new = NewRows(self.session)
        self._cursor = DriverCursor(self.session, self.engine)
        self._cursor.begin_late(self._connection)
        self.calls = SqlCalls(self.session, self._new, self._cursor)
        self.needs = SqlNeeds(self.session, self._new, self._cursor)
        self.units = self._units = SqlUnits(self.session, self._cursor)
        self.feed = self._feed = SqlFeed(self.session)
        self.outbox = self._outbox = SqlOutbox()
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            super().__exit__(*exc)
        finally:
            self._cursor.close()
            self.session.close()
            self._connection.close()

    def unit_with_call_locked(self, unit_id: str) -> UnitSnapshot | None:
        if self._cursor.sqlite:
            return self.units.get(unit_id)  # the whole database is this transaction's
        locked = self._cursor.locked_calls
        if locked:
            unit = self.units.get(unit_id)
        else:
            # Nothing locked yet, so whichever call the unit holds is locked in order:
            # that lock, then the unit as it stands under it, in one round trip.
            with self._cursor.together():
                held_now = self._cursor.execute(LOCK_HELD_CALL, (unit_id,), lock=True)
                row = self._units.row_of(unit_id)
            locked.update(call_id for (call_id,) in held_now.fetchall())
            unit = snapshot(row.fetchone())
        for _ in range(_MAX_HOLD_CHANGES):
            if unit is None or unit.current_call_id is None:
                return unit
            held = unit.current_call_id
            if held in locked:
                return unit  # locked before the unit was read: it still holds it
            # Out of the order of the calls locked so far, it is not waited for: another
            # unit of work holding it may wait for one of ours. Run again instead.
            in_order = not locked or held > max(locked)
            try:
                # The lock, then the unit as it stands under it: one round trip (its row
                # read once the block has ended, or the read would wait on its own).
                with self._cursor.together():
                    self._cursor.execute(LOCK_CALL + ("" if in_order else NOWAIT),
                                         (held,), lock=True)
                    row = self._units.row_of(unit_id)
                unit = snapshot(row.fetchone())
            except Exception as error:
                if not in_order and lock_refused(error):
                    raise WriteConflict(f"call {held} locked out of order") from error
                raise
            locked.add(held)
            if unit is None or unit.current_call_id == held:
                return unit
        raise WriteConflict(f"unit {unit_id} kept changing calls")

    def lock_calls_held_by(self, unit_ids: list[str]) -> None:
        ids = sorted(set(unit_ids))
        if self._cursor.sqlite or not ids:
            return
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start:start + CHUNK]
            self._cursor.locked_calls.update(call_id for (call_id,) in self._cursor.execute(
                CALLS_HELD + in_list(len(chunk)) + ")" + BY_CALL_ID, chunk,
                lock=True).fetchall())

    def glance(self, unit_types: set[UnitType]) -> QueueGlance:
        wanted = sorted(plain(t) for t in unit_types)
        available: dict[UnitType, set[str]] = {}
        waiting: set[UnitType] = set()
        if wanted:
            with dbapi_autocommit(self.engine) as cursor:
                cursor.execute(dbapi_sql(self.engine, GLANCE.format(
                    types=in_list(len(wanted)))), wanted * 2)
                for unit_type, unit_id in cursor.fetchall():
                    if unit_id is None:
                        waiting.add(UnitType(unit_type))
                    else:
                        available.setdefault(UnitType(unit_type), set()).add(unit_id)
        return QueueGlance({t: frozenset(ids) for t, ids in available.items()},
                           frozenset(waiting))

    def types_to_serve(self) -> set[UnitType]:
        rows = self._cursor.execute(TYPES_TO_SERVE, ()).fetchall()
        return {UnitType(t) for (t,) in rows}

    def open_calls(self, call_ids: list[str], event_ids: list[str],
                   unit_types: set[UnitType]) -> CallsOpened:
        unique = list(dict.fromkeys(call_ids))
        if self._cursor.sqlite or len(unique) > CHUNK or self.processed is None:
            return super().open_calls(call_ids, event_ids, unit_types)
        # The locks first, the record of handled events after them (the server runs a
        # batch's statements in order), and the rosters: one round trip.
        cursor = self._cursor
        self._new.materialize()
        handled, reads = self.processed.reads_within(event_ids)
        with cursor.together():
            known = (cursor.execute(KNOWN_CALL_IDS + in_list(len(unique)) + BY_CALL_ID,
                                    unique, lock=True) if unique else None)
            seen = [cursor.execute_sql(sql, params) for sql, params in reads]
            rosters = {t: self._units.roster_read(t) for t in sorted(unit_types)}
        locked = [call_id for (call_id,) in known.fetchall()] if known is not None else []
        cursor.locked_calls.update(locked)
        for read in seen:
            handled.update(row[0] for row in read.fetchall())
        rows = {t: roster_rows(read.fetchall()) for t, read in rosters.items()}
        # The records of the calls known: objects of the session (a call is rarely
        # triaged twice, so seldom a second round trip).
        calls = ({c.call_id: c for c in self.session.exec(_CALLS, params={"ids": locked})}
                 if locked else {})
        return CallsOpened(calls, handled, rows)

    def handled_before(self, event_ids: list[str]) -> set[str]:
        if self.processed is None or not event_ids:
            return set()
        return self.processed.seen_within(self._cursor.get(), event_ids)

    def commit(self) -> None:
        self.session.flush()
        handled = list(self.handled)
        cursor = self._cursor
        if not cursor.begun and not self._writes_left(handled):
            self._transaction.commit()  # nothing was sent: nothing to commit
            return
        # One round trip on PostgreSQL for every row the decision adds, and the COMMIT
        # (the driver then has nothing left to send when the transaction is committed).
        with cursor.together():
            self._new.insert(cursor)
            if self._outbox.pending:
                cursor.get().executemany(
                    cursor.sql(insert_sql(self.outbox_table.name, OUTBOX_COLUMNS)),
                    [(r["topic"], r["envelope"], r["created_at"])
                     for r in self._outbox.pending])
            if self._feed.pending:
                cursor.get().executemany(
                    cursor.sql(insert_sql(self.feed_table.name, FEED_COLUMNS)),
                    [(r["unit_id"], r["call_id"], r["kind"], json.dumps(r["data"]),
                      r["created_at"]) for r in self._feed.pending])
            if handled and self.processed is not None:
                self.processed.mark_within(cursor.get(), handled)
            if not cursor.sqlite:
                cursor.execute("COMMIT", ())
        self._transaction.commit()
        self._outbox.pending.clear()
        self._feed.pending.clear()
        self.handled.clear()
        if handled and self.processed is not None:
            self.processed.remember(handled)

    def _writes_left(self, handled: list[str]) -> bool:
        return bool(self._new.calls or self._new.needs or self._outbox.pending
                    or self._feed.pending or (handled and self.processed is not None))

    def rollback(self) -> None:
        # Detached first, so what a read returned keeps its values (a rollback expires
        # every object still in the session).
        self.session.expunge_all()
        if self._transaction.is_active:
            self._transaction.rollback()
