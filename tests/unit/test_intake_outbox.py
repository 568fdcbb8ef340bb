"""Intake's outbox clears: the calls Kafka acknowledged together clear their outboxes in
one transaction, counted in SQLite's statement trace, and each is answered only once its
clear is committed."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from services.intake.service import IntakeService
from services.intake.store import IntakeStore
from shared.events import CallReceived, Envelope, Location
from shared.kafka import EventPublisher
from shared.settings import ServiceSettings


class AckedTogether(EventPublisher):
    """Holds every publish until ``release``: Kafka acknowledging a batch of calls."""

    def __init__(self, calls: int = 1) -> None:
        super().__init__(ServiceSettings())
        self.handed: list[Envelope] = []
        self.calls = calls
        self.all_handed = asyncio.Event()
        self.acks = asyncio.Event()

    async def publish_many(self, events: Any) -> None:
        self.handed.extend(event for _, event in events)
        if len(self.handed) >= self.calls:
            self.all_handed.set()
        await self.acks.wait()


class Transactions:
    """The statements of each transaction on the store's connection, from SQLite's trace."""

    def __init__(self) -> None:
        self.done: list[list[str]] = []
        self._open: list[str] = []

    def statement(self, sql: str) -> None:
        text = " ".join(sql.split())
        if text.upper() == "COMMIT":
            self.done.append(self._open)
            self._open = []
        elif text.upper() not in ("BEGIN", "ROLLBACK"):
            self._open.append(text)

    def clears_alone(self) -> list[list[str]]:
        return [t for t in self.done if t and all("SET outbox = NULL" in s for s in t)]


@pytest.fixture
def store(tmp_path: Path) -> Iterator[IntakeStore]:
    store = IntakeStore(f"sqlite:///{tmp_path / 'intake.db'}")
    yield store
    store.close()


@pytest.fixture
def trace(store: IntakeStore) -> Transactions:
    transactions = Transactions()
    store._raw.driver_connection.set_trace_callback(transactions.statement)
    event.listen(store.engine, "checkout",
                 lambda dbapi, _record, _proxy: dbapi.set_trace_callback(transactions.statement))
    return transactions


def a_call(n: int) -> CallReceived:
    return CallReceived(agency="default", cad_incident_id=f"MP-{n}", narrative="",
                        received_at=datetime(2026, 11, 25, 14, 3, tzinfo=UTC),
                        location=Location(address="2633 Minnehaha Ave"))


async def test_calls_acknowledged_together_clear_their_outboxes_in_one_transaction(
        store: IntakeStore, trace: Transactions) -> None:
    kafka = AckedTogether(calls=8)
    service = IntakeService(store, kafka, "intake")
    posts = [asyncio.create_task(service.submit(a_call(n), idempotency_key=f"k-{n}"))
             for n in range(8)]
    await asyncio.wait_for(kafka.all_handed.wait(), timeout=10)  # recorded, handed over
    kafka.acks.set()
    results = await asyncio.gather(*posts)
    assert all(result.published for result in results)
    assert len(trace.clears_alone()) == 1
    assert [len(t) for t in trace.clears_alone()] == [8]
    rows = [store.get(result.call_id) for result in results]
    assert all(row is not None and row.outbox is None for row in rows)


async def test_the_cad_is_answered_once_the_outbox_clear_is_committed(
        store: IntakeStore) -> None:
    """Seen from another connection (another intake instance), a call answered 202 is no
    longer pending: a retry there is answered 200 and publishes nothing again."""
    kafka = AckedTogether()
    kafka.acks.set()
    result = await IntakeService(store, kafka, "intake").submit(a_call(1),
                                                               idempotency_key="k-1")
    other = store.engine.raw_connection()
    try:
        [(outbox,)] = other.execute("SELECT outbox FROM intake_call WHERE call_id = ?",
                                    (result.call_id,)).fetchall()
    finally:
        other.close()
    assert result.published and outbox is None
