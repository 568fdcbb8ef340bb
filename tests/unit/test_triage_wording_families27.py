"""Families of phrasings learnt from unseen call-taker writing, twenty-seventh set: a plan
to drive off a causeway, pills swallowed by the handful, a man walking in the lanes of an
interstate, a gas line struck by a digger, a golf cart flipped with riders hurt, a
sprain told by the joint; and what is not danger or not what it seems: "gonna kill
whoever" did a break-in, guns locked up with the key on the caller's side, a parent who
took a teen's phone, a clerk who does not know how to use Narcan, a victim hiding from a
man still outside, a vandal who "went down the whole block", a confused mother who
thinks the mailman steals her checks, a theft found when the owner went to get the
thing, scrappers."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from shared.events import UnitType
from tests.unit.triage_family_support import decide, fillers, units

SETTINGS = settings(max_examples=40, deadline=None)


@SETTINGS
@given(st.sampled_from(["going to 'drive off the causeway into the bay'",
                        "gonna drive his truck off the bridge", "will drive into the river"]))
def test_a_plan_to_drive_off_a_causeway_gets_police(words: str) -> None:
    d = decide(f"text from daughter: dad 60s drinking all day since moms funeral, told her hes "
               f"{words}. took his keys and left 10 min ago in a silver f150")
    assert UnitType.police in units(d)


def test_a_crash_into_a_tree_last_year_is_no_plan() -> None:
    d = decide("rp says her son is sad since his car ran off the road into a tree last year, "
               "wants someone to talk to him, no weapons")
    assert UnitType.police not in units(d)


@SETTINGS
@given(st.sampled_from(["swallowing handfuls of pills", "taking handfuls of pills",
                        "popping a handful of pills"]),
       st.sampled_from(["'i just want it over'", "'i want this to be over'"]))
def test_pills_swallowed_by_the_handful_with_intent_get_police_and_ems(
        words: str, intent: str) -> None:
    d = decide(f"pharmacist: woman in the card aisle {words} from a bottle out of her purse, "
               f"crying {intent}. staff took the bottle")
    assert {UnitType.police, UnitType.ems} <= units(d)


@SETTINGS
@given(st.sampled_from(["walking in the lanes", "standing in the travel lanes",
                        "jumped at a semi", "running at passing cars"]))
def test_a_person_in_the_lanes_of_an_interstate_gets_police(words: str) -> None:
    d = decide(f"i-680 sb near the ramp, man {words} screaming, drivers swerving. rp says he "
               "looks out of it, shirtless")
    assert UnitType.police in units(d)


@SETTINGS
@given(st.sampled_from(["2 horses", "brown pit mix", "a loose cow"]),
       st.sampled_from(["walking in the traffic lanes", "running at cars"]))
def test_an_animal_in_the_lanes_is_for_animal_services(animal: str, words: str) -> None:
    d = decide(f"{animal} loose on w church ave, {words}, no crash yet")
    assert UnitType.police not in units(d)
    assert UnitType.animal_control in units(d)


@SETTINGS
@given(st.sampled_from(["hit a 4 inch gas line", "cut the gas main", "struck a natural gas "
                        "line"]),
       st.sampled_from(["gas blowing", "you can hear it hissing"]))
def test_a_gas_line_struck_gets_fire(words: str, sound: str) -> None:
    d = decide(f"backhoe op at the new site {words}, {sound}, crew moved back to the road")
    assert UnitType.fire in units(d)


@SETTINGS
@given(st.sampled_from(["golf cart", "atv", "side by side"]),
       st.sampled_from(["flipped", "rolled over", "tipped over"]))
def test_a_small_vehicle_flipped_with_riders_hurt_gets_police_and_ems(
        vehicle: str, words: str) -> None:
    d = decide(f"{vehicle} {words} turning into a condo lot, 6 teens were on it. 1 girls arm "
               "bleeding bad and another says her head hurts")
    assert {UnitType.police, UnitType.ems} <= units(d)


@SETTINGS
@given(st.sampled_from(["rolled his ankle", "twisted her knee", "sprained his wrist"]),
       st.sampled_from(["cant put weight on it", "swollen up"]))
def test_a_sprain_told_by_the_joint_gets_ems(words: str, sign: str) -> None:
    d = decide(f"rp sts she was shooting hoops w her friend at the park courts, friend {words}, "
               f"{sign}, wants an ambulance")
    assert UnitType.ems in units(d)
    assert UnitType.police not in units(d)


@SETTINGS
@given(st.sampled_from(["'gonna kill whoever'", "going to kill the punk who",
                        "wants to kill the people that"]), fillers)
def test_anger_at_an_unknown_culprit_is_no_threat(words: str, filler: str) -> None:
    d = decide(f"rp says shes {words} smashed her window at the market lot and took her work "
               f"bag, happened overnight, nobody around, just venting, needs a report. {filler}")
    assert UnitType.police not in units(d)
    assert UnitType.cso in units(d)


@SETTINGS
@given(st.sampled_from(["his hunting guns are locked up and she has the key",
                        "the guns are locked and i have the only key"]))
def test_guns_locked_up_with_the_key_on_the_callers_side_are_no_weapon(words: str) -> None:
    d = decide(f"husband got fired today, sitting in his truck in the driveway 2 hrs crying, says "
               f"he failed the family. {words}. not violent")
    assert UnitType.police not in units(d)


@SETTINGS
@given(st.sampled_from(["when she took his phone", "after dad took his phone",
                        "because mom took her phone"]))
def test_a_parent_taking_a_teens_phone_is_no_theft(words: str) -> None:
    d = decide(f"son 16 has a kitchen knife, threatening to stab dad {words}, yelling he hates "
               "everyone")
    assert "property" not in d.tags
    assert UnitType.police in units(d)


def test_a_clerk_who_cannot_use_narcan_is_no_confusion() -> None:
    d = decide("clerk found a female slumped on the toilet, lips blue, barely breathing. clerk "
               "has narcan but dont know how to use it", "OVERDOSE")
    assert "behavioral_health" not in d.tags
    assert UnitType.ems in units(d)


def test_a_person_who_does_not_know_how_to_get_home_is_confused() -> None:
    d = decide("elderly man at the gas station doesnt know how to get home, not hurt")
    assert "behavioral_health" in d.tags


@SETTINGS
@given(st.sampled_from(["hes outside in the truck still yelling he going kill me",
                        "he is still banging on the door"]))
def test_a_victim_hiding_from_a_man_still_there_is_no_trauma_reaction(words: str) -> None:
    d = decide(f"txt to 911: my bf choked me and {words}. rp hiding in bathroom w 2 kids")
    assert "behavioral_health" not in d.tags
    assert UnitType.police in units(d)


@SETTINGS
@given(st.sampled_from(["went down the whole block", "went down the street"]))
def test_a_vandal_who_went_down_the_block_hurt_nobody(words: str) -> None:
    d = decide(f"hoa pres, somebody {words} overnight w a bat smashing mailboxes, long gone")
    assert UnitType.ems not in units(d)
    assert UnitType.cso in units(d)


@SETTINGS
@given(st.sampled_from(["thinks hes stealing her checks", "is convinced shes taking her "
                        "jewelry"]))
def test_a_confused_mothers_theft_belief_is_a_crisis(words: str) -> None:
    d = decide(f"daughter calling, mom 81 w dementia {words}. nothing missing. mom not violent "
               "no wpns, just very upset")
    assert "property" not in d.tags
    assert UnitType.police not in units(d)
    assert UnitType.bcr in units(d)


@SETTINGS
@given(st.sampled_from(["went to get it today and its gone", "last in there tues",
                        "came by this morning and they were gone"]), fillers)
def test_a_theft_found_on_the_next_visit_is_a_report(words: str, filler: str) -> None:
    d = decide(f"rps boat trailer was in the storage lot all winter, {words}, chain cut. nobody "
               f"saw anything. {filler}")
    assert UnitType.cso in units(d)
    assert UnitType.police not in units(d)


@SETTINGS
@given(st.sampled_from(["'scrappers'", "cut off at the bolts"]))
def test_metal_taken_by_scrappers_is_a_theft(words: str) -> None:
    d = decide(f"coach at the little league field, both aluminum dugout benches gone, {words}, "
               "sometime since saturday. no one around")
    assert "property" in d.tags
    assert UnitType.cso in units(d)
