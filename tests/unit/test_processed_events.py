"""The durable record of handled events: batched marks survive a restart, overlaps included."""

from __future__ import annotations

from pathlib import Path

import pytest

from shared.db import DatabaseProcessedEvents, dbapi_sql, dbapi_transaction, make_engine
from shared.kafka import MemoryProcessedEvents
from tests.db_support import STORES, fresh_database


@pytest.mark.parametrize("kind", STORES)
def test_marks_survive_a_restart_and_an_overlapping_batch_keeps_its_new_ids(
    kind: str, tmp_path: Path,
) -> None:
    with fresh_database(kind, tmp_path, "p") as url:
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


def test_the_cache_stays_bounded_and_the_store_still_answers(tmp_path: Path) -> None:
    """A long-running consumer's memory does not grow with every event it has handled."""
    store = DatabaseProcessedEvents(make_engine(f"sqlite:///{tmp_path / 'p.db'}"), "g",
                                    cache_size=100)
    ids = [f"id-{n}" for n in range(1000)]
    for start in range(0, 1000, 50):
        store.mark(ids[start:start + 50])
    assert len(store._cache) == 100
    assert store.seen_many([*ids[:10], "never"]) == set(ids[:10])


@pytest.mark.parametrize("kind", STORES)
def test_the_connection_a_lookup_used_is_transactional_again_for_the_next_writer(
    kind: str, tmp_path: Path,
) -> None:
    """The per-poll look-up reads outside a transaction; the pooled connection it hands
    back must not stay that way, or a later transaction that fails would keep the
    statements it ran before failing."""
    with fresh_database(kind, tmp_path, "p") as url:
        engine = make_engine(url)
        processed = DatabaseProcessedEvents(engine, "triage")
        assert processed.seen_many(["a"]) == set()
        with pytest.raises(RuntimeError), dbapi_transaction(engine) as cursor:
            cursor.execute(dbapi_sql(engine, "INSERT INTO processed_event (consumer, event_id, "
                                             "handled_at) VALUES (?, ?, ?)"),
                           ("triage", "a", "2026-11-26 07:00:00"))
            raise RuntimeError("the work after the insert failed")
        assert DatabaseProcessedEvents(engine, "triage").seen_many(["a"]) == set()
        engine.dispose()
