"""A consumer's counters and event-age histogram, read by the metrics collector."""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass, field

# Upper bounds, in seconds, of the event-age histogram: a healthy hop takes milliseconds;
# the top buckets show a consumer catching up after an outage.
EVENT_AGE_BUCKETS = (0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
                     30.0, 60.0)


@dataclass
class AgeHistogram:
    """How old events were (now minus their ``occurred_at``) when a consumer's work on
    them was done: handled, published and acknowledged. Per bucket, not cumulative; read
    at scrape time. Across machines it includes their clock difference (keep NTP on)."""

    counts: list[int] = field(default_factory=lambda: [0] * (len(EVENT_AGE_BUCKETS) + 1))
    sum_s: float = 0.0

    def observe(self, occurred_at: Iterable[float], now: float) -> None:
        counts = self.counts
        for at in occurred_at:
            age = max(0.0, now - at)
            counts[bisect.bisect_left(EVENT_AGE_BUCKETS, age)] += 1
            self.sum_s += age


@dataclass
class ConsumerStats:
    handled: int = 0
    skipped_duplicates: int = 0
    dead_lettered: int = 0
    retries: int = 0
    restarts: int = 0
    age: AgeHistogram = field(default_factory=AgeHistogram)
