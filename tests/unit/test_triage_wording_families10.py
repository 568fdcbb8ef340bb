"""Families of phrasings learnt from unseen call-taker writing, tenth set: a stranger at a
home's doors or windows now, a drowning promised at the water's edge, self-harm that will
not stop bleeding; and what is not danger: a fire pit in its ring, a fire or a gas leak
that was, a threat that came from a video game, a confused person accusing the caller of
theft, toys named after animals, guns another person took to a third place, a wound from
a war, razor blades as merchandise, a loading dock, a satellite "following" someone, a
paranoid fear told in Spanish, logs across a road."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from shared.events import UnitType
from tests.unit.triage_family_support import decide, units

SETTINGS = settings(max_examples=40, deadline=None)


@SETTINGS
@given(st.sampled_from(["someone", "a man", "unknown male", "two guys", "somebody"]),
       st.sampled_from(["jiggling", "trying", "rattling", "pulling on", "yanking on"]),
       st.sampled_from(["the front door knob", "her back door", "the slider", "the kitchen window",
                        "the side door handle"]))
def test_a_stranger_at_the_doors_of_a_home_now_sends_police(who: str, doing: str,
                                                            opening: str) -> None:
    d = decide(f"rp home alone, {who} {doing} {opening}, rp hiding upstairs w phone")
    assert UnitType.police in units(d)


def test_car_doors_tried_last_night_stay_a_report() -> None:
    d = decide("rp has doorbell cam of a guy trying car doors on the street around 0300 last "
               "night, long gone, her phone charger taken from her unlocked car")
    assert UnitType.police not in units(d)


@SETTINGS
@given(st.sampled_from(["says she is going to walk into the river",
                        "SAYS HES GONNA WADE INTO THE LAKE AND LET THE WATER TAKE HIM",
                        "texted she wants to drown herself",
                        "says he will jump into the canal",
                        "THREATENING TO WALK IN AND LET THE CURRENT TAKE HER"]))
def test_a_drowning_promised_at_the_water_sends_police(words: str) -> None:
    d = decide(f"friend calling, pt standing by the water at the park, {words}, cant swim")
    assert UnitType.police in units(d)


@SETTINGS
@given(st.sampled_from(["cut myself too deep", "CUT HERSELF REALLY BAD ON HER ARM",
                        "cut his wrist and the bleeding wont stop",
                        "cutting and its not stopping"]))
def test_self_harm_bleeding_sends_ems(words: str) -> None:
    d = decide(f"txt from 16yo: 'i {words}' locked in bathroom, parents out")
    assert UnitType.ems in units(d)


@SETTINGS
@given(st.sampled_from(["its just their fire pit, in the ring and under control",
                        "ONLY A BURN BARREL, UNDER CONTROL",
                        "the flames are in the fire ring, neighbor watching it"]))
def test_a_fire_pit_in_its_ring_sends_no_engine(fire: str) -> None:
    d = decide(f"rp neighbor sts {fire}. calling about elderly man sitting by it talking to his "
               "late wife, confused about the date, no injuries")
    assert UnitType.fire not in units(d)
    assert UnitType.bcr in units(d)


@SETTINGS
@given(st.sampled_from(["HAD A KITCHEN FIRE LAST MONTH AND IS BOARDED UP",
                        "had a fire 2 years ago, nobody lives there",
                        "was a house fire a few weeks ago, empty since"]))
def test_a_fire_that_was_is_no_fire_now(past: str) -> None:
    d = decide(f"rp sts her rental {past}. went by today, copper pipes ripped out overnight, "
               "nobody there")
    assert UnitType.fire not in units(d)
    assert UnitType.cso in units(d)


@SETTINGS
@given(st.sampled_from(["gas co came out and fixed the leak, all good now",
                        "UTILITY REPLACED THE REGULATOR YESTERDAY, NO MORE SMELL"]))
def test_a_gas_odour_fixed_before_the_call_sends_no_engine(fixed: str) -> None:
    d = decide(f"rp smelled gas on tuesday, {fixed}. calling bc someone took his generator off "
               "the back porch overnight")
    assert UnitType.fire not in units(d)


@SETTINGS
@given(st.sampled_from(["playing fortnite online", "on his headset gaming",
                        "PLAYING CALL OF DUTY W FRIENDS", "watching a movie"]))
def test_a_threat_from_a_game_is_no_threat(game: str) -> None:
    d = decide(f"rp heard son yell 'im gonna kill you' and got scared, then realized he was just "
               f"{game}. everyone ok, rp wants to cancel, also reporting bike stolen from porch "
               "last week")
    assert UnitType.police not in units(d)


@SETTINGS
@given(st.sampled_from(["thinks rp is stealing her rings", "ACCUSES RP OF STEALING HER HOUSE",
                        "claiming we stole his dog", "believes i took his wallet"]))
def test_a_confused_person_accusing_the_caller_is_no_theft(accusation: str) -> None:
    d = decide(f"rp daughter sts mom w alzheimers {accusation}, crying, pacing, not hitting, "
               "no weapons")
    assert units(d) == {UnitType.bcr}


@SETTINGS
@given(st.sampled_from(["stuffed animals", "TEDDY BEARS", "plush toys"]),
       st.sampled_from(["threw her pillows and", "tossed her"]))
def test_soft_things_thrown_in_a_meltdown_are_no_violence(toys: str, threw: str) -> None:
    d = decide(f"group home staff: 13yo sobbing, {threw} {toys} into the hall, not hurting self or "
               "others, staff at door")
    assert units(d) == {UnitType.bcr}


@SETTINGS
@given(st.sampled_from(["SHE HAULED HIS RIFLES TO HER BROTHERS PLACE",
                        "wife took all his guns over to her dads",
                        "husband moved her pistol to his moms",
                        "his guns have been at her mothers since spring",
                        "brother removed all the guns from the house"]))
def test_guns_taken_to_someone_elses_place_are_out_of_reach(moved: str) -> None:
    d = decide(f"rp sts spouse keeps saying life isnt worth it. {moved}. not threatening anyone")
    assert UnitType.police not in units(d)


@SETTINGS
@given(st.sampled_from(["WAS SHOT IN VIETNAM", "got wounded in iraq",
                        "was stabbed during the war"]))
def test_a_war_wound_is_no_weapon_or_injury_now(wound: str) -> None:
    d = decide(f"rp sts dad 80 {wound}, has dementia, tonight thinks hes on patrol, hiding in "
               "the yard. no guns in the home, not aggressive, not hurt")
    assert units(d) == {UnitType.bcr}


def test_razor_blades_as_stolen_merchandise_are_no_weapon() -> None:
    d = decide("store mgr sts suspect left an hour ago with approx 250 razor blades, no "
               "confrontation, has video, wants report")
    assert UnitType.police not in units(d)


def test_a_loading_dock_is_a_place_not_someone_loading() -> None:
    d = decide("owner sts someone spraypainted the loading dock doors over the weekend, found "
               "monday am, nobody around")
    assert units(d) == {UnitType.cso}


@SETTINGS
@given(st.sampled_from(["a satellite is following him", "the drones keep following her",
                        "the CIA is following him"]))
def test_a_delusion_of_being_followed_is_no_pursuer(belief: str) -> None:
    d = decide(f"outreach worker sts man 40s says {belief}, calm, sitting in the shade, no weapon")
    assert units(d) == {UnitType.bcr}


@SETTINGS
@given(st.sampled_from(["'me estan vigilando por las paredes'", "'los vecinos me persiguen'",
                        "dice que oye voces"]))
def test_a_paranoid_fear_told_in_spanish_is_a_crisis(words: str) -> None:
    d = decide(f"rp spanish spkr, sts her mother {words}, hiding food in closet, not threatening "
               "anyone, no armas")
    assert UnitType.bcr in units(d)
    assert UnitType.police not in units(d)


@SETTINGS
@given(st.sampled_from(["LOGS ACROSS BOTH LANES", "rocks and boulders across all lanes",
                        "gravel load spilled across the road"]))
def test_a_load_across_the_road_gets_traffic_control(load: str) -> None:
    d = decide(f"hwy 9 at the curve, truck lost load, {load}, driver ok, no other vehicles")
    assert UnitType.traffic_control in units(d)


@SETTINGS
@given(st.sampled_from(["dad was watching tv, then started hitting mom",
                        "he is on his xbox and now swinging a bat at his brother",
                        "she was playing a game online when he grabbed her by the throat"]))
def test_a_screen_in_the_same_sentence_as_violence_is_no_excuse(scene: str) -> None:
    assert UnitType.police in units(decide(f"rp sts {scene}, kids crying"))


@SETTINGS
@given(st.sampled_from(["trying to get it under control with a garden hose",
                        "it was just a grill fire that spread to the deck",
                        "kid fell in the fire pit, burns on his arms"]))
def test_a_fire_told_with_containment_words_that_do_not_contain_it_sends_fire(fire: str) -> None:
    assert UnitType.fire in units(decide(f"rp sts {fire}, smoke everywhere"))
