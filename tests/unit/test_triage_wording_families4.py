"""Families of phrasings learnt from unseen call-taker writing, fourth set: Spanish with
its accents, a crash and its pain in Spanish, a ligature tied up beside words of intent,
a walk onto the ice toward open water, a vehicle that hit an animal with someone hurt, a
child held out over a balcony, harm promised the moment help arrives, things (not people)
knocked out, a past assault with its year, an old bullet fragment, fireworks shot off, a
person who blew up at someone, water stolen through the walls, weapons locked in an
outbuilding or sold, the ways a theft found later is told, fuel siphoned and wheels
pulled, the breakdown lane, and a diabetic low. Each test draws many members."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from shared.events import UnitType
from tests.unit.triage_family_support import decide, fillers, units

SETTINGS = settings(max_examples=40, deadline=None)
calm_crisis = st.sampled_from(
    [
        "vet hiding in the closet shaking, says they're inside the wire",
        "son hearing voices, crying in his room",
        "dad w dementia up all night looking for his old army unit",
    ]
)


@SETTINGS
@given(
    st.sampled_from(
        [
            ("está herida", "esta herida"),
            ("le duele el estómago", "le duele el estomago"),
            ("salió lastimado", "salio lastimado"),
            ("no respira", "no respira"),
        ]
    ),
    fillers,
)
def test_spanish_reads_the_same_with_or_without_its_accents(
    pair: tuple[str, str], filler: str
) -> None:
    accented, plain = pair
    with_accents = decide(f"{filler} txt en español: mi mamá {accented}")
    without = decide(f"{filler} txt en espanol: mi mama {plain}")
    assert UnitType.ems in units(with_accents)
    assert units(with_accents) == units(without)


@SETTINGS
@given(
    st.sampled_from(["choque en", "chocaron en", "accidente de carro en"]),
    st.sampled_from(
        ["le duele el cuello", "le duelen las piernas", "esta lastimada", "le duele mucho el pecho"]
    ),
)
def test_a_crash_told_in_spanish_with_someone_in_pain_gets_ems(crash: str, pain: str) -> None:
    d = decide(f"txt 911: '{crash} la 10 y main, la señora del otro carro {pain}' // 2 veh")
    assert UnitType.ems in units(d)
    assert "traffic" in d.tags


@SETTINGS
@given(
    st.sampled_from(["rope", "belt", "extension cord", "noose"]),
    st.sampled_from(
        [
            "tied to the beam",
            "hung from the rafters",
            "tied to the closet rod",
            "thrown over a tree branch",
        ]
    ),
    st.sampled_from(
        ["he says hes doing it now", "she says she wants to die", "texted goodbye to his sister"]
    ),
)
def test_a_ligature_tied_up_beside_words_of_intent_gets_ems_and_police(
    ligature: str, where: str, intent: str
) -> None:
    d = decide(f"txt from sister: brother sent a pic of a {ligature} {where} in his shop. {intent}")
    assert {UnitType.ems, UnitType.police} <= units(d)


@SETTINGS
@given(
    st.sampled_from(["rope", "chain", "strap"]),
    st.sampled_from(["tied to the tree branch for a swing", "hung from the oak for a tire swing"]),
)
def test_a_rope_tied_up_for_a_swing_sends_no_ambulance(ligature: str, where: str) -> None:
    assert UnitType.ems not in units(
        decide(f"rp sts kids have a {ligature} {where}, neighbor complaining about noise")
    )


@SETTINGS
@given(
    st.sampled_from(
        [
            "walk out on the ice",
            "walking out on the river ice",
            "went out on the ice",
            "wandering across the ice",
        ]
    ),
    st.sampled_from(
        ["let me go i want to be done", "she wants to be gone", "says he wants to die"]
    ),
)
def test_a_walk_toward_open_water_with_words_of_intent_gets_fire_police_and_the_crisis_team(
    walk: str, words: str
) -> None:
    d = decide(f"caller watching w/f {walk} toward the open water, yelling '{words}'")
    assert {UnitType.fire, UnitType.police, UnitType.bcr} <= units(d)


@SETTINGS
@given(
    st.sampled_from(["car", "pickup", "suv", "driver"]),
    st.sampled_from(["hit a moose", "struck a deer", "hit an elk", "plowed into a cow"]),
    st.sampled_from(
        [
            "driver has glass cuts on his face",
            "passenger says her neck hurts",
            "driver bleeding from the arm",
        ]
    ),
)
def test_a_vehicle_that_hit_an_animal_with_someone_hurt_is_an_injury_crash(
    vehicle: str, struck: str, hurt: str
) -> None:
    d = decide(f"hwy mile 104. {vehicle} {struck}, windshield caved in, {hurt}. animal dead")
    assert {UnitType.police, UnitType.ems, UnitType.animal_control} <= units(d)


@SETTINGS
@given(st.sampled_from(["deer", "dog", "moose calf", "fox"]), fillers)
def test_an_animal_hit_in_the_road_with_nobody_hurt_is_animal_services_not_a_welfare_check(
    animal: str, filler: str
) -> None:
    d = decide(
        f"{filler} {animal} hit by a car lying in the road, still alive, cars going around it"
    )
    assert UnitType.animal_control in units(d)
    assert UnitType.bcr not in units(d)


@SETTINGS
@given(
    st.sampled_from(
        [
            "holding the baby out on the balcony",
            "dangling her infant over the railing",
            "holding his toddler out the window",
        ]
    ),
    st.sampled_from(
        ["says she has to give it back to god", "hasnt slept in days", "says the baby is not hers"]
    ),
)
def test_a_child_held_out_over_a_fall_gets_police(holding: str, crisis: str) -> None:
    d = decide(f"rp sts sister in law {crisis}, {holding} and wont come in")
    assert UnitType.police in units(d)


@SETTINGS
@given(
    st.sampled_from(["she'll take those too", "he will cut again", "she says she'll jump"]),
    st.sampled_from(["if anyone comes", "if the police show up", "when the ambulance gets here"]),
)
def test_harm_promised_the_moment_help_arrives_gets_police(promise: str, when: str) -> None:
    d = decide(f"roommate took a bottle of tylenol 1 hr ago, vomiting. {promise} {when}")
    assert {UnitType.police, UnitType.ems} <= units(d)


@SETTINGS
@given(
    st.sampled_from(["3 fence panels", "two windows", "the porch lights", "some boards"]),
    st.sampled_from(["knocked out", "were knocked out", "got knocked out"]),
)
def test_things_knocked_out_send_no_ambulance_and_a_person_knocked_out_does(
    things: str, knocked: str
) -> None:
    found = decide(f"rp found {things} {knocked} this am, thinks it was kids, nobody around")
    assert UnitType.ems not in units(found)
    assert UnitType.ems in units(decide(f"bar fight, man {knocked} cold on the floor"))


@SETTINGS
@given(
    st.sampled_from(
        [
            "assaulted back in 2019",
            "attacked 5 years ago",
            "raped in 2015",
            "mugged a few years ago",
        ]
    ),
    st.sampled_from(
        ["tonight i cant stop shaking", "tonight she keeps reliving it", "today he is panicking"]
    ),
)
def test_a_past_assault_with_its_year_keeps_a_calm_crisis_with_the_crisis_team(
    past: str, now: str
) -> None:
    d = decide(f"txt2911: 'i was {past} and {now}. hes in prison. i dont want to hurt myself'")
    assert UnitType.bcr in units(d)
    assert UnitType.police not in units(d)


def test_an_assault_tonight_still_gets_police() -> None:
    assert UnitType.police in units(decide("txt2911: 'i was assaulted tonight, he is outside'"))


@SETTINGS
@given(
    st.sampled_from(
        [
            "an old bullet fragment in his shoulder from vietnam",
            "old shrapnel wounds",
            "shrapnel fragments in his leg from iraq",
        ]
    ),
    st.sampled_from(["crushing chest pain", "short of breath", "dizzy and pale"]),
)
def test_an_old_war_wound_is_a_medical_history_not_a_gun(wound: str, complaint: str) -> None:
    d = decide(f"rp wife, husb 76 has {wound}, now c/o {complaint}. no recent injury")
    assert UnitType.ems in units(d)
    assert UnitType.police not in units(d)


@SETTINGS
@given(
    st.sampled_from(["shooting off cohetes", "shooting off fireworks", "shoots off firecrackers"]),
    calm_crisis,
)
def test_fireworks_shot_off_are_no_weapon(fireworks: str, crisis: str) -> None:
    d = decide(f"neighbors {fireworks}. wife calling, {crisis}. no weapons, not angry at anyone")
    assert UnitType.police not in units(d)


@SETTINGS
@given(
    st.sampled_from(["son 13", "she", "husband", "teen"]),
    st.sampled_from(["'blew up' when", "blew up at mom when", "blew up over"]),
)
def test_a_person_who_blew_up_at_someone_lost_their_temper_and_nothing_exploded(
    who: str, blew: str
) -> None:
    d = decide(
        f"rp mom sts {who} {blew} she took the xbox, now crying in room. nobody hurt, "
        "no wpns, wants someone to talk to him"
    )
    assert UnitType.fire not in units(d)
    assert UnitType.bcr in units(d)


@SETTINGS
@given(
    st.sampled_from(
        [
            "stealing her water through the pipes",
            "stealing his thoughts through the tv",
            "taking her electricity thru the walls",
        ]
    )
)
def test_water_or_thoughts_stolen_through_the_walls_is_a_belief_not_a_theft(stolen: str) -> None:
    d = decide(
        f"neighbor concerned abt 70s f, covered her windows w cardboard, yells that the "
        f"neighbors are {stolen}. never threatened anyone"
    )
    assert "property" not in d.tags
    assert UnitType.police not in units(d)


@SETTINGS
@given(
    st.sampled_from(
        [
            "guns locked in safe and she has the only key",
            "rp locked all the rifles and knives in the shop",
            "no guns in the house, sold them all in 2015",
            "used to have guns but we took every one out of the house last year",
        ]
    ),
    calm_crisis,
)
def test_weapons_locked_in_an_outbuilding_or_sold_are_no_weapon_at_hand(
    secured: str, crisis: str
) -> None:
    d = decide(f"rp sts {crisis}. {secured}. not aggressive")
    assert UnitType.bcr in units(d)
    assert UnitType.police not in units(d)


def test_a_person_locked_in_with_a_rifle_still_gets_police() -> None:
    d = decide("son locked himself in the garage with his rifle, says he wants to die")
    assert UnitType.police in units(d)


@SETTINGS
@given(
    st.sampled_from(
        [
            "laptops missing from the conf room",
            "catalytic converter cut off my truck",
            "portable bldg tagged",
        ]
    ),
    st.sampled_from(
        [
            "since fri",
            "over weekend",
            "found monday am",
            "during 3rd shift, only found out when i started it",
            "rp only saw the video at 0800",
        ]
    ),
)
def test_a_theft_found_later_is_a_report_for_the_report_taker(what: str, when: str) -> None:
    d = decide(f"{what} {when}. no one susp on scene")
    assert UnitType.cso in units(d)
    assert UnitType.police not in units(d)


@SETTINGS
@given(st.sampled_from(["45 min ago", "an hour ago", "35 minutes ago"]))
def test_a_shoplifter_long_gone_with_video_is_a_report(ago: str) -> None:
    d = decide(
        f"lp reports w/m left w approx $80 razors {ago}, goa sb woodward. has video, "
        "just needs a report #",
        "RETAIL FRAUD 3RD",
    )
    assert UnitType.cso in units(d)
    assert UnitType.police not in units(d)


@SETTINGS
@given(st.sampled_from(["5 min ago", "less than a min ago", "10 minutes ago"]))
def test_a_car_stolen_minutes_ago_gets_police(ago: str) -> None:
    d = decide(f"rp left her outback running, w/m jumped in and drove off nb {ago}")
    assert UnitType.police in units(d)
    assert UnitType.cso not in units(d)


@SETTINGS
@given(
    st.sampled_from(
        [
            "heating oil tank went from half to empty over the weekend, cut hose",
            "someone siphoned the diesel out of his dozer",
            "gas drained from the company trucks",
        ]
    )
)
def test_fuel_siphoned_is_a_theft(what: str) -> None:
    d = decide(f"rp sts {what}. found this am, nobody around. wants rpt")
    assert "property" in d.tags
    assert UnitType.cso in units(d)


@SETTINGS
@given(
    st.sampled_from(
        [
            "3 subjects on the lot now jacking up pickups and pulling wheels",
            "f 20s put 2 bottles of whiskey in her coat, still in store",
            "hay un señor metiéndose por la ventana de mi vecina",
        ]
    )
)
def test_a_theft_under_way_is_tagged_property_and_gets_police(what: str) -> None:
    d = decide(what)
    assert "property" in d.tags
    assert UnitType.police in units(d)


@SETTINGS
@given(st.sampled_from(["in the breakdown lane", "pulled into the breakdown lane"]), fillers)
def test_the_breakdown_lane_is_the_roads_shoulder_not_a_crisis(lane: str, filler: str) -> None:
    d = decide(f"{filler} caller ran out of gas on i-295 nb, {lane}, hazards on, nobody hurt")
    assert UnitType.bcr not in units(d)
    assert UnitType.traffic_control in units(d)


@SETTINGS
@given(st.sampled_from(["cant tell where its from", "can't tell where it's coming from"]))
def test_smoke_whose_source_is_unclear_is_a_fire_not_a_confused_person(unclear: str) -> None:
    d = decide(f"apt bldg, smoke coming out of a basement window, {unclear}, residents coming out")
    assert UnitType.fire in units(d)
    assert UnitType.bcr not in units(d)


@SETTINGS
@given(st.sampled_from(["not acting like himself", "acting strange", "not making sense"]))
def test_a_diabetic_low_is_medical_not_a_crisis(behaviour: str) -> None:
    d = decide(f"husb type 1 diabetic took his insulin then didnt eat, now sweating, {behaviour}")
    assert UnitType.ems in units(d)
    assert UnitType.bcr not in units(d)


@SETTINGS
@given(
    st.sampled_from(
        [
            "flames out of the wheelhouse",
            "flames out of the windows",
            "flames coming out of the roof",
        ]
    )
)
def test_flames_out_of_a_place_are_a_fire_and_a_fire_that_is_out_is_not(flames: str) -> None:
    assert UnitType.fire in units(decide(f"boat at the town dock, black smoke, {flames}"))
    assert UnitType.fire not in units(decide("rp sts the fire is out, just wants it noted"))
