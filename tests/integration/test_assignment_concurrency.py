"""Never double-booked: two assignment instances (real processes, one consumer group, one
database) take a flood of calls while crews' status reports race each other on both."""

from __future__ import annotations

import asyncio
import random
import uuid
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
import sqlalchemy as sa
from sqlalchemy import Engine

from shared.db import make_engine
from shared.events import Envelope
from shared.settings import ServiceSettings
from shared.topics import CALLS_ASSIGNED, DEAD_LETTER, UNITS_ASSIGNMENTS, UNITS_STATUS
from tests.conftest import bearer, wait_for
from tests.db_support import STORES, fresh_database
from tests.integration.assignment_support import (
    Running,
    send,
    service_env,
    start,
    stop,
    topic_events,
    triaged,
    triaged_event,
    unit,
    write_roster,
)

pytestmark = [pytest.mark.kafka]

CALLS = 40
NEXT = {"dispatched": "en_route", "en_route": "on_scene", "on_scene": "available"}


@contextmanager
def shared_database(kind: str, tmp_path: Path) -> Iterator[tuple[str, Engine]]:
    """A fresh database both instances share: a SQLite file, or a PostgreSQL schema."""
    with fresh_database(kind, tmp_path, "shared") as url:
        engine = make_engine(url)
        try:
            yield url, engine
        finally:
            engine.dispose()


def rows(db: Engine, query: str) -> list[Any]:
    with db.connect() as conn:
        return list(conn.execute(sa.text(query)).all())


def active_per_unit(db: Engine) -> list[Any]:
    return rows(db, "SELECT unit_id, count(*) FROM call_need WHERE state IN "
                    "('assigned', 'accepted') GROUP BY unit_id HAVING count(*) > 1")


def held_calls(db: Engine) -> list[Any]:
    return rows(db, "SELECT current_call_id, count(*) FROM unit WHERE current_call_id IS "
                    "NOT NULL GROUP BY current_call_id HAVING count(*) > 1")


def done_calls(db: Engine) -> int:
    return int(rows(db, "SELECT count(*) FROM call_need WHERE state = 'done'")[0][0])


async def crews_work(http: httpx.AsyncClient, instances: list[Running], admin: str,
                     db: Engine, rng: random.Random) -> None:
    """Every busy unit moves one step; a third of the reports go to both instances at once."""
    response = await http.get(f"{rng.choice(instances).url}/v1/units", headers=bearer(admin))
    assert response.status_code == 200
    posts = []
    for u in response.json():
        step = NEXT.get(u["status"])
        if step is None:
            continue
        targets = instances if rng.random() < 0.33 else [rng.choice(instances)]
        posts.extend(http.post(f"{i.url}/v1/units/{u['unit_id']}/status",
                               json={"status": step, "call_id": u["current_call_id"]},
                               headers=bearer(admin)) for i in targets)
    for result in await asyncio.gather(*posts):
        # 409: the other instance took the same report first (a stale report).
        assert result.status_code in (200, 409), result.text
    assert active_per_unit(db) == []
    assert held_calls(db) == []


@pytest.mark.parametrize("store", STORES)
async def test_two_instances_never_double_book_a_unit(
    store: str, kafka_settings: ServiceSettings, tmp_path: Path, credentials: dict[str, Any],
) -> None:
    with shared_database(store, tmp_path) as (url, db):
        await flood_two_instances(url, db, kafka_settings, tmp_path, credentials)


async def flood_two_instances(url: str, db: Engine, kafka_settings: ServiceSettings,
                              tmp_path: Path, credentials: dict[str, Any]) -> None:
    roster = write_roster(tmp_path / "roster.yaml", [
        unit(f"P{n}", "police", 44.94 + n * 0.01, -93.26 + n * 0.005) for n in range(5)])
    env = service_env(kafka_settings, tmp_path / "unused.db", roster, RR_ACK_TIMEOUT_S="600",
                      RR_DATABASE_URL=url)
    first = await start({**env, "RR_INSTANCE_ID": "first"}, tmp_path / "logs", "first")
    try:
        second = await start({**env, "RR_INSTANCE_ID": "second"}, tmp_path / "logs", "second")
    except BaseException:
        stop(first.svc)
        raise
    instances = [first, second]
    rng = random.Random(5)
    calls = [str(uuid.uuid4()) for _ in range(CALLS)]
    try:
        async with httpx.AsyncClient(timeout=30.0) as http:
            flood = asyncio.create_task(send(kafka_settings, [
                triaged_event(c, triaged(["police"], rng.randint(1, 5), (
                    44.93 + rng.random() * 0.06, -93.28 + rng.random() * 0.06)))
                for c in calls]))
            while not flood.done():
                await crews_work(http, instances, credentials["admin"], db, rng)
            await flood

            async def all_done() -> bool:
                await crews_work(http, instances, credentials["admin"], db, rng)
                return done_calls(db) == CALLS

            await wait_for(all_done, timeout_s=120, interval_s=0.02, what="every call cleared")
        await check_topics(kafka_settings, calls, tmp_path)
    finally:
        for running in instances:
            stop(running.svc)


async def check_topics(kafka_settings: ServiceSettings, calls: list[str], tmp_path: Path
                       ) -> None:
    # The per-unit topic tells each unit's story in order: assigned, released, assigned...
    async def unit_story() -> list[Envelope] | None:
        events = list({e.event_id: e for e in await topic_events(
            kafka_settings, UNITS_ASSIGNMENTS)}.values())
        return events if len(events) >= 2 * CALLS else None

    story = await wait_for(unit_story, timeout_s=30, what="every assignment and release")
    holding: dict[str, str | None] = defaultdict(lambda: None)
    for event in story:
        assert event.key is not None
        if event.event_type == "UnitAssigned":
            assert holding[event.key] is None, f"{event.key} assigned while holding a call"
            holding[event.key] = event.call_id
        else:
            assert event.event_type == "UnitReleased"
            assert holding[event.key] == event.call_id
            holding[event.key] = None
    assert set(holding.values()) == {None}
    decided = {e.event_id: e for e in await topic_events(kafka_settings, CALLS_ASSIGNED)
               if e.event_type == "UnitAssigned"}
    assert sorted(e.call_id or "" for e in decided.values()) == sorted(calls)
    # Statuses on units.status follow the allowed transitions, per unit, in order.
    last: dict[str, str] = defaultdict(lambda: "available")
    for event in await topic_events(kafka_settings, UNITS_STATUS):
        assert event.key is not None
        new = event.payload["status"]
        assert event.payload["previous_status"] == last[event.key]
        assert new == last[event.key] or new in {
            "available": {"dispatched"}, "dispatched": {"en_route"},
            "en_route": {"on_scene"}, "on_scene": {"available"}}[last[event.key]]
        last[event.key] = new
    assert await topic_events(kafka_settings, DEAD_LETTER) == []
    # Both instances made decisions.
    for name in ("first", "second"):
        log = (tmp_path / "logs" / name / "assignment.log").read_text()
        assert "unit assigned" in log, f"instance {name} assigned nothing"
