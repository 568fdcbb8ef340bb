"""Deadlines live in the database (SQLite, and PostgreSQL when configured): a dispatcher
started after another stopped acts on the deadlines the first set, at the time of an
injected clock, so the test waits for nothing."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy import Engine

from services.assignment.dispatcher import DispatchConfig, Dispatcher
from services.assignment.matching import GreatCircleEta
from services.assignment.rules import FallbackRule
from services.assignment.store import load_corridors
from shared.db import DatabaseProcessedEvents
from shared.events import CallTriaged, Location, UnitType, make_event
from shared.topics import CALLS_ASSIGNED
from tests.db_support import STORES
from tests.integration.assignment_support import assignment_store, unit, write_roster
from tests.unit.assignment_fakes import Clock

LAKE = Location(lat=44.9485, lon=-93.247, address="E. Lake St. & Bloomington")
FALLBACK = FallbackRule(
    rule_id="bcr_urgent_police_alone", unit_type=UnitType.bcr, after_s=15,
    send=[UnitType.police], keep_waiting=False, max_priority=2,
    reason="no bcr team free within 15 s; urgent call: police alone")


@pytest.fixture
def roster(tmp_path: Path) -> Path:
    return write_roster(tmp_path / "roster.yaml", [
        unit("P3-31", "police", 44.9480, -93.2330), unit("BCR-1", "bcr", 45.0, -93.28)])


@pytest.fixture(params=STORES)
def engine(request: pytest.FixtureRequest, tmp_path: Path, roster: Path) -> Iterator[Engine]:
    with assignment_store(request.param, tmp_path, roster, "deadlines") as engine:
        yield engine


def start(engine: Engine, roster: Path, clock: Clock) -> Dispatcher:
    """A service instance as it starts: nothing in memory but its configuration."""
    return Dispatcher(engine, DispatchConfig(
        producer="assignment", estimator=GreatCircleEta(40), corridors=load_corridors(roster),
        fallbacks=[FALLBACK]), clock=clock,
        processed=DatabaseProcessedEvents(engine, "assignment"))


def triage(dispatcher: Dispatcher, call_id: str, units: list[str], priority: int) -> None:
    payload = CallTriaged(pathway="behavioral_health", units=[UnitType(u) for u in units],
                          priority=priority, confidence=1, policy_id="test",
                          policy_version="1", location=LAKE, tags=[], safety_flags=[])
    dispatcher.on_triaged(make_event(payload, producer="triage", call_id=call_id), payload)


def outbox(engine: Engine, event_type: str) -> list[dict[str, Any]]:
    """The events of one type the relay will publish on calls.assigned, in order."""
    with engine.connect() as conn:
        rows = conn.execute(sa.text("SELECT envelope FROM outbox WHERE topic = :topic "
                                    "ORDER BY id"), {"topic": CALLS_ASSIGNED}).scalars()
        envelopes = [json.loads(row) for row in rows]
    return [e for e in envelopes if e["event_type"] == event_type]


def test_state_and_deadlines_survive_a_restart(engine: Engine, roster: Path) -> None:
    clock = Clock()
    first = start(engine, roster, clock)
    triage(first, "holds", ["bcr"], 3)
    triage(first, "waits", ["bcr"], 1)
    [queued] = [e for e in outbox(engine, "CallQueued") if e["call_id"] == "waits"]
    assert queued["payload"]["fallback_due_s"] == 15
    clock.advance(14.9)
    assert first.due_needs() == []

    second = start(engine, roster, clock)
    clock.advance(0.1)
    due = second.due_needs()
    assert len(due) == 1
    second.run_timer(due[0])

    [fallback] = outbox(engine, "AssignmentFallback")
    assert fallback["call_id"] == "waits"
    assert fallback["payload"]["waited_s"] >= 15
    assigned = outbox(engine, "UnitAssigned")
    assert [(e["call_id"], e["payload"]["unit_id"]) for e in assigned] == [
        ("holds", "BCR-1"), ("waits", "P3-31")]
    assert len({e["event_id"] for e in assigned}) == 2
    # The crew's feed kept its entries: it still shows the call the unit holds.
    current = second.current_assignment("BCR-1")
    assert current is not None and current["call_id"] == "holds"
    assert second.due_needs() == []
