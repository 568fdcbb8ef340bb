"""No narrative or caller detail reaches any service's log, and every log line is JSON."""

from __future__ import annotations

import json
import uuid

import httpx
import pytest

from shared.stack import Stack
from tests.conftest import wait_for
from tests.e2e.test_call_flow import a_call, timeline

pytestmark = [pytest.mark.kafka, pytest.mark.e2e]


async def test_logs_carry_call_ids_but_never_narratives_or_callers(
    stack: Stack, http: httpx.AsyncClient
) -> None:
    secret = f"zebra-{uuid.uuid4().hex[:8]}"
    body = a_call("EDP", f"caller {secret} says her son hears voices, no weapons", 44.95, -93.25)
    body["caller"] = {"name": f"Jane {secret}", "phone": "612-555-0199"}
    response = await http.post(f"{stack.url('intake')}/v1/calls", json=body)
    assert response.status_code == 202, response.text
    call_id = response.json()["call_id"]
    await wait_for(lambda: timeline(http, stack, call_id), timeout_s=10.0, what="the timeline")
    # Bad input too: the problem body and the log must not echo the narrative.
    bad = await http.post(f"{stack.url('intake')}/v1/calls",
                          json={**body, "received_at": f"not a date {secret}"})
    assert bad.status_code == 422 and secret not in bad.text

    lines = []
    for svc in stack.services.values():
        lines += [(svc.name, line) for line in svc.log_path.read_text().splitlines()
                  if line.strip()]
    assert any(call_id in line for _, line in lines), "no log line names the call"
    for name, line in lines:
        assert secret not in line, f"{name} logged a narrative or caller detail"
        assert "612-555-0199" not in line, f"{name} logged a caller's phone"
        entry = json.loads(line)
        assert entry["service"] == name
