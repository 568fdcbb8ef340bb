"""Crews' reports: a status (on the way, on scene, clear, declined, out of service) and
the acknowledgement of an assignment. Every refusal is raised before anything is written,
so a refused report in a batch changes nothing (see services/assignment/reports.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from services.assignment.decisions import (
    Decision,
    drain,
    emit,
    feed,
    forget_roster,
    queue,
    release,
    status_event,
)
from services.assignment.rules import IllegalTransition, check_reported_transition, release_reason
from services.assignment.store import Need
from shared.events import (
    AssignmentAccepted,
    Location,
    UnitReleased,
    UnitStatus,
    UnitType,
)
from shared.topics import CALLS_ASSIGNED


class UnitNotFound(LookupError):
    pass


class StatusConflict(RuntimeError):
    """The unit changed under us (or holds no assignment to accept): retry or give up."""


@dataclass(frozen=True)
class UnitReport:
    """A crew's (or an admin's) status report, as the API received it."""

    unit_id: str
    status: UnitStatus
    location: Location | None = None
    call_id: str | None = None


ReportRefused = UnitNotFound | StatusConflict | IllegalTransition


def status_reported(d: Decision, report: UnitReport) -> dict[str, Any]:
    """Apply one report.

    A report naming the call it is about is refused when the unit no longer holds that
    call: a doubled "clear" must not decline the next call the unit was just sent to.
    """
    unit_id, status, location = report.unit_id, report.status, report.location
    unit = d.uow.unit_with_call_locked(unit_id)
    if unit is None:
        raise UnitNotFound(unit_id)
    if report.call_id is not None and unit.current_call_id != report.call_id:
        raise StatusConflict("stale report: the unit does not hold that call now")
    previous = unit.status
    check_reported_transition(previous, status)
    values: dict[str, Any] = {"status": status.value, "updated_at": d.now}
    lat, lon = unit.lat, unit.lon
    if location is not None and location.lat is not None and location.lon is not None:
        lat, lon = location.lat, location.lon
        values.update(lat=lat, lon=lon)
    holds = unit.current_call_id
    if status in (UnitStatus.available, UnitStatus.out_of_service):
        values["current_call_id"] = None
    if not d.uow.units.update(unit_id, values, if_status=previous, if_holds=holds):
        raise StatusConflict("the unit changed at the same moment; retry")
    # The unit changed behind the roster this decision may hold (several reports share
    # one): read it again when next needed.
    forget_roster(d, unit.unit_type)
    status_event(d, unit_id, unit.unit_type, status, previous, holds, lat, lon)
    to_serve: set[UnitType] = set()
    if status == UnitStatus.available:
        to_serve.add(unit.unit_type)
    verdict = release_reason(previous, status)
    changed = holds is not None and status != previous
    if changed and status in (UnitStatus.en_route, UnitStatus.staged, UnitStatus.on_scene):
        for held in d.uow.needs.settle_held(unit_id, "accepted", from_states=("assigned",)):
            _accepted(d, unit_id, held.unit_type, held.call_id)
    elif changed and verdict is not None and not verdict[1]:  # nothing to requeue
        finish_held(d, unit_id, verdict[0])
    elif changed and verdict is not None:  # the call needs another unit now
        for need in d.uow.needs.held_by(unit_id):
            release(d, need, verdict[0], set_status=None)
            need.excluded = [*need.excluded, unit_id]
            queue(d, need)
            to_serve.add(need.unit_type)
    drain(d, to_serve, unit_freed=True)
    return {"unit_id": unit_id, "status": status, "previous_status": previous}


def finish_held(d: Decision, unit_id: str, reason: str) -> None:
    """The crew cleared (or went out of service after arriving): what the unit held is
    done and released."""
    for need in d.uow.needs.settle_held(unit_id, "done"):
        emit(d, CALLS_ASSIGNED,
             UnitReleased(unit_id=unit_id, unit_type=need.unit_type, reason=reason),
             need.call_id, copy_to_unit=unit_id)
        feed(d, unit_id, d.call_facts(need.call_id), need, "released", reason)


def accept_need(d: Decision, need: Need) -> None:
    need.state = "accepted"
    need.ack_due_at = None
    assert need.unit_id is not None
    _accepted(d, need.unit_id, need.unit_type, need.call_id)


def _accepted(d: Decision, unit_id: str, unit_type: UnitType, call_id: str) -> None:
    emit(d, CALLS_ASSIGNED, AssignmentAccepted(unit_id=unit_id, unit_type=unit_type), call_id)


def assignment_accepted(d: Decision, unit_id: str) -> str:
    """The crew acknowledges its pending assignment; returns the call id."""
    if d.uow.unit_with_call_locked(unit_id) is None:
        raise UnitNotFound(unit_id)
    needs = d.uow.needs.held_by(unit_id)
    if not needs:
        raise StatusConflict("this unit has no assignment to accept")
    need = needs[0]
    if need.state == "assigned":
        accept_need(d, need)
    return need.call_id
