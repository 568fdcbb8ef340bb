"""Assignment's domain rules, pure: service areas, shifts (daily or by weekday), status
transitions, queue order, fallback choice, and the plain words a crew reads on its phone."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from pydantic import BaseModel, Field

from shared.events import Location, UnitStatus, UnitType
from shared.geo import Area, containing, point_in_ring

# --- service areas ---------------------------------------------------------------------

Point = tuple[float, float]  # (lat, lon)

# A named area a unit may work: from the roster's GeoJSON (shared.geo), or one of its
# older ``corridors`` given as (lat, lon) vertices.
Corridor = Area


def point_in_polygon(lat: float, lon: float, polygon: Sequence[Point]) -> bool:
    """Ray casting; points on an edge may fall either way (corridors are drawn generously)."""
    return point_in_ring(lat, lon, polygon)


def call_areas(where: Location, corridors: Iterable[Area]) -> frozenset[str]:
    """The districts a call is in: its own ``district`` plus every area containing it."""
    areas = set()
    if where.district:
        areas.add(where.district)
    if where.lat is not None and where.lon is not None:
        areas.update(containing(corridors, where.lat, where.lon))
    return frozenset(areas)


# --- shifts ----------------------------------------------------------------------------

SHIFT_PATTERN = r"^([01]\d|2[0-4]):[0-5]\d-([01]\d|2[0-4]):[0-5]\d$"
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")  # weekday() order
_TIME = r"(?:[01]\d|2[0-4]):[0-5]\d"
_DAY_SPAN = r"[a-z]{3}(?:-[a-z]{3})?"
_WINDOW = re.compile(rf"^(?:(?P<days>{_DAY_SPAN}(?:,{_DAY_SPAN})*)\s+)?"
                     rf"(?P<start>{_TIME})-(?P<end>{_TIME})$")
SHIFT_FORMS = "07:00-19:00, or by weekday: mon-fri 07:00-19:00; sat,sun 09:00-17:00"


@dataclass(frozen=True)
class ShiftWindow:
    """On duty from ``start`` to ``end`` (local minutes) on ``days`` (0 is Monday; None:
    every day). A window past midnight belongs to the day it starts on."""

    days: frozenset[int] | None
    start: int
    end: int


def parse_shift(shift: str | None) -> tuple[int, int] | None:
    """``"07:00-19:00"`` → minutes (420, 1140); None means on duty around the clock."""
    if not shift:
        return None
    if not re.match(SHIFT_PATTERN, shift):
        raise ValueError(f"shift must look like 07:00-19:00, got {shift!r}")
    start, end = shift.split("-")
    return _minutes(start), _minutes(end)


@lru_cache(maxsize=1024)
def parse_weekly_shift(shift: str | None) -> tuple[ShiftWindow, ...] | None:
    """A shift in either form (:data:`SHIFT_FORMS`) as its windows; None: always on duty.
    Raises ValueError naming the forms."""
    if not shift:
        return None
    windows = []
    for part in (p.strip() for p in shift.lower().split(";")):
        found = _WINDOW.match(part)
        if found is None:
            raise ValueError(f"shift must look like {SHIFT_FORMS}; got {shift!r}")
        days = _days(found["days"], shift) if found["days"] else None
        windows.append(ShiftWindow(days, _minutes(found["start"]), _minutes(found["end"])))
    return tuple(windows)


def _days(text: str, shift: str) -> frozenset[int]:
    days: set[int] = set()
    for span in text.split(","):
        first, _, last = span.partition("-")
        if first not in DAYS or (last and last not in DAYS):
            raise ValueError(f"days are {', '.join(DAYS)}; got {span!r} in {shift!r}")
        a = DAYS.index(first)
        b = DAYS.index(last) if last else a
        days.update((a + i) % 7 for i in range((b - a) % 7 + 1))  # fri-mon wraps
    return frozenset(days)


def _minutes(hhmm: str) -> int:
    h, m = hhmm.split(":")
    return int(h) * 60 + int(m)


def on_shift(shift: str | None, minute_of_day: int, weekday: int | None = None) -> bool:
    """Whether a shift covers a local minute of a weekday (0 Monday; None: any day);
    overnight windows wrap midnight into the next day."""
    windows = parse_weekly_shift(shift)
    if windows is None:
        return True
    return any(_covers(w, minute_of_day, weekday) for w in windows)


def _covers(window: ShiftWindow, minute: int, weekday: int | None) -> bool:
    def works(day: int | None) -> bool:
        return window.days is None or day is None or day in window.days

    yesterday = None if weekday is None else (weekday - 1) % 7
    start, end = window.start, window.end
    if start == end:
        return works(weekday)
    if start < end:
        return works(weekday) and start <= minute < end
    return (works(weekday) and minute >= start) or (works(yesterday) and minute < end)


# --- status transitions ----------------------------------------------------------------

S = UnitStatus
TRANSITIONS: dict[UnitStatus, frozenset[UnitStatus]] = {
    S.available: frozenset({S.dispatched, S.out_of_service}),
    S.dispatched: frozenset({S.en_route, S.staged, S.on_scene, S.available,
                             S.out_of_service}),
    S.en_route: frozenset({S.staged, S.on_scene, S.available, S.out_of_service}),
    # Staged: near the call, waiting for police to secure the scene; it goes in (on scene)
    # once told to, or clears from where it waits (the call was resolved without it).
    S.staged: frozenset({S.on_scene, S.available, S.out_of_service}),
    S.on_scene: frozenset({S.available, S.out_of_service}),
    S.out_of_service: frozenset({S.available}),
}


class IllegalTransition(ValueError):
    """A status change the field does not allow."""


def check_reported_transition(current: UnitStatus, new: UnitStatus) -> None:
    """A status a crew or an admin reports; only assignment itself dispatches a unit.

    Reporting the status a unit already has is a location update and always allowed.
    """
    if new == S.dispatched and current != S.dispatched:
        raise IllegalTransition("only assignment dispatches a unit")
    if new == current:
        return
    if new not in TRANSITIONS[current]:
        raise IllegalTransition(f"a unit that is {current} cannot become {new}")


def release_reason(previous: UnitStatus, new: UnitStatus) -> tuple[str, bool] | None:
    """When a unit holding a call reports ``new``: (reason, call still needs a unit)."""
    if new == S.available:
        if previous == S.dispatched:
            return "declined by the crew", True
        return "cleared by the crew", False
    if new == S.out_of_service:
        return "unit went out of service", previous in (S.dispatched, S.en_route, S.staged)
    return None


# --- queue -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Waiting:
    need_id: int
    call_id: str
    unit_type: UnitType
    priority: int
    queued_at: float


def queue_order(waiting: Iterable[Waiting]) -> list[Waiting]:
    """Most urgent first (priority 1 before 5), then the longest waiting, then by call id."""
    return sorted(waiting, key=lambda w: (w.priority, w.queued_at, w.call_id, w.unit_type))


# --- fallbacks -------------------------------------------------------------------------


class FallbackRule(BaseModel):
    """If no ``unit_type`` unit is free after ``after_s``, request ``send`` (and maybe keep
    waiting). The first rule that matches the call's pathway and priority applies."""

    rule_id: str
    unit_type: UnitType
    after_s: float = Field(gt=0)
    send: list[UnitType]
    keep_waiting: bool = Field(description="True: co-response; False: replace the type.")
    pathway: str | None = Field(default=None, description="Only this pathway; None: any.")
    max_priority: int = Field(default=5, ge=1, le=5,
                              description="Only calls at least this urgent (1 is most).")
    reason: str


DEFAULT_FALLBACKS: list[FallbackRule] = [
    FallbackRule(rule_id="bcr_urgent_police_alone", unit_type=UnitType.bcr, after_s=120,
                 send=[UnitType.police], keep_waiting=False, max_priority=2,
                 reason="no bcr team free within 120 s; urgent call: police alone"),
    FallbackRule(rule_id="bcr_co_response_police", unit_type=UnitType.bcr, after_s=120,
                 send=[UnitType.police], keep_waiting=True,
                 reason="no bcr team free within 120 s: police co-respond, bcr still waits"),
    FallbackRule(rule_id="ambassador_police", unit_type=UnitType.ambassador, after_s=300,
                 send=[UnitType.police], keep_waiting=False,
                 reason="no ambassador free within 300 s: police instead"),
]


def choose_fallback(rules: Iterable[FallbackRule], unit_type: UnitType, pathway: str | None,
                    priority: int) -> FallbackRule | None:
    """The first rule for this type, pathway and priority, or None (the call keeps waiting)."""
    for rule in rules:
        if rule.unit_type != unit_type or priority > rule.max_priority:
            continue
        if rule.pathway is not None and rule.pathway != pathway:
            continue
        return rule
    return None


# --- plain words -----------------------------------------------------------------------

SAFETY_WORDS: dict[str, str] = {
    "weapon": "A weapon was mentioned",
    "weapons": "A weapon was mentioned",
    "firearm": "A firearm was mentioned",
    "violence": "Violence was reported",
    "violence_in_progress": "Violence is in progress",
    "crime_in_progress": "A crime is in progress",
    "hostile_person": "Someone on scene may be hostile",
    "suicide_with_means": "Risk of suicide, with means at hand",
    "imminent_suicide": "Risk of suicide right now",
    "medical_emergency": "Someone needs medical help",
    "injury": "Someone is hurt",
    "injuries": "Someone is hurt",
    "overdose": "Possible overdose",
    "fire": "Fire reported",
    "suspect_on_scene": "The suspect may still be there",
}


def safety_in_plain_words(flags: Iterable[str]) -> list[str]:
    """Safety flags as sentences a crew can read at a glance."""
    words = []
    for flag in flags:
        text = SAFETY_WORDS.get(flag.lower())
        words.append(text or flag.replace("_", " ").replace(".", " ").capitalize())
    return list(dict.fromkeys(words))
