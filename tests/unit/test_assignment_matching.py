"""Matching, pure: eligibility (status, area, shift, passed over), ETA seam, candidate list."""

from __future__ import annotations

from dataclasses import dataclass

from services.assignment.matching import GreatCircleEta, RosterUnit, match_unit
from shared.events import Location, UnitStatus, UnitType

LAKE_CALL = Location(lat=44.9485, lon=-93.2400, address="E. Lake St. & 27th Ave")


def amb(uid: str, lat: float, lon: float, area: str, *, on_shift: bool = True,
        status: UnitStatus = UnitStatus.available) -> RosterUnit:
    return RosterUnit(uid, UnitType.ambassador, status, lat, lon, frozenset({area}), on_shift)


def test_a_corridor_bound_unit_is_only_sent_inside_its_corridor() -> None:
    units = [amb("AMB-FRANKLIN", 44.9486, -93.2401, "corridor:franklin"),
             amb("AMB-LAKE", 44.9485, -93.2600, "corridor:lake")]
    match = match_unit(units, UnitType.ambassador, LAKE_CALL,
                       call_areas={"corridor:lake", "3"})
    assert match.chosen is not None and match.chosen.unit_id == "AMB-LAKE"
    reasons = {c.unit_id: c.passed_over for c in match.candidates}
    assert reasons["AMB-FRANKLIN"] == "call outside its service area"
    # Outside every corridor, no ambassador goes at all.
    assert match_unit(units, UnitType.ambassador, LAKE_CALL, call_areas={"3"}).chosen is None


def test_off_shift_and_already_passed_over_units_are_skipped_with_reasons() -> None:
    units = [amb("A1", 44.9485, -93.2401, "corridor:lake", on_shift=False),
             amb("A2", 44.9485, -93.2402, "corridor:lake"),
             amb("A3", 44.9485, -93.2500, "corridor:lake")]
    match = match_unit(units, UnitType.ambassador, LAKE_CALL, call_areas={"corridor:lake"},
                       excluded={"A2"})
    assert match.chosen is not None and match.chosen.unit_id == "A3"
    reasons = {c.unit_id: c.passed_over for c in match.candidates}
    assert reasons == {"A1": "off shift", "A2": "already passed over for this call", "A3": None}


def test_units_without_a_service_area_go_anywhere() -> None:
    police = RosterUnit("P1", UnitType.police, UnitStatus.available, 45.0, -93.3)
    match = match_unit([police], UnitType.police, LAKE_CALL, call_areas=set())
    assert match.chosen is not None and match.chosen.unit_id == "P1"


@dataclass(frozen=True)
class RiverBetween:
    """A road router stand-in: crossing the river (lon > -93.22) takes 20 minutes more."""

    def estimate(self, unit_lat: float, unit_lon: float, lat: float, lon: float
                 ) -> tuple[float, float]:
        km, eta = GreatCircleEta(40).estimate(unit_lat, unit_lon, lat, lon)
        return km, eta + (1200 if unit_lon > -93.22 else 0)


def test_the_eta_estimator_decides_among_the_nearest() -> None:
    across = RosterUnit("P-ACROSS", UnitType.police, UnitStatus.available, 44.9485, -93.2150)
    same_side = RosterUnit("P-SAME", UnitType.police, UnitStatus.available, 44.9485, -93.2800)
    plain = match_unit([across, same_side], UnitType.police, LAKE_CALL)
    assert plain.chosen is not None and plain.chosen.unit_id == "P-ACROSS"
    routed = match_unit([across, same_side], UnitType.police, LAKE_CALL,
                        estimator=RiverBetween())
    assert routed.chosen is not None and routed.chosen.unit_id == "P-SAME"
    assert routed.chosen.eta_s is not None and routed.chosen.eta_s < 1200


def test_the_candidate_list_is_capped_but_counts_every_unit_considered() -> None:
    units = [RosterUnit(f"P{i:04d}", UnitType.police, UnitStatus.available,
                        44.9 + i * 0.0001, -93.24) for i in range(2000)]
    match = match_unit(units, UnitType.police, Location(lat=44.9, lon=-93.24),
                       max_candidates=10)
    assert match.considered == 2000
    assert len(match.candidates) == 10
    assert match.chosen is not None and match.chosen.unit_id == "P0000"
    assert match.candidates[0] is match.chosen
    assert all(c.passed_over == "farther than the chosen unit" for c in match.candidates[1:])


def test_eta_follows_the_configured_speed() -> None:
    unit = RosterUnit("P1", UnitType.police, UnitStatus.available, 44.9585, -93.2400)
    slow = match_unit([unit], UnitType.police, LAKE_CALL, speed_kmh=20).chosen
    fast = match_unit([unit], UnitType.police, LAKE_CALL, speed_kmh=40).chosen
    assert slow is not None and fast is not None
    assert slow.eta_s is not None and fast.eta_s is not None
    assert abs(slow.eta_s - 2 * fast.eta_s) < 0.2
