"""The per-key token bucket, on an injected clock (no sleeping)."""

from __future__ import annotations

from services.intake.limits import RateLimiter


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_a_burst_passes_then_the_rate_holds() -> None:
    clock = Clock()
    limiter = RateLimiter(rate=2.0, burst=3, clock=clock)
    assert [limiter.take("k") for _ in range(3)] == [0.0, 0.0, 0.0]
    wait = limiter.take("k")
    assert wait == 0.5
    clock.now += 0.5
    assert limiter.take("k") == 0.0
    assert limiter.take("k") > 0


def test_each_key_has_its_own_bucket() -> None:
    clock = Clock()
    limiter = RateLimiter(rate=1.0, burst=1, clock=clock)
    assert limiter.take("a") == 0.0
    assert limiter.take("a") > 0
    assert limiter.take("b") == 0.0


def test_tokens_refill_up_to_the_burst_only() -> None:
    clock = Clock()
    limiter = RateLimiter(rate=10.0, burst=2, clock=clock)
    limiter.take("k")
    clock.now += 3600
    assert [limiter.take("k") for _ in range(2)] == [0.0, 0.0]
    assert limiter.take("k") > 0


def test_a_zero_rate_turns_limiting_off() -> None:
    limiter = RateLimiter(rate=0, burst=1, clock=Clock())
    assert all(limiter.take("k") == 0.0 for _ in range(1000))


def test_retry_after_is_whole_seconds_at_least_one() -> None:
    assert RateLimiter.retry_after(0.01) == "1"
    assert RateLimiter.retry_after(1.2) == "2"
