"""The outbox relay: publishes, in database order, the events decisions wrote.

One instance at a time holds a lease on the relay, so with several instances sharing the
database every topic still sees a unit's events in the order they were decided. A lease
holder that dies is replaced once its lease runs out; a batch published but not yet marked
sent is published again with the same event ids, which consumers skip.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable

from sqlalchemy import Engine, insert, update
from sqlmodel import Session, col, select

from services.assignment.store import OutboxEvent, RelayLease
from shared.events import Envelope
from shared.kafka import EventPublisher, KafkaUnavailable

log = logging.getLogger(__name__)

LEASE = "outbox"


class OutboxRelay:
    def __init__(self, engine: Engine, publisher: EventPublisher, owner: str, lease_s: float,
                 clock: Callable[[], float] = time.time, batch: int = 500) -> None:
        self.engine = engine
        self.publisher = publisher
        self.owner = owner
        self.lease_s = lease_s
        self.clock = clock
        self.batch = batch
        self.published = 0
        self._wake = asyncio.Event()

    def wake(self) -> None:
        """Publish now rather than at the next interval (a decision just committed).
        Call it on the relay's event loop (``loop.call_soon_threadsafe`` from a thread)."""
        self._wake.set()

    def _take_batch(self) -> list[tuple[int, str, str]]:
        """Renew or take the lease; as holder, the oldest unsent events."""
        now = self.clock()
        table = RelayLease.__table__  # type: ignore[attr-defined]
        with Session(self.engine) as session, session.begin():
            conn = session.connection()
            held = conn.execute(
                update(table).where(table.c.name == LEASE,
                                    (table.c.owner == self.owner) | (table.c.until < now))
                .values(owner=self.owner, until=now + self.lease_s)).rowcount
            if held != 1:
                if session.get(RelayLease, LEASE) is not None:
                    return []
                conn.execute(insert(table).values(name=LEASE, owner=self.owner,
                                                  until=now + self.lease_s))
            rows = session.exec(
                select(OutboxEvent.id, OutboxEvent.topic, OutboxEvent.envelope)
                .where(col(OutboxEvent.sent_at).is_(None))
                .order_by(col(OutboxEvent.id)).limit(self.batch)).all()
        return [(int(i or 0), t, e) for i, t, e in rows]

    def _mark_sent(self, ids: list[int]) -> None:
        table = OutboxEvent.__table__  # type: ignore[attr-defined]
        with Session(self.engine) as session, session.begin():
            session.connection().execute(
                update(table).where(table.c.id.in_(ids)).values(sent_at=self.clock()))

    async def run_once(self) -> int:
        rows = await asyncio.to_thread(self._take_batch)
        if not rows:
            return 0
        await self.publisher.publish_many(
            [(topic, Envelope.model_validate_json(raw)) for _, topic, raw in rows])
        await asyncio.to_thread(self._mark_sent, [i for i, _, _ in rows])
        self.published += len(rows)
        return len(rows)

    async def flush(self) -> None:
        """Publish until nothing is left (as lease holder)."""
        while await self.run_once():
            pass

    async def run_forever(self, interval_s: float) -> None:
        """Publish whenever woken, and at least every ``interval_s`` (for events other
        instances decided, or a wake-up missed while Kafka was down)."""
        while True:
            self._wake.clear()
            try:
                while await self.run_once() >= self.batch:
                    pass
            except KafkaUnavailable:
                log.warning("outbox relay: Kafka unavailable; will retry")
            except Exception:
                log.exception("outbox relay failed; will retry")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout=interval_s)
