"""The bench's options, and its presets: named sets of defaults, one per target and a few
for recurring measurements. Options given beside a preset still win."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import Any

from shared.settings import ServiceSettings

# Each target's conditions (the verdicts in benchmarks.e2e.targets judge these runs).
TARGET_PRESETS: dict[str, dict[str, Any]] = {
    # Crews reporting (units come free again, so most decisions are UnitAssigned):
    # 200/s held for 60 s on SQLite, decision p99 ≤ 100 ms.
    "crews-sqlite-200": {"rates": [200.0], "step_s": 10.0, "target": 200.0,
                         "sustain_s": 60.0, "instances": [1], "crew_hold_s": 1.0,
                         "roster_copies": 20, "db": "sqlite"},
    # The same on PostgreSQL, the production store: 100/s for 60 s, p99 ≤ 150 ms.
    "crews-postgres-100": {"rates": [100.0], "step_s": 10.0, "target": 100.0,
                           "sustain_s": 60.0, "instances": [1], "crew_hold_s": 1.0,
                           "roster_copies": 20, "db": "postgres"},
    # No crews: five consecutive 30 s runs at 100/s, each median 202 → decision ≤ 4 x
    # the floor paced at 100/s and p99 POST sent → decision ≤ 50 ms.
    "no-crews-100x5": {"rates": [100.0] * 5, "step_s": 30.0, "sustain_s": 0.0,
                       "instances": [1], "db": "sqlite"},
    # No crews: 600/s held for 60 s, intake's POST p99 ≤ 100 ms.
    "no-crews-600": {"rates": [], "target": 600.0, "sustain_s": 60.0, "instances": [1],
                     "db": "sqlite"},
    # No crews: ≤ 3.0 ms of CPU per call, every process together, at 400/s.
    "cpu-400": {"rates": [400.0], "step_s": 30.0, "sustain_s": 0.0, "instances": [1],
                "db": "sqlite"},
}

PRESETS: dict[str, dict[str, Any]] = {
    # Crews on PostgreSQL at low rates: units come free again, so decisions are mostly
    # UnitAssigned, and assignment's and audit's stores are PostgreSQL's
    # (deploy/postgres/setup.sh).
    "crews-postgres": {"rates": [20, 40], "step_s": 20.0, "sustain_s": 0.0, "instances": [1],
                       "crew_hold_s": 1.0, "roster_copies": 20, "db": "postgres",
                       "warmup_rate": 10.0, "warmup_s": 10.0},
    # Where the CPU of a call goes, at a rate two shared cores keep up with.
    "cpu-split": {"rates": [250], "step_s": 30.0, "sustain_s": 0.0, "instances": [1],
                  "db": "sqlite", "broker_warmup_s": 10.0, "warmup_s": 10.0},
    **TARGET_PRESETS,
}

PRESET_HELP = (
    "a named set of defaults; options given beside it override it. Targets, each ending "
    "with a line per target (figure, target, met): crews-sqlite-200, crews-postgres-100, "
    "no-crews-100x5, no-crews-600, cpu-400. Others: crews-postgres (crews, PostgreSQL, "
    "20 and 40/s), cpu-split (CPU per call of each process at 250/s)")


def rate_list(text: str) -> list[float]:
    return [float(x) for x in text.split(",") if x]


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description="End-to-end benchmark against the broker's "
                                            "own floor.")
    p.add_argument("--preset", choices=sorted(PRESETS), default=None, help=PRESET_HELP)
    p.add_argument("--rates", type=rate_list, default=[50, 100, 250, 500, 1000])
    p.add_argument("--step-s", type=float, default=20.0)
    p.add_argument("--target", type=float, default=1000.0, help="rate of the sustain check")
    p.add_argument("--sustain-s", type=float, default=60.0, help="0 skips the sustain check")
    p.add_argument("--instances", type=lambda s: [int(x) for x in s.split(",")], default=[1, 2])
    p.add_argument("--roster-copies", type=int, default=5)
    p.add_argument("--crew-hold-s", type=float, default=0.0,
                   help="how long after a unit is sent the bench, as its crew, reports it on "
                        "scene and then available; 0 (default): never, and once the roster "
                        "is dry the decisions measured are CallQueued")
    p.add_argument("--db", choices=["auto", "sqlite", "postgres"], default="auto",
                   help="assignment's and audit's store: PostgreSQL (deploy/postgres/setup.sh)"
                   " when it can be had, else SQLite")
    p.add_argument("--floor-samples", type=int, default=1000)
    p.add_argument("--broker-warmup-s", type=float, default=20.0,
                   help="round trips before the floor, so that it is measured on a broker "
                        "whose JIT has compiled its request path (0 skips)")
    p.add_argument("--paced-floor-s", type=float, default=4.0,
                   help="seconds of the floor measured again at each step's rate")
    p.add_argument("--audit-sample", type=int, default=200)
    p.add_argument("--connections", type=int, default=64,
                   help="keep-alive connections to intake")
    p.add_argument("--drain-s", type=float, default=15.0)
    p.add_argument("--warmup-s", type=float, default=20.0,
                   help="unmeasured load before the first step (JIT, caches)")
    p.add_argument("--warmup-rate", type=float, default=50.0)
    p.add_argument("--bootstrap", default=ServiceSettings().kafka_bootstrap)
    p.add_argument("--run-dir", default=None, help="where service logs and stores go")
    return p


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    p = parser()
    preset = p.parse_known_args(argv)[0].preset
    if preset:
        p.set_defaults(**PRESETS[preset])
    return p.parse_args(argv)
