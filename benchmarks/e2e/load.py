"""Open-loop load: calls sent on a fixed schedule, whether or not earlier ones answered."""

from __future__ import annotations

import asyncio
import json
import random
import time
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from benchmarks.e2e.keepalive import KeepAliveConnection, _HttpClient
from benchmarks.process_cpu import ProcessSampler

if TYPE_CHECKING:
    from benchmarks.e2e.observe import Observed

# A mix of calls that exercises every pathway (police, EMS, BCR, CSO, fire).
CALL_MIX = [
    ("EDP", "Man talking about hurting himself, no weapons, calm.", {}),
    ("THEFT", "Bike stolen from the rack overnight, no suspect.", {}),
    ("DAMAGE", "Car window broken while parked.", {}),
    ("ASSAULT", "Two men fighting outside the bar, one has a knife.", {"weapons": True}),
    ("MEDICAL", "Elderly woman fell, conscious, hip pain.", {"injuries": True}),
    ("WELFARE", "Neighbor has not been seen for two days.", {}),
    ("FIRE", "Smoke coming from a garage.", {}),
    ("NOISE", "Loud music from the apartment upstairs.", {}),
]


@dataclass
class Sent:
    call_id: str
    sent: float  # perf_counter
    sent_wall: float
    accepted: float | None = None
    accepted_wall: float | None = None
    status: int | None = None


def call_body(seq: str) -> dict[str, Any]:
    call_type, narrative, flags = random.choice(CALL_MIX)
    return {
        "cad_incident_id": f"BENCH-{seq}",
        "call_type": call_type,
        "narrative": narrative,
        "flags": flags,
        "received_at": datetime.now().astimezone().isoformat(),
        "location": {"address": "E. Lake St. & Bloomington Ave",
                     "lat": 44.90 + random.random() * 0.12,
                     "lon": -93.33 + random.random() * 0.13},
    }


class LoadClient(_HttpClient):
    """POSTs over a pool of keep-alive HTTP/1.1 connections (plain asyncio streams).

    httpx was measured costing ~8 ms of client CPU per request with hundreds in flight
    on this 2-core machine (the bench measured itself); this costs a small fraction of
    that. Requests queue for a free connection; the queueing time counts in latency,
    since each call's clock starts at its scheduled send time (open loop).
    """

    def __init__(self, url: str, token: str, connections: int) -> None:
        super().__init__(url, token, connections)
        self.queue: asyncio.Queue[tuple[bytes, Sent]] = asyncio.Queue()
        self.in_flight = 0

    def discard_queued(self) -> int:
        """Drop requests still waiting for a connection (end of a step): they count as
        not accepted, and the next step starts with an empty queue."""
        dropped = 0
        while not self.queue.empty():
            self.queue.get_nowait()
            self.in_flight -= 1
            dropped += 1
        return dropped

    def submit(self, body: dict[str, Any], sent: Sent) -> None:
        self.in_flight += 1
        self.queue.put_nowait((json.dumps(body).encode(), sent))

    async def _worker(self) -> None:
        connection = KeepAliveConnection(self.host, self.port)
        while True:
            payload, sent = await self.queue.get()
            try:
                # A resend is safe: the same cad_incident_id gets the first call's id.
                status, body = await connection.exchange(self._post("/v1/calls", payload))
                sent.status = status
                if status in (200, 202):  # 200: a resend of a call already accepted
                    sent.accepted = time.perf_counter()
                    sent.accepted_wall = time.time()
                    sent.call_id = json.loads(body)["call_id"]
            except (OSError, TimeoutError, ValueError, asyncio.IncompleteReadError):
                sent.status = -1
            finally:
                self.in_flight -= 1


async def run_step(
    rate: float, duration_s: float, client: LoadClient,
    observed: Observed, sampler: ProcessSampler, drain_s: float,
) -> tuple[list[Sent], dict[str, Any]]:
    """Open loop: call i is sent at start + i/rate whether or not earlier ones answered."""
    total = int(rate * duration_s)
    sent: list[Sent] = []
    backlog_series: list[tuple[float, int]] = []
    late = 0.0
    sampler.begin()
    start = time.perf_counter()
    next_sample = start
    run = uuid.uuid4().hex[:8]
    for i in range(total):
        due = start + i / rate
        now = time.perf_counter()
        if due > now:
            await asyncio.sleep(due - now)
        else:
            late = max(late, now - due)
        body = call_body(f"{run}-{i}")
        # The clock starts at the scheduled time: a late send counts against us.
        item = Sent(call_id="", sent=due, sent_wall=time.time() - (time.perf_counter() - due))
        sent.append(item)
        client.submit(body, item)
        if time.perf_counter() >= next_sample:
            sampler.sample()
            accepted = sum(1 for s in sent if s.accepted is not None)
            decided = sum(1 for s in sent if s.call_id in observed.decided_at)
            backlog_series.append((round(time.perf_counter() - start, 2), accepted - decided))
            next_sample += 1.0
    send_end = time.perf_counter()
    # Bounded wait for answers and decisions.
    deadline = time.perf_counter() + drain_s
    backlog_at_end = None
    while time.perf_counter() < deadline:
        if backlog_at_end is None and client.in_flight == 0:
            backlog_at_end = sum(
                1 for s in sent if s.accepted is not None and s.call_id not in observed.decided_at)
        pending = [s for s in sent if s.status is None or (
            s.accepted is not None and s.call_id not in observed.decided_at)]
        if not pending:
            break
        sampler.sample()
        await asyncio.sleep(0.1)
    resources = sampler.end()
    never_sent = client.discard_queued()
    info = {
        "sent": total,
        "send_seconds": round(send_end - start, 2),
        "achieved_send_rate": round(total / max(send_end - start, 1e-9), 1),
        "max_send_lateness_ms": round(late * 1000, 1),
        "backlog_series": backlog_series,
        "backlog_after_send": backlog_at_end,
        "never_sent_queued_at_end": never_sent,
        "resources": resources,
    }
    return sent, info

