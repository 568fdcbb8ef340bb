"""The demo's replay: post a synthetic day to intake on a compressed clock, and act as
every crew the roster sends (accept, en route, on scene, perhaps ask for backup, clear
with a coded outcome) through the responder API, as a phone would.

Crews learn of their calls from the roster (``GET /v1/units``, one request a poll for all
of them), then act with their own responder keys. Narratives are never printed.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import httpx

from services.demo.calls import DemoCall
from services.demo.crews import CrewPlan, crew_plan
from services.intake.replay import Summary, send_call

DAY_S = 86_400.0
# Seconds without a unit holding a call, after the last post, before the demo ends.
SETTLE_S = 5.0


class DemoError(RuntimeError):
    """The stack is not there, or refused the demo's keys."""


@dataclass(frozen=True)
class DemoKeys:
    cad: str
    admin: str
    responders: dict[str, str] = field(default_factory=dict)

    def as_admin(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.admin}"}

    def crew(self, unit_id: str) -> dict[str, str]:
        """A unit's own key (an admin's may act for any unit where it has none)."""
        return {"Authorization": f"Bearer {self.responders.get(unit_id, self.admin)}"}

    @classmethod
    def from_credentials(cls, data: dict[str, Any]) -> DemoKeys:
        return cls(cad=data["cad"], admin=data["admin"],
                   responders=dict(data.get("responders") or {}))


@dataclass(frozen=True)
class DemoUrls:
    intake: str
    assignment: str
    audit: str


@dataclass
class Clock:
    """Real time by default; a test may pass its own ``sleep``."""

    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep
    monotonic: Callable[[], float] = time.monotonic


@dataclass
class CrewTally:
    dispatched: int = 0
    accepted: int = 0
    on_scene: int = 0
    cleared_with_outcome: int = 0
    backups: int = 0
    released: int = 0  # the call was taken from the crew (cancelled, re-assigned) first
    calls: set[str] = field(default_factory=set)


@dataclass
class DemoResult:
    posted: Summary
    crews: CrewTally
    call_ids: list[str]

    def render(self) -> str:
        c = self.crews
        return "\n".join([
            self.posted.render().replace("replay:", "calls:"),
            f"crews: {c.dispatched} dispatches, {c.accepted} accepted, {c.on_scene} on "
            f"scene, {c.cleared_with_outcome} cleared with an outcome, "
            f"{c.backups} backups asked, {c.released} taken from the crew first"])


class Crews:
    """Every crew of the roster, acting on the calls it is sent to."""

    def __init__(self, http: httpx.AsyncClient, urls: DemoUrls, keys: DemoKeys, *,
                 seed: int, speedup: float, clock: Clock) -> None:
        self.http, self.urls, self.keys = http, urls, keys
        self.seed, self.speedup, self.clock = seed, speedup, clock
        self.tally = CrewTally()
        self.tasks: set[asyncio.Task[None]] = set()
        self.seen: set[tuple[str, str]] = set()

    async def wait_city_min(self, minutes: float) -> None:
        await self.clock.sleep(minutes * 60 / self.speedup)

    async def poll(self) -> int:
        """Start a crew on every new dispatch; the number of units holding a call."""
        response = await self.http.get(f"{self.urls.assignment}/v1/units",
                                       headers=self.keys.as_admin())
        if response.status_code != 200:
            raise DemoError(f"the roster answered {response.status_code}")
        holding = 0
        for unit in response.json():
            call_id = unit.get("current_call_id")
            if call_id is None:
                continue
            holding += 1
            key = (unit["unit_id"], call_id)
            if unit["status"] == "dispatched" and key not in self.seen:
                self.seen.add(key)
                self.tally.dispatched += 1
                plan = crew_plan(self.seed, unit["unit_id"], unit["unit_type"], call_id)
                task = asyncio.create_task(self.work(unit["unit_id"], call_id, plan))
                self.tasks.add(task)
                task.add_done_callback(self.tasks.discard)
        return holding

    async def work(self, unit_id: str, call_id: str, plan: CrewPlan) -> None:
        url = f"{self.urls.assignment}/v1/units/{unit_id}"
        headers = self.keys.crew(unit_id)

        async def status(value: str) -> bool:
            response = await self.http.post(url + "/status", headers=headers,
                                            json={"status": value, "call_id": call_id})
            return response.status_code == 200

        await self.wait_city_min(plan.accept_after_min)
        if (await self.http.post(url + "/accept", headers=headers)).status_code != 200:
            self.tally.released += 1
            return
        self.tally.accepted += 1
        if not await status("en_route"):
            self.tally.released += 1
            return
        await self.wait_city_min(plan.drive_min)
        if not await status("on_scene"):
            self.tally.released += 1
            return
        self.tally.on_scene += 1
        if plan.backup is not None:
            await self.wait_city_min(plan.scene_min / 3)
            await self.ask_backup(url, headers, call_id, plan)
            await self.wait_city_min(plan.scene_min * 2 / 3)
        else:
            await self.wait_city_min(plan.scene_min)
        await self.clear(url, headers, call_id, plan)

    async def ask_backup(self, url: str, headers: dict[str, str], call_id: str,
                         plan: CrewPlan) -> None:
        assert plan.backup is not None
        requested, reason = plan.backup
        response = await self.http.post(url + "/backup", headers=headers, json={
            "call_id": call_id, "requested": [str(u) for u in requested],
            "reason_code": str(reason)})
        if response.status_code == 202:
            self.tally.backups += 1

    async def clear(self, url: str, headers: dict[str, str], call_id: str,
                    plan: CrewPlan) -> None:
        response = await self.http.post(url + "/clear", headers=headers, json={
            "call_id": call_id, "outcome": str(plan.outcome), "note": plan.note})
        if response.status_code == 200:
            self.tally.cleared_with_outcome += 1
            self.tally.calls.add(call_id)
        else:
            self.tally.released += 1


async def check_stack(http: httpx.AsyncClient, urls: DemoUrls) -> None:
    for name, url in (("intake", urls.intake), ("assignment", urls.assignment),
                      ("audit", urls.audit)):
        try:
            response = await http.get(f"{url}/readyz")
        except httpx.HTTPError as err:
            raise DemoError(f"{name} does not answer at {url}: start `make run` first") \
                from err
        if response.status_code != 200:
            raise DemoError(f"{name} at {url} is not ready yet ({response.status_code})")


async def run_demo(
    calls: list[DemoCall], urls: DemoUrls, keys: DemoKeys, *, seed: int, minutes: float,
    clock: Clock | None = None, poll_s: float = 0.5, linger_s: float | None = None,
    progress: Callable[[str], None] = lambda _: None,
) -> DemoResult:
    """Post ``calls`` over ``minutes`` of real time (the whole day compressed) while the
    crews work; return once every crew is done (or ``linger_s`` after the last call)."""
    clock = clock or Clock()
    speedup = DAY_S / (minutes * 60)
    summary, call_ids = Summary(), []
    cad = {"Authorization": f"Bearer {keys.cad}"}
    async with httpx.AsyncClient(timeout=10.0) as http, \
            httpx.AsyncClient(timeout=10.0, headers=cad) as intake:
        await check_stack(http, urls)
        crews = Crews(http, urls, keys, seed=seed, speedup=speedup, clock=clock)
        start = clock.monotonic()

        async def post_all() -> None:
            for n, call in enumerate(calls, start=1):
                due = start + call.offset_s / speedup
                if (wait := due - clock.monotonic()) > 0:
                    await clock.sleep(wait)
                summary.sent += 1
                # retried as a CAD would (services/intake/replay.py)
                status, body, error = await send_call(intake, f"{urls.intake}/v1/calls",
                                                      call.body, retries=5)
                summary.record(status, body, error)
                if status in (200, 202) and body is not None:
                    call_ids.append(str(body["call_id"]))
                if n % 50 == 0:
                    progress(f"{n}/{len(calls)} calls posted, "
                             f"{crews.tally.dispatched} crews sent")

        poster = asyncio.create_task(post_all())
        quiet_since = None
        deadline: float | None = None
        while True:
            holding = await crews.poll()
            if poster.done():
                poster.result()
                deadline = deadline or clock.monotonic() + (
                    linger_s if linger_s is not None else max(30.0, minutes * 15))
                idle = holding == 0 and not crews.tasks
                quiet_since = (quiet_since or clock.monotonic()) if idle else None
                # the last calls may still be on their way through triage: quiet a while
                settled = quiet_since is not None and clock.monotonic() - quiet_since >= SETTLE_S
                if settled or clock.monotonic() > deadline:
                    break
            await clock.sleep(poll_s)
        for task in list(crews.tasks):
            task.cancel()
        await asyncio.gather(*crews.tasks, return_exceptions=True)
    return DemoResult(summary, crews.tally, call_ids)

