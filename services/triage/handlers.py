"""Triage's event handlers: plain functions of (event, dependencies), in one map."""

from __future__ import annotations

import logging

from services.triage.engine import CallFacts, Decision, Policy, classify, explain_change
from services.triage.policy_archive import PolicyAnnouncer
from services.triage.store import DecisionStore
from shared.events import CallReceived, CallTriaged, CallUpdated, Envelope
from shared.kafka import BatchHandler, Handler, Outgoing, event_for
from shared.topics import CALLS_TRIAGED

log = logging.getLogger(__name__)


def decide(call: CallReceived, policy: Policy) -> Decision:
    # A CAD code and its description together match better than either alone.
    call_type = " ".join(filter(None, [call.call_type, call.call_type_description])) or None
    answers = call.screening.answered() if call.screening is not None else {}
    return classify(CallFacts(call_type=call_type, narrative=call.narrative,
                              cad_priority=call.cad_priority, flags=call.flags,
                              screening=answers), policy)


def triaged_event(
    envelope: Envelope, call: CallReceived, decision: Decision, *, producer: str,
    previous: Decision | None = None,
) -> Outgoing:
    changes = explain_change(previous, decision) if previous is not None else []
    triaged = CallTriaged(**decision.model_dump(), location=call.location, agency=call.agency,
                          retriage=previous is not None, changes=changes)
    log.info("call triaged", extra={
        "call_id": envelope.call_id, "pathway": triaged.pathway,
        "units": [str(u) for u in triaged.units],
    })
    return [event_for(CALLS_TRIAGED, triaged, producer=producer, call_id=envelope.call_id,
                      cause=envelope)]


def first_use(announcer: PolicyAnnouncer | None, cause: Envelope) -> Outgoing:
    """The policy version's text, sent with the first decision made under it."""
    return announcer.first_use(cause) if announcer is not None else []


def build_handlers(policy: Policy, store: DecisionStore, producer: str,
                   announcer: PolicyAnnouncer | None = None) -> dict[str, Handler]:
    async def received(envelope: Envelope, call: CallReceived) -> Outgoing:
        decision = decide(call, policy)
        store.save([str(envelope.event_id)], [(str(envelope.call_id), decision)])
        return [*first_use(announcer, envelope),
                *triaged_event(envelope, call, decision, producer=producer)]

    async def updated(envelope: Envelope, call: CallUpdated) -> Outgoing:
        """Re-triage the call as it now stands; say what changed and why."""
        call_id = str(envelope.call_id)
        previous = store.current(call_id)
        decision = decide(call, policy)
        store.save([str(envelope.event_id)], [(call_id, decision)])
        if previous is not None and previous == decision:
            log.info("update changed nothing in the decision", extra={"call_id": call_id})
            return []
        return [*first_use(announcer, envelope),
                *triaged_event(envelope, call, decision, producer=producer,
                               previous=previous)]

    return {"CallReceived": received, "CallUpdated": updated}


def build_batch_handlers(policy: Policy, store: DecisionStore, producer: str,
                         announcer: PolicyAnnouncer | None = None
                         ) -> dict[str, BatchHandler]:
    async def received_many(items: list[tuple[Envelope, CallReceived]]) -> Outgoing:
        """New calls of one poll: decided one by one, recorded in one write."""
        decided = [(envelope, call, decide(call, policy)) for envelope, call in items]
        store.save([str(envelope.event_id) for envelope, _ in items],
                   [(str(envelope.call_id), decision) for envelope, _, decision in decided])
        return [*first_use(announcer, items[0][0]),
                *(event for envelope, call, decision in decided
                  for event in triaged_event(envelope, call, decision, producer=producer))]

    return {"CallReceived": received_many}
