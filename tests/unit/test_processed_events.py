"""The durable record of handled events: batched marks survive a restart, overlaps included."""

from __future__ import annotations

from pathlib import Path

from shared.db import DatabaseProcessedEvents, make_engine
from shared.kafka import MemoryProcessedEvents


def test_marks_survive_a_restart_and_an_overlapping_batch_keeps_its_new_ids(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{tmp_path / 'p.db'}"
    first = DatabaseProcessedEvents(make_engine(url), "triage")
    first.mark(["a", "b"])
    # A new process (empty cache) that marks an overlapping poll: "b" is already there.
    second = DatabaseProcessedEvents(make_engine(url), "triage")
    second.mark(["b", "c"])
    restarted = DatabaseProcessedEvents(make_engine(url), "triage")
    assert restarted.seen_many(["a", "b", "c", "d"]) == {"a", "b", "c"}
    assert restarted.seen("c") and not restarted.seen("d")
    # Another consumer group's record is its own.
    assert DatabaseProcessedEvents(make_engine(url), "audit").seen_many(["a"]) == set()


def test_seen_many_asks_in_chunks_and_memory_store_answers_the_same() -> None:
    memory = MemoryProcessedEvents()
    ids = [f"id-{n}" for n in range(1200)]
    memory.mark(ids[:700])
    assert memory.seen_many(ids) == set(ids[:700])


def test_seen_many_over_the_chunk_size(tmp_path: Path) -> None:
    store = DatabaseProcessedEvents(make_engine(f"sqlite:///{tmp_path / 'p.db'}"), "g")
    ids = [f"id-{n}" for n in range(1200)]
    store.mark(ids[:700])
    fresh = DatabaseProcessedEvents(store.engine, "g")
    assert fresh.seen_many(ids) == set(ids[:700])
