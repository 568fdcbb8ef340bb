"""The deadline loop takes turns with the calls coming in: a burst of due deadlines (every
crew of a shift missing its acknowledgement at once) on the SQLite store, whose
transactions run on the event loop, lets a new call be decided between two deadlines
instead of after all of them. Clock moved by the test; no broker, no wait."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from services.assignment.dispatcher import DispatchConfig, Dispatcher
from services.assignment.matching import GreatCircleEta
from services.assignment.store import init_store, use_immediate_transactions
from services.assignment.timer_loop import Slices, act_on_due_deadlines
from shared.db import make_engine, run_store_work
from shared.events import CallTriaged, Location, UnitType, make_event
from tests.unit.assignment_fakes import Clock

LAKE = Location(address="E. Lake St. & Bloomington", lat=44.9485, lon=-93.2470)
CREWS = 12


def roster(path: Path) -> Path:
    lines = ["units:"]
    for n in range(CREWS):
        lines.append(f"  - {{unit_id: P-{n}, unit_type: police, station: S, "
                     f"lat: {44.94 + n / 1000}, lon: -93.25}}")
    lines.append("  - {unit_id: M-1, unit_type: ems, station: S, lat: 44.95, lon: -93.26}")
    path.write_text("\n".join(lines) + "\n")
    return path


def triage(dispatcher: Dispatcher, call_id: str, unit: UnitType) -> None:
    payload = CallTriaged(pathway="police_default", units=[unit], priority=2, confidence=0.9,
                          policy_id="test", policy_version="1", tags=[], safety_flags=[],
                          location=LAKE)
    dispatcher.on_triaged(make_event(payload, producer="triage", call_id=call_id), payload)


@pytest.fixture
def sqlite_dispatcher(tmp_path: Path) -> tuple[Dispatcher, Clock]:
    engine = make_engine(f"sqlite:///{tmp_path / 'assignment.db'}")
    use_immediate_transactions(engine)
    init_store(engine, roster(tmp_path / "roster.yaml"))
    clock = Clock()
    config = DispatchConfig(producer="assignment", estimator=GreatCircleEta(40),
                            corridors=[], fallbacks=[], ack_timeout_s=90)
    return Dispatcher(engine, config, clock=clock), clock


async def test_a_new_call_is_decided_between_two_deadlines_of_a_burst(
        sqlite_dispatcher: tuple[Dispatcher, Clock]) -> None:
    dispatcher, clock = sqlite_dispatcher
    for n in range(CREWS):
        triage(dispatcher, f"sent-{n}", UnitType.police)
    clock.advance(91)  # no crew acknowledged: every assignment is due at once
    assert len(dispatcher.due_needs()) == CREWS

    acted: list[int] = []
    run_timer = dispatcher.run_timer

    def counting(need_id: int) -> None:
        run_timer(need_id)
        acted.append(need_id)

    dispatcher.run_timer = counting  # type: ignore[method-assign]

    async def new_call() -> int:
        await run_store_work(dispatcher.engine, triage, dispatcher, "new", UnitType.ems)
        return len(acted)

    deadlines = asyncio.create_task(act_on_due_deadlines(dispatcher))
    call = asyncio.create_task(new_call())
    total, acted_before_the_call = await deadlines, await call

    assert total == CREWS
    assert acted_before_the_call < total
    assert dispatcher.due_needs() == []


async def test_a_slice_of_work_is_followed_by_a_pause_as_long() -> None:
    clock = Clock(0.0)
    pauses: list[float] = []

    async def pause(seconds: float) -> None:
        pauses.append(seconds)

    slices = Slices(0.02, clock=clock, pause=pause)
    for _ in range(5):
        clock.advance(0.006)  # a deadline's store work
        await slices.between()
    assert pauses == [0.02]  # after the fourth piece (24 ms), not before
    for _ in range(4):
        clock.advance(0.006)
        await slices.between()
    assert pauses == [0.02, 0.02]
