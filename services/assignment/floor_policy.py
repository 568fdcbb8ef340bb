"""What the 911 floor's policy says, pure: per pathway, whether a recommendation is
dispatched at once or waits for a person, how long, and what happens when nobody
answers; the coded reasons and outcomes an action may give.

The default policy keeps dispatch automatic for every pathway (as before the floor had a
say). Safety never waits: police, EMS and fire recommended for a call with safety flags
go at once, whatever the policy says of the rest.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from pydantic import BaseModel, Field

from shared.events import UnitType

SAFETY_UNIT_TYPES = frozenset({UnitType.police, UnitType.ems, UnitType.fire})
# What "the recommendation goes" is called as the default on timeout.
RECOMMENDATION = "recommendation"

DEFAULT_REASON_CODES = [
    "agrees_with_recommendation", "clinical_judgement", "safety_concern",
    "caller_known_to_services", "caller_request", "more_information", "no_team_free",
    "other",
]
DEFAULT_OUTCOME_CODES = [
    "de_escalated", "safety_plan_made", "referred_to_services", "caller_declined_help",
    "no_further_action",
]


class FloorRule(BaseModel):
    """How one pathway's recommendations are dispatched."""

    pathway: str | None = Field(default=None, description="This pathway; None: any.",
                                examples=["behavioral_health"])
    dispatch: Literal["automatic", "confirm"] = Field(
        default="automatic", description="automatic: the units go at once; confirm: they "
        "wait for a dispatcher or clinician.", examples=["confirm"])
    wait_s: float = Field(default=60.0, gt=0, description="How long a confirmation is "
                          "waited for.", examples=[60.0])
    on_timeout: str = Field(
        default=RECOMMENDATION, description="When nobody answers: 'recommendation' (its "
        "units go) or the rule_id of a fallback rule (its units go instead, or as well).",
        examples=["recommendation"])


class FloorPolicy(BaseModel):
    """The floor's whole policy (``RR_FLOOR``, JSON)."""

    rules: list[FloorRule] = Field(default_factory=list,
                                   description="The first rule for the call's pathway "
                                               "applies; none: automatic.")
    confirm_on_review: bool = Field(
        default=False, description="A recommendation triage marks for review waits for "
        "confirmation even where its pathway's rule says automatic.")
    reason_codes: list[str] = Field(default_factory=lambda: list(DEFAULT_REASON_CODES),
                                    min_length=1)
    outcome_codes: list[str] = Field(default_factory=lambda: list(DEFAULT_OUTCOME_CODES),
                                     min_length=1)
    max_hold_s: float = Field(default=24 * 3600.0, gt=0,
                              description="Latest a call-back may be set, from now.")

    def rule_for(self, pathway: str | None) -> FloorRule:
        for rule in self.rules:
            if rule.pathway is None or rule.pathway == pathway:
                return rule
        return FloorRule()

    def waits(self, pathway: str | None, review: bool) -> FloorRule | None:
        """The rule a recommendation waits under, or None when it goes at once."""
        rule = self.rule_for(pathway)
        if rule.dispatch == "confirm":
            return rule
        if review and self.confirm_on_review:
            return rule.model_copy(update={"dispatch": "confirm"})
        return None


def split_for_safety(units: Iterable[UnitType], safety_flags: Iterable[str]
                     ) -> tuple[list[UnitType], list[UnitType]]:
    """(units that go at once, units that may wait for the floor): police, EMS and fire
    sent for a safety reason never wait."""
    flagged = any(True for _ in safety_flags)
    now: list[UnitType] = []
    later: list[UnitType] = []
    for unit_type in dict.fromkeys(units):
        (now if flagged and unit_type in SAFETY_UNIT_TYPES else later).append(unit_type)
    return now, later


def unknown_timeouts(policy: FloorPolicy, fallback_ids: Iterable[str]) -> list[str]:
    """The defaults on timeout that name no fallback rule (a policy to refuse at start)."""
    known = {RECOMMENDATION, *fallback_ids}
    return [r.on_timeout for r in policy.rules if r.on_timeout not in known]
