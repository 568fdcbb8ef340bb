"""How long the broker may hold a consumer's next fetch, decided from its recent polls.

A fetch with ``min_bytes`` 1 returns as soon as one record lands: at moderate rates every
record then costs a fetch round trip of its own (CPU in the client and in the broker).
Letting the broker hold a fetch until more has gathered saves those round trips, for
that much latency. Which consumer may pay it:

- off the dispatch path (audit, assignment's reader of cancellations): :class:`FixedLinger`,
  a fixed linger while events flow;
- on the dispatch path (triage, assignment): :class:`AdaptiveLinger`, which never holds a
  lone call, and lingers a few ms only while polls keep bringing several records, that
  is while records already queue behind the work of the consumer, and while records
  arrive fast enough that a window of the linger gathers several: below that rate a
  lingering fetch comes back with one record or none, as often as the records came, and
  only adds a wait (and the broker's work of holding it).

Pure decisions, on record counts and a clock the caller gives: the poll loop applies the
:class:`FetchWait` returned.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

# With a linger, a fetch returns early only once this much has gathered.
LINGER_FETCH_MIN_BYTES = 256 * 1024
# aiokafka's default longest wait of a fetch with nothing to return.
IDLE_FETCH_MAX_WAIT_MS = 500


@dataclass(frozen=True)
class FetchWait:
    """The broker holds a fetch until ``min_bytes`` have gathered or ``max_wait_ms`` passed."""

    max_wait_ms: int
    min_bytes: int


# The first byte is handed over at once; an idle consumer asks twice a second.
NO_LINGER = FetchWait(IDLE_FETCH_MAX_WAIT_MS, 1)


class FixedLinger:
    """While events flow, a fetch may wait up to ``linger_ms``; after an empty poll it
    returns on the first byte again, so the first event after a lull is not held."""

    def __init__(self, linger_ms: int) -> None:
        self.lingering = FetchWait(linger_ms, LINGER_FETCH_MIN_BYTES)

    def after_poll(self, records: int) -> FetchWait:
        return self.lingering if records else NO_LINGER


class AdaptiveLinger:
    """No wait after a poll of one record (or none); a wait of at most ``max_linger_ms``
    once ``busy_polls`` polls in a row each brought at least ``busy_records`` records,
    and records arrived over the last ``rate_window_s`` fast enough that one linger
    gathers ``gather_records`` of them.

    One record a poll means the consumer keeps up record by record, and holding the next
    fetch would only add latency. Several, poll after poll, mean records arrive while the
    consumer works: the next ones would wait for it anyway, and gathering them in one
    fetch saves a round trip each, but only if they come fast enough to gather: at 250
    records a second a 5 ms linger holds one or two, and measured end to end it cost CPU
    (in the broker most) rather than saving it. A lone burst does not switch the linger
    on, and the first poll of one record switches it off.
    """

    def __init__(self, max_linger_ms: int, *, busy_records: int = 2, busy_polls: int = 2,
                 gather_records: int = 4, rate_window_s: float = 1.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.lingering = FetchWait(max_linger_ms, LINGER_FETCH_MIN_BYTES)
        self.busy_records = busy_records
        self.busy_polls = busy_polls
        # Records a second from which a linger of max_linger_ms gathers gather_records.
        self.lingering_rate = (gather_records * 1000 / max_linger_ms if max_linger_ms > 0
                               else float("inf"))
        self.rate_window_s = rate_window_s
        self._clock = clock
        self._busy_in_a_row = 0
        self._window_start: float | None = None
        self._window_records = 0
        self._rate = 0.0  # records a second over the last full window

    @property
    def rate(self) -> float:
        return self._rate

    def _count(self, records: int) -> None:
        now = self._clock()
        if self._window_start is None:
            self._window_start = now
        self._window_records += records
        elapsed = now - self._window_start
        if elapsed >= self.rate_window_s:
            self._rate = self._window_records / elapsed
            self._window_start, self._window_records = now, 0

    def after_poll(self, records: int) -> FetchWait:
        self._count(records)
        if records >= self.busy_records:
            self._busy_in_a_row += 1
        else:
            self._busy_in_a_row = 0
        if self._busy_in_a_row >= self.busy_polls and self._rate >= self.lingering_rate:
            return self.lingering
        return NO_LINGER
