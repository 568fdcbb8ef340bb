"""How long a consumer lets the broker hold its next fetch, from the polls it just had."""

from __future__ import annotations

import pytest

from shared.kafka import EventConsumer
from shared.kafka.linger import NO_LINGER, AdaptiveLinger, FetchWait, FixedLinger
from shared.settings import ServiceSettings


class Clock:
    """Time as the test sets it."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def waits(linger: AdaptiveLinger | FixedLinger, polls: list[int]) -> list[int]:
    return [linger.after_poll(records).max_wait_ms for records in polls]


def paced(linger: AdaptiveLinger, clock: Clock, polls: list[int], *,
          every_s: float) -> list[int]:
    """The waits decided after polls that came ``every_s`` apart."""
    decided = []
    for records in polls:
        clock.now += every_s
        decided.append(linger.after_poll(records).max_wait_ms)
    return decided


def busy_linger(clock: Clock) -> AdaptiveLinger:
    """A 5 ms linger after a second of 1,000 records a second (5 a linger), in polls of
    four: records queue behind the consumer's work, and fast enough to gather."""
    linger = AdaptiveLinger(5, clock=clock)
    paced(linger, clock, [4] * 251, every_s=0.004)
    assert linger.rate == pytest.approx(1000, rel=0.01)
    return linger


def test_a_dispatch_consumer_never_holds_a_lone_call() -> None:
    linger = AdaptiveLinger(5)
    assert all(linger.after_poll(records) == NO_LINGER for records in [1, 1, 0, 1, 1])
    assert NO_LINGER.min_bytes == 1  # the fetch returns on the first record
    # Nor at a high rate, while each poll brings one record: the consumer keeps up.
    clock = Clock()
    fast = busy_linger(clock)
    assert paced(fast, clock, [1] * 500, every_s=0.001) == [500] * 500


def test_a_dispatch_consumer_lingers_only_while_polls_keep_bringing_several() -> None:
    clock = Clock()
    linger = busy_linger(clock)
    # One burst is not enough; a second poll of several in a row is.
    assert paced(linger, clock, [1, 3, 4, 6], every_s=0.004) == [500, 500, 5, 5]
    busy = linger.after_poll(2)
    assert busy == FetchWait(5, busy.min_bytes) and busy.min_bytes > 1
    # The first poll of one record (or none) lifts it at once.
    assert paced(linger, clock, [1, 2, 0, 5, 5], every_s=0.004) == [500, 500, 500, 500, 5]


def test_no_linger_while_records_come_too_slowly_to_gather_in_one() -> None:
    """250 records a second, in polls of two and three behind a slow handler: a 5 ms
    linger would gather one or two, and cost the broker a fetch every 5 ms."""
    clock = Clock()
    linger = AdaptiveLinger(5, clock=clock)
    assert set(paced(linger, clock, [2, 3] * 250, every_s=0.01)) == {500}
    assert linger.rate == pytest.approx(250, rel=0.01)


def test_the_linger_lifts_once_the_rate_falls_for_a_window() -> None:
    clock = Clock()
    linger = busy_linger(clock)
    assert paced(linger, clock, [4, 4], every_s=0.004)[-1] == 5
    # Polls of two, a tenth of a second apart: 20 records a second.
    slow = paced(linger, clock, [2] * 12, every_s=0.1)
    assert slow[:8] == [5] * 8  # the window that measured a high rate still counts
    assert slow[-1] == 500 and linger.rate < 100
    # Half a linger's worth a window is as slow: the switch is at 800 a second for 5 ms.
    assert AdaptiveLinger(5).lingering_rate == 800


def test_an_adaptive_linger_of_zero_never_holds_a_fetch() -> None:
    assert waits(AdaptiveLinger(0), [5, 5, 5, 5]) == [500] * 4


def test_a_fixed_linger_holds_fetches_while_events_flow_and_not_after_a_lull() -> None:
    assert waits(FixedLinger(20), [1, 7, 0, 1]) == [20, 20, 500, 20]


def test_a_consumer_takes_a_fixed_or_an_adaptive_linger_not_both() -> None:
    with pytest.raises(ValueError, match="not both"):
        EventConsumer(ServiceSettings(), topics=[], group="g", publisher=object(),  # type: ignore[arg-type]
                      fetch_linger_ms=20, adaptive_linger_ms=5)
