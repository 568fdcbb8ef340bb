"""The loop that acts on due deadlines, taking turns with the calls coming in.

A SQLite transaction runs on the event loop (``shared.db.run_store_work``), so a loop over
many due deadlines would hold it for as long as they take: when every crew of a shift
misses its acknowledgement at once (a responder app down, a roster that ran dry), a
hundred and more deadlines fall due together, a few milliseconds each, and a new call's
decision waited behind all of them (2 to 14 s, measured with ``make bench``'s
no-crews runs, where every crew lets its acknowledgement lapse at 90 s). Here the
deadlines yield to the loop after each one, and after each slice of
:data:`SLICE_S` of work they pause as long again, so a burst takes at most half the
loop's time and a call's decision waits at most about one slice.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable

from services.assignment.dispatcher import Dispatcher
from shared.db import run_store_work

log = logging.getLogger(__name__)

# The longest the deadlines hold the event loop at a stretch, and the pause after it.
SLICE_S = 0.02


class Slices:
    """Turns for a run of store work on the event loop: after each piece, a yield; after
    ``slice_s`` of pieces, a pause of ``slice_s`` (``pause`` and ``clock`` injectable)."""

    def __init__(self, slice_s: float = SLICE_S, *,
                 clock: Callable[[], float] = time.monotonic,
                 pause: Callable[[float], Awaitable[None]] = asyncio.sleep) -> None:
        self.slice_s = slice_s
        self._clock = clock
        self._pause = pause
        self._started = clock()

    async def between(self) -> None:
        if self._clock() - self._started >= self.slice_s:
            await self._pause(self.slice_s)
            self._started = self._clock()
        else:
            await asyncio.sleep(0)


async def act_on_due_deadlines(dispatcher: Dispatcher, slices: Slices | None = None) -> int:
    """Fallback, acknowledgement and floor deadlines due now, read from the database, and
    where decisions run side by side a sweep of the queue; returns how many deadlines
    were acted on."""
    slices = slices or Slices()
    engine = dispatcher.engine
    acted = 0
    for need_id in await run_store_work(engine, dispatcher.due_needs):
        await run_store_work(engine, dispatcher.run_timer, need_id)
        acted += 1
        await slices.between()
    for call_id in await run_store_work(engine, dispatcher.due_floor):
        await run_store_work(engine, dispatcher.run_floor_timer, call_id)
        acted += 1
        await slices.between()
    if dispatcher.shares_rows:
        await run_store_work(engine, dispatcher.sweep_queue)
    return acted


async def run_timers(dispatcher: Dispatcher, interval_s: float) -> None:
    """Act on due deadlines every ``interval_s``, whatever fails along the way."""
    while True:
        try:
            await act_on_due_deadlines(dispatcher)
        except Exception:
            log.exception("timer tick failed; will retry")
        await asyncio.sleep(interval_s)
