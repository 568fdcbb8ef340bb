"""A CallTriaged older than the one applied, or one another instance handled already
(both happen around a consumer group rebalance), is not applied: checked inside the
decision's unit of work, over the in-memory unit of work."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from shared.events import CallTriaged, Envelope, Location, UnitType, make_event
from tests.unit.assignment_fakes import Clock, fake_dispatcher
from tests.unit.test_assignment_deadlines import bcr_and_police, unit_ids

TRIAGED_AT = datetime(2026, 11, 25, 14, 3, tzinfo=UTC)
LAKE = Location(lat=44.9485, lon=-93.247, address="E. Lake St. & Bloomington")


def decision(units: list[str], priority: int, seconds_later: float
             ) -> tuple[Envelope, CallTriaged]:
    """Triage's decision on "call", made ``seconds_later`` than the first one."""
    payload = CallTriaged(pathway="behavioral_health", units=[UnitType(u) for u in units],
                          priority=priority, confidence=0.9, policy_id="test",
                          policy_version="1", location=LAKE, retriage=seconds_later > 0)
    return make_event(payload, producer="triage", call_id="call",
                      occurred_at=TRIAGED_AT + timedelta(seconds=seconds_later)), payload


def test_an_older_triage_arriving_after_a_newer_one_is_recorded_and_not_applied() -> None:
    dispatcher, uow = fake_dispatcher(bcr_and_police(), Clock())
    older = decision(["police"], 3, 0)
    newer = decision(["bcr"], 2, 5)  # a weapon ruled out: a crisis team alone
    dispatcher.on_triaged(*newer)
    assert unit_ids(uow, "UnitAssigned", "call") == ["BCR-1"]

    dispatcher.on_triaged(*older)
    # Applied, it would send police back and release the crisis team.
    assert unit_ids(uow, "UnitAssigned", "call") == ["BCR-1"]
    assert uow.events("UnitReleased", "call") == []
    call = uow.calls.get("call")
    assert call is not None and call.priority == 2
    assert call.triaged_event_id == str(newer[0].event_id)
    # Recorded as handled: a redelivery of it is skipped too.
    assert uow.handled_committed == [str(newer[0].event_id), str(older[0].event_id)]


def test_a_triage_another_instance_handled_is_skipped_under_the_lock() -> None:
    dispatcher, uow = fake_dispatcher(bcr_and_police(), Clock())
    handled = decision(["police"], 3, 0)
    # Committed by the instance that held the partition before a rebalance, after this
    # instance's consumer had looked it up and found nothing.
    uow.handled_committed.append(str(handled[0].event_id))
    fresh = decision(["bcr"], 2, 5)
    dispatcher.on_triaged_many([handled, fresh, fresh])
    assert unit_ids(uow, "UnitAssigned", "call") == ["BCR-1"]  # the fresh one, once
    assert uow.handled_committed == [str(handled[0].event_id), str(fresh[0].event_id)]


def test_a_newer_triage_is_applied_over_an_older_one() -> None:
    dispatcher, uow = fake_dispatcher(bcr_and_police(), Clock())
    dispatcher.on_triaged(*decision(["police"], 3, 0))
    dispatcher.on_triaged(*decision(["bcr"], 2, 5))
    assert unit_ids(uow, "UnitAssigned", "call") == ["P3-31", "BCR-1"]
    assert unit_ids(uow, "UnitReleased", "call") == ["P3-31"]
