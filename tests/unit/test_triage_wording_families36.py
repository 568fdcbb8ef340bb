"""Families of phrasings learnt from unseen call-taker writing, thirty-sixth set: any
object swung at people (a gaff hook at boaters: NIBRS 13A's "other dangerous weapon");
a child grabbed by a stranger; a person walking in a named lane of an interstate (cars
and deer sitting in one are not); food choked on is no assault; "rifle season"; a fire
alarm for a drill or burnt popcorn; water running into the road; a "got robbed" the
caller takes back a few words later; a truck last seen at a time; a phone a mother took
from her son."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from shared.events import UnitType
from tests.unit.triage_family_support import decide, fillers, units

SETTINGS = settings(max_examples=40, deadline=None)


@SETTINGS
@given(st.sampled_from(["swinging a gaff hook at boaters", "jabbing an oar at the kids",
                        "swinging a boat hook toward customers"]), fillers)
def test_any_object_swung_at_people_gets_police(act: str, filler: str) -> None:
    d = decide(f"marina staff: man off his meds {act}, screaming they are spies. {filler}")
    assert UnitType.police in units(d)


@SETTINGS
@given(st.sampled_from(["swinging his arms at people", "waving a flag at the cars going by"]))
def test_arms_or_a_flag_swung_are_no_weapon(act: str) -> None:
    d = decide(f"man at the corner {act}, yelling")
    assert "weapon" not in d.tags


@SETTINGS
@given(st.sampled_from(["grabbed a little boy by the arm", "snatched a toddler off the swing",
                        "grabbed some kid by the shirt"]))
def test_a_child_grabbed_by_a_stranger_gets_police(act: str) -> None:
    d = decide(f"barefoot man preaching he is the messiah {act} saying he would baptize him")
    assert UnitType.police in units(d)


@SETTINGS
@given(st.sampled_from(["walking in the right lane of I-15", "wandering in the left lane",
                        "staggering down the center lane"]))
def test_a_person_in_a_named_lane_gets_police(where: str) -> None:
    d = decide(f"trucker calling: man {where}, waving semis toward him, yelling he wants to get "
               "hit")
    assert {UnitType.police, UnitType.bcr} <= units(d)


@SETTINGS
@given(st.sampled_from(["both cars still sitting in the right lane", "deer laying in the right "
                        "lane, legs broken", "ladder laying across the middle lane"]))
def test_cars_animals_or_debris_in_a_lane_are_no_crisis(words: str) -> None:
    d = decide(f"minor wreck on the highway, nobody hurt, {words}")
    assert UnitType.bcr not in units(d)


@SETTINGS
@given(st.sampled_from(["choked on a piece of sausage", "choked on a grape"]))
def test_choking_on_food_is_medical_not_assault(words: str) -> None:
    d = decide(f"grandpa at the tailgate {words}, cant talk, son doing the heimlich")
    assert UnitType.ems in units(d)
    assert "violence" not in d.tags


@SETTINGS
@given(st.sampled_from(["before rifle season", "at the rifle range last month"]))
def test_a_rifle_season_or_range_is_no_weapon(words: str) -> None:
    d = decide(f"landowner went out to check {words}, his ladder stand and 2 trail cams are "
               "gone, chain cut. prob sometime last couple wks. nobody there")
    assert "weapon" not in d.tags
    assert UnitType.cso in units(d)


@SETTINGS
@given(st.sampled_from(["the fire alarm went off for their monthly drill",
                        "the alarm was burned popcorn"]))
def test_a_fire_alarm_for_a_drill_or_burnt_food_is_no_fire(words: str) -> None:
    d = decide(f"group home staff: {words}. resident 19 with autism melting down on the porch, "
               "covering his ears, screaming, not hurting anyone")
    assert UnitType.fire not in units(d)
    assert UnitType.bcr in units(d)


@SETTINGS
@given(st.sampled_from(["water running into the road ditch", "mud running into the road"]))
def test_water_in_the_road_is_no_person_in_traffic(words: str) -> None:
    d = decide(f"acequia mayordomo: headgate lock cut sometime overnite, {words}, nobody around, "
               "wants a report")
    assert UnitType.police not in units(d)


@SETTINGS
@given(st.sampled_from(["'got robbed' at the walmart on 10th Ave S - clarifies",
                        "'got robbed' last night, on further questioning"]))
def test_a_robbery_word_taken_back_later_in_the_sentence_is_a_report(words: str) -> None:
    d = decide(f"RP says she {words} she left her wallet in the cart and it was gone when she "
               "went back. nobody around, wants a report")
    assert "violence" not in d.tags
    assert UnitType.cso in units(d)


@SETTINGS
@given(st.sampled_from(["was there at 11pm", "was still in the driveway at 2300"]))
def test_a_vehicle_last_seen_at_a_time_is_gone_after_the_fact(words: str) -> None:
    d = decide(f"rp says his 2011 silverado is gone from his driveway, {words}, nobody saw "
               "anything")
    assert UnitType.cso in units(d)
    assert UnitType.police not in units(d)


@SETTINGS
@given(st.sampled_from(["bc she took his phone", "because mom took his phone"]))
def test_a_phone_a_parent_took_is_no_theft(words: str) -> None:
    d = decide(f"mom says 15yo son is screaming in his room slamming doors {words}, not hitting "
               "anyone")
    assert "property" not in d.tags
