"""`rightresponse replay` under a confirm-first floor: historical calls posted to intake go
through triage and assignment on the real broker, wait for the 911 floor nobody staffs,
and are dispatched by the policy's timeout rule, once each."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
import pytest

from services.intake.replay import replay
from shared.cli import build_parser
from shared.settings import ServiceSettings
from shared.stack import free_port, start_stack
from shared.topics import CALLS_ASSIGNED
from tests.conftest import bearer
from tests.integration.assignment_support import of_type, wait_events
from tests.integration.intake_helpers import intake_app
from tests.integration.test_intake_replay import call

pytestmark = pytest.mark.kafka

EVERY_CALL_WAITS = json.dumps({"rules": [{"dispatch": "confirm", "wait_s": 0.5}]})


async def test_replayed_calls_wait_for_the_floor_and_go_by_the_timeout_rule(
    kafka_settings: ServiceSettings, credentials: dict[str, Any], tmp_path: Path,
) -> None:
    env = {"RR_KEY_FILE": str(kafka_settings.key_file_path()),
           "RR_KAFKA_BOOTSTRAP": kafka_settings.kafka_bootstrap,
           "RR_TOPIC_PREFIX": kafka_settings.topic_prefix,
           "RR_GROUP_PREFIX": kafka_settings.group_prefix,
           "RR_RUN_DIR": str(kafka_settings.run_dir), "RR_TIMER_INTERVAL_S": "0.05",
           "RR_FLOOR": EVERY_CALL_WAITS}
    names = ("assignment", "triage")
    stack = await start_stack(env, tmp_path / "logs", {n: free_port() for n in names},
                              names=names, timeout_s=90)
    try:
        path = tmp_path / "calls.jsonl"
        path.write_text("\n".join(json.dumps(call(n)) for n in range(3)) + "\n")
        app = intake_app(kafka_settings)
        args = build_parser().parse_args(
            ["replay", str(path), "--url", "http://intake", "--token", credentials["cad"],
             "--rate", "50", "--concurrency", "1"])
        async with app.router.lifespan_context(app):
            summary = await replay(args, transport=httpx.ASGITransport(app=app))
        assert summary.accepted == 3
        timed_out = await wait_events(kafka_settings, CALLS_ASSIGNED, "FloorTimedOut", 3,
                                      timeout_s=60)
        assert {e.payload["applied"] for e in timed_out} == {"recommendation"}
        prompted = await of_type(kafka_settings, CALLS_ASSIGNED, "FloorPrompted")
        assert {e.call_id for e in prompted} == {e.call_id for e in timed_out}
        await wait_events(kafka_settings, CALLS_ASSIGNED, "UnitAssigned", 3, timeout_s=30)
        async with httpx.AsyncClient() as http:
            for event in timed_out:
                decision = await http.get(
                    f"{stack.url('assignment')}/v1/calls/{event.call_id}/decision",
                    headers=bearer(credentials["dispatcher"]))
                assert decision.json()["state"] == "dispatched", decision.text
                assert decision.json()["last_action"]["action"] == "timed_out"
        assert len(await of_type(kafka_settings, CALLS_ASSIGNED, "FloorTimedOut")) == 3
    finally:
        stack.stop()
