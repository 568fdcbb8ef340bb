"""How much a decision rests on, as a confidence and a call for review.

Confidence is built from what the evidence is, not tuned per sentence: a recognised call
type, narrative evidence that agrees with it, screening answers, and what weakens it
(spelling repaired, tags pointing to other pathways, a screening answer the notes
contradict). ``benchmarks/triage_narratives.py`` prints how often decisions in each
confidence band were right on the evaluation corpus, so the number can be checked.

A decision is flagged for review when it diverts the call from police (crisis team,
report taker, ambassador or a report by phone) on weak or conflicting evidence, or when a
screening answer conflicts with the notes: that is where a person's look pays.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from shared.events import UnitType

# Units whose dispatch without police is a diversion a person may want to confirm.
DIVERTED_TO = frozenset({UnitType.bcr, UnitType.cso, UnitType.ambassador})
# Below this confidence a diversion is flagged for review.
REVIEW_BELOW = 0.6


@dataclass(frozen=True)
class Grounds:
    mapped: bool  # a call-type entry matched
    mapped_agrees: bool  # and it points to the pathway chosen
    narrative_rules: int  # policy evidence rules that fired on the narrative
    corrections: int  # tokens whose spelling was repaired
    answered: int  # screening questions answered
    unclassified: bool
    diverted: bool
    read_only: bool = False  # the pathway rests on a tag only the learned reader found
    contradicted: list[str] = field(default_factory=list)
    competing: list[str] = field(default_factory=list)

    def confidence(self) -> float:
        if self.unclassified:
            return 0.3 if self.answered else 0.2
        if self.read_only:
            return 0.4 if self.answered else 0.35
        c = 0.45
        if self.mapped:
            c += 0.3 if self.mapped_agrees else 0.1
        c += min(0.2, 0.1 * self.narrative_rules)
        c += min(0.15, 0.05 * self.answered)
        c -= 0.05 * min(3, self.corrections)
        c -= 0.1 * min(2, len(self.competing))
        c -= 0.25 * len(self.contradicted)
        return round(max(0.05, min(0.99, c)), 2)

    def review_reason(self) -> str | None:
        if self.contradicted:
            return ("screening answered no to " + ", ".join(self.contradicted)
                    + " but the call says otherwise")
        if not self.diverted:
            return None
        if self.read_only:
            return "diversion rests on the learned reader alone; no rule recognised the call"
        if not self.mapped and self.narrative_rules <= 1 and not self.answered:
            return "diversion rests on one piece of narrative evidence and no screening answers"
        if self.narrative_rules == 0 and not self.answered:
            return "diversion rests on the call type alone; no narrative or screening answers"
        if self.competing:
            return "the call also fits " + ", ".join(self.competing)
        confidence = self.confidence()
        if confidence < REVIEW_BELOW:
            return f"diversion on weak evidence (confidence {confidence:.2f})"
        return None
