"""Crews' clearing, backup and staging over the real stores (SQLite and PostgreSQL): a store
made before their columns gets them, and two backup requests racing for the one free
police unit book it once."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy import Engine

from services.assignment.dispatcher import DispatchConfig, Dispatcher
from services.assignment.field import BackupRequest, Clearing
from services.assignment.matching import GreatCircleEta
from services.assignment.store import add_missing_columns, load_corridors
from shared.events import CallTriaged, Location, UnitStatus, UnitType, make_event
from shared.field_contracts import BackupReason, Outcome
from shared.topics import CALLS_ASSIGNED
from tests.db_support import STORES
from tests.integration.assignment_support import assignment_store, unit, write_roster


@pytest.fixture
def roster(tmp_path: Path) -> Path:
    return write_roster(tmp_path / "roster.yaml", [
        unit("BCR-1", "bcr", 44.95, -93.25), unit("BCR-2", "bcr", 44.96, -93.26),
        unit("P-1", "police", 44.95, -93.24)])


@pytest.fixture(params=STORES)
def engine(request: pytest.FixtureRequest, tmp_path: Path, roster: Path) -> Iterator[Engine]:
    with assignment_store(request.param, tmp_path, roster, "field") as engine:
        yield engine


def instance(engine: Engine, roster: Path) -> Dispatcher:
    return Dispatcher(engine, DispatchConfig(producer="assignment",
                                             estimator=GreatCircleEta(40),
                                             corridors=load_corridors(roster)))


def triage(dispatcher: Dispatcher, call_id: str, units: list[str],
           flags: list[str] | None = None) -> None:
    payload = CallTriaged(pathway="behavioral_health", units=[UnitType(u) for u in units],
                          priority=3, confidence=0.9, policy_id="test", policy_version="1",
                          safety_flags=flags or [],
                          location=Location(address="E. Lake St.", lat=44.9485, lon=-93.247))
    dispatcher.on_triaged(make_event(payload, producer="triage", call_id=call_id), payload)


def outbox(engine: Engine, event_type: str) -> list[dict[str, object]]:
    """The events of a type written to calls.assigned (not their copies per unit)."""
    with engine.connect() as conn:
        found = [json.loads(e) for (e,) in conn.execute(
            sa.text("SELECT envelope FROM outbox WHERE topic = :topic ORDER BY id"),
            {"topic": CALLS_ASSIGNED})]
    return [e for e in found if e["event_type"] == event_type]


def test_a_store_made_before_the_field_and_roster_columns_gets_them_and_crews_clear(
    engine: Engine, roster: Path,
) -> None:
    with engine.begin() as conn:
        for table, column in (("call_need", "rule"), ("call_need", "outcome"),
                              ("call_need", "requires"), ("call_record", "scene_secured_at"),
                              ("unit", "kind"), ("unit", "capabilities")):
            conn.execute(sa.text(f"ALTER TABLE {table} DROP COLUMN {column}"))
    add_missing_columns(engine)
    add_missing_columns(engine)  # a second instance starting finds them there
    dispatcher = instance(engine, roster)
    triage(dispatcher, "call", ["bcr", "police"], ["weapon"])
    dispatcher.report_status("BCR-1", UnitStatus.staged, call_id="call")
    dispatcher.report_status("P-1", UnitStatus.on_scene)
    assert dispatcher.secure_scene("P-1", "call") == ["BCR-1"]
    dispatcher.report_status("BCR-1", UnitStatus.on_scene)
    unit_after = dispatcher.clear(Clearing("BCR-1", "call", Outcome.referred_to_services))
    assert unit_after.status == UnitStatus.available
    dispatcher.clear(Clearing("BCR-1", "call", Outcome.referred_to_services))  # a retry
    [cleared] = outbox(engine, "UnitCleared")
    assert cleared["call_id"] == "call"
    with engine.connect() as conn:
        assert conn.execute(sa.text(
            "SELECT outcome FROM call_need WHERE unit_id = 'BCR-1'")).scalar_one() == (
            "referred_to_services")


def test_two_backup_requests_racing_for_one_police_unit_book_it_once(
    engine: Engine, roster: Path,
) -> None:
    first, second = instance(engine, roster), instance(engine, roster)
    triage(first, "call-1", ["bcr"])
    triage(first, "call-2", ["bcr"])
    start = threading.Barrier(2)
    errors: list[BaseException] = []

    def ask(dispatcher: Dispatcher, unit_id: str, call_id: str) -> None:
        start.wait()
        try:
            dispatcher.request_backup(BackupRequest(unit_id, call_id, (UnitType.police,),
                                                    BackupReason.safety))
        except BaseException as error:  # reported below
            errors.append(error)

    with engine.connect() as conn:  # each crisis team holds one of the calls
        held = dict(conn.execute(sa.text(
            "SELECT unit_id, current_call_id FROM unit WHERE unit_type = 'bcr' "
            "ORDER BY unit_id")).all())
    threads = [threading.Thread(target=ask, args=(d, u, c))
               for d, (u, c) in zip((first, second), held.items(), strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    assert len(outbox(engine, "BackupRequested")) == 2
    [sent] = [e for e in outbox(engine, "UnitAssigned")
              if e["payload"]["unit_type"] == "police"]  # type: ignore[index]
    assert sent["payload"]["rule"] == "backup_request"  # type: ignore[index]
    [queued] = outbox(engine, "CallQueued")
    assert queued["call_id"] != sent["call_id"]
    with engine.connect() as conn:
        assert conn.execute(sa.text(
            "SELECT COUNT(*) FROM call_need WHERE unit_id = 'P-1' "
            "AND state IN ('assigned', 'accepted')")).scalar_one() == 1
