"""Families of phrasings learnt from unseen call-taker writing, thirty-third set: gunfire
told by how many shots ("multiple shots at a cookout"); self-harm told as done ("I cut
myself with a razor", "slit her wrists", EMD 25) and throat cuts threatened at someone
else; a step in front of a semi as a plan; a date set ("today is the last day"); state
emergency holds by their names; the devil sending someone; people hollering at the sky;
guns a neighbour or a grown son keeps at their own place; a camera's clip told in the
present; a theft found twenty minutes ago; nail guns; "Vandalia", "Jumer's", rocking
chairs, a veteran gone under a table and storage tenants not answering, which are none of
what their words sound like."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from shared.events import UnitType
from tests.unit.triage_family_support import decide, fillers, units

SETTINGS = settings(max_examples=40, deadline=None)


@SETTINGS
@given(st.sampled_from(["multiple shots", "several shots", "like 5 or 6 shots", "3 shots",
                        "a couple shots", "a bunch of gunshots"]),
       st.sampled_from(["at a cookout off main st", "behind the apartments",
                        "outside the club on 5th"]), fillers)
def test_shots_told_by_their_count_get_police(shots: str, where: str, filler: str) -> None:
    d = decide(f"{shots} {where}, car speeding off, people running. {filler}")
    assert UnitType.police in units(d)


@SETTINGS
@given(st.sampled_from(["did like 15 shots for his 21st", "had 4 shots of tequila",
                        "took a couple shots of vodka", "got 2 shots at the clinic today"]))
def test_shots_drunk_or_given_are_no_gunfire(shots: str) -> None:
    d = decide(f"caller says her friend {shots}, now dizzy and throwing up in the bathroom")
    assert "weapon" not in d.tags


@SETTINGS
@given(st.sampled_from(["'i cut myself with a razor'", "she slit her wrists",
                        "he slashed his wrists", "daughter cut herself again on purpose",
                        "son cut himself with a razor blade", "he tried to slit his throat"]),
       fillers)
def test_self_harm_told_as_done_gets_the_crisis_team_ems_and_police(harm: str,
                                                                    filler: str) -> None:
    d = decide(f"text to 911 from a dorm room: {harm}, roommate not there. {filler}")
    assert {UnitType.ems, UnitType.police, UnitType.bcr} <= units(d)
    assert "behavioral_health" in d.tags


@SETTINGS
@given(st.sampled_from(["cut himself on a table saw", "sliced his forearm with a box cutter "
                        "opening a case, accident", "cut herself shaving with a razor"]))
def test_an_accidental_cut_gets_ems_and_no_crisis_team(cut: str) -> None:
    d = decide(f"coworker {cut}, bleeding a lot, towel on it")
    assert UnitType.ems in units(d)
    assert UnitType.bcr not in units(d)


@SETTINGS
@given(st.sampled_from(["he'll slit her throat", "said he'd 'cut his throat' if he didnt move "
                        "out", "told her he would slit her throat while she sleeps",
                        "threatened to cut her throat"]))
def test_a_throat_cut_threatened_at_someone_is_a_threat_not_self_harm(threat: str) -> None:
    d = decide(f"rp whispering from the bedroom, roommate drinking, {threat}. he is in the "
               "living room now")
    assert UnitType.police in units(d)
    assert "behavioral_health" not in d.tags


@SETTINGS
@given(st.sampled_from(["said hed 'walk in front of a semi'", "says shes gonna step in front "
                        "of a train", "wants to jump in front of traffic",
                        "said he'd run into traffic"]))
def test_a_plan_to_step_in_front_of_traffic_gets_police_and_the_crisis_team(plan: str) -> None:
    d = decide(f"patient walked out of the ER in a gown, {plan}, headed west on 23rd")
    assert {UnitType.police, UnitType.bcr} <= units(d)


@SETTINGS
@given(st.sampled_from(["'today is the last day'", "'tonight is my last night'",
                        "'i wont see tomorrow'"]))
def test_a_date_set_beside_a_gun_is_an_imminent_risk(words: str) -> None:
    d = decide(f"man locked in the restroom 40 min, clerk heard him say he has a gun and {words}")
    assert {UnitType.police, UnitType.bcr} <= units(d)


@SETTINGS
@given(st.sampled_from(["today is the last day of school", "today is the last day to sign up"]))
def test_a_last_day_of_something_is_no_warning_sign(words: str) -> None:
    d = decide(f"mom says {words} and her son is missing his bus, he has a pocket knife for "
               "scouts")
    assert UnitType.bcr not in units(d)


@SETTINGS
@given(st.sampled_from(["on a title 25 emergency detention", "on a baker act",
                        "on an emergency detention order", "on a tdo",
                        "on a psych hold", "'not in his right mind'"]))
def test_an_emergency_hold_or_a_mind_not_right_is_a_crisis(words: str) -> None:
    d = decide(f"er nurse says pt {words} walked out the ambulance bay, headed north, no "
               "weapons")
    assert "behavioral_health" in d.tags


@SETTINGS
@given(st.sampled_from(["screaming the devil sent her", "says demons are telling him things",
                        "hollering at the sky", "cussing at the trees", "preaching at the clouds"]))
def test_delusions_told_in_plain_words_are_a_crisis(words: str) -> None:
    d = decide(f"man in the gas station lot {words}, not touching anyone")
    assert "behavioral_health" in d.tags


@SETTINGS
@given(st.sampled_from(["son keeps all his guns at his house", "neighbor already took his "
                        "rifles to her place", "his brother keeps the shotguns at his own "
                        "place"]), fillers)
def test_guns_kept_at_someone_elses_place_are_not_at_hand(guns: str, filler: str) -> None:
    d = decide(f"wife says husband hasnt eaten in days, sitting in the barn not talking, not "
               f"threatening anyone, {guns}. {filler}")
    assert UnitType.bcr in units(d)
    assert UnitType.police not in units(d)


@SETTINGS
@given(st.sampled_from(["he took his rifles to his place", "she has her pistol at her house"]))
def test_guns_the_person_keeps_at_their_own_place_stay_at_hand(guns: str) -> None:
    d = decide(f"caller says her brother is suicidal tonight, {guns}")
    assert {UnitType.police, UnitType.bcr} <= units(d)


@SETTINGS
@given(st.sampled_from(["ring camera caught a guy breaking into his truck",
                        "video shows two guys taking the tires off her car",
                        "doorbell cam 'caught' a man prying the shed door"]))
def test_a_camera_clip_told_in_the_present_is_a_report(clip: str) -> None:
    d = decide(f"homeowner says his {clip} at 3am, long gone, found it this morning, wants a "
               "report")
    assert UnitType.cso in units(d)
    assert UnitType.police not in units(d)


@SETTINGS
@given(st.sampled_from(["watching it live on the camera right now, a guy breaking into his "
                        "truck", "camera shows a guy breaking into my truck right now"]))
def test_a_camera_watched_live_keeps_police(clip: str) -> None:
    d = decide(f"homeowner says {clip}")
    assert UnitType.police in units(d)


@SETTINGS
@given(st.sampled_from(["found it 20 min ago", "noticed it 10 minutes ago",
                        "discovered it 5 min ago"]))
def test_when_damage_was_found_is_not_when_it_was_done(found: str) -> None:
    d = decide(f"while she was in the mall someone keyed her car, {found}, nobody around")
    assert UnitType.cso in units(d)
    assert UnitType.police not in units(d)


@SETTINGS
@given(st.sampled_from(["keyed my car 10 min ago, they ran off", "smashed my window 5 min ago "
                        "and ran"]))
def test_damage_done_minutes_ago_keeps_police(done: str) -> None:
    d = decide(f"caller says someone {done}")
    assert UnitType.police in units(d)


@SETTINGS
@given(st.sampled_from(["'somebody took my guns' - 2 Paslode framing nail guns",
                        "took my guns, the dewalt nail guns", "my guns: 3 bostitch staple guns"]))
def test_nail_guns_stolen_are_a_theft_report(guns: str) -> None:
    d = decide(f"contractor at a new build: {guns} gone from the job trailer over the weekend, "
               "hasp cut, nobody around")
    assert "weapon" not in d.tags
    assert UnitType.cso in units(d)


@SETTINGS
@given(st.sampled_from(["vandalia", "old jumer's", "bally's (old jumer's)"]))
def test_place_names_are_no_evidence(place: str) -> None:
    d = decide(f"server at the bob evans in {place}, man choking on steak, cant talk")
    assert "property" not in d.tags
    assert UnitType.bcr not in units(d)


@SETTINGS
@given(st.sampled_from(["4 rocking chairs", "a rocking horse", "the rocking chair and a plant "
                        "stand"]))
def test_rocking_furniture_is_no_behaviour(things: str) -> None:
    d = decide(f"somebody took {things} off his front porch overnight, noticed this am, wants "
               "a report", "LARCENY-FROM YARD")
    assert "behavioral_health" not in d.tags


@SETTINGS
@given(st.sampled_from(["went under a picnic table", "went under the bed", "went under the deck"]))
def test_going_under_furniture_is_no_drowning(words: str) -> None:
    d = decide(f"wife says jets flew over low and her husband {words}, shaking, wont come out, "
               "not aggressive, no weapons")
    assert UnitType.fire not in units(d)


@SETTINGS
@given(st.sampled_from(["keeps going under", "went under and hasnt come up"]))
def test_someone_going_under_in_the_water_gets_the_rescue(words: str) -> None:
    d = decide(f"kid in the pond {words}")
    assert UnitType.fire in units(d)


@SETTINGS
@given(st.sampled_from(["tenants not answering", "owners not answering their phones"]))
def test_storage_units_broken_into_are_a_report_not_a_welfare_check(words: str) -> None:
    d = decide(f"storage facility mgr doing lock check, units 114 and 116 have locks cut and "
               f"doors half up, {words}. camera shows it happened around 3am, nobody here now")
    assert UnitType.cso in units(d)
    assert UnitType.bcr not in units(d)


@SETTINGS
@given(st.sampled_from(["sweaty and shaky", "shaky and sweating", "the shakes"]))
def test_a_diabetic_after_insulin_is_medical_not_withdrawal(words: str) -> None:
    d = decide(f"my boyfriend is diabetic, took his insulin and didnt eat, now hes {words}")
    assert UnitType.ems in units(d)
    assert "behavioral_health" not in d.tags
