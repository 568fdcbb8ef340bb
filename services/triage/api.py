"""Triage's routes: the policy in force, and a dry run that shows why a call would go where."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, Field

from services.triage.engine import CallFacts, Decision, Policy, classify
from shared.auth import Role, require
from shared.events import Screening

PROBLEM: dict[str, Any] = {"content": {"application/problem+json": {}}}
router = APIRouter(prefix="/v1", tags=["triage"], responses={401: PROBLEM, 403: PROBLEM})


class PolicyPublic(BaseModel):
    policy_id: str = Field(examples=["rightresponse-default"])
    version: str = Field(examples=["1"])
    hash: str = Field(description="SHA-256 of the policy file in force.")
    pathways: list[str]


class CallToClassify(BaseModel):
    call_type: str | None = Field(default=None, max_length=200, examples=["THEFT RPT"])
    narrative: str | None = Field(default=None, max_length=10_000,
                                  examples=["bike stolen overnight, suspect gone"])
    cad_priority: str | None = Field(default=None, max_length=20)
    flags: dict[str, bool] = Field(default_factory=dict, max_length=20)
    screening: Screening | None = Field(
        default=None, description="The call-taker's screening answers (true, false or null).",
        examples=[{"weapons": False, "violence": False}])


def policy_in_force(request: Request) -> Policy:
    policy: Policy = request.app.state.policy
    return policy


@router.get("/policy", response_model=PolicyPublic,
            dependencies=[Depends(require(Role.admin, Role.auditor))])
def get_policy(request: Request) -> PolicyPublic:
    """The triage policy in force: id, version and content hash."""
    policy = policy_in_force(request)
    return PolicyPublic(policy_id=policy.policy_id, version=policy.version, hash=policy.hash,
                        pathways=[p.name for p in policy.pathways])


@router.post("/classify", response_model=Decision, responses={422: PROBLEM},
             dependencies=[Depends(require(Role.admin, Role.auditor, Role.cad))])
def classify_call(call: CallToClassify, request: Request) -> Decision:
    """Dry run: the decision triage would make for this call, with its reasons; nothing is sent."""
    answers = call.screening.answered() if call.screening is not None else {}
    facts = CallFacts(call_type=call.call_type, narrative=call.narrative,
                      cad_priority=call.cad_priority, flags=call.flags, screening=answers)
    return classify(facts, policy_in_force(request))
