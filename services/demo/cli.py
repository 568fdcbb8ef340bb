"""``rightresponse demo`` (``make demo``): with ``make run`` going, replay yesterday's
synthetic calls in a few minutes, crews acting, so the dashboard fills up."""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
from datetime import date
from typing import Any

from services.demo.calls import previous_local_day, synthetic_day
from services.demo.replay import DemoError, DemoKeys, DemoUrls, run_demo
from shared.events import utcnow
from shared.settings import ServiceSettings
from shared.stack import service_ports


def main(args: argparse.Namespace) -> int:
    settings = ServiceSettings()
    credentials = settings.run_dir / "credentials.json"
    try:
        keys = DemoKeys.from_credentials(json.loads(credentials.read_text()))
    except (OSError, ValueError, KeyError):
        print(f"demo: no API keys at {credentials}: start `make run` first", file=sys.stderr)
        return 2
    ports = service_ports(os.environ)
    urls = DemoUrls(**{name: f"http://127.0.0.1:{ports[name]}"
                       for name in ("intake", "assignment", "audit")})
    day = args.day or previous_local_day(utcnow())
    calls = synthetic_day(day, seed=args.seed, calls=args.calls)
    print(f"demo: {len(calls)} calls received {day} (America/Chicago), replayed in about "
          f"{args.minutes:g} minutes; crews accept, drive, work and clear", flush=True)
    try:
        result = asyncio.run(run_demo(calls, urls, keys, seed=args.seed, minutes=args.minutes,
                                      progress=lambda line: print(f"demo: {line}",
                                                                  flush=True)))
    except DemoError as err:
        print(f"demo: {err}", file=sys.stderr)
        return 2
    print(result.render())
    print(f"See it: {urls.audit}/dashboard (policy versions: {urls.audit}/policies)")
    return 0


def add_subparsers(subparsers: Any) -> None:
    demo = subparsers.add_parser(
        "demo", help="replay a synthetic day of calls with crews acting (needs `make run`)")
    demo.add_argument("--seed", type=int, default=20, help="the same seed, the same day")
    demo.add_argument("--calls", type=int, default=520, help="calls in the day")
    demo.add_argument("--minutes", type=float, default=4.0,
                      help="real minutes the day's calls are posted over")
    demo.add_argument("--day", type=date.fromisoformat, default=None,
                      help="the local day the calls were received (default: yesterday; "
                           "the public figures count only a day up to two days back)")
    demo.set_defaults(func=main)
