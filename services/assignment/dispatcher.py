"""The service's entry to its decisions: each in one unit of work, at the clock's time.

The decisions themselves are plain functions (calls, crews, roster, timers) over a
:class:`~services.assignment.decisions.Decision`; here each gets its unit of work (the
database's, unless a test hands another), its time, and is committed, events and the
record of the events it handled included, or not at all.

On PostgreSQL decisions of this and other instances run side by side, locking only the
rows they work on (services/assignment/sql_unit_of_work.py). One that loses to another
(a deadlock the server broke, a key the other inserted first) is run again from the
start, a few times; one that may have missed a unit freed, or a need queued, by another
at the same moment has the queue served again once it commits (:meth:`serve_queue`),
and a sweep at every timer tick catches whatever is left (:meth:`sweep_queue`).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Sequence
from functools import partial
from typing import Any, TypeVar

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
from services.assignment.decisions import (
    Decision,
    DispatchConfig,
    drain,
    retry_left_waiting,
)
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
from shared.db import DatabaseProcessedEvents, write_conflict
from shared.events import CallCancelled, CallTriaged, Envelope, Location, UnitStatus, UnitType

__all__ = ["DispatchConfig", "Dispatcher"]

log = logging.getLogger(__name__)
T = TypeVar("T")

# Runs of one decision that lost to another before the error is raised to the caller
# (a consumer then waits and retries; an API answers 503).
MAX_ATTEMPTS = 5
# Passes of serve_queue while a need it could serve is held by another unit of work.
SERVE_ROUNDS = 3


def _serve_queue(d: Decision, unit_types: list[UnitType],
                 left: dict[UnitType, set[str]], held: list[int]) -> None:
    if held:
        d.uow.needs.wait_for(held)
    retry_left_waiting(d, left)
    drain(d, unit_types)


class Dispatcher:
    def __init__(self, engine: Engine, config: DispatchConfig,
                 clock: Callable[[], float] = time.time, reader: Engine | None = None,
                 processed: DatabaseProcessedEvents | None = None,
                 unit_of_work: Callable[[], AbstractUnitOfWork] | None = None) -> None:
        """``processed``: the consumer's record of handled events; each decision records
        its events there in its own transaction. ``reader``: an engine for reads that must
        never wait on a writer (takes no lock). ``unit_of_work``: another storage for
        decisions and reads alike (tests)."""
        self.engine = engine
        self.config = config
        self.clock = clock
        reads = reader or engine
        self.unit_of_work = unit_of_work or (lambda: SqlUnitOfWork(engine, processed))
        self.read_unit_of_work = unit_of_work or (lambda: SqlUnitOfWork(reads))
        # Per unit type, the minute of the last full pass over the queue (decisions.drain).
        self._full_passes: dict[UnitType, int] = {}
        self.max_attempts = MAX_ATTEMPTS
        # Whether decisions of other instances run beside this one's, locking rows
        # (PostgreSQL): the timers then sweep the queue (sweep_queue).
        self.shares_rows = engine is not None and engine.dialect.name != "sqlite"
        # Called (from the deciding thread) after every committed decision: the service
        # wakes its outbox relay with it, so a decision is published at once.
        self.after_commit: Callable[[], None] = lambda: None

    def _decide(self, decide: Callable[[Decision], T], cause: Envelope | None = None) -> T:
        """Run ``decide`` in a unit of work and commit; run again (from the start, with
        nothing of the failed run kept) when it lost to another one running beside it."""
        result, decision = self._decide_once(decide, cause)
        if (decision.serve_again or decision.left_waiting) and decision.uow.row_locks:
            try:
                self.serve_queue(decision.serve_again, decision.left_waiting,
                                 decision.seen_available)
            except Exception as error:
                # The decision stands; the timers' sweep serves the queue instead.
                log.warning("serving the queue after a decision failed",
                            extra={"reason": type(error).__name__})
        return result

    def _decide_once(self, decide: Callable[[Decision], T], cause: Envelope | None
                     ) -> tuple[T, Decision]:
        for attempt in range(1, self.max_attempts + 1):
            try:
                with self.unit_of_work() as uow:
                    decision = Decision(uow, self.config, self.clock(), self._full_passes,
                                        cause)
                    result = decide(decision)
                    floor.announce(decision)
                    uow.commit()
            except Exception as error:
                if attempt == self.max_attempts or not write_conflict(error):
                    raise
                log.info("decision lost to another one running beside it; run again",
                         extra={"attempt": attempt, "reason": type(error).__name__})
                continue
            self.after_commit()
            return result, decision
        raise AssertionError("unreachable")  # the last attempt returned or raised

    def serve_queue(self, unit_types: Iterable[UnitType],
                    left_waiting: dict[UnitType, set[str]] | None = None,
                    seen_available: dict[UnitType, frozenset[str]] | None = None) -> None:
        """Serve the queue of these types, and try the needs these calls were left
        waiting with (by type) again, in a unit of work of its own: after a decision that
        may have missed a unit freed, or a need queued, by another running beside it
        (``seen_available``: the units it saw available, by type). Again, a few times,
        while a need it could serve was held by another: first waiting for the other to
        finish with it (holding nothing meanwhile)."""
        types: list[UnitType] = sorted(unit_types)
        left = {t: calls for t, calls in (left_waiting or {}).items() if t not in types}
        # Mostly nothing changed: no need waits beside the unit left free, no unit came
        # free for the needs left waiting. One look, outside any transaction, spares
        # those a unit of work.
        with self.read_unit_of_work() as uow:
            now = uow.glance({*types, *left})
        seen = seen_available or {}
        types = [t for t in types if t in now.waiting and now.available.get(t)]
        left = {t: calls for t, calls in left.items()
                if now.available.get(t, frozenset()) - seen.get(t, frozenset())}
        if not types and not left:
            return
        held: list[int] = []
        for _ in range(SERVE_ROUNDS):
            _, decision = self._decide_once(
                partial(_serve_queue, unit_types=types, left=left, held=held), None)
            held = decision.held_elsewhere
            if not held:
                return

    def sweep_queue(self) -> None:
        """Serve the queue of every type with a need waiting and a unit available: the
        last resort for a race :meth:`serve_queue` did not settle (run at every timer
        tick where decisions run side by side)."""
        with self.read_unit_of_work() as uow:
            types = uow.types_to_serve()
        if types:
            self._decide_once(partial(drain, unit_types=types), None)

    # --- events --------------------------------------------------------------------------

    def on_triaged(self, envelope: Envelope, triaged: CallTriaged) -> None:
        self.on_triaged_many([(envelope, triaged)])

    def on_triaged_many(self, items: list[tuple[Envelope, CallTriaged]],
                        per_transaction: int = 50) -> None:
        """Decide these calls in order, up to ``per_transaction`` in one transaction: one
        commit for many decisions, while the calls' locks are still never held long
        enough to keep a crew's status report waiting."""
        for start in range(0, len(items), per_transaction):
            chunk = [(e, t) for e, t in items[start:start + per_transaction]
                     if e.call_id is not None]
            if chunk:
                self._decide(partial(calls_triaged, items=chunk))

    def on_cancelled(self, envelope: Envelope, cancelled: CallCancelled) -> None:
        if envelope.call_id is None:
            return
        call_id = envelope.call_id

        def cancel(d: Decision) -> None:
            d.uow.record_handled([str(envelope.event_id)])
            call_cancelled(d, call_id)

        self._decide(cancel, envelope)

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
        """Several reports in one transaction (one commit), each applied in turn as if
        alone. A refused one (unknown unit, illegal or stale) changes nothing and is
        returned as its error, in its place; the others go on."""

        def apply(d: Decision) -> list[dict[str, Any] | ReportRefused]:
            if len(reports) > 1:
                d.uow.lock_calls_held_by([r.unit_id for r in reports])
            results: list[dict[str, Any] | ReportRefused] = []
            for report in reports:
                try:
                    results.append(status_reported(d, report))
                except (UnitNotFound, StatusConflict, IllegalTransition) as refused:
                    results.append(refused)
            return results

        return self._decide(apply)

    def accept(self, unit_id: str) -> str:
        """The crew acknowledges its pending assignment; returns the call id."""
        return self._decide(lambda d: assignment_accepted(d, unit_id))

    def clear(self, clearing: Clearing) -> Unit:
        """The crew clears its call with an outcome; returns the unit as it now stands."""
        def clear(d: Decision) -> Unit:
            unit_cleared(d, clearing)
            found = d.uow.units.get_for_update(clearing.unit_id)
            assert found is not None
            return Unit.model_validate(found.model_dump())

        return self._decide(clear)

    def request_backup(self, request: BackupRequest) -> dict[str, Any]:
        """A crew on the call asks for more units (field.backup_requested)."""
        return self._decide(lambda d: backup_requested(d, request))

    def secure_scene(self, unit_id: str, call_id: str) -> list[str]:
        """Police report the scene secure; returns the staged units told to go in."""
        return self._decide(lambda d: scene_secured(d, unit_id, call_id))

    def create_unit(self, data: UnitCreate) -> Unit:
        """Add a unit to the roster (available); raises UnitExists."""
        return self._decide(lambda d: unit_created(d, data))

    def update_unit(self, unit_id: str, data: UnitUpdate) -> Unit:
        return self._decide(lambda d: unit_updated(d, unit_id, data))

    # --- timers --------------------------------------------------------------------------

    def due_needs(self) -> list[int]:
        with self.read_unit_of_work() as uow:
            return uow.needs.due(self.clock())

    def run_timer(self, need_id: int) -> None:
        """Act on one due deadline (re-checked under the locks: another instance may
        have)."""
        self._decide(lambda d: deadline_passed(d, need_id))

    def due_floor(self) -> list[str]:
        """Calls whose floor deadline (a confirmation or a call-back) has passed."""
        with self.read_unit_of_work() as uow:
            return uow.calls.floor_due(self.clock())

    def run_floor_timer(self, call_id: str) -> None:
        self._decide(lambda d: floor.deadline_passed(d, call_id))

    # --- the 911 floor -------------------------------------------------------------------

    def floor_action(self, call_id: str, body: FloorActionBody, principal: Principal
                     ) -> dict[str, Any]:
        """Take an action on the call's decision; returns the decision as it now stands.
        Raises floor.FloorRefused (nothing changed)."""
        def act(d: Decision) -> dict[str, Any]:
            floor.act(d, call_id, body, principal)
            return floor.view(d.calls[call_id], d.uow.needs.for_call(call_id))

        return self._decide(act)

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
