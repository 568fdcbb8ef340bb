"""CPU a crew's status report costs assignment, over HTTP as crews send it.

Decides ``--calls`` calls straight through the dispatcher (as assignment_queue.py does) on
``--roster-copies`` copies of the demo roster, then serves assignment's API in a process
of its own (uvicorn as ``shared.cli serve`` runs it; the app's start steps, which reach
the broker, are not run, so nothing is published) and has every unit sent report on
scene and then available (cleared) over ``--connections`` keep-alive connections, each
report with its unit's own key, as a crew's app does. Prints the server's CPU per report
(user + system, from /proc), the whole request: HTTP, authentication, JSON, the store.

``--profile FILE``: a cProfile of the server's event loop while the reports run (the
store work runs there too on SQLite). ``--postgres``: a fresh schema on
RR_TEST_POSTGRES_URL (the store work then runs in threads the profile does not see).

Run: .venv/bin/python -m benchmarks.report_http [--calls 600] [--roster-copies 20]
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil
import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # for tests.db_support

from benchmarks.assignment_matching import bench_dispatcher
from benchmarks.assignment_queue import MIX
from benchmarks.e2e.keepalive import KeepAliveConnection
from benchmarks.e2e.stack import make_roster
from shared.auth import Role, key_entry, new_token, write_key_file
from shared.events import CallTriaged, Location, make_event, use_event_id_secret
from shared.settings import generated_secret
from shared.stack import free_port
from tests.db_support import fresh_database

WARM_UP = 20  # units whose reports run before the measurement (imports, caches)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--calls", type=int, default=600)
    parser.add_argument("--roster-copies", type=int, default=20)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--profile", type=Path, default=None)
    parser.add_argument("--serve", type=int, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve is not None:
        serve(args.serve, args.profile)
        return
    with tempfile.TemporaryDirectory() as tmp:
        run_dir = Path(tmp)
        if args.postgres:
            with fresh_database("postgresql", run_dir, "bench") as url:
                run(url, run_dir, args)
        else:
            run(f"sqlite:///{run_dir / 'assignment.db'}", run_dir, args)


def run(url: str, run_dir: Path, args: argparse.Namespace) -> None:
    roster = run_dir / "roster.yaml"
    unit_ids = make_roster(roster, args.roster_copies)
    tokens = {unit_id: new_token(Role.responder) for unit_id in unit_ids}
    write_key_file(run_dir / "keys.json", [
        key_entry(token, f"crew-{unit_id}", Role.responder, unit_id=unit_id)
        for unit_id, token in tokens.items()])
    sent = dispatch(url, roster, run_dir, args.calls)
    port = free_port()
    env = {**os.environ, "RR_RUN_DIR": str(run_dir), "RR_DATABASE_URL": url,
           "RR_ROSTER_FILE": str(roster), "RR_KEY_FILE": str(run_dir / "keys.json"),
           "RR_LOG_LEVEL": "WARNING"}
    command = [sys.executable, "-m", "benchmarks.report_http", "--serve", str(port)]
    if args.profile:
        command += ["--profile", str(args.profile.resolve())]
    server = subprocess.Popen(command, env=env, cwd=Path(__file__).resolve().parent.parent)
    try:
        asyncio.run(wait_listening(port))
        refused = asyncio.run(report_all(port, sent[:WARM_UP], tokens, args.connections))
        process = psutil.Process(server.pid)
        before = process.cpu_times()
        if args.profile:
            server.send_signal(signal.SIGUSR1)
        began = time.perf_counter()
        refused += asyncio.run(report_all(port, sent[WARM_UP:], tokens, args.connections))
        elapsed = time.perf_counter() - began
        if args.profile:
            server.send_signal(signal.SIGUSR2)
        after = process.cpu_times()
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(30)
    reports = 2 * len(sent[WARM_UP:])
    cpu = (after.user + after.system) - (before.user + before.system)
    print(f"{reports} status reports over HTTP in {elapsed:.2f} s ({refused} refused): "
          f"{1000 * cpu / reports:.2f} ms of assignment's CPU each")


def dispatch(url: str, roster: Path, run_dir: Path, calls: int) -> list[tuple[str, str]]:
    """Decide the calls; the units sent, with their calls."""
    rng = random.Random(2026)
    use_event_id_secret(generated_secret(run_dir / "event_id_secret"))
    dispatcher = bench_dispatcher(url, roster)
    engine = dispatcher.engine
    for n in range(calls):
        lat, lon = 44.89 + rng.random() * 0.16, -93.33 + rng.random() * 0.14
        triaged = CallTriaged(pathway="bench", units=rng.choice(MIX),
                              priority=rng.randint(1, 5), confidence=1, policy_id="bench",
                              policy_version="1",
                              location=Location(lat=lat, lon=lon, address="bench"))
        dispatcher.on_triaged(make_event(triaged, producer="triage", call_id=f"c-{n}"),
                              triaged)
    with engine.connect() as conn:
        sent = [(u, c) for u, c in conn.execute(sa.text(
            "SELECT unit_id, current_call_id FROM unit WHERE status = 'dispatched' "
            "ORDER BY updated_at, unit_id")).all()]
    engine.dispose()
    return sent


async def wait_listening(port: int, timeout_s: float = 60.0) -> None:
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            _, writer = await asyncio.open_connection("127.0.0.1", port)
        except OSError:
            if time.monotonic() > deadline:
                raise
            await asyncio.sleep(0.1)
            continue
        writer.close()
        return


async def report_all(port: int, sent: list[tuple[str, str]], tokens: dict[str, str],
                     connections: int) -> int:
    """On scene, then available, for every unit sent; how many were refused."""
    queue: asyncio.Queue[tuple[str, str]] = asyncio.Queue()
    for item in sent:
        queue.put_nowait(item)
    refused = 0

    async def worker() -> None:
        nonlocal refused
        connection = KeepAliveConnection("127.0.0.1", port)
        while not queue.empty():
            unit_id, call_id = queue.get_nowait()
            for status in ("on_scene", "available"):
                body = f'{{"status": "{status}", "call_id": "{call_id}"}}'.encode()
                head = (f"POST /v1/units/{unit_id}/status HTTP/1.1\r\n"
                        f"Host: 127.0.0.1:{port}\r\nAuthorization: Bearer {tokens[unit_id]}"
                        f"\r\nContent-Type: application/json\r\n"
                        f"Content-Length: {len(body)}\r\n\r\n")
                code, _ = await connection.exchange(head.encode() + body)
                if code != 200:
                    refused += 1
                    break
        connection.close()

    await asyncio.gather(*(worker() for _ in range(connections)))
    return refused


def serve(port: int, profile_to: Path | None) -> None:
    """Assignment's app without its start steps (no broker), profiled between SIGUSR1
    and SIGUSR2 when asked."""
    import uvicorn

    from services.assignment.main import app

    profiler = cProfile.Profile()
    if profile_to is not None:
        signal.signal(signal.SIGUSR1, lambda *_: profiler.enable())

        def dump(*_: object) -> None:
            profiler.disable()
            profiler.dump_stats(profile_to)

        signal.signal(signal.SIGUSR2, dump)
    uvicorn.run(app(), host="127.0.0.1", port=port, lifespan="off", log_config=None,
                access_log=False, proxy_headers=False)


if __name__ == "__main__":
    main()
