"""Matching, pure: which unit of a type goes to a call, and why the others did not."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from shared.events import CandidateUnit, Location, UnitStatus, UnitType

EARTH_RADIUS_KM = 6371.0088


@dataclass(frozen=True)
class RosterUnit:
    unit_id: str
    unit_type: UnitType
    status: UnitStatus
    lat: float | None
    lon: float | None


def great_circle_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


@dataclass(frozen=True)
class Match:
    chosen: CandidateUnit | None
    candidates: list[CandidateUnit]
    rule: str


def match_unit(
    units: Iterable[RosterUnit], unit_type: UnitType, where: Location, speed_kmh: float
) -> Match:
    """The nearest available unit of ``unit_type``; every other one says why it was passed over."""
    has_point = where.lat is not None and where.lon is not None
    ranked: list[tuple[float, str, CandidateUnit]] = []
    for unit in units:
        if unit.unit_type != unit_type:
            continue
        distance = (
            great_circle_km(where.lat, where.lon, unit.lat, unit.lon)  # type: ignore[arg-type]
            if has_point and unit.lat is not None and unit.lon is not None
            else None
        )
        eta = distance / speed_kmh * 3600 if distance is not None else None
        candidate = CandidateUnit(
            unit_id=unit.unit_id, unit_type=unit.unit_type,
            distance_km=round(distance, 3) if distance is not None else None,
            eta_s=round(eta, 1) if eta is not None else None,
            passed_over=None if unit.status == UnitStatus.available else f"status {unit.status}",
        )
        ranked.append((distance if distance is not None else math.inf, unit.unit_id, candidate))
    ranked.sort(key=lambda item: (item[0], item[1]))
    candidates = [c for _, _, c in ranked]
    chosen = next((c for c in candidates if c.passed_over is None), None)
    for c in candidates:
        if c is not chosen and c.passed_over is None:
            c.passed_over = "farther than the chosen unit"
    rule = "nearest_available" if has_point else "first_available_no_coordinates"
    return Match(chosen=chosen, candidates=candidates, rule=rule)
