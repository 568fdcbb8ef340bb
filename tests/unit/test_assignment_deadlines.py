"""Deadlines over the in-memory unit of work, with the clock moved by the test: a crew
that does not acknowledge in time is passed over, a need that waited too long falls back,
and a deadline is checked again when it is acted on. No database, broker or wait."""

from __future__ import annotations

import pytest

from services.assignment.dispatcher import Dispatcher
from services.assignment.rules import FallbackRule
from services.assignment.store import Unit
from shared.events import (
    CallCancelled,
    CallTriaged,
    Envelope,
    Location,
    UnitStatus,
    UnitType,
    make_event,
)
from tests.unit.assignment_fakes import Clock, FakeUnitOfWork, fake_dispatcher, roster_unit

LAKE = Location(address="E. Lake St. & Bloomington", lat=44.9485, lon=-93.2470)


def police_near() -> list[Unit]:
    return [roster_unit("P3-31", "police", 44.9480, -93.2330),
            roster_unit("P5-51", "police", 44.9480, -93.2890)]


def bcr_and_police() -> list[Unit]:
    return [*police_near(), roster_unit("BCR-1", "bcr", 45.0000, -93.2800)]


def triaged(call_id: str, units: list[str], priority: int = 3
            ) -> tuple[Envelope, CallTriaged]:
    payload = CallTriaged(pathway="behavioral_health", units=[UnitType(u) for u in units],
                          priority=priority, confidence=0.9, policy_id="test",
                          policy_version="1", tags=["behavioral_health"], safety_flags=[],
                          location=LAKE)
    return make_event(payload, producer="triage", call_id=call_id), payload


def triage(dispatcher: Dispatcher, call_id: str, units: list[str], priority: int = 3
           ) -> Envelope:
    envelope, payload = triaged(call_id, units, priority)
    dispatcher.on_triaged(envelope, payload)
    return envelope


def fire_due(dispatcher: Dispatcher) -> int:
    """What the service's timer loop does on one tick; how many deadlines were due."""
    due = dispatcher.due_needs()
    for need_id in due:
        dispatcher.run_timer(need_id)
    return len(due)


def unit_ids(uow: FakeUnitOfWork, event_type: str, call_id: str) -> list[str]:
    return [e.payload["unit_id"] for e in uow.events(event_type, call_id)]


def test_a_crew_that_does_not_accept_in_time_is_passed_over() -> None:
    clock = Clock()
    dispatcher, uow = fake_dispatcher(police_near(), clock, ack_timeout_s=6)
    triage(dispatcher, "call", ["police"], 2)
    assert unit_ids(uow, "UnitAssigned", "call") == ["P3-31"]

    clock.advance(5.9)
    assert fire_due(dispatcher) == 0
    clock.advance(0.1)
    assert fire_due(dispatcher) == 1

    [timed_out] = uow.events("AssignmentTimedOut", "call")
    assert timed_out.payload["unit_id"] == "P3-31"
    assert timed_out.payload["waited_s"] >= 6
    assert timed_out.payload["reason"] == "not acknowledged within 6 s"
    assigned = uow.events("UnitAssigned", "call")
    assert [e.payload["unit_id"] for e in assigned] == ["P3-31", "P5-51"]
    second = assigned[1].payload
    assert {c["unit_id"]: c["passed_over"] for c in second["candidates"]}["P3-31"] in (
        "status out_of_service", "already passed over for this call")
    assert unit_ids(uow, "UnitReleased", "call") == ["P3-31"]
    p3, p5 = uow.units.get("P3-31"), uow.units.get("P5-51")
    assert p3 is not None and p3.status == UnitStatus.out_of_service
    assert p5 is not None and p5.current_call_id == "call"

    # The second crew accepts in time: the acceptance is recorded, no timeout follows.
    assert dispatcher.accept("P5-51") == "call"
    assert unit_ids(uow, "AssignmentAccepted", "call") == ["P5-51"]
    dispatcher.report_status("P5-51", UnitStatus.en_route)
    # The passed-over crew reports back in and is available again.
    dispatcher.report_status("P3-31", UnitStatus.available)
    clock.advance(3600)
    assert fire_due(dispatcher) == 0
    assert unit_ids(uow, "AssignmentTimedOut", "call") == ["P3-31"]


def test_a_deadline_is_checked_again_when_acted_on() -> None:
    """Another instance (or the crew) may act between the read of due deadlines and the
    decision: the crew's acknowledgement in between wins."""
    clock = Clock()
    dispatcher, uow = fake_dispatcher(police_near(), clock, ack_timeout_s=6)
    triage(dispatcher, "call", ["police"], 2)
    clock.advance(6)
    [need_id] = dispatcher.due_needs()
    dispatcher.accept("P3-31")
    dispatcher.run_timer(need_id)
    assert uow.events("AssignmentTimedOut") == []
    assert unit_ids(uow, "AssignmentAccepted", "call") == ["P3-31"]


FALLBACKS = [
    FallbackRule.model_validate(rule) for rule in (
        {"rule_id": "bcr_urgent_police_alone", "unit_type": "bcr", "after_s": 0.5,
         "send": ["police"], "keep_waiting": False, "max_priority": 2,
         "reason": "no bcr team free within 0.5 s; urgent call: police alone"},
        {"rule_id": "bcr_co_response_police", "unit_type": "bcr", "after_s": 0.5,
         "send": ["police"], "keep_waiting": True,
         "reason": "no bcr team free within 0.5 s: police co-respond, bcr still waits"})
]


def test_fallbacks_send_police_alone_or_as_co_response_once_the_wait_is_over() -> None:
    clock = Clock()
    dispatcher, uow = fake_dispatcher(bcr_and_police(), clock, fallbacks=FALLBACKS)
    triage(dispatcher, "holds-bcr", ["bcr"], 3)
    triage(dispatcher, "urgent", ["bcr"], 1)
    triage(dispatcher, "calm", ["bcr"], 4)
    [queued] = uow.events("CallQueued", "urgent")
    assert queued.payload["fallback_due_s"] == 0.5

    clock.advance(0.4)
    assert fire_due(dispatcher) == 0
    assert uow.events("AssignmentFallback") == []
    clock.advance(0.1)
    assert fire_due(dispatcher) == 2

    [urgent_fb] = uow.events("AssignmentFallback", "urgent")
    assert urgent_fb.payload["rule_id"] == "bcr_urgent_police_alone"
    assert urgent_fb.payload["keep_waiting"] is False
    assert urgent_fb.payload["fallback_units"] == ["police"]
    assert urgent_fb.payload["waited_s"] == pytest.approx(0.5)
    [calm_fb] = uow.events("AssignmentFallback", "calm")
    assert calm_fb.payload["rule_id"] == "bcr_co_response_police"
    assert calm_fb.payload["keep_waiting"] is True
    # The urgent call first: it gets the nearer police car.
    assert unit_ids(uow, "UnitAssigned", "urgent") == ["P3-31"]
    assert unit_ids(uow, "UnitAssigned", "calm") == ["P5-51"]

    # The bcr team clears: the co-response call still waiting for one gets it; the urgent
    # one, which fell back to police alone, does not.
    for status in (UnitStatus.on_scene, UnitStatus.available):
        dispatcher.report_status("BCR-1", status)
    assert unit_ids(uow, "UnitAssigned", "calm") == ["P5-51", "BCR-1"]
    assert unit_ids(uow, "UnitAssigned", "urgent") == ["P3-31"]
    # A fallback fires once (what is due later are the crews' acknowledgements).
    clock.advance(3600)
    fire_due(dispatcher)
    assert len(uow.events("AssignmentFallback")) == 2


def test_a_fallback_deadline_is_dropped_when_a_unit_comes_first() -> None:
    clock = Clock()
    dispatcher, uow = fake_dispatcher(bcr_and_police(), clock, fallbacks=FALLBACKS)
    triage(dispatcher, "holds-bcr", ["bcr"], 3)
    triage(dispatcher, "calm", ["bcr"], 4)
    clock.advance(0.2)
    dispatcher.report_status("BCR-1", UnitStatus.on_scene)
    dispatcher.report_status("BCR-1", UnitStatus.available)
    assert unit_ids(uow, "UnitAssigned", "calm") == ["BCR-1"]
    clock.advance(0.3)
    assert fire_due(dispatcher) == 0
    assert uow.events("AssignmentFallback") == []


def test_a_cancelled_call_s_fallback_never_fires() -> None:
    clock = Clock()
    dispatcher, uow = fake_dispatcher(bcr_and_police(), clock, fallbacks=FALLBACKS)
    triage(dispatcher, "holds-bcr", ["bcr"], 3)
    triage(dispatcher, "urgent", ["bcr"], 1)
    cancel = make_event(CallCancelled(reason="caller hung up"), producer="intake",
                        call_id="urgent")
    dispatcher.on_cancelled(cancel, CallCancelled(reason="caller hung up"))
    clock.advance(1)
    assert fire_due(dispatcher) == 0
    assert uow.events("AssignmentFallback") == []
    assert uow.events("UnitAssigned", "urgent") == []
