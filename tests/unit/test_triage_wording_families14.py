"""Families of phrasings learnt from unseen call-taker writing, fourteenth set: a beating
on someone down, a person on the edge of a rimrock or a canyon, fuel named before it is
poured, a suspect "still out here"; and what is not danger: a knife that slipped shucking,
means the caller put away or holds, "rp sts no" to the means question, "gonna murder me
when he sees this", a barbecue smoker and wildfire haze, "I feel trapped", a child's
"explosion", a photographer shooting, a holdup years ago, a fire a confused person insists
on with no smoke found, a theft during a class, a car out of gas, crossing arms stuck
with no train, a car a driver "can't move"."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from shared.events import UnitType
from tests.unit.triage_family_support import decide, fillers, units

SETTINGS = settings(max_examples=40, deadline=None)


@SETTINGS
@given(st.sampled_from(["KICKING HIM WHILE HES ON THE GROUND", "stomping him",
                        "beating the boy on the ground", "curb stomped her"]), fillers)
def test_a_beating_on_someone_down_sends_ems_with_police(beating: str, filler: str) -> None:
    d = decide(f"5 or 6 teens jumping one boy at the bus stop right now, {beating}. {filler}")
    assert {UnitType.police, UnitType.ems} <= units(d)


@SETTINGS
@given(st.sampled_from(["EDGE OF THE RIMS W/ LEGS OVER", "edge of the bluff", "edge of the canyon",
                        "edge of the quarry, legs dangling over the drop"]),
       st.sampled_from(["'dont come closer im done'", "crying, wont talk"]))
def test_a_person_on_the_edge_of_a_height_sends_police(where: str, words: str) -> None:
    d = decide(f"rp at the trail pullout sts f 20s sitting on {where}, {words}")
    assert UnitType.police in units(d)


@SETTINGS
@given(st.sampled_from(["HAS GAS CAN AND LIGHTER IN THE GARAGE",
                        "grabbed the gasoline from the shed"]),
       st.sampled_from(["SHE POURED SOME ON THE FLOOR", "says she will burn the house down"]))
def test_fuel_named_before_it_is_poured_or_a_fire_threatened_sends_fire(
        fuel: str, act: str) -> None:
    d = decide(f"rp husb sts wife {fuel}, {act}, rp and kids outside")
    assert {UnitType.fire, UnitType.police} <= units(d)


@SETTINGS
@given(st.sampled_from(["'HES STILL OUT HERE'", "can see a guy crouched behind the porta johns",
                        "he's still around back"]))
def test_a_suspect_still_there_keeps_police_on_a_theft(words: str) -> None:
    d = decide(f"supervisor just found job trailer pried open, tools gone, {words}")
    assert UnitType.police in units(d) and UnitType.cso not in units(d)


@SETTINGS
@given(st.sampled_from(["SHE SEES A FLASHLIGHT MOVING AROUND INSIDE",
                        "lights going around inside the empty house"]))
def test_a_light_moving_inside_an_empty_house_is_someone_there_now(words: str) -> None:
    d = decide(f"house next door empty since owner died, front door kicked in now, {words}")
    assert UnitType.police in units(d) and UnitType.cso not in units(d)


@SETTINGS
@given(st.sampled_from(["SHUCKING OYSTERS AT AN OYSTER ROAST, KNIFE SLIPPED",
                        "cleaning fish and the blade slipped", "opening a box, his knife slipped"]))
def test_a_knife_that_slipped_at_a_task_is_no_weapon(words: str) -> None:
    d = decide(f"rp was {words}, deep cut across his palm, bleeding thru towels, accidental")
    assert units(d) == {UnitType.ems}


@SETTINGS
@given(st.sampled_from(["rp already put all the kitchen knives in her car trunk",
                        "her meds are in my car, i have the keys",
                        "mom locked his guns in her safe"]))
def test_means_the_caller_put_away_leave_the_crisis_team_alone(words: str) -> None:
    d = decide(f"rp sts brother stopped taking his meds, talking to himself, {words}, not angry")
    assert units(d) == {UnitType.bcr}


@SETTINGS
@given(st.sampled_from(["ASKED RE: WPNS / SELF HARM - RP STS NO",
                        "asked about weapons, she said no", "q any pills/wpns - rp states none",
                        "ASKED ABT PILLS/WPNS, HE SEES NOTHING"]))
def test_the_means_question_answered_no_by_the_caller(words: str) -> None:
    d = decide(f"husband sold the herd, hasnt eaten in 3 days, 'whats the point'. {words}, "
               "he's just gone quiet")
    assert units(d) == {UnitType.bcr}


@SETTINGS
@given(st.sampled_from(["'MY SON IS GONNA MURDER ME WHEN HE SEES THIS'",
                        "my dad is going to kill me when he finds out"]))
def test_gonna_kill_me_when_he_sees_it_is_a_figure_of_speech(words: str) -> None:
    d = decide(f"rp sts {words} - both mirrors ripped off the car parked overnight, nobody "
               "around, just needs a report")
    assert units(d) == {UnitType.cso}


def test_a_threat_to_kill_still_sends_police() -> None:
    d = decide("rp sts my husband is going to kill me, he is outside the door now")
    assert UnitType.police in units(d)


@SETTINGS
@given(st.sampled_from(["THE SMOKE EARLIER WAS HER NEIGHBOR RUNNING HIS BRISKET SMOKER",
                        "the smoke is from the wildfires", "smoke is just the neighbors bbq"]))
def test_a_barbecue_smoker_or_wildfire_haze_is_no_fire(words: str) -> None:
    d = decide(f"rp sts fence tagged last night w spray paint, {words}, just wants a graffiti "
               "report")
    assert units(d) == {UnitType.cso}


@SETTINGS
@given(st.sampled_from(["'I FEEL TRAPPED'", "says she feels so stuck", "feeling trapped"]))
def test_feeling_trapped_is_no_entrapment(words: str) -> None:
    d = decide(f"48yof crying, husb left, cant pay rent, {words}, just needs somebody to talk "
               "to, denies wanting to hurt herself")
    assert units(d) == {UnitType.bcr}


def test_someone_trapped_in_an_elevator_still_sends_fire() -> None:
    d = decide("woman trapped in the elevator between floors, panicking")
    assert UnitType.fire in units(d)


@SETTINGS
@given(st.sampled_from(["12YO AUTISTIC DAUGHTER HAD AN 'EXPLOSION'", "son 9 had another blow up",
                        "the teen had an explosion"]))
def test_a_childs_explosion_is_a_meltdown(words: str) -> None:
    d = decide(f"mom sts {words} after school, screaming, threw pillows, now sobbing under a "
               "blanket, nobody hurt, no wpns")
    assert units(d) == {UnitType.bcr}


def test_an_explosion_at_a_plant_still_sends_fire() -> None:
    d = decide("the plant had an explosion, workers hurt")
    assert {UnitType.fire, UnitType.ems} <= units(d)


@SETTINGS
@given(st.sampled_from(["PHOTOGRAPHER WAS SHOOTING", "the wedding photographer was shooting",
                        "film crew shooting"]))
def test_a_photographer_shooting_is_no_gunfire(words: str) -> None:
    d = decide(f"{words} at the park 2 hrs, came back to unlocked car, camera bag gone from "
               "back seat, no one around")
    assert units(d) == {UnitType.cso}


@SETTINGS
@given(st.sampled_from(["WAS SHOT AT DURING A HOLDUP AT HER JOB 3 YRS AGO TODAY",
                        "was shot during a robbery at his store in 2019"]))
def test_a_holdup_years_ago_is_history(words: str) -> None:
    d = decide(f"rp sts husb {words}, fireworks set him off, hiding in the closet shaking. no "
               "guns in the home, not hurt")
    assert units(d) == {UnitType.bcr}


def test_a_shooting_tonight_by_someone_from_years_ago_sends_police() -> None:
    d = decide("rp sts he was shot at tonight by the guy who beat him 5 yrs ago, guy still near")
    assert UnitType.police in units(d)


@SETTINGS
@given(st.sampled_from(["KEEPS YELLING THE HOUSE IS ON FIRE", "keeps saying the kitchen is burning",
                        "insists the apartment is on fire"]))
def test_a_fire_a_confused_person_insists_on_with_none_found(words: str) -> None:
    d = decide(f"daughter sts mother w dementia {words} - rp checked every room, no smoke no "
               "fire no alarms, stove off, pacing and agitated")
    assert UnitType.fire not in units(d) and UnitType.bcr in units(d)


def test_a_fire_with_smoke_seen_still_sends_fire() -> None:
    d = decide("mother keeps yelling the house is on fire, rp sees smoke in the hall")
    assert UnitType.fire in units(d)


@SETTINGS
@given(st.sampled_from(["during his 3 hr lab", "while he was in class", "during her shift"]))
def test_a_theft_during_a_class_or_a_shift_is_found_later(words: str) -> None:
    d = decide(f"bike stolen from the rack outside the bldg {words}, cable lock cut and left on "
               "ground, no witnesses")
    assert units(d) == {UnitType.cso}


@SETTINGS
@given(st.sampled_from(["HES 'out of gas' - CAR RAN DRY IN THE LEFT LANE",
                        "CROSSING ARMS STUCK DOWN AND BELLS GOING, NO TRAIN FOR 15 MIN",
                        "signal at n 27th and 6th ave n completely dark"]))
def test_a_road_hazard_without_a_crash_goes_to_traffic_control(words: str) -> None:
    d = decide(f"{words}, nobody hurt, cars backing up")
    assert units(d) == {UnitType.traffic_control}


def test_a_car_the_driver_cannot_move_is_no_injury() -> None:
    d = decide("2 veh fender bender in the right lane, both drivers out talking, 'nobodys hurt "
               "we just cant move the one car'")
    assert UnitType.ems not in units(d) and UnitType.traffic_control in units(d)


@SETTINGS
@given(st.sampled_from(["STUCK ON A ROCK IN THE MIDDLE OF OAK CREEK",
                        "stranded on a sandbar out in the river",
                        "clinging to a log in the creek"]),
       st.sampled_from(["water coming up fast", "cant get back to the bank"]))
def test_people_cut_off_in_moving_water_send_fire(where: str, water: str) -> None:
    d = decide(f"daughter relaying: dad and uncle {where} after the rain, {water}")
    assert UnitType.fire in units(d)


@SETTINGS
@given(st.sampled_from(["CUTTING HER ARMS, RP SEES BLOOD UNDER DOOR",
                        "slashing his wrists in the bathroom",
                        "cutting herself, theres blood everywhere"]))
def test_self_harm_under_way_sends_ems_with_police(words: str) -> None:
    d = decide(f"15yof rp crying, mom locked in bathroom w kitchen knife {words}, yelling leave me "
               "alone")
    assert {UnitType.ems, UnitType.police} <= units(d)
