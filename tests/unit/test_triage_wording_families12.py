"""Families of phrasings learnt from unseen call-taker writing, twelfth set: a hanging
announced before a thud, a rope put up with a farewell, a farewell in other words at the
water, pills counted as they are taken, a building torn apart and burning; and what is
not danger: a cook's knife that slipped, a nail gun at a job site, a machine that
"robbed" someone, a place named Knife River, a plough's blade, shots clarified as ice or
fireworks, a truck that "sounded like a gunshot", a threat to run away, "can fly a plane",
an armed man a confused person sees who is not there, a pendant pressed by accident, a
shooting range, "robbing me blind"."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from shared.events import UnitType
from tests.unit.triage_family_support import decide, units

SETTINGS = settings(max_examples=40, deadline=None)


@SETTINGS
@given(st.sampled_from(["was gonna hang himself", "is going to shoot herself",
                        "said he was about to hang himself"]),
       st.sampled_from(["then a loud thud", "then a bang, no answer at the door",
                        "then it went quiet, not answering"]))
def test_a_death_announced_then_silence_sends_police_and_ems(words: str, after: str) -> None:
    d = decide(f"rp heard neighbor thru the wall, {words}, {after}, door locked")
    assert {UnitType.police, UnitType.ems} <= units(d)


@SETTINGS
@given(st.sampled_from(["has a rope up", "GOT A NOOSE READY", "put a cord up"]),
       st.sampled_from(["'this is goodbye'", "'you can find me in the morning'", "suicidal"]))
def test_a_ligature_put_up_with_a_farewell_sends_ems(rope: str, farewell: str) -> None:
    d = decide(f"motel guest rm 12 called front desk saying he {rope} and {farewell}, door chained")
    assert {UnitType.police, UnitType.ems} <= units(d)


@SETTINGS
@given(st.sampled_from(["'you can find me in spring'", "'you wont see me again'",
                        "'this is goodbye'"]))
def test_a_farewell_walking_out_on_the_ice_sends_police(farewell: str) -> None:
    d = decide(f"ex wife sts he called saying {farewell}, she can see him walking out on the ice "
               "toward the open water by the channel")
    assert UnitType.police in units(d)


@SETTINGS
@given(st.sampled_from(["swallowing her pills one at a time", "already took about 15",
                        "ALREADY SWALLOWED A DOZEN"]))
def test_pills_counted_as_they_are_taken_send_ems(taking: str) -> None:
    d = decide(f"rp on facetime w sister who is {taking}, says she'll take the rest if anybody "
               "comes")
    assert {UnitType.police, UnitType.ems} <= units(d)


@SETTINGS
@given(st.sampled_from(["SHED", "garage", "barn"]),
       st.sampled_from(["blown apart and burning", "collapsed and now on fire"]))
def test_a_building_torn_apart_and_burning_sends_fire(building: str, state: str) -> None:
    d = decide(f"loud boom, {building} next door {state}, neighbor on the ground moving a little")
    assert {UnitType.fire, UnitType.ems} <= units(d)


def test_a_cooks_knife_that_slipped_is_no_weapon() -> None:
    d = decide("restaurant kitchen, line cook slipped w his chef knife chopping onions, deep cut "
               "across palm, bleeding thru towels, accident, no fight")
    assert units(d) == {UnitType.ems}


def test_a_nail_gun_at_a_job_site_is_no_crash_or_crime() -> None:
    d = decide("foreman sts worker shot himself thru the hand w a nail gun, bleeding controlled, "
               "accident", call_type="INJURY-INDUSTRIAL ACCIDENT")
    assert units(d) == {UnitType.ems}


@SETTINGS
@given(st.sampled_from(["'THAT MACHINE ROBBED ME'", "says the slots robbed him",
                        "the ATM ripped off him"]))
def test_a_machine_that_robbed_someone_is_no_robbery(words: str) -> None:
    d = decide(f"casino security: guest {words}, lost his paycheck, crying on the floor, says he "
               "cant face his kids, no weapon, not aggressive")
    assert units(d) == {UnitType.bcr}


@SETTINGS
@given(st.sampled_from(["NR KNIFE RIVER", "by knife lake", "on knife creek rd"]))
def test_a_place_named_for_a_knife_is_no_weapon(place: str) -> None:
    d = decide(f"veh stalled on the shoulder hwy 61 {place}, partly in lane, hazards on, no inj")
    assert units(d) == {UnitType.traffic_control}


@SETTINGS
@given(st.sampled_from(["BLIZZARD BLADE", "snow plow blade", "mower blades"]))
def test_a_machines_blade_is_no_weapon(blade: str) -> None:
    d = decide(f"rp's work truck gone from the lot behind his shop since last night, white f250 "
               f"w {blade} on the trailer, no suspect info")
    assert UnitType.police not in units(d)


@SETTINGS
@given(st.sampled_from(["IT'S THE ICE ON THE BAY BOOMING", "its just fireworks down the road",
                        "it was a transformer"]))
def test_shots_clarified_as_something_else_are_no_gunfire(sound: str) -> None:
    d = decide(f"poss shots fired? rp clarifies {sound}, no one shooting, nobody hurt")
    assert UnitType.police not in units(d)


def test_a_truck_that_sounded_like_a_gunshot_is_no_gunfire() -> None:
    d = decide("rp sts when he started his truck this am it 'sounded like a gunshot', catalytic "
               "converter cut off overnight, nobody around")
    assert units(d) == {UnitType.cso}


@SETTINGS
@given(st.sampled_from(["threatened to run away", "THREATENING TO MOVE OUT",
                        "threatens to drop out"]))
def test_a_threat_to_leave_is_no_threat_of_harm(threat: str) -> None:
    d = decide(f"mom sts 15yo {threat} after she took his phone, crying in his room, no hitting, "
               "no weapons, wants someone to talk to him")
    assert units(d) == {UnitType.bcr}


def test_flying_a_plane_is_no_belief_in_flying() -> None:
    d = decide("rp sts sister manic all week, not sleeping, spent her rent, now says she can fly a "
               "plane, no weapons, not mean to anyone")
    assert units(d) == {UnitType.bcr}


@SETTINGS
@given(st.sampled_from(["KEEPS SAYING THERES A MAN WITH A GUN IN THE CLOSET",
                        "insists there's someone with a knife in the garage"]))
def test_an_armed_man_who_is_not_there_is_a_belief(belief: str) -> None:
    d = decide(f"daughter sts grandpa w dementia {belief}. she checked, nobody there, no guns in "
               "the house. agitated, not hitting anyone")
    assert units(d) == {UnitType.bcr}


def test_a_pendant_pressed_by_accident_is_no_assault() -> None:
    d = decide("life alert relay, subscriber 81 sts she hit her pendant by accident while "
               "gardening, didnt fall, not hurt")
    assert UnitType.police not in units(d)


def test_a_car_broken_into_at_a_shooting_range_is_a_report() -> None:
    d = decide("mgr at shooting range sts customer's car window broken, range bag taken during "
               "his session, no guns in bag, no one seen")
    assert units(d) == {UnitType.cso}


@SETTINGS
@given(st.sampled_from(["'ROBBING ME BLIND'", "robbin her blind"]))
def test_robbing_someone_blind_is_no_robbery(words: str) -> None:
    d = decide(f"rp 82 sts grandson has been {words}, taking cash from her purse over the past "
               "month when he visits, not there now, no threats, wants a report")
    assert UnitType.police not in units(d)
