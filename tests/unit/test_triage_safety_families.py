"""Safety families from crisis-intervention and dispatch practice, each drawn many ways:
weapons a family put out of reach (lethal-means safety) are not at hand, while any weapon
the person still holds or took somewhere keeps police; heights, engines in garages, stuck
elevators and doors that will not open bring fire; serious bleeding brings EMS; pops heard
are shots until someone knows otherwise; a video "shot" is no shooting."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from services.triage.engine import CallFacts, Decision, classify, load_policy
from shared.events import UnitType

POLICY = load_policy()
SETTINGS = settings(max_examples=120, deadline=None)

crisis = st.sampled_from([
    "son is pacing and saying the tv talks about him, not violent.",
    "husband crying in the truck since this morning, says he can't do this anymore.",
    "daughter hasn't slept in 3 days and says the neighbors are watching her.",
])
weapons = st.sampled_from(["guns", "hunting rifle", "handgun", "kitchen knives", "shotgun",
                           "pistol", "rifles", "firearms"])
keepers = st.sampled_from(["rp", "caller", "rp's brother", "the family", "we", "caller's dad",
                           "his case manager"])
secure_verbs = st.sampled_from(["already got", "took", "removed", "gave", "locked up",
                                "got rid of", "moved"])
owners = st.sampled_from(["his", "her", "the", "their"])
places = st.sampled_from(["his dad's", "their uncle's", "rp's brother's", "her mom's",
                          "the gun shop", "a storage unit", "his friend's"])


def decide(narrative: str) -> Decision:
    return classify(CallFacts(call_type=None, narrative=narrative), POLICY)


@SETTINGS
@given(crisis, keepers, secure_verbs, owners, weapons)
def test_weapons_others_put_out_of_reach_are_not_at_hand(
        situation: str, keeper: str, verb: str, owner: str, weapon: str) -> None:
    d = decide(f"{situation} {keeper} {verb} {owner} {weapon} out of the house last month")
    assert "weapon" not in d.safety_flags


@SETTINGS
@given(crisis, owners, weapons, places)
def test_weapons_kept_at_someone_elses_place_are_not_at_hand(
        situation: str, owner: str, weapon: str, place: str) -> None:
    verb = "are" if weapon.endswith("s") else "is"
    d = decide(f"{situation} {owner} {weapon} {verb} at {place}, rp checked")
    assert "weapon" not in d.safety_flags


@SETTINGS
@given(crisis, st.sampled_from(["he", "she", "the subject", "her son", "her husband",
                                "his brother", "their dad"]), owners, weapons,
       st.sampled_from(["out of the safe", "out of the closet", "out of the truck",
                        "with him", "to the backyard"]))
def test_a_weapon_the_person_takes_anywhere_is_at_hand(
        situation: str, who: str, owner: str, weapon: str, where: str) -> None:
    d = decide(f"{situation} {who} took {owner} {weapon} {where}")
    assert "weapon" in d.safety_flags and UnitType.police in d.units


@SETTINGS
@given(crisis, owners, weapons, st.sampled_from(["at his side", "in his hand", "at her head",
                                                 "on the table next to him", "in his lap"]))
def test_a_weapon_beside_the_person_is_at_hand(
        situation: str, owner: str, weapon: str, where: str) -> None:
    verb = "are" if weapon.endswith("s") else "is"
    d = decide(f"{situation} {owner} {weapon} {verb} {where}")
    assert "weapon" in d.safety_flags and UnitType.police in d.units


@SETTINGS
@given(keepers, st.sampled_from(["knives", "kitchen knives", "guns"]),
       st.sampled_from(["a pistol", "a gun", "a knife", "a machete"]))
def test_one_weapon_secured_leaves_another_at_hand(
        keeper: str, secured: str, other: str) -> None:
    d = decide(f"{keeper} locked up the {secured} but he has {other} in his waistband")
    assert "weapon" in d.safety_flags and UnitType.police in d.units


heights = st.sampled_from([
    "standing on the outside of the railing on the {p} bridge",
    "sitting on the ledge of the parking garage with legs over the edge",
    "climbed over the railing on the {p} overpass",
    "perched on the roof edge of the {p} building",
    "says he will jump off the {p} bridge",
])


@SETTINGS
@given(heights, st.sampled_from(["9th st", "main", "river", "county", "old"]))
def test_a_person_on_a_heights_edge_gets_fire_for_the_rescue(place: str, name: str) -> None:
    d = decide(f"W/M 30S {place.format(p=name)}, driver stopped and is talking to him,"
               " says he wants to die")
    assert UnitType.fire in d.units
    assert UnitType.bcr in d.units  # the rescue does not take the crisis team away


@SETTINGS
@given(st.sampled_from(["car", "engine", "truck"]),
       st.sampled_from(["in the garage with the {v} running and the door shut",
                        "{v} is running in the closed garage",
                        "garage door down and the {v} still running"]))
def test_an_engine_running_in_a_closed_garage_gets_fire_and_ems(vehicle: str,
                                                                 scene: str) -> None:
    d = decide(f"rp says her bf is {scene.format(v=vehicle)}, he texted goodbye")
    assert {UnitType.fire, UnitType.ems} <= set(d.units)


@SETTINGS
@given(st.sampled_from(["STUCK ELEVATOR", "stuck elevator", "elevator is stuck",
                        "residents stuck in the elevator"]),
       st.sampled_from(["at the senior hi rise", "in bldg c", "between 6 and 7"]))
def test_a_stuck_elevator_gets_fire(what: str, where: str) -> None:
    assert UnitType.fire in decide(f"{what} {where}, 3 inside, they are ok but hot").units


@SETTINGS
@given(st.sampled_from(["cant get the door open", "can't get the driver's door open",
                        "cannot pry the car door open", "unable to get the doors open"]),
       st.sampled_from(["rollover in the ditch", "car on its roof", "truck on its side"]))
def test_a_vehicle_door_that_will_not_open_gets_fire(door: str, crash: str) -> None:
    d = decide(f"{crash} on hwy 287, someone inside moaning, rp {door}")
    assert UnitType.fire in d.units and UnitType.ems in d.units


@SETTINGS
@given(st.sampled_from(["blood squirting", "blood is pouring out", "spurting blood",
                        "bled through two towels", "deep cut", "sliced his hand open",
                        "cut to the bone"]),
       st.sampled_from(["cutting a bagel", "with a box of glass", "on the table saw",
                        "slicing onions"]))
def test_serious_bleeding_in_lay_words_gets_ems(bleeding: str, how: str) -> None:
    assert UnitType.ems in decide(f"caller {how}, {bleeding}, feeling faint").units


@SETTINGS
@given(st.sampled_from(["heard 5 6 pops", "heard several pops", "heard loud bangs",
                        "hearing popping sounds", "heard what sounded like 3 pops"]),
       st.sampled_from(["near the courts", "out back", "by the gas station"]))
def test_pops_heard_are_shots_until_known_otherwise(heard: str, where: str) -> None:
    d = decide(f"multiple callers {heard} {where}")
    assert "weapon" in d.safety_flags and UnitType.police in d.units


@SETTINGS
@given(st.sampled_from(["shot a video", "shot video", "shot some footage",
                        "shot photos", "shot a commercial"]),
       st.sampled_from(["someone", "a neighbor", "he"]))
def test_a_video_shot_is_no_shooting(shot: str, who: str) -> None:
    d = decide(f"{who} {shot} of the guy who broke her car window last nite, susp long gone,"
               " wants a report")
    assert "injury" not in d.safety_flags and "weapon" not in d.safety_flags
    assert UnitType.ems not in d.units


@SETTINGS
@given(st.sampled_from(["cut it open", "cut open the screen door", "slashed the tires open",
                        "sliced the package open", "cut the lock open"]),
       st.sampled_from(["last weekend", "sometime overnight", "while she was at work"]))
def test_things_cut_open_are_damage_not_injury(what: str, when: str) -> None:
    d = decide(f"rp says someone {what} {when}, nothing taken, nobody there now, wants a"
               " report")
    assert "injury" not in d.safety_flags and UnitType.ems not in d.units


@SETTINGS
@given(st.sampled_from(["INJURY TO PERSONAL PROPERTY", "INJURY TO PERSONAL PROPERT",
                        "INJURY TO REAL PROPERTY", "injury to property"]))
def test_injury_to_property_is_north_carolinas_vandalism(call_type: str) -> None:
    d = classify(CallFacts(call_type=call_type, narrative="car keyed in the deck at work,"
                           " noticed when leaving, rp is home now"), POLICY)
    assert "property" in d.tags and "injury" not in d.safety_flags
    assert UnitType.ems not in d.units


@SETTINGS
@given(st.sampled_from(["CO DETECTOR ACTIVATION", "co alarm activated", "carbon monoxide"
                        " detector went off", "CO ALARM TRIPPED"]),
       st.sampled_from(["zone 3 bedroom hall", "basement", "at 2211 birch hollow"]))
def test_a_carbon_monoxide_alarm_gets_fire(alarm: str, where: str) -> None:
    d = decide(f"ALARM MONITORING - {alarm} {where}, called premise, no answer")
    assert UnitType.fire in d.units


@SETTINGS
@given(st.sampled_from(["chimney is roaring like a jet", "chimney glowing red",
                        "flames coming out of the chimney", "sparks are landing on the roof",
                        "sparks falling on the shed"]),
       st.sampled_from(["at the family camp", "at 14 ridge rd", "at the cabin"]))
def test_a_chimney_fire_told_as_it_looks_gets_fire(what: str, where: str) -> None:
    assert UnitType.fire in decide(f"rp says {what} {where}, he is outside").units


@SETTINGS
@given(st.sampled_from(["fell into the corn bin", "is trapped in the grain bin",
                        "got pulled under in the soybean silo", "buried to his chest"]),
       st.sampled_from(["at the co-op", "at the grain elevator", "on the farm off sr 9"]))
def test_grain_bin_entrapment_gets_fire_and_ems(what: str, where: str) -> None:
    d = decide(f"worker {what} {where}, cant get out, other worker has a rope on him")
    assert {UnitType.fire, UnitType.ems} <= set(d.units)


@SETTINGS
@given(st.sampled_from(["ROLLOVER DETECTED, AIRBAGS DEPLOYED", "crash detected, airbag"
                        " deployed", "FRONT AIRBAGS DEPLOYED"]),
       st.sampled_from(["no voice contact, opr hears moaning", "operator heard groaning",
                        "no answer from the occupants"]))
def test_a_telematics_crash_notification_gets_ems(crash: str, contact: str) -> None:
    d = decide(f"TELEMATICS - {crash}, {contact}. GPS HWY 50 MM 87")
    assert UnitType.ems in d.units


@SETTINGS
@given(crisis, st.sampled_from(["guns are locked at his dad's place", "rifles are locked up at"
                                " his brother's", "the pistol is locked at her mom's"]))
def test_weapons_locked_at_a_relatives_per_safety_plan_are_not_at_hand(
        situation: str, secured: str) -> None:
    d = decide(f"{situation} {secured} per safety plan, dad confirmed")
    assert "weapon" not in d.safety_flags


@SETTINGS
@given(st.sampled_from(["a light moving around inside rp's barn",
                        "flashlights moving in the closed store",
                        "headlamps bouncing around inside the cabin"]),
       st.sampled_from(["the door's open", "nobody should be there", "rp not home"]))
def test_a_light_moving_inside_an_empty_building_gets_police(light: str, why: str) -> None:
    d = decide(f"neighbor called to say theres {light} and {why}. unk who it is")
    assert UnitType.police in d.units and UnitType.cso not in d.units


@SETTINGS
@given(st.sampled_from(["locked the keys in w her 8 month old", "locked her keys in the car"
                        " with the baby", "2 year old locked inside the car",
                        "toddler got locked in the van"]),
       st.sampled_from(["engine running and ac on", "in the sun", "baby crying"]))
def test_a_child_locked_in_a_car_gets_fire_to_open_it(what: str, how: str) -> None:
    d = decide(f"rp {what}, {how}, walmart lot row h")
    assert UnitType.fire in d.units


@SETTINGS
@given(st.sampled_from(["has cut on forehead", "has a cut over eye", "with a gash above her"
                        " eyebrow", "got a split lip"]),
       st.sampled_from(["grandpa hit her w his cane", "passenger hit the driver",
                        "he shoved her into the door"]))
def test_a_cut_to_the_face_after_violence_gets_ems(cut: str, what: str) -> None:
    d = decide(f"{what}, she {cut}, he is still yelling")
    assert UnitType.ems in d.units and UnitType.police in d.units


@SETTINGS
@given(st.sampled_from(["took all the sleeping pills", "swallowed a bottle of her pills",
                        "drank the antifreeze"]),
       st.sampled_from(["because she's done", "says he's done", "cause she is done"]))
def test_an_overdose_taken_because_one_is_done_is_an_attempt_under_way(
        took: str, done: str) -> None:
    d = decide(f"rp says her mom just called slurring, {took} {done}, 20 min ago")
    assert {UnitType.ems, UnitType.police} <= set(d.units)


@SETTINGS
@given(st.sampled_from(["he's done with work", "she is done eating", "says he's done for the"
                        " day"]))
def test_done_with_ordinary_things_is_no_intent(done: str) -> None:
    d = decide(f"caller says her husband took his blood pressure pills, {done}, wants to know"
               " if he can drink")
    assert "imminent_risk" not in d.safety_flags


@SETTINGS
@given(st.sampled_from(["punched our triage RN in the face", "hit the cashier in the head",
                        "headbutted the driver in the mouth", "slapped my mom in the face"]),
       st.sampled_from(["still in the waiting room yelling", "is pacing out front", ""]))
def test_someone_hit_in_the_face_gets_police(act: str, after: str) -> None:
    d = decide(f"pt's brother {act} bc of the wait, {after}")
    assert "violence" in d.safety_flags and UnitType.police in d.units


@SETTINGS
@given(st.sampled_from(["takes insulin, skipped lunch, now sweaty", "diabetic, hasnt eaten,"
                        " confused and shaky", "her blood sugar, she is pale and not making"
                        " sense"]))
def test_a_diabetic_low_told_as_seen_gets_ems(what: str) -> None:
    assert UnitType.ems in decide(f"coworker at the counter, clerk {what}").units


@SETTINGS
@given(st.sampled_from(["detector by the furnace beeping, says CO on the screen",
                        "the alarm thing shows carbon monoxide", "monitor reads CO"]),
       st.sampled_from(["kids have headaches", "baby throwing up", "they are outside now"]))
def test_a_detector_showing_co_gets_fire(detector: str, then: str) -> None:
    assert UnitType.fire in decide(f"rp apt 3a, {detector}, {then}").units


@SETTINGS
@given(st.sampled_from(["took the whole bottle and i have another one",
                        "swallowed an entire bottle, has more in her purse"]))
def test_more_pills_at_hand_after_a_bottle_is_an_attempt_under_way(what: str) -> None:
    d = decide(f"teen f locked in stall told mom '{what}', stomach hurts")
    assert {UnitType.police, UnitType.ems} <= set(d.units)


@SETTINGS
@given(st.sampled_from(["CO DETECTOR IN HALLWAY GOING OFF", "co alarm upstairs beeping",
                        "CO detector in the basement sounding"]),
       st.sampled_from(["2 residents woke up w bad headaches", "furnace kicked on earlier"]))
def test_a_co_detector_going_off_somewhere_gets_fire(alarm: str, then: str) -> None:
    assert UnitType.fire in decide(f"overnight staff at the group home, {alarm}, {then}").units


@SETTINGS
@given(st.sampled_from(["kid through the ice on mill pond", "dog and owner went thru the ice",
                        "man broke through the ice fishing"]),
       st.sampled_from(["holding onto the edge", "30 ft out", "dad trying to reach him"]))
def test_someone_through_the_ice_gets_fire_and_ems(what: str, how: str) -> None:
    d = decide(f"{what}, {how}")
    assert {UnitType.fire, UnitType.ems} <= set(d.units)


@SETTINGS
@given(st.sampled_from(["took a line drive to the side of head", "got hit in the head with a"
                        " bat", "struck on the head by a falling branch"]),
       st.sampled_from(["vision is blurry", "now seeing double", "was dazed, threw up twice"]))
def test_a_blow_to_the_head_gets_ems(blow: str, sign: str) -> None:
    assert UnitType.ems in decide(f"coach says 14yo {blow}, {sign}").units


@SETTINGS
@given(st.sampled_from(["still holding a piece of glass", "has a shard of the mirror",
                        "clutching a chunk of broken glass"]),
       st.sampled_from(["cut both wrists", "cut her arms"]))
def test_self_harm_with_glass_still_in_hand_gets_police_and_ems(held: str, cut: str) -> None:
    d = decide(f"aide at the group home, res broke the mirror and {cut}, bleeding, {held},"
               " wont let staff near")
    assert {UnitType.police, UnitType.ems} <= set(d.units)


@SETTINGS
@given(st.sampled_from(["texted her sister 'im sorry for everything'", "said goodbye to the"
                        " kids"]),
       st.sampled_from(["went into the attached garage, door closed, rp can hear the car"
                        " engine running", "is in the garage, door shut, engine still"
                        " running"]))
def test_goodbye_and_an_engine_in_a_shut_garage_gets_police_fire_and_ems(said: str,
                                                                         garage: str) -> None:
    d = decide(f"rp says wife 44 {said} then {garage}")
    assert {UnitType.police, UnitType.fire, UnitType.ems} <= set(d.units)


@SETTINGS
@given(st.sampled_from(["swung a metal folding chair at 2 other residents", "shoved a volunteer"
                        " into a wall", "threw it at the other guests", "screaming 'ill kill"
                        " every one of you' at staff"]),
       st.sampled_from(["at the shelter", "at the warming center", "in the church basement"]))
def test_violence_against_people_in_a_shelter_gets_police(act: str, where: str) -> None:
    d = decide(f"staff {where}: m resident 30s intox, {act}, still inside")
    assert "violence" in d.safety_flags and UnitType.police in d.units


@SETTINGS
@given(st.sampled_from(["drove into the flooded underpass", "went into the high water at the"
                        " low water crossing", "car stalled in the flooded road"]),
       st.sampled_from(["water up to the windows", "driver on the roof waving",
                        "water over the hood"]))
def test_a_car_in_flood_water_gets_fire(what: str, how: str) -> None:
    assert UnitType.fire in decide(f"rp on the overpass, {what}, {how}").units


@SETTINGS
@given(st.sampled_from(["4-5 cars slid into each other on ice", "multi veh pile up on i-55",
                        "3 vehicles collided in the fog"]),
       st.sampled_from(["one lady bleeding from head", "a man says he cant feel his legs"]))
def test_a_pile_up_with_someone_hurt_gets_police_and_ems(crash: str, hurt: str) -> None:
    d = decide(f"{crash}, {hurt}, all out of vehs")
    assert {UnitType.police, UnitType.ems} <= set(d.units)


@SETTINGS
@given(st.sampled_from(["cant feel his legs", "can't move her arms", "unable to feel his"
                        " feet"]))
def test_losing_feeling_after_a_blow_gets_ems(what: str) -> None:
    d = decide(f"ped struck by a pickup on gateway blvd, lying in the road, says he {what}")
    assert UnitType.ems in d.units
