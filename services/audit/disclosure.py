"""Disclosure control, pure: which counts of one week may be published.

The public figures are a fixed set of cells: one local ISO week x a table x a group. Every
query answers with whole weeks' cells, never with a sum cut to its own range, so no two
queries differ by anything but whole cells, and every published count is 0 or at least
``k`` (10). Within a week:

- An attribute's values are grouped once (:func:`group_values`), and every table of the
  week that uses the attribute uses that grouping: a value under ``k`` is never named; it
  joins "other" (within its family first, so a family's total stays exact), and when
  "other" itself would be under ``k`` the smallest named group joins it too, so that no
  total minus the named groups leaves a small count. A week under ``k`` calls publishes
  nothing.
- A cross table (rows x columns, both grouped) publishes a row only when each of its cells
  is 0 or at least ``k``; the rows withheld must together hold 0 or at least ``k`` calls
  in every column (the row and column totals are published, so their difference is
  known), else more rows are withheld, smallest first. Withheld rows are at least two, so
  their cells stay undetermined by the totals.
- A percentile is published for a group of at least ``k`` measured calls, never the count.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

OTHER = "other"


@dataclass
class Grouping:
    """An attribute's published groups in one week: group name → its values."""

    groups: dict[str, list[str]] = field(default_factory=dict)

    def group_of(self) -> dict[str, str]:
        return {v: g for g, values in self.groups.items() for v in values}


def _fold(counts: Mapping[str, int], values: list[str], k: int) -> tuple[list[str], list[str]]:
    """Values named (each ≥ k) and folded, so the folded hold 0 or at least k together."""
    named = sorted((v for v in values if counts[v] >= k), key=lambda v: (counts[v], v))
    rest = [v for v in values if counts[v] < k]
    while 0 < sum(counts[v] for v in rest) < k and named:
        rest.append(named.pop(0))
    return sorted(named), sorted(rest)


def group_values(counts: Mapping[str, int], k: int,
                 family: Callable[[str], str | None] = lambda v: None) -> Grouping | None:
    """The week's grouping of one attribute, or None when its calls are fewer than k."""
    counts = {v: n for v, n in counts.items() if n > 0}
    if sum(counts.values()) < k:
        return None
    families: dict[str | None, list[str]] = defaultdict(list)
    for v in counts:
        families[family(v)].append(v)
    groups: dict[str, list[str]] = {}
    leftover: list[str] = []
    for fam, values in sorted(families.items(), key=lambda kv: str(kv[0])):
        if fam is None:
            leftover += values
            continue
        named, rest = _fold(counts, values, k)
        groups.update({v: [v] for v in named})
        if sum(counts[v] for v in rest) >= k:
            groups[f"{OTHER}_{fam}"] = rest
        else:
            leftover += rest
    named, rest = _fold(counts, leftover, k)
    groups.update({v: [v] for v in named})
    size = {g: sum(counts[v] for v in vs) for g, vs in groups.items()}
    while 0 < sum(counts[v] for v in rest) < k:
        smallest = min(size, key=lambda g: (size[g], g))
        rest += groups.pop(smallest)
        del size[smallest]
    if rest:
        groups[OTHER] = sorted(rest)
    return Grouping(groups)


def grouped_counts(counts: Mapping[str, int], grouping: Grouping) -> dict[str, int]:
    of = grouping.group_of()
    out: dict[str, int] = dict.fromkeys(grouping.groups, 0)
    for v, n in counts.items():
        if n > 0:
            out[of[v]] += n
    return out


def cross_table(counts: Mapping[tuple[str, str], int], rows: Grouping, cols: Grouping,
                k: int) -> dict[str, dict[str, int]]:
    """The publishable rows of a rows x columns table (see the module docstring)."""
    row_of, col_of = rows.group_of(), cols.group_of()
    cells: dict[str, dict[str, int]] = {r: dict.fromkeys(cols.groups, 0) for r in rows.groups}
    for (x, y), n in counts.items():
        if n > 0:
            cells[row_of[x]][col_of[y]] += n
    withheld = {r for r, row in cells.items() if any(0 < n < k for n in row.values())}

    def unsafe() -> bool:
        return any(0 < sum(cells[r][c] for r in withheld) < k for c in cols.groups) or (
            len(withheld) == 1)

    while withheld and unsafe():
        shown = [r for r in cells if r not in withheld]
        if not shown:
            return {}
        withheld.add(min(shown, key=lambda r: (sum(cells[r].values()), r)))
    return {r: row for r, row in cells.items() if r not in withheld}


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100) of a non-empty list."""
    ordered = sorted(values)
    return ordered[max(1, math.ceil(p / 100 * len(ordered))) - 1]


def interval_figures(values: list[float], k: int) -> dict[str, Any] | None:
    """Median and 90th percentile of at least k measured calls, else None."""
    if len(values) < k:
        return None
    return {"p50_s": round(percentile(values, 50), 1), "p90_s": round(percentile(values, 90), 1)}
