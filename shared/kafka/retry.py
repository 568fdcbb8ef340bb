"""Failures worth waiting out, and the doubling wait between tries."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable

# The longest wait between two tries at something that keeps failing (an outage).
MAX_BACKOFF_S = 30.0


class KafkaUnavailable(RuntimeError):
    """Kafka did not acknowledge in time: the caller must not report success."""


class KafkaUnacknowledged(KafkaUnavailable):
    """The producer had the record but Kafka did not acknowledge it in time: it may still
    be delivered (the producer keeps it until it stops), so the caller may neither report
    success nor say that nothing was accepted."""


class TransientError(RuntimeError):
    """A failure worth retrying forever (a database or Kafka outage), never dead-lettered."""


class Backoff:
    """Waits between tries that double from ``first`` up to :data:`MAX_BACKOFF_S`."""

    __slots__ = ("first", "next", "sleep")

    def __init__(self, first: float,
                 sleep: Callable[[float], Awaitable[None]] = asyncio.sleep) -> None:
        self.first = self.next = first
        # injected by tests: patching asyncio.sleep itself would stall every other task
        # sharing the event loop (a consumer's coordinator loops on it)
        self.sleep = sleep

    def reset(self) -> None:
        self.next = self.first

    async def wait(self, stopping: asyncio.Event | None = None) -> None:
        """Wait the next delay, or less if ``stopping`` is set meanwhile."""
        delay, self.next = min(self.next, MAX_BACKOFF_S), self.next * 2
        if stopping is None:
            await self.sleep(delay)
            return
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stopping.wait(), timeout=delay)
