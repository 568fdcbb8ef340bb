"""A unit's live feed as Server-Sent Events, for as long as its credential holds.

A stream outlives the request that opened it, so it checks its credential again (the
bearer key, or the page's session) before it sends anything new and, with nothing to
send, at least every ``recheck_s`` on the service's clock: once the key is revoked or
the session has ended, it says so and closes. Each instance serves at most
``max_streams_per_unit`` streams per unit at once (:class:`StreamSlots`).
"""

from __future__ import annotations

import asyncio
import json
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from fastapi.responses import StreamingResponse
from starlette.types import Receive, Scope, Send

from services.assignment.store import FeedEntry

# The last event of a stream whose credential no longer holds: the page signs in again.
SIGNED_OUT = "event: signed-out\ndata: {}\n\n"


class StreamSlots:
    """Streams open per unit on this instance, at most ``per_unit`` each."""

    def __init__(self, per_unit: int) -> None:
        self.per_unit = per_unit
        self._open: Counter[str] = Counter()

    def take(self, unit_id: str) -> bool:
        if self._open[unit_id] >= self.per_unit:
            return False
        self._open[unit_id] += 1
        return True

    def give_back(self, unit_id: str) -> None:
        self._open[unit_id] -= 1
        if self._open[unit_id] <= 0:
            del self._open[unit_id]

    def open_for(self, unit_id: str) -> int:
        return self._open[unit_id]


class HeldStream(StreamingResponse):
    """A stream that gives its slot back however it ends (finished, client gone, or never
    started because the connection dropped first)."""

    def __init__(self, content: AsyncIterator[str], slots: StreamSlots, unit_id: str,
                 **kwargs: Any) -> None:
        super().__init__(content, **kwargs)
        self.slots, self.unit_id = slots, unit_id

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            await super().__call__(scope, receive, send)
        finally:
            self.slots.give_back(self.unit_id)


@dataclass(frozen=True)
class FeedTiming:
    poll_s: float  # how often the feed is read for news
    recheck_s: float  # longest a quiet stream goes without checking its credential
    keepalive_s: float = 15.0


async def live_events(
    *, read_news: Callable[[], Awaitable[list[str]]],
    still_allowed: Callable[[], Awaitable[bool]], disconnected: Callable[[], Awaitable[bool]],
    clock: Callable[[], float], timing: FeedTiming,
) -> AsyncIterator[str]:
    """What ``read_news`` finds (SSE messages, each read once), while the credential
    holds."""
    yield "retry: 2000\n: connected\n\n"
    checked_at = clock()
    idle = 0.0
    while not await disconnected():
        news = await read_news()
        if news or clock() - checked_at >= timing.recheck_s:
            if not await still_allowed():
                yield SIGNED_OUT
                return
            checked_at = clock()
        for message in news:
            yield message
        if news:
            idle = 0.0
            continue
        await asyncio.sleep(timing.poll_s)
        idle += timing.poll_s
        if idle >= timing.keepalive_s:
            idle = 0.0
            yield ": keepalive\n\n"


def assignment_events(
    *, read_after: Callable[[int], Awaitable[list[FeedEntry]]], after: int,
    still_allowed: Callable[[], Awaitable[bool]], disconnected: Callable[[], Awaitable[bool]],
    clock: Callable[[], float], timing: FeedTiming,
) -> AsyncIterator[str]:
    """The feed's entries after ``after``, as SSE, while the credential holds."""
    last = after

    async def read_news() -> list[str]:
        nonlocal last
        messages = []
        for entry in await read_after(last):
            last = entry.id or last
            data = json.dumps({"id": entry.id, **entry.data})
            messages.append(f"id: {entry.id}\nevent: assignment\ndata: {data}\n\n")
        return messages

    return live_events(read_news=read_news, still_allowed=still_allowed,
                       disconnected=disconnected, clock=clock, timing=timing)


def _json_value(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime) else str(value)


def queue_events(
    *, read_queue: Callable[[], Awaitable[dict[str, Any]]],
    still_allowed: Callable[[], Awaitable[bool]], disconnected: Callable[[], Awaitable[bool]],
    clock: Callable[[], float], timing: FeedTiming,
) -> AsyncIterator[str]:
    """The floor's queue as SSE: the whole queue (event ``queue``) first and whenever it
    changes, while the credential holds."""
    last: str | None = None

    async def read_news() -> list[str]:
        nonlocal last
        snapshot = await read_queue()
        # The server's "now" moves on every read; only the queue itself is news.
        body = json.dumps({k: v for k, v in snapshot.items() if k != "now"},
                          default=_json_value, sort_keys=True)
        if body == last:
            return []
        last = body
        return [f"event: queue\ndata: {json.dumps(snapshot, default=_json_value)}\n\n"]

    return live_events(read_news=read_news, still_allowed=still_allowed,
                       disconnected=disconnected, clock=clock, timing=timing)
