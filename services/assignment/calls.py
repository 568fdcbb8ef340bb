"""Decisions on a call: it was triaged (assign or queue each unit type it needs, and on a
re-triage release what it no longer needs) or cancelled (release its units, leave the
queue). Each runs inside the caller's :class:`~services.assignment.decisions.Decision`."""

from __future__ import annotations

import logging
from typing import Any

from services.assignment.decisions import (
    Decision,
    drain,
    drop,
    feed,
    keep_roster,
    queue,
    release,
    roster,
)
from services.assignment.floor import HELD, announce, recommendation_received
from services.assignment.roster_file import companions_for
from services.assignment.store import ACTIVE_STATES, CallRecord, Need
from shared.events import CallTriaged, Envelope, UnitStatus, UnitType

log = logging.getLogger(__name__)


def calls_triaged(d: Decision, items: list[tuple[Envelope, CallTriaged]]) -> None:
    """Decide these calls in order (every envelope names its call), each recorded as
    handled in the same unit of work.

    Which were handled before is asked here, once the calls are locked: after a consumer
    group rebalance two instances can hold one event at once, and a check made before
    the lock would let both apply it (an older triage over a newer one). A call new to
    both has no row to lock yet: the second to commit fails on its key and, run again,
    finds the event handled.
    """
    ids = [str(e.event_id) for e, _ in items]
    # The calls already known, locked, in one query for the whole batch; with them which
    # events were handled, and the rosters the calls will be matched against.
    opened = d.uow.open_calls(list({e.call_id for e, _ in items if e.call_id}), ids,
                              {t for _, triaged in items for t in unit_types(d, triaged)})
    d.calls.update(opened.calls)
    for unit_type, rows in opened.rosters.items():
        keep_roster(d, unit_type, rows)
    done = opened.handled
    d.uow.record_handled([i for i in dict.fromkeys(ids) if i not in done])
    for envelope, triaged in items:
        assert envelope.call_id is not None
        event_id = str(envelope.event_id)
        if event_id in done:
            log.info("triage handled before; skipped",
                     extra={"call_id": envelope.call_id, "event_id": event_id})
            continue
        done.add(event_id)  # the same event twice in one batch: once
        # Each decision's events are caused by (and their ids derived from) its own
        # CallTriaged.
        d.cause, d.seq = envelope, 0
        call_triaged(d, envelope.call_id, envelope, triaged)
        announce(d)


def is_stale(call: CallRecord, triaged_at: float) -> bool:
    """The call holds a decision triage made after this one: applying this one would
    undo a newer triage. (Triage decides a call's events in order, on its partition, so
    a later decision is the one about the call as it stands later.)"""
    return call.triaged_at is not None and triaged_at < call.triaged_at


def call_triaged(d: Decision, call_id: str, envelope: Envelope, triaged: CallTriaged) -> None:
    """Decide one call; its record as it now stands is left in ``d.calls``. A triage older
    than the one applied is recorded as handled, logged as stale, and not applied."""
    call = d.calls.get(call_id)
    if call is not None and (call.cancelled or call.triaged_event_id == str(envelope.event_id)):
        return
    triaged_at = envelope.occurred_at.timestamp()
    if call is not None and is_stale(call, triaged_at):
        log.warning("stale triage not applied: a newer one was applied before", extra={
            "call_id": call_id, "event_id": str(envelope.event_id)})
        return
    known = call is not None
    facts: dict[str, Any] = {
        "priority": triaged.priority, "pathway": triaged.pathway,
        "tags": list(triaged.tags), "safety_flags": list(triaged.safety_flags),
        "reasons": [r.rule_id for r in triaged.reasons],
        "evidence": [r.evidence for r in triaged.reasons],
        "location": triaged.location.model_dump(mode="json"),
        "triaged_event_id": str(envelope.event_id), "triaged_at": triaged_at,
        "updated_at": d.now,
    }
    if call is None:
        call = CallRecord(call_id=call_id, cancelled=False, **facts)
        d.uow.calls.add(call)
        d.calls[call_id] = call
    else:
        for name, value in facts.items():
            setattr(call, name, value)
    wanted = list(dict.fromkeys(triaged.units))
    requires = companions(d, triaged, wanted)
    wanted.extend(requires)
    # A call seen for the first time has no needs yet: no query for them.
    needs = {n.unit_type: n for n in d.uow.needs.for_call(call_id)} if known else {}
    # The unit types that wait for the 911 floor's confirmation (none when automatic;
    # never one already on its way).
    holding = recommendation_received(
        d, call, triaged, {t for t, n in needs.items() if n.state in ACTIVE_STATES})
    freed: set[UnitType] = set()
    for unit_type, need in needs.items():
        if unit_type in wanted:
            continue
        if need.state in ACTIVE_STATES:
            t = release(d, need, "re-triaged: this unit type is no longer needed",
                        set_status=UnitStatus.available)
            if t is not None:
                freed.add(t)
        if need.state in ("waiting", HELD, *ACTIVE_STATES):
            drop(need)
    for unit_type in wanted:
        found = needs.get(unit_type)
        if found is None:
            need = Need(call_id=call_id, unit_type=unit_type, priority=triaged.priority,
                        state=HELD if unit_type in holding else "waiting", queued_at=d.now,
                        excluded=[], fallback_applied=False,
                        requires=requires.get(unit_type))
            needs[unit_type] = need
            d.uow.needs.add(need)
            if need.state == "waiting":
                queue(d, need)
            continue
        need = found
        need.priority = triaged.priority
        if unit_type in holding and need.state in ("waiting", HELD, "released"):
            need.state, need.fallback_due_at = HELD, None
        elif need.state in ("released", HELD):
            if need.state == HELD:
                need.queued_at = d.now
            need.excluded = []
            queue(d, need)
        elif need.state in ACTIVE_STATES and need.unit_id:
            feed(d, need.unit_id, call, need, "updated", "the call was re-triaged")
    # Only this call's waiting needs can use a unit that is free now (see drain); a unit
    # freed by the re-triage is offered to the whole queue.
    own: dict[UnitType, list[Need]] = {}
    for need in needs.values():
        if need.state == "waiting":
            own.setdefault(need.unit_type, []).append(need)
    drain(d, set(own) - freed, own)
    drain(d, freed)


def unit_types(d: Decision, triaged: CallTriaged) -> set[UnitType]:
    """The unit types a triage may need: its plan's and its companions' (whose rosters
    :func:`companions` looks at)."""
    planned = list(dict.fromkeys(triaged.units))
    return {*planned, *(rule.unit_type for rule in companions_for(
        d.config.roster_rules.companions, triaged.tags, planned))}


def companions(d: Decision, triaged: CallTriaged, planned: list[UnitType]
               ) -> dict[UnitType, list[str]]:
    """The units the roster sends beside the plan (roster_file.Companion), by type, with
    the capabilities each must have: only where the roster has such a unit."""
    found: dict[UnitType, list[str]] = {}
    for rule in companions_for(d.config.roster_rules.companions, triaged.tags, planned):
        units, _ = roster(d, rule.unit_type)
        if any(set(rule.requires) <= u.capabilities for u in units):
            found[rule.unit_type] = list(rule.requires)
    return found


def call_cancelled(d: Decision, call_id: str) -> None:
    """Release every unit the call holds and drop it from the queue; a call cancelled
    before its triage arrives gets a tombstone that makes the triage a no-op."""
    call = d.uow.calls.get(call_id, lock=True)
    if call is None:
        call = CallRecord(call_id=call_id, priority=5, tags=[], safety_flags=[], reasons=[],
                          location={}, updated_at=d.now)
        d.uow.calls.add(call)
    d.calls[call_id] = call
    if call.cancelled:
        return
    call.cancelled = True
    call.updated_at = d.now
    freed: set[UnitType] = set()
    for need in d.uow.needs.for_call(call_id):
        if need.state in ACTIVE_STATES:
            t = release(d, need, "call cancelled", set_status=UnitStatus.available)
            if t is not None:
                freed.add(t)
        if need.state in ("waiting", *ACTIVE_STATES):
            drop(need)
    drain(d, freed)
