"""The outbox relay: publishes, in database order, the events decisions wrote.

One instance at a time holds a lease on the relay, so with several instances sharing the
database every topic still sees a unit's events in the order they were decided. A lease
holder that dies is replaced once its lease runs out; a batch published but not yet marked
sent is published again with the same event ids, which consumers skip. That allows marking
a batch sent in the transaction that takes the next one, and renewing the lease only when
half of it has run out: a steady flow of decisions costs the relay one transaction a batch.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable

from sqlalchemy import Engine

from services.assignment.store import write_transaction
from shared.db import (
    dbapi_sql,
    dbapi_transaction,
    is_integrity_error,
    placeholders,
    run_store_work,
)
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
        # When the lease this instance last wrote runs out (0: not held, as far as known).
        self._held_until = 0.0
        # Ids published but not yet marked sent: marked in the transaction that takes the
        # next batch, so a steady flow costs one transaction a batch.
        self._unmarked: list[int] = []
        self._renew = dbapi_sql(engine, "UPDATE relay_lease SET owner = ?, until = ? "
                                        "WHERE name = ? AND (owner = ? OR until < ?)")
        self._exists = dbapi_sql(engine, "SELECT 1 FROM relay_lease WHERE name = ?")
        self._insert = dbapi_sql(engine, "INSERT INTO relay_lease (name, owner, until) "
                                         "VALUES (?, ?, ?)")
        self._select = dbapi_sql(engine, "SELECT id, topic, envelope FROM outbox "
                                         "WHERE sent_at IS NULL ORDER BY id LIMIT ?")
        self._mark = dbapi_sql(engine, "UPDATE outbox SET sent_at = ? WHERE id IN ")

    def wake(self) -> None:
        """Publish now rather than at the next interval (a decision just committed).
        Call it on the relay's event loop (``loop.call_soon_threadsafe`` from a thread)."""
        self._wake.set()

    def _take_batch(self) -> list[tuple[int, str, str]]:
        """Mark the previous batch sent; renew or take the lease when it is not held or
        less than half of it is left; as holder, the oldest unsent events."""
        now = self.clock()
        renew = self._held_until - now < self.lease_s / 2
        unmarked = self._unmarked
        if not renew and not unmarked:
            # Nothing to write: a plain read, which on SQLite waits for no writer.
            with dbapi_transaction(self.engine) as cursor:
                cursor.execute(self._select, (self.batch,))
                return [(int(i), t, e) for i, t, e in cursor.fetchall()]
        until = now + self.lease_s
        try:
            with write_transaction(self.engine) as cursor:
                for start in range(0, len(unmarked), 500):
                    chunk = unmarked[start:start + 500]
                    cursor.execute(self._mark + placeholders(self.engine, len(chunk)),
                                   (now, *chunk))
                held = True
                if renew:
                    cursor.execute(self._renew, (self.owner, until, LEASE, self.owner, now))
                    if cursor.rowcount != 1:
                        cursor.execute(self._exists, (LEASE,))
                        held = cursor.fetchone() is None
                        if held:
                            cursor.execute(self._insert, (LEASE, self.owner, until))
                rows = []
                if held:
                    cursor.execute(self._select, (self.batch,))
                    rows = cursor.fetchall()
        except Exception as error:
            if not is_integrity_error(error):
                raise
            # Another instance created the lease at the same moment: it holds it.
            self._held_until = 0.0
            return []
        self._unmarked = []
        if renew:
            self._held_until = until if held else 0.0
        return [(int(i), t, e) for i, t, e in rows]

    async def run_once(self) -> int:
        rows = await run_store_work(self.engine, self._take_batch)
        if not rows:
            return 0
        await self.publisher.publish_many(
            [(topic, Envelope.model_validate_json(raw)) for _, topic, raw in rows])
        self._unmarked = [i for i, _, _ in rows]
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
