"""An attacker against the public program figures: random calls, random sequences of
public queries over overlapping ranges, and every number those answers publish taken as an
exact linear equation over the calls' finest cells (week x every attribute). The attacker
is told which values each "other" group holds. Whatever they combine, no count of a cell
of one call's attributes (or of one value of one attribute, or of one cross-table cell,
in a week) from 1 to 9 is ever determined, and nothing published is from 1 to 9."""

from __future__ import annotations

import itertools
import json
from datetime import date, timedelta
from typing import Any

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from services.audit.program import family_of, program_figures, week_range
from services.audit.program_facts import RESPONSE_FAMILY
from services.audit.rollups import ATTRIBUTES, CROSS, day_rows

K = 10
MONDAY = date(2026, 3, 2)
WEEKS = 3
DOMAINS: dict[str, tuple[str, ...]] = {
    "district": ("1", "2", "3"), "pathway": ("behavioral_health", "police"),
    "hour": ("08", "20"), "response": ("bcr", "police", "cso", "ems_fire_only"),
    "crisis": ("not_eligible", "served", "unmet"), "outcome": ("resolved_on_scene",
                                                               "not_cleared"),
    "backup": ("none", "requested"), "repeat": ("first", "repeat"),
    "floor": ("none", "overridden"),
}
ATOMS = [(w, combo) for w in range(WEEKS)
         for combo in itertools.product(*(DOMAINS[a] for a in ATTRIBUTES))]
INDEX = {atom: i for i, atom in enumerate(ATOMS)}


def _value(combo: tuple[str, ...], attribute: str) -> str:
    return combo[ATTRIBUTES.index(attribute)]


# Skewed choices make both big and small cells likely.
def _attribute(name: str) -> st.SearchStrategy[str]:
    values = DOMAINS[name]
    return st.sampled_from(values + (values[0],) * 3)


# Calls come in clusters alike in every attribute, so that big cells sit beside small ones.
CALLS = st.tuples(st.integers(0, WEEKS * 7 - 1),
                  st.fixed_dictionaries({a: _attribute(a) for a in ATTRIBUTES}),
                  st.integers(1, 14))
QUERY = st.tuples(st.integers(0, WEEKS * 7 - 1), st.integers(0, WEEKS * 7 - 1))


def _members(groups: list[str], attribute: str) -> dict[str, list[str]]:
    """What the attacker takes each published group to hold: a named value itself, an
    "other_<family>" the family's values not named, "other" every value left."""
    named = set(groups) - {g for g in groups if g.startswith("other")}
    out: dict[str, list[str]] = {g: [g] for g in named}
    rest = [v for v in DOMAINS[attribute] if v not in named]
    for g in groups:
        if g.startswith("other_"):
            out[g] = [v for v in rest if RESPONSE_FAMILY.get(v) == family_of(g)]
    taken = {v for vs in out.values() for v in vs}
    if "other" in groups:
        out["other"] = [v for v in rest if v not in taken]
    return out


def _equations(answer: dict[str, Any]) -> list[tuple[np.ndarray, int]]:
    """Every count the answer publishes, as (indicator over the atoms, value)."""
    found = []
    for week in answer["weeks"]:
        w = (date.fromisoformat(week["first_day"]) - MONDAY).days // 7
        mine = [atom for atom in ATOMS if atom[0] == w]

        def equation(test: Any, value: int, mine: list[Any] = mine) -> tuple[np.ndarray, int]:
            v = np.zeros(len(ATOMS))
            for atom in mine:
                if test(atom[1]):
                    v[INDEX[atom]] = 1
            return v, value

        if week["withheld"]:
            continue
        found.append(equation(lambda c: True, week["calls"]))
        members = {a: _members([c["group"] for c in week["attributes"][a]], a)
                   for a in ATTRIBUTES}
        for a in ATTRIBUTES:
            for cell in week["attributes"][a]:
                held = members[a][cell["group"]]
                found.append(equation(lambda c, a=a, held=held: _value(c, a) in held,
                                      cell["count"]))
        for x, y in CROSS:
            for row in week["cross"][f"{x}_by_{y}"]:
                for col, n in row["cells"].items():
                    rx, cy = members[x][row[x]], members[y][col]
                    found.append(equation(
                        lambda c, x=x, y=y, rx=rx, cy=cy: _value(c, x) in rx
                        and _value(c, y) in cy, n))
    return found


def _targets(truth: np.ndarray) -> list[tuple[str, np.ndarray]]:
    """What one call's group may be: its finest cell, one value of one attribute, one
    cross-table cell, each in one week."""
    out: list[tuple[str, np.ndarray]] = []
    for i, atom in enumerate(ATOMS):
        if 0 < truth[i] < K:
            v = np.zeros(len(ATOMS))
            v[i] = 1
            out.append((f"cell {atom}", v))
    for w in range(WEEKS):
        preds: list[tuple[str, Any]] = [
            (f"{a}={val}", lambda c, a=a, val=val: _value(c, a) == val)
            for a in ATTRIBUTES for val in DOMAINS[a]]
        preds += [(f"{x}={xv},{y}={yv}",
                   lambda c, x=x, y=y, xv=xv, yv=yv: _value(c, x) == xv and _value(c, y) == yv)
                  for x, y in CROSS for xv in DOMAINS[x] for yv in DOMAINS[y]]
        for name, test in preds:
            v = np.array([1.0 if atom[0] == w and test(atom[1]) else 0.0 for atom in ATOMS])
            if 0 < v @ truth < K:
                out.append((f"week {w} {name}", v))
    return out


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.data_too_large])
@given(clusters=st.lists(CALLS, min_size=1, max_size=40),
       queries=st.lists(QUERY, min_size=1, max_size=6))
def test_no_sequence_of_public_queries_reveals_a_small_group(
    clusters: list[tuple[int, dict[str, str], int]], queries: list[tuple[int, int]],
) -> None:
    truth = np.zeros(len(ATOMS))
    records = []
    calls = [(offset, attrs) for offset, attrs, n in clusters for _ in range(n)]
    for offset, attrs in calls:
        day = MONDAY + timedelta(days=offset)
        combo = tuple(attrs[a] for a in ATTRIBUTES)
        truth[INDEX[(offset // 7, combo)]] += 1
        records.append((day.isoformat(), attrs, {}))
    rows = day_rows(records)
    today = MONDAY + timedelta(weeks=WEEKS + 1)
    equations: list[tuple[np.ndarray, int]] = []
    for a, b in queries:
        first, last = MONDAY + timedelta(days=min(a, b)), MONDAY + timedelta(days=max(a, b))
        weeks = week_range(first.isoformat(), last.isoformat(), today, max_weeks=53,
                           settle_days=0)
        answer = json.loads(json.dumps(program_figures(
            [r for r in rows if weeks.first.isoformat() <= r["day"] <= weeks.last.isoformat()],
            weeks, K)))
        for week in answer["weeks"]:
            assert date.fromisoformat(week["first_day"]).weekday() == 0  # whole weeks only
        published = _equations(answer)
        for vector, value in published:
            assert value == 0 or value >= K, "a small count was published"
            assert vector @ truth == value, "the attacker's reading of a cell is wrong"
        equations += published
        summary = answer["summary"]
        assert summary["calls"] == sum(w["calls"] or 0 for w in answer["weeks"])
    if not equations:
        return
    matrix = np.unique(np.array([v for v, _ in equations]), axis=0)
    # The row space of everything published: a count is determined exactly when its
    # indicator lies in it.
    _, s, vt = np.linalg.svd(matrix, full_matrices=False)
    basis = vt[s > 1e-9 * s[0]]
    for name, target in _targets(truth):
        residual = target - basis.T @ (basis @ target)
        assert np.abs(residual).max() > 1e-6, f"{name} = {target @ truth} is revealed"
