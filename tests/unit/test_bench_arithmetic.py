"""The bench's arithmetic: percentiles, a step's summary, the sustain verdict and the plan
of steps and paced floors, on figures whose right answers are known."""

from __future__ import annotations

import pytest

from benchmarks.e2e.cli import paced_floor_rates
from benchmarks.e2e.config import step_plan
from benchmarks.e2e.load import Sent
from benchmarks.e2e.observe import Observed
from benchmarks.e2e.stats import percentile, summary_ms
from benchmarks.e2e.steps import is_sustained, summarise_step


def test_percentiles_interpolate_between_the_two_nearest_values() -> None:
    values = [float(v) for v in range(100, 0, -1)]  # 100 down to 1: order does not matter
    assert percentile(values, 0.50) == pytest.approx(50.5)
    assert percentile(values, 0.99) == pytest.approx(99.01)
    assert percentile(values, 1.0) == 100.0
    assert percentile([10.0, 20.0], 0.5) == 15.0
    assert percentile([7.0], 0.99) == 7.0
    assert percentile([], 0.5) is None


def test_a_summary_is_in_milliseconds() -> None:
    summary = summary_ms([0.001, 0.002, 0.003, 0.010])
    assert summary["n"] == 4
    assert summary["p50"] == pytest.approx(2.5)
    assert summary["max"] == pytest.approx(10.0)
    assert summary["mean"] == pytest.approx(4.0)
    assert summary_ms([])["p99"] is None


KEPT_UP = {"rate": 100.0, "achieved_send_rate": 100.0, "sent": 1000, "accepted": 1000,
           "decided": 1000, "backlog": 0, "lag_total": 0.0}


def test_a_step_that_kept_up_is_sustained() -> None:
    assert is_sustained(**KEPT_UP)
    # At the edges: 95 % of the rate sent, 99 % accepted and decided, one second left.
    assert is_sustained(100.0, 95.0, 1000, 990, 981, backlog=100, lag_total=100.0)


@pytest.mark.parametrize("change", [
    {"achieved_send_rate": 94.9},     # the calls did not go out on schedule
    {"accepted": 989},                # more than 1 % refused or unanswered
    {"decided": 989},                 # more than 1 % of the accepted never decided
    {"backlog": 101},                 # more than a second's worth left undecided
    {"backlog": None},                # some POSTs never answered
    {"lag_total": 101.0},             # the consumers more than a second behind
])
def test_a_step_that_fell_behind_is_not_sustained(change: dict[str, object]) -> None:
    assert not is_sustained(**{**KEPT_UP, **change})  # type: ignore[arg-type]


def _sent(call_id: str, sent: float, accepted: float | None) -> Sent:
    return Sent(call_id=call_id, sent=sent, sent_wall=1000.0 + sent, accepted=accepted,
                accepted_wall=None if accepted is None else 1000.0 + accepted,
                status=202 if accepted is not None else -1)


def test_a_step_summary_measures_from_the_202_and_from_the_post_sent() -> None:
    sent = [_sent("a", 0.000, 0.004), _sent("b", 0.010, 0.012), _sent("", 0.020, None)]
    observed = Observed(decided_at={"a": 0.010, "b": 0.030}, first_assigned={"b"})
    info = {"sent": 3, "achieved_send_rate": 100.0, "backlog_after_send": 0,
            "resources": {"intake": {"cpu_seconds": 0.004},
                          "kafka-broker": {"cpu_seconds": 0.002},
                          "load-generator": {"cpu_seconds": 0.001}}}
    step = summarise_step(100.0, 10.0, sent, info, observed, lag={"g": 0.0}, audit_lat=[],
                          hops={}, floor_p50=2.0, paced_floor_p50=4.0)
    assert (step["accepted"], step["decided"]) == (2, 2)
    assert step["statuses"] == {"202": 2, "-1": 1}
    # a: 6 ms from its 202, 10 ms from its send; b: 18 and 20 ms.
    assert step["e2e_accepted_to_decided_ms"]["p50"] == pytest.approx(12.0)
    assert step["e2e_sent_to_decided_ms"]["max"] == pytest.approx(20.0)
    assert step["e2e_accepted_to_unit_assigned_ms"]["n"] == 1
    assert step["http_post_ms"]["p50"] == pytest.approx(3.0)
    assert step["ratio_to_floor_p50"]["e2e_accepted_to_decided_ms"] == 6.0
    assert step["ratio_to_paced_floor_p50"] == 3.0
    # One of three calls refused: the step did not keep up.
    assert step["sustained"] is False
    # CPU per call counts the calls accepted (2), every process and their total.
    assert [(r["process"], r["ms_per_call"]) for r in step["cpu_per_call"]] == [
        ("intake", 2.0), ("kafka-broker", 1.0), ("load-generator", 0.5), ("total", 3.5)]


def test_the_plan_runs_each_rate_then_the_sustain_check() -> None:
    assert step_plan([50, 100], 20.0, 300.0, 60.0) == [(50, 20.0), (100, 20.0), (300.0, 60.0)]
    assert step_plan([100, 100], 30.0, 1000.0, 0.0) == [(100, 30.0), (100, 30.0)]
    assert step_plan([], 10.0, 600.0, 60.0) == [(600.0, 60.0)]


def test_the_floor_is_paced_once_at_each_rate_a_step_runs_at() -> None:
    assert paced_floor_rates([100.0] * 5, 1000.0, 0.0) == [100.0]
    assert paced_floor_rates([200.0], 200.0, 60.0) == [200.0]
    assert paced_floor_rates([], 600.0, 60.0) == [600.0]
    assert paced_floor_rates([50.0, 100.0], 300.0, 60.0) == [50.0, 100.0, 300.0]
