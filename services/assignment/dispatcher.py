"""The service's entry to its decisions: each in one unit of work, at the clock's time.

The decisions themselves are plain functions (calls, crews, roster, timers) over a
:class:`~services.assignment.decisions.Decision`; here each gets its unit of work (the
database's, unless a test hands another), its time, and is committed, events and the
record of the events it handled included, or not at all.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine

from services.assignment import floor
from services.assignment.calls import call_cancelled, calls_triaged
from services.assignment.crews import (
    ReportRefused,
    StatusConflict,
    UnitNotFound,
    UnitReport,
    assignment_accepted,
    status_reported,
)
from services.assignment.decisions import Decision, DispatchConfig
from services.assignment.field import (
    BackupRequest,
    Clearing,
    backup_requested,
    scene_secured,
    unit_cleared,
)
from services.assignment.field_rules import redacted_entry
from services.assignment.floor_actions import FloorActionBody
from services.assignment.floor_queue import floor_queue
from services.assignment.roster import unit_created, unit_updated
from services.assignment.rules import IllegalTransition
from services.assignment.sql_unit_of_work import SqlUnitOfWork
from services.assignment.store import FeedEntry, Unit, UnitCreate, UnitUpdate
from services.assignment.timers import deadline_passed
from services.assignment.unit_of_work import AbstractUnitOfWork
from shared.auth import Principal
from shared.db import DatabaseProcessedEvents
from shared.events import CallCancelled, CallTriaged, Envelope, Location, UnitStatus, UnitType

__all__ = ["DispatchConfig", "Dispatcher"]


class Dispatcher:
    def __init__(self, engine: Engine, config: DispatchConfig,
                 clock: Callable[[], float] = time.time, reader: Engine | None = None,
                 processed: DatabaseProcessedEvents | None = None,
                 unit_of_work: Callable[[], AbstractUnitOfWork] | None = None) -> None:
        """``processed``: the consumer's record of handled events; each decision records
        its events there in its own transaction. ``reader``: an engine for reads that must
        never wait on a writer (no decision lock). ``unit_of_work``: another storage for
        decisions and reads alike (tests)."""
        self.engine = engine
        self.config = config
        self.clock = clock
        reads = reader or engine
        self.unit_of_work = unit_of_work or (lambda: SqlUnitOfWork(engine, processed))
        self.read_unit_of_work = unit_of_work or (lambda: SqlUnitOfWork(reads))
        # Per unit type, the minute of the last full pass over the queue (decisions.drain).
        self._full_passes: dict[UnitType, int] = {}
        # Called (from the deciding thread) after every committed decision: the service
        # wakes its outbox relay with it, so a decision is published at once.
        self.after_commit: Callable[[], None] = lambda: None

    @contextmanager
    def _deciding(self, cause: Envelope | None = None) -> Iterator[Decision]:
        with self.unit_of_work() as uow:
            decision = Decision(uow, self.config, self.clock(), self._full_passes, cause)
            yield decision
            floor.announce(decision)
            uow.commit()
        self.after_commit()

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
            if chunk:
                with self._deciding() as decision:
                    calls_triaged(decision, chunk)

    def on_cancelled(self, envelope: Envelope, cancelled: CallCancelled) -> None:
        if envelope.call_id is None:
            return
        with self._deciding(envelope) as decision:
            decision.uow.record_handled([str(envelope.event_id)])
            call_cancelled(decision, envelope.call_id)

    # --- responders and admins -----------------------------------------------------------

    def report_status(self, unit_id: str, status: UnitStatus,
                      location: Location | None = None, call_id: str | None = None
                      ) -> dict[str, Any]:
        """A crew (or an admin) reports a status; raises before changing anything if illegal."""
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
        with self._deciding() as decision:
            for report in reports:
                try:
                    results.append(status_reported(decision, report))
                except (UnitNotFound, StatusConflict, IllegalTransition) as refused:
                    results.append(refused)
        return results

    def accept(self, unit_id: str) -> str:
        """The crew acknowledges its pending assignment; returns the call id."""
        with self._deciding() as decision:
            return assignment_accepted(decision, unit_id)

    def clear(self, clearing: Clearing) -> Unit:
        """The crew clears its call with an outcome; returns the unit as it now stands."""
        with self._deciding() as decision:
            unit_cleared(decision, clearing)
            found = decision.uow.units.get_for_update(clearing.unit_id)
            assert found is not None
            return Unit.model_validate(found.model_dump())

    def request_backup(self, request: BackupRequest) -> dict[str, Any]:
        """A crew on the call asks for more units (field.backup_requested)."""
        with self._deciding() as decision:
            return backup_requested(decision, request)

    def secure_scene(self, unit_id: str, call_id: str) -> list[str]:
        """Police report the scene secure; returns the staged units told to go in."""
        with self._deciding() as decision:
            return scene_secured(decision, unit_id, call_id)

    def create_unit(self, data: UnitCreate) -> Unit:
        """Add a unit to the roster (available); raises UnitExists."""
        with self._deciding() as decision:
            return unit_created(decision, data)

    def update_unit(self, unit_id: str, data: UnitUpdate) -> Unit:
        with self._deciding() as decision:
            return unit_updated(decision, unit_id, data)

    # --- timers --------------------------------------------------------------------------

    def due_needs(self) -> list[int]:
        with self.read_unit_of_work() as uow:
            return uow.needs.due(self.clock())

    def run_timer(self, need_id: int) -> None:
        """Act on one due deadline (re-checked under the lock: another instance may have)."""
        with self._deciding() as decision:
            deadline_passed(decision, need_id)

    def due_floor(self) -> list[str]:
        """Calls whose floor deadline (a confirmation or a call-back) has passed."""
        with self.read_unit_of_work() as uow:
            return uow.calls.floor_due(self.clock())

    def run_floor_timer(self, call_id: str) -> None:
        with self._deciding() as decision:
            floor.deadline_passed(decision, call_id)

    # --- the 911 floor -------------------------------------------------------------------

    def floor_action(self, call_id: str, body: FloorActionBody, principal: Principal
                     ) -> dict[str, Any]:
        """Take an action on the call's decision; returns the decision as it now stands.
        Raises floor.FloorRefused (nothing changed)."""
        with self._deciding() as decision:
            floor.act(decision, call_id, body, principal)
            call = decision.calls[call_id]
            return floor.view(call, decision.uow.needs.for_call(call_id))

    def decision(self, call_id: str, principal: Principal) -> dict[str, Any]:
        """The call's decision and where the floor stands on it; raises CallNotFound."""
        with self.read_unit_of_work() as uow:
            call = uow.calls.get(call_id)
            if call is None or call.cancelled or not floor.may_see(principal, call):
                raise floor.CallNotFound(f"No call {call_id!r} is decided here")
            return floor.view(call, uow.needs.for_call(call_id, lock=False))

    def floor_queue(self, principal: Principal) -> dict[str, Any]:
        """The calls waiting for the floor that the principal may see (floor_queue.py)."""
        with self.read_unit_of_work() as uow:
            return floor_queue(uow, self.config.floor, principal, self.clock())

    # --- reads ---------------------------------------------------------------------------

    def current_assignment(self, unit_id: str) -> dict[str, Any] | None:
        """The unit's latest feed entry about the call it holds, with its co-responders
        as they stand now, or None."""
        with self.read_unit_of_work() as uow:
            unit = uow.units.get(unit_id)
            if unit is None:
                raise UnitNotFound(unit_id)
            if unit.current_call_id is None:
                return None
            entry = uow.feed.latest(unit_id, unit.current_call_id)
            if entry is None:
                return None
            team = [{"unit_id": u.unit_id, "unit_type": u.unit_type.value,
                     "status": u.status.value}
                    for u in uow.units.holding(unit.current_call_id) if u.unit_id != unit_id]
            return {"id": entry.id, **entry.data, "co_responders": team}

    def feed_after(self, unit_id: str, after_id: int, limit: int = 100) -> list[FeedEntry]:
        """The unit's feed after an id; entries about a call it no longer holds keep what
        happened and drop where and what (field_rules.redacted_entry)."""
        with self.read_unit_of_work() as uow:
            unit = uow.units.get(unit_id)
            holds = unit.current_call_id if unit else None
            return [e if e.call_id == holds else
                    FeedEntry(id=e.id, unit_id=e.unit_id, call_id=e.call_id, kind=e.kind,
                              data=redacted_entry(e.data), created_at=e.created_at)
                    for e in uow.feed.after(unit_id, after_id, limit)]

    def last_feed_id(self, unit_id: str) -> int:
        with self.read_unit_of_work() as uow:
            return uow.feed.last_id(unit_id)
