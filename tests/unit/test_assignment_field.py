"""Crews on a call, over the in-memory unit of work: clearing with an outcome, asking for
backup, staging until police secure the scene, seeing co-responders, and a feed that keeps
nothing about a call the unit no longer holds."""

from __future__ import annotations

import pytest

from services.assignment.crews import StatusConflict
from services.assignment.dispatcher import Dispatcher
from services.assignment.field import BackupRequest, Clearing
from services.assignment.rules import IllegalTransition
from shared.events import CallTriaged, Location, UnitStatus, UnitType, make_event
from shared.field_contracts import BackupReason, Outcome
from tests.unit.assignment_fakes import Clock, FakeUnitOfWork, fake_dispatcher, roster_unit
from tests.unit.test_assignment_deadlines import LAKE, bcr_and_police, triage, triaged


def triage_flagged(dispatcher: Dispatcher, call_id: str, units: list[str],
                   flags: list[str]) -> None:
    payload = CallTriaged(pathway="behavioral_health", units=[UnitType(u) for u in units],
                          priority=2, confidence=0.9, policy_id="test", policy_version="1",
                          tags=["behavioral_health"], safety_flags=flags, location=LAKE)
    dispatcher.on_triaged(make_event(payload, producer="triage", call_id=call_id), payload)


def kinds(uow: FakeUnitOfWork, call_id: str) -> list[str]:
    return [p.event_type for p in uow.fake_outbox.published
            if p.envelope["call_id"] == call_id and p.topic == "calls.assigned"]


def test_a_crew_clears_with_an_outcome_and_a_retry_changes_nothing() -> None:
    dispatcher, uow = fake_dispatcher(bcr_and_police(), Clock())
    triage(dispatcher, "call", ["bcr"])
    dispatcher.report_status("BCR-1", UnitStatus.en_route)
    dispatcher.report_status("BCR-1", UnitStatus.on_scene)
    clearing = Clearing("BCR-1", "call", Outcome.referred_to_services, "county case manager")
    unit = dispatcher.clear(clearing)
    assert unit.status == UnitStatus.available and unit.current_call_id is None
    [cleared] = uow.events("UnitCleared", "call")
    assert cleared.payload == {"unit_id": "BCR-1", "unit_type": "bcr",
                               "outcome": "referred_to_services",
                               "note": "county case manager"}
    # Every status of the call names it in its envelope, the clear's included.
    statuses = uow.events("UnitStatusChanged", topic="units.status")
    assert [(e.payload["status"], e.envelope["call_id"]) for e in statuses] == [
        ("dispatched", "call"), ("en_route", "call"), ("on_scene", "call"),
        ("available", "call")]
    [released] = uow.events("UnitReleased", "call")
    assert released.payload["reason"] == "cleared by the crew: referred_to_services"
    published = len(uow.fake_outbox.published)
    assert dispatcher.clear(clearing).status == UnitStatus.available
    assert len(uow.fake_outbox.published) == published
    with pytest.raises(StatusConflict, match="as referred_to_services"):
        dispatcher.clear(Clearing("BCR-1", "call", Outcome.arrest))


def test_a_crew_cannot_clear_a_call_it_does_not_hold() -> None:
    dispatcher, uow = fake_dispatcher(bcr_and_police(), Clock())
    triage(dispatcher, "call", ["bcr"])
    with pytest.raises(StatusConflict, match="does not hold"):
        dispatcher.clear(Clearing("BCR-1", "other", Outcome.no_contact))
    with pytest.raises(StatusConflict):
        dispatcher.clear(Clearing("P3-31", "call", Outcome.no_contact))
    assert uow.events("UnitCleared") == []


def test_backup_is_recorded_then_assigned_as_caused_by_the_request() -> None:
    dispatcher, uow = fake_dispatcher(bcr_and_police(), Clock())
    triage(dispatcher, "call", ["bcr"], 3)
    dispatcher.report_status("BCR-1", UnitStatus.on_scene)
    request = BackupRequest("BCR-1", "call", (UnitType.police,), BackupReason.safety)
    answer = dispatcher.request_backup(request)
    assert answer["already_on_call"] == []
    assert kinds(uow, "call")[-2:] == ["BackupRequested", "UnitAssigned"]
    [asked] = uow.events("BackupRequested", "call")
    assert asked.payload == {"unit_id": "BCR-1", "unit_type": "bcr",
                             "requested": ["police"], "reason_code": "safety"}
    [sent] = [e for e in uow.events("UnitAssigned", "call")
              if e.payload["unit_type"] == "police"]
    assert sent.payload["rule"] == "backup_request" and sent.payload["unit_id"] == "P3-31"
    assert sent.envelope["causation_id"] == asked.envelope["event_id"]
    assert sent.payload["priority"] == 1  # asked for safety: first in line
    # A retried request asks for nothing more.
    published = len(uow.fake_outbox.published)
    dispatcher.request_backup(request)
    assert len(uow.fake_outbox.published) == published


def test_backup_with_no_unit_free_is_queued_and_a_type_on_the_call_is_not_sent_twice() -> None:
    dispatcher, uow = fake_dispatcher([roster_unit("BCR-1", "bcr", 45.0, -93.28),
                                       roster_unit("P3-31", "police", 44.948, -93.233)],
                                      Clock())
    triage(dispatcher, "call", ["bcr", "police"])
    answer = dispatcher.request_backup(BackupRequest(
        "BCR-1", "call", (UnitType.police, UnitType.ems), BackupReason.medical))
    assert answer["already_on_call"] == ["police"]
    [queued] = uow.events("CallQueued", "call")
    assert queued.payload["unit_type"] == "ems"
    assert queued.envelope["causation_id"] == uow.events(
        "BackupRequested", "call")[0].envelope["event_id"]


def test_backup_for_a_call_the_unit_does_not_hold_is_refused() -> None:
    dispatcher, uow = fake_dispatcher(bcr_and_police(), Clock())
    with pytest.raises(StatusConflict):
        dispatcher.request_backup(BackupRequest("BCR-1", "call", (UnitType.police,),
                                                BackupReason.safety))
    assert uow.events("BackupRequested") == []


def test_a_crisis_team_sent_with_police_to_a_weapon_call_stages_until_police_secure_it(
) -> None:
    dispatcher, uow = fake_dispatcher(bcr_and_police(), Clock())
    triage_flagged(dispatcher, "call", ["bcr", "police"], ["weapon"])
    bcr = dispatcher.current_assignment("BCR-1")
    police = dispatcher.current_assignment("P3-31")
    assert bcr is not None and police is not None
    assert bcr["stage"] is True and police["stage"] is False
    dispatcher.report_status("BCR-1", UnitStatus.staged, call_id="call")
    [staged] = [e for e in uow.events("UnitStatusChanged", topic="units.status")
                if e.payload["status"] == "staged"]
    assert staged.envelope["call_id"] == "call"
    with pytest.raises(IllegalTransition):  # police not there yet
        dispatcher.secure_scene("P3-31", "call")
    with pytest.raises(IllegalTransition):  # only police secure a scene
        dispatcher.secure_scene("BCR-1", "call")
    dispatcher.report_status("P3-31", UnitStatus.on_scene)
    assert dispatcher.secure_scene("P3-31", "call") == ["BCR-1"]
    [secured] = uow.events("SceneSecured", "call")
    assert secured.payload == {"unit_id": "P3-31", "unit_type": "police",
                               "staged_units": ["BCR-1"]}
    told = dispatcher.current_assignment("BCR-1")
    assert told is not None and told["stage"] is False
    assert told["reason"] == "scene secured by P3-31: go in"
    assert dispatcher.secure_scene("P3-31", "call") == []  # reported before
    dispatcher.report_status("BCR-1", UnitStatus.on_scene)


def test_a_call_without_a_danger_flag_does_not_stage() -> None:
    dispatcher, _ = fake_dispatcher(bcr_and_police(), Clock())
    triage_flagged(dispatcher, "call", ["bcr", "police"], ["injury"])
    bcr = dispatcher.current_assignment("BCR-1")
    assert bcr is not None and bcr["stage"] is False


def test_crews_see_their_co_responders_and_their_status_as_it_changes() -> None:
    dispatcher, uow = fake_dispatcher(bcr_and_police(), Clock())
    triage(dispatcher, "call", ["bcr", "police"])
    dispatcher.report_status("P3-31", UnitStatus.en_route)
    team = [e.data["co_responders"] for e in uow.feed.after("BCR-1", 0, 100)
            if e.kind == "team"]
    assert team[-1] == [{"unit_id": "P3-31", "unit_type": "police", "status": "en_route"}]
    # A position report alone tells the others nothing new.
    before = len(uow.feed.after("BCR-1", 0, 100))
    dispatcher.report_status("P3-31", UnitStatus.en_route,
                             Location(lat=44.95, lon=-93.25))
    assert len(uow.feed.after("BCR-1", 0, 100)) == before
    dispatcher.clear(Clearing("P3-31", "call", Outcome.handed_to_police))
    last = [e for e in uow.feed.after("BCR-1", 0, 100) if e.kind == "team"][-1]
    assert last.data["co_responders"] == []
    bcr = dispatcher.current_assignment("BCR-1")
    assert bcr is not None and bcr["co_responders"] == []


def test_a_feed_keeps_nothing_of_where_a_call_was_once_the_unit_left_it() -> None:
    dispatcher, _ = fake_dispatcher(bcr_and_police(), Clock())
    triage(dispatcher, "call", ["bcr"])
    assert any(e.data.get("address") for e in dispatcher.feed_after("BCR-1", 0))
    dispatcher.clear(Clearing("BCR-1", "call", Outcome.resolved_on_scene))
    entries = dispatcher.feed_after("BCR-1", 0)
    assert [e.kind for e in entries] == ["assigned", "released"]
    for entry in entries:
        assert not {"address", "lat", "lon", "tags", "triage_reasons"} & set(entry.data)
    assert entries[-1].data["outcome"] == "resolved_on_scene"


def test_an_ambassador_is_not_shown_triage_tags_or_reasons() -> None:
    dispatcher, _ = fake_dispatcher([roster_unit("AMB-1", "ambassador", 44.95, -93.24)],
                                    Clock())
    envelope, payload = triaged("call", ["ambassador"])
    dispatcher.on_triaged(envelope, payload)
    shown = dispatcher.current_assignment("AMB-1")
    assert shown is not None and shown["address"] == LAKE.address
    assert "tags" not in shown and "triage_reasons" not in shown
