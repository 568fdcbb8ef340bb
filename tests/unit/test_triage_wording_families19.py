"""Families of phrasings learnt from unseen call-taker writing, nineteenth set: beliefs a
person in crisis relays (a truck "following him" with the neighbours "in on it", texts
read through the walls, poison in the tap water), the call-taker's "is she violent?"
answered no; and roads: a tractor that "choked out", a load lost in the lane."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from shared.events import UnitType
from tests.unit.triage_family_support import decide, fillers, units

SETTINGS = settings(max_examples=40, deadline=None)
CRISIS_ONLY = {UnitType.bcr}


@SETTINGS
@given(st.sampled_from(["A WHITE TRUCK IS FOLLOWING HIM AND THE NEIGHBORS ARE IN ON IT",
                        "a gray van keeps following her, the whole block is out to get her",
                        "cars are following him, says his coworkers are all in it"]), fillers)
def test_being_followed_with_everyone_in_on_it_is_a_belief(words: str, filler: str) -> None:
    d = decide(f"rp sts brother 30s hasnt slept in 3 nights, walks the yard all night saying "
               f"{words}. no weapons, has not hurt anyone. {filler}")
    assert units(d) == CRISIS_ONLY


@SETTINGS
@given(st.sampled_from(["someone in the building is reading his texts thru the walls",
                        "the neighbors are listening to her thoughts through the vents",
                        "people upstairs keep hacking his phone through the wifi"]))
def test_texts_read_through_the_walls_are_a_belief(words: str) -> None:
    d = decide(f"RA at the res hall: student taped foil over his window, says {words}. calm, "
               "just frightened, no weapons")
    assert units(d) == CRISIS_ONLY


@SETTINGS
@given(st.sampled_from(["the neighbors are poisoning her tap water", "staff are putting poison "
                        "in her food", "the city is poisoning the water"]))
def test_poison_in_the_water_told_as_what_she_says_is_a_belief(words: str) -> None:
    d = decide(f"daughter calling from dallas, mom keeps calling her saying {words}, hasnt "
               "slept, no weapons, not threatening anyone")
    assert units(d) == CRISIS_ONLY


@SETTINGS
@given(st.sampled_from(["is she violent? 'no'", "asked is he violent - no", "is he armed? no"]))
def test_the_question_of_violence_answered_no_is_no_violence(words: str) -> None:
    d = decide(f"text to 911: my mom thinks the neighbors put cameras in her smoke alarms // "
               f"{words}, shes just terrified, no guns in the house")
    assert units(d) == CRISIS_ONLY


@SETTINGS
@given(st.sampled_from(["TRACTOR 'CHOKED OUT' AND DIED", "truck choked out", "old combine "
                        "choked and quit"]))
def test_a_machine_that_choked_out_stalled(words: str) -> None:
    d = decide(f"farmer sts his {words} in the sb lane of hwy 53, nobody hurt, no wreck, needs "
               "help w traffic")
    assert units(d) == {UnitType.traffic_control}


@SETTINGS
@given(st.sampled_from(["potato truck lost part of its load", "gravel truck dumped half of "
                        "its load", "spuds all over the right lane"]))
def test_a_load_lost_in_the_lane_is_a_road_matter(words: str) -> None:
    d = decide(f"{words} on hwy 395 sb at the hillsboro exit, cars swerving, no crash")
    assert units(d) == {UnitType.traffic_control}
