"""The 911 floor's say in a decision: a recommendation may wait for a dispatcher or
clinician (per the policy, services/assignment/floor_policy.py), who confirms it, picks
other units, resolves the call by phone, hands it to 988 or another agency, holds it for
a call-back or sends police now. When no crisis team is free the floor is asked too, with
the fallback rule as the default when nobody answers.

Plain functions over a :class:`~services.assignment.decisions.Decision`, like the rest of
assignment's decisions. Where the floor stands is kept on the call's record
(``floor_state``, ``floor_due_at``, ``floor_on_timeout``, ``floor_action``); the units
that wait for it are needs in the state ``held``, out of the queue. Every change is an
event on calls.assigned.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import Any

from services.assignment.decisions import (
    Decision,
    announce_queued,
    drain,
    drop,
    emit,
    queue,
)
from services.assignment.floor_actions import (
    ACTION_ROLES,
    Confirm,
    FloorActionBody,
    Hold,
    Override,
    ResolveByPhone,
    SendPolice,
    Transfer,
)
from services.assignment.floor_policy import (
    RECOMMENDATION,
    SAFETY_UNIT_TYPES,
    split_for_safety,
)
from services.assignment.rules import FallbackRule, choose_fallback
from services.assignment.store import ACTIVE_STATES, CallRecord, Need
from shared.auth import Principal
from shared.contracts import (
    CallHeld,
    CallResolvedByPhone,
    CallTransferred,
    DecisionConfirmed,
    DecisionOverridden,
    FloorPrompted,
    FloorTimedOut,
    PoliceSentByFloor,
)
from shared.events import CallTriaged, UnitType
from shared.topics import CALLS_ASSIGNED

AWAITING_CONFIRMATION = "awaiting_confirmation"
AWAITING_FLOOR = "awaiting_floor"
HELD = "held"
DISPATCHED = "dispatched"
PENDING = (AWAITING_CONFIRMATION, AWAITING_FLOOR, HELD)
# The unit type whose absence the floor is asked about (DOMAIN.md: the crisis team).
CRISIS_TEAM = UnitType.bcr


class FloorRefused(Exception):
    """An action the floor may not take now; ``status`` is the HTTP status it means."""

    status = 409


class CallNotFound(FloorRefused):
    status = 404


class ActionForbidden(FloorRefused):
    status = 403


class ActionInvalid(FloorRefused):
    status = 422


def when(epoch: float | None) -> datetime | None:
    return None if epoch is None else datetime.fromtimestamp(epoch, UTC)


def may_see(principal: Principal, call: CallRecord) -> bool:
    """A key bound to an agency sees only its agency's calls."""
    return principal.agency is None or call.agency is None or principal.agency == call.agency


def state_of(call: CallRecord, needs: Iterable[Need]) -> str:
    """Where the floor stands: "awaiting_floor" lasts only while the team is still
    waited for (a team that came free dispatched the call)."""
    state = call.floor_state or DISPATCHED
    if state == AWAITING_FLOOR and not any(
            n.state == "waiting" and n.unit_type == CRISIS_TEAM for n in needs):
        return DISPATCHED
    return state


# --- a recommendation arrives --------------------------------------------------------------

def recommendation_received(d: Decision, call: CallRecord, triaged: CallTriaged,
                            on_the_way: set[UnitType] | None = None) -> set[UnitType]:
    """Record triage's recommendation on the call; returns the unit types that wait for
    the floor (none when the policy dispatches the pathway automatically, nor any
    already ``on_the_way`` after an earlier decision)."""
    call.agency = triaged.agency
    call.units = [u.value for u in dict.fromkeys(triaged.units)]
    call.review, call.review_reason = triaged.review, triaged.review_reason
    call.floor_action = None
    _, may_wait = split_for_safety(triaged.units, triaged.safety_flags)
    may_wait = [u for u in may_wait if u not in (on_the_way or set())]
    rule = d.config.floor.waits(triaged.pathway, triaged.review)
    if rule is None or not may_wait:
        _set(call, DISPATCHED)
        return set()
    reason = (f"policy: {triaged.pathway} waits for confirmation" if rule.pathway
              else "policy: recommendations wait for confirmation")
    _prompt(d, call, may_wait, rule.wait_s, rule.on_timeout, reason)
    return set(may_wait)


def _set(call: CallRecord, state: str, due_at: float | None = None,
         on_timeout: str | None = None) -> None:
    call.floor_state, call.floor_due_at, call.floor_on_timeout = state, due_at, on_timeout


def _prompt(d: Decision, call: CallRecord, units: Iterable[UnitType], wait_s: float,
            on_timeout: str, reason: str) -> None:
    _set(call, AWAITING_CONFIRMATION, d.now + wait_s, on_timeout)
    emit(d, CALLS_ASSIGNED, FloorPrompted(
        state=AWAITING_CONFIRMATION, reason=reason, units=list(units),
        deadline=when(call.floor_due_at), on_timeout=on_timeout), call.call_id)


def announce(d: Decision) -> None:
    """CallQueued for the needs still waiting (decisions.announce_queued), and the floor
    asked about every call whose crisis team is not free."""
    waiting = [n for n in d.announce if n.state == "waiting" and n.unit_type == CRISIS_TEAM]
    announce_queued(d)
    for need in waiting:
        call = d.call(need.call_id)
        if call is None or call.cancelled or call.floor_state in PENDING:
            continue
        rule = choose_fallback(d.config.fallbacks, need.unit_type, call.pathway,
                               need.priority)
        # The need's fallback deadline is the floor's: nobody answering applies the rule.
        _set(call, AWAITING_FLOOR)
        emit(d, CALLS_ASSIGNED, FloorPrompted(
            state=AWAITING_FLOOR, reason=f"no {need.unit_type} team free",
            units=[need.unit_type], deadline=when(need.fallback_due_at),
            on_timeout=rule.rule_id if rule else None), call.call_id)


# --- actions -------------------------------------------------------------------------------

def act(d: Decision, call_id: str, body: FloorActionBody, principal: Principal) -> None:
    """Take one action on the call's decision; raises a FloorRefused before changing
    anything when the action is not the caller's to take, or not possible now."""
    if principal.role not in ACTION_ROLES[body.action]:
        raise ActionForbidden(f"Role {principal.role.value} may not {body.action}; needs "
                              "one of: " + ", ".join(sorted(ACTION_ROLES[body.action])))
    call = d.uow.calls.get(call_id, lock=True)
    if call is None or call.cancelled or not may_see(principal, call):
        raise CallNotFound(f"No call {call_id!r} is decided here")
    policy = d.config.floor
    if body.reason_code not in policy.reason_codes:
        raise ActionInvalid(f"reason_code {body.reason_code!r} is not one of the policy's: "
                            + ", ".join(policy.reason_codes))
    d.calls[call_id] = call
    needs = d.uow.needs.for_call(call_id)
    state = state_of(call, needs)
    allowed = (AWAITING_CONFIRMATION, HELD) if isinstance(body, Confirm) else PENDING
    if state not in allowed:
        raise FloorRefused(f"The decision is {state}; {body.action} needs it "
                           + " or ".join(allowed))
    record: dict[str, Any] = {
        "action": body.action, "by_key": principal.key_id, "by_role": principal.role.value,
        "acted_at": when(d.now), "reason_code": body.reason_code, "note": body.note}
    ACTIONS[type(body)](d, call, needs, body, record)
    call.floor_action = {k: v.isoformat() if isinstance(v, datetime) else v
                         for k, v in record.items()}
    call.updated_at = d.now


def _who(record: dict[str, Any]) -> dict[str, Any]:
    return {k: record[k] for k in ("by_key", "by_role", "acted_at", "reason_code", "note")}


def _confirm(d: Decision, call: CallRecord, needs: list[Need], body: Any,
             record: dict[str, Any]) -> None:
    units = [n.unit_type for n in needs if n.state == HELD]
    _set(call, "confirmed")
    emit(d, CALLS_ASSIGNED, DecisionConfirmed(**_who(record), units=units), call.call_id)
    _send(d, call, needs, units)


def _override(d: Decision, call: CallRecord, needs: list[Need], body: Override,
              record: dict[str, Any]) -> None:
    record["units"] = [u.value for u in body.units]
    _set(call, "overridden")
    emit(d, CALLS_ASSIGNED, DecisionOverridden(
        **_who(record), units=body.units, recommended=[UnitType(u) for u in call.units or []]),
        call.call_id)
    _stop(needs, keep=set(body.units) | _kept_for_safety(call))
    _send(d, call, needs, body.units)


def _no_unit(call: CallRecord, needs: list[Need]) -> None:
    """Resolving or handing over the call sends nobody: refused while a unit is on its
    way or police, EMS or fire wait for it for a safety reason."""
    safety = _kept_for_safety(call)
    if any(n.state in ACTIVE_STATES or (n.state == "waiting" and n.unit_type in safety)
           for n in needs):
        raise FloorRefused("Units are on their way or wait for a safety reason; the call "
                           "cannot be closed without a unit")
    _stop(needs, keep=set())


def _resolve(d: Decision, call: CallRecord, needs: list[Need], body: ResolveByPhone,
             record: dict[str, Any]) -> None:
    if body.outcome_code not in d.config.floor.outcome_codes:
        raise ActionInvalid(f"outcome_code {body.outcome_code!r} is not one of the "
                            "policy's: " + ", ".join(d.config.floor.outcome_codes))
    _no_unit(call, needs)
    record["outcome_code"] = body.outcome_code
    _set(call, "resolved_by_phone")
    emit(d, CALLS_ASSIGNED, CallResolvedByPhone(**_who(record), outcome_code=body.outcome_code),
         call.call_id)


def _transfer(d: Decision, call: CallRecord, needs: list[Need], body: Transfer,
              record: dict[str, Any]) -> None:
    _no_unit(call, needs)
    record.update(to=body.to, agency=body.agency)
    _set(call, "transferred")
    emit(d, CALLS_ASSIGNED, CallTransferred(**_who(record), to=body.to, agency=body.agency),
         call.call_id)


def _hold(d: Decision, call: CallRecord, needs: list[Need], body: Hold,
          record: dict[str, Any]) -> None:
    callback = body.callback_at.timestamp()
    if not d.now < callback <= d.now + d.config.floor.max_hold_s:
        raise ActionInvalid("callback_at must be in the future, at most "
                            f"{d.config.floor.max_hold_s:g} s from now")
    safety = _kept_for_safety(call)
    for need in needs:
        if need.state == "waiting" and need.unit_type not in safety:
            need.state, need.fallback_due_at = HELD, None  # out of the queue until then
    record["callback_at"] = body.callback_at
    _set(call, HELD, callback)
    emit(d, CALLS_ASSIGNED, CallHeld(**_who(record), callback_at=body.callback_at),
         call.call_id)


def _police(d: Decision, call: CallRecord, needs: list[Need], body: SendPolice,
            record: dict[str, Any]) -> None:
    record["keep_waiting"] = body.keep_waiting
    _set(call, DISPATCHED)
    emit(d, CALLS_ASSIGNED, PoliceSentByFloor(**_who(record), keep_waiting=body.keep_waiting),
         call.call_id)
    units = [n.unit_type for n in needs if n.state == HELD] if body.keep_waiting else []
    if not body.keep_waiting:
        _stop(needs, keep={UnitType.police} | _kept_for_safety(call))
    _send(d, call, needs, [UnitType.police, *units])


ACTIONS: dict[type, Callable[..., None]] = {
    Confirm: _confirm, Override: _override, ResolveByPhone: _resolve, Transfer: _transfer,
    Hold: _hold, SendPolice: _police,
}


def _kept_for_safety(call: CallRecord) -> set[UnitType]:
    return set(SAFETY_UNIT_TYPES) if call.safety_flags else set()


def _stop(needs: Iterable[Need], keep: set[UnitType]) -> None:
    """Units not yet sent stop waiting, but for the types kept."""
    for need in needs:
        if need.state in (HELD, "waiting") and need.unit_type not in keep:
            drop(need)


def _send(d: Decision, call: CallRecord, needs: list[Need], units: Iterable[UnitType],
          *, fallback_applied: bool = False) -> None:
    """These unit types go: held or released needs join the queue, missing ones are
    added, and the queue is served."""
    by_type = {n.unit_type: n for n in needs}
    wanted = list(dict.fromkeys(units))
    for unit_type in wanted:
        need = by_type.get(unit_type)
        if need is None:
            need = Need(call_id=call.call_id, unit_type=unit_type, priority=call.priority,
                        queued_at=d.now, excluded=[], fallback_applied=fallback_applied)
            d.uow.needs.add(need)
            needs.append(need)
        elif need.state in ("waiting", *ACTIVE_STATES):
            continue  # waiting or on its way already
        else:  # held, or finished before (released, done, fallen back): again
            need.queued_at, need.excluded = d.now, []
        queue(d, need)
    drain(d, set(wanted))


# --- deadlines -----------------------------------------------------------------------------

def deadline_passed(d: Decision, call_id: str) -> None:
    """Nobody answered by the deadline, or a call-back is due (checked again here, under
    the call's lock: another instance may have acted)."""
    call = d.uow.calls.get(call_id, lock=True)
    if call is None or call.floor_due_at is None or call.floor_due_at > d.now:
        return
    d.calls[call_id] = call
    rule = d.config.floor.rule_for(call.pathway)
    waited_s = round(d.now - call.floor_due_at + rule.wait_s, 1)
    if call.cancelled:
        _set(call, call.floor_state or DISPATCHED)
        return
    needs = d.uow.needs.for_call(call_id)
    held = [n.unit_type for n in needs if n.state == HELD]
    if call.floor_state == HELD:
        _prompt(d, call, held, rule.wait_s, rule.on_timeout, "call-back due")
        return
    applied = call.floor_on_timeout or RECOMMENDATION
    fallback = next((r for r in d.config.fallbacks if r.rule_id == applied), None)
    if fallback is None:
        applied, units = RECOMMENDATION, held
    elif fallback.keep_waiting:
        units = [*held, *fallback.send]
    else:
        _stop(needs, keep=set(fallback.send))
        units = list(fallback.send)
    _set(call, DISPATCHED)
    call.floor_action = {"action": "timed_out", "applied": applied,
                         "acted_at": datetime.fromtimestamp(d.now, UTC).isoformat()}
    emit(d, CALLS_ASSIGNED, FloorTimedOut(
        state=AWAITING_CONFIRMATION, applied=applied, units=units,
        waited_s=waited_s), call.call_id)
    _send(d, call, needs, units, fallback_applied=fallback is not None)


def floor_fell_back(d: Decision, call: CallRecord, rule: FallbackRule, waited_s: float
                    ) -> None:
    """The crisis team's fallback rule applied while the floor was asked: nobody
    answered, and the rule was the default."""
    if call.floor_state != AWAITING_FLOOR:
        return
    _set(call, DISPATCHED)
    call.floor_action = {"action": "timed_out", "applied": rule.rule_id,
                         "acted_at": datetime.fromtimestamp(d.now, UTC).isoformat()}
    emit(d, CALLS_ASSIGNED, FloorTimedOut(
        state=AWAITING_FLOOR, applied=rule.rule_id, units=rule.send, waited_s=waited_s),
        call.call_id)


# --- what the floor and the CAD read -------------------------------------------------------

def view(call: CallRecord, needs: list[Need]) -> dict[str, Any]:
    """The decision as GET /v1/calls/{id}/decision shows it."""
    state = state_of(call, needs)
    deadline = call.floor_due_at
    if state == AWAITING_FLOOR:
        deadline = next((n.fallback_due_at for n in needs
                         if n.state == "waiting" and n.unit_type == CRISIS_TEAM), None)
    return {
        "call_id": call.call_id, "state": state, "pathway": call.pathway,
        "units": call.units or [], "priority": call.priority, "reasons": call.reasons,
        "safety_flags": call.safety_flags, "review": bool(call.review),
        "review_reason": call.review_reason, "deadline": when(deadline),
        "on_timeout": call.floor_on_timeout if state == AWAITING_CONFIRMATION else None,
        "last_action": call.floor_action,
        "needs": [{"unit_type": n.unit_type.value if isinstance(n.unit_type, UnitType)
                   else n.unit_type, "state": n.state, "unit_id": n.unit_id} for n in needs],
    }

