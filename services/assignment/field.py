"""Decisions crews make on the call they hold: clear it with a coded outcome, ask for backup,
report the scene secure so the units staged nearby go in. Each runs inside the caller's
:class:`~services.assignment.decisions.Decision` and refuses before writing anything.

Each is idempotent on a retried request: a clear repeated after it went through finds the
outcome on the unit's need and changes nothing; a backup request whose types are all still
on their way (or queued) as backup changes nothing; a second "scene secure" finds the call
secured already. The crew's note is carried in :class:`UnitCleared` only, never logged.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from services.assignment.crews import StatusConflict, UnitNotFound, finish_held
from services.assignment.decisions import (
    Decision,
    drain,
    emit,
    feed,
    forget_roster,
    queue,
    status_event,
)
from services.assignment.field_rules import (
    BACKUP_RULE,
    backup_priority,
    may_clear,
    may_secure,
    must_stage,
)
from services.assignment.floor import HELD
from services.assignment.rules import IllegalTransition
from services.assignment.store import ACTIVE_STATES, Need
from shared.contracts import UnitStatus, UnitType
from shared.field_contracts import BackupReason, BackupRequested, Outcome, SceneSecured, UnitCleared
from shared.topics import CALLS_ASSIGNED

log = logging.getLogger(__name__)

PENDING = ("waiting", HELD, *ACTIVE_STATES)


@dataclass(frozen=True)
class Clearing:
    unit_id: str
    call_id: str
    outcome: Outcome
    note: str | None = None


@dataclass(frozen=True)
class BackupRequest:
    unit_id: str
    call_id: str
    requested: tuple[UnitType, ...]
    reason_code: BackupReason


def unit_cleared(d: Decision, clearing: Clearing) -> None:
    """The crew cleared the call it holds with an outcome: the unit is available again."""
    unit = d.uow.unit_with_call_locked(clearing.unit_id)
    if unit is None:
        raise UnitNotFound(clearing.unit_id)
    if unit.current_call_id != clearing.call_id:
        if _cleared_before(d, clearing):
            return  # a retried request: done already
        raise StatusConflict("the unit does not hold that call")
    if not may_clear(unit.status):
        raise IllegalTransition(f"a unit that is {unit.status} cannot clear")
    previous = unit.status
    if not d.uow.units.update(clearing.unit_id, {
            "status": UnitStatus.available.value, "current_call_id": None,
            "updated_at": d.now}, if_status=previous, if_holds=clearing.call_id):
        raise StatusConflict("the unit changed at the same moment; retry")
    forget_roster(d, unit.unit_type)
    status_event(d, unit.unit_id, unit.unit_type, UnitStatus.available, previous,
                 clearing.call_id, unit.lat, unit.lon)
    for need in d.uow.needs.held_by(unit.unit_id):
        need.outcome = clearing.outcome.value
    emit(d, CALLS_ASSIGNED, UnitCleared(unit_id=unit.unit_id, unit_type=unit.unit_type,
                                        outcome=clearing.outcome, note=clearing.note),
         clearing.call_id)
    finish_held(d, unit.unit_id, f"cleared by the crew: {clearing.outcome.value}")
    log.info("unit cleared", extra={"call_id": clearing.call_id, "unit_id": unit.unit_id})
    drain(d, {unit.unit_type}, unit_freed=True)


def _cleared_before(d: Decision, clearing: Clearing) -> bool:
    for need in d.uow.needs.for_call(clearing.call_id):
        if need.unit_id == clearing.unit_id and need.outcome is not None:
            if need.outcome != clearing.outcome.value:
                raise StatusConflict(f"the unit cleared that call already, as {need.outcome}")
            return True
    return False


def backup_requested(d: Decision, request: BackupRequest) -> dict[str, Any]:
    """A crew on the call asks for more units: each type asked for is assigned now (rule
    ``backup_request``, caused by the :class:`BackupRequested` event) or queued. A type
    already on its way or on scene is not sent twice (one unit of a type per call)."""
    unit = d.uow.unit_with_call_locked(request.unit_id)
    if unit is None:
        raise UnitNotFound(request.unit_id)
    if unit.current_call_id != request.call_id:
        raise StatusConflict("the unit does not hold that call")
    call = d.uow.calls.get(request.call_id, lock=True)
    if call is None or call.cancelled:
        raise StatusConflict("the call is no longer open")
    d.calls[call.call_id] = call
    wanted = list(dict.fromkeys(request.requested))
    needs = {n.unit_type: n for n in d.uow.needs.for_call(request.call_id)}
    answer: dict[str, Any] = {"unit_id": request.unit_id, "call_id": request.call_id,
                              "requested": [t.value for t in wanted],
                              "reason_code": request.reason_code.value}
    if all(t in needs and needs[t].rule == BACKUP_RULE and needs[t].state in PENDING
           for t in wanted):
        return {**answer, "already_on_call": []}  # a retried request
    d.cause = emit(d, CALLS_ASSIGNED, BackupRequested(
        unit_id=unit.unit_id, unit_type=unit.unit_type, requested=wanted,
        reason_code=request.reason_code), request.call_id)
    d.seq = 0
    priority = backup_priority(request.reason_code, call.priority)
    own: dict[UnitType, list[Need]] = {}
    busy = []
    for unit_type in wanted:
        need = needs.get(unit_type)
        if need is not None and need.state in ACTIVE_STATES:
            busy.append(unit_type.value)
            continue
        if need is None:
            need = Need(call_id=request.call_id, unit_type=unit_type, priority=priority,
                        state="waiting", queued_at=d.now, excluded=[],
                        fallback_applied=False, rule=BACKUP_RULE)
            d.uow.needs.add(need)
        else:  # queued, held for the floor, or finished earlier: asked for again now
            if need.state not in ("waiting", HELD):
                need.queued_at, need.excluded = d.now, []
            need.rule, need.priority, need.outcome = BACKUP_RULE, priority, None
            need.fallback_due_at, need.fallback_applied = None, False
        queue(d, need)
        own.setdefault(unit_type, []).append(need)
    drain(d, set(own), own)
    return {**answer, "already_on_call": busy}


def scene_secured(d: Decision, unit_id: str, call_id: str) -> list[str]:
    """A police unit on scene reports the scene secure: every unit staged for the call is
    told to go in. Returns the units told."""
    unit = d.uow.unit_with_call_locked(unit_id)
    if unit is None:
        raise UnitNotFound(unit_id)
    if unit.current_call_id != call_id:
        raise StatusConflict("the unit does not hold that call")
    call = d.uow.calls.get(call_id, lock=True)
    if call is None or call.cancelled:
        raise StatusConflict("the call is no longer open")
    d.calls[call_id] = call
    if call.scene_secured_at is not None:
        return []  # reported before (a retried request, or a second officer)
    if not may_secure(d.config.staging, unit.unit_type, unit.status):
        raise IllegalTransition(f"a {unit.unit_type} unit that is {unit.status} cannot "
                                "report the scene secure")
    staged = [n for n in d.uow.needs.for_call(call_id)
              if n.state in ACTIVE_STATES and n.unit_id and n.unit_id != unit_id
              and must_stage(d.config.staging, n.unit_type, call.units or [],
                             call.safety_flags, secured=False)]
    call.scene_secured_at = d.now
    told = [n.unit_id for n in staged if n.unit_id]
    emit(d, CALLS_ASSIGNED, SceneSecured(unit_id=unit_id, unit_type=unit.unit_type,
                                         staged_units=told), call_id)
    for need in staged:
        assert need.unit_id is not None
        feed(d, need.unit_id, call, need, "updated",
             f"scene secured by {unit_id}: go in")
    return told
