"""Store work of a consumer, one transaction a poll: triage's decisions commit with the
poll's handled ids, audit's entries in one append, counted in SQLite's own statement
trace; and a poll whose commit fails is done again without a duplicate."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import Engine, event

from services.audit.consumer import AuditAppend
from services.audit.handlers import CATCH_ALL
from services.audit.handlers import build_handlers as build_audit_handlers
from services.audit.store import init_store as init_audit_store
from services.triage.engine import load_policy
from services.triage.handlers import build_batch_handlers, build_handlers
from services.triage.store import consumer_stores, current_decision, init_store
from shared.db import DatabaseProcessedEvents, make_engine
from shared.events import CallReceived, CallUpdated, Envelope, Location, make_event
from shared.topics import CALLS_RECEIVED, CALLS_TRIAGED, TOPICS
from tests.memory_broker import MemoryBroker

POLICY = load_policy()


class Commits:
    """The COMMITs every connection of an engine sends, from SQLite's statement trace."""

    def __init__(self, engine: Engine) -> None:
        self.count = 0

        @event.listens_for(engine, "checkout")
        def _trace(dbapi_connection: Any, _record: Any, _proxy: Any) -> None:
            dbapi_connection.set_trace_callback(self._statement)

    def _statement(self, sql: str) -> None:
        if sql.strip().upper() == "COMMIT":
            self.count += 1


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    engine = make_engine(f"sqlite:///{tmp_path / 'store.db'}")
    try:
        yield engine
    finally:
        engine.dispose()


def triage(engine: Engine) -> tuple[MemoryBroker, DatabaseProcessedEvents]:
    init_store(engine)
    decisions, processed = consumer_stores(engine, "triage")
    broker = MemoryBroker.for_handlers(
        build_handlers(POLICY, decisions, "triage"),
        batch_handlers=build_batch_handlers(POLICY, decisions, "triage"),
        processed=processed, topics=[CALLS_RECEIVED], group="triage", producer="triage")
    return broker, processed


def call(n: int, narrative: str = "bike stolen overnight, suspect gone",
         kind: type[CallReceived] = CallReceived) -> Envelope:
    return make_event(kind(
        agency="mpls", cad_incident_id=f"MP-{n}", call_type="THEFT RPT", narrative=narrative,
        received_at=datetime.now(UTC), location=Location(address="Lake St")),
        producer="intake", call_id=f"call-{n}")


def handled_rows(engine: Engine) -> int:
    with engine.connect() as connection:
        return int(connection.exec_driver_sql(
            "SELECT count(*) FROM processed_event").scalar_one())


async def test_a_triage_poll_of_calls_and_an_update_is_one_commit(engine: Engine) -> None:
    broker, _ = triage(engine)
    commits = Commits(engine)
    armed = call(1, "caller says the suspect came back with a gun", kind=CallUpdated)
    await broker.publish(CALLS_RECEIVED, call(1), call(2), call(3), armed, call(4))
    assert len(broker.events(CALLS_TRIAGED)) == 5
    assert commits.count == 1
    # The update read the decision its call got earlier in the same poll.
    [retriaged] = [e for e in broker.events(CALLS_TRIAGED) if e.payload["retriage"]]
    assert retriaged.call_id == "call-1" and retriaged.payload["changes"]
    assert current_decision(engine, "call-1") != current_decision(engine, "call-2")
    assert handled_rows(engine) == 5


async def test_a_poll_whose_commit_fails_is_done_again_without_a_duplicate(
        engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    broker, processed = triage(engine)
    calls = [call(1), call(2), call(3)]
    real_mark = processed.mark_within

    def crash_once(cursor: Any, event_ids: Any) -> None:
        monkeypatch.setattr(processed, "mark_within", real_mark)
        raise RuntimeError("the process died in the poll's transaction")

    monkeypatch.setattr(processed, "mark_within", crash_once)
    with pytest.raises(RuntimeError):
        await broker.publish(CALLS_RECEIVED, *calls)
    # Nothing of the poll stands: not the decisions staged before the marks failed.
    assert current_decision(engine, "call-1") is None and handled_rows(engine) == 0
    first = [e for topic, e in broker.publisher.sent if topic == CALLS_TRIAGED]
    assert len(first) == 3

    await broker.publish(CALLS_RECEIVED, *calls)  # the poll, read again
    await broker.publish(CALLS_RECEIVED, *calls)  # and once more, after its commit
    again = broker.events(CALLS_TRIAGED)
    # Sent again with the same ids (a consumer downstream skips them), and only once more.
    assert [e.event_id for e in again] == [e.event_id for e in first]
    assert handled_rows(engine) == 3 and broker.stats.skipped_duplicates == 3
    assert all(current_decision(engine, f"call-{n}") is not None for n in (1, 2, 3))


async def test_an_audit_poll_is_one_commit(engine: Engine) -> None:
    init_audit_store(engine)
    sink = build_audit_handlers(engine, Ed25519PrivateKey.generate(), 1000)[CATCH_ALL]
    broker = MemoryBroker(AuditAppend(sink, topic_prefix=""),
                          topics=[spec.name for spec in TOPICS], group="audit")
    commits = Commits(engine)
    await broker.publish(CALLS_RECEIVED, *(call(n) for n in range(20)))
    assert broker.stats.handled == 20
    assert commits.count == 1
