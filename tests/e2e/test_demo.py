"""`make demo` on the real stack, a short slice of it: the synthetic calls reach a
decision, crews are sent, accept, go on scene and clear, the record shows it, and the
public dashboard's figures and map show the demo city's precincts."""

from __future__ import annotations

from collections import Counter
from typing import Any

import httpx
import pytest

from services.demo.calls import previous_local_day, synthetic_day
from services.demo.replay import DemoKeys, DemoUrls, run_demo
from shared.events import utcnow
from shared.stack import Stack
from tests.conftest import wait_for

pytestmark = [pytest.mark.kafka, pytest.mark.e2e]


async def test_a_demo_slice_reaches_decisions_and_crews_clear(
    stack: Stack, http: httpx.AsyncClient, e2e_credentials: dict[str, Any],
) -> None:
    # Yesterday, as `make demo` replays: the public figures count it at once, since the
    # stack runs as `make run` does (the week in progress published).
    day = previous_local_day(utcnow())
    calls = synthetic_day(day, seed=7, calls=48)
    urls = DemoUrls(intake=stack.url("intake"), assignment=stack.url("assignment"),
                    audit=stack.url("audit"))
    # The whole day in 12 seconds: crews spend a few seconds on each call.
    result = await run_demo(calls, urls, DemoKeys.from_credentials(e2e_credentials),
                            seed=7, minutes=0.2, poll_s=0.2, linger_s=60)
    assert result.posted.accepted + result.posted.duplicates == len(calls)
    assert result.posted.rejected_total == 0
    crews = result.crews
    assert crews.dispatched >= 10 and crews.on_scene >= 10
    assert crews.cleared_with_outcome >= 10 and crews.calls

    async def decided(call_id: str) -> list[str] | None:
        response = await http.get(f"{urls.audit}/v1/calls/{call_id}/timeline")
        if response.status_code != 200:
            return None
        types = [e["event_type"] for e in response.json()["events"]]
        return types if "CallTriaged" in types else None

    for call_id in result.call_ids:
        await wait_for(lambda c=call_id: decided(c), timeout_s=30,  # type: ignore[misc]
                       what=f"call {call_id} triaged in the record")

    async def cleared_in_record(call_id: str) -> list[dict[str, Any]] | None:
        response = await http.get(f"{urls.audit}/v1/calls/{call_id}/timeline")
        events = response.json()["events"] if response.status_code == 200 else []
        # with an outcome (UnitCleared), or, until the clear endpoint is there, available
        # again straight from the scene
        statuses = [e["payload"].get("status") for e in events
                    if e["event_type"] == "UnitStatusChanged"]
        done = "UnitCleared" in {e["event_type"] for e in events} or (
            "on_scene" in statuses and "available" in statuses[statuses.index("on_scene"):])
        return events if done else None

    some_call = sorted(crews.calls)[0]
    events = await wait_for(lambda: cleared_in_record(some_call), timeout_s=30,
                            what="a crew's clearing in the record")
    types = [e["event_type"] for e in events]
    assert types.index("CallTriaged") < types.index("UnitAssigned") \
        < types.index("AssignmentAccepted")

    # The public dashboard's figures and map show the slice's precincts: a precinct with
    # 10 or more of its calls named with its count, the rest folded into "other".
    outlines = (await http.get(f"{urls.audit}/v1/public/districts")).json()
    assert sorted(f["properties"]["district"] for f in outlines["features"]) == [
        "1", "2", "3", "4", "5"]
    in_precinct = Counter(c.body["location"]["district"] for c in calls)

    async def districts_published() -> dict[str, int] | None:
        response = await http.get(f"{urls.audit}/v1/public/metrics",
                                  params={"from": day.isoformat(), "to": day.isoformat()})
        assert response.status_code == 200, response.text
        groups = {c["group"]: c["count"] for c in response.json()["summary"]["district"]}
        return groups if sum(groups.values()) == len(calls) else None

    published = await wait_for(districts_published, timeout_s=30,
                               what="the slice's calls in the public figures")
    named = {g: n for g, n in published.items() if g != "other"}
    assert named and set(named) <= set(in_precinct)
    assert all(n == in_precinct[g] >= 10 for g, n in named.items())
