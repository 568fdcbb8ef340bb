"""What one call contributes to the program figures, pure: its local day, week and hour,
district, pathway, the response that answered it, whether a crisis team was asked for and
came, its outcome, backup, and its intervals (NFPA 1225 / NERIS).

Definitions (docs/PROGRAM_EVALUATION.md is their public text):

- A call counts once it is *triaged*; its latest triage gives its pathway and units.
- Intervals start at the CAD's own ``received_at`` (the CallReceived payload, not the
  envelope's time): *dispatch* at the first UnitAssigned, *en route* and *on scene* at the
  first unit status report naming the call, *clear* at the first UnitCleared.
- *Response* (who answered it), first rule that holds: transferred to 988; resolved by
  phone on the floor; police (a police unit assigned, sent by the floor, or asked for by
  the triage); the first non-police, non-EMS/fire unit assigned (bcr, cso, ambassador,
  animal_control, traffic_control); EMS/fire only; a phone/online report (the triage asked
  for no unit); otherwise unanswered (a non-police response asked for never came).
- *Crisis team*: eligible when the latest triage asked for a bcr unit; served when a bcr
  unit was assigned; unmet when eligible and not served.
- *Floor*: the 911 floor's first answer to a recommendation it was asked to confirm
  (confirmed or overridden), or none.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

UNKNOWN = "unknown"
CRISIS_TEAM = "bcr"
POLICE = "police"
EMS_FIRE = frozenset({"ems", "fire"})
FIELD_DIVERSIONS = ("bcr", "cso", "ambassador", "animal_control", "traffic_control")
# Each response's family: diversions are what the City counts as calls answered without
# police; EMS/fire-only calls are counted apart, never as diversions.
DIVERTED, NOT_DIVERTED, APART = "diverted", "not_diverted", "ems_fire_only"
RESPONSE_FAMILY = {
    **dict.fromkeys((*FIELD_DIVERSIONS, "phone_online_report", "transfer_988",
                     "resolved_by_phone"), DIVERTED),
    "police": NOT_DIVERTED, "unanswered": NOT_DIVERTED, "ems_fire_only": APART,
}
CRISIS_STATUSES = ("not_eligible", "served", "unmet")
NOT_CLEARED = "not_cleared"
INTERVALS = ("dispatch", "en_route", "arrival", "clear")


@dataclass
class ProgramCall:
    call_id: str
    received_at: datetime | None = None
    triaged: bool = False
    pathway: str = UNKNOWN
    district: str | None = None
    asked: list[str] = field(default_factory=list)
    assigned: list[str] = field(default_factory=list)  # unit types, in order
    police_by_floor: bool = False
    resolved_by_phone: bool = False
    transferred_988: bool = False
    floor: str = "none"
    backup_requested: bool = False
    outcome: str | None = None
    place: str | None = None
    lat: float | None = None
    lon: float | None = None
    first: dict[str, datetime] = field(default_factory=dict)  # dispatch, en_route, ...
    repeat: bool = False

    @property
    def response(self) -> str:
        if self.transferred_988:
            return "transfer_988"
        if self.resolved_by_phone:
            return "resolved_by_phone"
        if POLICE in self.assigned or self.police_by_floor or POLICE in self.asked:
            return "police"
        field_unit = next((u for u in self.assigned if u in FIELD_DIVERSIONS), None)
        if field_unit is not None:
            return field_unit
        if any(u in EMS_FIRE for u in self.assigned) or (
                self.asked and set(self.asked) <= EMS_FIRE):
            return "ems_fire_only"
        return "phone_online_report" if not self.asked else "unanswered"

    @property
    def crisis(self) -> str:
        if CRISIS_TEAM not in self.asked:
            return "not_eligible"
        return "served" if CRISIS_TEAM in self.assigned else "unmet"

    def seconds(self, interval: str) -> float | None:
        """Seconds from the CAD's receipt to the interval's end, when both are known."""
        end = self.first.get(interval)
        if end is None or self.received_at is None:
            return None
        return max(0.0, (end - self.received_at).total_seconds())

    def attributes(self, zone: ZoneInfo) -> dict[str, str]:
        """The call's value of every published attribute (see program.py)."""
        local = self.local(zone)
        return {
            "district": self.district or UNKNOWN, "pathway": self.pathway,
            "hour": f"{local.hour:02d}" if local else UNKNOWN, "response": self.response,
            "crisis": self.crisis, "outcome": self.outcome or NOT_CLEARED,
            "backup": "requested" if self.backup_requested else "none",
            "repeat": "repeat" if self.repeat else "first", "floor": self.floor,
        }

    def local(self, zone: ZoneInfo) -> datetime | None:
        return self.received_at.astimezone(zone) if self.received_at else None

    def local_day(self, zone: ZoneInfo) -> date | None:
        local = self.local(zone)
        return local.date() if local else None


def parse_ts(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def _first(call: ProgramCall, interval: str, when: datetime) -> None:
    if interval not in call.first or when < call.first[interval]:
        call.first[interval] = when


def place_key(location: Any) -> str | None:
    """Where a call was, as a key for repeat calls: the address as written (case and
    spacing folded), else the position to about ten metres."""
    if not isinstance(location, dict):
        return None
    address = location.get("address")
    if isinstance(address, str) and address.strip():
        return "a:" + " ".join(address.lower().split())[:200]
    lat, lon = location.get("lat"), location.get("lon")
    if isinstance(lat, int | float) and isinstance(lon, int | float):
        return f"p:{lat:.4f},{lon:.4f}"
    return None


def apply_received(call: ProgramCall, payload: Mapping[str, Any], fallback: datetime) -> None:
    """The CAD's receipt: its own clock (the envelope's time when it sent none) and place."""
    received = payload.get("received_at")
    try:
        call.received_at = parse_ts(received) if isinstance(received, str) else fallback
    except ValueError:
        call.received_at = fallback
    if call.received_at.tzinfo is None:
        call.received_at = fallback
    location = payload.get("location")
    call.place = place_key(location)
    if isinstance(location, dict):
        lat, lon = location.get("lat"), location.get("lon")
        if isinstance(lat, int | float) and isinstance(lon, int | float):
            call.lat, call.lon = float(lat), float(lon)
        if call.district is None and isinstance(location.get("district"), str):
            call.district = location["district"][:200]


def program_calls(
    rows: Iterable[Mapping[str, Any]], received: Mapping[str, Mapping[str, Any]],
) -> list[ProgramCall]:
    """Decision rows (seq order, each with its ``units``, ``to`` and ``outcome``) and each
    call's CallReceived payload → one :class:`ProgramCall` per call."""
    calls: dict[str, ProgramCall] = {}
    for row in rows:
        call_id = row["call_id"]
        if call_id is None:
            continue
        call = calls.setdefault(call_id, ProgramCall(call_id=call_id))
        kind, when = row["kind"], parse_ts(row["occurred_at"])
        if kind == "received" and call.received_at is None:
            apply_received(call, received.get(call_id, {}), when)
        elif kind == "triaged":
            call.triaged, call.pathway = True, row.get("pathway") or UNKNOWN
            call.asked = list(row.get("units") or [])
            call.district = row.get("district") or call.district
        elif kind == "assigned":
            call.assigned.append(row.get("unit_type") or UNKNOWN)
            _first(call, "dispatch", when)
        elif kind in ("en_route", "on_scene"):
            _first(call, "arrival" if kind == "on_scene" else "en_route", when)
        elif kind == "cleared":
            if "clear" not in call.first:
                call.outcome = row.get("outcome") or UNKNOWN
            _first(call, "clear", when)
        elif kind == "backup_requested":
            call.backup_requested = True
        elif kind == "police_now":
            call.police_by_floor = True
        elif kind == "phone_resolved":
            call.resolved_by_phone = True
        elif kind == "transferred" and row.get("to") == "988":
            call.transferred_988 = True
        elif kind in ("confirmed", "overridden") and call.floor == "none":
            call.floor = kind
    return [c for c in calls.values() if c.triaged and c.received_at is not None]


REPEAT_WINDOW = timedelta(days=30)


def mark_repeats(calls: list[ProgramCall], earlier: Iterable[tuple[str, datetime]]) -> None:
    """A call is a repeat when an earlier call (among ``calls`` and ``earlier``: place and
    receipt) was made to the same place within the 30 days before it."""
    seen: dict[str, list[datetime]] = {}
    for place, at in earlier:
        seen.setdefault(place, []).append(at)
    for c in calls:
        if c.place is not None and c.received_at is not None:
            seen.setdefault(c.place, []).append(c.received_at)
    for times in seen.values():
        times.sort()
    for c in calls:
        if c.place is None or c.received_at is None:
            continue
        c.repeat = any(c.received_at - REPEAT_WINDOW <= t < c.received_at
                       for t in seen[c.place])
