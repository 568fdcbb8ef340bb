"""Matching is pure: the nearest available unit of the needed type, with reasons."""

from __future__ import annotations

from services.assignment.matching import RosterUnit, great_circle_km, match_unit
from shared.events import Location, UnitStatus, UnitType

CALL = Location(lat=44.9480, lon=-93.2330)


def unit(uid: str, lat: float, lon: float, status: UnitStatus = UnitStatus.available,
         unit_type: UnitType = UnitType.bcr) -> RosterUnit:
    return RosterUnit(uid, unit_type, status, lat, lon)


def test_great_circle_distance_matches_a_known_pair() -> None:
    # Minneapolis City Hall to St. Paul City Hall is about 14.2 km as the crow flies.
    assert 13.5 < great_circle_km(44.9772, -93.2655, 44.9442, -93.0936) < 14.5


def test_nearest_available_unit_of_the_type_is_chosen_and_others_say_why() -> None:
    units = [
        unit("BCR-FAR", 45.02, -93.29),
        unit("BCR-NEAR", 44.95, -93.24),
        unit("BCR-BUSY", 44.948, -93.233, UnitStatus.dispatched),
        unit("P-1", 44.948, -93.233, unit_type=UnitType.police),
    ]
    match = match_unit(units, UnitType.bcr, CALL, speed_kmh=40)
    assert match.chosen is not None and match.chosen.unit_id == "BCR-NEAR"
    assert match.rule == "nearest_available"
    reasons = {c.unit_id: c.passed_over for c in match.candidates}
    assert reasons == {
        "BCR-BUSY": "status dispatched",
        "BCR-NEAR": None,
        "BCR-FAR": "farther than the chosen unit",
    }
    assert match.chosen.eta_s is not None and match.chosen.distance_km is not None
    assert abs(match.chosen.eta_s - match.chosen.distance_km / 40 * 3600) < 1


def test_no_free_unit_means_no_choice() -> None:
    match = match_unit([unit("BCR-1", 44.95, -93.24, UnitStatus.on_scene)], UnitType.bcr, CALL, 40)
    assert match.chosen is None
    assert match.candidates[0].passed_over == "status on_scene"


def test_a_call_without_coordinates_still_gets_a_unit() -> None:
    match = match_unit([unit("BCR-2", 44.95, -93.24)], UnitType.bcr, Location(address="x"), 40)
    assert match.chosen is not None and match.rule == "first_available_no_coordinates"
