"""What assignment's decisions need of storage: a unit of work holding a few repositories.

Every decision runs inside one unit of work: it reads and changes calls, needs and units
through the repositories, queues its events (outbox) and crews' feed entries, records the
events it handled, and commits all of it at once or none of it. Two implementations:
:mod:`services.assignment.sql_unit_of_work` (SQLite and PostgreSQL) and an in-memory fake
for unit tests (tests/unit/assignment_fakes.py).

The guarantee against double booking lives behind these methods: ``UnitRepository.claim``
and ``UnitRepository.update`` are conditional (they change a unit only while it still has
the status, and holds the call, the caller read) and say whether they did; a need is
changed only while locked (its call's needs "for update", or a waiting need taken with
``NeedRepository.take_waiting``), so two deciders never act on one need at once. How the
SQL unit of work orders its locks: services/assignment/sql_unit_of_work.py.
"""

from __future__ import annotations

import abc
from dataclasses import dataclass
from typing import Any, Protocol

from services.assignment.store import ACTIVE_STATES, CallRecord, FeedEntry, Need, Unit
from shared.events import UnitStatus, UnitType


@dataclass(frozen=True)
class UnitSnapshot:
    """One unit's row as read now: what a status report or a release checks."""

    unit_id: str
    unit_type: UnitType
    status: UnitStatus
    current_call_id: str | None
    lat: float | None
    lon: float | None


@dataclass(frozen=True)
class RosterRow:
    """What matching needs of one unit: the rest of the roster entry stays in storage."""

    unit_id: str
    status: UnitStatus
    lat: float | None
    lon: float | None
    service_area: tuple[str, ...]
    shift: str | None
    capabilities: tuple[str, ...] = ()


@dataclass(frozen=True)
class QueuedNeed:
    """What the queue's order and a first screening need of a waiting need."""

    need_id: int
    call_id: str
    priority: int
    queued_at: float
    excluded: tuple[str, ...]


@dataclass(frozen=True)
class QueueGlance:
    """By unit type, the units available and whether a need waits, as read now."""

    available: dict[UnitType, frozenset[str]]
    waiting: frozenset[UnitType]


class CallFacts(Protocol):
    """What matching and a crew's feed entry read of a call: a :class:`CallRecord`, or a
    :class:`CallSummary` read in plain columns."""

    @property
    def cancelled(self) -> bool: ...
    @property
    def priority(self) -> int: ...
    @property
    def pathway(self) -> str | None: ...
    @property
    def tags(self) -> list[str]: ...
    @property
    def safety_flags(self) -> list[str]: ...
    @property
    def reasons(self) -> list[str]: ...
    @property
    def location(self) -> dict[str, Any]: ...
    @property
    def units(self) -> list[str] | None: ...
    @property
    def scene_secured_at(self) -> float | None: ...


@dataclass(frozen=True)
class CallSummary:
    """A call's record as matching and a crew's feed read it, without loading the record."""

    cancelled: bool
    priority: int
    pathway: str | None
    tags: list[str]
    safety_flags: list[str]
    reasons: list[str]
    location: dict[str, Any]
    units: list[str] | None
    scene_secured_at: float | None


@dataclass(frozen=True)
class HeldNeed:
    """A need a unit held, as it stands once a crew's report settled it (accepted, or
    done): what the report's events and the crew's feed say of it."""

    id: int
    call_id: str
    unit_type: UnitType
    priority: int
    outcome: str | None


@dataclass(frozen=True)
class CallsOpened:
    """What a batch of triaged calls reads first (:meth:`AbstractUnitOfWork.open_calls`)."""

    calls: dict[str, CallRecord]
    handled: set[str]
    rosters: dict[UnitType, list[RosterRow]]


UNIT_WRITABLE = frozenset({"status", "current_call_id", "updated_at", "lat", "lon"})


class WriteConflict(Exception):
    """Another unit of work changed what this one relied on: worth running again at
    once (the dispatcher does, a few times), and, when that kept failing, an outage to
    wait out (shared.db.store_unavailable), as a serialization failure is."""

    sqlstate = "40001"


class AnyCall:
    """As ``if_holds`` of :meth:`UnitRepository.update`: whatever call the unit holds."""


class CallRepository(abc.ABC):
    @abc.abstractmethod
    def get(self, call_id: str, *, lock: bool = False) -> CallRecord | None:
        """The call's record (with ``lock``: locked until the end of the unit of work)."""

    @abc.abstractmethod
    def get_many(self, call_ids: list[str], *, lock: bool) -> dict[str, CallRecord]:
        """The records of these calls that exist (locked when ``lock``)."""

    def summary(self, call_id: str) -> CallFacts | None:
        """What matching and a crew's feed read of the call, not locked; None if unknown."""
        return self.get(call_id)

    @abc.abstractmethod
    def add(self, call: CallRecord) -> None: ...

    @abc.abstractmethod
    def floor_due(self, now: float) -> list[str]:
        """Calls whose floor deadline (services/assignment/floor.py) has passed."""

    @abc.abstractmethod
    def pending_floor(self, states: tuple[str, ...], limit: int) -> list[CallRecord]:
        """Calls not cancelled whose floor state is one of ``states``, most urgent
        first, at most ``limit``."""


class NeedRepository(abc.ABC):
    @abc.abstractmethod
    def for_call(self, call_id: str, *, lock: bool = True) -> list[Need]:
        """Every need of the call, locked unless ``lock`` is false (a read)."""

    @abc.abstractmethod
    def held_by(self, unit_id: str) -> list[Need]:
        """The needs the unit is assigned to or has accepted, oldest first, locked."""

    def settle_held(self, unit_id: str, state: str, *,
                    from_states: tuple[str, ...] = ACTIVE_STATES) -> list[HeldNeed]:
        """Set the needs the unit holds in one of ``from_states`` to ``state`` with no
        acknowledgement due, locked; them as they now stand, oldest first. What a crew's
        report does to them (on its way: accepted; cleared: done), without loading them."""
        settled = []
        for need in self.held_by(unit_id):
            if need.state in from_states and need.id is not None:
                need.state, need.ack_due_at = state, None
                settled.append(HeldNeed(need.id, need.call_id, need.unit_type,
                                        need.priority, need.outcome))
        return settled

    @abc.abstractmethod
    def get(self, need_id: int, *, lock: bool = True) -> Need | None:
        """One need, locked unless ``lock`` is false (a read)."""

    @abc.abstractmethod
    def take_waiting(self, need_id: int) -> Need | None:
        """The need, locked, if it still waits and no other unit of work holds it; None
        otherwise (whoever holds it decides it)."""

    @abc.abstractmethod
    def wait_for(self, need_ids: list[int]) -> None:
        """Lock these needs, waiting for any other unit of work that holds one."""

    @abc.abstractmethod
    def queue(self, unit_type: UnitType) -> list[QueuedNeed]:
        """Every waiting need of the type, in plain columns, not locked: a pass over a
        long queue takes only the needs a free unit may take (:meth:`take_waiting`)."""

    @abc.abstractmethod
    def due(self, now: float) -> list[int]:
        """Needs whose acknowledgement or fallback deadline has passed, most urgent first."""

    @abc.abstractmethod
    def add(self, need: Need) -> None: ...


class UnitRepository(abc.ABC):
    @abc.abstractmethod
    def roster(self, unit_type: UnitType) -> list[RosterRow]:
        """Every unit of the type."""

    @abc.abstractmethod
    def get(self, unit_id: str) -> UnitSnapshot | None: ...

    @abc.abstractmethod
    def holding(self, call_id: str) -> list[UnitSnapshot]:
        """Every unit that holds the call now (its crew and its co-responders)."""

    @abc.abstractmethod
    def get_for_update(self, unit_id: str) -> Unit | None:
        """The full roster entry, locked, for an admin's edit."""

    @abc.abstractmethod
    def add(self, unit: Unit) -> None: ...

    def claim(self, unit_id: str, call_id: str, now: float) -> bool:
        """Dispatch the unit to the call if it is still available; False if it is not
        (another decision took it since the roster was read)."""
        return self.update(unit_id, {"status": UnitStatus.dispatched,
                                     "current_call_id": call_id, "updated_at": now},
                           if_status=UnitStatus.available)

    @abc.abstractmethod
    def update(self, unit_id: str, values: dict[str, Any], *,
               if_status: UnitStatus | None = None,
               if_holds: str | type[AnyCall] | None = AnyCall) -> bool:
        """Write ``values`` (of status, current_call_id, updated_at, lat, lon) to the unit
        only while it still has ``if_status`` and holds the call ``if_holds`` (None: no
        call), where given; False when it no longer does."""


class FeedRepository(abc.ABC):
    """The per-unit log behind a crew's feed."""

    @abc.abstractmethod
    def add(self, unit_id: str, call_id: str, kind: str, data: dict[str, Any],
            now: float) -> None: ...

    @abc.abstractmethod
    def latest(self, unit_id: str, call_id: str) -> FeedEntry | None:
        """The unit's latest entry about the call itself (co-responder news aside)."""

    @abc.abstractmethod
    def after(self, unit_id: str, after_id: int, limit: int) -> list[FeedEntry]: ...

    @abc.abstractmethod
    def last_id(self, unit_id: str) -> int: ...


class Outbox(abc.ABC):
    @abc.abstractmethod
    def add(self, topic: str, envelope_json: str, now: float) -> None:
        """An event to publish once the unit of work commits (in the order added)."""


class AbstractUnitOfWork(abc.ABC):
    calls: CallRepository
    needs: NeedRepository
    units: UnitRepository
    feed: FeedRepository
    outbox: Outbox

    handled: list[str]
    # Whether other units of work run beside this one, each locking only the rows it
    # works on (PostgreSQL); False where one runs at a time (SQLite, the in-memory fake).
    row_locks: bool = False

    def __enter__(self) -> AbstractUnitOfWork:
        self.handled = []
        return self

    def __exit__(self, *exc: object) -> None:
        self.rollback()

    @abc.abstractmethod
    def unit_with_call_locked(self, unit_id: str) -> UnitSnapshot | None:
        """The unit as it stands once the call it holds (if any) is locked until the end
        of the unit of work: every change to a unit holding a call is made under that
        call's lock, so a crew's report read this way is not overtaken."""

    @abc.abstractmethod
    def lock_calls_held_by(self, unit_ids: list[str]) -> None:
        """Lock the calls these units hold now, in the order of their ids: before
        several crews' reports in one unit of work, so that two such units of work
        cannot each hold a call the other waits for."""

    @abc.abstractmethod
    def glance(self, unit_types: set[UnitType]) -> QueueGlance:
        """The units of these types available now, and which types have a need waiting,
        read on its own (outside this unit of work's transaction, one round trip): a
        look before serving the queue again."""

    @abc.abstractmethod
    def types_to_serve(self) -> set[UnitType]:
        """The unit types with a waiting need and an available unit, read now."""

    @abc.abstractmethod
    def handled_before(self, event_ids: list[str]) -> set[str]:
        """Which of these events a committed unit of work recorded as handled, read in
        this one after the calls they are about were locked, so no other instance
        decides one meanwhile (a check before the unit of work began would race a
        consumer group rebalance; a new call decided twice at once fails on its key at
        commit, and the retry finds it handled)."""

    def open_calls(self, call_ids: list[str], event_ids: list[str],
                   unit_types: set[UnitType]) -> CallsOpened:
        """The records of these calls that exist, locked (``calls.get_many``); which of
        these events were handled before, read once they are (:meth:`handled_before`);
        and the rosters of these unit types: what deciding triaged calls reads first,
        in one round trip where the store can send them together."""
        calls = self.calls.get_many(call_ids, lock=True)
        handled = self.handled_before(event_ids)
        return CallsOpened(calls, handled,
                           {t: self.units.roster(t) for t in sorted(unit_types)})

    def record_handled(self, event_ids: list[str]) -> None:
        """These events are decided by this unit of work: recorded with it at commit."""
        self.handled.extend(event_ids)

    @abc.abstractmethod
    def commit(self) -> None: ...

    @abc.abstractmethod
    def rollback(self) -> None:
        """Undo whatever was not committed (nothing after a commit)."""
