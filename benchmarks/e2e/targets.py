"""The performance targets as verdicts: for each target preset, a line per target with
the figure the run measured, the target and whether it is met (pure, over a report).

A verdict judges the step made at the target's conditions (its rate, for at least its
duration). When options given beside the preset changed them, the run's last step is
shown instead, and the target is not met: the figure was not measured as the target
asks.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from benchmarks.e2e.stats import fmt

Step = Mapping[str, Any]
Report = Mapping[str, Any]


@dataclass(frozen=True)
class Verdict:
    target: str
    figure: str
    goal: str
    met: bool

    def line(self) -> str:
        return (f"  {self.target} | figure: {self.figure} | target: {self.goal} | "
                f"met: {'yes' if self.met else 'no'}")


def judged_step(steps: Sequence[Step], rate: float,
                min_duration_s: float) -> tuple[Step | None, str | None]:
    """The last step at ``rate`` that lasted at least ``min_duration_s``; else the run's
    last step with a note saying how it differs (None, with a note, when there is none)."""
    for step in reversed(steps):
        if step["rate"] == rate and step["duration_s"] >= min_duration_s:
            return step, None
    if not steps:
        return None, "no step was run"
    last = steps[-1]
    return last, (f"measured at {last['rate']:g}/s for {last['duration_s']:g} s, not the "
                  f"target's {rate:g}/s for {min_duration_s:g} s")


def _noted(figure: str, note: str | None) -> str:
    return figure if note is None else f"{figure} ({note})"


def held(steps: Sequence[Step], rate: float, duration_s: float, label: str) -> Verdict:
    """The rate held (sustained, as the bench defines it) for the duration."""
    step, note = judged_step(steps, rate, duration_s)
    goal = f"{rate:g}/s held for {duration_s:g} s"
    if step is None:
        return Verdict(label, _noted("-", note), goal, False)
    figure = ("held" if step["sustained"] else "not held") + (
        f": accepted {step['accepted']}/{step['sent']}, decided {step['decided']}, "
        f"backlog {step['backlog_after_send']}")
    return Verdict(label, _noted(figure, note), goal, bool(step["sustained"]) and note is None)


def p99_at_most(steps: Sequence[Step], rate: float, duration_s: float, measure: str,
                limit_ms: float, label: str) -> Verdict:
    """The p99 of one of a step's latencies (``measure``: a key of the step) within a
    limit."""
    step, note = judged_step(steps, rate, duration_s)
    goal = f"p99 ≤ {limit_ms:g} ms at {rate:g}/s for {duration_s:g} s"
    p99 = None if step is None else step[measure]["p99"]
    met = p99 is not None and p99 <= limit_ms and note is None
    return Verdict(label, _noted(f"p99 {fmt(p99)} ms", note), goal, met)


def cpu_per_call_at_most(steps: Sequence[Step], rate: float, duration_s: float,
                         limit_ms: float, label: str) -> Verdict:
    """The ms of CPU per call of every process together (the CPU table's total), with
    each process's share in the figure."""
    step, note = judged_step(steps, rate, duration_s)
    goal = f"≤ {limit_ms:g} ms of CPU per call at {rate:g}/s, all processes"
    rows = [] if step is None else step["cpu_per_call"]
    total = next((r["ms_per_call"] for r in rows if r["process"] == "total"), None)
    split = ", ".join(f"{r['process']} {fmt2(r['ms_per_call'])}" for r in rows
                      if r["process"] != "total")
    figure = f"{fmt2(total)} ms" + (f" ({split})" if split else "")
    met = total is not None and total <= limit_ms and note is None
    return Verdict(label, _noted(figure, note), goal, met)


def fmt2(v: float | None) -> str:
    return "-" if v is None else f"{v:.2f}"


def paced_runs(steps: Sequence[Step], paced_floor_p50: Mapping[float, float | None],
               rate: float, duration_s: float, runs: int, floor_multiple: float,
               p99_sent_ms: float, label: str) -> list[Verdict]:
    """Each run (a step at ``rate`` of ``duration_s``) passes when its median 202 →
    decision is at most ``floor_multiple`` x the floor paced at that rate and its p99
    POST sent → decision at most ``p99_sent_ms``; then whether all ``runs`` passed."""
    matching = [s for s in steps if s["rate"] == rate and s["duration_s"] >= duration_s]
    note = None
    if len(matching) < runs:
        note = (f"{len(matching)} run(s) at {rate:g}/s of {duration_s:g} s, "
                f"the target asks for {runs}")
    judged = matching or list(steps)
    verdicts = []
    for i, step in enumerate(judged, 1):
        floor = paced_floor_p50.get(step["rate"])
        p50 = step["e2e_accepted_to_decided_ms"]["p50"]
        p99 = step["e2e_sent_to_decided_ms"]["p99"]
        ratio = p50 / floor if p50 is not None and floor else None
        ok = (ratio is not None and ratio <= floor_multiple
              and p99 is not None and p99 <= p99_sent_ms)
        verdicts.append(Verdict(
            f"{label}, run {i} ({step['rate']:g}/s, {step['duration_s']:g} s)",
            f"median 202 → decision {fmt(p50)} ms = {fmt(ratio)} x paced floor "
            f"{fmt(floor)} ms; p99 POST sent → decision {fmt(p99)} ms",
            f"median ≤ {floor_multiple:g} x paced floor, p99 ≤ {p99_sent_ms:g} ms", ok))
    passed = sum(v.met for v in verdicts)
    verdicts.append(Verdict(
        f"{label}, all runs", _noted(f"{passed} of {len(verdicts)} runs passed", note),
        f"{runs} of {runs} consecutive runs pass",
        note is None and passed == len(verdicts) == len(matching) >= runs))
    return verdicts


def crews(rate: float, p99_ms: float, store: str) -> Callable[[Report], list[Verdict]]:
    def judge(report: Report) -> list[Verdict]:
        steps = _steps(report)
        label = f"crews, {store}"
        return [held(steps, rate, 60, f"{label}: rate held"),
                p99_at_most(steps, rate, 60, "e2e_accepted_to_decided_ms", p99_ms,
                            f"{label}: decision p99 (202 → decision)")]
    return judge


def no_crews_paced(report: Report) -> list[Verdict]:
    paced = {p["rate"]: p["single_hop_ms"]["p50"] for p in report.get("floor_paced", [])}
    return paced_runs(_steps(report), paced, rate=100, duration_s=30, runs=5,
                      floor_multiple=4, p99_sent_ms=50, label="no crews, SQLite")


def no_crews_600(report: Report) -> list[Verdict]:
    steps = _steps(report)
    return [held(steps, 600, 60, "no crews, SQLite: rate held"),
            p99_at_most(steps, 600, 60, "http_post_ms", 100,
                        "no crews, SQLite: intake's POST p99")]


def cpu_400(report: Report) -> list[Verdict]:
    return [cpu_per_call_at_most(_steps(report), 400, 30, 3.0,
                                 "no crews, SQLite: CPU per call")]


def _steps(report: Report) -> list[Step]:
    """The steps of the run's first configuration (the target presets run one)."""
    configs = report.get("configs") or [{"steps": []}]
    return list(configs[0]["steps"])


# Keyed by the preset that runs each target's conditions (benchmarks.e2e.cli.PRESETS).
TARGETS: dict[str, Callable[[Report], list[Verdict]]] = {
    "crews-sqlite-200": crews(200, 100, "SQLite"),
    "crews-postgres-100": crews(100, 150, "PostgreSQL"),
    "no-crews-100x5": no_crews_paced,
    "no-crews-600": no_crews_600,
    "cpu-400": cpu_400,
}


def verdicts(preset: str | None, report: Report) -> list[Verdict]:
    judge = TARGETS.get(preset or "")
    return judge(report) if judge else []
