"""Assignment's event handlers: plain functions of (event, dependencies), in one map.

Each handler runs one decision in the database (in a thread unless the store is SQLite:
shared.db.run_store_work); the events it decided are in the outbox, published by the
relay, so a handler returns nothing to publish.
"""

from __future__ import annotations

from services.assignment.dispatcher import Dispatcher
from shared.db import run_store_work
from shared.events import CallCancelled, CallTriaged, Envelope
from shared.kafka import BatchHandler, Handler, Outgoing


async def call_triaged(envelope: Envelope, payload: CallTriaged, dispatcher: Dispatcher
                       ) -> Outgoing:
    """Assign (or queue) every unit type the call needs; a re-triage changes them."""
    await run_store_work(dispatcher.engine, dispatcher.on_triaged, envelope, payload)
    return []


async def calls_triaged(items: list[tuple[Envelope, CallTriaged]], dispatcher: Dispatcher
                        ) -> Outgoing:
    """The same for consecutive CallTriaged events of one poll, many to a transaction."""
    await run_store_work(dispatcher.engine, dispatcher.on_triaged_many, items)
    return []


async def call_cancelled(envelope: Envelope, payload: CallCancelled, dispatcher: Dispatcher
                         ) -> Outgoing:
    """Release every unit the call holds and drop it from the queue."""
    await run_store_work(dispatcher.engine, dispatcher.on_cancelled, envelope, payload)
    return []


def build_handlers(dispatcher: Dispatcher) -> dict[str, Handler]:
    """calls.triaged, on the dispatch path."""
    async def triaged(envelope: Envelope, payload: CallTriaged) -> Outgoing:
        return await call_triaged(envelope, payload, dispatcher)

    return {"CallTriaged": triaged}


def build_cancellation_handlers(dispatcher: Dispatcher) -> dict[str, Handler]:
    """calls.received, where only CallCancelled concerns assignment."""
    async def cancelled(envelope: Envelope, payload: CallCancelled) -> Outgoing:
        return await call_cancelled(envelope, payload, dispatcher)

    return {"CallCancelled": cancelled}


def build_batch_handlers(dispatcher: Dispatcher) -> dict[str, BatchHandler]:
    async def triaged(items: list[tuple[Envelope, CallTriaged]]) -> Outgoing:
        return await calls_triaged(items, dispatcher)

    return {"CallTriaged": triaged}
