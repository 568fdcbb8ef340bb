"""Two intake instances on one database (two workers, two replicas) changing one call at
once, on the real broker and each store: no change is lost, and every version is
published once, with its own event id."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from services.intake.errors import CallIsCancelled, CallKeptChanging
from services.intake.models import CallPatch
from services.intake.problems import http_status
from services.intake.service import WRITE_ATTEMPTS, IntakeService
from services.intake.store import CallRow, IntakeStore
from shared.db import store_unavailable
from shared.events import CallReceived, CallUpdated
from shared.kafka import EventPublisher
from shared.settings import ServiceSettings
from shared.topics import CALLS_RECEIVED
from tests.db_support import STORES, fresh_database
from tests.integration.intake_helpers import events_on

pytestmark = pytest.mark.kafka

CALL = CallReceived.model_validate({
    "agency": "default", "cad_incident_id": "MP-2026-007001",
    "received_at": "2026-11-25T14:03:00-06:00", "call_type": "EDP",
    "narrative": "Brother talking about hurting himself.",
    "location": {"address": "2633 Minnehaha Ave"},
    "flags": {"weapons": False},
})


@dataclass
class Instances:
    first: IntakeService
    second: IntakeService
    store: IntakeStore


@pytest.fixture(params=STORES)
async def instances(request: pytest.FixtureRequest, tmp_path: Path,
                    kafka_settings: ServiceSettings) -> AsyncIterator[Instances]:
    with fresh_database(request.param, tmp_path, "intake") as url:
        stores = [IntakeStore(url), IntakeStore(url)]
        publisher = EventPublisher(kafka_settings)
        await publisher.start()
        try:
            yield Instances(IntakeService(stores[0], publisher, "intake"),
                            IntakeService(stores[1], publisher, "intake-2"), stores[0])
        finally:
            await publisher.stop()
            for store in stores:
                store.close()


def between_read_and_write(service: IntakeService,
                           other: Callable[[], Awaitable[object]]) -> None:
    """Run ``other`` (the other instance's request) once, after ``service`` has read the
    call and before it writes it: the window two processes share for real."""
    real_flush = service._flush

    async def flush_then_let_the_other_in(row: CallRow) -> None:
        service._flush = real_flush  # type: ignore[method-assign]
        await other()
        await real_flush(row)

    service._flush = flush_then_let_the_other_in  # type: ignore[method-assign]


async def test_an_update_from_another_instance_in_between_is_kept(
    instances: Instances, kafka_settings: ServiceSettings,
) -> None:
    """The second instance adds "weapons seen" while the first moves the location: the
    call ends with both, and each change is its own version and event."""
    created = await instances.first.submit(CALL, idempotency_key=None)
    call_id = created.call_id
    weapons = CallPatch.model_validate({"flags": {"weapons": True}})
    moved = CallPatch.model_validate({"location": {"address": "2701 Minnehaha Ave"}})
    between_read_and_write(instances.first, lambda: instances.second.update(
        call_id, weapons, idempotency_key=None))

    result = await instances.first.update(call_id, moved, idempotency_key=None)

    assert result.version == 2
    row = instances.store.get(call_id)
    assert row is not None and row.version == 2
    state = json.loads(row.state)
    assert state["flags"]["weapons"] is True
    assert state["location"]["address"] == "2701 Minnehaha Ave"
    updates = [(envelope, payload) for envelope, payload in
               await events_on(kafka_settings, CALLS_RECEIVED)
               if isinstance(payload, CallUpdated) and envelope.call_id == call_id]
    assert len({str(envelope.event_id) for envelope, _ in updates}) == 2
    last = updates[-1][1]
    assert last.flags["weapons"] is True and last.location.address == "2701 Minnehaha Ave"


async def test_a_cancel_from_another_instance_in_between_is_not_undone(
    instances: Instances,
) -> None:
    created = await instances.first.submit(CALL, idempotency_key=None)
    call_id = created.call_id
    between_read_and_write(instances.first,
                           lambda: instances.second.cancel(call_id, "caller hung up"))
    with pytest.raises(CallIsCancelled) as refused:
        await instances.first.update(
            call_id, CallPatch.model_validate({"cad_priority": "1"}), idempotency_key=None)
    assert http_status(refused.value) == 409
    row = instances.store.get(call_id)
    assert row is not None and row.status == "cancelled"
    assert json.loads(row.state).get("cad_priority") is None


async def test_a_call_that_keeps_changing_under_an_update_gets_a_409_and_loses_nothing(
    instances: Instances,
) -> None:
    """The other instance changes the call between every read and write of this one:
    after its tries this update is refused (409, retry) rather than looping, and every
    change the other made is kept."""
    created = await instances.first.submit(CALL, idempotency_key=None)
    call_id = created.call_id
    before = instances.store.get(call_id)
    assert before is not None
    real_flush = instances.first._flush
    others = 0

    async def the_other_changes_it_first(row: CallRow) -> None:
        nonlocal others
        others += 1
        await instances.second.update(call_id, CallPatch.model_validate(
            {"cad_priority": str(others)}), idempotency_key=None)
        await real_flush(row)

    instances.first._flush = the_other_changes_it_first  # type: ignore[method-assign]
    moved = CallPatch.model_validate({"location": {"address": "2701 Minnehaha Ave"}})
    with pytest.raises(CallKeptChanging) as refused:
        await instances.first.update(call_id, moved, idempotency_key=None)
    assert http_status(refused.value) == 409 and "retry" in refused.value.detail
    assert others == WRITE_ATTEMPTS
    row = instances.store.get(call_id)
    assert row is not None and row.version == before.version + WRITE_ATTEMPTS
    state = json.loads(row.state)
    assert state["cad_priority"] == str(WRITE_ATTEMPTS)
    assert state["location"]["address"] == CALL.location.address


async def test_a_call_locked_by_a_stuck_session_answers_503_in_bounded_time_then_updates(
    instances: Instances, kafka_settings: ServiceSettings,
) -> None:
    """Another session (an instance that froze mid-write) holds the call's row. On
    PostgreSQL intake's write gives up after its lock bound, as an outage (503 over
    HTTP), instead of stalling intake's event loop for shared.db's longer bounds; on
    SQLite its wait for the write lock is as short. Once the session is gone the same
    update goes through."""
    created = await instances.first.submit(CALL, idempotency_key=None)
    weapons = CallPatch.model_validate({"flags": {"weapons": True}})
    stuck = instances.store.engine.raw_connection()
    try:
        cursor = stuck.cursor()
        if instances.store.engine.dialect.name == "sqlite":
            cursor.execute("BEGIN IMMEDIATE")  # SQLite's one write lock
        else:
            cursor.execute("SELECT call_id FROM intake_call WHERE call_id = %s FOR UPDATE",
                           (created.call_id,))
        with pytest.raises(Exception) as waited:
            await instances.second.update(created.call_id, weapons, idempotency_key=None)
        assert store_unavailable(waited.value)
    finally:
        stuck.rollback()
        stuck.close()
    updated = await instances.second.update(created.call_id, weapons, idempotency_key=None)
    assert updated.version == 1 and updated.changed_fields == ["flags"]
    # Published once: the attempt that gave up published nothing.
    published = [type(payload).__name__
                 for envelope, payload in await events_on(kafka_settings, CALLS_RECEIVED)
                 if envelope.call_id == created.call_id]
    assert published == ["CallReceived", "CallUpdated"]
