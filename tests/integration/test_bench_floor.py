"""The bench's broker floor, back to back and paced at a step's rate, on the real broker."""

from __future__ import annotations

import time

from benchmarks.e2e_bench import measure_floor, warm_up_broker
from shared.settings import ServiceSettings


async def test_paced_floor_spaces_its_sends_at_the_rate(kafka_settings: ServiceSettings) -> None:
    started = time.monotonic()
    paced = await measure_floor(kafka_settings, samples=40, timeout_s=30, rate=50)
    elapsed = time.monotonic() - started
    # 40 samples plus 10 warm-ups, 20 ms apart: a second at least; back to back they
    # take a few tens of milliseconds.
    assert elapsed >= 50 / 50 * 0.95
    assert paced["rate"] == 50 and paced["samples"] == 40
    assert 0 < paced["single_hop_ms"]["p50"] <= paced["single_hop_ms"]["p99"]


async def test_back_to_back_floor_is_measured_beside_a_paced_one(
    kafka_settings: ServiceSettings,
) -> None:
    """Both floors in one run: each on a topic of its own under the run's prefix."""
    back_to_back = await measure_floor(kafka_settings, samples=40, timeout_s=30)
    paced = await measure_floor(kafka_settings, samples=20, timeout_s=30, rate=100)
    assert back_to_back["rate"] is None and back_to_back["samples"] == 40
    assert paced["samples"] == 20


async def test_broker_warm_up_runs_rounds_for_its_duration(
    kafka_settings: ServiceSettings,
) -> None:
    started = time.monotonic()
    p50s = await warm_up_broker(kafka_settings, duration_s=1.0, round_trips=20)
    assert time.monotonic() - started >= 1.0
    assert p50s and all(p50 > 0 for p50 in p50s)
