"""How long a consumer lets the broker hold its next fetch, from the polls it just had."""

from __future__ import annotations

import pytest

from shared.kafka import EventConsumer
from shared.kafka.linger import NO_LINGER, AdaptiveLinger, FetchWait, FixedLinger
from shared.settings import ServiceSettings


def waits(linger: AdaptiveLinger | FixedLinger, polls: list[int]) -> list[int]:
    return [linger.after_poll(records).max_wait_ms for records in polls]


def test_a_dispatch_consumer_never_holds_a_lone_call() -> None:
    linger = AdaptiveLinger(5)
    assert all(linger.after_poll(records) == NO_LINGER for records in [1, 1, 0, 1, 1])
    assert NO_LINGER.min_bytes == 1  # the fetch returns on the first record


def test_a_dispatch_consumer_lingers_only_while_polls_keep_bringing_several() -> None:
    linger = AdaptiveLinger(5)
    # One burst is not enough; a second poll of several in a row is.
    assert waits(linger, [3, 4, 6]) == [500, 5, 5]
    busy = linger.after_poll(2)
    assert busy == FetchWait(5, busy.min_bytes) and busy.min_bytes > 1
    # The first poll of one record (or none) lifts it at once.
    assert waits(linger, [1, 2, 0, 5, 5]) == [500, 500, 500, 500, 5]


def test_an_adaptive_linger_of_zero_never_holds_a_fetch() -> None:
    assert waits(AdaptiveLinger(0), [5, 5, 5, 5]) == [500] * 4


def test_a_fixed_linger_holds_fetches_while_events_flow_and_not_after_a_lull() -> None:
    assert waits(FixedLinger(20), [1, 7, 0, 1]) == [20, 20, 500, 20]


def test_a_consumer_takes_a_fixed_or_an_adaptive_linger_not_both() -> None:
    with pytest.raises(ValueError, match="not both"):
        EventConsumer(ServiceSettings(), topics=[], group="g", publisher=object(),  # type: ignore[arg-type]
                      fetch_linger_ms=20, adaptive_linger_ms=5)
