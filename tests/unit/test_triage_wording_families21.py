"""Families of phrasings learnt from unseen call-taker writing, twenty-first set: a farewell
told as an apology after pills; a video of last night's tagging with the tags still
there; "about had a heart attack"; a wild animal trapped in a dumpster; beliefs about a
phone the devil lives in; a plow that cannot get by, a car in a turn lane; and the
crisis tag kept off medical calls: a child crying after a poisoning or a crash, a
diabetic "acting drunk", a fear of dying after gummies, "killing herself studying", a
propane line "coming off the tank", a drunk husband who threatens to kill."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from shared.events import UnitType
from tests.unit.triage_family_support import decide, fillers, units

SETTINGS = settings(max_examples=40, deadline=None)
CRISIS_ONLY = {UnitType.bcr}


@SETTINGS
@given(st.sampled_from(["sorry for everything", "sorry for being a burden",
                        "tell mom i love her", "its not your fault"]),
       st.sampled_from(["took all my adderall", "took all her pills", "swallowed the whole "
                        "bottle of his zoloft"]))
def test_pills_with_a_farewell_are_an_attempt_with_police(farewell: str, pills: str) -> None:
    d = decide(f"rp is a friend, texted her '{pills}, {farewell}' 20 min ago, not answering "
               "since. dorm rm 312")
    assert {UnitType.police, UnitType.ems, UnitType.bcr} <= units(d)


def test_an_apology_for_words_at_a_party_is_no_farewell() -> None:
    d = decide("rp sts she is sorry for everything she said to her sister at the party, "
               "wants to talk to someone")
    assert UnitType.police not in units(d) and UnitType.ems not in units(d)


@SETTINGS
@given(st.sampled_from(["shot a video last nite of 3 teens tagging the restroom",
                        "shot a video on his ring cam of a guy spray painting his fence"]),
       st.sampled_from(["tags still there this am", "paint still there", "graffiti is still "
                        "on the wall"]), fillers)
def test_a_video_of_last_nights_tagging_is_a_report(video: str, still: str,
                                                    filler: str) -> None:
    d = decide(f"rp says her neighbor {video}. {still}, kids long gone. wants a report. "
               f"{filler}")
    assert UnitType.police not in units(d)
    assert "property" in d.tags


@SETTINGS
@given(st.sampled_from(["about had a heart attack", "just about had a stroke",
                        "damn near had a heart attack"]))
def test_about_having_a_heart_attack_at_the_damage_is_a_fright(words: str) -> None:
    d = decide(f"rp sts he '{words}' when he saw his truck spray painted all over overnight. "
               "rp fine, nobody around, just wants a report")
    assert UnitType.ems not in units(d)


@SETTINGS
@given(st.sampled_from(["raccoon", "possum", "skunk", "squirrel"]),
       st.sampled_from(["trapped inside the dumpster", "is trapped in the window well",
                        "trapped under the deck"]))
def test_a_wild_animal_trapped_is_for_animal_services(animal: str, where: str) -> None:
    d = decide(f"dining staff sts {animal} {where}, hissing at staff. nobody hurt")
    assert UnitType.fire not in units(d)
    assert UnitType.animal_control in units(d)


def test_a_person_trapped_stays_a_rescue() -> None:
    d = decide("man trapped inside the dumpster, hissing sounds, cant get out")
    assert UnitType.fire in units(d)


@SETTINGS
@given(st.sampled_from(["the devil lives in her phone", "demons are living inside his tv",
                        "the government is watching her through her laptop"]), fillers)
def test_a_belief_about_the_phone_or_the_tv_is_a_crisis(belief: str, filler: str) -> None:
    d = decide(f"pastor sts woman in her 30s came in this am saying {belief}, calm, no "
               f"weapons, sitting in the sanctuary. {filler}")
    assert units(d) == CRISIS_ONLY


@SETTINGS
@given(st.sampled_from(["plow cant get by", "the school bus cannot get through",
                        "garbage truck cant get past"]))
def test_a_car_a_plow_cannot_get_past_is_for_traffic_staff(words: str) -> None:
    d = decide(f"snow alert, unoccupied sedan on the snow route w 12th, {words}")
    assert UnitType.traffic_control in units(d)


@SETTINGS
@given(st.sampled_from(["blocking the right turn lane", "blocking the left turn lane",
                        "blocking the nb travel lane"]))
def test_a_minor_crash_blocking_a_named_lane_is_for_traffic_staff(words: str) -> None:
    d = decide(f"minor 2 car, both drivers ok, cars drivable but {words}, want to exchange info")
    assert UnitType.traffic_control in units(d)


@SETTINGS
@given(st.sampled_from(["3 yo drank from the windshield washer jug, now vomiting. awake, crying",
                        "boy 10 sitting up crying w a cut on his head after the buggy was "
                        "rear ended", "toddler swallowed a button battery, crying"]))
def test_a_child_crying_after_an_injury_is_no_crisis(words: str) -> None:
    d = decide(f"grandma calling, {words}")
    assert UnitType.ems in units(d)
    assert UnitType.bcr not in units(d)


@SETTINGS
@given(st.sampled_from(["acting drunk but hasnt had anything to drink",
                        "acting drunk, she is a type 1 diabetic"]))
def test_a_diabetic_acting_drunk_is_medical(words: str) -> None:
    d = decide(f"rp friend sts f 20 {words}, sweaty and slurring, her pump keeps beeping")
    assert UnitType.ems in units(d)
    assert UnitType.bcr not in units(d)


@SETTINGS
@given(st.sampled_from(["keeps saying he thinks he's dying", "is scared she is dying",
                        "thinks he is going to die"]))
def test_fear_of_dying_after_gummies_is_medical(words: str) -> None:
    d = decide(f"dad says his 15 yo ate abt 6 thc gummies, vomiting, heart racing, {words}. "
               "awake + talking")
    assert UnitType.ems in units(d)
    assert UnitType.bcr not in units(d)


@SETTINGS
@given(st.sampled_from(["killing herself studying for finals", "killing himself at work",
                        "killing herself over exams"]))
def test_killing_oneself_with_work_is_a_figure(words: str) -> None:
    d = decide(f"roommate fainted in the shower, 'shes been {words}', awake now, dizzy, bump "
               "on her head. not suicidal per rp")
    assert UnitType.ems in units(d)
    assert UnitType.bcr not in units(d)


def test_coming_off_a_tank_is_no_withdrawal() -> None:
    d = decide("line on the propane roaster blew, flames coming off the tank fitting, the "
               "roaster guy has burns on his forearm")
    assert {UnitType.fire, UnitType.ems} <= units(d)
    assert "behavioral_health" not in d.tags


@SETTINGS
@given(st.sampled_from(["told her he will kill her if she comes back",
                        "threatened to kill her", "has a bat and says hell kill her"]))
def test_a_drunk_husband_who_threatens_to_kill_is_police_not_a_crisis(words: str) -> None:
    d = decide(f"f rp at neighbors, husband drunk, {words}, kids still inside w him")
    assert UnitType.police in units(d)
    assert UnitType.bcr not in units(d)
