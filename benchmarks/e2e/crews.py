"""The crews' player: units report on scene and then available, as a crew's app would."""

from __future__ import annotations

import asyncio
import json
import time

from benchmarks.e2e.keepalive import KeepAliveConnection, _HttpClient


class CrewClient(_HttpClient):
    """Plays the crews: ``hold_s`` after a unit is sent, it reports on scene and then
    available (cleared), as a crew's app would, through assignment's API. Without this
    the roster runs dry within seconds and nearly every decision is CallQueued, so the
    bench would not measure the path to UnitAssigned."""

    def __init__(self, url: str, token: str, hold_s: float, connections: int = 16) -> None:
        super().__init__(url, token, connections)
        self.hold_s = hold_s
        self.queue: asyncio.Queue[tuple[float, str, str]] = asyncio.Queue()
        self.cleared = 0
        self.refused = 0

    def unit_sent(self, unit_id: str, call_id: str) -> None:
        self.queue.put_nowait((time.monotonic() + self.hold_s, unit_id, call_id))

    async def start(self) -> None:
        if self.hold_s > 0:
            await super().start()

    async def _worker(self) -> None:
        connection = KeepAliveConnection(self.host, self.port)
        while True:
            due, unit_id, call_id = await self.queue.get()
            await asyncio.sleep(max(0.0, due - time.monotonic()))
            try:
                # Both reports name the call, so a repeat is refused (409), never applied
                # to the unit's next call.
                for status in ("on_scene", "available"):
                    payload = json.dumps({"status": status, "call_id": call_id}).encode()
                    code, _ = await connection.exchange(
                        self._post(f"/v1/units/{unit_id}/status", payload))
                    if code != 200:
                        self.refused += 1
                        break
                else:
                    self.cleared += 1
            except (OSError, TimeoutError, ValueError, asyncio.IncompleteReadError):
                self.refused += 1

