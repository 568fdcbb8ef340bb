"""Families of phrasings learnt from unseen call-taker writing, seventeenth set, reports and
roads: things hit with a bat told things first, knife cuts in slashed things, "cold" call
types, thefts found at the end of a shift or on a morning walk, a video of a deed done
last night, a fuel drive-off gone ten minutes and more, a crisis in a family dispute with
nobody hurt or threatened, an assault weeks ago; traffic stopped in the lanes, a truck's
steer tire, a town named for an animal, an animal the caller trapped."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from shared.events import UnitType
from tests.unit.triage_family_support import decide, fillers, units

SETTINGS = settings(max_examples=40, deadline=None)
REPORT_ONLY = {UnitType.cso}


@SETTINGS
@given(st.sampled_from(["6 MAILBOXES", "3 mailboxes on our road", "the stop signs at the corner",
                        "all the pumpkins on the porch"]),
       st.sampled_from(["hit them w a bat", "smashed them with a golf club",
                        "whacked them with a bat out of a truck"]))
def test_things_hit_with_a_bat_told_things_first_are_damage(things: str, deed: str) -> None:
    d = decide(f"{things} damaged overnight, looks like somebody {deed}, rp found it going to "
               "work. no susp info")
    assert units(d) == REPORT_ONLY


@SETTINGS
@given(st.sampled_from(["xmas inflatables", "pool raft and tent", "4 tires on his truck"]),
       st.sampled_from(["knife cuts in each", "knife holes in them", "blade slits in all"]))
def test_knife_cuts_in_slashed_things_are_no_knife_at_hand(things: str, cuts: str) -> None:
    d = decide(f"rp sts {things} slashed overnight, found them flat this morning w {cuts}. "
               "didnt see anyone")
    assert units(d) == REPORT_ONLY


@SETTINGS
@given(st.sampled_from(["BURGLARY-COLD", "THEFT COLD", "BURG RES - COLD", "COLD LARCENY"]))
def test_a_call_type_marked_cold_is_over(call_type: str) -> None:
    d = decide("tools taken from the shed", call_type)
    assert units(d) == REPORT_ONLY


@SETTINGS
@given(st.sampled_from(["found it when she got off shift", "FOUND ON MORNING WALK",
                        "foreman came in mon am and found it, site was empty all weekend",
                        "gate log shows entry at 0200"]), fillers)
def test_a_theft_found_at_a_shifts_end_or_on_a_walk_was_found_later(
        found: str, filler: str) -> None:
    d = decide(f"rp sts copper wire pulled out of 2 units and a generator gone, {found}. "
               f"{filler}")
    assert units(d) == REPORT_ONLY


@SETTINGS
@given(st.sampled_from(["shot a video of", "has video of", "got pics of"]),
       st.sampled_from(["kids spray painting the dumpster enclosure", "2 teens tagging the "
                        "grain bin", "a guy taking the copper off the ac unit"]))
def test_a_video_of_a_deed_done_last_night_is_no_deed_now(video: str, deed: str) -> None:
    d = decide(f"rp {video} {deed} last nite, they left, wants to give it to someone for a "
               "report")
    assert units(d) == REPORT_ONLY


@SETTINGS
@given(st.sampled_from(["DRIVE OFF, BLK F150 PUMPED $68.40 ON PUMP 6 AND LEFT APPROX 20 MIN AGO",
                        "customer pumped $62 and left w/o paying abt 40 min ago",
                        "STS DRIVE-OFF 10 MIN AGO, $62 IN GAS ON PUMP 6"]))
def test_a_fuel_drive_off_ten_minutes_gone_is_a_report(words: str) -> None:
    d = decide(f"clerk at speedway {words}, has plate from camera, no confrontation")
    assert units(d) == REPORT_ONLY


@SETTINGS
@given(st.sampled_from(["2 MIN AGO", "just now", "1 min ago"]))
def test_a_fuel_drive_off_minutes_ago_keeps_police(when: str) -> None:
    d = decide(f"cashier: silver camry filled up $74 and took off nb toward the bridge {when}")
    assert UnitType.police in units(d)
    assert UnitType.cso not in units(d)


@SETTINGS
@given(st.sampled_from(["HASNT HURT ANYBODY OR SAID HE WOULD", "not violent, nothing broken",
                        "he has never laid a hand on her"]),
       st.sampled_from(["FAMILY DISTURB", "DOMESTIC - VERBAL"]))
def test_a_crisis_in_a_family_dispute_with_nobody_hurt_is_a_crisis_call(
        words: str, call_type: str) -> None:
    d = decide(f"rp sts husband got fired today, drinking and crying in the garage. no weapons, "
               f"{words}", call_type)
    assert units(d) == {UnitType.bcr}


@SETTINGS
@given(st.sampled_from(["threatened to kill her", "pushed her into the wall",
                        "said he'd hurt her"]))
def test_a_family_dispute_with_a_threat_keeps_police(words: str) -> None:
    d = decide(f"rp sts husband got fired today, drinking and crying, he {words}, not violent "
               "before", "FAMILY DISTURB")
    assert UnitType.police in units(d)


@SETTINGS
@given(st.sampled_from(["3 wks ago", "a couple of months ago", "last year"]))
def test_an_assault_weeks_ago_is_no_violence_now(when: str) -> None:
    d = decide(f"rp f 30s was assaulted {when}, case already made, suspect in jail. tonight "
               "cant stop shaking, alone in apt, just wants someone to talk to")
    assert units(d) == {UnitType.bcr}


@SETTINGS
@given(st.sampled_from(["15+ cars stopped in both lanes", "traffic backed up a mile",
                        "people parked in both lanes"]),
       st.sampled_from(["bear up a tree", "elk herd in the meadow"]))
def test_traffic_stopped_in_the_lanes_for_an_animal_gets_traffic_control(
        jam: str, animal: str) -> None:
    d = decide(f"little river rd, {jam} looking at a {animal}, animal not bothering anybody")
    assert UnitType.traffic_control in units(d)


@SETTINGS
@given(st.sampled_from(["BLEW A STEER TIRE", "lost a steer tire", "steer axle broke"]))
def test_a_trucks_steer_tire_is_no_animal(words: str) -> None:
    d = decide(f"trucker sts he {words} on i-40 eb at mm 60, shreds of tire in the right lane, "
               "nobody hurt")
    assert UnitType.animal_control not in units(d)
    assert UnitType.traffic_control in units(d)


@SETTINGS
@given(st.sampled_from(["PIGEON FORGE", "swan falls rd", "wolf village apts", "bear creek rd"]))
def test_a_place_named_for_an_animal_is_no_animal(place: str) -> None:
    d = decide(f"at {place}, m 70s suddenly slurring, right side of face drooping")
    assert units(d) == {UnitType.ems}


@SETTINGS
@given(st.sampled_from(["needs somebody to slow traffic", "needs someone to flag traffic",
                        "wants somebody to block the lane"]))
def test_help_with_the_road_is_no_crisis(words: str) -> None:
    d = decide(f"old farmall w/ hay wagon broke down blocking sb lane on a blind curve, farmer "
               f"ok, {words} til his son brings another tractor")
    assert units(d) == {UnitType.traffic_control}


@SETTINGS
@given(st.sampled_from(["a bat", "a squirrel", "the raccoon"]),
       st.sampled_from(["trapped it under a laundry basket", "trapped it in the bathroom"]))
def test_an_animal_the_caller_trapped_is_no_entrapment(animal: str, trapped: str) -> None:
    d = decide(f"student woke up w {animal} in the dorm room, roommate {trapped}")
    assert UnitType.fire not in units(d)
    assert UnitType.animal_control in units(d)
