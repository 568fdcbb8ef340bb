"""Triage throughput: classify() calls per second on one core.

    .venv/bin/python benchmarks/triage_throughput.py [--calls N] [--csv PATH]

Calls are built from the real call types of ``calltypes_dev.csv`` (drawn weighted by
count, as call volume is) paired with synthetic call-taker narratives assembled from
fragments plus a unique number, so every narrative is distinct and no cache can make
the figure look better than live traffic would (call types do repeat, as in a real CAD,
and their analysis is cached). Prints, for call type only, narrative only, and both,
calls per CPU-second of this single thread (the one-core figure; CPU time rather than
wall clock so that other load on the machine does not count), overall and for the best
of the batches (the least disturbed by other processes).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from services.triage.engine import CallFacts, classify, load_policy  # noqa: E402
from services.triage.evaluation import read_rows  # noqa: E402

DEFAULT_CSV = REPO.parent / "shared" / "data" / "calltypes" / "calltypes_dev.csv"

FRAGMENTS = [
    "Caller reports her brother is talking about hurting himself, no weapons in the home.",
    "RP states male yelling at passersby, appears to be in crisis, not violent.",
    "Bike stolen from the garage overnight, suspect gone, wants a report for insurance.",
    "Car window smashed, laptop taken, happened sometime last night.",
    "Subject has a knife and is threatening staff at the front desk.",
    "Neighbor has not been heard from in three days, mail piling up.",
    "Two males fighting in the parking lot, one bleeding from the head.",
    "Graffiti on the fence of the school, discovered this morning.",
    "Shoplifter detained by loss prevention, cooperative.",
    "Pt denies SI, says he is off his meds and hearing voices.",
    "Intoxicated female sleeping on the bus stop bench.",
    "Loose dog in the playground, no one bitten.",
    "Vehicle blocking the driveway since noon.",
    "Caller's husband took a bunch of pills and is unresponsive.",
    "Suspect GOA, unk direction of travel, no wpns seen.",
]


def build_calls(csv: Path, n: int, seed: int = 7) -> list[CallFacts]:
    rng = random.Random(seed)
    rows = read_rows(csv) if csv.exists() else []
    types = [r.call_type for r in rows] or ["THEFT", "EDP", "WELFARE CHECK"]
    weights = [r.count for r in rows] or None
    picked = rng.choices(types, weights=weights, k=n)
    calls = []
    for i, ct in enumerate(picked):
        narrative = " ".join(rng.sample(FRAGMENTS, k=rng.randint(1, 3))) + f" Ref {i}."
        calls.append(CallFacts(call_type=ct, narrative=narrative))
    return calls


def measure(batches: list[list[CallFacts]]) -> tuple[float, float]:
    """(overall, best batch) calls per CPU-second."""
    policy = load_policy()
    times = []
    for batch in batches:
        cpu = time.process_time()
        for call in batch:
            classify(call, policy)
        times.append((time.process_time() - cpu) / len(batch))
    overall = sum(times) / len(times)
    return 1 / overall, 1 / min(times)


def _cpu(fn: Callable[[], object], n: int) -> float:
    start = time.process_time()
    for _ in range(n):
        fn()
    return (time.process_time() - start) / n


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--calls", type=int, default=20000)
    ap.add_argument("--batches", type=int, default=10)
    ap.add_argument("--csv", type=Path, default=DEFAULT_CSV)
    args = ap.parse_args(argv)
    calls = build_calls(args.csv, args.calls)
    size = max(1, len(calls) // args.batches)
    policy = load_policy()
    for call in build_calls(args.csv, 200, seed=1):  # warm-up (imports, first compiles)
        classify(call, policy)
    modes = {
        "call type only": [CallFacts(call_type=c.call_type) for c in calls],
        "narrative only": [CallFacts(narrative=c.narrative + " n") for c in calls],
        "call type + narrative": calls,
    }
    print(f"{len(calls):,} calls in {args.batches} batches, every narrative distinct; "
          "CPU time of this one thread")
    cal = min(_cpu(lambda: sum(range(1000)), 2000) for _ in range(5))
    print(f"calibration: sum(range(1000)) = {cal * 1e6:.1f} µs CPU here (about 8-10 µs on an "
          "idle modern core; much more means the machine is contended)")
    for label, batch in modes.items():
        batches = [batch[i : i + size] for i in range(0, len(batch), size)]
        overall, best = measure(batches)
        print(f"{label:<22} {overall:>8,.0f} calls/s overall  {best:>8,.0f} calls/s best batch"
              f"  ({1e6 / overall:,.0f} µs/call)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
