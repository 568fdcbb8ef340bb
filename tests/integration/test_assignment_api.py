"""Assignment's HTTP side as a real process: crews' status reports (and the bad ones,
which change nothing), the admin roster API, the SSE feed with resume, and a restart."""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from shared.events import Envelope
from shared.settings import ServiceSettings
from shared.topics import CALLS_ASSIGNED, UNITS_STATUS
from tests.conftest import bearer, wait_for
from tests.integration.assignment_support import (
    Running,
    cancelled_event,
    of_type,
    problem_of,
    running_service,
    send,
    service_env,
    start,
    stop,
    topic_events,
    triaged,
    triaged_event,
    unit,
    units,
    wait_events,
    write_roster,
)

pytestmark = [pytest.mark.kafka]

ROSTER = [
    unit("P3-31", "police", 44.9480, -93.2330),
    unit("P5-51", "police", 44.9480, -93.2890),
    unit("BCR-1", "bcr", 45.0000, -93.2800),
]


@pytest.fixture
async def http() -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(timeout=10.0) as client:
        yield client


@pytest.fixture
async def service(kafka_settings: ServiceSettings, tmp_path: Path) -> AsyncIterator[Running]:
    roster = write_roster(tmp_path / "roster.yaml", ROSTER)
    async for running in running_service(kafka_settings, tmp_path, roster):
        yield running


async def test_bad_status_reports_are_refused_clearly_and_change_nothing(
    service: Running, kafka_settings: ServiceSettings, http: httpx.AsyncClient,
    credentials: dict[str, Any],
) -> None:
    admin, crews = credentials["admin"], credentials["responders"]
    before_roster = await units(http, service.url, admin)
    before_events = await topic_events(kafka_settings, UNITS_STATUS)
    url = f"{service.url}/v1/units"
    unknown = await http.post(f"{url}/NOPE-1/status", json={"status": "available"},
                              headers=bearer(admin))
    assert "NOPE-1" in problem_of(unknown, 404)["detail"]
    illegal = await http.post(f"{url}/P3-31/status", json={"status": "en_route"},
                              headers=bearer(crews["P3-31"]))
    assert "available cannot become en_route" in problem_of(illegal, 409)["detail"]
    dispatch = await http.post(f"{url}/P3-31/status", json={"status": "dispatched"},
                               headers=bearer(crews["P3-31"]))
    assert "only assignment dispatches" in problem_of(dispatch, 409)["detail"]
    other_crew = await http.post(f"{url}/P3-31/status", json={"status": "out_of_service"},
                                 headers=bearer(crews["BCR-1"]))
    problem_of(other_crew, 403)
    nonsense = await http.post(f"{url}/P3-31/status", json={"status": "flying"},
                               headers=bearer(crews["P3-31"]))
    assert problem_of(nonsense, 422)["errors"][0]["field"] == "body.status"
    bad_location = await http.post(f"{url}/P3-31/status",
                                   json={"status": "out_of_service", "location": {"lat": 123}},
                                   headers=bearer(crews["P3-31"]))
    problem_of(bad_location, 422)
    anonymous = await http.post(f"{url}/P3-31/status", json={"status": "out_of_service"})
    problem_of(anonymous, 401)
    not_admin = await http.post(url, json={"unit_id": "X-1", "unit_type": "police"},
                                headers=bearer(crews["P3-31"]))
    problem_of(not_admin, 403)
    assert await units(http, service.url, admin) == before_roster
    # A legal report afterwards is the only new status event: nothing before it was sent.
    ok = await http.post(f"{url}/P3-31/status",
                         json={"status": "out_of_service",
                               "location": {"lat": 44.95, "lon": -93.24}},
                         headers=bearer(crews["P3-31"]))
    assert ok.status_code == 200, ok.text
    assert ok.json() == {"unit_id": "P3-31", "status": "out_of_service",
                         "previous_status": "available"}

    async def new_events() -> list[Envelope] | None:
        events = await topic_events(kafka_settings, UNITS_STATUS)
        return events[len(before_events):] or None

    [sentinel] = await wait_for(new_events, timeout_s=15, what="the legal status change")
    assert sentinel.key == "P3-31"
    assert sentinel.payload["status"] == "out_of_service"
    assert sentinel.payload["location"]["lat"] == 44.95


async def test_admins_manage_the_roster_and_a_new_unit_serves_the_queue(
    service: Running, kafka_settings: ServiceSettings, http: httpx.AsyncClient,
    credentials: dict[str, Any],
) -> None:
    admin = bearer(credentials["admin"])
    call = str(uuid.uuid4())
    await send(kafka_settings, [triaged_event(call, triaged(["cso"], 4, pathway="property"))])
    await wait_events(kafka_settings, CALLS_ASSIGNED, "CallQueued", 1, call)
    created = await http.post(f"{service.url}/v1/units", headers=admin, json={
        "unit_id": "CSO-9", "unit_type": "cso", "station": "3rd Precinct",
        "lat": 44.9480, "lon": -93.2330, "shift": "00:00-24:00"})
    assert created.status_code == 201, created.text
    # It is dispatched at once: a call was waiting for a cso.
    assert created.json()["status"] == "dispatched"
    assert created.json()["current_call_id"] == call
    [assigned] = await wait_events(kafka_settings, CALLS_ASSIGNED, "UnitAssigned", 1, call)
    assert assigned.payload["unit_id"] == "CSO-9"
    duplicate = await http.post(f"{service.url}/v1/units", headers=admin,
                                json={"unit_id": "CSO-9", "unit_type": "cso"})
    problem_of(duplicate, 409)
    bad_shift = await http.post(f"{service.url}/v1/units", headers=admin,
                                json={"unit_id": "CSO-10", "unit_type": "cso",
                                      "shift": "9 to 5"})
    problem_of(bad_shift, 422)
    patched = await http.patch(f"{service.url}/v1/units/P5-51", headers=admin,
                               json={"service_area": ["5"], "station": "5th Precinct"})
    assert patched.status_code == 200, patched.text
    assert patched.json()["service_area"] == ["5"]
    problem_of(await http.patch(f"{service.url}/v1/units/NOPE", headers=admin, json={}), 404)
    # An admin takes a unit out of service; it is an event like any other.
    out = await http.post(f"{service.url}/v1/units/P5-51/status", headers=admin,
                          json={"status": "out_of_service"})
    assert out.status_code == 200, out.text
    statuses = await wait_events(kafka_settings, UNITS_STATUS, "UnitStatusChanged", 3)
    assert [(e.key, e.payload["status"], e.payload["previous_status"]) for e in statuses] == [
        ("CSO-9", "available", None), ("CSO-9", "dispatched", "available"),
        ("P5-51", "out_of_service", "available")]


async def read_sse(client: httpx.AsyncClient, url: str, headers: dict[str, str], count: int,
                   ready: asyncio.Event | None = None) -> list[dict[str, str]]:
    events: list[dict[str, str]] = []
    async with client.stream("GET", url, headers=headers) as response:
        assert response.status_code == 200, await response.aread()
        assert response.headers["content-type"].startswith("text/event-stream")
        current: dict[str, str] = {}
        async for line in response.aiter_lines():
            if ready is not None:
                ready.set()
            if line == "":
                if "data" in current:
                    events.append(current)
                    if len(events) >= count:
                        return events
                current = {}
            elif not line.startswith(":"):
                field, _, value = line.partition(":")
                current[field] = value.lstrip()
    return events


async def test_the_feed_streams_assignments_and_resumes_after_last_event_id(
    service: Running, kafka_settings: ServiceSettings, http: httpx.AsyncClient,
    credentials: dict[str, Any],
) -> None:
    crew = bearer(credentials["responders"]["BCR-1"])
    stream_url = f"{service.url}/v1/units/BCR-1/assignments/stream"
    ready = asyncio.Event()
    reader = asyncio.create_task(read_sse(http, stream_url, crew, 1, ready))
    await asyncio.wait_for(ready.wait(), 10)
    first_call, second_call = str(uuid.uuid4()), str(uuid.uuid4())
    await send(kafka_settings, [triaged_event(first_call, triaged(
        ["bcr"], 2, safety_flags=["suspect_on_scene"]))])
    [first] = await asyncio.wait_for(reader, 20)
    data = json.loads(first["data"])
    assert first["event"] == "assignment"
    assert data["kind"] == "assigned" and data["call_id"] == first_call
    assert data["safety"] == ["The suspect may still be there"]
    assert data["address"] == "E. Lake St. & Bloomington"
    # While the crew is disconnected: the call is cancelled and another assigned.
    await send(kafka_settings, [cancelled_event(first_call)])
    await wait_events(kafka_settings, CALLS_ASSIGNED, "UnitReleased", 1, first_call)
    await send(kafka_settings, [triaged_event(second_call, triaged(["bcr"], 3))])
    await wait_events(kafka_settings, CALLS_ASSIGNED, "UnitAssigned", 1, second_call)
    resumed = await asyncio.wait_for(read_sse(
        http, stream_url, {**crew, "Last-Event-ID": first["id"]}, 2), 20)
    kinds = [(json.loads(e["data"])["kind"], json.loads(e["data"])["call_id"]) for e in resumed]
    assert kinds == [("released", first_call), ("assigned", second_call)]
    ids = [int(first["id"]), *(int(e["id"]) for e in resumed)]
    assert ids == sorted(set(ids))
    current = await http.get(f"{service.url}/v1/units/BCR-1/assignment", headers=crew)
    assert current.status_code == 200
    assert current.json()["assignment"]["call_id"] == second_call
    assert current.json()["last_event_id"] == ids[-1]
    # Only the unit's own crew (or an admin) may listen; unknown units are 404.
    other = await http.get(stream_url, headers=bearer(credentials["responders"]["P3-31"]))
    problem_of(other, 403)
    unknown = await http.get(f"{service.url}/v1/units/NOPE/assignments/stream",
                             headers=bearer(credentials["admin"]))
    problem_of(unknown, 404)


async def test_state_survives_a_restart_and_nothing_is_published_twice(
    kafka_settings: ServiceSettings, tmp_path: Path, http: httpx.AsyncClient,
    credentials: dict[str, Any],
) -> None:
    """The service as a process, stopped and started again on its database. That a stored
    deadline fires after a restart is tests/integration/test_assignment_deadlines.py's,
    with an injected clock."""
    roster = write_roster(tmp_path / "roster.yaml", ROSTER)
    fallbacks = json.dumps([{
        "rule_id": "bcr_urgent_police_alone", "unit_type": "bcr", "after_s": 600,
        "send": ["police"], "keep_waiting": False, "max_priority": 2,
        "reason": "no bcr team free within 600 s; urgent call: police alone"}])
    env = service_env(kafka_settings, tmp_path / "assignment.db", roster,
                      RR_FALLBACKS=fallbacks)
    holds, waits = str(uuid.uuid4()), str(uuid.uuid4())
    first = await start(env, tmp_path / "logs", "first")
    try:
        # One after the other: read in one batch, the more urgent call would get the unit.
        await send(kafka_settings, [triaged_event(holds, triaged(["bcr"], 3))])
        await wait_events(kafka_settings, CALLS_ASSIGNED, "UnitAssigned", 1, holds)
        await send(kafka_settings, [triaged_event(waits, triaged(["bcr"], 1))])
        [queued] = await wait_events(kafka_settings, CALLS_ASSIGNED, "CallQueued", 1, waits)
        assert queued.payload["fallback_due_s"] > 0
    finally:
        stop(first.svc)
    second = await start(env, tmp_path / "logs", "second")
    try:
        roster_now = await units(http, second.url, credentials["admin"])
        assert roster_now["BCR-1"]["current_call_id"] == holds
        assert roster_now["BCR-1"]["status"] == "dispatched"
        # The feed kept its ids: the crew's stream resumes where it was.
        crew = bearer(credentials["responders"]["BCR-1"])
        current = await http.get(f"{second.url}/v1/units/BCR-1/assignment", headers=crew)
        assert current.json()["assignment"]["call_id"] == holds
        # The queue survived: the crew clears and the call that waited gets it.
        for status in ("on_scene", "available"):
            response = await http.post(f"{second.url}/v1/units/BCR-1/status", headers=crew,
                                       json={"status": status})
            assert response.status_code == 200, response.text
        [served] = await wait_events(kafka_settings, CALLS_ASSIGNED, "UnitAssigned", 1, waits)
        assert served.payload["unit_id"] == "BCR-1"
        # Events were not published twice across the restart.
        assigned = await of_type(kafka_settings, CALLS_ASSIGNED, "UnitAssigned")
        assert len(assigned) == len({e.event_id for e in assigned}) == 2
    finally:
        stop(second.svc)
