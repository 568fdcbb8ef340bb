"""The waits between tries during an outage: doubling, capped, cut short by a stop."""

from __future__ import annotations

import asyncio

from shared.kafka import MAX_BACKOFF_S, Backoff


async def test_waits_double_up_to_the_cap_and_start_again_after_a_reset() -> None:
    waited: list[float] = []

    async def record(delay: float) -> None:
        waited.append(delay)

    backoff = Backoff(4.0, sleep=record)
    for _ in range(5):
        await backoff.wait()
    backoff.reset()
    await backoff.wait()
    assert waited == [4.0, 8.0, 16.0, MAX_BACKOFF_S, MAX_BACKOFF_S, 4.0]


async def test_a_stop_ends_the_wait_at_once() -> None:
    stopping = asyncio.Event()
    backoff = Backoff(MAX_BACKOFF_S)
    waiting = asyncio.create_task(backoff.wait(stopping))
    await asyncio.sleep(0)
    stopping.set()
    # Returns well inside the 30 s it would otherwise wait.
    await asyncio.wait_for(waiting, timeout=2)
