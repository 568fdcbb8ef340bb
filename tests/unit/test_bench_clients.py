"""The bench's HTTP clients stop, bounded, even when a worker missed its first cancel."""

from __future__ import annotations

import asyncio

from benchmarks.e2e_bench import _HttpClient


class MissesOneCancel(_HttpClient):
    """A worker that swallows its first cancel and goes back to waiting, as one inside
    Python 3.11's asyncio.wait_for can."""

    def __init__(self) -> None:
        super().__init__("http://127.0.0.1:9", "token", connections=2)
        self.queue: asyncio.Queue[int] = asyncio.Queue()

    async def _worker(self) -> None:
        try:
            await self.queue.get()
        except asyncio.CancelledError:
            pass
        await self.queue.get()


async def test_stop_cancels_again_a_worker_that_swallowed_the_first_cancel() -> None:
    client = MissesOneCancel()
    await client.start()
    await asyncio.sleep(0)
    await asyncio.wait_for(client.stop(), timeout=30)
    assert all(worker.done() for worker in client.workers)
