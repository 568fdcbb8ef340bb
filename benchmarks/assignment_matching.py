"""How long one assignment decision takes with 2,000 units on the roster.

Two figures, measured separately:
  * matching: the pure ranking (eligibility, straight-line shortlist, ETA) over 2,000 units
    of the needed type, no I/O;
  * decision transaction: one whole CallTriaged decision in the database (roster read,
    matching, conditional claim, need, feed entry, outbox events, commit) on a SQLite file,
    and on PostgreSQL too when RR_TEST_POSTGRES_URL is set.

Run: .venv/bin/python benchmarks/assignment_matching.py [--iterations N]
"""

from __future__ import annotations

import argparse
import os
import random
import secrets
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

import sqlalchemy as sa
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # for tests.db_support

from services.assignment.dispatcher import DispatchConfig, Dispatcher
from services.assignment.matching import GreatCircleEta, RosterUnit, match_unit
from services.assignment.rules import DEFAULT_FALLBACKS, call_areas
from services.assignment.store import (
    init_store,
    load_corridors,
    use_immediate_transactions,
)
from shared.db import make_engine
from shared.events import (
    CallTriaged,
    Location,
    UnitStatus,
    UnitType,
    make_event,
    use_event_id_secret,
)
from tests.db_support import fresh_database

UNITS = 2000
DEMO = Path(__file__).resolve().parent.parent / "deploy" / "roster" / "demo.yaml"


def percentiles(samples_s: list[float]) -> str:
    ms = sorted(s * 1000 for s in samples_s)
    p50 = statistics.median(ms)
    p99 = ms[min(len(ms) - 1, int(len(ms) * 0.99))]
    return f"p50 {p50:7.3f} ms   p99 {p99:7.3f} ms   max {ms[-1]:7.3f} ms   (n={len(ms)})"


def random_point(rng: random.Random) -> tuple[float, float]:
    return 44.89 + rng.random() * 0.16, -93.33 + rng.random() * 0.14


def bench_matching(iterations: int, rng: random.Random) -> str:
    corridors = load_corridors(DEMO)
    statuses = [UnitStatus.available] * 7 + [UnitStatus.dispatched, UnitStatus.on_scene,
                                              UnitStatus.out_of_service]
    units = [RosterUnit(f"P{n:04d}", UnitType.police, rng.choice(statuses), *random_point(rng))
             for n in range(UNITS)]
    estimator = GreatCircleEta(40)
    samples = []
    for _ in range(iterations):
        lat, lon = random_point(rng)
        where = Location(lat=lat, lon=lon)
        start = time.perf_counter()
        match = match_unit(units, UnitType.police, where, estimator=estimator,
                           call_areas=call_areas(where, corridors))
        samples.append(time.perf_counter() - start)
        assert match.chosen is not None
    return percentiles(samples)


def bench_dispatcher(url: str, roster: Path) -> Dispatcher:
    """A dispatcher on a store at ``url`` set up as the service sets up its own, with the
    roster ``roster`` loaded."""
    engine = make_engine(url)
    use_immediate_transactions(engine)
    init_store(engine, roster)
    return Dispatcher(engine, DispatchConfig(
        producer="bench", estimator=GreatCircleEta(40), corridors=load_corridors(roster),
        fallbacks=list(DEFAULT_FALLBACKS)))


def bench_transaction(url: str, iterations: int, rng: random.Random, tmp: Path) -> str:
    roster = tmp / f"roster-{uuid.uuid4().hex[:6]}.yaml"
    roster.write_text(yaml.safe_dump({
        "service_areas": str(DEMO.parent / "demo.geojson"),
        "units": [{"unit_id": f"P{n:04d}", "unit_type": "police",
                   "lat": p[0], "lon": p[1]} for n in range(UNITS)
                  for p in [random_point(rng)]],
    }))
    # A secret of the run's own: the ids it derives outlive nothing.
    use_event_id_secret(secrets.token_bytes(32))
    dispatcher = bench_dispatcher(url, roster)
    engine = dispatcher.engine
    samples = []
    for n in range(iterations + 20):
        lat, lon = random_point(rng)
        triaged = CallTriaged(pathway="violent_crime", units=[UnitType.police], priority=2,
                              confidence=1, policy_id="bench", policy_version="1",
                              location=Location(lat=lat, lon=lon, address="bench"))
        envelope = make_event(triaged, producer="triage", call_id=f"bench-{n}")
        start = time.perf_counter()
        dispatcher.on_triaged(envelope, triaged)
        if n >= 20:  # warm-up excluded
            samples.append(time.perf_counter() - start)
    with engine.connect() as conn:
        busy = conn.execute(sa.text("SELECT count(*) FROM unit WHERE status='dispatched'"))
        assert busy.scalar_one() == iterations + 20
    engine.dispose()
    return percentiles(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--iterations", type=int, default=1000)
    args = parser.parse_args()
    rng = random.Random(2026)
    print(f"assignment decision with {UNITS} units of the needed type on the roster")
    print(f"  matching (pure)               {bench_matching(args.iterations, rng)}")
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'bench.db'}"
        print(f"  decision transaction, SQLite  "
              f"{bench_transaction(url, args.iterations, rng, Path(tmp))}")
        if os.environ.get("RR_TEST_POSTGRES_URL"):
            with fresh_database("postgresql", Path(tmp), "bench") as pg_url:
                figures = bench_transaction(pg_url, args.iterations, rng, Path(tmp))
            print(f"  decision transaction, Postgres {figures}")


if __name__ == "__main__":
    main()
