"""Assignment's durable state: the roster, calls and what each still needs, the per-unit
assignment feed, and the outbox of events to publish. Times are epoch seconds (floats)."""

from __future__ import annotations

import contextlib
import re
import threading
import time
import weakref
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import field_validator
from sqlalchemy import JSON, Engine, Index, UniqueConstraint, event, inspect, text
from sqlalchemy.exc import IntegrityError, OperationalError, ProgrammingError
from sqlmodel import Field, Session, SQLModel, select

from services.assignment.roster_file import roster_areas, roster_units
from services.assignment.rules import parse_weekly_shift
from services.assignment.session_store import ResponderSessionRow
from shared.db import create_tables, dbapi_transaction
from shared.events import UnitStatus, UnitType
from shared.geo import Area

UNIT_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$"


class UnitBase(SQLModel):
    unit_type: UnitType
    station: str | None = Field(default=None, max_length=200, description="Home station.")
    home_district: str | None = Field(default=None, max_length=100,
                                      description="Home precinct (informational).")
    service_area: list[str] = Field(
        default_factory=list, sa_type=JSON,
        description="Districts or corridors the unit may work; empty means anywhere.",
        schema_extra={"examples": [["corridor:lake"]]})
    shift: str | None = Field(default=None, max_length=200,
                              description="Local HH:MM-HH:MM, or by weekday "
                                          "'mon-fri 07:00-19:00; sat 09:00-17:00'; empty "
                                          "means always on duty.",
                              schema_extra={"examples": ["07:00-19:00"]})
    kind: str | None = Field(default=None, max_length=64,
                             description="The agency's kind of unit (the roster's kinds).",
                             schema_extra={"examples": ["crisis_team_medic"]})
    capabilities: list[str] = Field(
        default_factory=list, sa_type=JSON,
        description="What the crew can do beyond its type (a medic, an advocate).",
        schema_extra={"examples": [["mental_health", "medic"]]})
    lat: float | None = Field(default=None, ge=-90, le=90, description="Last known latitude.")
    lon: float | None = Field(default=None, ge=-180, le=180,
                              description="Last known longitude.")


    @field_validator("shift")
    @classmethod
    def _valid_shift(cls, value: str | None) -> str | None:
        parse_weekly_shift(value)
        return value


class UnitCreate(UnitBase):
    unit_id: str = Field(regex=UNIT_ID_PATTERN, schema_extra={"examples": ["BCR-4"]})

    @field_validator("unit_id")
    @classmethod
    def _valid_unit_id(cls, value: str) -> str:
        if not re.match(UNIT_ID_PATTERN, value):
            raise ValueError("letters, digits, '-', '_' or '.', at most 64")
        return value


class UnitUpdate(SQLModel):
    station: str | None = Field(default=None, max_length=200)
    home_district: str | None = Field(default=None, max_length=100)
    service_area: list[str] | None = None
    shift: str | None = Field(default=None, max_length=200)
    capabilities: list[str] | None = None
    lat: float | None = Field(default=None, ge=-90, le=90)
    lon: float | None = Field(default=None, ge=-180, le=180)

    @field_validator("shift")
    @classmethod
    def _valid_shift(cls, value: str | None) -> str | None:
        parse_weekly_shift(value)
        return value


class Unit(UnitBase, table=True):
    __table_args__ = (Index("ix_unit_type_status", "unit_type", "status"),)

    unit_id: str = Field(primary_key=True, max_length=64)
    status: UnitStatus = UnitStatus.available
    current_call_id: str | None = Field(default=None, index=True)
    updated_at: float = Field(default_factory=time.time)


class UnitPublic(UnitBase):
    unit_id: str
    status: UnitStatus
    current_call_id: str | None
    updated_at: float


class CallRecord(SQLModel, table=True):
    """The latest triage decision for a call, as assignment knows it."""

    __tablename__ = "call_record"

    call_id: str = Field(primary_key=True, max_length=200)
    priority: int
    pathway: str | None = None
    tags: list[str] = Field(default_factory=list, sa_type=JSON)
    safety_flags: list[str] = Field(default_factory=list, sa_type=JSON)
    reasons: list[str] = Field(default_factory=list, sa_type=JSON)
    location: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    cancelled: bool = False
    triaged_event_id: str | None = None
    # When triage made the decision applied (its CallTriaged's occurred_at, epoch
    # seconds): an older one arriving later is stale and not applied.
    triaged_at: float | None = None
    updated_at: float = Field(default_factory=time.time)
    # The recommendation as triage made it, and where the 911 floor stands on it
    # (services/assignment/floor.py). NULL in rows made before these columns: read as a
    # call dispatched automatically.
    agency: str | None = Field(default=None, max_length=200)
    units: list[str] | None = Field(default=None, sa_type=JSON)
    review: bool | None = None
    review_reason: str | None = None
    # Indexed: every open console reads the calls waiting for the floor several times a
    # second (floor_queue.py).
    floor_state: str | None = Field(default=None, index=True)
    floor_due_at: float | None = Field(default=None, index=True)
    floor_on_timeout: str | None = None
    floor_action: dict[str, Any] | None = Field(default=None, sa_type=JSON)
    # What fired each reason (the text triage quoted), for the floor's console only.
    evidence: list[str] | None = Field(default=None, sa_type=JSON)
    # When police reported the scene secure: units staged nearby were told to go in.
    scene_secured_at: float | None = None


ACTIVE_STATES = ("assigned", "accepted")


class Need(SQLModel, table=True):
    """One unit type one call needs: held (waiting for the 911 floor, out of the queue),
    waiting, assigned (awaiting acknowledgement), accepted, or finished (done, released,
    replaced by a fallback). Deadlines live here, so timers
    survive a restart."""

    __tablename__ = "call_need"
    __table_args__ = (
        UniqueConstraint("call_id", "unit_type"),
        # The database itself refuses a second active call for one unit.
        Index("one_active_call_per_unit", "unit_id", unique=True,
              sqlite_where=text("state IN ('assigned', 'accepted')"),
              postgresql_where=text("state IN ('assigned', 'accepted')")),
        Index("ix_need_state_type", "state", "unit_type"),
    )

    id: int | None = Field(default=None, primary_key=True)
    call_id: str = Field(index=True, max_length=200)
    unit_type: UnitType
    priority: int
    state: str = "waiting"
    unit_id: str | None = None
    queued_at: float = Field(default_factory=time.time)
    assigned_at: float | None = None
    ack_due_at: float | None = None
    fallback_due_at: float | None = None
    excluded: list[str] = Field(default_factory=list, sa_type=JSON,
                                description="Units passed over for this call (declined, "
                                            "timed out).")
    fallback_applied: bool = False
    # "backup_request" when a crew on the call asked for this unit type: its UnitAssigned
    # says so. NULL: triage's plan (or a fallback) asked for it.
    rule: str | None = Field(default=None, max_length=64)
    # The outcome its unit cleared with (shared.field_contracts.Outcome); a retried clear
    # finds it here.
    outcome: str | None = Field(default=None, max_length=64)
    # Capabilities its unit must have (a companion such as a domestic-abuse advocate sent
    # beside police; services/assignment/roster_file.py). NULL: any unit of the type.
    requires: list[str] | None = Field(default=None, sa_type=JSON)


# The kind of feed entry that tells a crew who else holds its call, and their status.
TEAM = "team"


class FeedEntry(SQLModel, table=True):
    """The per-unit assignment log behind the responder feed; ids only ever increase."""

    __tablename__ = "unit_feed"

    id: int | None = Field(default=None, primary_key=True)
    unit_id: str = Field(index=True, max_length=64)
    call_id: str
    kind: str
    data: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    created_at: float = Field(default_factory=time.time)


class OutboxEvent(SQLModel, table=True):
    """An event written in the same transaction as the decision; the relay publishes it."""

    __tablename__ = "outbox"

    id: int | None = Field(default=None, primary_key=True)
    topic: str
    envelope: str
    created_at: float = Field(default_factory=time.time)
    sent_at: float | None = Field(default=None, index=True)


class RelayLease(SQLModel, table=True):
    """Which instance publishes the outbox now: one at a time, so topics keep DB order."""

    __tablename__ = "relay_lease"

    name: str = Field(primary_key=True)
    owner: str
    until: float


TABLES = [Unit, CallRecord, Need, FeedEntry, OutboxEvent, RelayLease, ResponderSessionRow]


def use_immediate_transactions(engine: Engine) -> None:
    """SQLite: every transaction takes the database's write lock at BEGIN (``BEGIN
    IMMEDIATE``), so two processes serialize instead of failing on a lock upgrade.

    PostgreSQL: nothing to set up. Transactions run side by side and serialize only on
    the rows they share: a call's row (locked before its needs or the units holding it
    change), a waiting need or an available unit taken with ``SKIP LOCKED``
    (services/assignment/sql_unit_of_work.py). Reads use another engine and wait for
    nothing.
    """
    if engine.dialect.name != "sqlite":
        return
    # Within one process the writers (decisions, the outbox relay, deadlines) queue on
    # a lock that hands over at once: waiting on SQLite's own lock means its busy
    # handler's sleeps, which grow to 100 ms and were most of a decision's latency.
    writer = _WRITER_LOCKS.setdefault(engine, threading.Lock())
    held = "rightresponse_writer_lock"

    @event.listens_for(engine, "connect")
    def _autocommit_driver(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None

    @event.listens_for(engine, "begin")
    def _begin_immediate(connection: Any) -> None:
        if not writer.acquire(timeout=SQLITE_BUSY_TIMEOUT_S):
            raise TimeoutError("another writer of this process held the database for "
                               f"{SQLITE_BUSY_TIMEOUT_S:.0f} s")
        connection.info[held] = True
        try:
            # On the driver's cursor: SQLAlchemy's execution of it cost more than the
            # statement.
            cursor = connection.connection.cursor()
            try:
                cursor.execute("BEGIN IMMEDIATE")
            finally:
                cursor.close()
        except BaseException:
            _release(connection)
            raise

    @event.listens_for(engine, "commit")
    @event.listens_for(engine, "rollback")
    def _release(connection: Any) -> None:
        if connection.info.pop(held, False):
            writer.release()


SQLITE_BUSY_TIMEOUT_S = 30.0  # as shared.db gives SQLite
# Per engine, the in-process writer lock of use_immediate_transactions (write_transaction
# queues on it too: a raw connection bypasses SQLAlchemy's begin event).
_WRITER_LOCKS: weakref.WeakKeyDictionary[Engine, threading.Lock] = weakref.WeakKeyDictionary()


@contextlib.contextmanager
def write_transaction(engine: Engine) -> Iterator[Any]:
    """A DB-API cursor in one write transaction, for writers on a hot path that need none
    of SQLAlchemy (the outbox relay); committed when the block ends, rolled back on error.

    SQLite: it queues on the same in-process lock as the decisions and starts with
    ``BEGIN IMMEDIATE``, as every transaction of use_immediate_transactions does, so it
    neither waits in SQLite's busy handler nor fails on a lock upgrade. PostgreSQL: the
    caller touches only rows no decision updates or locks (sent outbox rows, the relay
    lease), so it cannot deadlock with one and need not wait for one.
    """
    if engine.dialect.name != "sqlite":
        with dbapi_transaction(engine) as cursor:
            yield cursor
        return
    with dbapi_transaction(engine, begin="BEGIN IMMEDIATE", lock=_WRITER_LOCKS.get(engine),
                           lock_timeout_s=SQLITE_BUSY_TIMEOUT_S) as cursor:
        yield cursor


def load_corridors(roster_file: Path) -> list[Area]:
    """The named areas of the roster (its GeoJSON service areas and older corridors)."""
    return roster_areas(roster_file)


def init_store(engine: Engine, roster_file: Path) -> int:
    """Create tables and seed the roster if the store is empty; returns units loaded."""
    create_tables(engine, TABLES)
    add_missing_columns(engine)
    with Session(engine) as session:
        if _has_units(session):
            return 0
        units = [Unit.model_validate(UnitCreate.model_validate(entry).model_dump())
                 for entry in roster_units(roster_file)]
        session.add_all(units)
        try:
            session.commit()
        except IntegrityError:
            session.rollback()
            if _has_units(session):
                return 0  # another instance starting beside this one seeded it first
            raise  # the roster itself repeats a unit id
        return len(units)


# Columns added to a table after stores were made with it: (table, column, SQL type).
ADDED_COLUMNS = (
    ("call_record", "triaged_at", "FLOAT"),
    ("call_record", "agency", "VARCHAR(200)"),
    ("call_record", "units", "JSON"),
    ("call_record", "review", "BOOLEAN"),
    ("call_record", "review_reason", "VARCHAR"),
    ("call_record", "floor_state", "VARCHAR"),
    ("call_record", "floor_due_at", "FLOAT"),
    ("call_record", "floor_on_timeout", "VARCHAR"),
    ("call_record", "floor_action", "JSON"),
    ("call_record", "evidence", "JSON"),
    ("call_record", "scene_secured_at", "FLOAT"),
    ("call_need", "rule", "VARCHAR(64)"),
    ("call_need", "outcome", "VARCHAR(64)"),
    ("call_need", "requires", "JSON"),
    ("unit", "kind", "VARCHAR(64)"),
    ("unit", "capabilities", "JSON DEFAULT '[]'"),
)

# Indexes added to a table after stores were made with it: (table, column).
ADDED_INDEXES = (("call_record", "floor_state"),)


def add_missing_columns(engine: Engine) -> None:
    """Give a store made before a column was added that column (NULL in existing rows).
    Instances starting together may race: one ALTER fails, and the column is there."""
    for table, column, sql_type in ADDED_COLUMNS:
        if column in {c["name"] for c in inspect(engine).get_columns(table)}:
            continue
        try:
            with engine.begin() as conn:
                # Names and type from ADDED_COLUMNS, never input.
                conn.execute(text(f"ALTER TABLE {table} ADD COLUMN {column} {sql_type}"))
        except (OperationalError, ProgrammingError):
            if column not in {c["name"] for c in inspect(engine).get_columns(table)}:
                raise
    for table, column in ADDED_INDEXES:
        with engine.begin() as conn:
            # Names from ADDED_INDEXES, never input; the name SQLModel gives a new store's.
            conn.execute(text(f"CREATE INDEX IF NOT EXISTS ix_{table}_{column} "
                              f"ON {table} ({column})"))


def _has_units(session: Session) -> bool:
    return session.exec(select(Unit.unit_id)).first() is not None
