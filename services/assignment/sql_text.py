"""Assignment's statements as text for the driver's cursor, and the rows they read and
write: what :mod:`services.assignment.sql_unit_of_work` runs on a decision's hot path."""

from __future__ import annotations

import json
from enum import Enum
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, Table
from sqlmodel import Session

from services.assignment.store import CallRecord, Need

if TYPE_CHECKING:
    from services.assignment.sql_cursor import DriverCursor

CALL_TABLE: Table = CallRecord.__table__  # type: ignore[attr-defined]
NEED_TABLE: Table = Need.__table__  # type: ignore[attr-defined]
# Ids in one IN (...) at the most.
CHUNK = 500

# The statements every decision runs (the roster, the queue, a unit's row, a claim, the
# rows inserted at commit) go to the driver's cursor as text: SQLAlchemy's execution of
# even a cached Core statement cost several times what SQLite spends running it, and
# batched on PostgreSQL the inserts at commit are one round trip. Written with ``?``,
# turned into the driver's paramstyle by dbapi_sql; JSON columns are written as JSON
# text (both drivers: psycopg sends text untyped, so the server casts it to json, as it
# does to the enum columns).
LOCK = " FOR UPDATE"  # PostgreSQL only: SQLite's lock is the whole database
KNOWN_CALL_IDS = "SELECT call_id FROM call_record WHERE call_id IN "
BY_CALL_ID = " ORDER BY call_id"  # several calls are locked in one order
LOCK_CALL = "SELECT call_id FROM call_record WHERE call_id = ?"
NOWAIT = " FOR UPDATE NOWAIT"  # after LOCK_CALL, in place of LOCK
# The call a unit holds now (none when it holds none), to lock with LOCK.
LOCK_HELD_CALL = ("SELECT call_id FROM call_record WHERE call_id = "
                  "(SELECT current_call_id FROM unit WHERE unit_id = ?)")
NEEDS_BY_ID = "SELECT id FROM call_need WHERE id IN "
CALLS_HELD = ("SELECT call_id FROM call_record WHERE call_id IN "
              "(SELECT current_call_id FROM unit WHERE unit_id IN ")
BY_NEED_ID = " ORDER BY id"
QUEUE = ("SELECT id, call_id, priority, queued_at, excluded FROM call_need "
         "WHERE unit_type = ? AND state = 'waiting'")
ROSTER = ("SELECT unit_id, status, lat, lon, service_area, shift, capabilities FROM unit "
          "WHERE unit_type = ?")
UNIT_ROW = ("SELECT unit_id, unit_type, status, current_call_id, lat, lon FROM unit "
            "WHERE unit_id = ?")
HOLDING = ("SELECT unit_id, unit_type, status, current_call_id, lat, lon FROM unit "
           "WHERE current_call_id = ? ORDER BY unit_id")
# PostgreSQL's claim: a unit another transaction has locked (a crew's report, another
# claim) is not waited for but counted as taken, so claims never wait on each other.
CLAIM_UNLOCKED = ("UPDATE unit SET status = ?, current_call_id = ?, updated_at = ? "
                  "WHERE status = ? AND unit_id = (SELECT unit_id FROM unit "
                  "WHERE unit_id = ? AND status = ? FOR UPDATE SKIP LOCKED)")
# Units available and types with a need waiting (unit_id NULL), of the types given twice.
GLANCE = ("SELECT unit_type, unit_id FROM unit WHERE status = 'available' AND unit_type IN "
          "{types} UNION ALL SELECT DISTINCT unit_type, NULL FROM call_need "
          "WHERE state = 'waiting' AND unit_type IN {types}")
# The unit types whose queue a free unit might serve (the sweep, Dispatcher.sweep_queue).
TYPES_TO_SERVE = ("SELECT DISTINCT n.unit_type FROM call_need n WHERE n.state = 'waiting' "
                  "AND EXISTS (SELECT 1 FROM unit u WHERE u.unit_type = n.unit_type "
                  "AND u.status = 'available')")


def columns_of(table: Table, *leave_out: str) -> tuple[tuple[str, ...], frozenset[str]]:
    """A table's columns to insert, and which of them hold JSON."""
    names = tuple(c.name for c in table.columns if c.name not in leave_out)
    return names, frozenset(c.name for c in table.columns if isinstance(c.type, JSON))


CALL_COLUMNS = columns_of(CALL_TABLE)
OUTBOX_COLUMNS = ("topic", "envelope", "created_at")
FEED_COLUMNS = ("unit_id", "call_id", "kind", "data", "created_at")
NEED_COLUMNS = columns_of(NEED_TABLE, "id")  # the database numbers needs


def lock_refused(error: BaseException) -> bool:
    """A lock asked for with NOWAIT was held by another transaction."""
    driver_error = getattr(error, "orig", None) or error
    return getattr(driver_error, "sqlstate", None) == "55P03"


@lru_cache(maxsize=64)
def in_list(count: int) -> str:
    """``(?, ?, ...)``: dbapi_sql turns it into the driver's paramstyle with the rest."""
    return f"({', '.join('?' * count)})"


@lru_cache(maxsize=16)
def insert_sql(table: str, columns: tuple[str, ...]) -> str:
    # Names are the tables' own, never input.
    values = ", ".join("?" * len(columns))
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({values})"  # noqa: S608


def plain(value: Any) -> Any:
    """A value as the driver takes it: an enum member as its value (psycopg would send a
    Python enum's name, typed)."""
    return value.value if isinstance(value, Enum) else value


def rows_of(objects: list[Any], spec: tuple[tuple[str, ...], frozenset[str]]
          ) -> list[tuple[Any, ...]]:
    """Each object's columns as one row, JSON columns as JSON text (no model_dump: pydantic
    copied every value once more). Read from the instance's dict: a new object, never
    loaded or expired, holds every column there (instrumented access cost as much)."""
    columns, json_columns = spec
    rows = []
    for o in objects:
        values = o.__dict__
        rows.append(tuple(
            json.dumps(values[c]) if c in json_columns else plain(values[c])
            for c in columns))
    return rows


@lru_cache(maxsize=1024)
def json_list(raw: str | None) -> tuple[str, ...]:
    """A JSON list column as SQLite returns it (text), parsed once per distinct value."""
    if not raw or raw == "[]":
        return ()
    return tuple(json.loads(raw))


def as_list(raw: str | list[str] | None) -> tuple[str, ...]:
    """A JSON list column from either driver (psycopg decodes json itself)."""
    return json_list(raw) if raw is None or isinstance(raw, str) else tuple(raw)


@lru_cache(maxsize=64)
def unit_update_sql(columns: tuple[str, ...], if_status: bool, if_holds: str) -> str:
    """UPDATE unit SET ``columns`` WHERE unit_id (AND status) (AND the call it holds:
    "none", "call" or "any"); parameters in that order."""
    where = ["unit_id = ?"]
    if if_status:
        where.append("status = ?")
    if if_holds == "none":
        where.append("current_call_id IS NULL")
    elif if_holds == "call":
        where.append("current_call_id = ?")
    # Column names from UNIT_WRITABLE, never input.
    return (f"UPDATE unit SET {', '.join(f'{c} = ?' for c in columns)} "  # noqa: S608
            f"WHERE {' AND '.join(where)}")


class NewRows:
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

    def insert(self, cursor: DriverCursor) -> None:
        """The new rows as they stand at the end of the unit of work."""
        for objects, table, spec in ((self.calls, "call_record", CALL_COLUMNS),
                                     (self.needs, "call_need", NEED_COLUMNS)):
            if objects:
                cursor.get().executemany(cursor.sql(insert_sql(table, spec[0])),
                                         rows_of(objects, spec))
        self.calls.clear()
        self.needs.clear()
