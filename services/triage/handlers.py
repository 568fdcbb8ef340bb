"""Triage's event handlers: plain functions of (event, dependencies), in one map."""

from __future__ import annotations

import logging

from services.triage.engine import CallFacts, Policy, classify
from shared.events import CallReceived, CallTriaged, Envelope
from shared.kafka import Handler, Outgoing, event_for
from shared.topics import CALLS_TRIAGED

log = logging.getLogger(__name__)


def triage_call(call: CallReceived, policy: Policy) -> CallTriaged:
    facts = CallFacts(
        call_type=call.call_type, narrative=call.narrative, cad_priority=call.cad_priority,
        flags=call.flags,
    )
    decision = classify(facts, policy)
    return CallTriaged(**decision.model_dump(), location=call.location)


async def on_call_received(
    envelope: Envelope, call: CallReceived, *, policy: Policy, producer: str
) -> Outgoing:
    triaged = triage_call(call, policy)
    log.info("call triaged", extra={
        "call_id": envelope.call_id, "pathway": triaged.pathway,
        "units": [str(u) for u in triaged.units],
    })
    return [event_for(CALLS_TRIAGED, triaged, producer=producer, call_id=envelope.call_id,
                      cause=envelope)]


def build_handlers(policy: Policy, producer: str) -> dict[str, Handler]:
    async def received(envelope: Envelope, payload: CallReceived) -> Outgoing:
        return await on_call_received(envelope, payload, policy=policy, producer=producer)

    return {"CallReceived": received}
