"""One configuration of the bench (a number of instances): start the stack, warm it up,
run each step of the plan and summarise it, then stop everything."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import random
import uuid
from pathlib import Path
from typing import Any

import httpx

from benchmarks.e2e.crews import CrewClient
from benchmarks.e2e.load import LoadClient, run_step
from benchmarks.e2e.observe import Observed, audit_latencies, scrape_lag, watch_decisions
from benchmarks.e2e.stack import make_roster, postgres_url, process_sampler, start_bench_stack
from benchmarks.e2e.steps import print_step, summarise_step
from shared.auth import generate_dev_credentials
from shared.kafka import create_topics, delete_topics
from shared.settings import REPO_ROOT, ServiceSettings

OUT_DIR = REPO_ROOT / "benchmarks" / "out"


def step_plan(rates: list[float], step_s: float, target: float,
              sustain_s: float) -> list[tuple[float, float]]:
    """(rate, seconds) of each measured step: every rate for ``step_s``, then the sustain
    check at ``target`` for ``sustain_s`` (none when 0)."""
    plan = [(rate, step_s) for rate in rates]
    if sustain_s > 0:
        plan.append((target, sustain_s))
    return plan


async def bench_config(args: argparse.Namespace, instances: int, floor_p50: float | None,
                       paced_floor_p50: dict[float, float | None]) -> dict[str, Any]:
    prefix = f"bench{uuid.uuid4().hex[:8]}."
    run_dir = Path(args.run_dir or OUT_DIR) / f"run-{prefix.rstrip('.')}"
    run_dir.mkdir(parents=True, exist_ok=True)
    settings = ServiceSettings(kafka_bootstrap=args.bootstrap, topic_prefix=prefix,
                               group_prefix=prefix, run_dir=run_dir)
    await create_topics(settings)
    roster = run_dir / "roster.yaml"
    unit_ids = make_roster(roster, args.roster_copies)
    creds = generate_dev_credentials(run_dir / "credentials.json", run_dir / "keys.json",
                                     unit_ids[:10])
    print(f"\n== {instances} instance(s) of triage/assignment/audit; prefix {prefix} "
          f"roster {len(unit_ids)} units; logs {run_dir / 'logs'}", flush=True)
    database_url = (postgres_url(prefix.rstrip(".").replace("-", "_"))
                    if args.db in ("auto", "postgres") else None)
    if args.db == "postgres" and database_url is None:
        raise RuntimeError("--db postgres: deploy/postgres/setup.sh gave no database")
    bstack = await start_bench_stack(settings, run_dir, instances, roster, database_url)
    stack = bstack.stack
    sampler = process_sampler(stack, settings.kafka_bootstrap_port(), database_url)
    observed = Observed()
    ready, stop = asyncio.Event(), asyncio.Event()
    watcher = asyncio.create_task(watch_decisions(settings, observed, ready, stop))
    steps: list[dict[str, Any]] = []
    load = LoadClient(stack.url("intake"), creds["cad"], args.connections)
    await load.start()
    crews = CrewClient(stack.url("assignment"), creds["admin"], args.crew_hold_s)
    observed.on_assigned = crews.unit_sent
    await crews.start()
    try:
        await asyncio.wait_for(ready.wait(), timeout=30)
        async with httpx.AsyncClient(timeout=10.0) as client:
            # Warm-up, not measured: a broker just started spends its first minute or so
            # compiling its hot paths (JFR showed C2 compiler threads taking more CPU
            # than the request handlers), and a long-running one has done that already.
            print(f"  warm-up {args.warmup_rate:.0f}/s for {args.warmup_s:.0f}s ...",
                  flush=True)
            await run_step(args.warmup_rate, max(args.warmup_s, 1.0), load, observed,
                           sampler, args.drain_s)
            for rate, duration in step_plan(args.rates, args.step_s, args.target,
                                            args.sustain_s):
                print(f"  rate {rate:>6.0f}/s for {duration:.0f}s ...", end="", flush=True)
                sent, info = await run_step(rate, duration, load, observed, sampler,
                                            args.drain_s)
                lag = await scrape_lag(client, stack, creds["admin"])
                accepted = [s for s in sent if s.accepted is not None]
                sample = random.sample(accepted, min(args.audit_sample, len(accepted)))
                audit_lat, hops = await audit_latencies(client, stack.url("audit"),
                                                        creds["auditor"], sample)
                step = summarise_step(rate, duration, sent, info, observed, lag, audit_lat,
                                      hops, floor_p50, paced_floor_p50.get(rate))
                steps.append(step)
                print_step(step)
    finally:
        try:
            await load.stop()
            await crews.stop()
            stop.set()
            with contextlib.suppress(Exception):
                await asyncio.wait_for(watcher, timeout=10)
        finally:
            stack.stop()
            await delete_topics(settings)
    return {
        "instances": instances, "prefix": prefix, "roster_units": len(unit_ids),
        "database": "postgresql" if database_url else "sqlite",
        "units_assigned": observed.assigned, "calls_queued": observed.queued,
        "crew_hold_s": args.crew_hold_s, "units_cleared_by_crews": crews.cleared,
        "crew_reports_refused": crews.refused,
        "steps": steps,
        "highest_sustained_rate": max(
            (s["rate"] for s in steps if s["sustained"] and s["duration_s"] >= 60),
            default=None),
        "highest_rate_keeping_up_in_a_step": max(
            (s["rate"] for s in steps if s["sustained"]), default=None),
    }
