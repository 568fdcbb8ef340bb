"""Families of phrasings learnt from unseen call-taker writing, fifteenth set: chest pain
in the middle of the chest or going into the arm, the sudden worst headache of a life;
and what is not danger: pain "like somebody stabbed me", "tired of fighting it", a theft
seen on the app "just now" or found after hours inside, a garden "murdered", an intruder
a confused person fears that nobody found."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from shared.events import UnitType
from tests.unit.triage_family_support import decide, fillers, units

SETTINGS = settings(max_examples=40, deadline=None)


@SETTINGS
@given(st.sampled_from(["'STABBING PAIN' IN CENTER OF CHEST", "pain in the middle of his chest",
                        "pain going into his left arm and jaw"]), fillers)
def test_chest_pain_told_by_where_it_goes_sends_ems(pain: str, filler: str) -> None:
    d = decide(f"70yom sts {pain} since snowblowing, sweaty. {filler}")
    assert UnitType.ems in units(d)


@SETTINGS
@given(st.sampled_from(["SUDDEN WORST HEADACHE OF HER LIFE", "'my head feels like its gonna "
                        "explode'", "worst headache ever, threw up"]))
def test_the_worst_headache_of_a_life_sends_ems_alone(words: str) -> None:
    d = decide(f"rp sts {words} while lifting laundry, neck stiff")
    assert units(d) == {UnitType.ems}


@SETTINGS
@given(st.sampled_from(["'IT FEELS LIKE SOMEBODY STABBED ME IN THE CHEST'",
                        "'feels like somebody put a knife in me'"]))
def test_pain_like_a_stab_is_no_stabbing(words: str) -> None:
    d = decide(f"wife calling: husb 58 shoveling after the blizzard, now says {words}, pain into "
               "left arm, gray and sweaty, nobody else home")
    assert units(d) == {UnitType.ems}


@SETTINGS
@given(st.sampled_from(["TIRED OF FIGHTING IT", "sick of fighting this", "done fighting it"]))
def test_tired_of_fighting_it_is_no_fight(words: str) -> None:
    d = decide(f"friend on the line w army vet, vet saying hes {words}, cant sleep, nightmares, "
               "all his firearms went to his brother last month, agrees to talk to somebody")
    assert units(d) == {UnitType.bcr}


@SETTINGS
@given(st.sampled_from(["rp at work, only saw it on app just now",
                        "she noticed it on the ring just now"]))
def test_a_theft_seen_on_the_app_only_now_happened_earlier(words: str) -> None:
    d = decide(f"doorbell cam showed a female take 2 amazon boxes off her porch approx 1340, "
               f"left in silver sedan, {words}")
    assert units(d) == {UnitType.cso}


@SETTINGS
@given(st.sampled_from(["RP WAS INSIDE APPROX 2 HRS", "during a 2 hr swim",
                        "was in the library for 2 hours"]))
def test_a_theft_found_after_hours_inside_is_a_report(words: str) -> None:
    d = decide(f"bike taken from rack outside, cable lock cut and left, {words}, no wits")
    assert units(d) == {UnitType.cso}


@SETTINGS
@given(st.sampled_from(["'MURDERED MY WHOLE GARDEN'", "killed all her tomatoes",
                        "murdered her roses"]))
def test_a_murdered_garden_is_property_damage(words: str) -> None:
    d = decide(f"rp sts somebody {words} - pulled up plants and smashed pots overnight, no one "
               "around, just wants it on record")
    assert units(d) == {UnitType.cso}


@SETTINGS
@given(st.sampled_from(["keeps saying in Navajo 'someone is in the house'",
                        "keeps insisting somebody is in the basement"]))
def test_an_intruder_a_confused_person_fears_that_nobody_found(words: str) -> None:
    d = decide(f"granddaughter rp: grandma {words}. rp checked every room w ct on line, doors "
               "locked, nobody there. dementia, scared, not violent")
    assert units(d) == {UnitType.bcr}


def test_an_intruder_the_caller_hears_still_sends_police() -> None:
    d = decide("grandma keeps saying someone is in the house, rp hears footsteps upstairs now")
    assert UnitType.police in units(d)
