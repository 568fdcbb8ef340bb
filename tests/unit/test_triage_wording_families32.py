"""Families of phrasings learnt from unseen call-taker writing, thirty-second set, each a
need the rules missed: blood seen on a door handle or a floor, scrapes on the hands,
necks that hurt after a crash (EMD 4 and 30: "any injuries?"), fresh cuts on wrists; a
child pulled out by a rip current or sucked under at a culvert (water rescue: EMS with
the rescue crew); "I don't want to be here" beside twenty pills and the rest of the
bottle; a shove told in a sentence that also names a farm sold ten years ago, with the
man backing out of the garage now."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from shared.events import UnitType
from tests.unit.triage_family_support import decide, fillers, units

SETTINGS = settings(max_examples=40, deadline=None)


@SETTINGS
@given(st.sampled_from(["theres blood on the door handle", "friend sees blood on the floor",
                        "found blood all over the sink"]), fillers)
def test_blood_seen_beside_self_harm_gets_ems(words: str, filler: str) -> None:
    d = decide(f"roommate locked herself in the bathroom with razor blades, said shes gonna do "
               f"it for real this time, {words}. {filler}")
    assert {UnitType.ems, UnitType.police} <= units(d)


@SETTINGS
@given(st.sampled_from(["has scrapes on his hands and knee", "scratches on her face",
                        "road rash on both arms"]))
def test_a_robbery_victims_scrapes_get_ems(words: str) -> None:
    d = decide(f"delivery driver says 2 males shoved him down and took the order, ran off 1 min "
               f"ago, he {words}")
    assert {UnitType.ems, UnitType.police} <= units(d)


@SETTINGS
@given(st.sampled_from(["2 kids crying saying their necks hurt", "driver says her back hurts",
                        "one girl says her head is hurting"]))
def test_a_crash_with_a_hurting_neck_gets_ems_and_police(words: str) -> None:
    d = decide(f"car vs school bus at the light, minor damage, {words}, bus driver ok")
    assert {UnitType.ems, UnitType.police} <= units(d)


def test_cuts_on_wrists_without_a_possessive_get_ems() -> None:
    d = decide("student sent group chat pic of fresh cuts on wrists 'im done', still in the "
               "study room with the door shut")
    assert {UnitType.ems, UnitType.bcr} <= units(d)


@SETTINGS
@given(st.sampled_from(["2 kids pulled out by the current", "a swimmer swept out by a rip",
                        "10yo tubing in the canal got sucked under at the culvert",
                        "his son went in and hasnt come back up"]))
def test_people_taken_by_the_water_get_ems_and_fire(words: str) -> None:
    d = decide(f"rp at the beach, {words}, about 2 min ago")
    assert {UnitType.ems, UnitType.fire} <= units(d)


def test_kayaks_taken_off_a_rack_by_the_water_are_a_report() -> None:
    d = decide("canoe outfitter: 4 kayaks taken off the rack by the water overnight, cable lock "
               "cut. found at opening 0800, nobody around")
    assert units(d) == {UnitType.cso}


@SETTINGS
@given(st.sampled_from(["i dont want to be here", "i just dont want to be here anymore"]))
def test_pills_by_count_and_not_wanting_to_be_here_get_police_and_ems(words: str) -> None:
    d = decide(f"TEXT 911: i took like 20 of my moms xanax about 30 min ago and i still have the "
               f"rest of the bottle, {words}. im 16")
    assert {UnitType.police, UnitType.ems, UnitType.bcr} <= units(d)


def test_a_shove_beside_a_long_ago_in_the_same_sentence_is_current_when_he_is_leaving_now(
) -> None:
    d = decide("Daughter sts her 78yo dad w dementia wants to drive to the farm they sold 10 "
               "yrs ago, shoved her into the wall when she took his keys, found a spare set "
               "and is backing out of the garage now")
    assert UnitType.police in units(d)


def test_violence_years_ago_with_the_man_far_away_now_stays_history() -> None:
    d = decide("RP STS EX-HUSB USED TO BEAT HER YEARS AGO, HE LIVES IN TEXAS NOW. CALLING "
               "TODAY BC SOMEONE STOLE HER PATIO FURNITURE OVERNIGHT, NO IDEA WHO")
    assert UnitType.police not in units(d)
    assert UnitType.cso in units(d)
