"""Assignment's units on SQLite and PostgreSQL: plain columns through the unit of work's
driver cursor (services/assignment/sql_text.py), conditional writes whose row count says
whether they took, and on PostgreSQL the read that follows a write sent with it."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session

from services.assignment.sql_cursor import DriverCursor
from services.assignment.sql_text import (
    CLAIM_UNLOCKED,
    HOLDING,
    ROSTER,
    UNIT_ROW,
    as_list,
    plain,
    unit_update_sql,
)
from services.assignment.store import Unit
from services.assignment.unit_of_work import (
    UNIT_WRITABLE,
    AnyCall,
    RosterRow,
    UnitRepository,
    UnitSnapshot,
)
from shared.events import UnitStatus, UnitType


def snapshot(row: tuple[Any, ...] | None) -> UnitSnapshot | None:
    """A unit's row as UNIT_ROW and HOLDING read it."""
    if row is None:
        return None
    found, unit_type, status, current_call_id, lat, lon = row
    return UnitSnapshot(found, UnitType(unit_type), UnitStatus(status), current_call_id,
                        lat, lon)


def _snapshots(rows: list[tuple[Any, ...]]) -> list[UnitSnapshot]:
    return [found for found in map(snapshot, rows) if found is not None]


def roster_rows(rows: list[tuple[Any, ...]]) -> list[RosterRow]:
    """The rows ROSTER reads."""
    return [RosterRow(unit_id, UnitStatus(status), lat, lon, as_list(areas), shift,
                      as_list(capabilities))
            for unit_id, status, lat, lon, areas, shift, capabilities in rows]


class SqlUnits(UnitRepository):
    """Reads and conditional writes of units in plain columns, on the session's connection;
    only an admin's edit loads a unit as an object (written before the next statement).

    On PostgreSQL a write to a unit holding a call (a claim, a crew's report) is sent
    with the read of the units holding that call after it, in one round trip: the next
    thing a decision does after such a write is tell the call's team
    (decisions.tell_team). That read is kept for the next :meth:`holding` of the call,
    and dropped by any other statement about units."""

    def __init__(self, session: Session, cursor: DriverCursor) -> None:
        self.session = session
        self.cursor = cursor
        self._objects = False
        self._holders_read: tuple[str, list[UnitSnapshot]] | None = None

    def _execute(self, statement: str, params: tuple[Any, ...]) -> Any:
        self._holders_read = None
        if self._objects:
            self.session.flush()
        return self.cursor.execute(statement, params)

    def _write_then_holders(self, statement: str, params: tuple[Any, ...], call_id: str
                            ) -> bool:
        """The write (True when it changed a row), and the units holding ``call_id``
        after it read in the same round trip."""
        if self.cursor.sqlite:  # in process: no round trip to save
            return bool(self._execute(statement, params).rowcount == 1)
        self._holders_read = None
        if self._objects:
            self.session.flush()
        with self.cursor.together():
            written = self.cursor.execute(statement, params)
            holders = self.cursor.execute(HOLDING, (call_id,))
        if written.rowcount != 1:
            return False
        self._holders_read = (call_id, _snapshots(holders.fetchall()))
        return True

    def roster(self, unit_type: UnitType) -> list[RosterRow]:
        return roster_rows(self.roster_read(unit_type).fetchall())

    def roster_read(self, unit_type: UnitType) -> Any:
        """The cursor to read the type's roster from (with ``together``: after it)."""
        return self._execute(ROSTER, (plain(unit_type),))

    def get(self, unit_id: str) -> UnitSnapshot | None:
        return snapshot(self.row_of(unit_id).fetchone())

    def row_of(self, unit_id: str) -> Any:
        """The unit's row, to read from the cursor returned (inside ``together``: once the
        block has ended)."""
        return self._execute(UNIT_ROW, (unit_id,))

    def holding(self, call_id: str) -> list[UnitSnapshot]:
        read, self._holders_read = self._holders_read, None
        if read is not None and read[0] == call_id:
            return read[1]
        return _snapshots(self._execute(HOLDING, (call_id,)).fetchall())

    def claim(self, unit_id: str, call_id: str, now: float) -> bool:
        if self.cursor.sqlite:  # one writer at a time: nothing else holds the row
            return super().claim(unit_id, call_id, now)
        available = UnitStatus.available.value
        return self._write_then_holders(CLAIM_UNLOCKED, (
            UnitStatus.dispatched.value, call_id, now, available, unit_id, available,
        ), call_id)

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
        params = [plain(value) for value in values.values()]
        params.append(unit_id)
        if if_status is not None:
            params.append(plain(if_status))
        if holds == "call":
            params.append(if_holds)
        statement = unit_update_sql(tuple(values), if_status is not None, holds)
        if isinstance(if_holds, str):
            return self._write_then_holders(statement, tuple(params), if_holds)
        return bool(self._execute(statement, tuple(params)).rowcount == 1)
