"""What the wording-family tests share: the shipped policy, one call decided, its units."""

from __future__ import annotations

from hypothesis import strategies as st

from services.triage.engine import CallFacts, Decision, classify, load_policy
from shared.events import UnitType

POLICY = load_policy()
# Call-taker filler a family's members are drawn with, so no test passes on one wording.
fillers = st.sampled_from(["", "rp on scene.", "callback good.", "apt 2.", "RP STS."])


def decide(narrative: str, call_type: str | None = None) -> Decision:
    return classify(CallFacts(call_type=call_type, narrative=narrative), POLICY)


def units(d: Decision) -> set[UnitType]:
    return set(d.units)
