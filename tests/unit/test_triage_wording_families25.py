"""Families of phrasings learnt from unseen call-taker writing, twenty-fifth set: a
pickup or a generator running in a closed garage, a shooting told by whom it hit, a
seizure told from the floor up, a two-vehicle crash in CAD shorthand, a delusion that
a relative is an impostor or that something beams into the head; and what is not danger:
Nevada's "injury to other property", windows shot out with a BB gun, a text "shot" to
someone, a team that "got murdered", a gun wished for and not owned, pills the family
took out of the house, an arrest years ago, a photo student "shooting", a window cracked
an inch."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from shared.events import UnitType
from tests.unit.triage_family_support import decide, fillers, units

SETTINGS = settings(max_examples=40, deadline=None)


@SETTINGS
@given(st.sampled_from(["INJURY TO OTHER PROPERTY", "INJ TO OTH PROP-VEH", "INJURY TO OTH PROP"]),
       st.sampled_from(["car keyed down both sides", "truck hood scratched, tailgate dented",
                        "mailbox knocked over"]))
def test_injury_to_other_property_is_vandalism(call_type: str, damage: str) -> None:
    d = decide(f"rp found her {damage} this morning, nobody around, wants a report", call_type)
    assert UnitType.ems not in units(d)
    assert UnitType.cso in units(d)


@SETTINGS
@given(st.sampled_from(["pickup", "generator", "van", "suv"]),
       st.sampled_from(["overhead door down", "door shut", "garage closed up"]))
def test_an_engine_running_in_a_closed_garage_gets_fire(engine: str, closed: str) -> None:
    d = decide(f"wife sts husband is in the detached garage with the {engine} running and the "
               f"{closed}, wont answer")
    assert {UnitType.fire, UnitType.ems} <= units(d)


@SETTINGS
@given(st.sampled_from(["shot out 4 windows on the portable classrooms at the elementary on "
                        "s 27th", "shot the windshield of his truck parked on elm",
                        "shot out both street lights in front of the church"]),
       st.sampled_from(["w/ a bb gun", "with a pellet gun", "with an airsoft rifle"]),
       fillers)
def test_things_shot_out_with_pellets_are_vandalism(words: str, gun: str, filler: str) -> None:
    d = decide(f"someone {words} {gun} over the weekend, found monday, nobody on site. {filler}")
    assert not {UnitType.police, UnitType.ems} & units(d)
    assert "property" in d.tags


@SETTINGS
@given(st.sampled_from(["his wife", "the neighbor", "my brother", "the clerk"]))
def test_a_person_shot_gets_police_and_ems(who: str) -> None:
    d = decide(f"caller says he shot {who}, she is screaming in the background")
    assert {UnitType.police, UnitType.ems} <= units(d)


@SETTINGS
@given(st.sampled_from(["shot him a text", "shot her a message", "shot him a look"]))
def test_a_text_shot_to_someone_is_no_shooting(words: str) -> None:
    d = decide(f"daughter 19 {words} saying she was done with him, now he is crying in his room, "
               "no weapons, not violent")
    assert not {UnitType.police, UnitType.ems} & units(d)


@SETTINGS
@given(st.sampled_from(["we got murdered today", "we got killed out there",
                        "we were slaughtered"]))
def test_a_team_that_got_murdered_lost_a_game(words: str) -> None:
    d = decide(f"rp sts '{words}' (meaning the huskers). husband drunk since the tailgate, "
               "sobbing in the driveway, no guns, not aggressive")
    assert UnitType.police not in units(d)


@SETTINGS
@given(st.sampled_from(["'if i had a gun id use it'", "if he had a gun he'd use it"]),
       st.sampled_from(["no guns in his apt", "no guns in the house"]))
def test_a_gun_wished_for_and_not_owned_is_no_weapon(words: str, denial: str) -> None:
    d = decide(f"mother sts son 26 said {words} but he has never owned one, {denial}, crying "
               "about his divorce, wants someone to talk to")
    assert UnitType.police not in units(d)
    assert UnitType.bcr in units(d)


def test_a_gun_wished_for_and_a_gun_in_the_house_keeps_police() -> None:
    d = decide("son said if he had a gun he would use it, dad keeps a rifle in the closet")
    assert UnitType.police in units(d)


@SETTINGS
@given(st.sampled_from(["mom already took the pills and razors out of there",
                        "dad took the meds out of the house", "we removed her pills away"]))
def test_pills_the_family_took_out_are_no_ingestion(words: str) -> None:
    d = decide(f"15 yo locked in the bathroom crying after a breakup, {words} last week, no "
               "weapons, she says she wants to be left alone")
    assert not {UnitType.police, UnitType.ems} & units(d)


def test_pills_taken_out_and_swallowed_stay_an_ingestion() -> None:
    d = decide("she took the pills out of the cabinet and swallowed them")
    assert UnitType.ems in units(d)


@SETTINGS
@given(st.sampled_from(["got arrested for fighting a couple yrs ago",
                        "was locked up for assault back in 2019",
                        "went to jail for battery years ago"]))
def test_an_arrest_years_ago_is_a_record(words: str) -> None:
    d = decide(f"rp says her brother {words} but tonight he is drunk on her couch crying about "
               "their mom who just died. no weapons, not aggressive", "INTOX SUBJ")
    assert UnitType.police not in units(d)


@SETTINGS
@given(st.sampled_from(["photo student was 'shooting'", "photography class was shooting",
                        "photo club shooting"]))
def test_a_photo_student_shooting_takes_pictures(words: str) -> None:
    d = decide(f"{words} at the sunken gardens for 2 hrs, came back, driver window smashed, "
               "camera bag gone from the back seat. nobody around")
    assert UnitType.police not in units(d)
    assert "property" in d.tags


@SETTINGS
@given(st.sampled_from(["2 VEH", "TWO VEH", "3 VEHICLES"]),
       st.sampled_from(["HOLDING HIS CHEST", "SAYS HER NECK HURTS"]))
def test_a_crash_in_cad_shorthand_gets_police_and_ems(words: str, hurt: str) -> None:
    d = decide(f"{words} MONTANA / AIRWAY. ONE DRIVER {hurt}, AIRBAG WENT OFF. BOTH CARS IN "
               "THE INTERSECTION")
    assert {UnitType.police, UnitType.ems} <= units(d)
    assert "traffic" in d.tags


@SETTINGS
@given(st.sampled_from(["on the floor shaking", "on the ground jerking",
                        "in the aisle on the floor twitching"]),
       st.sampled_from(["started 3 min ago, still going", "wont stop", "not responding"]))
def test_a_seizure_told_from_the_floor_up_gets_ems(words: str, course: str) -> None:
    d = decide(f"library 3rd flr. student f/20 {words}, {course}. staff clearing the area")
    assert UnitType.ems in units(d)


@SETTINGS
@given(st.sampled_from(["sitting on the floor shaking and crying",
                        "on the floor shaking, scared", "on the ground shaking and sobbing"]))
def test_shaking_with_fear_on_the_floor_is_distress(words: str) -> None:
    d = decide(f"teen {words} after a breakup, not hurt, no weapons, mom wants someone to talk "
               "to her")
    assert UnitType.ems not in units(d)
    assert UnitType.bcr in units(d)


@SETTINGS
@given(st.sampled_from(["in the last few days", "in the past couple of weeks",
                        "sometime in the last 3 days"]),
       fillers)
def test_a_theft_some_days_ago_is_a_report(words: str, filler: str) -> None:
    d = decide(f"someone got on his roof {words} and stole the motor off his swamp cooler, "
               f"found it today. {filler}")
    assert UnitType.cso in units(d)
    assert UnitType.police not in units(d)


@SETTINGS
@given(st.sampled_from(["his mother is 'not really her'", "his wife is an impostor",
                        "the cameras are beaming thoughts into his head",
                        "the ships are carrying his stolen memories",
                        "his parents were replaced by clones"]))
def test_a_delusion_about_people_or_the_head_is_a_crisis(words: str) -> None:
    d = decide(f"m 30s pacing the riverwalk shouting that {words}. hands empty, calms down when "
               "spoken to")
    assert "behavioral_health" in d.tags
    assert "property" not in d.tags


@SETTINGS
@given(st.sampled_from(["it is not really her fault", "the irs agent was an impostor"]))
def test_ordinary_words_about_people_are_no_delusion(words: str) -> None:
    d = decide(f"rp says {words}, she lost 500 dollars in gift cards, wants a report")
    assert "behavioral_health" not in d.tags


@SETTINGS
@given(st.sampled_from(["grabbed a box cutter", "took a box cutter"]))
def test_a_box_cutter_taken_up_is_no_theft(words: str) -> None:
    d = decide(f"group home staff sts resident {words} from the supply closet, says he will cut "
               "whoever comes in")
    assert "property" not in d.tags
    assert UnitType.police in units(d)


@SETTINGS
@given(st.sampled_from(["windows cracked an inch", "w the windows cracked",
                        "windows cracked for the dog"]))
def test_a_window_cracked_an_inch_is_ajar(words: str) -> None:
    d = decide(f"dog locked in a tahoe at the mall, {words}, 94 out, panting, owner paged no "
               "answer")
    assert "property" not in d.tags
    assert UnitType.animal_control in units(d)
