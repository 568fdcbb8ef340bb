"""Families of phrasings learnt from unseen call-taker writing, thirteenth set: guns by
calibre, gauge, make or slang; a motorcycle that "went down"; pills taken, told in Spanish
or Portuguese; breath a caller "can't get", lips gone grey, oxygen run out; a knife in the
kitchen named before the slip; and what is not danger: numbers that only look like guns,
a converter "sawed off", trade tools called guns, "not violent" in Portuguese or Spanish,
a veteran who "can't get out of the sandbox", a battery that needs a jump, a snowball
fight, "I've been robbed" of a garage while away, a wild animal staggering, fear of dying
after edibles, the government "following" someone, CAD's "VIOL", a theft watched live on
camera, two cars that bumped in a lot."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from shared.events import UnitType
from tests.unit.triage_family_support import decide, fillers, units

SETTINGS = settings(max_examples=40, deadline=None)
DIVERTED = {UnitType.bcr, UnitType.cso, UnitType.animal_control, UnitType.traffic_control}


@SETTINGS
@given(st.sampled_from(["HIS .45", "a .38", "his 357 magnum", "a 12 gauge", "his 30-06",
                        "a 9 mil", "a sawed off shotgun", "his Ruger", "a blicky", "a Draco",
                        "his 22 rifle", "a Glock"]),
       st.sampled_from(["in his lap", "on the seat next to him", "in the truck"]),
       fillers)
def test_a_gun_by_calibre_make_or_slang_in_a_crisis_sends_police(gun: str, where: str,
                                                                  filler: str) -> None:
    d = decide(f"crisis line relay: vet 52 sts he has {gun} {where}, been drinking, 'im done'. "
               f"{filler}")
    assert UnitType.police in units(d)


@SETTINGS
@given(st.sampled_from(["his 45 minute drive home", "bought 12 gauge wire for the shed",
                        "a 22 year old roommate", "his 38th birthday", "20 gauge needle"]))
def test_numbers_that_only_look_like_guns_keep_a_crisis_with_the_crisis_team(words: str) -> None:
    d = decide(f"rp sts son is hearing voices again, talked about {words}, calm, no weapons, "
               "wants someone to talk to him")
    assert units(d) == {UnitType.bcr}


@SETTINGS
@given(st.sampled_from(["catalytic converter sawed off", "cat converter sawn off",
                        "CONVERTER SAWED OFF THE EXHAUST"]), fillers)
def test_a_converter_sawed_off_is_a_theft_not_a_shotgun(words: str, filler: str) -> None:
    d = decide(f"rp found {words} his work van sometime overnight, nobody around. {filler}")
    assert units(d) == {UnitType.cso}


@SETTINGS
@given(st.sampled_from(["2 impact guns", "the grease gun", "a radar gun", "HIS TATTOO GUN",
                        "a drywall screw gun"]))
def test_trade_tools_called_guns_are_no_weapon(tools: str) -> None:
    d = decide(f"shop owner came in this am, side window busted, {tools} and the cash drawer "
               "gone, nobody inside, happened overnight, has cam footage")
    assert units(d) == {UnitType.cso}


@SETTINGS
@given(st.sampled_from(["MOTORCYCLE WENT DOWN IN THE CURVE", "he laid his bike down on gravel",
                        "dirt bike went down on the trail", "harley went down at the ramp"]),
       st.sampled_from(["leg bent wrong", "road rash all over, arm looks broken"]))
def test_a_motorcycle_that_went_down_with_a_rider_hurt_sends_ems_and_police(
        crash: str, hurt: str) -> None:
    d = decide(f"{crash}, rider awake, {hurt}")
    assert {UnitType.ems, UnitType.police} <= units(d)


@SETTINGS
@given(st.sampled_from(["se tomo un monton de pastillas", "tomou os comprimidos da avo",
                        "se tomo todas las pastillas para el dolor", "engoliu muitos remedios"]),
       fillers)
def test_pills_taken_told_in_spanish_or_portuguese_send_ems(words: str, filler: str) -> None:
    d = decide(f"son translating: tio {words}, now confused and sweaty. {filler}")
    assert UnitType.ems in units(d)


@SETTINGS
@given(st.sampled_from(["'ele nao e violento'", "'no es violento'", "'nunca fue violento'",
                        "'sin armas, no es violento'"]))
def test_not_violent_said_in_portuguese_or_spanish_keeps_the_crisis_team_alone(
        words: str) -> None:
    d = decide(f"mother sts son 19 says neighbors put cameras in the smoke detector, hasnt "
               f"slept. rp: {words}. neg weapons in home")
    assert units(d) == {UnitType.bcr}


@SETTINGS
@given(st.sampled_from(["'pero esta violento con su mama'", "'mas esta violento agora'"]))
def test_violent_after_but_in_portuguese_or_spanish_still_sends_police(words: str) -> None:
    d = decide(f"rp sts son hearing voices, sin armas, {words}")
    assert UnitType.police in units(d)


@SETTINGS
@given(st.sampled_from(["CANT GET HIS AIR", "cant get her breath", "lips kind of gray, hx copd",
                        "on home o2 but the tank ran out"]))
def test_breath_a_caller_cannot_get_or_lips_gone_grey_send_ems(words: str) -> None:
    d = decide(f"rp sts husb 67 {words}, sitting straight up in the recliner")
    assert units(d) == {UnitType.ems}


def test_a_kitchen_knife_named_before_the_slip_is_no_weapon() -> None:
    d = decide("rp was cutting squash w/ a big kitchen knife, slipped and sliced her palm deep, "
               "blood thru 2 towels, alone, accident")
    assert units(d) == {UnitType.ems}


@SETTINGS
@given(st.sampled_from(["he was cutting her with a knife", "bf slicing at her w a kitchen knife"]))
def test_a_knife_turned_on_someone_sends_police_and_ems(words: str) -> None:
    d = decide(f"{words}, she sliced her hand grabbing it")
    assert {UnitType.police, UnitType.ems} <= units(d)


@SETTINGS
@given(st.sampled_from(["'cant get out of the sandbox'", "he can't get out of his head",
                        "'cant get out of this funk'"]))
def test_a_mind_that_cannot_get_out_is_no_entrapment(words: str) -> None:
    d = decide(f"sister sts army vet sitting in his parked car since fireworks started, says "
               f"{words}, crying, not angry at anyone, guns locked up at their brothers")
    assert UnitType.fire not in units(d) and UnitType.bcr in units(d)


@SETTINGS
@given(st.sampled_from(["she just needs a jump", "can someone give him a jump",
                        "needs a jump and someone to help w traffic"]))
def test_a_jump_start_is_no_jump(words: str) -> None:
    d = decide(f"battery died at the light, car dead in left lane, no accident, nobody hurt, "
               f"{words}")
    assert units(d) == {UnitType.traffic_control}


@SETTINGS
@given(st.sampled_from(["is going to jump off the bridge", "says hes gonna jump"]))
def test_a_jump_from_a_height_still_sends_police(words: str) -> None:
    d = decide(f"man on the overpass railing {words}")
    assert UnitType.police in units(d)


@SETTINGS
@given(st.sampled_from(["SNOWBALL FIGHT", "water balloon fight", "pillow fight",
                        "nerf fight"]))
def test_a_game_called_a_fight_is_no_violence(game: str) -> None:
    d = decide(f"rp sts neighbor kids had a {game} and one cracked his front window, kids "
               "apologized and went home, rp just wants it documented")
    assert units(d) == {UnitType.cso}


@SETTINGS
@given(st.sampled_from(["'I'VE BEEN ROBBED'", "we've been robbed", "rp sts she's been robbed"]),
       fillers)
def test_robbed_of_a_garage_while_away_is_a_burglary_report(words: str, filler: str) -> None:
    d = decide(f"{words} - came home from work, garage side door pried, snowblower gone, "
               f"nobody confronted her, happened while she was at work, no one there. {filler}")
    assert units(d) == {UnitType.cso}


@SETTINGS
@given(st.sampled_from(["RACCOON", "fox", "skunk", "coyote"]),
       st.sampled_from(["staggering and walking in circles", "wandering, acting drunk",
                        "disoriented, not afraid of people"]))
def test_a_wild_animal_staggering_goes_to_animal_control(animal: str, signs: str) -> None:
    d = decide(f"daycare director sts {animal} in the playground midday, {signs}, kids "
               "brought inside")
    assert units(d) == {UnitType.animal_control}


@SETTINGS
@given(st.sampled_from(["feels like shes going to die", "thinks he's gonna die",
                        "SCARED SHE IS GOING TO DIE"]))
def test_fear_of_dying_after_edibles_is_no_intent(words: str) -> None:
    d = decide(f"mom sts 15yo ate a whole bag of thc gummies, heart racing, {words}, awake and "
               "talking")
    assert UnitType.police not in units(d) and UnitType.ems in units(d)


@SETTINGS
@given(st.sampled_from(["GOVT IS FOLLOWING HIM", "the FBI is tracking him",
                        "demons are following her", "the CIA keeps watching him"]))
def test_persecution_a_person_in_crisis_feels_is_no_stalker(words: str) -> None:
    d = decide(f"mall security w/ w/m 30s pacing, sts {words} thru the cameras, scared not "
               "aggressive, neg wpns per security")
    assert units(d) == {UnitType.bcr}


def test_a_named_person_following_someone_still_sends_police() -> None:
    d = decide("rp sts her ex is following her thru the mall right now, she is scared")
    assert UnitType.police in units(d)


@SETTINGS
@given(st.sampled_from(["PKG VIOL - BLOCKING", "PARKING VIOL", "NOISE VIOL"]))
def test_cads_viol_is_a_violation_not_violence(call_type: str) -> None:
    d = decide("car left on the street, no one in it, blocking her driveway since last night",
               call_type=call_type)
    assert "violence" not in d.tags and UnitType.police not in units(d) - DIVERTED


@SETTINGS
@given(st.sampled_from(["relaying live video", "watching them live on camera",
                        "live cam monitoring co"]))
def test_a_theft_watched_live_is_in_progress(words: str) -> None:
    d = decide(f"security co {words}: 3 subjs loading copper spools into a box truck at the "
               "construction site, still on site")
    assert UnitType.police in units(d) and UnitType.cso not in units(d)


@SETTINGS
@given(st.sampled_from(["2 cars bumped backing out", "both cars tapped pulling out",
                        "they bumped each other backing out of spots"]))
def test_two_cars_that_bumped_in_a_lot_go_to_traffic_control(words: str) -> None:
    d = decide(f"mall lot, {words}, nobody hurt, drivers swapped info, want an incident # for "
               "insurance")
    assert units(d) == {UnitType.traffic_control}
