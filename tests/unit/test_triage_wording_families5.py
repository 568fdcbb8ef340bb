"""Families of phrasings learnt from unseen call-taker writing, fifth set: shots heard and
someone down, things thrown down at people, a cook's accidental cut, a break-in while the
owner was at a range, "strike a deal", windows shot out with pellets, a load fallen off a
trailer, a gas monitor reading zero, a ball through a back window, a relative taken for a
burglar, "malicious injury" of property, a theft window told as left and back, a dog
bite behind a broken gate; then "SI" only in a clinician's words, a rail climbed on an
overpass, a seizure told as seen, a shove into a cart, an emptied bottle and a goodbye, a
semi that rolled leaking chemicals, a campfire in the grass, the means question answered
no, a veiled threat, a family still in a stalled van, an empty gun cabinet, a mailbox hit
with a bat, medicines taken to work, homework "overdoses", grief at a grave in Spanish,
signals from the towers, and cows through a broken fence. Each test draws many members."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from shared.events import UnitType
from tests.unit.triage_family_support import decide, units

SETTINGS = settings(max_examples=40, deadline=None)


@SETTINGS
@given(
    st.sampled_from(["heard 5-6 shots", "heard several gunshots", "heard 3 or 4 shots"]),
    st.sampled_from(["man lying in the alley not moving", "someone down on the sidewalk"]),
)
def test_shots_heard_and_someone_down_get_police_and_ems(shots: str, down: str) -> None:
    d = decide(f"alley behind the store. rp {shots}, now sees a {down}")
    assert {UnitType.police, UnitType.ems} <= units(d)


@SETTINGS
@given(
    st.sampled_from(
        [
            "throwing bricks down at people",
            "dropping rocks onto cars",
            "hurling bottles at pedestrians",
        ]
    )
)
def test_things_thrown_down_at_people_in_a_crisis_get_police(throwing: str) -> None:
    d = decide(f"m 20s up on the roof yelling at voices and {throwing}", "MENTAL DIST")
    assert {UnitType.police, UnitType.bcr} <= units(d)


@SETTINGS
@given(
    st.sampled_from(
        [
            "cut her hand on her own chef's knife while prepping",
            "slipped cutting fish and sliced his hand w the knife",
            "sliced his thumb with the mandoline",
        ]
    )
)
def test_a_cook_who_cut_themselves_by_accident_gets_ems_and_no_police(cut: str) -> None:
    d = decide(
        f"restaurant kitchen, line cook {cut}, deep cut, bleeding thru towels. accident, "
        "nobody else involved",
        "LACERATION-ACCIDENTAL",
    )
    assert UnitType.ems in units(d)
    assert UnitType.police not in units(d)
    assert UnitType.police in units(decide("cook stabbed the dishwasher with a kitchen knife"))


@SETTINGS
@given(st.sampled_from(["sporting clays range", "shooting range", "gun range"]))
def test_a_break_in_while_the_owner_was_at_a_range_is_a_report(range_: str) -> None:
    d = decide(
        f"rp at the {range_}, while he was out shooting somebody broke into his truck in the "
        "lot, took wallet. staff sts nobody hanging around, sometime in last 2 hrs"
    )
    assert UnitType.cso in units(d)
    assert UnitType.police not in units(d)


@SETTINGS
@given(st.sampled_from(["'strike a deal'", "strike a deal", "struck a deal"]))
def test_striking_a_deal_is_no_blow(deal: str) -> None:
    d = decide(
        f"contractor took $3000 deposit in march, tried to {deal} to finish in may, never "
        "showed. no threats, wants a report",
        "THEFT BY DECEPTION",
    )
    assert UnitType.police not in units(d)


@SETTINGS
@given(
    st.sampled_from(
        ["shot out w/ bb or pellet gun", "shot out with a pellet gun", "shot out by a bb gun"]
    )
)
def test_windows_shot_out_with_pellets_found_later_are_a_damage_report(shot: str) -> None:
    d = decide(f"bus barn: several bus windows {shot}, found at 0545 opening, nobody on the lot")
    assert UnitType.cso in units(d)
    assert UnitType.police not in units(d)


@SETTINGS
@given(st.sampled_from(["round bale", "load of lumber", "ladder", "mattress"]))
def test_a_load_that_fell_off_a_trailer_is_debris_for_traffic_not_a_fall(load: str) -> None:
    d = decide(
        f"{load} fell off a trailer, sitting in left lane us-412 eb, cars swerving, no crash"
    )
    assert UnitType.traffic_control in units(d)
    assert UnitType.ems not in units(d)


@SETTINGS
@given(
    st.sampled_from(["h2s monitor reading zero", "gas meter reads 0", "co detector showing normal"])
)
def test_a_gas_monitor_reading_zero_is_no_gas(monitor: str) -> None:
    d = decide(
        f"grounding wire and brass valves stripped off the tank battery since fri. no leak, "
        f"{monitor}. nobody on the lease now. wants a rpt"
    )
    assert UnitType.fire not in units(d)
    assert UnitType.cso in units(d)


@SETTINGS
@given(
    st.sampled_from(["broke her back window", "broke their back door", "broke my back windshield"])
)
def test_a_ball_that_broke_a_back_window_hurt_nobody(broke: str) -> None:
    d = decide(
        f"baseball from the sandlot {broke} yesterday eve, kids dad apologized, she just "
        "needs a damage rpt for insurance"
    )
    assert UnitType.ems not in units(d)
    assert UnitType.cso in units(d)


@SETTINGS
@given(
    st.sampled_from(["thinks she's a burglar", "thinks hes a thief", "believes they're intruders"])
)
def test_a_relative_taken_for_a_burglar_is_no_burglary(belief: str) -> None:
    d = decide(f"rp sts dad w dementia {belief}, yelling at her, not violent")
    assert "property" not in d.tags


@SETTINGS
@given(st.sampled_from(["MAL INJURY/DESTRUCT PRO", "MALICIOUS INJURY", "MAL INJ PROP"]))
def test_malicious_injury_names_damage_to_property_not_to_a_person(call_type: str) -> None:
    d = decide("brick mailbox knocked over overnight, found 0700, nobody hurt", call_type)
    assert UnitType.ems not in units(d)
    assert UnitType.cso in units(d)


@SETTINGS
@given(st.sampled_from(["left it 1300 back at 1700", "left the bike at 0800, came back 1500"]))
def test_a_theft_window_told_as_left_and_back_is_after_the_fact(window: str) -> None:
    d = decide(f"bike taken from rack outside the library, cable lock cut. {window}. no witnesses")
    assert UnitType.cso in units(d)
    assert UnitType.police not in units(d)


@SETTINGS
@given(st.sampled_from(["gate broken", "fence panel down", "latch broke"]))
def test_a_dog_bite_goes_to_animal_services_whatever_else_the_call_is(damage: str) -> None:
    d = decide(
        f"neighbors dog bit rp's 9yo on the calf, puncture wounds. dog back in its yard, {damage}"
    )
    assert {UnitType.ems, UnitType.animal_control} <= units(d)


@SETTINGS
@given(
    st.sampled_from(
        ["57 renwick ave si", "40 cortelyou ave si", "dijo que si, esta bien", "sí, ya llegó"]
    )
)
def test_si_is_suicidal_ideation_only_in_a_clinicians_words(words: str) -> None:
    d = decide(f"caller would like a report only. bike taken from backyard last week. {words}")
    assert "behavioral_health" not in d.tags
    assert "behavioral_health" in decide("teen w passive SI, no plan or means, crying").tags


@SETTINGS
@given(
    st.sampled_from(
        [
            "outside railing of overpass",
            "outside the rail on the bridge",
            "outside the fence of the parking garage",
        ]
    )
)
def test_someone_outside_a_rail_on_a_height_gets_fire_and_police(where: str) -> None:
    d = decide(f"f 30s {where} i-4 eb, yelling dont come closer. traffic below still moving")
    assert {UnitType.fire, UnitType.police} <= units(d)


@SETTINGS
@given(
    st.sampled_from(
        [
            "shaking on the floor of the train abt 2 min, stopped now",
            "jerking on the ground, has stopped now",
            "convulsing in the aisle",
        ]
    )
)
def test_a_seizure_told_as_the_caller_saw_it_gets_ems(seen: str) -> None:
    assert UnitType.ems in units(decide(f"m 30s {seen}, breathing, confused. operator holding"))


@SETTINGS
@given(
    st.sampled_from(
        [
            "shoved housekeeper into her cart",
            "pushed the clerk into the shelf",
            "slammed his roommate against the wall",
        ]
    ),
    st.sampled_from(["said he'd 'finish her' if she came back", "screaming about demons"]),
)
def test_a_person_shoved_into_something_gets_police(shove: str, then: str) -> None:
    d = decide(f"motel rm 112. guest 40s {shove} and {then}. guest still in room")
    assert UnitType.police in units(d)


@SETTINGS
@given(
    st.sampled_from(["empty bottle of her lithium", "emptied pill bottle of his oxycodone"]),
    st.sampled_from(["got a goodbye text", "she texted goodnight forever"]),
)
def test_an_emptied_bottle_and_words_of_goodbye_are_an_attempt(bottle: str, words: str) -> None:
    d = decide(f"roommate {words}, found her w {bottle}, awake but slurring")
    assert {UnitType.police, UnitType.ems} <= units(d)


@SETTINGS
@given(
    st.sampled_from(["semi rolled on i84 wb", "tanker rolled over on hwy 2"]),
    st.sampled_from(["leaking something that smells like chemicals", "smells like ammonia"]),
)
def test_a_rolled_truck_leaking_chemicals_gets_fire_and_ems(crash: str, leak: str) -> None:
    assert {UnitType.fire, UnitType.ems} <= units(decide(f"txt '{crash}, {leak}, driver in cab'"))


@SETTINGS
@given(
    st.sampled_from(
        [
            "campfire burning and its gotten into the dry grass",
            "burn pile spread into the brush",
            "brush fire",
        ]
    )
)
def test_a_fire_spreading_into_grass_gets_fire(fire: str) -> None:
    assert UnitType.fire in units(decide(f"camper sts someone left a {fire}, abt 20x20 ft"))


@SETTINGS
@given(
    st.sampled_from(
        [
            "Q ANY PILLS/WPNS? 'no nothing like that'",
            "Q ANY MEANS/WPNS: 'no'",
            "asked about guns - no",
        ]
    )
)
def test_the_means_question_answered_no_sends_no_police(answer: str) -> None:
    d = decide(
        f"txt: 'i dont want to be here anymore, cant stop crying' // {answer} // "
        "agrees to someone coming by"
    )
    assert UnitType.bcr in units(d)
    assert UnitType.police not in units(d)


@SETTINGS
@given(
    st.sampled_from(
        ["you'll see what happens when you get home", "you'll regret it", "watch your back"]
    )
)
def test_a_veiled_threat_with_damage_done_gets_police(threat: str) -> None:
    d = decide(
        f"rp sts roommate keeps texting her '{threat}' and she found her car tires "
        "slashed. roommate is at the apt now"
    )
    assert UnitType.police in units(d)


@SETTINGS
@given(st.sampled_from(["family", "kids", "everyone"]))
def test_a_family_still_inside_a_stalled_van_is_traffic_not_a_suspect(who: str) -> None:
    d = decide(
        f"minivan stalled in center lane of turnpike nb, hazards on, {who} still inside, "
        "no injuries. cars swerving around",
        "DISABLED VEH",
    )
    assert UnitType.traffic_control in units(d)


@SETTINGS
@given(st.sampled_from(["rp saw the empty gun cabinet today", "the gun locker is empty"]))
def test_an_empty_gun_cabinet_is_no_weapon_at_hand(seen: str) -> None:
    d = decide(
        f"farmer 55 hasnt left house in a week, told rp 'theres no point anymore'. {seen}. "
        "sitting at kitchen table, not angry"
    )
    assert UnitType.police not in units(d)


@SETTINGS
@given(st.sampled_from(["hit it w/ a bat", "smashed the mailboxes", "attacked her garden gnomes"]))
def test_things_hit_or_attacked_overnight_are_damage_for_a_report(hit: str) -> None:
    d = decide(f"rp sts someone {hit} overnight, 3 other boxes down. no one around. wants report")
    assert UnitType.cso in units(d)
    assert not units(d) & {UnitType.police, UnitType.ems}


@SETTINGS
@given(
    st.sampled_from(["husb took all meds to his work this am", "she moved the pills to her car"])
)
def test_medicines_taken_away_by_the_family_are_no_ingestion(moved: str) -> None:
    d = decide(
        f"ward member crying, wants to go to sleep and not wake up. {moved}, no guns in "
        "home. calm, talking w bishop"
    )
    assert UnitType.bcr in units(d)
    assert not units(d) & {UnitType.police, UnitType.ems}


@SETTINGS
@given(st.sampled_from(["im gonna od on all this homework lol", "gonna overdose on netflix"]))
def test_an_overdose_of_homework_is_a_figure_of_speech(text: str) -> None:
    d = decide(f"rp sts friend texted '{text}'. friend is at the library laughing, took nothing")
    assert UnitType.ems not in units(d)


@SETTINGS
@given(
    st.sampled_from(
        ["no ha comido ni dormido desde que murio mi papa", "goes to his grave every day"]
    )
)
def test_grief_at_a_grave_goes_to_the_crisis_team(grief: str) -> None:
    d = decide(
        f"daughter sts mom 62 '{grief}', today sitting on the ground talking to him at his "
        "grave. no wpns, not hurt"
    )
    assert UnitType.bcr in units(d)
    assert UnitType.police not in units(d)


@SETTINGS
@given(st.sampled_from(["the signal from the towers", "messages from the satellites"]))
def test_signals_from_the_towers_are_a_perception_crisis(belief: str) -> None:
    d = decide(
        f"m 50s walking in circles at the guardhouse talking about {belief}. polite, hands empty"
    )
    assert UnitType.bcr in units(d)


@SETTINGS
@given(st.sampled_from(["6 cows", "3 horses", "a herd of cattle"]))
def test_livestock_out_through_a_broken_fence_is_animal_services(animals: str) -> None:
    d = decide(f"hwy 44. {animals} on the roadway from a broken fence", "LIVESTOCK AT LARGE")
    assert UnitType.animal_control in units(d)
    assert "property" not in d.tags
