"""Offset commits, coalesced and off the poll path."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time

from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.errors import KafkaError
from aiokafka.structs import OffsetAndMetadata

log = logging.getLogger(__name__)


class OffsetCommitter:
    """Commits offsets whose events are all done.

    An offset commit is a round trip to the group coordinator (6-10 ms measured on a busy
    machine) and a write to the broker's offsets log; one per poll, at a few events per
    poll, was a tenth of the broker's work. Offsets wait here at most ``interval_s`` and
    go in one commit. A commit lost to a crash or a rebalance means a re-read, which is
    skipped by event id.
    """

    def __init__(self, interval_s: float, stopping: asyncio.Event) -> None:
        self.interval_s = interval_s
        self._stopping = stopping  # a stopping consumer commits at once
        self._pending: dict[TopicPartition, OffsetAndMetadata] = {}
        self._task: asyncio.Task[None] | None = None
        self._last_commit = 0.0

    def add(self, consumer: AIOKafkaConsumer, next_offsets: dict[TopicPartition, int]) -> None:
        """Offsets to commit soon: for each partition, the next offset to read."""
        self._pending.update(
            {tp: OffsetAndMetadata(offset, "") for tp, offset in next_offsets.items()})
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self._commit_soon(consumer))

    def forget(self) -> None:
        """Drop what is pending (the consumer it was for is gone: its events are re-read)."""
        self._pending = {}

    async def flush(self) -> None:
        """Wait for the commit on its way, if any."""
        task, self._task = self._task, None
        if task is not None:
            await task

    async def _commit_soon(self, consumer: AIOKafkaConsumer) -> None:
        while self._pending:
            wait = self._last_commit + self.interval_s - time.monotonic()
            if wait > 0:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._stopping.wait(), timeout=wait)
            assigned = consumer.assignment()
            offsets = {tp: offset for tp, offset in self._pending.items() if tp in assigned}
            self._pending = {}
            self._last_commit = time.monotonic()
            if not offsets:
                continue
            try:
                await consumer.commit(offsets)
            except (KafkaError, AssertionError):
                log.warning("commit failed; events will be re-read and skipped by id",
                            extra={"partitions": [f"{tp.topic}:{tp.partition}"
                                                  for tp in offsets]})
