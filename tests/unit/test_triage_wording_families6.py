"""Families of phrasings learnt from unseen call-taker writing, sixth set: weapons the
caller says are not there (denied, sold, seized, kept at someone else's house) while a
person in crisis talks of one; "NEG WPNS"; the means question answered no over a list;
an alarm "armed", photos "shot", a flu shot; then the needs rules used to miss: an odour
of gas with a word between, a building "fully involved", burns told by where they are,
a hiker on a ledge, people in the water holding on to a boat, a beating of someone down,
a suspected fracture, a shooting victim told by where the bullet went, violence against
family named without "his" or "her", wildlife by name, a vehicle into a fixed object or
left in a lane, and three figures of speech (a fright "heart attack", fighting one's own
head, a house "shot up" with paint). Each test draws many members."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from shared.events import UnitType
from tests.unit.triage_family_support import decide, fillers, units

SETTINGS = settings(max_examples=40, deadline=None)

CRISES = st.sampled_from([
    "dad 81 w dementia confused and pacing, thinks it is 1975",
    "brother depressed since the divorce, in bed all day, not eating",
    "son 24 hearing voices, says the neighbors are listening thru the walls",
    "husband a vet, flashbacks tonight, hiding in the closet saying we gotta move",
])
WEAPON_TALK = st.sampled_from([
    "keeps asking for his rifle to go hunting",
    "keeps hunting for his pocketknife",
    "says he needs his shotgun for the coyotes",
    "used to be sharp as a knife",
])
WEAPONS_ABSENT = st.sampled_from([
    "NEG WPNS IN HOME",
    "no guns no knives in the house",
    "hasnt owned a gun since the 90s, none in the house",
    "family took all the knives and guns out of the house months ago",
    "rifles were sold last fall, nothing in the home",
    "all his firearms are locked at his buddy's house",
    "dads rifles are locked up at my house and I have the key",
    "police took his guns under a red flag order last year",
    "Q ANY PILLS OR WPNS? 'no, nothing'",
])


@SETTINGS
@given(CRISES, WEAPON_TALK, WEAPONS_ABSENT, fillers)
def test_weapon_talk_in_a_call_that_says_there_are_none_sends_the_crisis_team_alone(
        crisis: str, talk: str, absent: str, filler: str) -> None:
    d = decide(f"RP STS {crisis}. {talk}. {absent}. not aggressive, no threats {filler}")
    assert units(d) == {UnitType.bcr}


@SETTINGS
@given(
    CRISES, WEAPONS_ABSENT,
    st.sampled_from([
        "now he is holding a kitchen knife",
        "he grabbed a knife from the drawer",
        "he went to get the shotgun from the truck",
        "she says he is armed",
        "he has a pistol in his waistband",
    ]),
)
def test_a_weapon_at_hand_keeps_police_whatever_else_the_caller_says_of_weapons(
        crisis: str, absent: str, at_hand: str) -> None:
    d = decide(f"RP STS {crisis}. {absent}. {at_hand}")
    assert {UnitType.police, UnitType.bcr} <= units(d)


@SETTINGS
@given(
    st.sampled_from(["ALARM WAS ARMED WHEN HE LEFT", "he armed the alarm system before work",
                     "security system is still armed"]),
    st.sampled_from(["shed door pried, mower gone", "garage entered, tools taken"]),
)
def test_an_alarm_armed_is_no_weapon_at_a_break_in_found_later(alarm: str, loss: str) -> None:
    d = decide(f"rp came home 1730. {alarm}. {loss}. nobody around, wants a report")
    assert UnitType.police not in units(d)
    assert UnitType.cso in units(d)


@SETTINGS
@given(st.sampled_from(["shooting engagement pics", "shooting wedding photos",
                        "shooting senior portraits", "shooting a music video"]))
def test_photos_shot_are_no_gunfire(shooting: str) -> None:
    d = decide(f"rp was {shooting} at the park, set her camera bag on a bench, 20 min later it "
               "was gone. no one around, needs report for insurance")
    assert UnitType.police not in units(d)


@SETTINGS
@given(st.sampled_from(["flu shot", "covid booster shot", "tetanus shot", "allergy shot"]))
def test_a_dose_given_by_needle_is_no_gunfire_but_its_reaction_gets_ems(dose: str) -> None:
    d = decide(f"rp sts she 'got shot' at the pharmacy 30 min ago, her {dose}, now face "
               "swelling and throat feels tight")
    assert units(d) == {UnitType.ems}


@SETTINGS
@given(
    st.sampled_from(["he", "my brother", "the victim", "her boyfriend"]),
    st.sampled_from(["got shot in the leg", "was shot in the chest", "was stabbed in the side"]),
)
def test_a_person_shot_or_stabbed_gets_police_and_ems(who: str, wound: str) -> None:
    assert {UnitType.police, UnitType.ems} <= units(decide(f"rp sts {who} {wound}"))


@SETTINGS
@given(
    st.sampled_from(["SMELL STRONG GAS", "smells faint gas", "odor of propane",
                     "smell natural gas really bad"]),
    st.sampled_from(["in the back kitchen", "in the basement", "by the water heater"]),
)
def test_an_odour_of_gas_with_words_between_gets_fire(smell: str, where: str) -> None:
    assert UnitType.fire in units(decide(f"staff {smell} {where}, evacuating"))


def test_a_gas_station_smell_is_no_gas_odour() -> None:
    assert UnitType.fire not in units(decide("rp says the store smells of gas station coffee"))


@SETTINGS
@given(st.sampled_from(["TRAILER FULLY INVOLVED", "house is fully engulfed",
                        "garage totally involved", "car engulfed"]))
def test_fire_ground_words_get_fire(words: str) -> None:
    assert UnitType.fire in units(decide(f"mobile home park off the hwy, {words} per rp"))


@SETTINGS
@given(st.sampled_from(["burns on both hands", "burns to his face", "burn on her left arm"]))
def test_burns_told_by_where_they_are_get_ems(burns: str) -> None:
    assert UnitType.ems in units(decide(f"occupant got out, {burns}, rp putting snow on them"))


@SETTINGS
@given(
    st.sampled_from(["hiker stuck on a ledge", "climber stranded on the cliff face",
                     "kid stuck on a rock ledge"]),
    st.sampled_from(["cant go up or down", "no injuries", "phone at 15 percent"]),
)
def test_someone_stuck_on_a_ledge_gets_fire(who: str, more: str) -> None:
    assert UnitType.fire in units(decide(f"olomana trail 3rd peak. {who}, {more}"))


@SETTINGS
@given(st.sampled_from(["hanging onto a flipped jon boat", "clinging to a capsized canoe",
                        "holding onto a log"]))
def test_people_in_the_water_holding_on_get_fire_and_ems(holding: str) -> None:
    d = decide(f"rp on the riverwalk sts 2 men in the river {holding}, current carrying them south")
    assert {UnitType.fire, UnitType.ems} <= units(d)


@SETTINGS
@given(
    st.sampled_from(["kicking him in the head", "stomping on him", "punching her in the face"]),
    fillers,
)
def test_a_beating_of_someone_down_gets_police_and_ems(beating: str, filler: str) -> None:
    d = decide(f"parking lot, 4 teens jumping one kid, he is on the ground and they are "
               f"{beating} {filler}")
    assert {UnitType.police, UnitType.ems} <= units(d)


@SETTINGS
@given(st.sampled_from(["swollen + prob broken", "probably broken", "looks broken",
                        "might be fractured"]))
def test_a_suspected_fracture_after_a_shove_gets_ems(fracture: str) -> None:
    d = decide(f"rp 74f sts nbr shoved her down in the driveway, landed on her wrist, {fracture}")
    assert {UnitType.police, UnitType.ems} <= units(d)


@SETTINGS
@given(
    st.sampled_from(["shoved", "punched", "slapped", "choked"]),
    st.sampled_from(["girlfriend", "his gma", "her grandpa", "wife", "roommate"]),
)
def test_violence_against_family_named_without_an_article_gets_police(verb: str,
                                                                      who: str) -> None:
    d = decide(f"casino security: male {verb} {who} in the parking garage, security has him")
    assert UnitType.police in units(d)


@SETTINGS
@given(st.sampled_from(["bald eagle", "rattlesnake", "feral pigs", "sea lion", "nene",
                        "moose calf", "copperhead"]))
def test_wildlife_named_gets_animal_control(animal: str) -> None:
    d = decide(f"rp sts a {animal} by the shoulder of the road, wont move")
    assert UnitType.animal_control in units(d)


@SETTINGS
@given(
    st.sampled_from(["pickup hit a telephone pole", "suv slammed into a tree",
                     "car crashed into a guardrail"]),
    st.sampled_from(["driver bleeding from the face", "driver says his neck hurts"]),
)
def test_a_vehicle_into_a_fixed_object_with_someone_hurt_gets_police_and_ems(
        crash: str, hurt: str) -> None:
    assert {UnitType.police, UnitType.ems} <= units(decide(f"rt 3. {crash}, {hurt}"))


@SETTINGS
@given(st.sampled_from([
    "car parked in the bus stop for an hour, buses cant pull in",
    "car stuck in the snow berm, rear end sticking into the eb lane",
    "ran out of gas, car half in the lane",
]))
def test_a_vehicle_left_in_the_way_gets_traffic_control(scene: str) -> None:
    assert units(decide(f"{scene}. nobody hurt")) == {UnitType.traffic_control}


@SETTINGS
@given(
    st.sampled_from(["'I like to had a heart attack'", "almost had a heart attack",
                     "nearly had a stroke"]),
    st.sampled_from(["car keyed down both sides", "mailbox smashed", "tires slashed"]),
)
def test_a_fright_told_as_a_heart_attack_at_damage_found_later_is_a_report(
        fright: str, damage: str) -> None:
    d = decide(f"rp sts she {fright} when she seen it this am. {damage}, happened overnight, "
               "no susp. 'im fine just mad'")
    assert units(d) == {UnitType.cso}


@SETTINGS
@given(st.sampled_from(["tired of fighting my own head", "fighting his demons",
                        "keeps fighting her own thoughts"]))
def test_fighting_oneself_is_no_fight(words: str) -> None:
    d = decide(f"pastor sts man 40s in the sanctuary, says he is {words}, voices tell him "
               "he is worthless. calm, asking for help, no wpns")
    assert units(d) == {UnitType.bcr}


@SETTINGS
@given(st.sampled_from(["'SHOT UP' HIS GARAGE DOOR", "shot up her car", "shot up the mailbox"]),
       st.sampled_from(["with paintballs", "with eggs", "with paint"]))
def test_things_shot_up_with_paint_are_damage(shot: str, with_: str) -> None:
    d = decide(f"rp sts someone {shot} last night {with_}, found this am. nobody around, no one "
               "hurt. wants report")
    assert units(d) == {UnitType.cso}


@SETTINGS
@given(st.sampled_from(["MANOA", "KAIMUKI", "WAIPAHU", "MAKIKI"]),
       st.sampled_from([",", ".", ":"]))
def test_a_place_heading_a_narrative_is_never_repaired_into_evidence(place: str,
                                                                    mark: str) -> None:
    d = decide(f"{place}{mark} RP BACK FROM 1 WK TRIP, REAR SLIDER PRIED, LAPTOP GONE. NO ONE "
               "HURT. REQ BURGLARY RPT")
    assert units(d) == {UnitType.cso}


@SETTINGS
@given(st.sampled_from(["STRUCTURE FIRE-MH", "FIRE MH", "MH FIRE", "STRUC FIRE - MH"]))
def test_mh_beside_a_fire_is_a_mobile_home_not_mental_health(call_type: str) -> None:
    d = decide("flames out the roof of a singlewide, unsure if the lady who lives there got out",
               call_type)
    assert UnitType.bcr not in units(d)
    assert {UnitType.fire, UnitType.ems} <= units(d)


@SETTINGS
@given(st.sampled_from(["JUMP CREEK RD", "Jump Rd", "the jump start cables"]))
def test_jump_in_a_name_or_a_tool_is_no_intent(jump: str) -> None:
    d = decide(f"ranch hand cut his thigh w a chainsaw near {jump}, bleeding bad, buddy put a "
               "belt on it", "HEMORRHAGE/LACERATION")
    assert units(d) == {UnitType.ems}


@SETTINGS
@given(st.sampled_from(["amazon shows delivered 1412", "ups tracking says delivered at noon",
                        "the driver's photo shows it delivered"]))
def test_a_package_gone_after_a_confirmed_delivery_is_a_report(delivered: str) -> None:
    d = decide(f"pkg taken off porch, {delivered}, rp home 1730 gone. needs case # for the claim",
               "PETIT LARC")
    assert units(d) == {UnitType.cso}


@SETTINGS
@given(st.sampled_from(["'WE GOT ROBBED'", "says he got robbed", "'i got robbed'"]),
       st.sampled_from(["NOBODY AROUND, NO ONE CONFRONTED HIM", "no one there when he came back"]))
def test_robbed_said_of_a_break_in_found_later_is_a_report(robbed: str, nobody: str) -> None:
    d = decide(f"RP STS {robbed} - storage unit lock cut this am, generator gone. {nobody}")
    assert units(d) == {UnitType.cso}


@SETTINGS
@given(st.sampled_from(["'EXPLODED' AT HER", "exploded at mom", "blew up at her"]))
def test_a_teen_who_exploded_at_a_parent_is_no_explosion(exploded: str) -> None:
    d = decide(f"rp sts 15yo daughter {exploded} over her phone, now locked in bathroom crying, "
               "said 'i wish i wasnt alive'. razors and meds removed last month")
    assert UnitType.fire not in units(d)
    assert UnitType.bcr in units(d)


@SETTINGS
@given(st.sampled_from(["MAILBOX BLOWN APART", "mailbox knocked down", "sign ripped out"]))
def test_things_destroyed_and_found_later_are_damage(damage: str) -> None:
    d = decide(f"rp sts this morning found her {damage}, pieces in the ditch. nobody around, "
               "nobody hurt")
    assert units(d) == {UnitType.cso}


@SETTINGS
@given(st.sampled_from(["TRAMADOL BOTTLE EMPTY", "pill bottle emptied",
                        "her meds bottle all gone"]),
       st.sampled_from(["TEXTED HIS GF GOODBYE", "posted goodbye on snap"]))
def test_an_emptied_bottle_told_bottle_first_with_a_goodbye_is_an_attempt(
        bottle: str, goodbye: str) -> None:
    d = decide(f"mom sts 16yom {goodbye}, mom found her {bottle} in his room, hes hard to wake")
    assert {UnitType.police, UnitType.ems} <= units(d)


@SETTINGS
@given(st.sampled_from(["ATE ABOUT 20 OF THE DOGS CARPROFEN CHEWABLES",
                        "took around 15 of her husbands sleeping pills",
                        "swallowed maybe 10 of the cats pills"]))
def test_a_counted_ingestion_with_an_approximate_count_gets_ems(ingestion: str) -> None:
    assert UnitType.ems in units(decide(f"daughter sts mom 84 {ingestion}. alert for now"))


@SETTINGS
@given(st.sampled_from(["IS TYPE 1, 'TOOK HIS SHOT' BEFORE SUPPER BUT NEVER ATE",
                        "type 2, took her shot and skipped lunch"]),
       st.sampled_from(["NOW SWEATY, SHAKY", "now confused and sweating"]))
def test_a_diabetic_low_told_without_the_word_diabetic_gets_ems_alone(dose: str,
                                                                     signs: str) -> None:
    assert units(decide(f"wife sts husb {dose}, {signs}, talking nonsense")) == {UnitType.ems}
