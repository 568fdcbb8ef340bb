"""Families of phrasings learnt from unseen call-taker writing, third set: weapons handed
to a relative or locked away, a knife used as a tool, a body part swollen after a blow,
an overdose in one sentence and the intent in the next, medicines by their generic names,
shops and breaks named after smoke, a theft window told by the victim's day, things left
inside, animals and livestock on the road, abuse that "used to" happen, threats only the
person in crisis hears, carbon monoxide from a heater in a small space, cold exposure,
technical rescue and a car that slid into a parked one. Each test draws many members."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from shared.events import UnitType
from tests.unit.triage_family_support import decide, fillers, units

SETTINGS = settings(max_examples=60, deadline=None)
crisis = st.sampled_from(["vet having flashbacks, sobbing in the garage",
                          "son hearing voices and crying, calm with mom",
                          "husband panicking, says he feels hopeless, wants someone to talk to"])


@SETTINGS
@given(st.sampled_from(["guns", "rifles", "hunting rifles", "pistols", "firearms"]),
       st.sampled_from(["went to", "were given to", "were turned over to"]),
       st.sampled_from(["his brothers", "his brother s", "his dads", "her uncles", "his cousins",
                        "the sheriff", "his neighbor"]),
       crisis, fillers)
def test_weapons_handed_to_a_relative_leave_a_calm_crisis_to_the_crisis_team(
        weapons: str, went: str, keeper: str, situation: str, filler: str) -> None:
    d = decide(f"{filler} rp sts all his {weapons} {went} {keeper} in june. {situation}")
    assert UnitType.bcr in units(d)
    assert UnitType.police not in units(d)


@SETTINGS
@given(st.sampled_from(["knife is now locked in the truck glovebox",
                        "guns are locked in the gun safe",
                        "the rifle is already locked in the safe",
                        "knife was put away in the lockbox",
                        "gun case behind the seat was empty", "found an empty gun case"]),
       crisis)
def test_a_weapon_locked_away_or_an_empty_case_is_no_weapon_at_hand(
        secured: str, situation: str) -> None:
    d = decide(f"rp sts {situation}. {secured}, not going after anyone")
    assert UnitType.police not in units(d)


@SETTINGS
@given(st.sampled_from(["whittling", "carving", "cleaning fish", "cutting rope", "opening boxes"]),
       st.sampled_from(["pocket knife", "fillet knife", "utility knife", "knife"]),
       st.sampled_from(["his sister", "her mom", "the neighbor", "rp"]))
def test_a_knife_used_as_a_tool_is_no_weapon_until_it_is_turned_on_someone(
        task: str, knife: str, person: str) -> None:
    calm = decide(f"autistic son in a meltdown, was {task} w/ {knife} earlier, screaming, "
                  "not going after anyone")
    assert UnitType.police not in units(calm)
    turned = decide(f"autistic son in a meltdown, was {task} w/ {knife}, now waving it at {person}")
    assert UnitType.police in units(turned)


@SETTINGS
@given(st.sampled_from(["left eye", "her arm", "his jaw", "wrist", "her cheek", "his knee"]),
       st.sampled_from(["swollen", "is swollen shut", "all puffed up", "is swelling"]),
       st.sampled_from(["bf slapped her", "he hit her with a cane", "she got punched"]))
def test_a_body_part_swollen_after_a_blow_gets_ems(part: str, swollen: str, blow: str) -> None:
    d = decide(f"rp calling for sister, {blow} 5 min ago, she is crying, {part} {swollen}")
    assert {UnitType.police, UnitType.ems} <= units(d)


@SETTINGS
@given(st.sampled_from(["swallowed her whole bottle of sertraline", "took 20 of her lorazepam",
                        "drank from a bottle of bug killer", "took a handful of quetiapine",
                        "overdosed on his oxycodone", "drank antifreeze"]),
       st.sampled_from(["she keeps saying she wants to die", "earlier he said he wanted to die",
                        "texted goodbye to her sister", "says she wants to be dead"]))
def test_an_overdose_and_words_of_intent_in_different_sentences_are_an_attempt(
        ingestion: str, intent: str) -> None:
    d = decide(f"txt2911 friend {ingestion} 20 min ago after a fight. {intent}. getting sleepy")
    assert {UnitType.police, UnitType.ems} <= units(d)
    assert "imminent_risk" in d.safety_flags


@SETTINGS
@given(st.sampled_from(["took his meds this morning", "took her usual pills at breakfast"]),
       st.sampled_from(["says he wants to die, no plan, no weapons",
                        "has been saying she wants to die, no plan"]))
def test_the_usual_dose_beside_words_of_intent_is_not_an_attempt(dose: str, intent: str) -> None:
    d = decide(f"rp sts husband {dose}. {intent}")
    assert "imminent_risk" not in d.safety_flags


@SETTINGS
@given(st.sampled_from(["sertraline", "fluoxetine", "citalopram", "lorazepam", "alprazolam",
                        "venlafaxine", "amitriptyline", "quetiapine", "risperidone",
                        "oxycodone", "metoprolol", "carbamazepine", "lamotrigine", "metformin"]))
def test_medicines_by_generic_name_swallowed_in_quantity_get_ems(drug: str) -> None:
    d = decide(f"rp found roommate drowsy, took 30 of her {drug}")
    assert UnitType.ems in units(d)


@SETTINGS
@given(st.sampled_from(["smoke shop", "smoke shop clerk", "smoke break", "smoke and vape"]),
       st.sampled_from(["man pacing and talking to himself outside the",
                        "clerk at the", "rp on her"]))
def test_a_shop_or_a_break_named_after_smoke_is_no_fire(compound: str, where: str) -> None:
    d = decide(f"{where} {compound} sts young male barefoot arguing with someone not there")
    assert UnitType.fire not in units(d)
    real = decide(f"{where} {compound} sts smoke coming from the roof")
    assert UnitType.fire in units(real)


@SETTINGS
@given(st.sampled_from(["bike stolen", "laptop taken from her car", "catalytic converter gone"]),
       st.sampled_from(["while in class 0900-1200", "while at work", "while she was at church",
                        "between 1300 and 1530", "while on vacation"]),
       fillers)
def test_a_theft_window_told_by_the_victim_s_day_is_a_report(
        theft: str, window: str, filler: str) -> None:
    d = decide(f"{filler} rp sts {theft} {window}, cable lock cut and left on the ground")
    assert UnitType.cso in units(d)
    assert UnitType.police not in units(d)


@SETTINGS
@given(st.sampled_from(["new tags on the block wall", "graffiti on the dumpster enclosure",
                        "mailbox knocked over"]),
       st.sampled_from(["since friday", "since last sunday", "since the weekend"]),
       st.sampled_from(["nobody seen", "no one was seen", ""]))
def test_damage_there_since_a_day_is_a_report(damage: str, since: str, seen: str) -> None:
    d = decide(f"business owner sts {damage} {since}, {seen}")
    assert UnitType.police not in units(d)


@SETTINGS
@given(st.sampled_from(["rocks", "bricks", "glass", "the ladder", "paint cans"]),
       st.sampled_from(["still inside", "still in the garage", "still on the floor"]))
def test_things_left_inside_are_not_a_suspect_inside(thing: str, still: str) -> None:
    d = decide(f"someone threw rocks through the greenhouse panels over the weekend, "
               f"found today, {thing} {still}. no susp")
    assert "suspect_on_scene" not in d.safety_flags
    assert UnitType.cso in units(d)


@SETTINGS
@given(st.sampled_from(["loose dog", "brown lab mix", "2 horses", "a cow", "pit bull", "goats"]),
       st.sampled_from(["running in traffic", "running into the road", "wandering in the lanes"]))
def test_an_animal_in_traffic_gets_animal_control_not_a_suicide_response(
        animal: str, where: str) -> None:
    d = decide(f"{animal} {where} w charleston/jones, cars swerving")
    assert UnitType.animal_control in units(d)
    assert UnitType.bcr not in units(d)
    person = decide("man running in traffic yelling at cars, his dog with him")
    assert UnitType.police in units(person)


@SETTINGS
@given(st.sampled_from(["10 head of black angus", "a bunch of holsteins", "6 head of cattle",
                        "some heifers", "3 steers"]),
       st.sampled_from(["out on the gravel road", "in the road", "loose on hwy 12"]))
def test_livestock_out_on_the_road_gets_animal_control(herd: str, where: str) -> None:
    d = decide(f"about {herd} {where}, fence down on the west side, cars having to stop")
    assert UnitType.animal_control in units(d)


@SETTINGS
@given(st.sampled_from(["used to beat her", "used to hit her", "used to choke her"]),
       st.sampled_from(["he has been in prison since 2022", "he moved out of state",
                        "she left him years ago"]),
       st.sampled_from(["cant stop shaking, keeps checking the locks",
                        "panicking, wants someone to talk to"]))
def test_abuse_that_used_to_happen_is_history_not_danger_now(
        abuse: str, since: str, now: str) -> None:
    d = decide(f"rp f 29. her ex {abuse}, {since}. tonight she {now}. alone, no weapons")
    assert UnitType.police not in units(d)
    back = decide(f"rp f 29. her ex {abuse} and now he is outside banging on the door")
    assert UnitType.police in units(back)


@SETTINGS
@given(st.sampled_from(["'the TV people threatened her'", "the voices are going to kill him",
                        "the people in the walls have been threatening her",
                        "the satellites threatened him"]),
       st.sampled_from(["confused about what day it is", "crying, not hurt"]))
def test_a_threat_only_the_person_in_crisis_hears_is_no_threat(threat: str, state: str) -> None:
    d = decide(f"neighbor sts elderly f says {threat}. nobody else in house, she is {state}")
    assert UnitType.police not in units(d)


@SETTINGS
@given(st.sampled_from(["voices telling him to kill", "voices are telling her to hurt",
                        "god told him he has to kill", "the voices say he must stab"]),
       st.sampled_from(["his mom", "the neighbor", "his roommate", "the baby"]))
def test_a_voice_commanding_harm_to_someone_else_gets_police(command: str, who: str) -> None:
    d = decide(f"rp sts son in crisis, {command} {who}")
    assert UnitType.police in units(d)


@SETTINGS
@given(st.sampled_from(["fish house", "ice shack", "tent", "camper", "deer blind"]),
       st.sampled_from(["propane heater going", "kerosene heater running", "generator running"]),
       st.sampled_from(["one vomiting w bad headache", "both dizzy and confused",
                        "other slumped and hard to wake"]))
def test_a_fuel_heater_in_a_small_space_and_symptoms_is_carbon_monoxide(
        place: str, heater: str, symptom: str) -> None:
    d = decide(f"rp found 2 guys inside the {place} w/ {heater}, {symptom}")
    assert {UnitType.fire, UnitType.ems} <= units(d)


@SETTINGS
@given(st.sampled_from(["sitting in a snowbank", "no gloves, 5 below", "minus 20 out, no coat"]),
       st.sampled_from(["shaking hard", "speech slow", "shivering and cant say where he lives",
                        "lips blue"]))
def test_cold_exposure_with_signs_gets_ems(cold: str, sign: str) -> None:
    d = decide(f"rp found elderly man by the bus stop, {cold}, {sign}")
    assert UnitType.ems in units(d)


@SETTINGS
@given(st.sampled_from(["lift stopped 50 min, skiers stranded on chairs",
                        "ferris wheel stuck, kids stranded at the top",
                        "worker stranded on the cell tower", "patrol requests rope rescue",
                        "high angle rescue needed at the quarry"]))
def test_technical_rescue_gets_fire(situation: str) -> None:
    d = decide(f"resort dispatch: {situation}")
    assert UnitType.fire in units(d)


@SETTINGS
@given(st.sampled_from(["slid on the ice into a parked pickup", "spun out into the ditch",
                        "bumped into a parked car"]),
       st.sampled_from(["both drivers trading insurance", "exchanging info"]))
def test_a_car_that_slid_into_another_with_nobody_hurt_is_a_traffic_call(
        slid: str, after: str) -> None:
    d = decide(f"rp s car {slid}. nobody hurt, {after}")
    assert UnitType.traffic_control in units(d)


@SETTINGS
@given(st.sampled_from(["mech failure", "power failure", "brake failure", "heart failure hx"]))
def test_a_machine_s_failure_is_not_distress(failure: str) -> None:
    d = decide(f"rp sts elevator stopped, {failure}, nobody inside")
    assert "behavioral_health" not in d.tags


@SETTINGS
@given(st.sampled_from(["went off LA 1 into the bayou", "ran off hwy 90 into the canal",
                        "slid off the levee road into the marsh", "is sinking", "is submerged"]),
       st.sampled_from(["driver still inside", "rp sees someone banging on the window", ""]))
def test_a_car_gone_into_the_water_gets_a_water_rescue(where: str, inside: str) -> None:
    d = decide(f"car {where}, {inside}")
    assert {UnitType.fire, UnitType.ems} <= units(d)


@SETTINGS
@given(st.sampled_from(["driver already out and standing on high ground",
                        "nobody in the car", "everyone got out"]))
def test_a_car_stalled_in_high_water_with_everyone_out_is_a_traffic_call(out: str) -> None:
    d = decide(f"car stalled in high water under the underpass, {out}, blocking the lane")
    assert UnitType.traffic_control in units(d)
    assert UnitType.fire not in units(d)


@SETTINGS
@given(st.sampled_from(["slammed my head into the door", "bf slammed her head into the wall",
                        "he smashed her face against the counter"]),
       st.sampled_from(["hes in the kitchen now", "he left 5 min ago"]))
def test_a_head_driven_into_something_hard_gets_police_and_ems(blow: str, where: str) -> None:
    d = decide(f"txt 'please send somebody, my husband {blow}, {where}'")
    assert {UnitType.police, UnitType.ems} <= units(d)


@SETTINGS
@given(st.sampled_from(["pocketknife pressed to his own wrist", "box cutter held to her arm",
                        "razor blade against his wrist", "broken glass to her throat"]))
def test_a_blade_held_to_one_s_own_body_is_an_attempt_under_way(means: str) -> None:
    d = decide(f"drunk m crying about his gf leaving, now has a {means}, wont drop it")
    assert UnitType.police in units(d)


@SETTINGS
@given(st.sampled_from(["gonna 'blow up' on tiktok", "going to blow up on instagram",
                        "wants to blow up online"]),
       st.sampled_from(["up 3 nights straight, talking fast", "spent the rent on scratch-offs"]))
def test_going_viral_is_not_a_bomb_threat(viral: str, mania: str) -> None:
    d = decide(f"mom sts son 22 {mania}, says he is {viral}. not violent, no weapons")
    assert UnitType.police not in units(d)


@SETTINGS
@given(st.sampled_from(["stabbed all 4 tires on his truck", "stabbed the seats of her car",
                        "stabbed both tires"]),
       st.sampled_from(["knife still stuck in the back one", "screwdriver left in the tire", ""]))
def test_tyres_stabbed_overnight_are_vandalism_for_a_report(damage: str, left: str) -> None:
    d = decide(f"rp sts somebody {damage} overnight, {left}. nobody around, wants a report "
               "for insurance", "CRIM DAMAGE TO PROP")
    assert UnitType.cso in units(d)
    assert not {UnitType.police, UnitType.ems} & units(d)


@SETTINGS
@given(st.sampled_from(["keeps hollering 'help, police, they're robbing me'",
                        "keeps screaming 'somebody stole my money'"]),
       st.sampled_from(["nothing taken", "rp is the only one in the house",
                        "she has alzheimers"]))
def test_a_theft_a_confused_person_shouts_is_a_symptom(shout: str, check: str) -> None:
    d = decide(f"rp sts her mom 86 {shout} whenever rp bathes her. {check}, mom not hurt")
    assert UnitType.bcr in units(d)
    assert UnitType.police not in units(d)


@SETTINGS
@given(st.sampled_from(["no se donde estoy", "estoy perdida", "cant give address",
                        "unable to give her address"]))
def test_disorientation_in_any_words_gets_the_crisis_team(words: str) -> None:
    d = decide(f"clerk sts f 70s sitting inside, keeps saying '{words}', not hurt")
    assert UnitType.bcr in units(d)
    assert UnitType.police not in units(d)


@SETTINGS
@given(st.sampled_from(["found at opening 0600", "discovered on rounds",
                        "noticed at start of shift", "video shows a flatbed at 0215"]))
def test_a_theft_found_at_opening_or_on_video_is_a_report(when: str) -> None:
    d = decide(f"yard supervisor sts fence cut, copper wire missing. {when}. yard empty now")
    assert UnitType.cso in units(d)
    assert UnitType.police not in units(d)


@SETTINGS
@given(st.sampled_from(["after the fire alarm test", "during the fire drill",
                        "because of the fire alarm testing"]))
def test_a_fire_alarm_test_is_no_fire(when: str) -> None:
    d = decide(f"rp sts 14yo autistic son melting down at the food court {when}, screaming "
               "and covering ears, not hurting anyone")
    assert UnitType.fire not in units(d)
    assert UnitType.bcr in units(d)


@SETTINGS
@given(st.sampled_from(["walking out on thin ice", "heading toward the open water",
                        "standing on thin ice", "ice is cracking under him"]))
def test_someone_out_on_ice_that_may_not_hold_gets_an_ice_rescue(where: str) -> None:
    d = decide(f"rp can see her friend {where} approx 100 yds out")
    assert UnitType.fire in units(d)


@SETTINGS
@given(st.sampled_from(["manure pit", "septic tank", "grain bin", "manhole", "silo"]),
       st.sampled_from(["collapsed", "went down", "is not moving"]))
def test_a_person_down_in_a_pit_or_tank_gets_fire_for_the_gas(place: str, down: str) -> None:
    d = decide(f"farmhand climbed down into the {place} to unclog the pump and {down}")
    assert {UnitType.fire, UnitType.ems} <= units(d)


@SETTINGS
@given(st.sampled_from(["'got shot up' overnight - paintballs all over the walls",
                        "got shot up overnight, eggs all over the siding"]))
def test_a_shed_shot_up_with_paintballs_is_vandalism(shot: str) -> None:
    d = decide(f"rps ice shanty {shot}. nothing taken, nobody out there now")
    assert UnitType.cso in units(d)
    assert UnitType.police not in units(d)


@SETTINGS
@given(st.sampled_from(["today is 10 yrs since she was assaulted",
                        "it has been 3 years since he was attacked"]),
       st.sampled_from(["cant stop crying, needs a person to talk to",
                        "feels hopeless, home alone and safe"]))
def test_an_anniversary_of_an_assault_is_history(anniversary: str, now: str) -> None:
    d = decide(f"f 30s sts {anniversary}. she {now}. nobody is hurting her now")
    assert UnitType.police not in units(d)


@SETTINGS
@given(st.sampled_from(["ventana rota y cigarrillos robados", "le robaron la bicicleta",
                        "rompieron el vidrio del carro"]),
       st.sampled_from(["al abrir a las 0600", "cuando llego esta manana"]),
       st.sampled_from(["no hay nadie adentro", "ya se fueron"]))
def test_a_report_told_in_spanish_is_a_report(what: str, when: str, nobody: str) -> None:
    d = decide(f"via interp spanish. dueno reporta {what} {when}. '{nobody}'")
    assert "property" in d.tags
    assert UnitType.police not in units(d)


@SETTINGS
@given(st.sampled_from(["went back in", "still in there", "subjs inside"]))
def test_people_seen_going_back_into_a_vacant_building_are_there_now(there: str) -> None:
    d = decide(f"neighbor sts 2 m carried copper pipe out of the boarded-up house, {there}",
               "VACANT BLDG")
    assert UnitType.police in units(d)
    assert UnitType.cso not in units(d)


@SETTINGS
@given(st.sampled_from(["15 holstein heifers", "a herd of cattle", "some horses"]),
       st.sampled_from(["farmer not answering his phone", "owner not answering"]))
def test_loose_livestock_with_an_owner_unreachable_is_not_a_welfare_check(
        herd: str, owner: str) -> None:
    d = decide(f"approx {herd} out on cty hwy k, fence down, {owner}", "LOOSE LIVESTOCK")
    assert UnitType.animal_control in units(d)
    assert UnitType.bcr not in units(d)


@SETTINGS
@given(st.sampled_from(["laying across his boys grave", "sitting by her husbands headstone",
                        "sleeping on the grave"]),
       st.sampled_from(["keeps saying 'i shoulda been the one driving'", "wont talk much"]))
def test_grief_at_a_grave_gets_the_crisis_team(where: str, words: str) -> None:
    d = decide(f"caretaker sts m 40s {where} since daylight, {words}. calm, no wpns seen")
    assert UnitType.bcr in units(d)
    assert UnitType.police not in units(d)


@SETTINGS
@given(st.sampled_from(["gonna drive off the mountain on purpose", "going to drive his truck "
                        "off the cliff", "says he will crash into a tree"]))
def test_a_plan_to_crash_on_purpose_is_imminent(plan: str) -> None:
    d = decide(f"txt from 15yom: 'my dad is real drunk and {plan}. he just left'")
    assert UnitType.police in units(d)


@SETTINGS
@given(st.sampled_from(["kitchen knife", "razor blade", "box cutter", "piece of glass"]),
       st.sampled_from(["to her wrist", "against his throat", "pressed to her arm"]))
def test_a_blade_held_to_the_body_gets_police_and_ems(blade: str, where: str) -> None:
    d = decide(f"lifeline relay: caller holding a {blade} {where}, said 'its time'")
    assert {UnitType.police, UnitType.ems} <= units(d)


@SETTINGS
@given(st.sampled_from(["hip", "knee", "shoulder", "chest"]))
def test_someone_down_and_holding_a_body_part_after_a_shove_gets_ems(part: str) -> None:
    d = decide(f"m shoved the piano player off the bench, shes 70s on the floor holding her {part}")
    assert {UnitType.police, UnitType.ems} <= units(d)


@SETTINGS
@given(st.sampled_from(["came back after 5 hrs to find", "got back from the hike and found",
                        "walked out at lunch to see"]),
       st.sampled_from(["driver window busted, purse gone", "the tailgate stolen"]))
def test_coming_back_to_find_a_theft_is_a_report(back: str, what: str) -> None:
    d = decide(f"trailhead lot, hikers {back} {what}. nobody else in lot")
    assert UnitType.cso in units(d)
    assert UnitType.police not in units(d)


@SETTINGS
@given(st.sampled_from(["aint nobody up there now", "aint no one around"]),
       st.sampled_from(["looks like it was a while ago", "happened a few days ago"]))
def test_old_damage_with_nobody_there_in_dialect_is_a_report(nobody: str, when: str) -> None:
    d = decide(f"4 headstones pushed over, 1 broke in half. {nobody}, {when}")
    assert UnitType.cso in units(d)
    assert UnitType.police not in units(d)


@SETTINGS
@given(st.sampled_from(["took his big poplar and oak", "cut his walnut trees",
                        "logged his hardwoods"]))
def test_timber_taken_over_a_line_is_a_theft(took: str) -> None:
    d = decide(f"loggers cut over his line and {took}, found the stumps today, crew pulled out "
               "last month")
    assert "property" in d.tags
    assert UnitType.police not in units(d)


@SETTINGS
@given(st.sampled_from(["winching his side by side onto a flatbed", "loading her mower onto a "
                        "trailer", "digging sang on his posted land"]))
def test_property_carried_off_right_now_is_a_theft_in_progress(act: str) -> None:
    d = decide(f"neighbor texted rp somebody is {act} right now, rp dont know them")
    assert "property" in d.tags
    assert UnitType.police in units(d)
    assert UnitType.cso not in units(d)


@SETTINGS
@given(st.sampled_from(["car washed off the low water bridge", "truck swept downstream"]),
       st.sampled_from(["f standing on the roof", "man sitting on the roof"]))
def test_someone_on_a_car_roof_in_moving_water_is_a_water_rescue(car: str, roof: str) -> None:
    d = decide(f"{car}, {roof}, water coming up fast")
    assert UnitType.fire in units(d)
    assert "behavioral_health" not in d.tags


@SETTINGS
@given(st.sampled_from(["went over the hillside", "rolled down the embankment"]),
       st.sampled_from(["driver yelling he cant get out", "she cant get out"]))
def test_a_car_over_a_hillside_with_someone_trapped_gets_fire_ems_and_police(
        went: str, trapped: str) -> None:
    d = decide(f"car {went} on rt 10 abt 40 ft down against a tree, rp can hear the {trapped}")
    assert {UnitType.fire, UnitType.ems, UnitType.police} <= units(d)


@SETTINGS
@given(st.sampled_from(["car parked across her driveway, she cant get out for work",
                        "homecoming crowd parked down both sides, rp cant get out her driveway"]))
def test_a_blocked_driveway_is_a_traffic_call_not_an_entrapment(blocked: str) -> None:
    d = decide(f"{blocked}, nobody sick right now")
    assert UnitType.traffic_control in units(d)
    assert UnitType.fire not in units(d)


@SETTINGS
@given(st.sampled_from(["revving his chainsaw at rp", "swinging a shovel at her",
                        "said 'ill cut you down same as these trees'"]))
def test_a_tool_brandished_or_a_threat_in_the_speaker_s_words_gets_police(threat: str) -> None:
    d = decide(f"line fence dispute. neighbor came across the line {threat}")
    assert UnitType.police in units(d)


@SETTINGS
@given(st.sampled_from(["shot a video on her phone of a man breaking into her car",
                        "shot some footage of two guys breaking in"]))
def test_a_video_of_a_break_in_yesterday_is_a_report(video: str) -> None:
    d = decide(f"rp {video} yesterday evening, he left in a black jeep. she is home now, "
               "wants a report", "B&E VEH-RPT ONLY")
    assert UnitType.cso in units(d)
    assert UnitType.police not in units(d)


@SETTINGS
@given(st.sampled_from(["swole up", "peekin out the curtains", "hollered at em"]))
def test_dialect_words_are_not_repaired_into_danger(word: str) -> None:
    d = decide(f"rp sts her hand {word} this morning, wants to talk to someone")
    assert UnitType.police not in units(d)
    assert "property" not in d.tags
