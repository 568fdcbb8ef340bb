"""The public program figures: whole local ISO weeks of the daily rollups, each week's
cells published under the rules of :mod:`services.audit.disclosure`.

A public range is whole local days, snapped out to whole weeks (Monday to Sunday in the
agency's time zone), and ends at the last week that has settled (ended at least
``settle_days`` ago), so a week's cells stop changing before they are shown. A range
longer than ``max_weeks`` is refused: a request reads at most that many weeks of rollups.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from services.audit.disclosure import (
    Grouping,
    cross_table,
    group_values,
    grouped_counts,
    interval_figures,
)
from services.audit.program_facts import INTERVALS, RESPONSE_FAMILY
from services.audit.rollups import ATTRIBUTES, CROSS, TIMED_BY

DEFAULT_WEEKS = 12


class RangeRefused(ValueError):
    """A public range that is not whole local days, or longer than allowed."""


@dataclass(frozen=True)
class WeekRange:
    first: date  # a Monday
    last: date  # a Sunday
    snapped: bool

    @property
    def weeks(self) -> list[date]:
        return [self.first + timedelta(weeks=i)
                for i in range((self.last - self.first).days // 7 + 1)]


def parse_day(value: str, name: str) -> date:
    try:
        if len(value) != 10:
            raise ValueError
        return date.fromisoformat(value)
    except ValueError:
        raise RangeRefused(f"'{name}' must be a whole local day, YYYY-MM-DD (public figures "
                           "are whole weeks of whole days; times are not accepted)") from None


def week_range(start: str | None, end: str | None, today: date, *, max_weeks: int,
               settle_days: int, open_week: bool = False) -> WeekRange:
    """The weeks a public request covers (see the module docstring); with ``open_week``
    (development and demos only) up to the week in progress."""
    settled_end = today - timedelta(days=settle_days)
    latest = settled_end - timedelta(days=settled_end.weekday() + 1)  # last settled Sunday
    if open_week:
        latest = today + timedelta(days=6 - today.weekday())
    last = parse_day(end, "to") if end else latest
    first = parse_day(start, "from") if start else last - timedelta(weeks=DEFAULT_WEEKS - 1)
    if first > last:
        raise RangeRefused("'from' must not be after 'to'" if end else
                           f"'from' is after the last week published, which ends {latest}")
    monday = first - timedelta(days=first.weekday())
    sunday = min(last + timedelta(days=6 - last.weekday()), latest)
    snapped = (monday, sunday) != (first, last)
    if sunday < monday:
        return WeekRange(monday, monday - timedelta(days=1), snapped)  # nothing settled yet
    weeks = (sunday - monday).days // 7 + 1
    if weeks > max_weeks:
        raise RangeRefused(f"a public range may cover at most {max_weeks} weeks; this one "
                           f"covers {weeks}")
    return WeekRange(monday, sunday, snapped)


def family_of(group: str) -> str | None:
    if group.startswith("other_"):
        return group.removeprefix("other_")
    return RESPONSE_FAMILY.get(group)


def _family(value: str) -> str | None:
    return RESPONSE_FAMILY.get(value)


def _week_label(monday: date) -> str:
    year, week, _ = monday.isocalendar()
    return f"{year}-W{week:02d}"


def week_figures(rows: Iterable[Mapping[str, Any]], monday: date, k: int) -> dict[str, Any]:
    """One week's published cells from its days' rollup rows."""
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    seconds: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    for r in rows:
        if r["values_json"] is not None:
            seconds[r["figure"]][r["key"]] += json.loads(r["values_json"])
        else:
            counts[r["figure"]][r["key"]] += int(r["count"])
    week: dict[str, Any] = {"week": _week_label(monday), "first_day": monday.isoformat(),
                            "last_day": (monday + timedelta(days=6)).isoformat()}
    total = sum(counts["calls"].values())
    groupings: dict[str, Grouping] = {}
    for name in ATTRIBUTES:
        grouping = group_values(counts[f"a:{name}"], k, _family if name == "response"
                                else lambda v: None)
        if grouping is None:
            return {**week, "calls": None, "withheld": True}
        groupings[name] = grouping
    week["calls"], week["withheld"] = total, False
    week["attributes"] = {
        name: [{"group": g, "count": n} for g, n in sorted(
            grouped_counts(counts[f"a:{name}"], g_).items())]
        for name, g_ in groupings.items()}
    week["cross"] = {}
    for x, y in CROSS:
        cells = {tuple(json.loads(key)): n for key, n in counts[f"x:{x}:{y}"].items()}
        table = cross_table(cells, groupings[x], groupings[y], k)
        week["cross"][f"{x}_by_{y}"] = [{x: r, "cells": row} for r, row in sorted(table.items())]
    # The seconds measured, by published group: for the range's percentiles (never shown).
    values: dict[tuple[str, str, str], list[float]] = defaultdict(list)
    for interval in INTERVALS:
        values[(interval, "overall", "")] += seconds[f"t:{interval}"].get("", [])
        for by in TIMED_BY:
            of = groupings[by].group_of()
            for value, vs in seconds[f"t:{interval}:{by}"].items():
                values[(interval, by, of[value])] += vs
    week["intervals"] = interval_table(values, k)
    week[VALUES] = values
    return week


VALUES = "_values"


def interval_table(values: Mapping[tuple[str, str, str], list[float]], k: int,
                   ) -> dict[str, Any]:
    """Median and 90th percentile of each interval, overall and by group (≥ k measured)."""
    table: dict[str, Any] = {}
    for interval in INTERVALS:
        entry: dict[str, Any] = {"overall": interval_figures(
            list(values.get((interval, "overall", ""), [])), k)}
        for by in TIMED_BY:
            entry[f"by_{by}"] = [
                {by: g, **figs} for (i, b, g), vs in sorted(values.items())
                if i == interval and b == by
                and (figs := interval_figures(list(vs), k)) is not None]
        table[interval] = entry
    return table


def range_summary(weeks: list[dict[str, Any]], k: int) -> dict[str, Any]:
    """Sums over the range of the weeks' published cells only, and the percentiles of
    the range by the weeks' published groups."""
    shown = [w for w in weeks if not w["withheld"]]
    summary: dict[str, Any] = {"calls": sum(w["calls"] for w in shown),
                               "weeks_published": len(shown),
                               "weeks_withheld": len(weeks) - len(shown)}
    for name in ATTRIBUTES:
        sums: dict[str, int] = defaultdict(int)
        for w in shown:
            for cell in w["attributes"][name]:
                sums[cell["group"]] += cell["count"]
        summary[name] = [{"group": g, "count": n} for g, n in sorted(sums.items())]
    families: dict[str, int] = defaultdict(int)
    for cell in summary["response"]:
        families[family_of(cell["group"]) or "mixed"] += cell["count"]
    summary["response_families"] = dict(sorted(families.items()))
    # Calls folded into the generic "other" could be of any family: with some, the rate
    # cannot be told without them, so it is withheld rather than understated.
    exact = summary["calls"] and not families.get("mixed")
    summary["diversion_rate"] = (round(families.get("diverted", 0) / summary["calls"], 4)
                                 if exact else None)
    summary["cross"] = {}
    for x, y in CROSS:
        cells: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        for w in shown:
            for row in w["cross"][f"{x}_by_{y}"]:
                for col, n in row["cells"].items():
                    cells[row[x]][col] += n
        summary["cross"][f"{x}_by_{y}"] = [{x: r, "cells": dict(sorted(c.items()))}
                                           for r, c in sorted(cells.items())]
    values: dict[tuple[str, str, str], list[float]] = defaultdict(list)
    for w in shown:
        for key, vs in w[VALUES].items():
            values[key] += vs
    summary["intervals"] = interval_table(values, k)
    return summary


def program_figures(rows: Sequence[Mapping[str, Any]], weeks: WeekRange, k: int,
                    ) -> dict[str, Any]:
    by_week: dict[date, list[Mapping[str, Any]]] = defaultdict(list)
    for r in rows:
        day = date.fromisoformat(r["day"])
        by_week[day - timedelta(days=day.weekday())].append(r)
    published = [week_figures(by_week.get(m, []), m, k) for m in weeks.weeks]
    summary = range_summary(published, k)
    for week in published:
        week.pop(VALUES, None)
    return {"weeks": published, "summary": summary,
            "response_families": {g: f for g, f in RESPONSE_FAMILY.items()}}
