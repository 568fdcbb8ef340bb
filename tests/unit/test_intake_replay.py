"""Replay's pure parts: column mappings, row conversion, pacing, the summary."""

from __future__ import annotations

import io

import pytest

from services.intake.replay import (
    Progress,
    Summary,
    parse_mapping,
    problem_reason,
    row_to_call,
    schedule,
)


def test_mappings_are_parsed_and_bad_ones_named() -> None:
    assert parse_mapping(["cad_incident_id=Incident No", "location.lat=Lat"]) == {
        "cad_incident_id": "Incident No", "location.lat": "Lat"}
    with pytest.raises(ValueError, match="FIELD=HEADER"):
        parse_mapping(["cad_incident_id"])


def test_a_csv_row_becomes_a_nested_typed_call() -> None:
    mapping = parse_mapping(["cad_incident_id=Incident", "call_type=Type",
                             "location.address=Addr", "location.lat=Lat", "location.lon=Lon",
                             "flags.weapons=Weapon", "narrative=Notes"])
    row = {"Incident": " MP-1 ", "Type": "THEFT", "Addr": "3000 E Lake St", "Lat": "44.94",
           "Lon": "-93.23", "Weapon": "N", "Notes": "", "Unused": "x"}
    assert row_to_call(row, mapping) == {
        "cad_incident_id": "MP-1", "call_type": "THEFT",
        "location": {"address": "3000 E Lake St", "lat": 44.94, "lon": -93.23},
        "flags": {"weapons": False},
    }


def test_without_a_mapping_headers_are_field_names() -> None:
    assert row_to_call({"location.district": "3", "flags.in_progress": "yes"}) == {
        "location": {"district": "3"}, "flags": {"in_progress": True}}


def test_an_unreadable_number_is_left_for_intake_to_name() -> None:
    assert row_to_call({"location.lat": "north"}) == {"location": {"lat": "north"}}


def test_rate_spaces_calls_evenly() -> None:
    assert schedule([{}, {}, {}, {}], rate=2) == [0.0, 0.5, 1.0, 1.5]


def test_speed_follows_received_at_gaps() -> None:
    calls = [{"received_at": "2026-11-25T14:00:00Z"},
             {"received_at": "2026-11-25T14:01:00+00:00"},
             {"received_at": "garbled"},
             {"received_at": "2026-11-25T14:00:30Z"},   # out of order: goes with the last
             {"received_at": "2026-11-25T15:00:00Z"}]
    assert schedule(calls, speed=60) == [0.0, 1.0, 1.0, 1.0, 60.0]


def test_no_pace_is_as_fast_as_possible() -> None:
    assert schedule([{}, {}]) == [0.0, 0.0]


def test_the_summary_groups_rejections_by_reason_without_values() -> None:
    summary = Summary(sent=5)
    summary.record(202)
    summary.record(200)
    problem = {"title": "Invalid request", "errors": [
        {"field": "body.received_at", "message": "bad"}]}
    summary.record(422, problem)
    summary.record(422, problem)
    summary.record(None, reason="unreadable row: not JSON")
    text = summary.render()
    assert text.splitlines()[0] == "replay: sent 5, accepted 1, duplicates 1, rejected 3"
    assert "     2  422 Invalid request: body.received_at" in text
    assert "unreadable row: not JSON" in text


def test_a_problem_naming_one_field_is_grouped_by_it() -> None:
    assert problem_reason(403, {"title": "Forbidden", "field": "body.agency"}) == \
        "403 Forbidden: body.agency"
    assert problem_reason(500, None) == "500 error"


def test_the_progress_bar_draws_on_its_stream() -> None:
    stream = io.StringIO()
    summary = Summary(sent=2, accepted=1)
    Progress(4, stream, width=8).update(summary, force=True)
    assert stream.getvalue() == "\r[##......] 1/4  25% accepted 1 dup 0 rejected 0\n"
