"""Families of phrasings learnt from unseen call-taker writing, twenty-third set: a toddler
strapped in a car seat with the keys locked in, a person held down by the neck; and what
is not danger: a child strapped in a car seat (no gun), fire trucks going by, stuff a
person in crisis says is put in the water, "cold turkey", a DUI arrest in the past, pills
a parent took to work, guns in the caller's safe, things slashed with a knife overnight,
a veteran saying they're 'taking fire'."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from shared.events import UnitType
from tests.unit.triage_family_support import decide, fillers, units

SETTINGS = settings(max_examples=40, deadline=None)
CRISIS_ONLY = {UnitType.bcr}


@SETTINGS
@given(st.sampled_from(["her 18 mo old is strapped in the car seat", "my 2 yo is strapped into "
                        "her car seat", "her baby is strapped in the booster"]))
def test_a_toddler_strapped_in_a_locked_car_gets_fire_and_no_gun(words: str) -> None:
    d = decide(f"rp needs somebody to break into her car -- {words}, keys locked inside, 96 "
               "degrees in the lot, baby red faced and screaming")
    assert UnitType.fire in units(d)
    assert "weapon" not in d.safety_flags


def test_strapped_alone_is_still_armed() -> None:
    d = decide("caller says the guy in the red hoodie is strapped, arguing in the lot")
    assert "weapon" in d.safety_flags


@SETTINGS
@given(st.sampled_from(["uncle has mom pinned on the floor w his hands on her neck",
                        "he has his wife pinned against the wall", "bf has his hands around "
                        "her throat"]))
def test_a_person_held_by_the_neck_brings_police(words: str) -> None:
    d = decide(f"teen daughter whispering, {words}, mom making choking sounds")
    assert UnitType.police in units(d)


@SETTINGS
@given(st.sampled_from(["since fire trucks went by w sirens", "after the fire engine passed"]))
def test_fire_trucks_going_by_are_no_fire(words: str) -> None:
    d = decide(f"dad sts 14yo son w autism lying on the sidewalk screaming and covering his ears "
               f"{words}, wont get up, not hitting anyone")
    assert UnitType.fire not in units(d)
    assert UnitType.bcr in units(d)


@SETTINGS
@given(st.sampled_from(["putting stuff in the water and watching him",
                        "putting poison in the water and listening to him"]), fillers)
def test_stuff_said_to_be_put_in_the_water_is_a_belief_not_a_rescue(words: str,
                                                                     filler: str) -> None:
    d = decide(f"grandson 19 hasnt slept, taped foil over the vents, says neighbors are {words}. "
               f"no wpns, never been violent. {filler}")
    assert UnitType.fire not in units(d)


@SETTINGS
@given(st.sampled_from(["after his DUI arrest", "since her last DWI", "because of his dui "
                        "charge"]))
def test_withdrawal_after_a_dui_arrest_is_a_crisis_not_a_traffic_crime(words: str) -> None:
    d = decide(f"rp sts husband quit drinking cold turkey 2 days ago {words}, now shaky, "
               "sweaty, cant sleep, asking for help getting into detox. not violent, no guns")
    assert UnitType.police not in units(d)
    assert "animal" not in d.tags and "traffic" not in d.tags


def test_a_drunk_driver_on_the_road_now_is_still_a_traffic_crime() -> None:
    d = decide("dui driver swerving all over hwy 20 eb right now")
    assert UnitType.police in units(d)


@SETTINGS
@given(st.sampled_from(["my dad took all her pills to work with him",
                        "he took her meds to work"]))
def test_pills_a_parent_took_to_work_are_out_of_reach(words: str) -> None:
    d = decide(f"text from 13 y/o: 'my mom is on the bathroom floor crying, keeps saying she "
               f"cant do this anymore. {words} so she doesnt have any. shes not hurting "
               "anybody'")
    assert UnitType.police not in units(d)
    assert UnitType.bcr in units(d)


@SETTINGS
@given(st.sampled_from(["his guns are in rp's safe", "his rifles are locked in my gun safe",
                        "the guns are in my safe, he doesnt have the combo"]), fillers)
def test_guns_in_the_callers_safe_are_out_of_reach(words: str, filler: str) -> None:
    d = decide(f"rp sts her dad 68 sitting in his truck since they sold the herd, says nothing "
               f"left to get up for. {words}. not angry, just grieving. {filler}")
    assert UnitType.police not in units(d)


@SETTINGS
@given(st.sampled_from(["xmas inflatables in her yard slashed w a knife",
                        "all 4 tires slashed with a box cutter", "the pool cover cut w a knife"]))
def test_things_slashed_with_a_knife_overnight_are_a_report(words: str) -> None:
    d = decide(f"rp sts {words} overnight, happened while sleeping, no one around now")
    assert UnitType.police not in units(d)
    assert "property" in d.tags


@SETTINGS
@given(st.sampled_from(["saying they're 'taking fire'", "saying we're taking fire",
                        "yelling he's 'under fire'"]))
def test_a_veteran_saying_theyre_taking_fire_is_a_flashback(words: str) -> None:
    d = decide(f"rp sts her husband is an army vet, having flashbacks since the fireworks, "
               f"hiding in the back room {words}. not violent. his brother took all the guns "
               "to his house in zapata last month, none in the home")
    assert units(d) == CRISIS_ONLY
