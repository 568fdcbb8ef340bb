"""The program figures, pure: what each call counts as, whole-week ranges, district
polygons and the grouping of small values."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from services.audit.disclosure import cross_table, group_values, grouped_counts
from services.audit.districts import district_at, load_districts, parse_districts
from services.audit.program import RangeRefused, program_figures, week_range
from services.audit.program_facts import mark_repeats, program_calls
from services.audit.rollups import day_rows, records
from services.audit.settings import AuditSettings
from shared.stack import development_env

CHICAGO = ZoneInfo("America/Chicago")
T0 = datetime(2026, 3, 3, 5, 30, tzinfo=UTC)  # 23:30 on Monday 2 March in Chicago


def _row(kind: str, call: str, at: datetime, **extra: Any) -> dict[str, Any]:
    return {"kind": kind, "call_id": call, "occurred_at": at.isoformat(), **extra}


def _calls(*events: dict[str, Any], received: dict[str, Any] | None = None) -> list[Any]:
    return program_calls(list(events), received or {})


def test_intervals_run_from_the_cads_own_receipt_to_each_first_report() -> None:
    cad = T0 - timedelta(minutes=2)  # the CAD received it two minutes before it sent it
    [call] = _calls(
        _row("received", "c1", T0), _row("triaged", "c1", T0, pathway="bh", units=["bcr"]),
        _row("assigned", "c1", T0 + timedelta(seconds=40), unit_type="bcr"),
        _row("en_route", "c1", T0 + timedelta(seconds=70)),
        _row("on_scene", "c1", T0 + timedelta(minutes=9)),
        _row("on_scene", "c1", T0 + timedelta(minutes=12)),
        _row("cleared", "c1", T0 + timedelta(minutes=50), outcome="referred_to_services"),
        received={"c1": {"received_at": cad.isoformat(), "location": {"district": "3"}}})
    assert call.seconds("dispatch") == 160 and call.seconds("en_route") == 190
    assert call.seconds("arrival") == 11 * 60 and call.seconds("clear") == 52 * 60
    attrs = call.attributes(CHICAGO)
    assert attrs["hour"] == "23" and call.local_day(CHICAGO) == date(2026, 3, 2)
    assert (attrs["response"], attrs["crisis"], attrs["outcome"], attrs["district"]) == (
        "bcr", "served", "referred_to_services", "3")


@pytest.mark.parametrize(("events", "response", "crisis"), [
    ([_row("transferred", "c", T0, to="988")], "transfer_988", "unmet"),
    ([_row("phone_resolved", "c", T0)], "resolved_by_phone", "unmet"),
    ([_row("assigned", "c", T0, unit_type="bcr"), _row("assigned", "c", T0, unit_type="police")],
     "police", "served"),
    ([_row("overridden", "c", T0), _row("police_now", "c", T0)], "police", "unmet"),
    ([_row("assigned", "c", T0, unit_type="ems")], "ems_fire_only", "unmet"),
    ([], "unanswered", "unmet"),
])
def test_the_response_that_answered_a_call(events: list[dict[str, Any]], response: str,
                                           crisis: str) -> None:
    [call] = _calls(_row("received", "c", T0),
                    _row("triaged", "c", T0, pathway="bh", units=["bcr"]), *events)
    assert (call.response, call.crisis) == (response, crisis)
    assert call.floor == ("overridden" if any(e["kind"] == "overridden" for e in events)
                          else "none")


def test_ems_or_fire_asked_alone_is_apart_and_no_unit_is_a_report() -> None:
    [fire] = _calls(_row("received", "f", T0), _row("triaged", "f", T0, units=["fire", "ems"]))
    [report] = _calls(_row("received", "r", T0), _row("triaged", "r", T0, units=[]))
    assert fire.response == "ems_fire_only" and fire.crisis == "not_eligible"
    assert report.response == "phone_online_report"
    # an untriaged call is not counted at all
    assert _calls(_row("received", "u", T0)) == []


def test_a_repeat_call_is_one_to_the_same_place_within_30_days() -> None:
    place = {"location": {"address": "2633  Minnehaha Ave"}}
    calls = _calls(*(e for c in ("a", "b") for e in (
        _row("received", c, T0), _row("triaged", c, T0, units=[]))),
        received={"a": {**place, "received_at": (T0 - timedelta(days=2)).isoformat()},
                  "b": {"location": {"address": "2633 minnehaha ave"},
                        "received_at": T0.isoformat()}})
    mark_repeats(calls, [("a:2633 minnehaha ave", T0 - timedelta(days=40))])
    assert [c.repeat for c in calls] == [False, True]


def test_public_ranges_are_whole_days_snapped_to_settled_weeks_and_capped() -> None:
    today = date(2026, 3, 25)  # a Wednesday
    r = week_range("2026-03-04", "2026-03-10", today, max_weeks=53, settle_days=2)
    assert (r.first, r.last, r.snapped) == (date(2026, 3, 2), date(2026, 3, 15), True)
    # the week that ended three days ago has settled; this week has not
    assert week_range(None, None, today, max_weeks=53, settle_days=2).last == date(2026, 3, 22)
    assert week_range("2026-03-16", "2026-03-29", today, max_weeks=53,
                      settle_days=2).last == date(2026, 3, 22)
    for bad in ("2026-03-04T10:00:00", "2026-03-04 10:00", "yesterday", "2026-3-4"):
        with pytest.raises(RangeRefused, match="whole local day"):
            week_range(bad, None, today, max_weeks=53, settle_days=2)
    with pytest.raises(RangeRefused, match="after the last week published, which ends "
                                           "2026-03-22"):
        week_range("2026-03-24", None, today, max_weeks=53, settle_days=2)
    with pytest.raises(RangeRefused, match="at most 53 weeks"):
        week_range("2020-01-01", "2026-03-10", today, max_weeks=53, settle_days=2)
    # a demo may show the week in progress; production may not
    assert week_range(None, None, today, max_weeks=53, settle_days=2,
                      open_week=True).last == date(2026, 3, 29)
    assert any("RR_PUBLIC_INCLUDE_OPEN_WEEK" in p for p in AuditSettings(
        public_include_open_week=True).production_problems())
    assert not any("OPEN_WEEK" in p for p in AuditSettings().production_problems())


def test_a_local_run_shows_the_demo_citys_districts_and_the_week_in_progress(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name, value in development_env("development", {}).items():
        monkeypatch.setenv(name, value)
    settings = AuditSettings()
    assert settings.public_include_open_week
    districts = load_districts(settings.district_polygons_file)
    assert sorted(d.name for d in districts) == ["1", "2", "3", "4", "5"]
    assert district_at(districts, lat=44.9485, lon=-93.2400) == "3"  # E. Lake St.
    # what the developer set wins; a production run is given nothing
    assert "RR_PUBLIC_INCLUDE_OPEN_WEEK" not in development_env(
        "development", {"RR_PUBLIC_INCLUDE_OPEN_WEEK": "false"})
    assert development_env("production", {}) == {}


SQUARE = [[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]]
HOLE = [[4, 4], [6, 4], [6, 6], [4, 6], [4, 4]]


def test_a_call_is_placed_in_the_district_whose_polygon_holds_it() -> None:
    districts = parse_districts({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"district": "1"},
         "geometry": {"type": "Polygon", "coordinates": [SQUARE, HOLE]}},
        {"type": "Feature", "properties": {"name": "Downtown"},
         "geometry": {"type": "MultiPolygon", "coordinates": [[HOLE], [[[20, 0], [30, 0],
                                                                        [30, 5], [20, 0]]]]}},
    ]})
    assert district_at(districts, lat=2, lon=2) == "1"
    assert district_at(districts, lat=5, lon=5) == "Downtown"  # the hole is another district
    assert district_at(districts, lat=1, lon=25) == "Downtown"
    assert district_at(districts, lat=50, lon=50) is None
    assert district_at(districts, lat=None, lon=2) is None
    with pytest.raises(ValueError, match="FeatureCollection"):
        parse_districts({"type": "Feature"})


def test_small_values_are_never_named_and_other_is_never_small() -> None:
    g = group_values({"a": 40, "b": 12, "c": 3, "d": 4}, 10)
    assert g is not None and set(g.groups) == {"a", "other"}
    assert grouped_counts({"a": 40, "b": 12, "c": 3, "d": 4}, g) == {"a": 40, "other": 19}
    g = group_values({"a": 40, "b": 12, "c": 3, "d": 8}, 10)
    assert g is not None and grouped_counts({"a": 40, "b": 12, "c": 3, "d": 8}, g) == {
        "a": 40, "b": 12, "other": 11}
    assert group_values({"a": 5, "b": 4}, 10) is None
    family = {"bcr": "diverted", "cso": "diverted", "ambassador": "diverted",
              "police": "not_diverted"}.get
    g = group_values({"bcr": 30, "cso": 6, "ambassador": 5, "police": 50}, 10, family)
    assert g is not None and set(g.groups) == {"bcr", "police", "other_diverted"}


def test_a_cross_table_withholds_rows_until_no_small_cell_can_be_subtracted_out() -> None:
    rows = group_values({"1": 32, "2": 23, "3": 20}, 10)
    cols = group_values({"ne": 50, "unmet": 25}, 10)
    assert rows and cols
    cells = {("1", "ne"): 20, ("1", "unmet"): 12, ("2", "ne"): 20, ("2", "unmet"): 3,
             ("3", "ne"): 10, ("3", "unmet"): 10}
    # row 2 alone withheld would leave its unmet = 25 - 12 - 10 = 3: row 3 joins it
    assert cross_table(cells, rows, cols, 10) == {"1": {"ne": 20, "unmet": 12}}
    # and when no row can hide it, the whole table is withheld
    cells[("3", "unmet")], cells[("3", "ne")] = 0, 20
    assert cross_table(cells, rows, group_values({"ne": 60, "unmet": 15}, 10) or cols,
                       10) == {}


def test_ems_and_fire_only_calls_are_counted_apart_not_as_diversions() -> None:
    def call(day: int, response: str) -> tuple[str, dict[str, str], dict[str, float]]:
        attrs = {"district": "1", "pathway": "p", "hour": "10", "response": response,
                 "crisis": "not_eligible", "outcome": "not_cleared", "backup": "none",
                 "repeat": "first", "floor": "none"}
        return (date(2026, 3, 2 + day).isoformat(), attrs, {"dispatch": 60.0 + day})

    rows = day_rows([call(i % 7, r) for i, r in enumerate(
        ["bcr"] * 12 + ["ems_fire_only"] * 30 + ["police"] * 58)])
    weeks = week_range("2026-03-02", "2026-03-08", date(2026, 4, 1), max_weeks=53,
                       settle_days=2)
    figures = program_figures(rows, weeks, 10)
    summary = figures["summary"]
    assert summary["calls"] == 100 and summary["diversion_rate"] == 0.12
    assert summary["response_families"] == {"diverted": 12, "ems_fire_only": 30,
                                            "not_diverted": 58}
    [week] = figures["weeks"]
    assert week["intervals"]["dispatch"]["overall"] == {"p50_s": 63.0, "p90_s": 66.0}
    assert records([], CHICAGO) == []
