"""Families of phrasings learnt from unseen call-taker writing, thirty-eighth set: smoke
from a chimney or a fire in a stove is a heated house, not a fire (NFIRS 114 chimney fire
needs flames, sparks, a roar or smoke inside); at a place whose owners are away it is
someone inside, a call for police."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from shared.events import UnitType
from tests.unit.triage_family_support import decide, fillers, units

SETTINGS = settings(max_examples=40, deadline=None)

HEARTHS = ["smoke coming out of the chimney", "smoke rising from the chimney",
           "wood smoke from the stovepipe", "somebody has a fire going in the wood stove",
           "smoke from the flue", "a fire lit in the fireplace"]
PLACES = ["cabin next door, owners are in Arizona for the winter",
          "the hunting camp across the road is closed up for the season",
          "neighbors summer place, they left in september"]


@SETTINGS
@given(st.sampled_from(PLACES), st.sampled_from(HEARTHS), fillers)
def test_a_lit_stove_at_an_empty_place_is_someone_inside(
        place: str, hearth: str, filler: str) -> None:
    d = decide(f"{place}, strange pickup in the drive and {hearth}, nobody is supposed to be "
               f"there. {filler}")
    assert UnitType.police in units(d)
    assert UnitType.fire not in units(d)


@SETTINGS
@given(st.sampled_from(["thick black smoke pouring out of the chimney",
                        "smoke coming out of the chimney and sparks landing on the roof",
                        "chimney is roaring and glowing red",
                        "smoke coming out of the chimney and the house is filling with smoke",
                        "fire going in the fireplace spread to the mantle"]), fillers)
def test_a_chimney_or_hearth_in_trouble_is_still_a_fire(sign: str, filler: str) -> None:
    d = decide(f"caller on Ridge Rd says {sign}. {filler}")
    assert UnitType.fire in units(d)


@SETTINGS
@given(st.sampled_from(["veh in the bayou off Bayou Black Dr, nose down, only the tailgate showing",
                        "car in the canal off Hwy 24, only the roof showing",
                        "pickup went into the slough by the levee, nose down",
                        "truck upside down in the river below the boat ramp road",
                        "suv went off the road into the swamp, only the tail lights showing"]),
       st.sampled_from(["rp didnt see anybody get out", "unk if anyone inside", ""]), fillers)
def test_a_vehicle_lying_in_deep_water_gets_the_rescue_and_police(
        where: str, who: str, filler: str) -> None:
    d = decide(f"{where}, {who}. {filler}")
    assert {UnitType.fire, UnitType.ems, UnitType.police} <= units(d)


@SETTINGS
@given(st.sampled_from(["car in the ditch on county road 12, slid off in the snow",
                        "my car was broken into at the lake parking lot",
                        "truck in the Prien Lake Mall lot got keyed",
                        "old junk car in the pond out back, been there for years"]), fillers)
def test_a_car_in_a_ditch_a_lot_or_long_sunk_is_no_water_rescue(where: str, filler: str) -> None:
    d = decide(f"{where}, nobody hurt. {filler}")
    assert UnitType.fire not in units(d)


@SETTINGS
@given(st.sampled_from(["motorcycle laid down", "rider laid his bike down",
                        "guy dumped the bike", "motorcycle got laid down"]),
       st.sampled_from(["rider's leg bent wrong", "rider has road rash and a bleeding arm"]),
       fillers)
def test_a_motorcycle_laid_down_with_a_hurt_rider_gets_police_and_ems(
        crash: str, hurt: str, filler: str) -> None:
    d = decide(f"{crash} on Hwy 311 by the overpass, {hurt}, traffic stopped. {filler}")
    assert {UnitType.police, UnitType.ems} <= units(d)
