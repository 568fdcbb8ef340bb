"""`make bench`: measure the broker's floor, run each configuration, write the report and
plot, print the table and, after a target preset, a line per target."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

import psutil

from benchmarks.e2e.config import OUT_DIR, bench_config
from benchmarks.e2e.floor import measure_floor, warm_up_broker
from benchmarks.e2e.presets import parse_args
from benchmarks.e2e.report import plot, print_table, print_verdicts
from benchmarks.e2e.stats import fmt
from benchmarks.e2e.targets import verdicts
from shared.kafka import delete_topics
from shared.settings import ServiceSettings
from shared.stack import broker, broker_running, pin_kafka_credentials, port_open


def paced_floor_rates(rates: Sequence[float], target: float, sustain_s: float) -> list[float]:
    """Each distinct rate a step runs at, where the floor is measured again, paced."""
    return sorted(set(rates) | ({target} if sustain_s > 0 else set()))


async def main_async(args: argparse.Namespace) -> dict[str, Any]:
    pin_kafka_credentials()  # each service process gets a run dir of its own
    started_broker = False
    port = int(args.bootstrap.rsplit(":", 1)[1])
    if not broker_running(port) and not port_open(port):
        broker("start", port=port)
        started_broker = True
    try:
        floor_settings = ServiceSettings(kafka_bootstrap=args.bootstrap,
                                         topic_prefix=f"bench{uuid.uuid4().hex[:8]}.")
        warm_up: list[float] = []
        if args.broker_warmup_s > 0:
            print(f"warming the broker up ({args.broker_warmup_s:g} s of round trips)...",
                  flush=True)
            warm_up = await warm_up_broker(floor_settings, args.broker_warmup_s)
            if warm_up:
                print(f"  hop p50 {fmt(warm_up[0])} ms in the first round, "
                      f"{fmt(warm_up[-1])} ms in the last of {len(warm_up)}", flush=True)
        print(f"measuring the broker floor ({args.floor_samples} round trips)...", flush=True)
        floor = await measure_floor(floor_settings, args.floor_samples)
        print(f"  single hop p50 {fmt(floor['single_hop_ms']['p50'])} ms "
              f"p99 {fmt(floor['single_hop_ms']['p99'])} ms", flush=True)
        floor_paced = []
        for rate in paced_floor_rates(args.rates, args.target, args.sustain_s):
            samples = min(args.floor_samples, max(20, int(rate * args.paced_floor_s)))
            paced = await measure_floor(floor_settings, samples, rate=rate)
            print(f"  at {rate:g}/s: single hop p50 {fmt(paced['single_hop_ms']['p50'])} ms "
                  f"p99 {fmt(paced['single_hop_ms']['p99'])} ms", flush=True)
            floor_paced.append(paced)
        await delete_topics(floor_settings)
        load_before = psutil.getloadavg()
        configs = []
        for instances in args.instances:
            configs.append(await bench_config(
                args, instances, floor["single_hop_ms"]["p50"],
                {p["rate"]: p["single_hop_ms"]["p50"] for p in floor_paced}))
        return {
            "started_at": datetime.now().astimezone().isoformat(),
            "machine": {"cpus": psutil.cpu_count(), "loadavg_before": load_before,
                        "loadavg_after": psutil.getloadavg(),
                        "memory_gb": round(psutil.virtual_memory().total / 2**30, 1)},
            "args": {k: v for k, v in vars(args).items()},
            "broker_warmup_p50_ms": warm_up,
            "floor": floor,
            "floor_paced": floor_paced,
            "configs": configs,
            "measured": "latency from the 202 (and from the send) to the first UnitAssigned "
                        "or CallQueued of the call seen on calls.assigned by a bench consumer; "
                        "audit: recorded_at of that event minus the 202's wall time",
        }
    finally:
        if started_broker:
            broker("stop", port=port)




def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    report = asyncio.run(main_async(args))
    judged = verdicts(args.preset, report)
    report["verdicts"] = [vars(v) for v in judged]
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    json_path = OUT_DIR / f"e2e-{stamp}.json"
    png_path = OUT_DIR / f"e2e-{stamp}.png"
    json_path.write_text(json.dumps(report, indent=2, default=str))
    plot(report, png_path)
    (OUT_DIR / "latest.json").write_text(json.dumps(report, indent=2, default=str))
    print_table(report)
    print(f"\nload average before {report['machine']['loadavg_before']} "
          f"after {report['machine']['loadavg_after']}")
    print(f"report {json_path}\nplot   {png_path}")
    print_verdicts(args.preset, judged)
    return 0


if __name__ == "__main__":
    sys.exit(main())
