"""A crew's status reports against the database (SQLite, and PostgreSQL when configured):
on scene accepts what the unit was sent to; available releases it, with the call's facts
in the crew's feed, frees the unit and serves the queue; a decline puts the call back."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy import Engine

from services.assignment.dispatcher import DispatchConfig, Dispatcher
from services.assignment.matching import GreatCircleEta
from services.assignment.rules import DEFAULT_FALLBACKS
from services.assignment.store import load_corridors
from shared.events import CallTriaged, Location, UnitStatus, make_event
from tests.db_support import STORES
from tests.integration.assignment_support import assignment_store, unit, write_roster

LAKE = Location(lat=44.9485, lon=-93.247, address="E. Lake St. & Bloomington",
                district="3")


@contextmanager
def dispatcher_with(kind: str, tmp_path: Path,
                    units: list[dict[str, Any]]) -> Iterator[Dispatcher]:
    """A dispatcher on a fresh database of ``kind`` with these units, at a fixed time."""
    roster = write_roster(tmp_path / "roster.yaml", units)
    with assignment_store(kind, tmp_path, roster, "reports") as engine:
        yield Dispatcher(engine, DispatchConfig(
            producer="test", estimator=GreatCircleEta(40),
            corridors=load_corridors(roster), fallbacks=list(DEFAULT_FALLBACKS)),
            clock=lambda: 1_750_000_000.0)


@pytest.fixture(params=STORES)
def dispatcher(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Dispatcher]:
    with dispatcher_with(request.param, tmp_path,
                         [unit("BCR-1", "bcr", 44.95, -93.25)]) as dispatcher:
        yield dispatcher


def call(dispatcher: Dispatcher, call_id: str, flags: list[str]) -> None:
    triaged = CallTriaged(pathway="behavioral_health", units=["bcr"], priority=2,
                          confidence=1, policy_id="test", policy_version="1", location=LAKE,
                          tags=["behavioral_health"], safety_flags=flags)
    dispatcher.on_triaged(make_event(triaged, producer="triage", call_id=call_id), triaged)


def as_json(value: Any) -> Any:
    """A JSON column: text from SQLite, a value from psycopg."""
    return json.loads(value) if isinstance(value, str) else value


def rows(engine: Engine, sql: str) -> list[Any]:
    with engine.connect() as conn:
        return list(conn.execute(sa.text(sql)).all())


def events(engine: Engine) -> list[tuple[str, str | None, dict[str, Any]]]:
    out = []
    for (raw,) in rows(engine, "SELECT envelope FROM outbox WHERE topic LIKE '%calls.assigned' "
                               "ORDER BY id"):
        envelope = as_json(raw)
        out.append((envelope["event_type"], envelope["call_id"], envelope["payload"]))
    return out


def test_a_crew_on_scene_then_clear_releases_the_call_and_serves_the_queue(
    dispatcher: Dispatcher,
) -> None:
    engine = dispatcher.engine
    call(dispatcher, "first", ["suspect_on_scene"])
    call(dispatcher, "second", [])  # waits: the only unit is busy
    # no crisis team free: the call waits and the floor is asked what to do meanwhile
    assert [e[0] for e in events(engine)] == ["UnitAssigned", "CallQueued", "FloorPrompted"]

    dispatcher.report_status("BCR-1", UnitStatus.on_scene, call_id="first")
    assert rows(engine, "SELECT call_id, state FROM call_need ORDER BY id") == [
        ("first", "accepted"), ("second", "waiting")]
    dispatcher.report_status("BCR-1", UnitStatus.available, call_id="first")

    assert rows(engine, "SELECT call_id, state FROM call_need ORDER BY id") == [
        ("first", "done"), ("second", "assigned")]
    assert rows(engine, "SELECT status, current_call_id FROM unit") == [
        ("dispatched", "second")]
    assert [(t, c) for t, c, _ in events(engine)] == [
        ("UnitAssigned", "first"), ("CallQueued", "second"), ("FloorPrompted", "second"),
        ("AssignmentAccepted", "first"), ("UnitReleased", "first"), ("UnitAssigned", "second")]
    released = events(engine)[4][2]
    assert released == {"unit_id": "BCR-1", "unit_type": "bcr",
                        "reason": "cleared by the crew"}
    feed = [(kind, call_id, as_json(data)) for kind, call_id, data in rows(
        engine, "SELECT kind, call_id, data FROM unit_feed ORDER BY id")]
    assert [(k, c) for k, c, _ in feed] == [
        ("assigned", "first"), ("released", "first"), ("assigned", "second")]
    # The crew's feed shows what it is leaving as it showed what it was sent to.
    sent, left = feed[0][2], feed[1][2]
    for field in ("address", "lat", "lon", "priority", "pathway", "tags", "safety"):
        assert left[field] == sent[field], field
    assert left["safety"] == ["The suspect may still be there"]
    assert left["reason"] == "cleared by the crew"


def test_a_decline_puts_the_call_back_in_the_queue_without_that_unit(
    dispatcher: Dispatcher,
) -> None:
    engine = dispatcher.engine
    call(dispatcher, "first", [])
    dispatcher.report_status("BCR-1", UnitStatus.available, call_id="first")
    [(call_id, state, excluded)] = rows(engine, "SELECT call_id, state, excluded FROM call_need")
    assert (call_id, state, as_json(excluded)) == ("first", "waiting", ["BCR-1"])
    assert [(t, p.get("reason")) for t, _, p in events(engine)][-3:] == [
        ("UnitReleased", "declined by the crew"), ("CallQueued", "no available bcr unit"),
        ("FloorPrompted", "no bcr team free")]
    assert rows(engine, "SELECT status, current_call_id FROM unit") == [("available", None)]
