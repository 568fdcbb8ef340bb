"""The 911 floor against assignment as a real process on the real broker: a confirm-first
call waits until a dispatcher confirms it, safety never waits, a CAD key's override is
refused, GET /v1/calls/{id}/decision shows every state, and a confirmation nobody gives
takes the policy's default exactly once with two instances on one database."""

from __future__ import annotations

import json
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
import sqlalchemy as sa

from shared.db import make_engine
from shared.settings import ServiceSettings
from shared.topics import CALLS_ASSIGNED
from tests.conftest import bearer, wait_for
from tests.db_support import STORES, fresh_database
from tests.integration.assignment_support import (
    Running,
    of_type,
    problem_of,
    running_service,
    send,
    service_env,
    start,
    stop,
    triaged,
    triaged_event,
    unit,
    wait_events,
    write_roster,
)

pytestmark = [pytest.mark.kafka]

ROSTER = [
    unit("BCR-1", "bcr", 44.95, -93.25),
    unit("P3-31", "police", 44.948, -93.233),
    unit("P5-51", "police", 44.948, -93.289),
]


def confirm_first(wait_s: float) -> str:
    return json.dumps({"rules": [{"pathway": "behavioral_health", "dispatch": "confirm",
                                  "wait_s": wait_s}]})


@pytest.fixture
async def http() -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(timeout=10.0) as client:
        yield client


class Floor:
    """The floor's HTTP calls to one instance, with the test's keys."""

    def __init__(self, http: httpx.AsyncClient, running: Running,
                 credentials: dict[str, Any]) -> None:
        self.http, self.url, self.keys = http, running.url, credentials

    async def decision(self, call_id: str, role: str = "dispatcher") -> httpx.Response:
        return await self.http.get(f"{self.url}/v1/calls/{call_id}/decision",
                                   headers=bearer(self.keys[role]))

    async def state(self, call_id: str) -> str:
        response = await self.decision(call_id)
        assert response.status_code == 200, response.text
        return str(response.json()["state"])

    async def act(self, call_id: str, role: str, **body: Any) -> httpx.Response:
        body.setdefault("reason_code", "agrees_with_recommendation")
        return await self.http.post(f"{self.url}/v1/calls/{call_id}/actions", json=body,
                                    headers=bearer(self.keys[role]))

    async def reaches(self, call_id: str, state: str) -> None:
        async def check() -> bool:
            return await self.state(call_id) == state

        await wait_for(check, timeout_s=15, what=f"{call_id} {state}")


async def test_a_confirm_first_call_waits_for_the_floor_and_every_state_reads_back(
    kafka_settings: ServiceSettings, tmp_path: Path, http: httpx.AsyncClient,
    credentials: dict[str, Any],
) -> None:
    roster = write_roster(tmp_path / "roster.yaml", ROSTER)
    async for running in running_service(kafka_settings, tmp_path, roster,
                                         RR_FLOOR=confirm_first(600)):
        floor = Floor(http, running, credentials)
        waits, armed, by_phone, handed, report = (str(uuid.uuid4()) for _ in range(5))
        await send(kafka_settings, [
            triaged_event(waits, triaged(["bcr"])),
            triaged_event(armed, triaged(["police", "bcr"], 2, safety_flags=["weapon"])),
            triaged_event(by_phone, triaged(["bcr"])),
            triaged_event(handed, triaged(["bcr"])),
            triaged_event(report, triaged(["police"], pathway="police_response")),
        ])
        # Safety never waits: police go at once, only the crisis team waits.
        [police] = await wait_events(kafka_settings, CALLS_ASSIGNED, "UnitAssigned", 1, armed)
        assert police.payload["unit_type"] == "police"
        await wait_events(kafka_settings, CALLS_ASSIGNED, "UnitAssigned", 1, report)
        await floor.reaches(handed, "awaiting_confirmation")
        assert await floor.state(report) == "dispatched"  # its pathway is automatic
        first = (await floor.decision(waits, "cad")).json()
        assert first["state"] == "awaiting_confirmation"
        assert first["units"] == ["bcr"] and first["on_timeout"] == "recommendation"
        assert datetime.fromisoformat(first["deadline"]) > datetime.now(UTC) + timedelta(
            seconds=500)
        assert await floor.state(armed) == "awaiting_confirmation"
        assert await of_type(kafka_settings, CALLS_ASSIGNED, "UnitAssigned", waits) == []

        # A CAD key may not choose other units; bad input is a 422 problem, never a 500.
        problem_of(await floor.act(waits, "cad", action="override", units=["police"]), 403)
        problem_of(await floor.act(waits, "dispatcher", action="override", units=[]), 422)
        problem_of(await floor.act(waits, "dispatcher", action="teleport"), 422)
        problem_of(await floor.act(waits, "dispatcher", action="confirm",
                                   reason_code="felt_like_it"), 422)
        problem_of(await floor.act(waits, "dispatcher", action="hold",
                                   callback_at="2020-01-01T00:00:00Z"), 422)
        problem_of(await floor.act(str(uuid.uuid4()), "dispatcher", action="confirm"), 404)
        problem_of(await floor.decision(str(uuid.uuid4())), 404)
        assert await of_type(kafka_settings, CALLS_ASSIGNED, "UnitAssigned", waits) == []

        # A dispatcher confirms: the team goes, and who, when and why are published.
        confirmed = await floor.act(waits, "dispatcher", action="confirm", note="called back")
        assert confirmed.status_code == 200, confirmed.text
        assert confirmed.json()["state"] == "confirmed"
        [sent] = await wait_events(kafka_settings, CALLS_ASSIGNED, "UnitAssigned", 1, waits)
        assert sent.payload["unit_id"] == "BCR-1"
        [event] = await wait_events(kafka_settings, CALLS_ASSIGNED, "DecisionConfirmed", 1,
                                    waits)
        assert event.payload["by_key"] == "dev-dispatcher"
        assert event.payload["by_role"] == "dispatcher"
        assert event.payload["reason_code"] == "agrees_with_recommendation"

        # The armed call: held for a call-back, then a person picks the team after all;
        # none is free (BCR-1 is out), so the floor is asked, and sends police now.
        callback = (datetime.now(UTC) + timedelta(minutes=30)).isoformat()
        held = await floor.act(armed, "cad", action="hold", callback_at=callback,
                               reason_code="more_information")
        assert held.json()["state"] == "held", held.text
        problem_of(await floor.act(armed, "clinician", action="resolve_by_phone",
                                   outcome_code="de_escalated"), 409)
        overridden = await floor.act(armed, "clinician", action="override", units=["bcr"],
                                     reason_code="clinical_judgement")
        assert overridden.status_code == 200, overridden.text
        await floor.reaches(armed, "awaiting_floor")
        await wait_events(kafka_settings, CALLS_ASSIGNED, "DecisionOverridden", 1, armed)
        police_now = await floor.act(armed, "dispatcher", action="send_police",
                                     reason_code="no_team_free")
        assert police_now.json()["state"] == "dispatched", police_now.text

        # Closed without a unit: by phone (clinicians only), or handed to 988.
        problem_of(await floor.act(by_phone, "dispatcher", action="resolve_by_phone",
                                   outcome_code="de_escalated"), 403)
        resolved = await floor.act(by_phone, "clinician", action="resolve_by_phone",
                                   reason_code="clinical_judgement",
                                   outcome_code="safety_plan_made")
        assert resolved.json()["state"] == "resolved_by_phone", resolved.text
        assert resolved.json()["last_action"]["by_key"] == "dev-clinician"
        moved = await floor.act(handed, "dispatcher", action="transfer", to="988",
                                reason_code="caller_request")
        assert moved.json()["state"] == "transferred", moved.text
        for call_id, event_type in ((by_phone, "CallResolvedByPhone"),
                                    (handed, "CallTransferred"), (armed, "CallHeld"),
                                    (armed, "PoliceSentByFloor")):
            await wait_events(kafka_settings, CALLS_ASSIGNED, event_type, 1, call_id)
        for call_id in (by_phone, handed):
            assert await of_type(kafka_settings, CALLS_ASSIGNED, "UnitAssigned",
                                 call_id) == []


@pytest.mark.parametrize("store", STORES)
async def test_a_confirmation_nobody_gives_takes_the_default_once_with_two_instances(
    store: str, kafka_settings: ServiceSettings, tmp_path: Path,
) -> None:
    calls = [str(uuid.uuid4()) for _ in range(4)]
    roster = write_roster(tmp_path / "roster.yaml", [
        unit(f"BCR-{n}", "bcr", 44.95 + n * 0.01, -93.25) for n in range(len(calls))])
    with fresh_database(store, tmp_path, "shared") as url:
        env = service_env(kafka_settings, tmp_path / "unused.db", roster,
                          RR_DATABASE_URL=url, RR_ACK_TIMEOUT_S="600",
                          RR_FLOOR=confirm_first(1.0), RR_TIMER_INTERVAL_S="0.02")
        first = await start({**env, "RR_INSTANCE_ID": "first"}, tmp_path / "logs", "first")
        try:
            second = await start({**env, "RR_INSTANCE_ID": "second"}, tmp_path / "logs",
                                 "second")
        except BaseException:
            stop(first.svc)
            raise
        db = make_engine(url)
        try:
            await send(kafka_settings, [triaged_event(c, triaged(["bcr"])) for c in calls])
            timed_out = await wait_events(kafka_settings, CALLS_ASSIGNED, "FloorTimedOut",
                                          len(calls), timeout_s=30)
            await wait_events(kafka_settings, CALLS_ASSIGNED, "UnitAssigned", len(calls),
                              timeout_s=30)

            def settled() -> bool:
                with db.connect() as conn:
                    return not conn.execute(sa.text(
                        "SELECT count(*) FROM call_record WHERE floor_due_at IS NOT NULL"
                    )).scalar()

            async def nothing_due() -> bool:
                return settled()

            await wait_for(nothing_due, timeout_s=10, what="no floor deadline left")
            # Both instances kept ticking past every deadline: still one default a call.
            for running in (first, second):
                assert running.svc.process.poll() is None
            timed_out = await of_type(kafka_settings, CALLS_ASSIGNED, "FloorTimedOut")
            assigned = await of_type(kafka_settings, CALLS_ASSIGNED, "UnitAssigned")
            assert sorted(e.call_id or "" for e in timed_out) == sorted(calls)
            assert sorted(e.call_id or "" for e in assigned) == sorted(calls)
            assert {e.payload["applied"] for e in timed_out} == {"recommendation"}
            with db.connect() as conn:
                rows = conn.execute(sa.text(
                    "SELECT floor_state, count(*) FROM call_record GROUP BY floor_state")).all()
            assert [tuple(r) for r in rows] == [("dispatched", len(calls))]
        finally:
            db.dispose()
            for running in (first, second):
                stop(running.svc)
