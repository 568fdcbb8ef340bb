"""The 911 floor's say in a decision, over the in-memory unit of work with the clock moved
by the test: a confirm-first call waits and goes once confirmed, a timeout applies the
policy's default once, safety never waits, each action is its roles' alone, and no crisis
team free asks the floor before the fallback. No database, broker or wait."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from pydantic import TypeAdapter

from services.assignment.dispatcher import Dispatcher
from services.assignment.floor import ActionForbidden, ActionInvalid, CallNotFound, FloorRefused
from services.assignment.floor_actions import FloorActionBody
from services.assignment.floor_policy import FloorPolicy, FloorRule
from services.assignment.rules import DEFAULT_FALLBACKS
from services.assignment.settings import AssignmentSettings
from services.assignment.store import Unit
from shared.auth import Principal, Role
from shared.events import CallTriaged, Location, UnitType, make_event
from tests.unit.assignment_fakes import Clock, FakeUnitOfWork, fake_dispatcher, roster_unit

LAKE = Location(address="E. Lake St. & Bloomington", lat=44.9485, lon=-93.2470)
DISPATCHER = Principal("dev-dispatcher", Role.dispatcher, agency="mpls")
CLINICIAN = Principal("dev-clinician", Role.clinician, agency="mpls")
CAD = Principal("dev-cad", Role.cad, agency="mpls")
CONFIRM_BH = FloorPolicy(rules=[FloorRule(pathway="behavioral_health", dispatch="confirm",
                                          wait_s=60)])
ACTION: TypeAdapter[Any] = TypeAdapter(FloorActionBody)


def roster() -> list[Unit]:
    return [roster_unit("BCR-1", "bcr", 44.95, -93.25),
            roster_unit("P3-31", "police", 44.948, -93.233)]


def triage(dispatcher: Dispatcher, call_id: str, units: list[str], *,
           safety_flags: list[str] | None = None, priority: int = 3,
           agency: str = "mpls") -> None:
    payload = CallTriaged(pathway="behavioral_health", units=[UnitType(u) for u in units],
                          priority=priority, confidence=0.9, policy_id="test",
                          policy_version="1", tags=["behavioral_health"],
                          safety_flags=safety_flags or [], location=LAKE, review=True,
                          review_reason="diversion rests on the narrative alone",
                          agency=agency)
    dispatcher.on_triaged(make_event(payload, producer="triage", call_id=call_id), payload)


def act(dispatcher: Dispatcher, who: Principal, **body: Any) -> dict[str, Any]:
    return dispatcher.floor_action("call", ACTION.validate_python(
        {"reason_code": "agrees_with_recommendation", **body}), who)


def fire_floor(dispatcher: Dispatcher) -> int:
    """What the service's timer loop does on one tick, for the floor's deadlines."""
    due = dispatcher.due_floor()
    for call_id in due:
        dispatcher.run_floor_timer(call_id)
    return len(due)


def assigned(uow: FakeUnitOfWork) -> list[str]:
    return [e.payload["unit_id"] for e in uow.events("UnitAssigned", "call")]


def confirm_first(clock: Clock, policy: FloorPolicy = CONFIRM_BH,
                  units: list[Unit] | None = None) -> tuple[Dispatcher, FakeUnitOfWork]:
    return fake_dispatcher(roster() if units is None else units, clock, floor=policy,
                           fallbacks=list(DEFAULT_FALLBACKS))


def test_by_default_a_recommendation_is_dispatched_at_once_and_reads_as_dispatched() -> None:
    dispatcher, uow = fake_dispatcher(roster(), Clock())
    triage(dispatcher, "call", ["bcr"])
    assert assigned(uow) == ["BCR-1"]
    decision = dispatcher.decision("call", DISPATCHER)
    assert decision["state"] == "dispatched"
    assert decision["units"] == ["bcr"] and decision["pathway"] == "behavioral_health"
    assert decision["review"] is True
    assert decision["review_reason"] == "diversion rests on the narrative alone"
    assert uow.events("FloorPrompted") == []


def test_a_confirm_first_call_waits_and_goes_once_a_dispatcher_confirms() -> None:
    clock = Clock()
    dispatcher, uow = confirm_first(clock)
    triage(dispatcher, "call", ["bcr"])
    assert assigned(uow) == []
    [prompted] = uow.events("FloorPrompted", "call")
    assert prompted.payload["state"] == "awaiting_confirmation"
    waiting = dispatcher.decision("call", CAD)
    assert waiting["state"] == "awaiting_confirmation"
    assert waiting["deadline"] == datetime.fromtimestamp(clock.now + 60, UTC)
    assert waiting["on_timeout"] == "recommendation"

    clock.advance(10)
    after = act(dispatcher, DISPATCHER, action="confirm", note="spoke with the caller")
    assert assigned(uow) == ["BCR-1"]
    assert after["state"] == "confirmed" and after["deadline"] is None
    assert after["last_action"]["by_key"] == "dev-dispatcher"
    assert after["last_action"]["reason_code"] == "agrees_with_recommendation"
    [confirmed] = uow.events("DecisionConfirmed", "call")
    assert confirmed.payload["by_role"] == "dispatcher"
    assert confirmed.payload["units"] == ["bcr"]
    clock.advance(120)
    assert fire_floor(dispatcher) == 0  # nothing left to time out
    with pytest.raises(FloorRefused):
        act(dispatcher, DISPATCHER, action="confirm")


def test_nobody_answering_applies_the_default_once() -> None:
    clock = Clock()
    dispatcher, uow = confirm_first(clock)
    triage(dispatcher, "call", ["bcr"])
    clock.advance(59.9)
    assert fire_floor(dispatcher) == 0
    clock.advance(0.1)
    assert fire_floor(dispatcher) == 1
    assert fire_floor(dispatcher) == 0
    assert assigned(uow) == ["BCR-1"]
    [timed_out] = uow.events("FloorTimedOut", "call")
    assert timed_out.payload["applied"] == "recommendation"
    assert timed_out.payload["waited_s"] == 60
    assert dispatcher.decision("call", DISPATCHER)["state"] == "dispatched"


def test_a_named_fallback_as_the_default_sends_its_units_instead() -> None:
    clock = Clock()
    policy = FloorPolicy(rules=[FloorRule(dispatch="confirm", wait_s=30,
                                          on_timeout="bcr_urgent_police_alone")])
    dispatcher, uow = confirm_first(clock, policy)
    triage(dispatcher, "call", ["bcr"])
    clock.advance(30)
    assert fire_floor(dispatcher) == 1
    assert assigned(uow) == ["P3-31"]
    decision = dispatcher.decision("call", DISPATCHER)
    assert {n["unit_type"]: n["state"] for n in decision["needs"]} == {
        "bcr": "released", "police": "assigned"}


def test_safety_never_waits_police_go_at_once_and_only_the_team_waits() -> None:
    dispatcher, uow = confirm_first(Clock())
    triage(dispatcher, "call", ["police", "bcr"], safety_flags=["weapon"])
    assert assigned(uow) == ["P3-31"]
    decision = dispatcher.decision("call", DISPATCHER)
    assert decision["state"] == "awaiting_confirmation"
    assert {n["unit_type"]: n["state"] for n in decision["needs"]} == {
        "police": "assigned", "bcr": "held"}
    # Closing the call without a unit is refused while police are on their way.
    with pytest.raises(FloorRefused):
        act(dispatcher, CLINICIAN, action="resolve_by_phone", outcome_code="de_escalated")


def test_a_call_whose_units_are_all_for_safety_never_waits() -> None:
    dispatcher, uow = confirm_first(Clock())
    triage(dispatcher, "call", ["police"], safety_flags=["weapon"])
    assert assigned(uow) == ["P3-31"]
    assert dispatcher.decision("call", DISPATCHER)["state"] == "dispatched"


def test_an_override_is_a_persons_not_a_cad_keys() -> None:
    dispatcher, uow = confirm_first(Clock())
    triage(dispatcher, "call", ["bcr"])
    with pytest.raises(ActionForbidden):
        act(dispatcher, CAD, action="override", units=["police"])
    assert assigned(uow) == []
    after = act(dispatcher, CLINICIAN, action="override", units=["police"],
                reason_code="safety_concern")
    assert after["state"] == "overridden"
    assert assigned(uow) == ["P3-31"]
    [overridden] = uow.events("DecisionOverridden", "call")
    assert overridden.payload["recommended"] == ["bcr"]
    assert overridden.payload["units"] == ["police"]


def test_only_a_clinician_resolves_by_phone_and_no_unit_goes() -> None:
    dispatcher, uow = confirm_first(Clock())
    triage(dispatcher, "call", ["bcr"])
    with pytest.raises(ActionForbidden):
        act(dispatcher, DISPATCHER, action="resolve_by_phone", outcome_code="de_escalated")
    with pytest.raises(ActionInvalid):
        act(dispatcher, CLINICIAN, action="resolve_by_phone", outcome_code="cured")
    after = act(dispatcher, CLINICIAN, action="resolve_by_phone",
                reason_code="clinical_judgement", outcome_code="safety_plan_made")
    assert after["state"] == "resolved_by_phone" and after["deadline"] is None
    assert after["last_action"]["outcome_code"] == "safety_plan_made"
    assert assigned(uow) == []
    assert uow.events("CallResolvedByPhone", "call")[0].payload["by_key"] == "dev-clinician"
    assert dispatcher.due_floor() == []


def test_a_transfer_to_988_is_recorded_and_sends_nobody() -> None:
    dispatcher, uow = confirm_first(Clock())
    triage(dispatcher, "call", ["bcr"])
    after = act(dispatcher, DISPATCHER, action="transfer", to="988",
                reason_code="caller_request")
    assert after["state"] == "transferred"
    assert uow.events("CallTransferred", "call")[0].payload["to"] == "988"
    assert assigned(uow) == []


def test_a_held_call_is_asked_about_again_when_the_call_back_is_due() -> None:
    clock = Clock()
    dispatcher, uow = confirm_first(clock)
    triage(dispatcher, "call", ["bcr"])
    with pytest.raises(ActionInvalid):
        act(dispatcher, CAD, action="hold",
            callback_at=datetime.fromtimestamp(clock.now - 1, UTC).isoformat())
    back = datetime.fromtimestamp(clock.now + 600, UTC)
    held = act(dispatcher, CAD, action="hold", callback_at=back.isoformat(),
               reason_code="no_team_free")
    assert held["state"] == "held" and held["deadline"] == back
    clock.advance(300)
    assert fire_floor(dispatcher) == 0  # the confirmation's own deadline no longer runs
    clock.advance(300)
    assert fire_floor(dispatcher) == 1
    again = dispatcher.decision("call", DISPATCHER)
    assert again["state"] == "awaiting_confirmation"
    assert [e.payload["reason"] for e in uow.events("FloorPrompted", "call")][-1] == (
        "call-back due")
    assert assigned(uow) == []


def test_no_crisis_team_free_asks_the_floor_and_the_fallback_is_its_default() -> None:
    clock = Clock()
    dispatcher, uow = fake_dispatcher(roster()[1:], clock, fallbacks=list(DEFAULT_FALLBACKS))
    triage(dispatcher, "call", ["bcr"], priority=2)
    decision = dispatcher.decision("call", CLINICIAN)
    assert decision["state"] == "awaiting_floor"
    assert decision["deadline"] == datetime.fromtimestamp(clock.now + 120, UTC)
    [prompted] = uow.events("FloorPrompted", "call")
    assert prompted.payload["on_timeout"] == "bcr_urgent_police_alone"
    clock.advance(120)
    for need_id in dispatcher.due_needs():
        dispatcher.run_timer(need_id)
    assert assigned(uow) == ["P3-31"]
    [timed_out] = uow.events("FloorTimedOut", "call")
    assert timed_out.payload == {"state": "awaiting_floor",
                                 "applied": "bcr_urgent_police_alone",
                                 "units": ["police"], "waited_s": 120.0}
    assert dispatcher.decision("call", CLINICIAN)["state"] == "dispatched"


def test_the_floor_sends_police_now_instead_of_waiting_for_a_team() -> None:
    clock = Clock()
    dispatcher, uow = fake_dispatcher(roster()[1:], clock, fallbacks=list(DEFAULT_FALLBACKS))
    triage(dispatcher, "call", ["bcr"], priority=2)
    after = act(dispatcher, CAD, action="send_police", reason_code="safety_concern")
    assert after["state"] == "dispatched"
    assert assigned(uow) == ["P3-31"]
    decision = dispatcher.decision("call", CAD)
    assert {n["unit_type"]: n["state"] for n in decision["needs"]} == {
        "bcr": "released", "police": "assigned"}
    clock.advance(120)
    for need_id in dispatcher.due_needs():
        dispatcher.run_timer(need_id)
    assert uow.events("AssignmentFallback", "call") == []  # the team is no longer waited for


def test_a_clinician_phones_the_caller_instead_of_waiting_for_a_team() -> None:
    dispatcher, _ = fake_dispatcher(roster()[1:], Clock(), fallbacks=list(DEFAULT_FALLBACKS))
    triage(dispatcher, "call", ["bcr"])
    after = act(dispatcher, CLINICIAN, action="resolve_by_phone",
                reason_code="no_team_free", outcome_code="de_escalated")
    assert after["state"] == "resolved_by_phone"
    assert dispatcher.due_needs() == []


def test_a_key_of_another_agency_neither_sees_nor_acts_on_the_call() -> None:
    dispatcher, _ = confirm_first(Clock())
    triage(dispatcher, "call", ["bcr"], agency="stlp")
    with pytest.raises(CallNotFound):
        dispatcher.decision("call", DISPATCHER)
    with pytest.raises(CallNotFound):
        act(dispatcher, DISPATCHER, action="confirm")
    assert dispatcher.decision("call", Principal("auditor", Role.auditor))["state"] == (
        "awaiting_confirmation")


def test_a_reason_code_outside_the_policy_is_refused() -> None:
    dispatcher, uow = confirm_first(Clock())
    triage(dispatcher, "call", ["bcr"])
    with pytest.raises(ActionInvalid):
        act(dispatcher, DISPATCHER, action="confirm", reason_code="felt_like_it")
    assert assigned(uow) == []


def test_triage_asking_for_review_waits_when_the_policy_says_so() -> None:
    dispatcher, uow = confirm_first(Clock(), FloorPolicy(confirm_on_review=True))
    triage(dispatcher, "call", ["bcr"])  # review=True, its pathway automatic
    assert assigned(uow) == []
    assert dispatcher.decision("call", DISPATCHER)["state"] == "awaiting_confirmation"


def test_a_retriage_bringing_a_weapon_sends_police_at_once_while_the_team_still_waits() -> None:
    dispatcher, uow = confirm_first(Clock())
    triage(dispatcher, "call", ["bcr"])
    triage(dispatcher, "call", ["police", "bcr"], safety_flags=["weapon"])
    assert assigned(uow) == ["P3-31"]
    decision = dispatcher.decision("call", DISPATCHER)
    assert decision["state"] == "awaiting_confirmation"
    assert {n["unit_type"]: n["state"] for n in decision["needs"]} == {
        "bcr": "held", "police": "assigned"}


def test_a_default_that_names_no_fallback_rule_is_refused_at_start() -> None:
    policy = FloorPolicy(rules=[FloorRule(dispatch="confirm", on_timeout="no_such_rule")])
    with pytest.raises(ValueError, match="no_such_rule"):
        AssignmentSettings(floor=policy)
    AssignmentSettings(floor=FloorPolicy(rules=[FloorRule(
        dispatch="confirm", on_timeout="bcr_co_response_police")]))


def test_a_retriage_does_not_ask_again_about_a_team_already_on_its_way() -> None:
    dispatcher, uow = confirm_first(Clock())
    triage(dispatcher, "call", ["bcr"])
    act(dispatcher, DISPATCHER, action="confirm")
    triage(dispatcher, "call", ["bcr"], priority=2)
    assert dispatcher.decision("call", DISPATCHER)["state"] == "dispatched"
    assert len(uow.events("FloorPrompted", "call")) == 1
    assert assigned(uow) == ["BCR-1"]


def test_the_floor_queue_lists_what_waits_for_a_person_most_urgent_first_per_agency(
) -> None:
    clock = Clock()
    dispatcher, _ = confirm_first(clock, units=[])
    triage(dispatcher, "later", ["bcr"], priority=3)
    triage(dispatcher, "urgent", ["bcr"], priority=1)
    triage(dispatcher, "elsewhere", ["bcr"], agency="stpaul")
    queue = dispatcher.floor_queue(DISPATCHER)
    assert [c["call_id"] for c in queue["calls"]] == ["urgent", "later"]
    first = queue["calls"][0]
    assert first["state"] == "awaiting_confirmation" and first["review"]
    assert first["review_reason"] == "diversion rests on the narrative alone"
    assert "agrees_with_recommendation" in queue["reason_codes"]
    assert "bcr" in queue["unit_types"] and queue["outcome_codes"]
    # Acted on, a call leaves the queue.
    dispatcher.floor_action("urgent", ACTION.validate_python(
        {"action": "override", "units": ["police"], "reason_code": "safety_concern"}),
        DISPATCHER)
    assert [c["call_id"] for c in dispatcher.floor_queue(DISPATCHER)["calls"]] == ["later"]
