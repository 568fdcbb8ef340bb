"""The demo's synthetic day and its crews: a realistic mix that fills the dashboard's
groups, the same day for the same seed, every call a valid intake post, and crews that
clear with an outcome (or, where the endpoint is not there yet, by a status report)."""

from __future__ import annotations

import json
from collections import Counter
from datetime import UTC, date, datetime
from typing import Any

import httpx

from services.demo.calls import (
    CITY_TZ,
    DISTRICTS_FILE,
    PRECINCTS,
    previous_local_day,
    synthetic_day,
)
from services.demo.crews import crew_plan
from services.demo.replay import Clock, Crews, DemoKeys, DemoUrls
from services.intake.models import CallCreate
from services.triage.engine import load_policy
from services.triage.handlers import decide
from shared.events import CallReceived, Outcome
from shared.geo import containing, load_areas

DAY = date(2026, 11, 24)
POLICY = load_policy()


def pathways(day: list[Any]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for call in day:
        posted = CallCreate.model_validate(call.body)
        received = CallReceived(agency="default", **posted.model_dump(exclude={"agency"}))
        counts[decide(received, POLICY).pathway] += 1
    return counts


def test_a_day_is_a_realistic_mix_every_call_a_valid_post() -> None:
    day = synthetic_day(DAY)
    assert len(day) == 520
    categories = Counter(c.category for c in day)
    assert set(categories) == {"crisis", "welfare", "theft", "damage", "burglary", "violence",
                               "medical", "fire", "traffic", "animal", "disorder"}
    assert categories.most_common(1)[0][1] < len(day) * 0.25  # no one kind dominates
    for call in day:
        posted = CallCreate.model_validate(call.body)
        received = posted.received_at.astimezone(CITY_TZ)
        assert received.date() == DAY
        assert abs(received.hour * 3600 + received.minute * 60 + received.second
                   - call.offset_s) < 1
        assert posted.narrative and posted.location.lat and posted.location.district
    assert [c.offset_s for c in day] == sorted(c.offset_s for c in day)
    # busier in the evening than before dawn
    hours = Counter(int(c.offset_s // 3600) for c in day)
    assert hours[17] + hours[18] > 2 * (hours[4] + hours[5])
    # with and without a useful call type
    typed = Counter("code" if c.body.get("call_type") not in (None, "911 CALL")
                    else c.body.get("call_type", "description only") for c in day)
    assert typed["code"] > len(day) / 2 and typed["911 CALL"] > 50
    assert typed["description only"] > 40
    ids = {c.body["cad_incident_id"] for c in day}
    assert len(ids) == len(day)


def test_each_precinct_and_the_main_pathways_reach_ten_calls() -> None:
    day = synthetic_day(DAY)
    districts = Counter(c.body["location"]["district"] for c in day)
    assert set(districts) == {p.district for p in PRECINCTS}
    assert min(districts.values()) >= 10
    counts = pathways(day)
    for pathway in ("behavioral_health", "welfare_check", "property_report", "police",
                    "medical", "fire", "traffic", "animal", "community_support"):
        assert counts[pathway] >= 10, counts
    corridor = [c for c in day if "Lake St" in c.body["location"]["address"]
                or "Franklin" in c.body["location"]["address"]]
    assert len(corridor) >= 30


def test_the_same_seed_gives_the_same_day_and_another_seed_another() -> None:
    assert synthetic_day(DAY, seed=3) == synthetic_day(DAY, seed=3)
    assert synthetic_day(DAY, seed=3) != synthetic_day(DAY, seed=4)
    assert crew_plan(3, "BCR-1", "bcr", "c-1") == crew_plan(3, "BCR-1", "bcr", "c-1")


def test_the_demo_day_is_yesterday_in_minneapolis() -> None:
    # 03:00 UTC on the 25th is still the evening of the 24th in Minneapolis
    assert previous_local_day(datetime(2026, 11, 25, 3, 0, tzinfo=UTC)) == date(2026, 11, 23)
    assert previous_local_day(datetime(2026, 11, 25, 7, 0, tzinfo=UTC)) == date(2026, 11, 24)


def test_crews_clear_with_a_mix_of_outcomes_and_sometimes_ask_for_backup() -> None:
    plans = [crew_plan(1, f"BCR-{n % 5}", "bcr", f"call-{n}") for n in range(400)]
    outcomes = Counter(p.outcome for p in plans)
    assert outcomes[Outcome.referred_to_services] > outcomes[Outcome.transported_involuntary]
    assert len(outcomes) >= 6
    asked = [p.backup for p in plans if p.backup is not None]
    assert 20 < len(asked) < 70 and all(units == ["police"] for units, _ in asked)
    assert all(p.note is None or len(p.note) <= 280 for p in plans)


class FakeAssignment:
    """The responder API as a crew sees it."""

    def __init__(self) -> None:
        self.requests: list[tuple[str, str, dict[str, Any] | None]] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content) if request.content else None
        self.requests.append((request.url.path, request.headers["authorization"], body))
        path = request.url.path
        if path == "/v1/units":
            return httpx.Response(200, json=[
                {"unit_id": "BCR-1", "unit_type": "bcr", "status": "dispatched",
                 "current_call_id": "call-1"},
                {"unit_id": "P3-31", "unit_type": "police", "status": "available",
                 "current_call_id": None}])
        if path.endswith("/backup"):
            return httpx.Response(202, json=body)
        return httpx.Response(200, json={})


async def crew_run(api: FakeAssignment) -> Crews:
    async def no_wait(_: float) -> None:
        return None

    http = httpx.AsyncClient(transport=httpx.MockTransport(api))
    crews = Crews(http, DemoUrls("http://i", "http://a", "http://au"),
                  DemoKeys(cad="cad", admin="admin", responders={"BCR-1": "bcr1"}),
                  seed=1, speedup=360, clock=Clock(sleep=no_wait))
    assert await crews.poll() == 1
    assert await crews.poll() == 1  # the same dispatch seen again starts no second crew
    for task in list(crews.tasks):
        await task
    await http.aclose()
    return crews


async def test_a_crew_accepts_drives_works_and_clears_with_its_outcome() -> None:
    api = FakeAssignment()
    crews = await crew_run(api)
    plan = crew_plan(1, "BCR-1", "bcr", "call-1")
    acted = [(path, body) for path, key, body in api.requests if path != "/v1/units"]
    assert all(key == "Bearer bcr1" for path, key, _ in api.requests if path != "/v1/units")
    assert [p.rsplit("/", 1)[1] for p, _ in acted] == [
        "accept", "status", "status", *(["backup"] if plan.backup else []), "clear"]
    assert [b["status"] for p, b in acted if p.endswith("/status") and b] == [
        "en_route", "on_scene"]
    assert acted[-1][1] == {"call_id": "call-1", "outcome": str(plan.outcome),
                            "note": plan.note}
    assert crews.tally.cleared_with_outcome == 1 and crews.tally.dispatched == 1


def test_every_demo_call_lies_in_the_shipped_district_it_names() -> None:
    # The polygons make run gives the audit service: its map draws them, and a call's
    # point and its CAD district must agree or the map and the figures tell two stories.
    areas = load_areas(DISTRICTS_FILE, name_property="district")
    assert sorted(a.name for a in areas) == sorted(p.district for p in PRECINCTS)
    for seed, day in ((20, DAY), (3, date(2026, 12, 5)), (7, date(2026, 11, 24))):
        for call in synthetic_day(day, seed=seed):
            where = call.body["location"]
            assert containing(areas, where["lat"], where["lon"]) == [where["district"]], (
                call.body["cad_incident_id"], where)
    for precinct in PRECINCTS:  # where a point falls back to
        assert containing(areas, precinct.lat, precinct.lon) == [precinct.district]
