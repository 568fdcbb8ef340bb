"""Assignment as a real process on the real broker: matching, co-response, corridors, the
queue, fallbacks (the deadline timer's wiring), cancellation and re-triage. Deadlines
themselves, acknowledgement's included, are tests/unit/test_assignment_deadlines.py's,
with an injected clock."""

from __future__ import annotations

import json
import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from shared.settings import ServiceSettings
from shared.topics import CALLS_ASSIGNED, UNITS_ASSIGNMENTS, UNITS_STATUS
from tests.conftest import bearer
from tests.integration.assignment_support import (
    LAKE,
    Running,
    cancelled_event,
    of_type,
    running_service,
    send,
    triaged,
    triaged_event,
    unit,
    units,
    wait_events,
    write_roster,
)

pytestmark = [pytest.mark.kafka]

ROSTER = [
    unit("P3-31", "police", 44.9480, -93.2330, station="3rd Precinct", home_district="3"),
    unit("P5-51", "police", 44.9480, -93.2890, station="5th Precinct", home_district="5"),
    unit("BCR-1", "bcr", 45.0000, -93.2800, station="BCR North"),
    unit("CSO-1", "cso", 44.9778, -93.2650),
    unit("AMB-LAKE-1", "ambassador", 44.9485, -93.2350, service_area=["corridor:lake"]),
    unit("AMB-FRANKLIN-1", "ambassador", 44.9627, -93.2550,
         service_area=["corridor:franklin"]),
]


def new_call() -> str:
    return str(uuid.uuid4())


@pytest.fixture
async def http() -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(timeout=10.0) as client:
        yield client


@pytest.fixture
async def service(kafka_settings: ServiceSettings, tmp_path: Path
                  ) -> AsyncIterator[Running]:
    roster = write_roster(tmp_path / "roster.yaml", ROSTER)
    async for running in running_service(kafka_settings, tmp_path, roster):
        yield running


async def post_status(http: httpx.AsyncClient, running: Running, unit_id: str, token: str,
                      status: str, **location: float) -> httpx.Response:
    body: dict[str, Any] = {"status": status}
    if location:
        body["location"] = location
    return await http.post(f"{running.url}/v1/units/{unit_id}/status", json=body,
                           headers=bearer(token))


async def test_co_response_sends_the_nearest_unit_of_each_type_and_records_why(
    service: Running, kafka_settings: ServiceSettings, http: httpx.AsyncClient,
    credentials: dict[str, Any],
) -> None:
    call = new_call()
    await send(kafka_settings, [triaged_event(call, triaged(["bcr", "police"], 2))])
    assigned = await wait_events(kafka_settings, CALLS_ASSIGNED, "UnitAssigned", 2, call)
    by_type = {e.payload["unit_type"]: e.payload for e in assigned}
    assert by_type["bcr"]["unit_id"] == "BCR-1"
    police = by_type["police"]
    assert police["unit_id"] == "P3-31"
    assert police["rule"] == "nearest_available"
    assert police["eta_s"] == pytest.approx(police["distance_km"] / 40 * 3600, abs=1)
    reasons = {c["unit_id"]: c["passed_over"] for c in police["candidates"]}
    assert reasons == {"P3-31": None, "P5-51": "farther than the chosen unit"}
    # Each unit's status change is an event keyed by the unit; the assignment is also on
    # the per-unit topic, keyed by the unit, with the same event id.
    statuses = await wait_events(kafka_settings, UNITS_STATUS, "UnitStatusChanged", 2, call)
    assert {(e.key, e.payload["status"]) for e in statuses} == {
        ("BCR-1", "dispatched"), ("P3-31", "dispatched")}
    feed = await wait_events(kafka_settings, UNITS_ASSIGNMENTS, "UnitAssigned", 2, call)
    assert {e.key for e in feed} == {"BCR-1", "P3-31"}
    assert {e.event_id for e in feed} == {e.event_id for e in assigned}
    roster = await units(http, service.url, credentials["admin"])
    assert roster["P3-31"]["status"] == "dispatched"
    assert roster["P3-31"]["current_call_id"] == call
    assert roster["P5-51"]["current_call_id"] is None


async def test_ambassadors_only_work_their_corridor(
    service: Running, kafka_settings: ServiceSettings,
) -> None:
    franklin_call, downtown_call = new_call(), new_call()
    await send(kafka_settings, [
        # On E. Franklin Ave.; the Lake St. ambassador is nearer but outside its corridor.
        triaged_event(franklin_call, triaged(["ambassador"], 4, (44.9615, -93.2350),
                                             pathway="street_support")),
        triaged_event(downtown_call, triaged(["ambassador"], 4, (44.9778, -93.2650),
                                             pathway="street_support")),
    ])
    [assigned] = await wait_events(kafka_settings, CALLS_ASSIGNED, "UnitAssigned", 1,
                                   franklin_call)
    assert assigned.payload["unit_id"] == "AMB-FRANKLIN-1"
    reasons = {c["unit_id"]: c["passed_over"] for c in assigned.payload["candidates"]}
    assert reasons["AMB-LAKE-1"] == "call outside its service area"
    [queued] = await wait_events(kafka_settings, CALLS_ASSIGNED, "CallQueued", 1, downtown_call)
    assert queued.payload["unit_type"] == "ambassador"
    assert await of_type(kafka_settings, CALLS_ASSIGNED, "UnitAssigned", downtown_call) == []


async def test_queued_calls_are_served_most_urgent_first_when_a_unit_comes_free(
    kafka_settings: ServiceSettings, tmp_path: Path, http: httpx.AsyncClient,
    credentials: dict[str, Any],
) -> None:
    roster = write_roster(tmp_path / "roster.yaml", ROSTER[:1])  # one police car
    token = credentials["responders"]["P3-31"]
    async for running in running_service(kafka_settings, tmp_path, roster):
        busy, low, high = new_call(), new_call(), new_call()
        await send(kafka_settings, [triaged_event(busy, triaged(["police"], 3))])
        await wait_events(kafka_settings, CALLS_ASSIGNED, "UnitAssigned", 1, busy)
        await send(kafka_settings, [triaged_event(low, triaged(["police"], 4)),
                                    triaged_event(high, triaged(["police"], 1))])
        await wait_events(kafka_settings, CALLS_ASSIGNED, "CallQueued", 1, low)
        await wait_events(kafka_settings, CALLS_ASSIGNED, "CallQueued", 1, high)
        for status in ("en_route", "on_scene", "available"):
            response = await post_status(http, running, "P3-31", token, status)
            assert response.status_code == 200, response.text
        [first] = await wait_events(kafka_settings, CALLS_ASSIGNED, "UnitAssigned", 1, high)
        assert first.payload["unit_id"] == "P3-31"
        assert first.payload["waited_s"] > 0
        assert await of_type(kafka_settings, CALLS_ASSIGNED, "UnitAssigned", low) == []
        for status in ("on_scene", "available"):
            assert (await post_status(http, running, "P3-31", token, status)).status_code == 200
        await wait_events(kafka_settings, CALLS_ASSIGNED, "UnitAssigned", 1, low)
        released = await wait_events(kafka_settings, CALLS_ASSIGNED, "UnitReleased", 2)
        assert {(e.call_id, e.payload["reason"]) for e in released} == {
            (busy, "cleared by the crew"), (high, "cleared by the crew")}
        changes = [e.payload["status"] for e in
                   await of_type(kafka_settings, UNITS_STATUS, "UnitStatusChanged")]
        assert changes == ["dispatched", "en_route", "on_scene", "available", "dispatched",
                           "on_scene", "available", "dispatched"]


FALLBACKS = json.dumps([
    {"rule_id": "bcr_urgent_police_alone", "unit_type": "bcr", "after_s": 0.5,
     "send": ["police"], "keep_waiting": False, "max_priority": 2,
     "reason": "no bcr team free within 0.5 s; urgent call: police alone"},
    {"rule_id": "bcr_co_response_police", "unit_type": "bcr", "after_s": 0.5,
     "send": ["police"], "keep_waiting": True,
     "reason": "no bcr team free within 0.5 s: police co-respond, bcr still waits"},
])


async def test_fallbacks_send_police_alone_or_as_co_response_with_the_reason(
    kafka_settings: ServiceSettings, tmp_path: Path, http: httpx.AsyncClient,
    credentials: dict[str, Any],
) -> None:
    roster = write_roster(tmp_path / "roster.yaml", ROSTER[:3])
    async for running in running_service(kafka_settings, tmp_path, roster,
                                         RR_FALLBACKS=FALLBACKS):
        holds_bcr, urgent, calm = new_call(), new_call(), new_call()
        await send(kafka_settings, [triaged_event(holds_bcr, triaged(["bcr"], 3))])
        await wait_events(kafka_settings, CALLS_ASSIGNED, "UnitAssigned", 1, holds_bcr)
        await send(kafka_settings, [triaged_event(urgent, triaged(["bcr"], 1)),
                                    triaged_event(calm, triaged(["bcr"], 4))])
        [urgent_fb] = await wait_events(kafka_settings, CALLS_ASSIGNED, "AssignmentFallback",
                                        1, urgent)
        assert urgent_fb.payload["rule_id"] == "bcr_urgent_police_alone"
        assert urgent_fb.payload["keep_waiting"] is False
        assert urgent_fb.payload["fallback_units"] == ["police"]
        assert urgent_fb.payload["waited_s"] >= 0.5
        [calm_fb] = await wait_events(kafka_settings, CALLS_ASSIGNED, "AssignmentFallback", 1,
                                      calm)
        assert calm_fb.payload["rule_id"] == "bcr_co_response_police"
        assert calm_fb.payload["keep_waiting"] is True
        [urgent_police] = await wait_events(kafka_settings, CALLS_ASSIGNED, "UnitAssigned", 1,
                                            urgent)
        assert urgent_police.payload["unit_type"] == "police"
        [calm_police] = await wait_events(kafka_settings, CALLS_ASSIGNED, "UnitAssigned", 1,
                                          calm)
        assert calm_police.payload["unit_type"] == "police"
        # The bcr team clears: the co-response call still waiting for one gets it; the urgent
        # one, which fell back to police alone, does not.
        token = credentials["responders"]["BCR-1"]
        for status in ("on_scene", "available"):
            response = await post_status(http, running, "BCR-1", token, status)
            assert response.status_code == 200, response.text
        calm_units = await wait_events(kafka_settings, CALLS_ASSIGNED, "UnitAssigned", 2, calm)
        assert {e.payload["unit_id"] for e in calm_units} == {"P3-31", "P5-51"} - {
            urgent_police.payload["unit_id"]} | {"BCR-1"}
        assert [e.payload["unit_type"] for e in await of_type(
            kafka_settings, CALLS_ASSIGNED, "UnitAssigned", urgent)] == ["police"]


async def test_a_cancelled_call_releases_its_units_to_the_next_call_waiting(
    kafka_settings: ServiceSettings, tmp_path: Path, http: httpx.AsyncClient,
    credentials: dict[str, Any],
) -> None:
    roster = write_roster(tmp_path / "roster.yaml", [ROSTER[0], ROSTER[2]])
    async for running in running_service(kafka_settings, tmp_path, roster):
        first, waiting = new_call(), new_call()
        await send(kafka_settings, [triaged_event(first, triaged(["bcr", "police"], 2))])
        await wait_events(kafka_settings, CALLS_ASSIGNED, "UnitAssigned", 2, first)
        await send(kafka_settings, [triaged_event(waiting, triaged(["police"], 3))])
        await wait_events(kafka_settings, CALLS_ASSIGNED, "CallQueued", 1, waiting)
        await send(kafka_settings, [cancelled_event(first)])
        released = await wait_events(kafka_settings, CALLS_ASSIGNED, "UnitReleased", 2, first)
        assert {(e.payload["unit_id"], e.payload["reason"]) for e in released} == {
            ("BCR-1", "call cancelled"), ("P3-31", "call cancelled")}
        [next_call] = await wait_events(kafka_settings, CALLS_ASSIGNED, "UnitAssigned", 1,
                                        waiting)
        assert next_call.payload["unit_id"] == "P3-31"
        roster_now = await units(http, running.url, credentials["admin"])
        assert roster_now["BCR-1"]["status"] == "available"
        assert roster_now["BCR-1"]["current_call_id"] is None
        assert roster_now["P3-31"]["current_call_id"] == waiting


async def test_a_re_triage_releases_units_no_longer_needed_and_sends_the_new_ones(
    service: Running, kafka_settings: ServiceSettings, http: httpx.AsyncClient,
    credentials: dict[str, Any],
) -> None:
    call = new_call()
    await send(kafka_settings, [triaged_event(call, triaged(["bcr"], 3))])
    await wait_events(kafka_settings, CALLS_ASSIGNED, "UnitAssigned", 1, call)
    await send(kafka_settings, [triaged_event(
        call, triaged(["police"], 1, retriage=True,
                      safety_flags=["weapon"]))])
    [released] = await wait_events(kafka_settings, CALLS_ASSIGNED, "UnitReleased", 1, call)
    assert released.payload["unit_id"] == "BCR-1"
    assert released.payload["reason"].startswith("re-triaged")
    assigned = await wait_events(kafka_settings, CALLS_ASSIGNED, "UnitAssigned", 2, call)
    assert [e.payload["unit_id"] for e in assigned] == ["BCR-1", "P3-31"]
    roster_now = await units(http, service.url, credentials["admin"])
    assert roster_now["BCR-1"]["status"] == "available"
    assert roster_now["P3-31"]["current_call_id"] == call


async def test_a_call_cancelled_before_its_triage_arrives_is_never_assigned(
    service: Running, kafka_settings: ServiceSettings,
) -> None:
    call, later = new_call(), new_call()
    await send(kafka_settings, [cancelled_event(call)])
    await send(kafka_settings, [triaged_event(call, triaged(["police"], 2))])
    await send(kafka_settings, [triaged_event(later, triaged(["cso"], 4, LAKE))])
    await wait_events(kafka_settings, CALLS_ASSIGNED, "UnitAssigned", 1, later)
    assert await of_type(kafka_settings, CALLS_ASSIGNED, "UnitAssigned", call) == []
    assert await of_type(kafka_settings, CALLS_ASSIGNED, "CallQueued", call) == []



async def test_decisions_are_published_as_soon_as_made_many_calls_at_a_time(
    kafka_settings: ServiceSettings, tmp_path: Path,
) -> None:
    # The relay's timer is set far beyond the test's wait: only the wake-up that follows
    # each committed decision can publish these in time.
    roster = write_roster(tmp_path / "roster.yaml", ROSTER)
    calls = [new_call() for _ in range(20)]
    async for _running in running_service(kafka_settings, tmp_path, roster,
                                          RR_RELAY_INTERVAL_S="120"):
        # Sent together, so the service takes several in one poll (and one transaction).
        await send(kafka_settings, [triaged_event(c, triaged(["police"], 2)) for c in calls])
        assigned = await wait_events(kafka_settings, CALLS_ASSIGNED, "UnitAssigned", 2,
                                     timeout_s=15)
        queued = await wait_events(kafka_settings, CALLS_ASSIGNED, "CallQueued", 18,
                                   timeout_s=15)
    decided = [e.call_id for e in [*assigned, *queued]]
    # Each call decided once: the two police units to two calls, the rest queued.
    assert sorted(decided) == sorted(calls)
    assert len({e.payload["unit_id"] for e in assigned}) == 2
