"""Grading triage on a corpus of written call-taker narratives with expected responses.

The corpus files (``tests/triage_corpus/split_*.yaml``) are written blind, from a brief
(``tests/triage_corpus/BRIEF.md``), by writers who never saw the triage code or policy.
Each case names the units that must and must not go, and whether the call is a
behavioral-health crisis and/or a property crime. :func:`grade` turns decisions into the
figures the product is judged by:

* precision and recall of the ``behavioral_health`` tag and of ``property``. A call
  counts as a crisis call when it is tagged ``behavioral_health``, or tagged
  ``intoxication`` and routed to the crisis pathway: the brief counts intoxication
  "needing crisis support", and an intoxication the policy routes as an overdose (a
  medical call) is not that;
* a report the policy takes by phone meets a case's ``cso`` (the brief: "a report-taker
  call (or a phone report)");
* safety misses: police, EMS or fire required and not sent;
* diversion misses: a crisis or report call that should not get police and does, or whose
  crisis team / report taker is missing;
* a calibration table: decisions by confidence band, and how often each band was right.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from services.triage.engine import CallFacts, Decision, Policy, classify
from services.triage.evaluation import Score
from shared.events import UnitType

CORPUS_DIR = Path(__file__).resolve().parents[2] / "tests" / "triage_corpus"
SAFETY_UNITS = ("police", "ems", "fire")
DIVERSION_UNITS = frozenset({"bcr", "cso"})
BH_PATHWAY = "behavioral_health"
PHONE_REPORT_RULE = "property.report_only"
BANDS = ((0.0, 0.4), (0.4, 0.6), (0.6, 0.8), (0.8, 1.01))
UNIT_NAMES = frozenset(u.value for u in UnitType)


def served_by_phone(d: Decision) -> frozenset[str]:
    """A report the policy takes by phone is the report taker's work done by phone: the
    brief counts "a report-taker call (or a phone report)" alike, so it meets ``cso``."""
    if d.pathway == "property_report" and any(
            r.rule_id == PHONE_REPORT_RULE for r in d.reasons):
        return frozenset({"cso"})
    return frozenset()


def is_crisis_call(d: Decision) -> bool:
    """Whether a decision treats the call as a behavioral-health crisis (see above)."""
    return "behavioral_health" in d.tags or (
        "intoxication" in d.tags and d.pathway == BH_PATHWAY)


@dataclass(frozen=True)
class Case:
    id: str
    category: str
    call_type: str | None
    narrative: str
    behavioral_health: bool | None
    property_crime: bool | None
    must_send: frozenset[str]
    must_not_send: frozenset[str]
    screening: dict[str, bool] = field(default_factory=dict)

    @property
    def is_diversion(self) -> bool:
        return bool(self.must_send & DIVERSION_UNITS) or "police" in self.must_not_send


def read_cases(paths: Iterable[Path]) -> list[Case]:
    """Cases from one or more corpus files; a malformed case raises ValueError naming it."""
    out: list[Case] = []
    for path in paths:
        data: list[dict[str, Any]] = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        for raw in data:
            units = set(raw.get("must_send") or []) | set(raw.get("must_not_send") or [])
            if not units <= UNIT_NAMES:
                raise ValueError(f"{path.name} {raw.get('id')}: unknown units "
                                 f"{sorted(units - UNIT_NAMES)}")
            out.append(Case(
                id=str(raw["id"]), category=str(raw.get("category", "")),
                call_type=raw.get("call_type"), narrative=str(raw.get("narrative") or ""),
                behavioral_health=raw.get("behavioral_health"),
                property_crime=raw.get("property"),
                must_send=frozenset(raw.get("must_send") or []),
                must_not_send=frozenset(raw.get("must_not_send") or []),
                screening=dict(raw.get("screening") or {}),
            ))
    return out


@dataclass
class Outcome:
    case: Case
    decision: Decision
    sent: frozenset[str]
    missing: frozenset[str]  # must_send not sent
    wrong: frozenset[str]  # must_not_send sent
    bh: bool
    property_tag: bool

    @property
    def correct(self) -> bool:
        return not self.missing and not self.wrong

    @property
    def safety_missing(self) -> frozenset[str]:
        return self.missing & frozenset(SAFETY_UNITS)

    @property
    def diversion_miss(self) -> bool:
        return self.case.is_diversion and bool(
            ("police" in self.wrong) or (self.missing & DIVERSION_UNITS))


@dataclass
class Report:
    outcomes: list[Outcome]
    bh: Score
    prop: Score

    @property
    def safety_misses(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.safety_missing]

    @property
    def diversion_cases(self) -> int:
        return sum(o.case.is_diversion for o in self.outcomes)

    @property
    def diversion_misses(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.diversion_miss]

    def calibration(self) -> list[tuple[str, int, int, int]]:
        """(band, decisions, of which right, of which flagged for review) per band."""
        rows = []
        for lo, hi in BANDS:
            inside = [o for o in self.outcomes if lo <= o.decision.confidence < hi]
            rows.append((f"{lo:.1f}-{min(hi, 1.0):.1f}", len(inside),
                         sum(o.correct for o in inside),
                         sum(o.decision.review for o in inside)))
        return rows


def decide(case: Case, policy: Policy) -> Decision:
    return classify(CallFacts(call_type=case.call_type, narrative=case.narrative,
                              screening=case.screening), policy)


def grade(cases: list[Case], policy: Policy) -> Report:
    outcomes = []
    bh, prop = Score(), Score()
    for case in cases:
        d = decide(case, policy)
        sent = frozenset(u.value for u in d.units) | served_by_phone(d)
        o = Outcome(case, d, sent, case.must_send - sent, case.must_not_send & sent,
                    is_crisis_call(d), "property" in d.tags)
        bh.add(case.behavioral_health, o.bh)
        prop.add(case.property_crime, o.property_tag)
        outcomes.append(o)
    return Report(outcomes, bh, prop)
