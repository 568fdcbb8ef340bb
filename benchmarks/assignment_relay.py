"""CPU of the outbox relay per event published, when decisions come one at a time.

Writes ``--per-decision`` outbox rows in a transaction of their own (what one small
decision leaves), then runs the relay once, as the service does when a decision wakes it;
the publisher only counts (Kafka's share is not the relay's). Prints the relay's CPU per
event and per decision (the outbox writes are outside the measured part).

Run: .venv/bin/python benchmarks/assignment_relay.py [--decisions 2000] [--per-decision 4]
     [--postgres]   (a fresh schema on RR_TEST_POSTGRES_URL; default a SQLite file)
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import cast

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # for tests.db_support

from services.assignment.outbox import OutboxRelay
from services.assignment.store import init_store, use_immediate_transactions
from shared.db import make_engine
from shared.events import CallQueued, Envelope, UnitType, make_event
from shared.kafka import EventPublisher
from shared.topics import CALLS_ASSIGNED
from tests.db_support import fresh_database

DEMO = Path(__file__).resolve().parent.parent / "deploy" / "roster" / "demo.yaml"


class Counter:
    def __init__(self) -> None:
        self.count = 0

    async def publish_many(self, events: Sequence[tuple[str, Envelope]]) -> None:
        self.count += len(events)


async def run(url: str, decisions: int, per_decision: int) -> None:
    engine = make_engine(url)
    use_immediate_transactions(engine)
    init_store(engine, DEMO)
    envelope = make_event(CallQueued(unit_type=UnitType.police, priority=3, reason="bench"),
                          producer="bench", call_id="c-1").model_dump_json()
    insert = sa.text("INSERT INTO outbox (topic, envelope, created_at) VALUES (:t, :e, 0)")
    counter = Counter()
    relay = OutboxRelay(engine, cast(EventPublisher, counter), "bench", 3.0)
    cpu = 0.0
    start = time.perf_counter()
    for _ in range(decisions):
        with engine.begin() as conn:
            conn.execute(insert, [{"t": CALLS_ASSIGNED, "e": envelope}] * per_decision)
        before = time.process_time()
        await relay.run_once()
        cpu += time.process_time() - before
    before = time.process_time()
    await relay.flush()
    cpu += time.process_time() - before
    elapsed = time.perf_counter() - start
    with engine.connect() as conn:
        left = conn.execute(sa.text("SELECT count(*) FROM outbox WHERE sent_at IS NULL")
                            ).scalar_one()
    engine.dispose()
    print(f"{engine.dialect.name}: {counter.count} events from {decisions} decisions "
          f"({left} left unsent) in {elapsed:.2f} s; relay CPU "
          f"{cpu / counter.count * 1e6:.0f} us per event, "
          f"{cpu / decisions * 1e3:.3f} ms per decision")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--decisions", type=int, default=2000)
    parser.add_argument("--per-decision", type=int, default=4)
    parser.add_argument("--postgres", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        if args.postgres:
            with fresh_database("postgresql", Path(tmp), "bench") as url:
                asyncio.run(run(url, args.decisions, args.per_decision))
        else:
            asyncio.run(run(f"sqlite:///{Path(tmp) / 'relay.db'}", args.decisions,
                            args.per_decision))


if __name__ == "__main__":
    main()
