"""Families of phrasings learnt from unseen call-taker writing, eighteenth set: injury told
by its look, venomous bites, a ligature around the neck, people trapped in a wreck, water
or ice that takes a person, fuel pouring from a ruptured tank, a hanging threat then
silence, people with buckets at the anhydrous tanks; and what is not danger: beehives,
a wind turbine's blade, grief "hitting her hard", slashed tarps found in the morning."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from shared.events import UnitType
from tests.unit.triage_family_support import decide, fillers, units

SETTINGS = settings(max_examples=40, deadline=None)


@SETTINGS
@given(st.sampled_from(["SWOLLEN EYE AND A LOOSE FRONT TOOTH", "black eye, split lip",
                        "knocked out a tooth", "bruised face"]), fillers)
def test_an_injury_told_by_its_look_sends_ems(injury: str, filler: str) -> None:
    d = decide(f"mom sts 3 older kids jumped her son at the skatepark ~20 min ago, {injury}. "
               f"{filler}")
    assert {UnitType.ems, UnitType.police} <= units(d)


@SETTINGS
@given(st.sampled_from(["cut his uncle on the forearm", "slashed him across the hand",
                        "sliced her on the arm"]))
def test_a_cut_on_a_named_body_part_sends_ems(cut: str) -> None:
    d = decide(f"family reunion at the pavilion, cousin pulled a knife and {cut}, still has "
               "the knife")
    assert {UnitType.ems, UnitType.police} <= units(d)


@SETTINGS
@given(st.sampled_from(["bit by a rattlesnake", "bitten by a copperhead on the ankle",
                        "stung by a scorpion", "rattler bit him"]))
def test_a_venomous_bite_sends_ems(bite: str) -> None:
    d = decide(f"ranch hand {bite} on the hand moving hay, ranch is 20 min s of town")
    assert UnitType.ems in units(d)


@SETTINGS
@given(st.sampled_from(["an extension cord tied to the rafter and around his neck",
                        "a belt around her neck", "a noose on his neck"]))
def test_a_ligature_around_the_neck_sends_ems_and_police(ligature: str) -> None:
    d = decide(f"rp on facetime w friend, friend is standing on a bucket in the garage w "
               f"{ligature}, parents not home")
    assert {UnitType.ems, UnitType.police} <= units(d)


@SETTINGS
@given(st.sampled_from(["a small car is wedged under the trailer", "people screaming inside "
                        "the car", "car pinned under the semi"]))
def test_people_trapped_in_a_wreck_send_fire_and_ems(words: str) -> None:
    d = decide(f"trucker calling, pileup in the dust storm on i-82, zero visibility, {words}")
    assert {UnitType.fire, UnitType.ems} <= units(d)


@SETTINGS
@given(st.sampled_from(["getting pulled downstream", "swept down the canal", "water up to "
                        "her waist, current fast", "fell through the ice"]))
def test_water_or_ice_taking_a_person_sends_fire(words: str) -> None:
    d = decide(f"kid riding bikes by the irrigation canal, {words}, rp running along the bank")
    assert UnitType.fire in units(d)


@SETTINGS
@given(st.sampled_from(["dog ran out on the ice and fell thru", "dog broke through the ice"]),
       st.sampled_from(["shes walking out on the ice after it", "husband going out onto the "
                        "ice to get it"]))
def test_someone_walking_out_on_ice_after_an_animal_sends_fire(dog: str, after: str) -> None:
    d = decide(f"ladys {dog} on cedar lake, now {after}")
    assert UnitType.fire in units(d)


@SETTINGS
@given(st.sampled_from(["SADDLE TANK RUPTURED AND DIESEL POURING ON THE ROAD",
                        "fuel tank punctured, gas spilling onto the shoulder"]))
def test_fuel_pouring_from_a_ruptured_tank_sends_fire(words: str) -> None:
    d = decide(f"semi jackknifed on icy overpass, blocking 2 lanes, driver fine, {words}")
    assert UnitType.fire in units(d)


@SETTINGS
@given(st.sampled_from(["was going to hang himself w a belt. dad heard a thud, now no answer",
                        "said shes gonna shoot herself. then a bang. not answering"]))
def test_a_hanging_or_shooting_threat_then_silence_sends_ems(words: str) -> None:
    d = decide(f"dad calling, son 17 locked in the bathroom, texted his gf he {words}")
    assert {UnitType.ems, UnitType.police} <= units(d)


@SETTINGS
@given(st.sampled_from(["2 GUYS W/ BUCKETS AND A HOSE AT THE ANHYDROUS NURSE TANKS",
                        "someone with gas cans by the fuel tanks", "three men w jugs and a "
                        "hose near the nurse tanks"]))
def test_people_with_containers_at_the_tanks_send_police(words: str) -> None:
    d = decide(f"rp driving past the farm co-op, {words}, dark sedan backed up to them, strong "
               "ammonia smell")
    assert UnitType.police in units(d)


@SETTINGS
@given(st.sampled_from(["12 hives he rented out", "the bee hives", "30 hives"]))
def test_beehives_taken_are_a_theft_not_an_allergy(hives: str) -> None:
    d = decide(f"beekeeper calling, {hives} were taken from an orchard since thurs, just truck "
               "tracks now, wants a report")
    assert units(d) == {UnitType.cso}


@SETTINGS
@given(st.sampled_from(["WIND TURBINE BLADE TRAILER", "turbine blade load", "blade trailer"]))
def test_a_turbine_blade_on_a_trailer_is_no_weapon(load: str) -> None:
    d = decide(f"escort driver, {load} stalled mid turn at loop 322, blocking all lanes, "
               "nobody hurt, need help w traffic")
    assert units(d) == {UnitType.traffic_control}


@SETTINGS
@given(st.sampled_from(["the holidays are hitting her hard", "grief is hitting him really hard",
                        "the news hit her hard"]))
def test_grief_hitting_someone_hard_is_no_blow(words: str) -> None:
    d = decide(f"rp 62, widow, {words}, cant stop crying, alone in the house. denies si, no "
               "guns in the house, asking for someone to talk to")
    assert units(d) == {UnitType.bcr}


@SETTINGS
@given(st.sampled_from(["tarps slashed on 12 cotton modules", "christmas inflatables on the "
                        "lawn slashed", "tires slashed on 5 school buses"]),
       st.sampled_from(["found this am", "found by mechanic at 0500", "found overnite"]))
def test_slashed_things_found_later_are_a_report(things: str, found: str) -> None:
    d = decide(f"manager sts {things}, {found}. no one there")
    assert units(d) == {UnitType.cso}
