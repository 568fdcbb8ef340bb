"""The unit of work on SQLite and PostgreSQL: one SQLModel session, one transaction.

Locking, as the engine was set up by store.use_immediate_transactions: every transaction
first takes the decision lock (SQLite: ``BEGIN IMMEDIATE`` behind an in-process lock;
PostgreSQL: a transaction-scoped advisory lock), needs and calls are read ``FOR UPDATE``
(PostgreSQL), a unit is claimed with a conditional UPDATE whose row count is checked,
never by read-then-write, and the partial unique index ``one_active_call_per_unit``
refuses a second active call for one unit. Reads that must never wait on writers use a
unit of work on the reader engine, which takes no lock.

At commit the session's changes are flushed first (SQLAlchemy writes a table's updates
before its inserts: a need that gives up a unit before a new one takes it), then the
outbox and feed rows in one statement each, then the record of the events handled.
"""

from __future__ import annotations

from typing import Any, ClassVar

from sqlalchemy import Engine, Table, and_, insert, or_, update
from sqlalchemy import select as select_columns
from sqlmodel import Session, col, select

from services.assignment.store import ACTIVE_STATES, CallRecord, FeedEntry, Need, OutboxEvent, Unit
from services.assignment.unit_of_work import (
    UNIT_WRITABLE,
    AbstractUnitOfWork,
    AnyCall,
    CallRepository,
    FeedRepository,
    NeedRepository,
    Outbox,
    RosterRow,
    UnitRepository,
    UnitSnapshot,
)
from shared.db import DatabaseProcessedEvents
from shared.events import UnitStatus, UnitType

# Ids in one IN (...) at the most.
_CHUNK = 500


class SqlCalls(CallRepository):
    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, call_id: str) -> CallRecord | None:
        return self.session.get(CallRecord, call_id, with_for_update=True)

    def get_many(self, call_ids: list[str], *, lock: bool) -> dict[str, CallRecord]:
        found: dict[str, CallRecord] = {}
        unique = list(dict.fromkeys(call_ids))
        for start in range(0, len(unique), _CHUNK):
            statement = select(CallRecord).where(
                col(CallRecord.call_id).in_(unique[start:start + _CHUNK]))
            if lock:
                statement = statement.with_for_update()
            found.update((c.call_id, c) for c in self.session.exec(statement))
        return found

    def add(self, call: CallRecord) -> None:
        self.session.add(call)


class SqlNeeds(NeedRepository):
    def __init__(self, session: Session) -> None:
        self.session = session

    def _locked(self, *where: Any) -> list[Need]:
        return list(self.session.exec(
            select(Need).where(*where).order_by(col(Need.id)).with_for_update()).all())

    def for_call(self, call_id: str) -> list[Need]:
        return self._locked(Need.call_id == call_id)

    def held_by(self, unit_id: str) -> list[Need]:
        return self._locked(Need.unit_id == unit_id, col(Need.state).in_(ACTIVE_STATES))

    def get(self, need_id: int) -> Need | None:
        found = self._locked(Need.id == need_id)
        return found[0] if found else None

    def waiting(self, unit_type: UnitType) -> list[Need]:
        return self._locked(Need.unit_type == unit_type, col(Need.state) == "waiting")

    def due(self, now: float) -> list[int]:
        rows = self.session.exec(select(Need.id).where(or_(
            and_(col(Need.state) == "assigned", col(Need.ack_due_at) <= now),
            and_(col(Need.state) == "waiting", col(Need.fallback_due_at) <= now),
        )).order_by(col(Need.priority), col(Need.queued_at))).all()
        return [r for r in rows if r is not None]

    def add(self, need: Need) -> None:
        self.session.add(need)


class SqlUnits(UnitRepository):
    def __init__(self, session: Session) -> None:
        self.session = session

    def roster(self, unit_type: UnitType) -> list[RosterRow]:
        rows = self.session.execute(select_columns(
            col(Unit.unit_id), col(Unit.status), col(Unit.lat), col(Unit.lon),
            col(Unit.service_area), col(Unit.shift)).where(col(Unit.unit_type) == unit_type)
        ).all()
        return [RosterRow(unit_id, UnitStatus(status), lat, lon, tuple(areas or ()), shift)
                for unit_id, status, lat, lon, areas, shift in rows]

    def get(self, unit_id: str) -> UnitSnapshot | None:
        row = self.session.execute(select_columns(
            col(Unit.unit_id), col(Unit.unit_type), col(Unit.status),
            col(Unit.current_call_id), col(Unit.lat), col(Unit.lon))
            .where(col(Unit.unit_id) == unit_id)).first()
        if row is None:
            return None
        found, unit_type, status, current_call_id, lat, lon = row
        return UnitSnapshot(found, UnitType(unit_type), UnitStatus(status), current_call_id,
                            lat, lon)

    def get_for_update(self, unit_id: str) -> Unit | None:
        # populate_existing: a claim changed the row behind the session's copy.
        return self.session.get(Unit, unit_id, with_for_update=True, populate_existing=True)

    def add(self, unit: Unit) -> None:
        self.session.add(unit)

    def claim(self, unit_id: str, call_id: str, now: float) -> bool:
        return self.update(unit_id, {"status": UnitStatus.dispatched,
                                     "current_call_id": call_id, "updated_at": now},
                           if_status=UnitStatus.available)

    def update(self, unit_id: str, values: dict[str, Any], *,
               if_status: UnitStatus | None = None,
               if_holds: str | type[AnyCall] | None = AnyCall) -> bool:
        unknown = set(values) - UNIT_WRITABLE
        if unknown:
            raise ValueError(f"not a writable unit column: {sorted(unknown)}")
        where = [col(Unit.unit_id) == unit_id]
        if if_status is not None:
            where.append(col(Unit.status) == if_status)
        if if_holds is None:
            where.append(col(Unit.current_call_id).is_(None))
        elif isinstance(if_holds, str):
            where.append(col(Unit.current_call_id) == if_holds)
        result = self.session.exec(
            update(Unit).where(*where).values(**values)
            .execution_options(synchronize_session=False))
        return bool(result.rowcount == 1)


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
            select(FeedEntry).where(FeedEntry.unit_id == unit_id, FeedEntry.call_id == call_id)
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

    def __enter__(self) -> SqlUnitOfWork:
        super().__enter__()
        # The transaction begins (and takes the decision lock) at the first statement.
        self.session = Session(self.engine, expire_on_commit=False)
        self.calls = SqlCalls(self.session)
        self.needs = SqlNeeds(self.session)
        self.units = SqlUnits(self.session)
        self.feed = self._feed = SqlFeed(self.session)
        self.outbox = self._outbox = SqlOutbox()
        return self

    def __exit__(self, *exc: object) -> None:
        super().__exit__(*exc)
        self.session.close()

    def commit(self) -> None:
        session = self.session
        session.flush()
        connection = session.connection()
        if self._outbox.pending:
            connection.execute(insert(self.outbox_table), self._outbox.pending)
        if self._feed.pending:
            connection.execute(insert(self.feed_table), self._feed.pending)
        handled = list(self.handled)
        if handled and self.processed is not None:
            cursor = connection.connection.cursor()
            try:
                self.processed.mark_within(cursor, handled)
            finally:
                cursor.close()
        session.commit()
        self._outbox.pending.clear()
        self._feed.pending.clear()
        self.handled.clear()
        if handled and self.processed is not None:
            self.processed.remember(handled)

    def rollback(self) -> None:
        # Detached first, so what a read returned keeps its values (a rollback expires
        # every object still in the session).
        self.session.expunge_all()
        self.session.rollback()
