"""A decision and the record that its event was handled are one transaction (SQLite, and
PostgreSQL when configured): a redelivered event is skipped after a restart, and a decision
that fails leaves the event unrecorded, to be decided again."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy import Engine
from sqlmodel import Session

from services.assignment.dispatcher import DispatchConfig, Dispatcher
from services.assignment.matching import GreatCircleEta
from services.assignment.rules import DEFAULT_FALLBACKS
from services.assignment.sql_unit_of_work import SqlUnitOfWork
from services.assignment.store import load_corridors
from shared.db import DatabaseProcessedEvents
from shared.events import CallCancelled, CallTriaged, Envelope, Location, make_event
from tests.db_support import STORES
from tests.integration.assignment_support import assignment_store, unit, write_roster

LAKE = Location(lat=44.9485, lon=-93.247, address="E. Lake St. & Bloomington",
                district="3")


@pytest.fixture
def roster(tmp_path: Path) -> Path:
    return write_roster(tmp_path / "roster.yaml", [unit("BCR-1", "bcr", 44.95, -93.25)])


@pytest.fixture(params=STORES)
def engine(request: pytest.FixtureRequest, tmp_path: Path, roster: Path) -> Iterator[Engine]:
    with assignment_store(request.param, tmp_path, roster, "handled") as engine:
        yield engine


def dispatcher_on(engine: Engine, roster: Path
                  ) -> tuple[Dispatcher, DatabaseProcessedEvents]:
    """A service instance as it starts: the record of handled events in front of it."""
    processed = DatabaseProcessedEvents(engine, "assignment")
    return Dispatcher(engine, DispatchConfig(
        producer="test", estimator=GreatCircleEta(40), corridors=load_corridors(roster),
        fallbacks=list(DEFAULT_FALLBACKS)), processed=processed), processed


def triaged(call_id: str) -> tuple[Envelope, CallTriaged]:
    payload = CallTriaged(pathway="behavioral_health", units=["bcr"], priority=2,
                          confidence=1, policy_id="test", policy_version="1", location=LAKE,
                          tags=["behavioral_health"], safety_flags=[])
    return make_event(payload, producer="triage", call_id=call_id), payload


def count(engine: Engine, sql: str) -> Any:
    with engine.connect() as conn:
        return conn.execute(sa.text(sql)).scalar_one()


def test_a_decided_call_is_recorded_handled_for_the_next_instance(
    engine: Engine, roster: Path
) -> None:
    dispatcher, processed = dispatcher_on(engine, roster)
    first, second = triaged("first"), triaged("second")
    dispatcher.on_triaged_many([first, second])
    cancel = make_event(CallCancelled(reason="caller hung up"), producer="intake",
                        call_id="second")
    dispatcher.on_cancelled(cancel, CallCancelled(reason="caller hung up"))

    # What the consumer asks after a restart (an empty cache in front of the store).
    _, restarted = dispatcher_on(engine, roster)
    ids = [str(first[0].event_id), str(second[0].event_id), str(cancel.event_id)]
    assert restarted.seen_many(ids) == set(ids)
    # The consumer's own mark after the poll has nothing left to write.
    rows_before = count(engine, "SELECT count(*) FROM processed_event")
    processed.mark(ids)
    assert count(engine, "SELECT count(*) FROM processed_event") == rows_before == 3


def test_a_decision_that_fails_leaves_its_event_to_be_decided_again(
    engine: Engine, roster: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dispatcher, processed = dispatcher_on(engine, roster)
    event = triaged("first")

    def fail(self: Session, *args: Any, **kwargs: Any) -> None:
        raise RuntimeError("the database went away mid-commit")

    # The session's flush comes after the decision's claim and queries.
    with monkeypatch.context() as patch:
        patch.setattr(Session, "flush", fail)
        with pytest.raises(RuntimeError):
            dispatcher.on_triaged_many([event])
    assert processed.seen_many([str(event[0].event_id)]) == set()
    assert count(engine, "SELECT count(*) FROM call_need") == 0

    dispatcher.on_triaged_many([event])
    assert count(engine, "SELECT count(*) FROM call_need WHERE state = 'assigned'") == 1
    _, restarted = dispatcher_on(engine, roster)
    assert restarted.seen_many([str(event[0].event_id)]) == {str(event[0].event_id)}


def test_a_failure_among_the_last_statements_undoes_the_whole_decision(
    engine: Engine, roster: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The unit feed's insert comes after the call's, the need's and the outbox's, and
    # before the handled record's.
    dispatcher, processed = dispatcher_on(engine, roster)
    event = triaged("first")
    gone = sa.table("unit_feed_gone", *(sa.column(name) for name in (
        "unit_id", "call_id", "kind", "data", "created_at")))
    with monkeypatch.context() as patch:
        patch.setattr(SqlUnitOfWork, "feed_table", gone)
        with pytest.raises(Exception, match="unit_feed_gone"):
            dispatcher.on_triaged_many([event])
    assert processed.seen_many([str(event[0].event_id)]) == set()
    assert count(engine, "SELECT count(*) FROM call_record") == 0
    assert count(engine, "SELECT count(*) FROM outbox") == 0
    assert count(engine, "SELECT status FROM unit WHERE unit_id = 'BCR-1'") == "available"

    dispatcher.on_triaged_many([event])
    assert count(engine, "SELECT unit_id FROM call_need WHERE call_id = 'first'") == "BCR-1"
    assert count(engine, "SELECT count(*) FROM unit_feed") == 1
    assert processed.seen_many([str(event[0].event_id)]) == {str(event[0].event_id)}
