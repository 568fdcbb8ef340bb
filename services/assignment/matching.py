"""Matching, pure: which unit of a type goes to a call, and why the others did not.

Ranking is two-staged so a road-routing engine can be plugged in without touching the
rest: every eligible unit is ranked by a cheap straight-line proxy, then the ``shortlist``
nearest are handed to an :class:`EtaEstimator` and the smallest ETA wins.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from typing import Protocol

from shared.events import CandidateUnit, Location, UnitStatus, UnitType

EARTH_RADIUS_KM = 6371.0088
# A unit with this capability goes only where a need requires one of its capabilities (an
# advocate is a community service officer by type, but takes no theft report).
RESERVED = "reserved"


@dataclass(frozen=True)
class RosterUnit:
    unit_id: str
    unit_type: UnitType
    status: UnitStatus
    lat: float | None
    lon: float | None
    service_area: frozenset[str] = field(default_factory=frozenset)
    on_shift: bool = True
    capabilities: frozenset[str] = field(default_factory=frozenset)


def great_circle_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


class EtaEstimator(Protocol):
    """Distance (km) and ETA (s) from a unit's position to a call; the road-routing seam."""

    def estimate(self, unit_lat: float, unit_lon: float, lat: float, lon: float
                 ) -> tuple[float, float]: ...


@dataclass(frozen=True)
class GreatCircleEta:
    """Straight-line distance at a constant speed."""

    speed_kmh: float = 40.0

    def estimate(self, unit_lat: float, unit_lon: float, lat: float, lon: float
                 ) -> tuple[float, float]:
        km = great_circle_km(unit_lat, unit_lon, lat, lon)
        return km, km / self.speed_kmh * 3600


@dataclass(frozen=True)
class Match:
    chosen: CandidateUnit | None
    candidates: list[CandidateUnit]
    rule: str
    considered: int = 0


def ineligibility(unit: RosterUnit, call_areas: Collection[str],
                  excluded: Collection[str], requires: frozenset[str] = frozenset()
                  ) -> str | None:
    """Why a unit of the right type cannot take this call, or None."""
    if unit.status != UnitStatus.available:
        return f"status {unit.status}"
    if unit.unit_id in excluded:
        return "already passed over for this call"
    if not unit.on_shift:
        return "off shift"
    if unit.service_area and not unit.service_area.intersection(call_areas):
        return "call outside its service area"
    if not requires <= unit.capabilities:
        return f"without {', '.join(sorted(requires - unit.capabilities))}"
    if not requires and RESERVED in unit.capabilities:
        return "kept for calls that need it"
    return None


def match_unit(
    units: Iterable[RosterUnit], unit_type: UnitType, where: Location, speed_kmh: float = 40.0,
    *, estimator: EtaEstimator | None = None, call_areas: Collection[str] = (),
    excluded: Collection[str] = (), shortlist: int = 5, max_candidates: int = 10,
    prefer: frozenset[str] = frozenset(), requires: frozenset[str] = frozenset(),
) -> Match:
    """The available eligible unit of ``unit_type`` with the smallest ETA, with reasons.

    ``requires``: only units with these capabilities are eligible. ``prefer``: when an
    eligible unit has these capabilities, only such units are weighed (rule
    ``nearest_with_capabilities``); when none has, any eligible unit goes.
    The candidate list holds the ``max_candidates`` nearest units of the type (eligible or
    not), each saying why it was passed over; ``considered`` counts all units of the type.
    """
    eta = estimator or GreatCircleEta(speed_kmh)
    has_point = where.lat is not None and where.lon is not None
    lat0 = where.lat or 0.0
    lon0 = where.lon or 0.0
    kx = math.cos(math.radians(lat0))
    inf = math.inf
    available = UnitStatus.available
    # One tight pass: a cheap equirectangular proxy for ranking (monotonic with distance at
    # city scale); reasons are only worked out for the few units that are shown.
    ranked: list[tuple[float, str, RosterUnit]] = []
    eligible_ranked: list[tuple[float, str, RosterUnit]] = []
    for unit in units:
        if unit.unit_type != unit_type:
            continue
        ulat, ulon = unit.lat, unit.lon
        if has_point and ulat is not None and ulon is not None:
            dx = (ulon - lon0) * kx
            dy = ulat - lat0
            item = (dx * dx + dy * dy, unit.unit_id, unit)
        else:
            item = (inf, unit.unit_id, unit)
        ranked.append(item)
        area = unit.service_area
        if (unit.status is available and unit.on_shift and unit.unit_id not in excluded
                and (not area or not area.isdisjoint(call_areas))
                and requires <= unit.capabilities
                and (bool(requires) or RESERVED not in unit.capabilities)):
            eligible_ranked.append(item)
    # Eligible units passed over for lacking a preferred capability, when one has it.
    lacking: set[str] = set()
    suited = [item for item in eligible_ranked if prefer and prefer <= item[2].capabilities]
    preferred = bool(suited)
    if preferred:
        lacking = {item[1] for item in eligible_ranked} - {item[1] for item in suited}
        eligible_ranked = suited
    missing = f"without {', '.join(sorted(prefer))}"
    shown = [(p, uid, u, missing if uid in lacking
              else ineligibility(u, call_areas, excluded, requires))
             for p, uid, u in heapq.nsmallest(max_candidates, ranked)]
    eligible = [(p, uid, u, None) for p, uid, u in heapq.nsmallest(shortlist, eligible_ranked)]

    def candidate(unit: RosterUnit, reason: str | None) -> CandidateUnit:
        if has_point and unit.lat is not None and unit.lon is not None:
            km, seconds = eta.estimate(unit.lat, unit.lon, lat0, lon0)
            return CandidateUnit(unit_id=unit.unit_id, unit_type=unit.unit_type,
                                 distance_km=round(km, 3), eta_s=round(seconds, 1),
                                 passed_over=reason)
        return CandidateUnit(unit_id=unit.unit_id, unit_type=unit.unit_type, passed_over=reason)

    by_id: dict[str, CandidateUnit] = {}
    for _, uid, unit, reason in [*eligible, *shown]:
        if uid not in by_id:
            by_id[uid] = candidate(unit, reason)
    short = [by_id[uid] for _, uid, _, _ in eligible]
    chosen = min(short, key=lambda c: (c.eta_s if c.eta_s is not None else math.inf,
                                       c.unit_id), default=None)
    for c in by_id.values():
        if c is not chosen and c.passed_over is None:
            c.passed_over = "farther than the chosen unit"
    candidates = sorted(
        by_id.values(),
        key=lambda c: (c.eta_s if c.eta_s is not None else math.inf, c.unit_id))[
        : max(max_candidates, 1)]
    if chosen is not None and chosen not in candidates:
        candidates = [chosen, *candidates[:-1]]
    rule = ("nearest_with_capabilities" if preferred and has_point
            else "nearest_available" if has_point else "first_available_no_coordinates")
    return Match(chosen=chosen, candidates=candidates, rule=rule, considered=len(ranked))
