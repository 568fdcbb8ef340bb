"""Families of phrasings learnt from unseen call-taker writing, eighth set: intent told
as not wanting to live or to "finish it", a crash counted in vehicles or written "TC",
someone down in the snow and cold to the touch; the means question asked "re" a list and
answered "no, nothing like that", a gun that is a glue gun, "armed with nothing but" a
bible; threats to call the police or have a car towed, "robbed me blind", "took a stab
at", a betrayal "stabbed me in the back", a grandson "on fire" at his game; things found
at the end of a shift, thefts seen later on camera, a car that can't move (no person), a
bump in a parking lot, an animal struck and the car left in the lane, dogs by breed, and
confusion with a medical cause (a stroke, a diabetic low, the cold) that is no crisis."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from shared.events import UnitType
from tests.unit.triage_family_support import decide, fillers, units

SETTINGS = settings(max_examples=40, deadline=None)


@SETTINGS
@given(st.sampled_from(["TYING A ROPE TO THE RAFTER", "putting a belt around the beam"]),
       st.sampled_from(["'I DONT WANT TO LIVE'", "says he doesnt want to wake up",
                        "said he dont wanna live"]))
def test_a_ligature_set_up_with_a_wish_not_to_live_gets_police(set_up: str, intent: str) -> None:
    d = decide(f"rp wife via interp. husb drinking all day, now in garage {set_up}, told her "
               f"{intent}. she and kids inside")
    assert {UnitType.police, UnitType.bcr} <= units(d)


@SETTINGS
@given(st.sampled_from(["to 'FINISH IT'", "gonna finish this tonight", "wants to be done with it"]))
def test_an_overdose_and_a_plan_to_finish_it_gets_police_and_ems(plan: str) -> None:
    d = decide(f"rp on other line w her ex, he says he took all his oxys and is driving to the "
               f"harbor {plan}. slurring per rp")
    assert {UnitType.police, UnitType.ems} <= units(d)


@SETTINGS
@given(st.sampled_from(["4 VEH TC", "2 vehicle crash", "three car pile up", "MVC"]))
def test_a_crash_told_in_shorthand_with_pain_gets_police_and_ems(crash: str) -> None:
    d = decide(f"chp xfer: {crash} nb 99 in thick fog, 2 patients complaining of neck and back "
               "pain, all out of their vehs on shoulder")
    assert {UnitType.police, UnitType.ems} <= units(d)


@SETTINGS
@given(st.sampled_from(["VERY COLD TO THE TOUCH, ONLY MUMBLING", "mumbling, cold to the touch",
                        "not responding much, shivering"]))
def test_someone_down_in_the_snow_and_failing_gets_ems(signs: str) -> None:
    d = decide(f"plow driver sts m laying in the snowbank, no coat, breathing, {signs}. 8 out")
    assert UnitType.ems in units(d)


@SETTINGS
@given(
    st.sampled_from(["ASKED RE PILLS OR WPNS: 'no nothing like that",
                     "DISP ASKED ABT PILLS/WPNS/SAFETY // 'no nothing like that",
                     "Q ANY WEAPONS OR IS SHE HURTING ANYONE? 'no she didnt hit anybody"]),
    fillers,
)
def test_the_means_question_answered_no_in_many_shapes_sends_the_crisis_team_alone(
        asked: str, filler: str) -> None:
    d = decide(f"txt: 'i just dont want to be here anymore' // {asked} i just need to talk to "
               f"someone' {filler}")
    assert units(d) == {UnitType.bcr}


@SETTINGS
@given(st.sampled_from(["'the only gun in this house is his hot glue gun'",
                        "the only guns here are nail guns", "'armed with nothing but a bible'",
                        "armed with only a clipboard"]))
def test_a_tool_or_a_book_called_a_weapon_is_none(words: str) -> None:
    d = decide(f"rp sts husb 62 hasnt left the bed in a wk, says the world ends tonight. {words}."
               " not angry")
    assert units(d) == {UnitType.bcr}


@SETTINGS
@given(st.sampled_from(["'THREATENED TO CALL THE COPS ON ME'", "'threatening' to have it towed",
                        "threatened to sue her", "threatens to report him"]))
def test_a_threat_of_recourse_is_no_threat_of_harm(threat: str) -> None:
    d = decide(f"rp sts a blk nissan has been blocking her driveway since 0600, she {threat}. no "
               "one around, no argument, she needs to get out for work")
    assert UnitType.police not in units(d)


@SETTINGS
@given(st.sampled_from(["'MY EX ROOMMATE ROBBED ME BLIND'", "says her brother robbed her blind"]))
def test_robbed_blind_by_someone_gone_is_a_theft_report(robbed: str) -> None:
    d = decide(f"rp: {robbed}. moved out tues while rp at work, took the tv and a ring. no "
               "contact since, no threats, nobody there. wants rpt")
    assert units(d) == {UnitType.cso}


@SETTINGS
@given(st.sampled_from(["TOOK A STAB AT FIXING THE FURNACE FLUE", "had a stab at the wiring"]))
def test_a_stab_at_a_repair_is_no_stabbing(stab: str) -> None:
    d = decide(f"rp sts he {stab} himself, now the co detector is going off, reading 140. "
               "everyone out, no headaches", "CO DETECTOR ACTIVATION")
    assert UnitType.police not in units(d)
    assert UnitType.fire in units(d)


@SETTINGS
@given(st.sampled_from(["'stabbed me in the back' and slept w her bf",
                        "stabbed her in the back, cheated with her sister"]))
def test_a_betrayal_stabbed_in_the_back_with_nobody_hurt_is_no_stabbing(betrayal: str) -> None:
    d = decide(f"rp 28yof crying, sts her best friend {betrayal}. not physically hurt, nobody "
               "would care if she was alive. denies pills or weapons")
    assert units(d) == {UnitType.bcr}


@SETTINGS
@given(st.sampled_from(["('HES ON FIRE TONIGHT')", "'he's on fire today'", "\"she's on fire\""]))
def test_a_player_on_fire_is_praise(praise: str) -> None:
    d = decide(f"rp at grandsons game {praise}, calling bc her mother 88 w dementia wandered off, "
               "found on a bench, wont go home, not hurt", "CHECK WELL-BEING")
    assert UnitType.fire not in units(d)


@SETTINGS
@given(st.sampled_from(["CAME OUT END OF SHIFT AND CHAIN WAS CUT, BIKE GONE",
                        "reviewing cameras from tues, m walked out w a basket of razors",
                        "took the batteries off his generator sometime since fri"]))
def test_a_theft_found_or_seen_later_is_a_report(found: str) -> None:
    assert units(decide(f"{found}. no one around now. wants rpt")) == {UnitType.cso}


@SETTINGS
@given(st.sampled_from(["one car cant move and is blocking the lot entrance",
                        "one car leaking coolant and cant move"]))
def test_a_car_that_cannot_move_is_no_patient(car: str) -> None:
    d = decide(f"fender bender in the lot, nobody hurt, both drivers exchanging info, {car}")
    assert units(d) == {UnitType.traffic_control}


@SETTINGS
@given(st.sampled_from(["GOT BUMPED IN THE SHAWS LOT", "got tapped in the parking garage"]))
def test_a_bump_in_a_parking_lot_is_a_collision_for_traffic(bump: str) -> None:
    d = decide(f"rp sts she {bump}, nobody hurt, both cars drivable, other driver gave his "
               "insurance. would like a report")
    assert units(d) == {UnitType.traffic_control}


@SETTINGS
@given(st.sampled_from(["HIT A DEER", "clipped a moose", "struck a cow"]),
       st.sampled_from(["car stuck half in the eb lane", "car still in my lane wont start"]))
def test_an_animal_struck_with_the_car_left_in_the_road_gets_traffic_control(
        struck: str, car: str) -> None:
    d = decide(f"us-2. rp {struck}, nobody hurt, {car}")
    assert UnitType.traffic_control in units(d)


@SETTINGS
@given(st.sampled_from(["LOOSE BOXER NO COLLAR", "beagle running loose", "a doe got clipped"]))
def test_animals_by_breed_or_kind_get_animal_control(animal: str) -> None:
    assert UnitType.animal_control in units(decide(f"{animal} by the light rail, rp cant catch it"))


@SETTINGS
@given(st.sampled_from(["talking gibberish, right side of face drooping",
                        "type 1, saying weird stuff and getting mean, meter reads 41",
                        "went thru slush, shivering so hard he cant talk right, confused"]))
def test_confusion_with_a_medical_cause_gets_ems_not_the_crisis_team(signs: str) -> None:
    assert units(decide(f"rp sts husb suddenly {signs}")) == {UnitType.ems}
