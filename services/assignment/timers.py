"""Deadlines: a crew that does not acknowledge in time is passed over, and a need that
waited too long falls back to other unit types (rules.FallbackRule). Deadlines are stored
on the needs, so they survive a restart; the decision's time is the caller's clock."""

from __future__ import annotations

from services.assignment.decisions import (
    Decision,
    drain,
    emit,
    queue,
    release,
)
from services.assignment.floor import floor_fell_back
from services.assignment.rules import choose_fallback
from services.assignment.store import Need
from shared.events import AssignmentFallback, AssignmentTimedOut, UnitStatus
from shared.topics import CALLS_ASSIGNED


def deadline_passed(d: Decision, need_id: int) -> None:
    """Act on one due deadline (checked again here: another instance may have acted)."""
    found = d.uow.needs.get(need_id, lock=False)
    if found is None:
        return
    # Its call first, as every change to a call's needs and units is locked.
    d.uow.calls.get(found.call_id, lock=True)
    need = d.uow.needs.get(need_id)
    if need is None:
        return
    if need.state == "assigned" and need.ack_due_at is not None and need.ack_due_at <= d.now:
        ack_timed_out(d, need)
    elif (need.state == "waiting" and need.fallback_due_at is not None
          and need.fallback_due_at <= d.now):
        fall_back(d, need)


def ack_timed_out(d: Decision, need: Need) -> None:
    """The crew did not acknowledge in time: the call goes to another unit, and the crew
    is taken out of service (not offered the next call either) until it reports in."""
    unit_id = need.unit_id
    assert unit_id is not None
    waited = round(d.now - (need.assigned_at or d.now), 1)
    reason = f"not acknowledged within {d.config.ack_timeout_s:g} s"
    emit(d, CALLS_ASSIGNED,
         AssignmentTimedOut(unit_id=unit_id, unit_type=need.unit_type, waited_s=waited,
                            reason=reason), need.call_id)
    release(d, need, reason, set_status=UnitStatus.out_of_service)
    need.excluded = [*need.excluded, unit_id]
    queue(d, need)
    drain(d, {need.unit_type})


def fall_back(d: Decision, need: Need) -> None:
    """The need waited past its fallback deadline: send the rule's unit types (and stop
    waiting, unless the rule keeps the need in the queue as a co-response)."""
    call = d.call(need.call_id)
    rule = choose_fallback(d.config.fallbacks, need.unit_type,
                           call.pathway if call else None, need.priority)
    need.fallback_due_at = None
    need.fallback_applied = True
    if rule is None or call is None or call.cancelled:
        return
    if not rule.keep_waiting:
        need.state = "fallen_back"
    emit(d, CALLS_ASSIGNED,
         AssignmentFallback(unit_type=need.unit_type, fallback_units=rule.send,
                            keep_waiting=rule.keep_waiting, rule_id=rule.rule_id,
                            reason=rule.reason, waited_s=round(d.now - need.queued_at, 1),
                            priority=need.priority), need.call_id)
    floor_fell_back(d, call, rule, round(d.now - need.queued_at, 1))
    existing = {n.unit_type: n for n in d.uow.needs.for_call(call.call_id)}
    for unit_type in rule.send:
        other = existing.get(unit_type)
        if other is None:
            other = Need(call_id=call.call_id, unit_type=unit_type, priority=need.priority,
                         queued_at=d.now, fallback_applied=True, excluded=[])
            d.uow.needs.add(other)
            queue(d, other)
        elif other.state == "released":
            other.fallback_applied = True
            queue(d, other)
    drain(d, set(rule.send))
