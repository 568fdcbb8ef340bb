"""The steps every decision is made of: match and claim a unit, queue a need, release a
unit, serve the queue, and write down what happened (outbox events, the crews' feed).

Plain functions over a :class:`Decision`: one unit of work, the time it decides at, and
what it has read so far. Nothing here knows SQL, a clock or a thread: the caller opens the
unit of work, reads the clock once, and commits (see :mod:`services.assignment.dispatcher`).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

from services.assignment.field_rules import (
    StagingPolicy,
    crew_view,
    must_stage,
)
from services.assignment.floor_policy import FloorPolicy
from services.assignment.matching import EtaEstimator, RosterUnit, match_unit
from services.assignment.roster_file import RosterRules, wanted_capabilities
from services.assignment.rules import (
    Corridor,
    FallbackRule,
    Waiting,
    call_areas,
    choose_fallback,
    on_shift,
    queue_order,
    safety_in_plain_words,
)
from services.assignment.store import TEAM, CallRecord, Need
from services.assignment.unit_of_work import (
    AbstractUnitOfWork,
    CallFacts,
    HeldNeed,
    QueuedNeed,
    RosterRow,
)
from shared.events import (
    CallQueued,
    Contract,
    Envelope,
    Location,
    UnitAssigned,
    UnitReleased,
    UnitStatus,
    UnitStatusChanged,
    UnitType,
    make_event,
)
from shared.topics import CALLS_ASSIGNED, UNITS_ASSIGNMENTS, UNITS_STATUS

log = logging.getLogger(__name__)


@dataclass
class DispatchConfig:
    producer: str
    estimator: EtaEstimator
    corridors: list[Corridor] = field(default_factory=list)
    fallbacks: list[FallbackRule] = field(default_factory=list)
    ack_timeout_s: float = 90.0
    timezone: str = "America/Chicago"
    max_candidates: int = 10
    floor: FloorPolicy = field(default_factory=FloorPolicy)
    roster_rules: RosterRules = field(default_factory=RosterRules)
    staging: StagingPolicy = field(default_factory=StagingPolicy)


@dataclass
class Decision:
    """One unit of work's decisions: where they are written, when they are made, and what
    they have read so far."""

    uow: AbstractUnitOfWork
    config: DispatchConfig
    now: float
    # Per unit type, the minute of the last full pass over the queue (see drain). It
    # outlives the unit of work: the dispatcher hands the same dict to every decision.
    full_passes: dict[UnitType, int] = field(default_factory=dict)
    # The event the decisions answer; their events' ids derive from it and ``seq``.
    cause: Envelope | None = None
    seq: int = 0
    announce: list[Need] = field(default_factory=list)
    # Rosters read in this unit of work: a claim updates the cached list; a change of a
    # unit drops it. Another instance may change a unit meanwhile: claims are
    # conditional, so a stale entry costs a lost claim, never a double booking.
    rosters: dict[UnitType, tuple[list[RosterUnit], bool]] = field(default_factory=dict)
    # Call records read (locked) or made here.
    calls: dict[str, CallRecord] = field(default_factory=dict)
    # What is served again once this commits (Dispatcher.serve_queue): where units of
    # work lock rows, not the store, a unit freed here and a need queued by another
    # instance at the same moment do not see each other. The unit types whose whole
    # queue is served again (a unit was left free), and by type the calls whose need
    # was left waiting (tried again against the units free then).
    serve_again: set[UnitType] = field(default_factory=set)
    left_waiting: dict[UnitType, set[str]] = field(default_factory=dict)
    # Per type left waiting, the units this decision saw available: only another one
    # coming free since is worth trying those needs again.
    seen_available: dict[UnitType, frozenset[str]] = field(default_factory=dict)
    # Waiting needs this unit of work might have served that another one held.
    held_elsewhere: list[int] = field(default_factory=list)

    def call(self, call_id: str) -> CallRecord | None:
        found = self.calls.get(call_id)
        if found is None:
            found = self.uow.calls.get(call_id)
            if found is not None:
                self.calls[call_id] = found
        return found

    def call_facts(self, call_id: str) -> CallFacts | None:
        """What matching and a crew's feed read of the call: the record in hand, else
        its columns read (a pass over the queue, a report, loads no record)."""
        return self.calls.get(call_id) or self.uow.calls.summary(call_id)

    def minute_of_day(self) -> int:
        return self.local_time()[1]

    def local_time(self) -> tuple[int, int]:
        """(weekday, minute of the day) in the agency's zone; Monday is 0."""
        local = datetime.fromtimestamp(self.now, ZoneInfo(self.config.timezone))
        return local.weekday(), local.hour * 60 + local.minute


# --- what a decision writes down ---------------------------------------------------------

def emit(d: Decision, topic: str, payload: Contract, call_id: str | None,
         key: str | None = None, copy_to_unit: str | None = None) -> Envelope:
    d.seq += 1
    envelope = make_event(payload, producer=d.config.producer, call_id=call_id,
                          causation=d.cause, key=key, discriminator=str(d.seq))
    d.uow.outbox.add(topic, envelope.model_dump_json(), d.now)
    if copy_to_unit is not None:
        # The same event (same id) on the per-unit topic, keyed by the unit.
        copy = envelope.model_copy(update={"key": copy_to_unit})
        d.uow.outbox.add(UNITS_ASSIGNMENTS, copy.model_dump_json(), d.now)
    return envelope


def status_event(d: Decision, unit_id: str, unit_type: UnitType, status: UnitStatus,
                 previous: UnitStatus | None, call_id: str | None,
                 lat: float | None = None, lon: float | None = None) -> None:
    location = Location(lat=lat, lon=lon) if lat is not None and lon is not None else None
    emit(d, UNITS_STATUS,
         UnitStatusChanged(unit_id=unit_id, unit_type=unit_type, status=status,
                           previous_status=previous, location=location),
         call_id=call_id, key=unit_id)
    if call_id is not None and status != previous:  # a position alone is no news to them
        tell_team(d, call_id, unit_id)


def tell_team(d: Decision, call_id: str, changed: str) -> None:
    """Every unit holding the call is shown its co-responders as they stand now, after
    ``changed`` changed; a crew alone on its call is told nothing about itself."""
    holders = d.uow.units.holding(call_id)
    if [h.unit_id for h in holders] in ([], [changed]):
        return
    for holder in holders:
        others = [{"unit_id": h.unit_id, "unit_type": h.unit_type.value,
                   "status": h.status.value} for h in holders if h.unit_id != holder.unit_id]
        _team_entry(d, call_id, holder.unit_id, others)


def _team_entry(d: Decision, call_id: str, unit_id: str, others: list[dict[str, str]]
                ) -> None:
    d.uow.feed.add(unit_id, call_id, TEAM,
                   {"kind": TEAM, "call_id": call_id, "co_responders": others, "at": d.now},
                   d.now)


def feed(d: Decision, unit_id: str, call: CallFacts | None, need: Need | HeldNeed,
         kind: str, reason: str | None = None) -> None:
    """What the unit's crew is shown of this call: the allow-list of its type (field_rules);
    once the unit no longer holds the call, reads of its feed keep only what happened
    (Dispatcher.feed_after)."""
    location = call.location if call else {}
    stage = call is not None and must_stage(
        d.config.staging, need.unit_type, call.units or [], call.safety_flags,
        secured=call.scene_secured_at is not None)
    data = {
        "kind": kind, "call_id": need.call_id, "unit_type": need.unit_type.value,
        "priority": call.priority if call else need.priority,
        "pathway": call.pathway if call else None,
        "tags": call.tags if call else [],
        "address": location.get("address"), "lat": location.get("lat"),
        "lon": location.get("lon"), "district": location.get("district"),
        "safety": safety_in_plain_words(call.safety_flags if call else []),
        "safety_flags": call.safety_flags if call else [],
        "triage_reasons": call.reasons if call else [],
        "stage": stage, "reason": reason, "at": d.now, "outcome": need.outcome,
    }
    d.uow.feed.add(unit_id, need.call_id, kind, crew_view(need.unit_type, data), d.now)


# --- the roster as matching sees it ------------------------------------------------------

def roster(d: Decision, unit_type: UnitType) -> tuple[list[RosterUnit], bool]:
    """Every unit of a type as matching sees it, and whether any of them works a shift."""
    cached = d.rosters.get(unit_type)
    if cached is None:
        cached = keep_roster(d, unit_type, d.uow.units.roster(unit_type))
    return cached


def keep_roster(d: Decision, unit_type: UnitType, rows: list[RosterRow]
                ) -> tuple[list[RosterUnit], bool]:
    """The type's roster as read (with others, ahead of need), as :func:`roster` has it."""
    weekday, minute = d.local_time()
    kept = d.rosters[unit_type] = (
        [RosterUnit(r.unit_id, unit_type, r.status, r.lat, r.lon,
                    _areas(r.service_area), _on_shift(r.shift, minute, weekday),
                    _areas(r.capabilities)) for r in rows],
        any(r.shift for r in rows))
    return kept


@lru_cache(maxsize=1024)
def _areas(service_area: tuple[str, ...]) -> frozenset[str]:
    return frozenset(service_area)


@lru_cache(maxsize=4096)
def _on_shift(shift: str | None, minute: int, weekday: int) -> bool:
    return on_shift(shift, minute, weekday)


def forget_roster(d: Decision, unit_type: UnitType) -> None:
    """A unit of the type changed outside a claim: read the roster again when next needed."""
    d.rosters.pop(unit_type, None)


# --- claims, the queue and releases ------------------------------------------------------

def try_assign(d: Decision, need: Need, call: CallFacts, units: list[RosterUnit]) -> bool:
    """Claim the best unit for a waiting need; False when none is free."""
    where = Location.model_validate(call.location)
    areas = call_areas(where, d.config.corridors)
    prefer = wanted_capabilities(d.config.roster_rules.preferences, need.unit_type, call.tags)
    requires = frozenset(need.requires or ())
    lost: set[str] = set()
    while True:
        match = match_unit(units, need.unit_type, where, estimator=d.config.estimator,
                           call_areas=areas, excluded=set(need.excluded) | lost,
                           max_candidates=d.config.max_candidates, prefer=prefer,
                           requires=requires)
        chosen = match.chosen
        if chosen is None:
            return False
        claimed = d.uow.units.claim(chosen.unit_id, need.call_id, d.now)
        index = next(i for i, u in enumerate(units) if u.unit_id == chosen.unit_id)
        unit = units[index]
        units[index] = replace(unit, status=UnitStatus.dispatched)
        if claimed:
            break
        # Someone else took it between our read and our write: next candidate.
        lost.add(chosen.unit_id)
    need.state = "assigned"
    need.unit_id = chosen.unit_id
    need.assigned_at = d.now
    need.ack_due_at = d.now + d.config.ack_timeout_s
    assigned = UnitAssigned(
        unit_id=chosen.unit_id, unit_type=need.unit_type, distance_km=chosen.distance_km,
        eta_s=chosen.eta_s, rule=need.rule or match.rule, candidates=match.candidates,
        candidates_total=match.considered, priority=need.priority,
        waited_s=round(d.now - need.queued_at, 3),
    )
    emit(d, CALLS_ASSIGNED, assigned, need.call_id, copy_to_unit=chosen.unit_id)
    status_event(d, chosen.unit_id, need.unit_type, UnitStatus.dispatched,
                 UnitStatus.available, need.call_id, unit.lat, unit.lon)
    feed(d, chosen.unit_id, call, need, "assigned")
    log.info("unit assigned", extra={"call_id": need.call_id, "unit_id": chosen.unit_id})
    return True


def queue(d: Decision, need: Need) -> None:
    """Mark a need as waiting; it is announced (CallQueued) if still waiting at the end."""
    need.state = "waiting"
    need.unit_id = None
    need.ack_due_at = None
    d.announce.append(need)


def announce_queued(d: Decision) -> None:
    """CallQueued for every need queued since the last call that still waits, with its
    fallback deadline set."""
    for need in d.announce:
        if need.state != "waiting":
            continue
        call = d.call(need.call_id)
        pathway = call.pathway if call else None
        rule = choose_fallback(d.config.fallbacks, need.unit_type, pathway, need.priority)
        if rule is not None and need.fallback_due_at is None and not need.fallback_applied:
            need.fallback_due_at = need.queued_at + rule.after_s
        emit(d, CALLS_ASSIGNED,
             CallQueued(unit_type=need.unit_type, priority=need.priority,
                        reason=f"no available {need.unit_type} unit",
                        fallback_due_s=(round(need.fallback_due_at - d.now, 1)
                                        if need.fallback_due_at else None)),
             need.call_id)
    d.announce.clear()


def release(d: Decision, need: Need, reason: str, *,
            set_status: UnitStatus | None) -> UnitType | None:
    """End a unit's hold on a need's call (``set_status``: the unit's status after, if it
    still holds the call); returns the unit's type when it became free."""
    unit_id = need.unit_id
    if unit_id is None:
        return None
    freed = None
    if set_status is not None:
        unit = d.uow.units.get(unit_id)
        if unit is not None and unit.current_call_id == need.call_id:
            d.uow.units.update(unit_id, {"status": set_status.value, "current_call_id": None,
                                         "updated_at": d.now}, if_holds=need.call_id)
            forget_roster(d, need.unit_type)
            status_event(d, unit_id, need.unit_type, set_status, unit.status, need.call_id)
            freed = need.unit_type if set_status == UnitStatus.available else None
    emit(d, CALLS_ASSIGNED,
         UnitReleased(unit_id=unit_id, unit_type=need.unit_type, reason=reason),
         need.call_id, copy_to_unit=unit_id)
    feed(d, unit_id, d.call(need.call_id), need, "released", reason)
    return freed


def drop(need: Need) -> None:
    """The call no longer needs this: it leaves the queue (its unit released before)."""
    need.state = "released"
    need.fallback_due_at = None


def drain(d: Decision, unit_types: Iterable[UnitType],
          own: dict[UnitType, list[Need]] | None = None, *, unit_freed: bool = False
          ) -> None:
    """Serve waiting needs of these types, most urgent first, while units are free.

    Invariant: every waiting need has already been tried against every unit that is
    free now (each decision serves the queue when it frees a unit). So with ``own`` (a
    triage: the call's own waiting needs by type), only those needs are tried, unless
    a unit of the type works a shift and the minute moved on since the last full pass
    (a unit coming on shift is a unit becoming free). Otherwise every waiting need of
    the type is tried, but first screened against the free units' service areas, so a
    pass over a long queue whose free units suit nobody skips the full match.

    Where decisions run side by side (row locks), the invariant holds once every
    decision that leaves a need waiting, or (serving the whole queue) a unit free, tries
    again after it commits (``d.left_waiting``, ``d.serve_again``): of two that missed
    each other, the later one's second try sees both.

    ``unit_freed``: a crew's report just freed a unit of these types (or requeued a
    need), so the queue is read in any case: it is read first, and an empty one needs
    no roster (reading a type's whole roster was most of such a report's store work).
    """
    for unit_type in sorted(unit_types):
        full = own is None or unit_type not in own
        free = _serve(d, unit_type, None if full else own, unit_freed=unit_freed)
        if full and (free or d.held_elsewhere):
            d.serve_again.add(unit_type)
        for need in (*d.announce, *((own or {}).get(unit_type, ()))):
            if need.state == "waiting" and need.unit_type == unit_type:
                d.left_waiting.setdefault(unit_type, set()).add(need.call_id)
                units, _ = d.rosters.get(unit_type, ([], False))
                d.seen_available[unit_type] = frozenset(
                    u.unit_id for u in units if u.status is UnitStatus.available)


def retry_left_waiting(d: Decision, left: dict[UnitType, set[str]]) -> None:
    """Try the needs these calls were left waiting with (by type) again, against the
    units free now; none is read while no unit of its type is free."""
    own: dict[UnitType, list[Need]] = {}
    for unit_type, call_ids in sorted(left.items()):
        units, _ = roster(d, unit_type)
        if not any(u.status is UnitStatus.available and u.on_shift for u in units):
            continue
        for call_id in sorted(call_ids):
            call = d.call(call_id)
            if call is None or call.cancelled:
                continue
            for need in d.uow.needs.for_call(call_id, lock=False):
                if (need.unit_type != unit_type or need.state != "waiting"
                        or need.id is None):
                    continue
                taken = d.uow.needs.take_waiting(need.id)
                if taken is None:
                    d.held_elsewhere.append(need.id)
                else:
                    own.setdefault(unit_type, []).append(taken)
    drain(d, set(own), own)


def _serve(d: Decision, unit_type: UnitType, own: dict[UnitType, list[Need]] | None, *,
           unit_freed: bool = False) -> bool:
    """One unit type's part of :func:`drain` (``own``: the call's own needs, or None for
    the whole queue); whether it ends with a unit of the type free. A need it might have
    served that another unit of work held goes to ``d.held_elsewhere``."""
    minute = int(d.now // 60)
    read_first = d.uow.needs.queue(unit_type) if own is None and unit_freed else None
    if read_first == []:
        # Nothing waits: a full pass, over at once, with the freed unit (taken as on
        # shift) left free.
        d.full_passes[unit_type] = minute
        return True
    units, shifts = roster(d, unit_type)
    free = [u for u in units if u.status is UnitStatus.available and u.on_shift]
    full = own is None or (shifts and d.full_passes.get(unit_type) != minute)
    if full and shifts:
        d.full_passes[unit_type] = minute
    if not free:
        return False
    queued: list[QueuedNeed]
    if full:
        queued = d.uow.needs.queue(unit_type) if read_first is None else read_first
        own_needs: list[Need] = []
    else:
        assert own is not None
        own_needs = [n for n in own[unit_type] if n.state == "waiting"]
        # The own path refers to its needs by position (new ones have no id yet).
        queued = [QueuedNeed(i, n.call_id, n.priority, n.queued_at, tuple(n.excluded))
                  for i, n in enumerate(own_needs)]
    by_id = {q.need_id: q for q in queued}
    order = queue_order(Waiting(q.need_id, q.call_id, unit_type, q.priority, q.queued_at)
                        for q in queued)
    locations: dict[str, dict[str, object]] = {}
    if any(u.service_area for u in free):
        # The own path's calls are in hand; a full pass reads the queue's.
        calls = (d.uow.calls.get_many([q.call_id for q in queued], lock=False) if full
                 else {q.call_id: d.calls[q.call_id] for q in queued
                       if q.call_id in d.calls})
        locations = {call_id: call.location for call_id, call in calls.items()}
    for item in order:
        excluded = set(by_id[item.need_id].excluded)
        open_units = [u for u in free if u.unit_id not in excluded]
        if not open_units:
            continue
        if all(u.service_area for u in open_units):
            areas = call_areas(Location.model_validate(locations.get(item.call_id) or {}),
                               d.config.corridors)
            if all(u.service_area.isdisjoint(areas) for u in open_units):
                continue  # no free unit may take it: skip the full match
        if full:
            need = d.uow.needs.take_waiting(item.need_id)
            if need is None:
                # Taken by another unit of work (or no longer waiting): theirs to decide.
                d.held_elsewhere.append(item.need_id)
                continue
        else:
            need = own_needs[item.need_id]
        call = d.call_facts(item.call_id)
        if call is None or call.cancelled or need.state != "waiting":
            continue
        if try_assign(d, need, call, units):
            free = [u for u in units if u.status is UnitStatus.available and u.on_shift]
            if not free:
                break
    return bool(free)
