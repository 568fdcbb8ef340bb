"""Families of phrasings learnt from unseen call-taker writing, forty-second set: an
assault told as done to someone ("driver was spit on and punched in the face") with the
marks it leaves (a cut lip, a black eye); a hand caught in a machine and still stuck
(NFIRS 35x extrication); grass or brush burning and spreading (NFIRS 14x)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from shared.events import UnitType
from tests.unit.triage_family_support import decide, fillers, units

SETTINGS = settings(max_examples=30, deadline=None)


@SETTINGS
@given(st.sampled_from(["was spit on and punched in the face", "got sucker punched",
                        "was kicked and stomped", "has been slapped and choked"]),
       st.sampled_from(["has a cut lip", "has a black eye", "bloody nose"]), fillers)
def test_an_assault_told_as_done_to_someone_gets_police_and_ems(
        done: str, mark: str, filler: str) -> None:
    d = decide(f"bus dispatcher sts driver {done} by a passenger who didnt want to pay, "
               f"passenger still on the bus. driver {mark}. {filler}")
    assert {UnitType.police, UnitType.ems} <= units(d)
    assert "violence" in d.tags


@SETTINGS
@given(st.sampled_from(["was assaulted a year ago today, the guy is in prison",
                        "got kicked by a horse in the barn last week"]), fillers)
def test_an_assault_long_past_or_by_an_animal_is_no_violence_now(past: str, filler: str) -> None:
    d = decide(f"RP sts her daughter {past}. nobody hurt now, no weapons. {filler}")
    assert "violence" not in d.tags


@SETTINGS
@given(st.sampled_from(["hand got caught in the hay baler", "sleeve is caught in the pto shaft",
                        "arm got pulled into the conveyor", "fingers are stuck in the press"]),
       fillers)
def test_a_hand_still_caught_in_a_machine_gets_the_rescue(caught: str, filler: str) -> None:
    d = decide(f"rancher's son sts dad's {caught}, machine shut off but he is still stuck, "
               f"bleeding a lot. {filler}")
    assert {UnitType.fire, UnitType.ems} <= units(d)


@SETTINGS
@given(st.sampled_from(["hand got caught in the grain auger, he got it out",
                        "sleeve caught in the pto, he pulled free"]), fillers)
def test_a_hand_freed_before_the_call_is_an_ems_call(caught: str, filler: str) -> None:
    d = decide(f"farmer's {caught}. 2 fingers mangled, bleeding bad, towel on it. {filler}")
    assert UnitType.ems in units(d)
    assert UnitType.fire not in units(d)


@SETTINGS
@given(st.sampled_from(["dry grass in the vacant lot next door is burning now",
                        "the weeds behind the shed are on fire",
                        "brush along the shoulder is smoldering"]),
       st.sampled_from(["about 20 ft wide", "spreading toward her fence"]), fillers)
def test_grass_or_brush_burning_gets_fire(burning: str, size: str, filler: str) -> None:
    d = decide(f"RP sts the booms are just fireworks, not shots. {burning}, {size}. {filler}")
    assert UnitType.fire in units(d)


@SETTINGS
@given(st.sampled_from(["has another staff member pinned against the wall w/ his forearm on "
                        "her throat", "got her pinned to the floor with his knee on her neck",
                        "is holding his brother pinned against the lockers"]), fillers)
def test_a_person_pinned_or_held_by_the_throat_gets_police(act: str, filler: str) -> None:
    d = decide(f"group home staff screaming, resident 20s 6ft {act}, she's turning red. {filler}")
    assert UnitType.police in units(d)
    assert "violence" in d.tags


@SETTINGS
@given(st.sampled_from(["said she wants to go with the river", "says he's gonna go under the water",
                        "told her friend she's going to go into the lake"]), fillers)
def test_wading_in_with_words_of_going_with_the_water_is_an_attempt(
        said: str, filler: str) -> None:
    d = decide(f"friend on the bank sts woman walked into the Mississippi, up to her chest, "
               f"{said}, current strong. {filler}")
    assert {UnitType.police, UnitType.fire, UnitType.ems} <= units(d)


@SETTINGS
@given(st.sampled_from(["DEMENTIA - FOUND PERSON", "LOST/FOUND PERSON", "FOUND PERSON-ELDERLY"]),
       fillers)
def test_a_found_confused_adult_goes_to_the_crisis_team(call_type: str, filler: str) -> None:
    d = decide("clerk sts elderly man came in at 0300 in slippers, doesnt know his address, "
               f"bracelet w a name, calm, not hurt, sitting w clerk. {filler}", call_type)
    assert UnitType.bcr in units(d)
    assert UnitType.police not in units(d)


@SETTINGS
@given(st.sampled_from(["FOUND CHILD", "FOUND JUVENILE", "MISSING PERSON"]), fillers)
def test_a_found_child_or_a_missing_person_still_gets_police(call_type: str, filler: str) -> None:
    d = decide(f"4yo boy found wandering alone by the pond, cant say where he lives. {filler}",
               call_type)
    assert UnitType.police in units(d)
