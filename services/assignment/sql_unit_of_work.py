"""The unit of work on SQLite and PostgreSQL: one SQLModel session, one transaction.

Locking, as the engine was set up by store.use_immediate_transactions: every transaction
first takes the decision lock (SQLite: ``BEGIN IMMEDIATE`` behind an in-process lock;
PostgreSQL: a transaction-scoped advisory lock), needs and calls are read ``FOR UPDATE``
(PostgreSQL), a unit is claimed with a conditional UPDATE whose row count is checked,
never by read-then-write, and the partial unique index ``one_active_call_per_unit``
refuses a second active call for one unit. Reads that must never wait on writers use a
unit of work on the reader engine, which takes no lock.

At commit the session's changes are flushed first (a need may give up the unit a new need
now holds, which the partial unique index checks row by row), then the new calls and
needs, the outbox and the feed rows in one statement each, then the record of the events
handled.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any, ClassVar

from sqlalchemy import (
    Connection,
    Engine,
    String,
    Table,
    Update,
    and_,
    bindparam,
    insert,
    or_,
    type_coerce,
    update,
)
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
    QueuedNeed,
    RosterRow,
    UnitRepository,
    UnitSnapshot,
)
from shared.db import DatabaseProcessedEvents
from shared.events import UnitStatus, UnitType

# Every statement of a decision's hot path is built once, with bound parameters: building
# one costs more than the database spends on it.
_UNIT: Table = Unit.__table__  # type: ignore[attr-defined]
_CALL_TABLE: Table = CallRecord.__table__  # type: ignore[attr-defined]
_NEED_TABLE: Table = Need.__table__  # type: ignore[attr-defined]
_CALLS = select(CallRecord).where(col(CallRecord.call_id).in_(bindparam("ids", expanding=True)))
_LOCKED_CALLS = _CALLS.with_for_update()
# Nearly every call a triage names is new: its ids are probed first, in plain columns.
_KNOWN_CALL_IDS = select_columns(_CALL_TABLE.c.call_id).where(
    _CALL_TABLE.c.call_id.in_(bindparam("ids", expanding=True))).with_for_update()


def _locked_needs(*where: Any) -> Any:
    return select(Need).where(*where).order_by(col(Need.id)).with_for_update()


_NEEDS_OF_CALL = _locked_needs(col(Need.call_id) == bindparam("call_id"))
_NEEDS_HELD = _locked_needs(col(Need.unit_id) == bindparam("unit_id"),
                            col(Need.state).in_(ACTIVE_STATES))
_NEED = _locked_needs(col(Need.id) == bindparam("need_id"))
_QUEUE = select_columns(
    col(Need.id), col(Need.call_id), col(Need.priority), col(Need.queued_at),
    col(Need.excluded),
).where(col(Need.unit_type) == bindparam("unit_type"), col(Need.state) == "waiting"
        ).with_for_update()
_NEEDS_DUE = select(Need.id).where(or_(
    and_(col(Need.state) == "assigned", col(Need.ack_due_at) <= bindparam("now")),
    and_(col(Need.state) == "waiting", col(Need.fallback_due_at) <= bindparam("now")),
)).order_by(col(Need.priority), col(Need.queued_at))
# Plain columns (no ORM objects): the roster is read by nearly every decision. The area
# comes as stored (JSON text; a list where the driver decodes JSON), parsed once per value.
_ROSTER = select_columns(
    _UNIT.c.unit_id, _UNIT.c.status, _UNIT.c.lat, _UNIT.c.lon,
    type_coerce(_UNIT.c.service_area, String), _UNIT.c.shift,
).where(_UNIT.c.unit_type == bindparam("unit_type"))
_UNIT_ROW = select_columns(
    _UNIT.c.unit_id, _UNIT.c.unit_type, _UNIT.c.status, _UNIT.c.current_call_id,
    _UNIT.c.lat, _UNIT.c.lon,
).where(_UNIT.c.unit_id == bindparam("unit_id"))
# Rows nothing reads back: no generated key fetched.
_INSERT_CALLS = insert(_CALL_TABLE).inline()
_INSERT_NEEDS = insert(_NEED_TABLE).inline()
# Ids in one IN (...) at the most.
_CHUNK = 500


@lru_cache(maxsize=1024)
def _areas(raw: str | tuple[str, ...] | None) -> tuple[str, ...]:
    if not raw or raw == "[]":
        return ()
    return tuple(json.loads(raw) if isinstance(raw, str) else raw)


@lru_cache(maxsize=64)
def _unit_update(columns: tuple[str, ...], if_status: bool, if_holds: str) -> Update:
    """UPDATE unit SET ``columns`` WHERE unit_id (AND status) (AND the call it holds:
    "none", "call" or "any"), every value a parameter (``v_`` + column, ``w_`` + column)."""
    where = [_UNIT.c.unit_id == bindparam("w_unit_id")]
    if if_status:
        where.append(_UNIT.c.status == bindparam("w_status"))
    if if_holds == "none":
        where.append(_UNIT.c.current_call_id.is_(None))
    elif if_holds == "call":
        where.append(_UNIT.c.current_call_id == bindparam("w_current_call_id"))
    return update(_UNIT).where(*where).values({c: bindparam(f"v_{c}") for c in columns})


class _NewRows:
    """Calls and needs made in this unit of work, kept out of the session: inserted with
    one statement per table at commit (an ORM flush of a few new rows costs more than the
    decision that made them), or handed to the session as soon as a query must see them.
    """

    def __init__(self, session: Session) -> None:
        self.session = session
        self.calls: list[CallRecord] = []
        self.needs: list[Need] = []

    def materialize(self) -> None:
        """A query of calls or needs follows: the session inserts the new ones first, and
        tracks their changes from now on."""
        if self.calls or self.needs:
            self.session.add_all(self.calls)
            self.session.add_all(self.needs)
            self.calls.clear()
            self.needs.clear()

    def insert(self, connection: Connection) -> None:
        """The new rows as they stand at the end of the unit of work."""
        if self.calls:
            connection.execute(_INSERT_CALLS, [c.model_dump() for c in self.calls])
        if self.needs:
            connection.execute(_INSERT_NEEDS,
                               [n.model_dump(exclude={"id"}) for n in self.needs])
        self.calls.clear()
        self.needs.clear()


class SqlCalls(CallRepository):
    def __init__(self, session: Session, new: _NewRows) -> None:
        self.session = session
        self.new = new

    def get(self, call_id: str, *, lock: bool = False) -> CallRecord | None:
        self.new.materialize()
        return self.session.get(CallRecord, call_id, with_for_update=True if lock else None)

    def get_many(self, call_ids: list[str], *, lock: bool) -> dict[str, CallRecord]:
        found: dict[str, CallRecord] = {}
        unique = list(dict.fromkeys(call_ids))
        statement = _LOCKED_CALLS if lock else _CALLS
        self.new.materialize()
        connection = self.session.connection()
        for start in range(0, len(unique), _CHUNK):
            chunk = unique[start:start + _CHUNK]
            if lock and not connection.execute(_KNOWN_CALL_IDS, {"ids": chunk}).first():
                continue  # none known: no records to load
            found.update((c.call_id, c) for c in self.session.exec(
                statement, params={"ids": chunk}))
        return found

    def add(self, call: CallRecord) -> None:
        self.new.calls.append(call)


class SqlNeeds(NeedRepository):
    def __init__(self, session: Session, new: _NewRows) -> None:
        self.session = session
        self.new = new

    def _locked(self, statement: Any, **params: Any) -> list[Need]:
        self.new.materialize()
        return list(self.session.exec(statement, params=params).all())

    def for_call(self, call_id: str) -> list[Need]:
        return self._locked(_NEEDS_OF_CALL, call_id=call_id)

    def held_by(self, unit_id: str) -> list[Need]:
        return self._locked(_NEEDS_HELD, unit_id=unit_id)

    def get(self, need_id: int) -> Need | None:
        found = self._locked(_NEED, need_id=need_id)
        return found[0] if found else None

    def queue(self, unit_type: UnitType) -> list[QueuedNeed]:
        self.new.materialize()
        rows = self.session.execute(_QUEUE, {"unit_type": unit_type}).all()
        return [QueuedNeed(need_id, call_id, priority, queued_at, tuple(excluded or ()))
                for need_id, call_id, priority, queued_at, excluded in rows]

    def due(self, now: float) -> list[int]:
        self.new.materialize()
        rows = self.session.exec(_NEEDS_DUE, params={"now": now}).all()
        return [r for r in rows if r is not None]

    def add(self, need: Need) -> None:
        self.new.needs.append(need)


class SqlUnits(UnitRepository):
    """Reads and conditional writes of units in plain columns, on the session's connection;
    only an admin's edit loads a unit as an object (written before the next statement)."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self._objects = False

    def _execute(self, statement: Any, params: dict[str, Any]) -> Any:
        if self._objects:
            self.session.flush()
        return self.session.connection().execute(statement, params)

    def roster(self, unit_type: UnitType) -> list[RosterRow]:
        rows = self._execute(_ROSTER, {"unit_type": unit_type}).all()
        return [RosterRow(unit_id, UnitStatus(status), lat, lon,
                          _areas(areas if areas is None or isinstance(areas, str)
                                 else tuple(areas)), shift)
                for unit_id, status, lat, lon, areas, shift in rows]

    def get(self, unit_id: str) -> UnitSnapshot | None:
        row = self._execute(_UNIT_ROW, {"unit_id": unit_id}).first()
        if row is None:
            return None
        found, unit_type, status, current_call_id, lat, lon = row
        return UnitSnapshot(found, UnitType(unit_type), UnitStatus(status), current_call_id,
                            lat, lon)

    def get_for_update(self, unit_id: str) -> Unit | None:
        self._objects = True
        # populate_existing: a claim changed the row behind the session's copy.
        return self.session.get(Unit, unit_id, with_for_update=True, populate_existing=True)

    def add(self, unit: Unit) -> None:
        self._objects = True
        self.session.add(unit)

    def update(self, unit_id: str, values: dict[str, Any], *,
               if_status: UnitStatus | None = None,
               if_holds: str | type[AnyCall] | None = AnyCall) -> bool:
        unknown = set(values) - UNIT_WRITABLE
        if unknown:
            raise ValueError(f"not a writable unit column: {sorted(unknown)}")
        holds = "none" if if_holds is None else "call" if isinstance(if_holds, str) else "any"
        params = {f"v_{name}": value for name, value in values.items()}
        params["w_unit_id"] = unit_id
        if if_status is not None:
            params["w_status"] = if_status
        if holds == "call":
            params["w_current_call_id"] = if_holds
        statement = _unit_update(tuple(values), if_status is not None, holds)
        return bool(self._execute(statement, params).rowcount == 1)


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
        # The transaction is the connection's (it takes the decision lock as it begins);
        # the session joins it and only flushes: its own begin and commit cost as much
        # as a small decision's statements.
        self._connection = self.engine.connect()
        try:
            self._transaction = self._connection.begin()
        except BaseException:
            self._connection.close()
            raise
        self.session = Session(self._connection, expire_on_commit=False)
        self._new = _NewRows(self.session)
        self.calls = SqlCalls(self.session, self._new)
        self.needs = SqlNeeds(self.session, self._new)
        self.units = SqlUnits(self.session)
        self.feed = self._feed = SqlFeed(self.session)
        self.outbox = self._outbox = SqlOutbox()
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            super().__exit__(*exc)
        finally:
            self.session.close()
            self._connection.close()

    def commit(self) -> None:
        session = self.session
        session.flush()
        connection = self._connection
        self._new.insert(connection)
        if self._outbox.pending:
            connection.execute(insert(self.outbox_table).inline(), self._outbox.pending)
        if self._feed.pending:
            connection.execute(insert(self.feed_table).inline(), self._feed.pending)
        handled = list(self.handled)
        if handled and self.processed is not None:
            cursor = connection.connection.cursor()
            try:
                self.processed.mark_within(cursor, handled)
            finally:
                cursor.close()
        self._transaction.commit()
        self._outbox.pending.clear()
        self._feed.pending.clear()
        self.handled.clear()
        if handled and self.processed is not None:
            self.processed.remember(handled)

    def rollback(self) -> None:
        # Detached first, so what a read returned keeps its values (a rollback expires
        # every object still in the session).
        self.session.expunge_all()
        if self._transaction.is_active:
            self._transaction.rollback()
