"""Families of phrasings learnt from unseen call-taker writing, fifth set: shots heard and
someone down, things thrown down at people, a cook's accidental cut, a break-in while the
owner was at a range, "strike a deal", windows shot out with pellets, a load fallen off a
trailer, a gas monitor reading zero, a ball through a back window, a relative taken for a
burglar, "malicious injury" of property, a theft window told as left and back, and a dog
bite behind a broken gate. Each test draws many members."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from shared.events import UnitType
from tests.unit.triage_family_support import decide, units

SETTINGS = settings(max_examples=40, deadline=None)


@SETTINGS
@given(
    st.sampled_from(["heard 5-6 shots", "heard several gunshots", "heard 3 or 4 shots"]),
    st.sampled_from(["man lying in the alley not moving", "someone down on the sidewalk"]),
)
def test_shots_heard_and_someone_down_get_police_and_ems(shots: str, down: str) -> None:
    d = decide(f"alley behind the store. rp {shots}, now sees a {down}")
    assert {UnitType.police, UnitType.ems} <= units(d)


@SETTINGS
@given(
    st.sampled_from(
        [
            "throwing bricks down at people",
            "dropping rocks onto cars",
            "hurling bottles at pedestrians",
        ]
    )
)
def test_things_thrown_down_at_people_in_a_crisis_get_police(throwing: str) -> None:
    d = decide(f"m 20s up on the roof yelling at voices and {throwing}", "MENTAL DIST")
    assert {UnitType.police, UnitType.bcr} <= units(d)


@SETTINGS
@given(
    st.sampled_from(
        [
            "cut her hand on her own chef's knife while prepping",
            "slipped cutting fish and sliced his hand w the knife",
            "sliced his thumb with the mandoline",
        ]
    )
)
def test_a_cook_who_cut_themselves_by_accident_gets_ems_and_no_police(cut: str) -> None:
    d = decide(
        f"restaurant kitchen, line cook {cut}, deep cut, bleeding thru towels. accident, "
        "nobody else involved",
        "LACERATION-ACCIDENTAL",
    )
    assert UnitType.ems in units(d)
    assert UnitType.police not in units(d)
    assert UnitType.police in units(decide("cook stabbed the dishwasher with a kitchen knife"))


@SETTINGS
@given(st.sampled_from(["sporting clays range", "shooting range", "gun range"]))
def test_a_break_in_while_the_owner_was_at_a_range_is_a_report(range_: str) -> None:
    d = decide(
        f"rp at the {range_}, while he was out shooting somebody broke into his truck in the "
        "lot, took wallet. staff sts nobody hanging around, sometime in last 2 hrs"
    )
    assert UnitType.cso in units(d)
    assert UnitType.police not in units(d)


@SETTINGS
@given(st.sampled_from(["'strike a deal'", "strike a deal", "struck a deal"]))
def test_striking_a_deal_is_no_blow(deal: str) -> None:
    d = decide(
        f"contractor took $3000 deposit in march, tried to {deal} to finish in may, never "
        "showed. no threats, wants a report",
        "THEFT BY DECEPTION",
    )
    assert UnitType.police not in units(d)


@SETTINGS
@given(
    st.sampled_from(
        ["shot out w/ bb or pellet gun", "shot out with a pellet gun", "shot out by a bb gun"]
    )
)
def test_windows_shot_out_with_pellets_found_later_are_a_damage_report(shot: str) -> None:
    d = decide(f"bus barn: several bus windows {shot}, found at 0545 opening, nobody on the lot")
    assert UnitType.cso in units(d)
    assert UnitType.police not in units(d)


@SETTINGS
@given(st.sampled_from(["round bale", "load of lumber", "ladder", "mattress"]))
def test_a_load_that_fell_off_a_trailer_is_debris_for_traffic_not_a_fall(load: str) -> None:
    d = decide(
        f"{load} fell off a trailer, sitting in left lane us-412 eb, cars swerving, no crash"
    )
    assert UnitType.traffic_control in units(d)
    assert UnitType.ems not in units(d)


@SETTINGS
@given(
    st.sampled_from(["h2s monitor reading zero", "gas meter reads 0", "co detector showing normal"])
)
def test_a_gas_monitor_reading_zero_is_no_gas(monitor: str) -> None:
    d = decide(
        f"grounding wire and brass valves stripped off the tank battery since fri. no leak, "
        f"{monitor}. nobody on the lease now. wants a rpt"
    )
    assert UnitType.fire not in units(d)
    assert UnitType.cso in units(d)


@SETTINGS
@given(
    st.sampled_from(["broke her back window", "broke their back door", "broke my back windshield"])
)
def test_a_ball_that_broke_a_back_window_hurt_nobody(broke: str) -> None:
    d = decide(
        f"baseball from the sandlot {broke} yesterday eve, kids dad apologized, she just "
        "needs a damage rpt for insurance"
    )
    assert UnitType.ems not in units(d)
    assert UnitType.cso in units(d)


@SETTINGS
@given(
    st.sampled_from(["thinks she's a burglar", "thinks hes a thief", "believes they're intruders"])
)
def test_a_relative_taken_for_a_burglar_is_no_burglary(belief: str) -> None:
    d = decide(f"rp sts dad w dementia {belief}, yelling at her, not violent")
    assert "property" not in d.tags


@SETTINGS
@given(st.sampled_from(["MAL INJURY/DESTRUCT PRO", "MALICIOUS INJURY", "MAL INJ PROP"]))
def test_malicious_injury_names_damage_to_property_not_to_a_person(call_type: str) -> None:
    d = decide("brick mailbox knocked over overnight, found 0700, nobody hurt", call_type)
    assert UnitType.ems not in units(d)
    assert UnitType.cso in units(d)


@SETTINGS
@given(st.sampled_from(["left it 1300 back at 1700", "left the bike at 0800, came back 1500"]))
def test_a_theft_window_told_as_left_and_back_is_after_the_fact(window: str) -> None:
    d = decide(f"bike taken from rack outside the library, cable lock cut. {window}. no witnesses")
    assert UnitType.cso in units(d)
    assert UnitType.police not in units(d)


@SETTINGS
@given(st.sampled_from(["gate broken", "fence panel down", "latch broke"]))
def test_a_dog_bite_goes_to_animal_services_whatever_else_the_call_is(damage: str) -> None:
    d = decide(
        f"neighbors dog bit rp's 9yo on the calf, puncture wounds. dog back in its yard, {damage}"
    )
    assert {UnitType.ems, UnitType.animal_control} <= units(d)
