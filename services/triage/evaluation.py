"""Measuring triage tags against a labelled list of real CAD call types.

Used by ``benchmarks/triage_calltypes.py`` and by the test that keeps precision and
recall from regressing. The reference is the Vera Institute / Two Sigma Data Clinic
category of each call-type string (``calltypes_dev.csv``), weighted by call count.
Their labels are debatable in places; an *adjudication* file lists the strings where we
judge the label wrong for routing, with a reason per entry, and figures are given both
raw and after adjudication. Call types the reference left without a category are not
scored (they are neither evidence for a tag nor against it).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from services.triage.engine import CallFacts, Policy, classify

# our tag -> the reference category it is measured against
TARGETS: dict[str, str] = {
    "behavioral_health": "Behavioral Health",
    "property": "Property Crime",
}


@dataclass(frozen=True)
class Row:
    city: str
    source_column: str
    call_type: str
    count: int
    category: str


@dataclass
class Score:
    tp: float = 0.0
    fp: float = 0.0
    fn: float = 0.0

    def add(self, expected: bool | None, predicted: bool, weight: float = 1.0) -> None:
        """Count one labelled item (``expected`` None: not labelled, not counted)."""
        if expected is None:
            return
        if predicted:
            if expected:
                self.tp += weight
            else:
                self.fp += weight
        elif expected:
            self.fn += weight

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Disagreement:
    call_type: str
    count: int
    category: str
    predicted: bool
    adjudicated: str | None = None


@dataclass
class TagReport:
    tag: str
    category: str
    weighted: Score = field(default_factory=Score)
    unweighted: Score = field(default_factory=Score)
    weighted_adj: Score = field(default_factory=Score)
    unweighted_adj: Score = field(default_factory=Score)
    disagreements: list[Disagreement] = field(default_factory=list)
    unlabelled: int = 0


def read_rows(path: Path) -> list[Row]:
    with path.open(newline="", encoding="utf-8") as fh:
        return [
            Row(r["city"], r["source_column"], r["call_type"], int(r["count"]), r["category"])
            for r in csv.DictReader(fh)
        ]


@dataclass(frozen=True)
class Adjudication:
    carries_tag: bool
    reason: str
    call_type: str | None = None
    starts_with: str | None = None

    def matches(self, call_type: str) -> bool:
        if self.call_type is not None:
            return call_type == self.call_type
        return self.starts_with is not None and call_type.startswith(self.starts_with)


def read_adjudications(path: Path | None) -> dict[str, list[Adjudication]]:
    """Per tag, the strings whose reference label we overrule (see the YAML's header)."""
    if path is None or not path.exists():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    out: dict[str, list[Adjudication]] = {}
    for tag, sections in data.items():
        entries: list[Adjudication] = []
        for carries, key in ((True, "is"), (False, "is_not")):
            for item in (sections or {}).get(key, []) or []:
                entries.append(Adjudication(
                    carries, " ".join(str(item["reason"]).split()),
                    item.get("call_type"), item.get("starts_with"),
                ))
        out[str(tag)] = entries
    return out


def _adjudicated(entries: list[Adjudication], call_type: str) -> Adjudication | None:
    return next((a for a in entries if a.matches(call_type)), None)


def _add(score: Score, truth: bool, pred: bool, weight: float) -> None:
    if pred and truth:
        score.tp += weight
    elif pred:
        score.fp += weight
    elif truth:
        score.fn += weight


def evaluate(
    rows: Iterable[Row], policy: Policy,
    adjudications: dict[str, list[Adjudication]] | None = None,
) -> dict[str, TagReport]:
    adjudications = adjudications or {}
    reports = {tag: TagReport(tag, cat) for tag, cat in TARGETS.items()}
    for row in rows:
        if not row.category:
            # left open by the reference: no evidence either way, so not scored
            for rep in reports.values():
                rep.unlabelled += 1
            continue
        tags = set(classify(CallFacts(call_type=row.call_type), policy).tags)
        for tag, rep in reports.items():
            truth = row.category == rep.category
            pred = tag in tags
            _add(rep.weighted, truth, pred, row.count)
            _add(rep.unweighted, truth, pred, 1)
            adj = _adjudicated(adjudications.get(tag, []), row.call_type)
            truth_adj = adj.carries_tag if adj is not None else truth
            _add(rep.weighted_adj, truth_adj, pred, row.count)
            _add(rep.unweighted_adj, truth_adj, pred, 1)
            if truth != pred:
                rep.disagreements.append(Disagreement(
                    row.call_type, row.count, row.category, pred,
                    adj.reason if adj is not None and truth_adj == pred else None,
                ))
    for rep in reports.values():
        rep.disagreements.sort(key=lambda d: (-d.count, d.call_type))
    return reports
