"""Families of phrasings learnt from unseen call-taker writing: intent said in plain words
beside an ingestion, empty pill bottles, someone low in open water, a body part that
hurts after an assault, idioms built on danger words, violence years back, a call-taker's
question answered no, things that wander or get confused that are not people, a child's
or a party drug's overdose, a victim crying, and wildlife indoors. Each test draws many
members of its family."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from shared.events import UnitType
from tests.unit.triage_family_support import decide, fillers, units

SETTINGS = settings(max_examples=80, deadline=None)


@SETTINGS
@given(st.sampled_from(["swallowed a handful of her seroquel", "took a bunch of his pills",
                        "swallowed most of her lexapro", "took 20 of her xanax"]),
       st.sampled_from(["said 'i want to be done'", "texted 'its done'",
                        "says he wants to be gone", "says she doesnt want to wake up"]),
       fillers)
def test_an_ingestion_with_plain_words_of_intent_is_an_attempt(
        ingestion: str, intent: str, filler: str) -> None:
    d = decide(f"{filler} rp sts gf {ingestion} 10 min ago, {intent}. still awake")
    assert {UnitType.police, UnitType.ems} <= units(d)
    assert "imminent_risk" in d.safety_flags


@SETTINGS
@given(st.sampled_from(["2 empty amitriptyline bottles", "an empty pill bottle",
                        "empty med bottles", "an empty bottle of tylenol",
                        "empty blister packs of benadryl", "3 empty prescription bottles"]),
       st.sampled_from(["next to her", "on the nightstand", "in his room", ""]), fillers)
def test_empty_pill_bottles_beside_someone_get_ems(
        bottles: str, where: str, filler: str) -> None:
    d = decide(f"{filler} rp found brother drowsy, {bottles} {where}")
    assert UnitType.ems in units(d)


@SETTINGS
@given(st.sampled_from(["man", "woman", "someone", "a kid", "W/M 30S", "person"]),
       st.sampled_from(["water", "river", "canal", "lake", "bay"]),
       st.sampled_from(["drifting downstream", "only his head visible", "not swimming",
                        "struggling", "went under twice", "face down and not moving"]))
def test_someone_in_trouble_in_open_water_gets_a_water_rescue(
        who: str, water: str, trouble: str) -> None:
    d = decide(f"RP on the path saw a {who} in the {water}, {trouble}")
    assert {UnitType.fire, UnitType.ems} <= units(d)


@SETTINGS
@given(st.sampled_from(["shoved her into the fridge", "pushed him down the stairs",
                        "punched her", "grabbed her and threw her"]),
       st.sampled_from(["shoulder", "elbow", "jaw", "face", "side", "wrist"]),
       st.sampled_from(["hurts", "really hurts", "is throbbing", "pain"]))
def test_a_body_part_hurting_after_an_assault_gets_ems(
        assault: str, part: str, complaint: str) -> None:
    d = decide(f"RP F 79 whispering, grandson {assault}, he is in the living room now, "
               f"says {part} {complaint}")
    assert {UnitType.police, UnitType.ems} <= units(d)


crisis = st.sampled_from([
    "husb 81 w dementia walked off, neighbor found him, sitting w him on a bench now, not hurt",
    "son 24 hearing voices and crying, calm with mom, no weapons",
])


@SETTINGS
@given(crisis, st.sampled_from([
    "said he was going to shoot the breeze with the fellas",
    "wanted to go shoot some hoops", "was going to shoot pool at the legion",
    "keeps saying hell shoot me a text later",
    "rp says the family group chat blew up about it", "her phone blew up with messages"]))
def test_idioms_built_on_danger_words_raise_nothing(situation: str, idiom: str) -> None:
    d = decide(f"{situation}. {idiom}")
    assert not {"weapon", "violence", "fire"} & set(d.safety_flags)
    assert UnitType.police not in units(d) and UnitType.fire not in units(d)


@SETTINGS
@given(st.sampled_from(["her ex once said he d kill her if she left",
                        "he threatened to stab her", "her father beat her"]),
       st.sampled_from(["that was 5 yrs ago", "that was years ago", "back in 2015",
                        "that was a few years back"]),
       st.sampled_from(["he lives in florida now, no contact", "no contact since"]))
def test_violence_years_back_is_history_not_danger(
        past: str, when: str, since: str) -> None:
    d = decide(f"988 relay: F 30s having flashbacks, cant stop crying. {past} - {when} and "
               f"{since}. denies thoughts of hurting self, no wpns")
    assert "violence" not in d.safety_flags
    assert UnitType.police not in units(d) and UnitType.bcr in units(d)


@SETTINGS
@given(st.sampled_from(["her ex once said he d kill her", "he threatened to stab her"]),
       st.sampled_from(["years ago", "5 yrs ago", "back in 2015"]),
       st.sampled_from(["tonight he is back", "he is here again", "right now he is outside"]))
def test_old_violence_that_is_back_now_keeps_police(
        past: str, when: str, now: str) -> None:
    d = decide(f"rp crying. {past} {when} and {now}")
    assert UnitType.police in units(d)


@SETTINGS
@given(st.sampled_from(["Q ANYONE STILL THERE", "ASKED IF ANYONE IS STILL INSIDE",
                        "Q SUSP STILL ON SCENE", "asked if they are still there"]),
       st.sampled_from([" - 'NO, IM STANDING IN IT'", "? NO", ": no one", " - neg"]))
def test_a_screening_question_answered_no_is_not_a_suspect_on_scene(
        question: str, answer: str) -> None:
    d = decide(f"RP STS garage broken into overnight, 2 bikes gone. {question}{answer}. "
               "NOT HURT", "BURG-GARAGE (COLD)")
    assert "suspect_on_scene" not in d.safety_flags and "in_progress" not in d.safety_flags
    assert UnitType.police not in units(d)


@SETTINGS
@given(st.sampled_from(["2 horses", "cows", "a llama", "3 goats", "loose cattle"]),
       st.sampled_from(["wandering in the lanes", "wandering on the road",
                        "seem confused by the traffic"]))
def test_animals_that_wander_are_not_a_person_in_crisis(animal: str, what: str) -> None:
    d = decide(f"{animal} {what}, cars braking hard, gate looks open")
    assert UnitType.animal_control in units(d) and UnitType.bcr not in units(d)


@SETTINGS
@given(st.sampled_from(["signals dark all directions", "lights out at the intersection"]),
       st.sampled_from(["drivers getting confused", "people are confused",
                        "everyone is confused"]))
def test_confused_drivers_at_a_dark_signal_are_not_a_crisis(signal: str, what: str) -> None:
    d = decide(f"{signal} after the wind, {what}, no crashes yet")
    assert UnitType.traffic_control in units(d) and UnitType.bcr not in units(d)


@SETTINGS
@given(st.sampled_from(["3yo grandson", "toddler", "2 yr old", "child"]),
       st.sampled_from(["got into her pill organizer", "ate some of grandmas bp pills",
                        "got into the tylenol"]),
       st.sampled_from(["child awake and crying", "alert and crying", "crying but breathing ok"]))
def test_a_small_childs_ingestion_is_medical_not_a_crisis(
        who: str, what: str, now: str) -> None:
    d = decide(f"RP grandma. {who} {what}, unk how many. {now}. poison control on line")
    assert UnitType.ems in units(d) and UnitType.bcr not in units(d)


@SETTINGS
@given(st.sampled_from(["took a couple mollys", "ate a bag of thc gummies",
                        "took some molly at the rave"]),
       st.sampled_from(["burning hot to touch, now jerking on the floor",
                        "vomiting, heart pounding, cant stand up",
                        "seizing, friends put him on his side"]))
def test_a_party_drug_overdose_is_an_ems_call(drug: str, now: str) -> None:
    d = decide(f"security at event. m 20s {drug} per friends, {now}")
    assert UnitType.ems in units(d) and UnitType.bcr not in units(d)


@SETTINGS
@given(st.sampled_from(["husb choked her against the fridge", "bf punched her",
                        "he shoved her into the wall"]),
       st.sampled_from(["F CALLER CRYING, ", "victim crying, ", ""]))
def test_a_victim_crying_through_an_assault_is_not_a_crisis(assault: str, crying: str) -> None:
    d = decide(f"{crying}{assault} 5 min ago, she got away, he is in the garage")
    assert UnitType.police in units(d) and UnitType.bcr not in units(d)


@SETTINGS
@given(st.sampled_from(["a bat flying around her bedroom", "bats in the attic",
                        "a raccoon in the kitchen", "an owl in the garage"]), fillers)
def test_wildlife_indoors_goes_to_animal_control(animal: str, filler: str) -> None:
    d = decide(f"{filler} rp woke up to {animal}, closed the door, nobody bitten")
    assert UnitType.animal_control in units(d) and UnitType.police not in units(d)


@SETTINGS
@given(st.sampled_from(["tools", "things", "packages", "tires"]),
       st.sampled_from(["out of my truck bed box", "from the garage", "off the porch"]))
def test_someone_taking_all_of_a_things_is_a_theft_not_an_attempt(
        things: str, where: str) -> None:
    d = decide(f"someone took all the {things} {where} last night, nobody around, need a "
               "case number for insurance")
    assert UnitType.bcr not in units(d) and UnitType.police not in units(d)


@SETTINGS
@given(st.sampled_from(["3 juvs", "some kids", "two teens"]),
       st.sampled_from(["throwing rocks thru the windows", "throwing bricks at the windows",
                        "breaking out the windows"]),
       st.sampled_from(["of the closed school", "of the vacant house", "of the bus shelter"]))
def test_windows_broken_by_thrown_rocks_are_damage_in_progress(
        who: str, what: str, where: str) -> None:
    d = decide(f"{who} {what} {where} right now, still on the playground")
    assert "property" in d.tags and UnitType.police in units(d)


@SETTINGS
@given(st.sampled_from(["mom 84 w dementia", "grandpa with alzheimers", "aunt 70 confused"]),
       st.sampled_from(["keeps saying 'somebody stole my purse, the neighbors robbed me'",
                        "insists the aides are stealing her rings",
                        "is convinced someone took her checkbook",
                        "keeps accusing the staff of stealing"]),
       st.sampled_from(["rp found the purse in the freezer", "nothing is missing per rp",
                        "rp says nothing was taken"]))
def test_a_confused_persons_belief_in_a_theft_is_a_crisis_not_a_robbery(
        who: str, belief: str, truth: str) -> None:
    d = decide(f"rp son. {who} {belief}. {truth}. very agitated, pacing, not hurting anyone")
    assert "violence" not in d.safety_flags
    assert UnitType.police not in units(d) and UnitType.bcr in units(d)


@SETTINGS
@given(st.sampled_from(["somebody stole my purse", "he robbed me", "they took my wallet"]))
def test_a_victim_telling_of_a_theft_is_still_a_theft(what: str) -> None:
    d = decide(f"rp sts '{what}' 2 min ago, suspect ran toward the bus stop")
    assert UnitType.police in units(d)


@SETTINGS
@given(st.sampled_from(["hears voices telling him", "is paranoid that", "believes",
                        "is convinced"]),
       st.sampled_from(["la migra is following him", "the cia keeps following him",
                        "the neighbors are following him"]))
def test_being_followed_as_a_voice_or_fear_tells_it_is_paranoia(cue: str, what: str) -> None:
    d = decide(f"rp sts cousin 19 {cue} {what}, hiding in the bathroom, calm, no wpns in house")
    assert "endangered" not in d.safety_flags
    assert UnitType.police not in units(d) and UnitType.bcr in units(d)


@SETTINGS
@given(st.sampled_from(["a man is following her", "her ex keeps following her",
                        "a car is still following them"]),
       st.sampled_from(["she is scared", "rp is afraid", "not sure who he is"]))
def test_someone_being_followed_now_keeps_police(what: str, feeling: str) -> None:
    d = decide(f"rp sts {what} down lake st, {feeling}")
    assert UnitType.police in units(d)


@SETTINGS
@given(st.sampled_from(["guns were taken out of the house last yr",
                        "his rifles were removed from the home last year",
                        "the pistol was turned in from the house years ago"]))
def test_weapons_taken_out_of_the_home_are_not_at_hand(weapons: str) -> None:
    d = decide(f"rp says her dad 67 up all nite looking for the microchip they put in him. "
               f"hes gentle, never hurt nobody, {weapons}")
    assert "weapon" not in d.safety_flags and UnitType.police not in units(d)


@SETTINGS
@given(st.sampled_from(["poured gasoline all over his porch", "doused the hallway in gas",
                        "is pouring lighter fluid on the couch", "soaked himself in kerosene"]),
       st.sampled_from(["holding a lighter", "says the angels told him to", "no fire yet"]))
def test_an_accelerant_poured_out_gets_fire_before_the_flames(poured: str, then: str) -> None:
    d = decide(f"rp landlord. tenant {poured}, {then}. other tenants still inside")
    assert UnitType.fire in units(d) and UnitType.police in units(d)


@SETTINGS
@given(st.sampled_from(["swallowed the whole bottle of her trazodone",
                        "took a bunch of his pills", "overdosed on her meds"]),
       st.sampled_from(["locked in the bedroom", "barricaded in the bathroom"]))
def test_an_ingestion_behind_a_locked_door_gets_police_and_ems(what: str, where: str) -> None:
    d = decide(f"rp sts wife 41 {where}, yelled thru door she {what}, now not answering")
    assert {UnitType.police, UnitType.ems} <= units(d)


@SETTINGS
@given(st.sampled_from(["his stolen altima", "her kia that was stolen last week",
                        "the stolen truck"]),
       st.sampled_from(["just drove past him", "someone sleeping in the driver seat",
                        "2 teens inside, pulling into the lot"]))
def test_a_stolen_vehicle_seen_now_or_occupied_gets_police(car: str, now: str) -> None:
    d = decide(f"rp found {car}, {now}")
    assert UnitType.police in units(d) and UnitType.cso not in units(d)


@SETTINGS
@given(st.sampled_from(["cyclist down", "hit a lady on a bike", "ran over a kid",
                        "pedestrian down"]),
       st.sampled_from(["leg bent wrong", "arm at a weird angle", "conscious"]))
def test_a_person_hit_by_a_car_gets_ems(what: str, how: str) -> None:
    d = decide(f"'they {what} and just took off' in crosswalk, {how}, driver sb in grn pickup")
    assert UnitType.ems in units(d) and UnitType.police in units(d)


@SETTINGS
@given(st.sampled_from(["robbed my car", "robbed our garage", "robbed the shed",
                        "robbed his truck"]),
       st.sampled_from(["window broken overnight", "found it this am"]))
def test_robbing_a_thing_is_a_burglary_told_loosely(what: str, how: str) -> None:
    d = decide(f"rp: 'somebody {what} last night'. clarified - {how}, speaker taken. nobody "
               "confronted rp, nobody around now")
    assert "violence" not in d.safety_flags and UnitType.police not in units(d)


@SETTINGS
@given(st.sampled_from(["concealed approx 400 dollars of razor blades",
                        "has a shoplifter in the lp office", "detained a juv past the last "
                        "point of sale"]))
def test_a_shoplifter_held_by_store_staff_gets_police_not_a_weapon_flag(what: str) -> None:
    d = decide(f"lp at the store {what}, susp cooperative for now")
    assert "weapon" not in d.safety_flags and UnitType.police in units(d)


@SETTINGS
@given(st.sampled_from(["N SWAN RD", "DEER CREEK DR", "FOX HOLLOW LN", "BEAR VALLEY RD"]))
def test_animal_words_in_street_names_are_not_animals(street: str) -> None:
    d = decide(f"{street} at the crossing, suv stuck in flooded dip, water above the doors")
    assert "animal" not in d.tags and UnitType.fire in units(d)


@SETTINGS
@given(st.sampled_from(["raccoon", "cat", "possum", "goose"]))
def test_an_animal_hissing_is_not_a_gas_leak(animal: str) -> None:
    d = decide(f"txt: theres a {animal} in our kitchen and its hissing at us, we shut the door")
    assert UnitType.fire not in units(d) and UnitType.animal_control in units(d)


@SETTINGS
@given(st.sampled_from(["fire pit going", "bonfire going", "grill going"]),
       st.sampled_from(["thats fine, adults watching it", "its fine, they are tending it"]))
def test_a_tended_fire_pit_said_to_be_fine_is_not_a_fire(fire: str, fine: str) -> None:
    d = decide(f"neighbors have their {fire} in the backyard, {fine}. calling bc their dog "
               "got thru the gate and is growling at her kids, nobody bitten")
    assert UnitType.fire not in units(d) and UnitType.animal_control in units(d)


@SETTINGS
@given(st.sampled_from(["wading into the river", "walking into the lake", "went into the ohio"]),
       st.sampled_from(["fully clothed, up to her waist now", "yelled 'just let me go'",
                        "current is strong, up to his chest"]))
def test_someone_walking_into_deep_water_gets_a_rescue(what: str, how: str) -> None:
    d = decide(f"rp sts w/f {what}, {how}")
    assert UnitType.fire in units(d)


@SETTINGS
@given(st.sampled_from(["ran the generator in the attached garage",
                        "had a charcoal grill going in the living room",
                        "kerosene heater running in the bedroom all night"]),
       st.sampled_from(["cant wake stepmom, dad confused and puking",
                        "both dizzy with bad headaches", "kids vomiting"]))
def test_an_engine_or_fire_burning_indoors_with_symptoms_is_carbon_monoxide(
        source: str, symptoms: str) -> None:
    d = decide(f"ice storm, power out. dad {source}. rp found them, {symptoms}")
    assert {UnitType.fire, UnitType.ems} <= units(d)


@SETTINGS
@given(st.sampled_from(["stepping in front of cars", "darting into traffic",
                        "jumping in front of trucks"]),
       st.sampled_from(["yelling 'hit me'", "arms out", "no coat, in the snow"]))
def test_someone_stepping_into_traffic_is_an_imminent_risk(what: str, how: str) -> None:
    d = decide(f"mult callers - m walking in the travel lanes {what}, {how}")
    assert UnitType.police in units(d) and "imminent_risk" in d.safety_flags


@SETTINGS
@given(st.sampled_from(["walked out the fire exit", "left through the fire door",
                        "parked in the fire lane"]), fillers)
def test_exits_and_lanes_named_after_fire_are_not_fires(what: str, filler: str) -> None:
    d = decide(f"{filler} lp reviewing video from yesterday, w/f filled a cart w electronics "
               f"and {what}. susp not in store today, wants larceny rpt")
    assert UnitType.fire not in units(d) and UnitType.police not in units(d)


@SETTINGS
@given(st.sampled_from(["shot off down the greenway on it", "shot away on it",
                        "shot past the shop on it"]))
def test_shot_off_is_speed_not_a_shooting(what: str) -> None:
    d = decide(f"rp sts his bike was stolen yesterday, a kid {what} before rp got outside. "
               "rp not hurt, calling today for a report")
    assert not {"injury", "weapon", "violence"} & set(d.safety_flags)
    assert UnitType.ems not in units(d) and UnitType.police not in units(d)


@SETTINGS
@given(st.sampled_from(["car still there", "the truck is still parked there",
                        "bike still there"]))
def test_a_thing_still_there_is_not_a_suspect_still_there(what: str) -> None:
    d = decide(f"all 4 tires slashed on rp's civic overnite. found 0730. no idea who, {what}")
    assert "suspect_on_scene" not in d.safety_flags and UnitType.police not in units(d)


@SETTINGS
@given(st.sampled_from(["elderly driver still inside", "driver is still in the van",
                        "occupants still inside"]))
def test_the_driver_of_a_stalled_car_is_not_a_suspect(what: str) -> None:
    d = decide(f"gold minivan stalled in middle ln, hazards on, {what}, no crash, says shes ok")
    assert "suspect_on_scene" not in d.safety_flags
    assert UnitType.traffic_control in units(d)


@SETTINGS
@given(st.sampled_from(["'theres blood all over my car' then clarified its red paint",
                        "'somebody shot my window' - turned out it was a rock",
                        "'they robbed my car' then clarified the window was broken"]))
def test_a_quote_the_caller_corrected_is_not_evidence(what: str) -> None:
    d = decide(f"rp {what}, overnight in the lot. nobody hurt, no one around, wants a report")
    assert not {"injury", "medical_emergency", "weapon", "violence"} & set(d.safety_flags)


@SETTINGS
@given(st.sampled_from(["'the house is on fire, get the children out'",
                        "'theres smoke coming from the walls'"]),
       st.sampled_from(["aide checked every room - no smoke, no fire, stove off",
                        "rp checked, no fire and no smoke anywhere"]))
def test_a_fire_only_the_person_in_crisis_sees_is_not_a_fire(said: str, checked: str) -> None:
    d = decide(f"pt 84yof w dementia keeps saying {said}. {checked}. pacing, agitated, not "
               "hurting anyone")
    assert UnitType.fire not in units(d) and UnitType.bcr in units(d)


@SETTINGS
@given(st.sampled_from(["neighbors r pumping poison gas thru his vents",
                        "the government is sending chemicals through the outlets"]))
def test_poison_gas_pumped_in_by_others_is_a_paranoid_belief(what: str) -> None:
    d = decide(f"rp 66yom sts {what}. utility came out tues found nothing. hasnt slept. no "
               "guns in house")
    assert UnitType.fire not in units(d) and UnitType.bcr in units(d)


@SETTINGS
@given(st.sampled_from(["mal injury to pers prop", "malicious injury to personal property",
                        "injury to real property"]))
def test_injury_to_property_is_damage_not_a_hurt_person(name: str) -> None:
    d = decide(f"mailbox knocked flat sometime last night, noticed this am. req report - {name}")
    assert "injury" not in d.safety_flags and UnitType.ems not in units(d)


@SETTINGS
@given(st.sampled_from(["the gun was a paslode", "the gun was a dewalt framing nailer"]))
def test_a_tool_called_a_gun_is_not_a_weapon(what: str) -> None:
    d = decide(f"contractor sts somebody took a nail gun and saw out of his truck overnight. "
               f"nobody around now. '{what}'. wants a larceny report")
    assert "weapon" not in d.safety_flags and UnitType.police not in units(d)


@SETTINGS
@given(st.sampled_from(["his guns were moved to his brothers in jan",
                        "the rifles were taken to his dads last month"]))
def test_guns_moved_to_a_relatives_are_not_at_hand(what: str) -> None:
    d = decide(f"dairy farmer sitting in the parlor all day saying nothing left to get up for. "
               f"{what}, none on the farm. wants someone to talk to him")
    assert "weapon" not in d.safety_flags and UnitType.police not in units(d)


@SETTINGS
@given(st.sampled_from(["coumadin", "eliquis", "blood thinner", "synthroid"]))
def test_a_medication_taken_twice_is_medical(med: str) -> None:
    d = decide(f"80 yo m sts he took his {med} twice today by mistake, feels ok, wife worried")
    assert UnitType.ems in units(d) and UnitType.police not in units(d)


@SETTINGS
@given(st.sampled_from(["deer", "elk", "dog", "coyote"]),
       st.sampled_from(["still alive trying to get up", "alive on the shoulder"]))
def test_an_animal_struck_by_a_car_gets_animal_control(animal: str, state: str) -> None:
    d = decide(f"i-64 eb, {animal} hit by a car {state}. driver pulled off, shes ok")
    assert UnitType.animal_control in units(d)


@SETTINGS
@given(st.sampled_from(["3 car wreck", "wreck in the center lanes", "bad wreck"]),
       st.sampled_from(["driver has blood all over his face", "woman holding her neck"]))
def test_an_injury_wreck_gets_police_and_ems(what: str, hurt: str) -> None:
    d = decide(f"i-40 wb {what}, {hurt}. everyone out of the cars")
    assert {UnitType.police, UnitType.ems} <= units(d)


@SETTINGS
@given(st.sampled_from(["beating her windshield in with a snow shovel",
                        "bashing the car windows with a bat",
                        "beat in her car door with a rock"]))
def test_damage_by_blows_is_property_damage(what: str) -> None:
    d = decide(f"ex bf in her driveway right now {what}, rp inside w door locked, not hurt")
    assert "property" in d.tags and UnitType.police in units(d)


@SETTINGS
@given(st.sampled_from(["doesnt know where he went", "doesnt know where they moved",
                        "does not know where she took it"]))
def test_not_knowing_where_someone_went_is_not_confusion(what: str) -> None:
    d = decide(f"ex roommate moved out 2 wks ago and took rp's tv. no contact since, {what}. "
               "caller would like a report")
    assert UnitType.bcr not in units(d) and UnitType.police not in units(d)


@SETTINGS
@given(st.sampled_from(["took his ar out of the safe", "grabbed his ak from the closet",
                        "has his ar in his hands"]))
def test_rifles_by_their_shorthand_are_weapons(what: str) -> None:
    d = decide(f"rp sts husb, army vet, having a flashback, {what}, didnt recognize rp")
    assert "weapon" in d.safety_flags and UnitType.police in units(d)


@SETTINGS
@given(st.sampled_from(["going under and coming back up", "went under twice",
                        "rp threw a life ring, cant reach"]))
def test_drowning_as_a_bystander_sees_it_gets_a_water_rescue(what: str) -> None:
    d = decide(f"rp sees a man in the st johns abt 50 yds out hollering for help, {what}")
    assert UnitType.fire in units(d)


@SETTINGS
@given(st.sampled_from(["sunk to his chest in corn inside a grain bin",
                        "buried to her waist in soybeans", "engulfed in grain in the bin"]))
def test_grain_engulfment_gets_a_rescue(what: str) -> None:
    d = decide(f"brother sts m 40s {what} on their farm, auger shut off, rp cant pull him out")
    assert UnitType.fire in units(d)


@SETTINGS
@given(st.sampled_from(["'no puede mover el brazo derecho'", "cara caida de un lado",
                        "no respira bien", "esta inconsciente"]))
def test_chief_complaints_in_spanish_get_ems(what: str) -> None:
    d = decide(f"rp habla espanol - su esposo 55 {what}, empezo hace 20 min")
    assert UnitType.ems in units(d)


@SETTINGS
@given(st.sampled_from(["lip split, front tooth loose", "tooth knocked out",
                        "nose broken and bleeding"]))
def test_a_face_hurt_by_a_punch_gets_ems(what: str) -> None:
    d = decide(f"neighbor came over and punched rp in the mouth, {what}, neighbor went home")
    assert {UnitType.ems, UnitType.police} <= units(d)


@SETTINGS
@given(st.sampled_from(["strong ammonia smell blowing toward his house",
                        "anhydrous tank leaking", "chlorine smell at the pool pump house"]))
def test_farm_and_pool_gases_get_fire(what: str) -> None:
    d = decide(f"farmer sts 2 subjs at his nurse tank right now, {what}")
    assert UnitType.fire in units(d)


@SETTINGS
@given(st.sampled_from(["'the only gun was his granddaddy's and i sold it'",
                        "the rifle was his dads and we gave it away"]))
def test_a_weapon_sold_or_given_away_is_not_at_hand(what: str) -> None:
    d = decide(f"grandson 19 talking to himself, thinks ppl at his job are hacking his phone. "
               f"rp asked abt guns - {what}. hes not violent")
    assert "weapon" not in d.safety_flags and UnitType.police not in units(d)


@SETTINGS
@given(st.sampled_from(["keeps saying 'they're gonna kill us' about a story on the news",
                        "insists 'theyre coming to get me' after a tv show"]))
def test_a_threat_only_the_person_in_crisis_hears_is_not_a_threat(what: str) -> None:
    d = decide(f"rp sts mom 80 w dementia {what}, nobody has actually threatened them, no "
               "wpns. scared and confused")
    assert "violence" not in d.safety_flags and UnitType.police not in units(d)


@SETTINGS
@given(st.sampled_from(["got 'shot up' with paintballs", "got shot up with eggs",
                        "was shot with paintballs"]))
def test_a_car_splattered_with_paintballs_is_damage_not_a_shooting(what: str) -> None:
    d = decide(f"rp sts his car {what} overnight, paint all over the hood. nobody hurt, "
               "nobody around, wants rpt")
    assert not {"weapon", "injury", "medical_emergency"} & set(d.safety_flags)
    assert UnitType.police not in units(d)


@SETTINGS
@given(st.sampled_from(["Manoa Rd", "Sterling St", "Tamarack Ave"]))
def test_a_street_name_is_never_repaired_into_evidence(street: str) -> None:
    d = decide(f"3 pigs in rp's yard on {street} tearing up the lawn, rp inside now")
    assert UnitType.bcr not in units(d)
