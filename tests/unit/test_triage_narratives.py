"""Realistic narratives (tests/unit/triage_narratives.yaml) get the response a
dispatcher would expect: the crisis team alone when it is safe, police when there is a
weapon, violence or a crime under way, EMS for a medical emergency, a report when
nothing needs attending."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from services.triage.engine import CallFacts, Decision, Policy, classify, load_policy

CASES: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).with_name("triage_narratives.yaml")).read_text(encoding="utf-8")
)["cases"]


@pytest.fixture(scope="module")
def policy() -> Policy:
    return load_policy()


def _decide(case: dict[str, Any], policy: Policy) -> Decision:
    return classify(
        CallFacts(call_type=case.get("call_type"), narrative=case.get("narrative"),
                  flags=case.get("flags_in", {})),
        policy,
    )


def test_there_are_at_least_sixty_cases() -> None:
    assert len(CASES) >= 60
    assert len({c["id"] for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_narrative(case: dict[str, Any], policy: Policy) -> None:
    d = _decide(case, policy)
    why = f"{d.pathway} {[u.value for u in d.units]} tags={d.tags} flags={d.safety_flags}"
    # "may_add": units a reading of the call may add beside the required ones (a crisis
    # team riding with police), neither required nor wrong
    optional = set(case.get("may_add", []))
    sent = {u.value for u in d.units}
    assert sorted(sent - optional) == sorted(set(case["units"]) - optional), why
    if "pathway" in case:
        assert d.pathway == case["pathway"], why
    for tag in case.get("tags", []):
        assert tag in d.tags, why
    for tag in case.get("not_tags", []):
        assert tag not in d.tags, why
    for flag in case.get("flags", []):
        assert flag in d.safety_flags, why
    for flag in case.get("not_flags", []):
        assert flag not in d.safety_flags, why
    assert d.reasons, "every decision says why"
