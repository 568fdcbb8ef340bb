"""A call whose event Kafka did not acknowledge in time: pending, never 202 and never
"nothing was accepted"; the same request again resolves it, changed content is a new
event. On a fake publisher that stands for the producer (the real broker's case is in
tests/integration/test_intake_calls.py)."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from services.intake.calls import call_id_for
from services.intake.errors import CallNotAcknowledged
from services.intake.models import CallPatch
from services.intake.service import IntakeService
from services.intake.store import IntakeStore
from shared.events import CallReceived, Envelope, Location
from shared.kafka import EventPublisher, KafkaUnacknowledged, KafkaUnavailable
from shared.settings import ServiceSettings


class FakeProducer(EventPublisher):
    """What the producer did with each event: ``handed`` it may deliver (acknowledged or
    not), refused ones it never had. ``next`` says how the next publish ends."""

    def __init__(self) -> None:
        super().__init__(ServiceSettings())
        self.handed: list[Envelope] = []
        self.next = "ack"

    async def publish_many(self, events: Any) -> None:
        outcome, self.next = self.next, "ack"
        if outcome == "refuse":
            raise KafkaUnavailable("not connected (test)")
        self.handed.extend(event for _, event in events)
        if outcome == "timeout":
            raise KafkaUnacknowledged("Kafka did not acknowledge: TimeoutError (test)")


@pytest.fixture
def store(tmp_path: Path) -> Iterator[IntakeStore]:
    store = IntakeStore(f"sqlite:///{tmp_path / 'intake.db'}")
    yield store
    store.close()


@pytest.fixture
def producer() -> FakeProducer:
    return FakeProducer()


@pytest.fixture
def service(store: IntakeStore, producer: FakeProducer) -> IntakeService:
    return IntakeService(store, producer, "intake")


def a_call(narrative: str = "Brother talking about hurting himself.",
           incident: str = "MP-7") -> CallReceived:
    return CallReceived(agency="default", cad_incident_id=incident, narrative=narrative,
                        received_at=datetime(2026, 11, 25, 14, 3, tzinfo=UTC),
                        location=Location(address="2633 Minnehaha Ave"))


CALL_ID = call_id_for("default", "MP-7")


async def test_an_unacknowledged_call_stays_pending_and_its_retry_resolves_it(
    service: IntakeService, producer: FakeProducer, store: IntakeStore,
) -> None:
    producer.next = "timeout"
    with pytest.raises(CallNotAcknowledged) as pending:
        await service.submit(a_call(), idempotency_key="k-1")
    assert pending.value.extra == {"call_id": CALL_ID, "state": "pending"}
    row = store.get(CALL_ID)
    assert row is not None and row.outbox is not None  # kept: it may still be delivered

    retry = await service.submit(a_call(), idempotency_key="k-1")
    assert retry.call_id == CALL_ID and retry.published  # 202 now that Kafka has it
    # At most the same event again: the copy a consumer skips by its id.
    first, again = producer.handed
    assert again.event_id == first.event_id and again.payload == first.payload
    row = store.get(CALL_ID)
    assert row is not None and row.outbox is None
    assert not (await service.submit(a_call(), idempotency_key="k-1")).published  # 200


async def test_a_changed_post_while_pending_is_a_new_event(
    service: IntakeService, producer: FakeProducer,
) -> None:
    producer.next = "timeout"
    with pytest.raises(CallNotAcknowledged):
        await service.submit(a_call(), idempotency_key=None)
    changed = await service.submit(a_call("Brother now has a knife."), idempotency_key=None)
    assert changed.call_id == CALL_ID and changed.published
    first, second = producer.handed
    # Were they one id, the changed call would be skipped as the first one's duplicate
    # wherever the first was delivered after all.
    assert second.event_id != first.event_id
    assert second.payload["narrative"] == "Brother now has a knife."


async def test_a_call_the_producer_never_had_is_not_recorded(
    service: IntakeService, producer: FakeProducer, store: IntakeStore,
) -> None:
    producer.next = "refuse"
    with pytest.raises(KafkaUnavailable):  # 503: nothing was accepted
        await service.submit(a_call(), idempotency_key=None)
    assert store.get(CALL_ID) is None and producer.handed == []


async def test_a_refused_retry_of_a_pending_call_leaves_it_pending(
    service: IntakeService, producer: FakeProducer, store: IntakeStore,
) -> None:
    producer.next = "timeout"
    with pytest.raises(CallNotAcknowledged):
        await service.submit(a_call(), idempotency_key=None)
    producer.next = "refuse"
    # The first attempt may still be delivered: not "nothing accepted" either.
    with pytest.raises(CallNotAcknowledged):
        await service.submit(a_call("Brother now has a knife."), idempotency_key=None)
    row = store.get(CALL_ID)
    assert row is not None and row.outbox is not None
    assert json.loads(row.state)["narrative"] == "Brother talking about hurting himself."


async def test_an_unacknowledged_update_stays_and_its_retry_publishes_the_same_event(
    service: IntakeService, producer: FakeProducer, store: IntakeStore,
) -> None:
    await service.submit(a_call(), idempotency_key=None)
    patch = CallPatch.model_validate({"flags": {"weapons": True}})
    producer.next = "timeout"
    with pytest.raises(CallNotAcknowledged):
        await service.update(CALL_ID, patch, idempotency_key="p-1")
    row = store.get(CALL_ID)
    assert row is not None and row.version == 1 and row.outbox is not None
    retry = await service.update(CALL_ID, patch, idempotency_key="p-1")
    assert retry.version == 1
    _, update, again = producer.handed
    assert update.event_type == "CallUpdated" and again.event_id == update.event_id
    row = store.get(CALL_ID)
    assert row is not None and row.outbox is None
    # The next change is the next version, a new event.
    changed = await service.update(
        CALL_ID, CallPatch.model_validate({"cad_priority": "1"}), idempotency_key=None)
    assert changed.version == 2 and producer.handed[-1].event_id != update.event_id


# The outbox clears: the calls Kafka acknowledged together clear their outboxes in one
# transaction, counted in SQLite's statement trace, and each is answered only once its
# clear is committed.


class AckedTogether(EventPublisher):
    """Holds every publish until ``acks`` is set: Kafka acknowledging calls together."""

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
def trace(store: IntakeStore) -> Transactions:
    transactions = Transactions()
    store._raw.driver_connection.set_trace_callback(transactions.statement)
    return transactions


async def test_calls_acknowledged_together_clear_their_outboxes_in_one_transaction(
        store: IntakeStore, trace: Transactions) -> None:
    kafka = AckedTogether(calls=8)
    service = IntakeService(store, kafka, "intake")
    posts = [asyncio.create_task(service.submit(a_call(incident=f"MP-{n}"),
                                                idempotency_key=f"k-{n}")) for n in range(8)]
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
    result = await IntakeService(store, kafka, "intake").submit(a_call(),
                                                               idempotency_key="k-1")
    other = store.engine.raw_connection()
    try:
        [(outbox,)] = other.execute("SELECT outbox FROM intake_call WHERE call_id = ?",
                                    (result.call_id,)).fetchall()
    finally:
        other.close()
    assert result.published and outbox is None
