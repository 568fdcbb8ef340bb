"""Crews on a call through the API of a real assignment process on the real broker:
clearing with an outcome, backup, and staging until police report the scene secure, with
their refusals as RFC 9457 problems and their retries changing nothing."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from shared.settings import ServiceSettings
from shared.topics import CALLS_ASSIGNED, UNITS_STATUS
from tests.conftest import bearer
from tests.integration.assignment_support import (
    Running,
    of_type,
    problem_of,
    running_service,
    send,
    triaged,
    triaged_event,
    unit,
    wait_events,
    write_roster,
)

pytestmark = [pytest.mark.kafka]


@pytest.fixture
async def service(kafka_settings: ServiceSettings, tmp_path: Path) -> AsyncIterator[Running]:
    roster = write_roster(tmp_path / "roster.yaml", [
        unit("BCR-1", "bcr", 44.9500, -93.2600), unit("P3-31", "police", 44.9480, -93.2330),
        unit("EMS-1", "ems", 44.9730, -93.2620)])
    async for running in running_service(kafka_settings, tmp_path, roster):
        yield running


@pytest.fixture
async def http() -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(timeout=10.0) as client:
        yield client


async def dispatched(kafka_settings: ServiceSettings, units: list[str],
                     flags: list[str] | None = None) -> str:
    call = str(uuid.uuid4())
    await send(kafka_settings, [triaged_event(call, triaged(units, 2, safety_flags=flags))])
    await wait_events(kafka_settings, CALLS_ASSIGNED, "UnitAssigned", len(units), call)
    return call


async def test_a_crew_clears_with_an_outcome_once_however_often_it_taps(
    service: Running, kafka_settings: ServiceSettings, http: httpx.AsyncClient,
    credentials: dict[str, Any],
) -> None:
    call = await dispatched(kafka_settings, ["bcr"])
    crew = bearer(credentials["responders"]["BCR-1"])
    url = f"{service.url}/v1/units/BCR-1/clear"
    problem_of(await http.post(url, json={"call_id": call, "outcome": "went_fishing"},
                               headers=crew), 422)
    problem_of(await http.post(url, json={"call_id": call, "outcome": "arrest",
                                          "note": "x" * 281}, headers=crew), 422)
    problem_of(await http.post(url, json={"call_id": "another", "outcome": "arrest"},
                               headers=crew), 409)
    # Another unit's crew may not clear this one.
    other = bearer(credentials["responders"]["P3-31"])
    assert (await http.post(url, json={"call_id": call, "outcome": "arrest"},
                            headers=other)).status_code == 403
    body = {"call_id": call, "outcome": "resolved_on_scene", "note": "talked it through"}
    first = await http.post(url, json=body, headers=crew)
    assert first.status_code == 200, first.text
    assert first.json()["status"] == "available" and first.json()["current_call_id"] is None
    again = await http.post(url, json=body, headers=crew)
    assert again.status_code == 200 and again.json()["status"] == "available"
    problem_of(await http.post(url, json={**body, "outcome": "arrest"}, headers=crew), 409)

    [cleared] = await wait_events(kafka_settings, CALLS_ASSIGNED, "UnitCleared", 1, call)
    assert cleared.payload["outcome"] == "resolved_on_scene"
    statuses = await wait_events(kafka_settings, UNITS_STATUS, "UnitStatusChanged", 2, call)
    assert [e.payload["status"] for e in statuses] == ["dispatched", "available"]
    assert len(await of_type(kafka_settings, CALLS_ASSIGNED, "UnitCleared", call)) == 1


async def test_backup_is_recorded_then_sent_and_a_retry_sends_nobody_more(
    service: Running, kafka_settings: ServiceSettings, http: httpx.AsyncClient,
    credentials: dict[str, Any],
) -> None:
    call = await dispatched(kafka_settings, ["bcr"])
    crew = bearer(credentials["responders"]["BCR-1"])
    url = f"{service.url}/v1/units/BCR-1/backup"
    problem_of(await http.post(url, json={"call_id": call, "requested": [],
                                          "reason_code": "safety"}, headers=crew), 422)
    problem_of(await http.post(url, json={"call_id": call, "requested": ["police"],
                                          "reason_code": "bored"}, headers=crew), 422)
    problem_of(await http.post(url, json={"call_id": "another", "requested": ["police"],
                                          "reason_code": "safety"}, headers=crew), 409)
    body = {"call_id": call, "requested": ["police"], "reason_code": "safety"}
    asked = await http.post(url, json=body, headers=crew)
    assert asked.status_code == 202, asked.text
    assert asked.json() == {"unit_id": "BCR-1", "call_id": call, "requested": ["police"],
                            "reason_code": "safety", "already_on_call": []}
    assert (await http.post(url, json=body, headers=crew)).status_code == 202

    [request] = await wait_events(kafka_settings, CALLS_ASSIGNED, "BackupRequested", 1, call)
    assigned = await wait_events(kafka_settings, CALLS_ASSIGNED, "UnitAssigned", 2, call)
    [police] = [e for e in assigned if e.payload["unit_type"] == "police"]
    assert police.payload["rule"] == "backup_request"
    assert police.causation_id == request.event_id
    assert len(await of_type(kafka_settings, CALLS_ASSIGNED, "BackupRequested", call)) == 1


async def test_staged_crews_go_in_once_police_report_the_scene_secure(
    service: Running, kafka_settings: ServiceSettings, http: httpx.AsyncClient,
    credentials: dict[str, Any],
) -> None:
    call = await dispatched(kafka_settings, ["bcr", "police"], ["weapon"])
    crew = bearer(credentials["responders"]["BCR-1"])
    police = bearer(credentials["responders"]["P3-31"])
    units = f"{service.url}/v1/units"
    held = (await http.get(f"{units}/BCR-1/assignment", headers=crew)).json()["assignment"]
    assert held["stage"] is True
    assert held["co_responders"] == [
        {"unit_id": "P3-31", "unit_type": "police", "status": "dispatched"}]
    staged = await http.post(f"{units}/BCR-1/status",
                             json={"status": "staged", "call_id": call}, headers=crew)
    assert staged.status_code == 200, staged.text
    secure = f"{units}/P3-31/scene-secure"
    problem_of(await http.post(secure, json={"call_id": call}, headers=police), 409)
    problem_of(await http.post(f"{units}/BCR-1/scene-secure", json={"call_id": call},
                               headers=crew), 409)
    assert (await http.post(f"{units}/P3-31/status", json={"status": "on_scene"},
                            headers=police)).status_code == 200
    told = await http.post(secure, json={"call_id": call}, headers=police)
    assert told.status_code == 200 and told.json()["told_to_go_in"] == ["BCR-1"]
    again = await http.post(secure, json={"call_id": call}, headers=police)
    assert again.status_code == 200 and again.json()["told_to_go_in"] == []
    held = (await http.get(f"{units}/BCR-1/assignment", headers=crew)).json()["assignment"]
    assert held["stage"] is False and held["reason"] == "scene secured by P3-31: go in"

    [secured] = await wait_events(kafka_settings, CALLS_ASSIGNED, "SceneSecured", 1, call)
    assert secured.payload["staged_units"] == ["BCR-1"]
    statuses = await wait_events(kafka_settings, UNITS_STATUS, "UnitStatusChanged", 4, call)
    assert {(e.key, e.payload["status"]) for e in statuses} == {
        ("BCR-1", "dispatched"), ("P3-31", "dispatched"), ("BCR-1", "staged"),
        ("P3-31", "on_scene")}
