"""The target presets: each expands to the target's command, and its verdicts say met
only when the figure is within the target and was measured at the target's conditions."""

from __future__ import annotations

from typing import Any

import pytest

from benchmarks.e2e.presets import PRESETS, TARGET_PRESETS, parse_args
from benchmarks.e2e.targets import TARGETS, Verdict, judged_step, verdicts
from shared.settings import REPO_ROOT

# The targets' commands as written out in docs/PERFORMANCE.md.
COMMANDS = {
    "crews-sqlite-200": "--rates 200 --step-s 10 --target 200 --sustain-s 60 --instances 1 "
                        "--crew-hold-s 1 --roster-copies 20 --db sqlite",
    "crews-postgres-100": "--rates 100 --step-s 10 --target 100 --sustain-s 60 --instances 1 "
                          "--crew-hold-s 1 --roster-copies 20 --db postgres",
    "no-crews-100x5": "--rates 100,100,100,100,100 --step-s 30 --sustain-s 0 --instances 1 "
                      "--db sqlite",
    "no-crews-600": "--rates= --target 600 --sustain-s 60 --instances 1 --db sqlite",
    "cpu-400": "--rates 400 --step-s 30 --sustain-s 0 --instances 1 --db sqlite",
}


@pytest.mark.parametrize("preset", sorted(COMMANDS))
def test_each_target_preset_is_its_command(preset: str) -> None:
    expanded = vars(parse_args(["--preset", preset]))
    written = vars(parse_args(COMMANDS[preset].split()))
    assert {**expanded, "preset": None} == written


def test_every_target_has_a_preset_and_verdicts() -> None:
    assert set(TARGET_PRESETS) == set(TARGETS) == set(COMMANDS)
    assert set(TARGET_PRESETS) <= set(PRESETS)


def test_options_beside_a_preset_override_it_and_the_older_presets_are_unchanged() -> None:
    args = parse_args(["--preset", "crews-sqlite-200", "--rates", "20", "--target", "20"])
    assert (args.rates, args.target, args.crew_hold_s, args.db) == ([20.0], 20.0, 1.0, "sqlite")
    old = parse_args(["--preset", "crews-postgres"])
    assert (old.rates, old.step_s, old.sustain_s, old.warmup_rate) == ([20, 40], 20.0, 0.0, 10.0)
    assert parse_args(["--preset", "cpu-split"]).rates == [250]


def step(rate: float, duration_s: float, **figures: Any) -> dict[str, Any]:
    """A step of a report, with the figures the verdicts read."""
    latency = {"p50": figures.get("p50", 5.0), "p99": figures.get("p99", 20.0)}
    return {
        "rate": rate, "duration_s": duration_s, "sent": 100, "accepted": 100, "decided": 100,
        "backlog_after_send": 0, "sustained": figures.get("sustained", True),
        "e2e_accepted_to_decided_ms": latency,
        "e2e_sent_to_decided_ms": {"p50": None, "p99": figures.get("p99_sent", 30.0)},
        "http_post_ms": {"p50": 1.0, "p99": figures.get("post_p99", 50.0)},
        "cpu_per_call": figures.get("cpu", [{"process": "total", "ms_per_call": 2.5}]),
    }


def report(*steps: dict[str, Any], paced: dict[float, float] | None = None) -> dict[str, Any]:
    return {"configs": [{"steps": list(steps)}],
            "floor_paced": [{"rate": r, "single_hop_ms": {"p50": p}}
                            for r, p in (paced or {}).items()]}


def met(judged: list[Verdict]) -> list[bool]:
    return [v.met for v in judged]


def test_crews_on_sqlite_are_met_when_held_60_s_with_a_p99_within_100_ms() -> None:
    warm = step(200, 10, p99=400.0, sustained=False)  # the ramp's step is not judged
    assert met(verdicts("crews-sqlite-200", report(warm, step(200, 60, p99=100.0)))) == [
        True, True]
    assert met(verdicts("crews-sqlite-200", report(warm, step(200, 60, p99=100.1)))) == [
        True, False]
    assert met(verdicts("crews-sqlite-200",
                        report(warm, step(200, 60, sustained=False)))) == [False, True]


def test_crews_on_postgres_allow_a_p99_of_150_ms_at_100_per_s() -> None:
    assert met(verdicts("crews-postgres-100", report(step(100, 60, p99=150.0)))) == [True, True]
    assert met(verdicts("crews-postgres-100", report(step(100, 60, p99=151.0)))) == [True, False]


def test_a_run_at_other_conditions_shows_its_figures_but_does_not_meet_the_target() -> None:
    judged = verdicts("crews-sqlite-200", report(step(20, 5, p99=10.0)))
    assert met(judged) == [False, False]
    assert "p99 10.0 ms" in judged[1].figure and "not the target's 200/s" in judged[1].figure
    assert judged_step([], 200, 60) == (None, "no step was run")


def test_each_paced_run_at_100_per_s_is_judged_and_all_five_must_pass() -> None:
    paced = {100.0: 2.0}
    runs = [step(100, 30, p50=8.0, p99_sent=50.0) for _ in range(5)]
    judged = verdicts("no-crews-100x5", report(*runs, paced=paced))
    assert met(judged) == [True] * 6
    assert "4.0 x paced floor 2.0 ms" in judged[0].figure
    assert judged[-1].figure == "5 of 5 runs passed" and judged[-1].goal.startswith("5 of 5")

    slow_median = [*runs[:2], step(100, 30, p50=8.1), *runs[3:]]
    assert met(verdicts("no-crews-100x5", report(*slow_median, paced=paced))) == [
        True, True, False, True, True, False]
    slow_tail = [*runs[:4], step(100, 30, p99_sent=50.1)]
    assert met(verdicts("no-crews-100x5", report(*slow_tail, paced=paced)))[-2:] == [
        False, False]
    four = verdicts("no-crews-100x5", report(*runs[:4], paced=paced))
    assert met(four) == [True] * 4 + [False]
    no_floor = verdicts("no-crews-100x5", report(*runs))
    assert not any(met(no_floor))


def test_600_per_s_is_met_when_held_with_intakes_post_p99_within_100_ms() -> None:
    assert met(verdicts("no-crews-600", report(step(600, 60, post_p99=99.0)))) == [True, True]
    assert met(verdicts("no-crews-600", report(step(600, 60, post_p99=143.0)))) == [True, False]


def test_cpu_per_call_at_400_per_s_is_every_process_together_within_3_ms() -> None:
    rows = [{"process": "intake", "ms_per_call": 1.2},
            {"process": "kafka-broker", "ms_per_call": 0.3},
            {"process": "load-generator", "ms_per_call": 0.4},
            {"process": "total", "ms_per_call": 3.01}]
    over = verdicts("cpu-400", report(step(400, 30, cpu=rows)))
    assert met(over) == [False]
    assert over[0].figure == "3.01 ms (intake 1.20, kafka-broker 0.30, load-generator 0.40)"
    at_limit = [*rows[:3], {"process": "total", "ms_per_call": 3.0}]
    assert met(verdicts("cpu-400", report(step(400, 30, cpu=at_limit)))) == [True]


def test_a_verdict_line_gives_the_figure_the_target_and_met() -> None:
    line = Verdict("crews, SQLite: rate held", "held", "200/s held for 60 s", True).line()
    assert line == ("  crews, SQLite: rate held | figure: held | target: 200/s held for 60 s"
                    " | met: yes")
    assert verdicts("cpu-split", report(step(250, 30))) == []
    assert verdicts(None, report()) == []


def test_the_performance_page_gives_each_targets_command() -> None:
    page = (REPO_ROOT / "docs" / "PERFORMANCE.md").read_text()
    for preset, command in COMMANDS.items():
        assert f'make bench BENCH_ARGS="--preset {preset}"' in page
        assert f'make bench BENCH_ARGS="{command}"' in page
