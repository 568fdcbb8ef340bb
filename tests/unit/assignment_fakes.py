"""An in-memory unit of work for assignment's decisions, a clock the test moves, and a
dispatcher built on both: decisions, deadlines and crews' reports without a database,
a broker or a wait."""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from services.assignment.decisions import DispatchConfig
from services.assignment.dispatcher import Dispatcher
from services.assignment.floor_policy import FloorPolicy
from services.assignment.matching import GreatCircleEta
from services.assignment.rules import Corridor, FallbackRule
from services.assignment.store import (
    ACTIVE_STATES,
    CallRecord,
    FeedEntry,
    Need,
    Unit,
    UnitCreate,
)
from services.assignment.unit_of_work import (
    UNIT_WRITABLE,
    AbstractUnitOfWork,
    AnyCall,
    CallRepository,
    FeedRepository,
    NeedRepository,
    Outbox,
    QueuedNeed,
    QueueGlance,
    RosterRow,
    UnitRepository,
    UnitSnapshot,
)
from shared.events import UnitStatus, UnitType


class FakeCalls(CallRepository):
    def __init__(self) -> None:
        self.rows: dict[str, CallRecord] = {}

    def get(self, call_id: str, *, lock: bool = False) -> CallRecord | None:
        return self.rows.get(call_id)

    def get_many(self, call_ids: list[str], *, lock: bool) -> dict[str, CallRecord]:
        return {i: self.rows[i] for i in call_ids if i in self.rows}

    def add(self, call: CallRecord) -> None:
        self.rows[call.call_id] = call

    def floor_due(self, now: float) -> list[str]:
        return [c.call_id for c in self.rows.values()
                if c.floor_due_at is not None and c.floor_due_at <= now]

    def pending_floor(self, states: tuple[str, ...], limit: int) -> list[CallRecord]:
        found = [c for c in self.rows.values() if c.floor_state in states and not c.cancelled]
        return sorted(found, key=lambda c: (c.priority, c.updated_at))[:limit]


class FakeNeeds(NeedRepository):
    def __init__(self) -> None:
        self.rows: list[Need] = []
        self._ids = itertools.count(1)

    def for_call(self, call_id: str, *, lock: bool = True) -> list[Need]:
        return [n for n in self.rows if n.call_id == call_id]

    def held_by(self, unit_id: str) -> list[Need]:
        return [n for n in self.rows if n.unit_id == unit_id and n.state in ACTIVE_STATES]

    def get(self, need_id: int, *, lock: bool = True) -> Need | None:
        return next((n for n in self.rows if n.id == need_id), None)

    def wait_for(self, need_ids: list[int]) -> None:
        pass  # nothing else runs beside the fake

    def take_waiting(self, need_id: int) -> Need | None:
        need = self.get(need_id)
        return need if need is not None and need.state == "waiting" else None

    def queue(self, unit_type: UnitType) -> list[QueuedNeed]:
        return [QueuedNeed(n.id, n.call_id, n.priority, n.queued_at, tuple(n.excluded))
                for n in self.rows
                if n.unit_type == unit_type and n.state == "waiting" and n.id is not None]

    def due(self, now: float) -> list[int]:
        due = [n for n in self.rows
               if (n.state == "assigned" and n.ack_due_at is not None and n.ack_due_at <= now)
               or (n.state == "waiting" and n.fallback_due_at is not None
                   and n.fallback_due_at <= now)]
        return [n.id for n in sorted(due, key=lambda n: (n.priority, n.queued_at))
                if n.id is not None]

    def add(self, need: Need) -> None:
        need.id = next(self._ids)
        self.rows.append(need)


class FakeUnits(UnitRepository):
    def __init__(self, units: Iterable[Unit]) -> None:
        self.rows: dict[str, Unit] = {u.unit_id: u for u in units}

    def roster(self, unit_type: UnitType) -> list[RosterRow]:
        return [RosterRow(u.unit_id, u.status, u.lat, u.lon, tuple(u.service_area), u.shift,
                          tuple(u.capabilities or ()))
                for u in self.rows.values() if u.unit_type == unit_type]

    def get(self, unit_id: str) -> UnitSnapshot | None:
        u = self.rows.get(unit_id)
        return None if u is None else UnitSnapshot(u.unit_id, u.unit_type, u.status,
                                                   u.current_call_id, u.lat, u.lon)

    def holding(self, call_id: str) -> list[UnitSnapshot]:
        return [UnitSnapshot(u.unit_id, u.unit_type, u.status, u.current_call_id, u.lat, u.lon)
                for u in sorted(self.rows.values(), key=lambda u: u.unit_id)
                if u.current_call_id == call_id]

    def get_for_update(self, unit_id: str) -> Unit | None:
        return self.rows.get(unit_id)

    def add(self, unit: Unit) -> None:
        self.rows[unit.unit_id] = unit

    def update(self, unit_id: str, values: dict[str, Any], *,
               if_status: UnitStatus | None = None,
               if_holds: str | type[AnyCall] | None = AnyCall) -> bool:
        assert set(values) <= UNIT_WRITABLE
        unit = self.rows.get(unit_id)
        if unit is None or (if_status is not None and unit.status != if_status):
            return False
        if if_holds is not AnyCall and unit.current_call_id != if_holds:
            return False
        for name, value in values.items():
            setattr(unit, name, UnitStatus(value) if name == "status" else value)
        return True


class FakeFeed(FeedRepository):
    def __init__(self) -> None:
        self.rows: list[FeedEntry] = []
        self.pending: list[FeedEntry] = []

    def add(self, unit_id: str, call_id: str, kind: str, data: dict[str, Any],
            now: float) -> None:
        # Through JSON, as the database keeps it.
        self.pending.append(FeedEntry(unit_id=unit_id, call_id=call_id, kind=kind,
                                      data=json.loads(json.dumps(data)), created_at=now))

    def latest(self, unit_id: str, call_id: str) -> FeedEntry | None:
        return next((e for e in reversed(self.rows)
                     if e.unit_id == unit_id and e.call_id == call_id and e.kind != "team"),
                    None)

    def after(self, unit_id: str, after_id: int, limit: int) -> list[FeedEntry]:
        return [e for e in self.rows if e.unit_id == unit_id and (e.id or 0) > after_id][:limit]

    def last_id(self, unit_id: str) -> int:
        return max((e.id or 0 for e in self.rows if e.unit_id == unit_id), default=0)


@dataclass(frozen=True)
class Published:
    """One outbox row as the relay would publish it."""

    topic: str
    envelope: dict[str, Any]

    @property
    def event_type(self) -> str:
        return str(self.envelope["event_type"])

    @property
    def payload(self) -> dict[str, Any]:
        return dict(self.envelope["payload"])


class FakeOutbox(Outbox):
    def __init__(self) -> None:
        self.published: list[Published] = []
        self.pending: list[Published] = []

    def add(self, topic: str, envelope_json: str, now: float) -> None:
        self.pending.append(Published(topic, json.loads(envelope_json)))


class FakeUnitOfWork(AbstractUnitOfWork):
    """Every repository in memory. A rollback drops the events, feed entries and handled
    records not committed; changes made to rows stay (the decisions raise only before
    writing, which the SQL tests check)."""

    def __init__(self, units: Iterable[Unit] = ()) -> None:
        self.calls = FakeCalls()
        self.needs = FakeNeeds()
        self.units = FakeUnits(units)
        self.feed = self.fake_feed = FakeFeed()
        self.outbox = self.fake_outbox = FakeOutbox()
        self.handled = []
        self.handled_committed: list[str] = []
        self.commits = 0
        self._feed_ids = itertools.count(1)

    def __enter__(self) -> FakeUnitOfWork:
        super().__enter__()
        return self

    def unit_with_call_locked(self, unit_id: str) -> UnitSnapshot | None:
        return self.units.get(unit_id)

    def lock_calls_held_by(self, unit_ids: list[str]) -> None:
        pass  # nothing else runs beside the fake

    def glance(self, unit_types: set[UnitType]) -> QueueGlance:
        available: dict[UnitType, frozenset[str]] = {}
        for u in self.units.rows.values():
            if u.status == UnitStatus.available and u.unit_type in unit_types:
                available[u.unit_type] = available.get(u.unit_type, frozenset()) | {u.unit_id}
        return QueueGlance(available, frozenset(
            n.unit_type for n in self.needs.rows
            if n.state == "waiting" and n.unit_type in unit_types))

    def types_to_serve(self) -> set[UnitType]:
        free = {u.unit_type for u in self.units.rows.values()
                if u.status == UnitStatus.available}
        return {n.unit_type for n in self.needs.rows if n.state == "waiting"} & free

    def handled_before(self, event_ids: list[str]) -> set[str]:
        return set(event_ids) & set(self.handled_committed)

    def commit(self) -> None:
        self.fake_outbox.published.extend(self.fake_outbox.pending)
        for entry in self.fake_feed.pending:
            entry.id = next(self._feed_ids)
            self.fake_feed.rows.append(entry)
        self.handled_committed.extend(self.handled)
        self.rollback()
        self.commits += 1

    def rollback(self) -> None:
        self.fake_outbox.pending.clear()
        self.fake_feed.pending.clear()
        self.handled.clear()

    def events(self, event_type: str, call_id: str | None = None,
               topic: str | None = None) -> list[Published]:
        """Published events of one type (on one topic: calls.assigned unless given)."""
        wanted = topic or "calls.assigned"
        return [p for p in self.fake_outbox.published
                if p.topic == wanted and p.event_type == event_type
                and (call_id is None or p.envelope["call_id"] == call_id)]


class Clock:
    """The time every decision reads: moved by the test, never by waiting."""

    def __init__(self, now: float = 1_780_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def roster_unit(unit_id: str, unit_type: str, lat: float, lon: float, **extra: Any) -> Unit:
    return Unit.model_validate(UnitCreate.model_validate(
        {"unit_id": unit_id, "unit_type": unit_type, "lat": lat, "lon": lon, **extra}
    ).model_dump())


def fake_dispatcher(units: Iterable[Unit], clock: Clock, *,
                    fallbacks: list[FallbackRule] | None = None,
                    corridors: list[Corridor] | None = None,
                    ack_timeout_s: float = 90.0,
                    floor: FloorPolicy | None = None) -> tuple[Dispatcher, FakeUnitOfWork]:
    """The service's dispatcher over one in-memory unit of work."""
    uow = FakeUnitOfWork(units)
    config = DispatchConfig(producer="assignment", estimator=GreatCircleEta(40),
                            corridors=corridors or [], fallbacks=fallbacks or [],
                            ack_timeout_s=ack_timeout_s, floor=floor or FloorPolicy())
    return Dispatcher(None, config, clock=clock,  # type: ignore[arg-type]
                      unit_of_work=lambda: uow), uow
