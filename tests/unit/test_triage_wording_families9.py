"""Families of phrasings learnt from unseen call-taker writing, ninth set: a quote or a
word the caller took back ("clarifies", "means", "on questioning"), a sound explained,
a car that died in a lane, signals dark, a driveway blocked, a bike lane parked in, a
minor rear-end, chest pressure told as an elephant, a drive-off without paying; then the
needs rules used to miss: an elevator stopped between floors, a family trapped under
storm debris, an avalanche burial, a person on the tracks, a throat grabbed, a limb
deformity, someone holding a hurt wrist, a threat to take the rest of the pills, a last
video, a stolen car followed by its owner, a buggy hit by a car, a caregiver slapping a
patient."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from shared.events import UnitType
from tests.unit.triage_family_support import decide, units

SETTINGS = settings(max_examples=40, deadline=None)


@SETTINGS
@given(st.sampled_from(["'THEYRE SHOOTING ON THE BRIDGE' - CLARIFIES A PHOTO SHOOT W CAMERAS",
                        "'they've been shooting all morning' - clarifies its a film crew",
                        "'GOT JUMPED' AT THE GAS STATION - MEANS A GUY JUMPED HIS BATTERY"]))
def test_a_danger_word_the_caller_took_back_is_no_danger(taken_back: str) -> None:
    d = decide(f"rp sts {taken_back}. calling bc minivan stalled in right lane, hazards on, "
               "nobody hurt, no guns")
    assert UnitType.police not in units(d)


@SETTINGS
@given(st.sampled_from(["THOUGHT SHE HEARD SHOTS EARLIER, TURNED OUT TO BE THE ROOFERS NAIL GUNS",
                        "thought he heard gunshots but it was just fireworks"]))
def test_a_sound_explained_is_no_gunfire(sound: str) -> None:
    d = decide(f"rp {sound}. found her car window smashed and purse gone, left overnight. nobody "
               "around")
    assert units(d) == {UnitType.cso}


@SETTINGS
@given(st.sampled_from(["SEDAN DIED, HAZARDS ON, CARS GOING AROUND IT",
                        "car 'just died' in the middle of main st, hazards on",
                        "TRAFFIC LIGHTS COMPLETELY DARK ALL DIRECTIONS",
                        "DRIVEWAY BLOCKED BY SILVER SEDAN SINCE 0600",
                        "DELIVERY TRUCK PARKED IN PROTECTED BIKE LANE 40 MIN",
                        "MINOR RE, BOTH VEH PULLED INTO GAS STATION"]))
def test_vehicles_in_the_way_get_traffic_control(scene: str) -> None:
    assert units(decide(f"{scene}. nobody hurt, no crash injuries")) == {UnitType.traffic_control}


def test_a_storm_that_knocked_out_power_hurt_nobody() -> None:
    d = decide("rp sts storm knocked out power, signal at hamilton rd completely dark, cars taking "
               "turns, no one hurt")
    assert UnitType.ems not in units(d)


@SETTINGS
@given(st.sampled_from(["'A ELEPHANT SITTING ON MY CHEST'", "pressure in his chest",
                        "crushing on her chest"]))
def test_chest_pressure_in_lay_words_gets_ems_alone(pressure: str) -> None:
    d = decide(f"rp sts husb 62 having {pressure} for 20 min, sweating, pain into his left arm",
               "CHEST PN")
    assert units(d) == {UnitType.ems}


@SETTINGS
@given(st.sampled_from(["elevator stopped between 6 and 7", "STUCK IN THE ELEVATOR",
                        "elevator stuck between floors"]))
def test_someone_in_a_stopped_elevator_gets_fire(elevator: str) -> None:
    assert UnitType.fire in units(decide(f"senior hi-rise, {elevator}, 77f inside, scared but ok"))


@SETTINGS
@given(st.sampled_from(["TREE AND DEBRIS ARE ON THE CELLAR DOOR", "trapped under rubble",
                        "partner buried, beacon searching", "avalanche on the pass"]))
def test_people_trapped_or_buried_get_fire(trapped: str) -> None:
    assert UnitType.fire in units(decide(f"after the storm, {trapped}, can hear them hollering"))


@SETTINGS
@given(st.sampled_from(["CLIMBED DOWN ONTO TRACKBED", "walking along the train tracks",
                        "sitting on the tracks"]))
def test_a_person_in_crisis_on_the_tracks_gets_police(tracks: str) -> None:
    d = decide(f"conductor relay: f 30s {tracks}, talking about god calling her home")
    assert {UnitType.police, UnitType.bcr} <= units(d)


@SETTINGS
@given(st.sampled_from(["GRABBED HER BY THE THROAT", "had his hands around her neck"]),
       st.sampled_from(["RED MARKS ON NECK", "shes coughing"]))
def test_strangulation_gets_police_and_ems(grab: str, left: str) -> None:
    d = decide(f"rp f calling from bathroom, husb {grab} against the fridge, {left}, he is "
               "still in the kitchen")
    assert {UnitType.police, UnitType.ems} <= units(d)


@SETTINGS
@given(st.sampled_from(["LOWER LEG DEFORMITY", "obvious deformity to the arm",
                        "ON FLOOR HOLDING WRIST"]))
def test_a_deformed_or_held_limb_gets_ems(limb: str) -> None:
    assert UnitType.ems in units(decide(f"skier collision on the run, 40m {limb}, req ambulance"))


@SETTINGS
@given(st.sampled_from(["SAYING SHELL TAKE THEM ALL IF ANYBODY COMES NEAR HER",
                        "says he will swallow the rest all"]))
def test_a_threat_to_take_the_rest_after_an_overdose_gets_police(threat: str) -> None:
    d = decide(f"husb sts wife took most of a bottle of tylenol pm 15 min ago, {threat}")
    assert {UnitType.police, UnitType.ems} <= units(d)


@SETTINGS
@given(st.sampled_from(["SAID IT'S THE LAST VIDEO", "posted a final message"]))
def test_a_rope_set_up_on_a_last_video_gets_ems(last: str) -> None:
    d = decide(f"rp watching brother's live stream, he has a rope tied to the closet rod and "
               f"{last}")
    assert {UnitType.police, UnitType.ems} <= units(d)


@SETTINGS
@given(st.sampled_from(["STOLEN TUESDAY JUST PASSED HIM ON I-110, HE IS FOLLOWING IT",
                        "stolen last week just drove by, rp is following it"]))
def test_a_stolen_car_followed_now_gets_police(seen: str) -> None:
    assert UnitType.police in units(decide(f"rp sts his car that was {seen}. 2 occupants"))


def test_a_recovered_car_parked_and_empty_is_no_chase() -> None:
    d = decide("rp's car that was stolen last week is parked on his street this morning, he "
               "found it, nobody in it", "RECOVERED STOLEN VEH")
    assert UnitType.police not in units(d)


@SETTINGS
@given(st.sampled_from(["BUGGY VS CAR", "golf cart vs truck", "atv vs car"]))
def test_a_buggy_or_cart_hit_by_a_car_is_a_crash_for_police(crash: str) -> None:
    d = decide(f"{crash} sr 39, m bleeding from head, wife says her arm is broke")
    assert {UnitType.police, UnitType.ems} <= units(d)


@SETTINGS
@given(st.sampled_from(["SLAP THE 90YO PT ACROSS THE FACE", "yank the resident by the arm",
                        "shove the patient into the wall"]))
def test_a_caregiver_hitting_a_patient_gets_police(act: str) -> None:
    d = decide(f"home health nurse sts she just saw the live-in caregiver {act}. caregiver still "
               "in house")
    assert UnitType.police in units(d)
