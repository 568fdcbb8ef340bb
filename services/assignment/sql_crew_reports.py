"""What a crew's status report reads and writes of calls and needs, as plain statements on
the unit of work's cursor (:mod:`services.assignment.sql_unit_of_work`).

A report that accepts or ends what its unit holds changed each need through the ORM:
loaded (locked), changed, flushed; and it loaded the whole call record to write the
crew's feed entry. That was most of a report's CPU. Here the needs are changed by one
conditional UPDATE that returns them, and the call's feed columns are read as a row.

Locks are unchanged: the UPDATE locks the needs (PostgreSQL) as the ``FOR UPDATE`` read
did, after the call they belong to (a unit holds needs of one call only: the partial
unique index ``one_active_call_per_unit``), which the report locked first
(``unit_with_call_locked``).
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from sqlalchemy.orm.util import identity_key
from sqlmodel import Session

from services.assignment.sql_cursor import DriverCursor
from services.assignment.sql_text import NewRows, in_list
from services.assignment.store import ACTIVE_STATES, Need
from services.assignment.unit_of_work import CallSummary, HeldNeed
from shared.events import UnitType

CALL_SUMMARY = ("SELECT cancelled, priority, pathway, tags, safety_flags, reasons, location, "
                "units, scene_secured_at FROM call_record WHERE call_id = ?")


# The active states written out as the partial index ``one_active_call_per_unit`` has
# them: only then does SQLite (and a generic PostgreSQL plan) find a unit's needs through
# it, where bound states had it walk every active need.
HELD = f"unit_id = ? AND state IN ({', '.join(repr(s) for s in ACTIVE_STATES)})"


@lru_cache(maxsize=8)
def settle_sql(from_count: int) -> str:
    """Set a unit's held needs in one of ``from_count`` states to another state."""
    states = in_list(from_count)  # placeholders only, never input
    return ("UPDATE call_need SET state = ?, ack_due_at = NULL "  # noqa: S608
            f"WHERE {HELD} AND state IN {states} "
            "RETURNING id, call_id, unit_type, priority, outcome")


def _statements_see_the_session(new: NewRows, session: Session) -> None:
    # What the unit of work changed through the session goes to the database first, as
    # an ORM query would (autoflush).
    new.materialize()
    session.flush()


def settle_held(new: NewRows, session: Session, cursor: DriverCursor, unit_id: str,
                state: str, from_states: tuple[str, ...]) -> list[HeldNeed]:
    """:meth:`NeedRepository.settle_held` in one statement."""
    _statements_see_the_session(new, session)
    rows = cursor.execute(settle_sql(len(from_states)),
                          (state, unit_id, *from_states)).fetchall()
    held = sorted((HeldNeed(need_id, call_id, UnitType(unit_type), priority, outcome)
                   for need_id, call_id, unit_type, priority, outcome in rows),
                  key=lambda need: need.id)
    if len(session.identity_map):
        # A need the session loaded before is stale now: read again when next used.
        for need in held:
            loaded = session.identity_map.get(identity_key(Need, need.id))
            if loaded is not None:
                session.expire(loaded)
    return held


def call_summary(new: NewRows, session: Session, cursor: DriverCursor, call_id: str
                 ) -> CallSummary | None:
    """:meth:`CallRepository.summary` in one statement."""
    _statements_see_the_session(new, session)
    row = cursor.execute(CALL_SUMMARY, (call_id,)).fetchone()
    if row is None:
        return None
    cancelled, priority, pathway, tags, flags, reasons, location, units, secured_at = row
    return CallSummary(bool(cancelled), priority, pathway, _json(tags), _json(flags),
                       _json(reasons), _json(location), _json(units), secured_at)


def _json(raw: Any) -> Any:
    """A JSON column from either driver: SQLite returns text, psycopg decodes it."""
    return json.loads(raw) if isinstance(raw, str) else raw
