"""The public metrics' guard: computed at most once per range per TTL, one at a time.

``GET /v1/public/metrics`` needs no login. It reads the daily rollups of at most
``RR_PUBLIC_MAX_WEEKS`` weeks (never the calls themselves), but a year of them is still a
few thousand rows to group and check per request; unguarded, anyone could keep audit's
CPU busy (and audit's consumer with it). So answers are reused for ``ttl_s`` (the
dashboard's default view costs one computation a minute however many people look), and
only one computation runs at a time: a request that waited ``wait_s`` for it gets 503
with Retry-After instead of piling up.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

_V = TypeVar("_V")

MAX_ENTRIES = 64


class PublicMetricsBusy(Exception):
    """Another computation held the slot for longer than a request may wait."""


class PublicMetricsCache(Generic[_V]):
    def __init__(self, ttl_s: float, wait_s: float,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.ttl_s, self.wait_s, self.clock = ttl_s, wait_s, clock
        self._entries: OrderedDict[Hashable, tuple[float, _V]] = OrderedDict()
        self._entries_lock = threading.Lock()
        # Routes run in FastAPI's thread pool: a thread lock, not an asyncio one.
        self._computing = threading.Lock()

    def _fresh(self, key: Hashable) -> tuple[bool, _V | None]:
        with self._entries_lock:
            entry = self._entries.get(key)
            if entry is not None and entry[0] > self.clock():
                return True, entry[1]
            return False, None

    def get(self, key: Hashable, compute: Callable[[], _V]) -> _V:
        hit, value = self._fresh(key)
        if hit:
            return value  # type: ignore[return-value]
        if not self._computing.acquire(timeout=self.wait_s):
            raise PublicMetricsBusy
        try:
            # Whoever held the slot may have computed this very range.
            hit, value = self._fresh(key)
            if hit:
                return value  # type: ignore[return-value]
            value = compute()
            with self._entries_lock:
                self._entries[key] = (self.clock() + self.ttl_s, value)
                self._entries.move_to_end(key)
                while len(self._entries) > MAX_ENTRIES:
                    self._entries.popitem(last=False)
            return value
        finally:
            self._computing.release()
