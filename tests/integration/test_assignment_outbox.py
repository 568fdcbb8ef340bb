"""The outbox relay against the database (SQLite, and PostgreSQL when configured), with a
recording publisher and a hand-set clock: one instance at a time, a lease renewed only when
half of it has run out yet taken over once it expires, batches marked sent a transaction
later and published again after a crash."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, cast

import pytest
import sqlalchemy as sa
from sqlalchemy import Engine
from sqlmodel import Session

from services.assignment.outbox import OutboxRelay
from services.assignment.store import _WRITER_LOCKS, init_store, use_immediate_transactions
from shared.db import make_engine
from shared.events import CallQueued, Envelope, UnitType, make_event
from shared.kafka import EventPublisher
from shared.topics import CALLS_ASSIGNED
from tests.db_support import STORES, fresh_database

DEMO = Path("deploy/roster/demo.yaml")
LEASE_S = 10.0


class Recorder:
    """Stands in for EventPublisher: remembers what was published, in order."""

    def __init__(self) -> None:
        self.ids: list[str] = []

    async def publish_many(self, events: Sequence[tuple[str, Envelope]]) -> None:
        self.ids.extend(str(e.event_id) for _, e in events)


class Clock:
    def __init__(self) -> None:
        self.now = 1_750_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(params=STORES)
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    with fresh_database(request.param, tmp_path, "outbox") as url:
        engine = make_engine(url)
        use_immediate_transactions(engine)
        init_store(engine, DEMO)
        try:
            yield engine
        finally:
            engine.dispose()


def relay(engine: Engine, owner: str, clock: Clock) -> tuple[OutboxRelay, Recorder]:
    recorder = Recorder()
    return OutboxRelay(engine, cast(EventPublisher, recorder), owner, LEASE_S,
                       clock=clock), recorder


def decide(engine: Engine, count: int) -> list[str]:
    """Outbox rows as a decision writes them; returns their event ids."""
    events = [make_event(CallQueued(unit_type=UnitType.police, priority=3, reason="test"),
                         producer="test", call_id=f"c-{n}") for n in range(count)]
    with engine.begin() as conn:
        conn.execute(sa.text("INSERT INTO outbox (topic, envelope, created_at, sent_at) "
                             "VALUES (:t, :e, 0, NULL)"),
                     [{"t": CALLS_ASSIGNED, "e": e.model_dump_json()} for e in events])
    return [str(e.event_id) for e in events]


def lease(engine: Engine) -> tuple[str, float]:
    with engine.connect() as conn:
        owner, until = conn.execute(sa.text("SELECT owner, until FROM relay_lease")).one()
    return owner, until


def unsent(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.execute(sa.text(
            "SELECT count(*) FROM outbox WHERE sent_at IS NULL")).scalar_one())


async def test_the_lease_is_renewed_when_half_has_run_out_and_taken_over_once_expired(
    engine: Engine,
) -> None:
    clock = Clock()
    start = clock.now
    first, first_sent = relay(engine, "first", clock)
    second, second_sent = relay(engine, "second", clock)
    batch = decide(engine, 2)
    assert await first.run_once() == 2
    assert first_sent.ids == batch
    assert lease(engine) == ("first", start + LEASE_S)
    # Marked sent by the transaction that takes the next batch, not before.
    assert unsent(engine) == 2

    clock.now = start + 4
    later = decide(engine, 1)
    assert await first.run_once() == 1
    assert first_sent.ids == batch + later
    assert unsent(engine) == 1
    assert lease(engine) == ("first", start + LEASE_S), "renewed with most of it left"
    # The holder did not renew, yet nobody else may take the lease before it runs out.
    assert await second.run_once() == 0
    assert second_sent.ids == []

    clock.now = start + 6
    assert await first.run_once() == 0
    assert unsent(engine) == 0
    assert lease(engine) == ("first", start + 6 + LEASE_S), "renewed: less than half left"

    # The holder goes quiet; once its lease has run out, another instance takes over.
    clock.now = start + 6 + LEASE_S + 0.1
    handed = decide(engine, 1)
    assert await second.run_once() == 1
    assert second_sent.ids == handed
    assert lease(engine) == ("second", clock.now + LEASE_S)
    assert await first.run_once() == 0
    assert first_sent.ids == batch + later
    await second.flush()
    assert unsent(engine) == 0


async def test_a_batch_published_but_not_marked_is_published_again_with_the_same_ids(
    engine: Engine,
) -> None:
    clock = Clock()
    crashed, crashed_sent = relay(engine, "crashed", clock)
    batch = decide(engine, 3)
    assert await crashed.run_once() == 3
    # It dies before marking them; its successor waits for the lease, then sends them again.
    successor, successor_sent = relay(engine, "successor", clock)
    assert await successor.run_once() == 0
    clock.now += LEASE_S + 0.1
    await successor.flush()
    assert crashed_sent.ids == batch
    assert successor_sent.ids == batch
    assert unsent(engine) == 0


async def test_a_relay_that_lost_the_lease_still_marks_what_it_published(
    engine: Engine,
) -> None:
    clock = Clock()
    slow, slow_sent = relay(engine, "slow", clock)
    batch = decide(engine, 2)
    assert await slow.run_once() == 2
    clock.now += LEASE_S + 0.1
    other, _ = relay(engine, "other", clock)
    assert await other.run_once() == 2  # published again: they were not marked yet
    decide(engine, 1)
    other._take_batch()  # marks the two; leaves the new one unsent
    assert await slow.run_once() == 0
    assert slow_sent.ids == batch
    assert unsent(engine) == 1


def test_on_sqlite_a_relay_write_queues_on_the_writer_lock_of_its_process(
    tmp_path: Path,
) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'queue.db'}")
    use_immediate_transactions(engine)
    init_store(engine, DEMO)
    outbox, _ = relay(engine, "only", Clock())
    decide(engine, 1)
    taken: list[Any] = []
    writer = _WRITER_LOCKS[engine]
    try:
        # Held as a decision holds it (SQLite's own lock is free): the relay must wait.
        with writer:
            worker = threading.Thread(target=lambda: taken.append(outbox._take_batch()))
            worker.start()
            time.sleep(0.3)
            assert worker.is_alive() and taken == []
        worker.join(timeout=10)
        assert len(taken) == 1 and len(taken[0]) == 1
        # A decision after it finds the lock free and the database unlocked.
        with Session(engine) as session, session.begin():
            session.connection().execute(sa.text("UPDATE unit SET updated_at = 1"))
    finally:
        engine.dispose()
