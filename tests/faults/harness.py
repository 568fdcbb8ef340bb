"""Fault injection on the real stack: real broker, each service a real process.

Used by the fault tests (which assert zero lost and zero duplicated calls) and by
``make faults`` (``python -m tests.faults.harness``), which prints the figures.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import time
import uuid
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from shared.auth import generate_dev_credentials
from shared.kafka import create_topics
from shared.settings import ServiceSettings
from shared.stack import ServiceProcess, Stack, start_service, start_stack, wait_ready

SERVICES = ("intake", "triage", "assignment", "audit")

# A spread of real-looking calls, so every pathway is exercised under faults.
SAMPLE_CALLS = (
    ("EDP", "Adult son in crisis, yelling, no weapons, not violent"),
    ("THEFT RPT", "Bike stolen from garage overnight, suspect gone"),
    ("ASLT I/P", "Two men fighting outside the bar, one has a knife"),
    ("WELFARE CHECK", "Neighbor has not been seen for three days"),
    ("SUICIDAL", "Caller says she took pills and wants to die"),
    ("DAMAGE TO PROP", "Graffiti on the garage door, happened last night"),
    ("MED", "Elderly man fell and cannot get up, conscious and breathing"),
    ("UNKNOWN", ""),
)


@dataclass
class Figures:
    """What a fault run measured; printed by ``make faults``."""

    calls_sent: int = 0
    accepted: int = 0
    refused_while_down: int = 0
    accepted_while_down: int = 0
    faults: Counter[str] = field(default_factory=Counter)
    bad_inputs: Counter[str] = field(default_factory=Counter)
    lost: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def merge(self, other: Figures) -> None:
        self.calls_sent += other.calls_sent
        self.accepted += other.accepted
        self.refused_while_down += other.refused_while_down
        self.accepted_while_down += other.accepted_while_down
        self.faults.update(other.faults)
        self.bad_inputs.update(other.bad_inputs)
        self.lost += other.lost
        self.duplicates += other.duplicates
        self.seconds += other.seconds

    def report(self) -> str:
        lines = [
            f"calls sent            {self.calls_sent}",
            f"calls accepted (202)  {self.accepted}",
            f"503 while Kafka down  {self.refused_while_down} (202 while down: "
            f"{self.accepted_while_down})",
            "faults injected       "
            + ", ".join(f"{k}={v}" for k, v in sorted(self.faults.items())),
            "bad inputs tried      " + (", ".join(
                f"{k}={v}" for k, v in sorted(self.bad_inputs.items())) or "0"),
            f"calls lost            {len(self.lost)}",
            f"duplicates            {len(self.duplicates)}",
            f"seconds               {self.seconds:.1f}",
        ]
        return "\n".join(lines)


@dataclass
class FaultStack:
    """A stack of real processes on one topic prefix, with the keys to talk to it."""

    settings: ServiceSettings
    env: dict[str, str]
    ports: dict[str, int]
    log_dir: Path
    credentials: dict[str, Any]
    stack: Stack

    @property
    def cad(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.credentials['cad']}"}

    @property
    def auditor(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.credentials['admin']}"}

    def url(self, name: str) -> str:
        return self.stack.url(name)

    def kill9(self, name: str) -> None:
        process = self.stack.services[name].process
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=10)

    async def restart(self, name: str, timeout_s: float = 60.0) -> ServiceProcess:
        svc = start_service(name, self.ports[name], self.env, self.log_dir)
        self.stack.services[name] = svc
        await wait_ready(svc, timeout_s)
        return svc

    def stop(self) -> None:
        self.stack.stop()


async def start_fault_stack(
    bootstrap: str, run_dir: Path, ports: Mapping[str, int], extra_env: Mapping[str, str] = {},
) -> FaultStack:
    prefix = f"faults{uuid.uuid4().hex[:8]}."
    settings = ServiceSettings(kafka_bootstrap=bootstrap, topic_prefix=prefix,
                               group_prefix=prefix, run_dir=run_dir)
    await create_topics(settings)
    credentials = generate_dev_credentials(run_dir / "credentials.json", run_dir / "keys.json",
                                           ["BCR-1"])
    env = {
        "RR_KAFKA_BOOTSTRAP": bootstrap, "RR_TOPIC_PREFIX": prefix, "RR_GROUP_PREFIX": prefix,
        "RR_RUN_DIR": str(run_dir), "RR_KEY_FILE": str(run_dir / "keys.json"),
        "RR_KAFKA_RETRY_BACKOFF_S": "0.5", "RR_PUBLISH_TIMEOUT_S": "3",
        **extra_env,
    }
    log_dir = run_dir / "logs"
    stack = await start_stack(env, log_dir, dict(ports))
    return FaultStack(settings, env, dict(ports), log_dir, credentials, stack)


def call_body(n: int, run: str) -> dict[str, Any]:
    call_type, narrative = SAMPLE_CALLS[n % len(SAMPLE_CALLS)]
    return {
        "cad_incident_id": f"F-{run}-{n}",
        "call_type": call_type,
        "narrative": narrative,
        "received_at": "2026-11-25T14:03:00-06:00",
        "location": {"address": f"{n} E Lake St", "lat": 44.9485 + (n % 50) * 0.0005,
                     "lon": -93.247 - (n % 37) * 0.0005},
    }


async def post_calls(
    fs: FaultStack, count: int, rate: float, figures: Figures, *, run: str,
    start_at: int = 0, concurrency: int = 50,
) -> list[str]:
    """Post ``count`` calls at ``rate`` per second (open loop); returns accepted call ids."""
    accepted: list[str] = []
    gate = asyncio.Semaphore(concurrency)
    started = time.monotonic()
    async with httpx.AsyncClient(timeout=10.0, headers=fs.cad) as client:

        async def one(n: int) -> None:
            await asyncio.sleep(max(0.0, started + (n - start_at) / rate - time.monotonic()))
            async with gate:
                figures.calls_sent += 1
                try:
                    response = await client.post(f"{fs.url('intake')}/v1/calls",
                                                 json=call_body(n, run))
                except httpx.HTTPError:
                    return
                if response.status_code in (200, 202):
                    accepted.append(response.json()["call_id"])

        await asyncio.gather(*(one(n) for n in range(start_at, start_at + count)))
    figures.accepted += len(accepted)
    return accepted


def call_outcome(events: list[dict[str, Any]]) -> str:
    """``done``, ``pending`` or ``duplicate:<what>`` for one accepted call's recorded events."""
    kinds = Counter(e["event_type"] for e in events)
    ids = Counter(e["event_id"] for e in events)
    if any(n > 1 for n in ids.values()):
        return "duplicate:event_id"
    for once in ("CallReceived", "CallTriaged"):
        if kinds[once] > 1:
            return f"duplicate:{once}"
    if kinds["CallReceived"] == 0 or kinds["CallTriaged"] == 0:
        return "pending"
    triaged = next(e["payload"] for e in events if e["event_type"] == "CallTriaged")
    decided = Counter(e["payload"].get("unit_type") for e in events
                      if e["event_type"] in ("UnitAssigned", "CallQueued"))
    if any(decided[u] == 0 for u in triaged["units"]):
        return "pending"
    assigned = Counter(e["payload"]["unit_type"] for e in events
                       if e["event_type"] == "UnitAssigned")
    if any(n > 1 for n in assigned.values()):
        return "duplicate:UnitAssigned"
    return "done"


def recorded_events(fs: FaultStack, call_ids: set[str]) -> dict[str, list[dict[str, Any]]]:
    """Read the audit record straight from its database, read-only.

    Reading through the audit API would itself be recorded (every audit API call is), so
    thousands of polls would load the very service under test.
    """
    import sqlite3

    db = fs.settings.run_dir / "audit.db"
    by_call: dict[str, list[dict[str, Any]]] = {c: [] for c in call_ids}
    if not db.exists():
        return by_call
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30) as conn:
        rows = conn.execute(
            "SELECT call_id, event_id, event_type, payload_json FROM audit_entry "
            "WHERE call_id IS NOT NULL ORDER BY seq").fetchall()
    for call_id, event_id, event_type, payload_json in rows:
        if call_id in by_call:
            by_call[call_id].append({"event_id": event_id, "event_type": event_type,
                                     "payload": json.loads(payload_json)})
    return by_call


async def settle(
    fs: FaultStack, call_ids: list[str], figures: Figures, timeout_s: float = 180.0,
) -> None:
    """Wait until every accepted call is fully recorded; count lost and duplicated calls."""
    deadline = time.monotonic() + timeout_s
    wanted = set(call_ids)
    while True:
        events = await asyncio.to_thread(recorded_events, fs, wanted)
        outcomes = {c: call_outcome(e) for c, e in events.items()}
        if all(o != "pending" for o in outcomes.values()) or time.monotonic() > deadline:
            break
        await asyncio.sleep(1.0)
    figures.lost += [c for c, o in outcomes.items() if o == "pending"]
    figures.duplicates += [f"{c} {o}" for c, o in outcomes.items() if o.startswith("duplicate")]


async def units_never_double_booked(fs: FaultStack) -> list[str]:
    """Units holding a call, checked against the record: one active call per unit."""
    async with httpx.AsyncClient(timeout=10.0, headers=fs.auditor) as client:
        units = (await client.get(f"{fs.url('assignment')}/v1/units")).json()
    held = Counter(u["current_call_id"] for u in units if u.get("current_call_id"))
    return [call for call, n in held.items() if n > 1 and call]


async def kill_services_mid_stream(
    bootstrap: str, run_dir: Path, ports: Mapping[str, int], calls: int = 2000,
    rate: float = 250.0,
) -> Figures:
    """kill -9 triage, assignment and audit one at a time while calls flow; restart each."""
    figures = Figures()
    started = time.monotonic()
    fs = await start_fault_stack(bootstrap, run_dir, ports)
    try:
        flow = asyncio.create_task(post_calls(fs, calls, rate, figures, run=run_dir.name))
        spacing = calls / rate / 4
        for name in ("triage", "assignment", "audit"):
            await asyncio.sleep(spacing)
            fs.kill9(name)
            figures.faults[f"kill -9 {name}"] += 1
            await fs.restart(name)
        accepted = await flow
        await settle(fs, accepted, figures)
        figures.duplicates += [f"unit holds {c}" for c in await units_never_double_booked(fs)]
    finally:
        fs.stop()
    figures.seconds = time.monotonic() - started
    return figures


def main() -> None:  # pragma: no cover - exercised by `make faults`
    import argparse
    import tempfile

    from shared.stack import broker, broker_running
    from tests.conftest import free_port

    parser = argparse.ArgumentParser(description="Inject faults into the real stack.")
    parser.add_argument("--calls", type=int, default=2000)
    parser.add_argument("--rate", type=float, default=250.0)
    parser.add_argument("--kafka-port", type=int, default=19092)
    args = parser.parse_args()
    started_broker = not broker_running(args.kafka_port)
    if started_broker:
        broker("start", port=args.kafka_port)
    total = Figures()
    try:
        with tempfile.TemporaryDirectory(prefix="rr-faults-") as tmp:
            ports = {name: free_port() for name in SERVICES}
            total.merge(asyncio.run(kill_services_mid_stream(
                f"127.0.0.1:{args.kafka_port}", Path(tmp), ports, args.calls, args.rate)))
    finally:
        if started_broker:
            broker("stop", port=args.kafka_port)
    print(total.report())
    print(json.dumps({"lost": total.lost[:20], "duplicates": total.duplicates[:20]}))


if __name__ == "__main__":  # pragma: no cover
    main()
