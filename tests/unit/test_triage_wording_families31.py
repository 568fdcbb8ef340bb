"""Families of phrasings learnt from unseen call-taker writing, thirty-first set: a man in
traffic who wants to be hit; and what is not danger or not a crime: a box cutter that
slipped at work, an overdose years ago, "I shot him on video", a gun show, a thing "still
there", a cut in a fence, a "last text" that is only the latest, "we need to talk" from
an abuser, a person who takes a delivery driver for a burglar, a phone taken by a partner
who hit her, a group-home resident's low sugar or medication error; a rarer inflected
word ("fogged", "drooped") is never repaired into another."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from services.triage.engine import load_policy
from services.triage.lexicon import is_real_word
from services.triage.text import canonicalize
from shared.events import UnitType
from tests.unit.triage_family_support import decide, fillers, units

SETTINGS = settings(max_examples=40, deadline=None)


@SETTINGS
@given(st.sampled_from(["yelling he wants to get hit", "says she wants a truck to hit her",
                        "trying to get run over"]), fillers)
def test_wanting_to_be_hit_in_traffic_is_a_crisis_with_police(words: str, filler: str) -> None:
    d = decide(f"man walking in and out of traffic on hwy 501 at the light, {words}, cars "
               f"swerving. {filler}")
    assert "behavioral_health" in d.tags
    assert {UnitType.bcr, UnitType.police} <= units(d)


def test_wanting_to_be_hit_at_dodgeball_is_no_crisis() -> None:
    assert "behavioral_health" not in decide("kids playing dodgeball, one wants to get hit").tags


@SETTINGS
@given(st.sampled_from(["sliced his forearm w his own box cutter breaking down boxes",
                        "cut her hand with the utility knife opening a case, accident",
                        "gashed his palm with his fillet knife, slipped"]))
def test_a_tool_that_slipped_at_work_gets_ems_and_no_police(words: str) -> None:
    d = decide(f"supervisor at a warehouse, worker {words}. no fight, deep cut bleeding")
    assert UnitType.ems in units(d)
    assert UnitType.police not in units(d)


def test_a_knife_held_on_someone_at_work_keeps_police() -> None:
    d = decide("supervisor at a warehouse, worker pulled a box cutter on his coworker and "
               "cut his arm, still swinging it")
    assert {UnitType.police, UnitType.ems} <= units(d)


@SETTINGS
@given(st.sampled_from(["OD'd back in 2022", "overdosed in 2021", "od'd years ago"]))
def test_an_overdose_years_ago_is_history(words: str) -> None:
    d = decide(f"her son's altima gone from the driveway overnight, keys were in it. son is 2 "
               f"yrs clean, he {words}, hes asleep inside and fine, wants a report")
    assert UnitType.ems not in units(d)
    assert UnitType.cso in units(d)


def test_an_overdose_back_again_gets_ems() -> None:
    d = decide("mom says her son overdosed in 2022 and again tonight, he is not breathing")
    assert UnitType.ems in units(d)


@SETTINGS
@given(st.sampled_from(["'I shot him on video'", "she shot the guy on her phone",
                        "shot the truck on camera"]))
def test_shot_on_video_is_filmed(words: str) -> None:
    d = decide(f"rp says {words} - a guy took the pressure washer out of his carport tues "
               "while rp was at work, long gone. rp just now reviewing footage, wants a report")
    assert "weapon" not in d.tags and "violence" not in d.tags
    assert UnitType.cso in units(d)
    assert UnitType.police not in units(d)


@SETTINGS
@given(st.sampled_from(["at the gun show", "at the knife expo", "at a firearms expo"]))
def test_a_pickpocket_at_a_gun_show_is_a_report(where: str) -> None:
    d = decide(f"rp was {where} this am, got home and realized his wallet is gone from his "
               "jacket pocket, no susp, wants a report to cancel cards")
    assert "weapon" not in d.tags
    assert UnitType.cso in units(d)


@SETTINGS
@given(st.sampled_from(["tractor still there", "the combine is still there",
                        "mower still in the shed"]))
def test_equipment_still_there_is_no_suspect_on_scene(words: str) -> None:
    d = decide(f"someone unbolted the gps off his john deere in the field sometime sat night, "
               f"{words}, no suspects")
    assert "suspect_on_scene" not in d.safety_flags
    assert UnitType.police not in units(d)


@SETTINGS
@given(st.sampled_from(["a cut in the fence", "a cut in the screen", "a cut in the tarp"]))
def test_a_cut_in_a_thing_is_no_injury(words: str) -> None:
    d = decide(f"somebody did donuts on the baseball field over the wknd, ruts, tracks go out "
               f"thru {words}. nobody around")
    assert UnitType.ems not in units(d)
    assert UnitType.cso in units(d)


def test_a_cut_on_her_arm_is_an_injury() -> None:
    assert UnitType.ems in units(decide("neighbor has a cut on her arm from the fence, bleeding"))


@SETTINGS
@given(st.sampled_from(["last text 5 min ago", "last text was at 1400",
                        "last message came in 10 minutes ago"]))
def test_the_latest_text_is_no_farewell(words: str) -> None:
    d = decide(f"ex bf keeps texting he is coming up to her work w/ his gun, {words}, she's "
               "inside at the front desk")
    assert "imminent_risk" not in d.safety_flags
    assert UnitType.police in units(d)


def test_a_last_video_saying_goodbye_beside_a_gun_is_a_risk() -> None:
    d = decide("wife says husband has his pistol in the truck and posted a last video")
    assert "imminent_risk" in d.safety_flags


def test_we_need_to_talk_from_an_abuser_is_no_crisis() -> None:
    d = decide("RN HAS A PROTECTIVE ORDER VS HER EX, HES PARKED IN THE EMPLOYEE LOT, TEXTED "
               "HER 'WE NEED TO TALK OR ELSE'")
    assert "behavioral_health" not in d.tags
    assert UnitType.police in units(d)


@SETTINGS
@given(st.sampled_from(["my bf choked me and took my phone", "he hit me and took my phone",
                        "bf hitting me, he took my phone"]))
def test_a_phone_taken_by_a_partner_who_hit_her_is_no_theft(words: str) -> None:
    d = decide(f"TXT: '{words}, hiding in the bathroom. hes in the living room now'")
    assert "property" not in d.tags
    assert "behavioral_health" not in d.tags
    assert UnitType.police in units(d)


@SETTINGS
@given(st.sampled_from(["the propane delivery driver is a burglar",
                        "the meter reader was a thief"]))
def test_a_visitor_taken_for_a_burglar_is_no_theft(words: str) -> None:
    d = decide(f"rp says her dad with dementia is at the door with his rifle, thinks {words}")
    assert "property" not in d.tags
    assert UnitType.police in units(d)


@SETTINGS
@given(st.sampled_from(["type 1, took his insulin then skipped supper, now sweaty, shaky",
                        "got her roommate's clozapine by mistake, very drowsy",
                        "copd, lips gray, pulse ox 82"]))
def test_a_group_home_residents_medical_problem_is_no_crisis(words: str) -> None:
    d = decide(f"staff at a group home: resident 45 {words}")
    assert "behavioral_health" not in d.tags
    assert UnitType.ems in units(d)


def test_a_group_home_resident_in_a_rage_is_a_crisis() -> None:
    d = decide("staff at a group home: resident 24 in a rage, throwing chairs, no weapons")
    assert "behavioral_health" in d.tags


@SETTINGS
@given(st.sampled_from(["fogged", "drooped", "sleeting", "hosing", "dragger"]))
def test_a_rare_inflected_word_is_never_repaired_into_another(word: str) -> None:
    assert is_real_word(word)
    assert word in canonicalize(f"caller says the {word} thing", load_policy().text,
                                False).text.split()


@SETTINGS
@given(st.sampled_from(["stabed", "shoting", "vomitting", "assualted"]))
def test_a_misspelt_inflection_is_still_repaired(word: str) -> None:
    assert not is_real_word(word)


@SETTINGS
@given(st.sampled_from(["hit in the temple by a ball, now confused, keeps asking the same "
                        "questions", "hit a tree, helmet cracked, confused, repeating himself",
                        "knocked out for a minute, now confused"]))
def test_confusion_after_a_blow_to_the_head_is_no_crisis(words: str) -> None:
    d = decide(f"ski patrol: 30s m skier {words}")
    assert "behavioral_health" not in d.tags
    assert UnitType.ems in units(d)
