"""POST /v1/calls latency at a fixed open-loop rate against a real intake process.

    .venv/bin/python benchmarks/intake_latency.py [--rate 500] [--duration 15]

Starts intake under uvicorn (its own topic prefix, run dir and keys) on the local Kafka
broker (127.0.0.1:19092 unless RR_KAFKA_BOOTSTRAP says otherwise), sends new calls at
``--rate`` a second on a fixed schedule whatever the answers (open loop: a slow answer
does not slow the next request, so queueing shows in the figures), and prints the
percentiles of the time from each request's scheduled start to its 202. Target: p99 at
or under 15 ms.

Intake runs as two uvicorn worker processes by default (``--workers``), as it is deployed
(two replicas): one process spends ~1.5 ms of CPU per POST, so at 500/s its event loop is
~80% busy and Kafka acknowledgements wait behind queued requests. The workers share the
store, whose unique constraints keep every idempotency rule across them.

It also prints the CPU each POST cost intake (all its processes), the load generator and
the broker (when it runs on this machine), and the load average: on a small shared machine
a missed target is often someone else's CPU.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import psutil
import uvloop

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from shared.auth import generate_dev_credentials  # noqa: E402
from shared.kafka import create_topics, delete_topics  # noqa: E402
from shared.settings import ServiceSettings  # noqa: E402
from shared.stack import pin_kafka_credentials  # noqa: E402


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * len(ordered)) - 1))
    return ordered[index]


def cpu_seconds(procs: list[psutil.Process]) -> float:
    """User + system CPU of these processes so far (0 for any that are gone)."""
    total = 0.0
    for proc in procs:
        try:
            times = proc.cpu_times()
        except psutil.Error:
            continue
        total += times.user + times.system
    return total


def broker_processes(port: int) -> list[psutil.Process]:
    """The local broker's JVM (listening on ``port``), if it runs on this machine."""
    found = []
    for proc in psutil.process_iter(["cmdline"]):
        cmdline = " ".join(proc.info.get("cmdline") or [])
        if "kafka.Kafka" in cmdline and str(port) in cmdline:
            found.append(proc)
    return found


def body(n: int, run: str) -> dict[str, object]:
    return {
        "cad_incident_id": f"BENCH-{run}-{n}",
        "call_type": "EDP",
        "cad_priority": "2",
        "narrative": "Caller's brother talking about hurting himself, no weapons.",
        "received_at": "2026-11-25T14:03:00-06:00",
        "location": {"address": "2633 Minnehaha Ave", "lat": 44.9537, "lon": -93.2471},
        "flags": {"weapons": False, "in_progress": True},
    }


class _Connection(asyncio.Protocol):
    """One keep-alive HTTP/1.1 connection, one request at a time."""

    def __init__(self) -> None:
        self.transport: asyncio.Transport | None = None
        self.buffer = bytearray()
        self.waiter: asyncio.Future[tuple[int, float]] | None = None
        self.closed = False

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        end = self.buffer.find(b"\r\n\r\n")
        if end < 0 or self.waiter is None:
            return
        head = bytes(self.buffer[:end])
        length = 0
        for line in head.split(b"\r\n")[1:]:
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value)
        if len(self.buffer) < end + 4 + length:
            return
        # The answer is complete: its time is taken here, not when the task next runs.
        received = time.perf_counter()
        del self.buffer[:end + 4 + length]
        waiter, self.waiter = self.waiter, None
        if not waiter.done():
            waiter.set_result((int(head.split(b" ", 2)[1]), received))

    def connection_lost(self, exc: Exception | None) -> None:
        self.closed = True
        if self.waiter is not None and not self.waiter.done():
            self.waiter.set_exception(ConnectionResetError("connection closed"))


class RawClient:
    """A minimal HTTP/1.1 keep-alive client on asyncio protocols (a pool of connections).

    httpx spends milliseconds of CPU per request at hundreds of requests a second, and
    asyncio streams a few hundred microseconds, which would measure the load generator
    rather than intake (they share the machine); this parses each answer once, as it
    arrives, and takes its time then.
    """

    def __init__(self, host: str, port: int, token: str) -> None:
        self.host, self.port, self.token = host, port, token
        self._idle: list[_Connection] = []
        self._heads: dict[tuple[str, str, int], bytes] = {}

    async def request(self, method: str, path: str, payload: bytes = b"") -> int:
        return (await self.timed(method, path, payload))[0]

    async def timed(self, method: str, path: str, payload: bytes = b"") -> tuple[int, float]:
        """The status, and the perf_counter time at which the whole answer had arrived."""
        key = (method, path, len(payload))
        head = self._heads.get(key)
        if head is None:
            head = self._heads[key] = (
                f"{method} {path} HTTP/1.1\r\nHost: {self.host}\r\n"
                f"Authorization: Bearer {self.token}\r\nContent-Type: application/json\r\n"
                f"Content-Length: {len(payload)}\r\n\r\n").encode()
        while self._idle:
            conn = self._idle.pop()
            if not conn.closed:
                break
        else:
            _, conn = await asyncio.get_running_loop().create_connection(
                _Connection, self.host, self.port)
        assert conn.transport is not None
        conn.waiter = asyncio.get_running_loop().create_future()
        conn.transport.write(head + payload)
        answer = await conn.waiter
        self._idle.append(conn)
        return answer

    def close(self) -> None:
        for conn in self._idle:
            if conn.transport is not None:
                conn.transport.close()
        self._idle.clear()


async def wait_ready(client: RawClient, timeout_s: float = 30.0) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            if await client.request("GET", "/readyz") == 200:
                return
        except (OSError, IndexError, ValueError):
            pass
        await asyncio.sleep(0.2)
    raise SystemExit("intake did not become ready")


async def load(client: RawClient, rate: float, duration: float, run: str,
               start_n: int = 0) -> tuple[list[float], list[float], dict[int, int]]:
    """Open loop: request i is due at start + i/rate; returns latencies in ms."""
    total = int(rate * duration)
    from_schedule: list[float] = []
    from_send: list[float] = []
    statuses: dict[int, int] = {}
    errors: dict[str, int] = {}

    # Bodies are made before the clock starts: making them is not what is measured.
    payloads = [json.dumps(body(start_n + i, run)).encode() for i in range(total)]

    async def one(payload: bytes, due: float) -> None:
        sent = time.perf_counter()
        try:
            code, done = await client.timed("POST", "/v1/calls", payload)
        except (OSError, IndexError, ValueError) as err:
            code, done = 0, time.perf_counter()
            errors[type(err).__name__] = errors.get(type(err).__name__, 0) + 1
        statuses[code] = statuses.get(code, 0) + 1
        if code == 202:
            from_schedule.append((done - due) * 1000)
            from_send.append((done - sent) * 1000)

    start = time.perf_counter() + 0.05
    tasks = []
    for i in range(total):
        due = start + i / rate
        delay = due - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.create_task(one(payloads[i], due)))
    await asyncio.gather(*tasks)
    if errors:
        print(f"client errors: {errors}", file=sys.stderr)
    return from_schedule, from_send, statuses


async def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rate", type=float, default=500.0, help="requests a second")
    parser.add_argument("--duration", type=float, default=15.0, help="seconds of load")
    parser.add_argument("--warmup", type=float, default=2.0, help="seconds of warm-up load")
    parser.add_argument("--port", type=int, default=18731)
    parser.add_argument("--workers", type=int, default=2,
                        help="intake processes (uvicorn --workers; they share the store)")
    args = parser.parse_args()

    pin_kafka_credentials()  # before the run dir below moves the default
    run = uuid.uuid4().hex[:8]
    run_dir = Path(tempfile.mkdtemp(prefix="rr-bench-"))
    prefix = f"bench{run}."
    settings = ServiceSettings(
        kafka_bootstrap=os.environ.get("RR_KAFKA_BOOTSTRAP", "127.0.0.1:19092"),
        topic_prefix=prefix, group_prefix=prefix, run_dir=run_dir)
    await create_topics(settings)
    credentials = generate_dev_credentials(run_dir / "credentials.json", run_dir / "keys.json",
                                           [])
    env = {**os.environ, "RR_RUN_DIR": str(run_dir), "RR_KEY_FILE": str(run_dir / "keys.json"),
           "RR_TOPIC_PREFIX": prefix, "RR_GROUP_PREFIX": prefix,
           "RR_KAFKA_BOOTSTRAP": settings.kafka_bootstrap, "RR_RATE_LIMIT_PER_S": "0",
           "RR_LOG_LEVEL": "WARNING"}
    server = subprocess.Popen(  # noqa: ASYNC220 - started once, before any load
        [sys.executable, "-m", "uvicorn", "services.intake.main:app", "--factory",
         "--host", "127.0.0.1", "--port", str(args.port), "--no-access-log",
         "--timeout-keep-alive", "120", "--workers", str(args.workers),
         "--log-level", "warning"], cwd=REPO, env=env)
    client = RawClient("127.0.0.1", args.port, credentials["cad"])
    try:
        await wait_ready(client)
        await load(client, args.rate, args.warmup, run, start_n=10_000_000)
        root = psutil.Process(server.pid)
        intake = [root, *root.children(recursive=True)]
        broker = broker_processes(settings.kafka_bootstrap_port())
        before = (cpu_seconds(intake), time.process_time(), cpu_seconds(broker))
        from_schedule, from_send, statuses = await load(client, args.rate, args.duration, run)
        after = (cpu_seconds(intake), time.process_time(), cpu_seconds(broker))
        load_avg = os.getloadavg()
    finally:
        client.close()
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
        await delete_topics(settings)  # a shared broker pays for every partition it keeps
        shutil.rmtree(run_dir, ignore_errors=True)

    if not from_schedule:
        print(f"no call was accepted: {statuses}")
        return 1
    print(f"intake POST /v1/calls, open loop at {args.rate:.0f}/s for {args.duration:.0f} s "
          f"({len(from_schedule)} accepted; statuses {dict(sorted(statuses.items()))})")
    for name, values in (("from schedule", from_schedule), ("from send", from_send)):
        print(f"  {name:<13} p50 {percentile(values, 50):6.2f} ms  "
              f"p95 {percentile(values, 95):6.2f} ms  p99 {percentile(values, 99):6.2f} ms  "
              f"max {max(values):7.2f} ms  mean {statistics.fmean(values):6.2f} ms")
    posts = sum(statuses.values())
    intake_ms, client_ms, broker_ms = ((b - a) * 1000 / posts for a, b in zip(before, after,
                                                                              strict=True))
    print(f"  CPU per POST: intake {intake_ms:.2f} ms, load generator {client_ms:.2f} ms, "
          + (f"broker {broker_ms:.2f} ms" if broker else "broker not on this machine")
          + f"; load average {load_avg[0]:.2f} ({os.cpu_count()} CPUs)")
    p99 = percentile(from_schedule, 99)
    print(f"target p99 <= 15 ms: {'met' if p99 <= 15 else 'MISSED'} ({p99:.2f} ms)")
    return 0 if statuses.get(202, 0) == sum(statuses.values()) else 1


if __name__ == "__main__":
    sys.exit(uvloop.run(main()))
