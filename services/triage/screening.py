"""The call-taker's screening answers as triage evidence.

The standard screening questions (is there a weapon; is anyone being hurt or threatened;
is anyone injured or unwell; is the person suicidal with the means at hand; is the
suspect still there; is it happening now) decide safety everywhere. Their answers weigh
more than any reading of the narrative:

* a "yes" is authoritative: it raises the safety flag, and so the built-in override;
* a "no" is the evidence that lets a thinly described crisis or report be diverted from
  police. It never removes a flag the narrative or the CAD raised: a "no weapons" answer
  beside "he has a knife" in the notes keeps police and asks a person to look.
"""

from __future__ import annotations

from dataclasses import dataclass

# question -> the safety flag a "yes" raises
YES_FLAGS: dict[str, str] = {
    "weapons": "weapon",
    "violence": "violence",
    "injury": "injury",
    "suicidal_with_means": "imminent_risk",
    "suspect_on_scene": "suspect_on_scene",
    "in_progress": "in_progress",
}
# question -> the marker a "no" sets (see policy.SCREENING_MARKERS)
NO_MARKERS: dict[str, str] = {
    "weapons": "screened_no_weapons",
    "violence": "screened_no_violence",
    "in_progress": "screened_not_in_progress",
    "suspect_on_scene": "screened_suspect_gone",
}
# the questions whose "no" together mean the scene is safe for unarmed staff
SAFETY_QUESTIONS = ("weapons", "violence", "suicidal_with_means")


@dataclass(frozen=True)
class ScreeningEvidence:
    rule_id: str
    evidence: str
    tags: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()
    markers: tuple[str, ...] = ()


def evidence(answers: dict[str, bool]) -> list[ScreeningEvidence]:
    """What the answers say, one entry per answered question (and one for a safe scene)."""
    out: list[ScreeningEvidence] = []
    for question in YES_FLAGS:
        if question not in answers:
            continue
        rule_id = f"screening.{question}"
        if answers[question]:
            tags = ("behavioral_health",) if question == "suicidal_with_means" else ()
            out.append(ScreeningEvidence(rule_id, f"screening.{question}: yes", tags=tags,
                                         flags=(YES_FLAGS[question],)))
        else:
            marker = NO_MARKERS.get(question)
            out.append(ScreeningEvidence(rule_id, f"screening.{question}: no",
                                         markers=(marker,) if marker else ()))
    if all(answers.get(q) is False for q in SAFETY_QUESTIONS):
        out.append(ScreeningEvidence("screening.safe", "screening: no weapon, no violence, "
                                     "no suicide risk with means", markers=("screened_safe",)))
    return out


def contradictions(answers: dict[str, bool], flags: dict[str, None]) -> list[str]:
    """Questions answered "no" whose flag other evidence raised anyway."""
    return [q for q, flag in YES_FLAGS.items()
            if answers.get(q) is False and flag in flags]
