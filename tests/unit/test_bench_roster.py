"""The bench's roster: copies of the demo roster that assignment can load."""

from __future__ import annotations

from pathlib import Path

import yaml

from benchmarks.e2e.stack import DEMO_ROSTER, make_roster
from services.assignment.roster_file import roster_areas, roster_rules, roster_units


def test_the_bench_roster_loads_with_the_demo_rosters_kinds_areas_and_rules(
        tmp_path: Path) -> None:
    roster = tmp_path / "elsewhere" / "roster.yaml"
    roster.parent.mkdir()
    unit_ids = make_roster(roster, copies=3)

    demo_units = yaml.safe_load(DEMO_ROSTER.read_text())["units"]
    units = roster_units(roster)  # a unit naming a kind the copy lost would raise
    assert [u["unit_id"] for u in units] == unit_ids
    assert len(units) == 3 * len(demo_units)
    assert len(set(unit_ids)) == len(unit_ids)
    assert not any("shift" in u for u in units)  # on duty at any hour
    by_id = {u["unit_id"]: u for u in units}
    assert by_id[f"{demo_units[0]['unit_id']}-B2"]["station"] == demo_units[0]["station"]
    # The kinds filled in their capabilities, and the areas and rules came along.
    assert any(u.get("capabilities") for u in units)
    assert {a.name for a in roster_areas(roster)} == {a.name for a in roster_areas(DEMO_ROSTER)}
    assert roster_rules(roster) == roster_rules(DEMO_ROSTER)
