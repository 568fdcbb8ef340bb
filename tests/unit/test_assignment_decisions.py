"""Assignment's decisions on calls, crews' reports and the roster, over the in-memory unit
of work: what each decides and the events it writes."""

from __future__ import annotations

import pytest

from services.assignment.crews import StatusConflict, UnitNotFound, UnitReport
from services.assignment.roster import UnitExists
from services.assignment.rules import IllegalTransition
from services.assignment.store import UnitCreate, UnitUpdate
from shared.events import CallCancelled, UnitStatus, make_event
from tests.unit.assignment_fakes import Clock, fake_dispatcher, roster_unit
from tests.unit.test_assignment_deadlines import bcr_and_police, triage, triaged, unit_ids


def test_co_response_sends_the_nearest_unit_of_each_type_and_says_so_everywhere() -> None:
    dispatcher, uow = fake_dispatcher(bcr_and_police(), Clock())
    envelope = triage(dispatcher, "call", ["bcr", "police"], 2)
    assigned = {e.payload["unit_type"]: e for e in uow.events("UnitAssigned", "call")}
    assert {t: e.payload["unit_id"] for t, e in assigned.items()} == {
        "bcr": "BCR-1", "police": "P3-31"}
    police = assigned["police"].payload
    assert police["rule"] == "nearest_available"
    assert {c["unit_id"]: c["passed_over"] for c in police["candidates"]} == {
        "P3-31": None, "P5-51": "farther than the chosen unit"}
    # Caused by the triage, with ids derived from it: a replay makes the same ids.
    assert {e.envelope["causation_id"] for e in assigned.values()} == {str(envelope.event_id)}
    statuses = uow.events("UnitStatusChanged", topic="units.status")
    assert {(e.envelope["key"], e.payload["status"]) for e in statuses} == {
        ("BCR-1", "dispatched"), ("P3-31", "dispatched")}
    copies = uow.events("UnitAssigned", topic="units.assignments")
    assert {e.envelope["key"] for e in copies} == {"BCR-1", "P3-31"}
    assert {e.envelope["event_id"] for e in copies} == {
        e.envelope["event_id"] for e in assigned.values()}
    [entry] = [e for e in uow.feed.after("P3-31", 0, 10) if e.kind != "team"]
    assert entry.kind == "assigned" and entry.data["call_id"] == "call"
    assert dispatcher.current_assignment("P3-31") == {
        "id": entry.id, **entry.data,
        "co_responders": [{"unit_id": "BCR-1", "unit_type": "bcr", "status": "dispatched"}]}
    assert uow.handled_committed == [str(envelope.event_id)]


def test_queued_calls_are_served_most_urgent_first_when_a_unit_comes_free() -> None:
    clock = Clock()
    dispatcher, uow = fake_dispatcher([roster_unit("P3-31", "police", 44.948, -93.233)],
                                      clock)
    triage(dispatcher, "busy", ["police"], 3)
    triage(dispatcher, "low", ["police"], 4)
    clock.advance(1)
    triage(dispatcher, "high", ["police"], 1)
    assert [e.envelope["call_id"] for e in uow.events("CallQueued")] == ["low", "high"]
    for status in (UnitStatus.en_route, UnitStatus.on_scene, UnitStatus.available):
        dispatcher.report_status("P3-31", status)
    [first] = uow.events("UnitAssigned", "high")
    assert first.payload["unit_id"] == "P3-31" and first.payload["waited_s"] == 0
    assert uow.events("UnitAssigned", "low") == []
    released = uow.events("UnitReleased", "busy")
    assert [e.payload["reason"] for e in released] == ["cleared by the crew"]


def test_a_cancelled_call_releases_its_units_to_the_next_call_waiting() -> None:
    dispatcher, uow = fake_dispatcher(bcr_and_police()[::2], Clock())
    triage(dispatcher, "first", ["bcr", "police"], 2)
    triage(dispatcher, "waiting", ["police"], 3)
    cancel = make_event(CallCancelled(reason="caller hung up"), producer="intake",
                        call_id="first")
    dispatcher.on_cancelled(cancel, CallCancelled(reason="caller hung up"))
    assert {(e.payload["unit_id"], e.payload["reason"])
            for e in uow.events("UnitReleased", "first")} == {
        ("BCR-1", "call cancelled"), ("P3-31", "call cancelled")}
    assert unit_ids(uow, "UnitAssigned", "waiting") == ["P3-31"]
    bcr = uow.units.get("BCR-1")
    assert bcr is not None and bcr.status == UnitStatus.available


def test_a_call_cancelled_before_its_triage_arrives_is_never_assigned() -> None:
    dispatcher, uow = fake_dispatcher(bcr_and_police(), Clock())
    cancel = make_event(CallCancelled(reason="caller hung up"), producer="intake",
                        call_id="call")
    dispatcher.on_cancelled(cancel, CallCancelled(reason="caller hung up"))
    triage(dispatcher, "call", ["police"], 2)
    assert uow.events("UnitAssigned") == [] and uow.events("CallQueued") == []


def test_a_re_triage_releases_units_no_longer_needed_and_sends_the_new_ones() -> None:
    dispatcher, uow = fake_dispatcher(bcr_and_police(), Clock())
    triage(dispatcher, "call", ["bcr"], 3)
    triage(dispatcher, "call", ["police"], 1)
    [released] = uow.events("UnitReleased", "call")
    assert released.payload["unit_id"] == "BCR-1"
    assert released.payload["reason"].startswith("re-triaged")
    assert unit_ids(uow, "UnitAssigned", "call") == ["BCR-1", "P3-31"]


def test_a_redelivered_triage_decides_nothing_again() -> None:
    dispatcher, uow = fake_dispatcher(bcr_and_police(), Clock())
    envelope, payload = triaged("call", ["police"], 2)
    dispatcher.on_triaged(envelope, payload)
    dispatcher.on_triaged(envelope, payload)
    assert unit_ids(uow, "UnitAssigned", "call") == ["P3-31"]


def test_a_decline_puts_the_call_back_in_the_queue_without_that_unit() -> None:
    dispatcher, uow = fake_dispatcher(bcr_and_police(), Clock())
    triage(dispatcher, "call", ["police"], 2)
    dispatcher.report_status("P3-31", UnitStatus.available, call_id="call")
    assert unit_ids(uow, "UnitAssigned", "call") == ["P3-31", "P5-51"]
    [released] = uow.events("UnitReleased", "call")
    assert released.payload["unit_id"] == "P3-31"


def test_refused_reports_change_nothing_and_the_others_go_on() -> None:
    dispatcher, uow = fake_dispatcher(bcr_and_police(), Clock())
    triage(dispatcher, "call", ["police"], 2)
    before = len(uow.fake_outbox.published)
    outcomes = dispatcher.report_statuses([
        UnitReport("NOPE", UnitStatus.available),
        UnitReport("P5-51", UnitStatus.on_scene),
        UnitReport("P3-31", UnitStatus.on_scene, call_id="another call"),
        UnitReport("P3-31", UnitStatus.en_route, call_id="call"),
    ])
    assert isinstance(outcomes[0], UnitNotFound)
    assert isinstance(outcomes[1], IllegalTransition)
    assert isinstance(outcomes[2], StatusConflict)
    assert outcomes[3] == {"unit_id": "P3-31", "status": UnitStatus.en_route,
                           "previous_status": UnitStatus.dispatched}
    assert [e.event_type for e in uow.fake_outbox.published[before:]] == [
        "UnitStatusChanged", "AssignmentAccepted"]
    with pytest.raises(StatusConflict):
        dispatcher.accept("P5-51")


def test_a_new_unit_serves_the_queue_at_once_and_an_edit_keeps_its_status() -> None:
    dispatcher, uow = fake_dispatcher([], Clock())
    triage(dispatcher, "call", ["cso"], 4)
    created = dispatcher.create_unit(UnitCreate.model_validate(
        {"unit_id": "CSO-9", "unit_type": "cso", "lat": 44.948, "lon": -93.233}))
    assert created.status == UnitStatus.dispatched and created.current_call_id == "call"
    with pytest.raises(UnitExists):
        dispatcher.create_unit(UnitCreate.model_validate(
            {"unit_id": "CSO-9", "unit_type": "cso"}))
    edited = dispatcher.update_unit("CSO-9", UnitUpdate(station="3rd Precinct"))
    assert edited.station == "3rd Precinct" and edited.status == UnitStatus.dispatched
    with pytest.raises(UnitNotFound):
        dispatcher.update_unit("NOPE", UnitUpdate())
    assert [(e.envelope["key"], e.payload["status"])
            for e in uow.events("UnitStatusChanged", topic="units.status")] == [
        ("CSO-9", "available"), ("CSO-9", "dispatched")]
