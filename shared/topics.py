"""The topics the project creates, with their partition counts.

Partition counts are fixed here, documented in the README, and created by
``rightresponse topics create``; the broker never auto-creates a topic. Six partitions
let two instances of every consumer share the work (Kafka gives each instance whole
partitions) while keeping each call's events in order under its key.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TopicSpec:
    name: str
    partitions: int
    description: str


CALLS_RECEIVED = "calls.received"
CALLS_TRIAGED = "calls.triaged"
CALLS_ASSIGNED = "calls.assigned"
UNITS_STATUS = "units.status"
UNITS_ASSIGNMENTS = "units.assignments"
DEAD_LETTER = "deadletter"

TOPICS: tuple[TopicSpec, ...] = (
    TopicSpec(CALLS_RECEIVED, 6, "Calls from intake: CallReceived (and later updates)."),
    TopicSpec(CALLS_TRIAGED, 6, "Triage decisions: CallTriaged."),
    TopicSpec(CALLS_ASSIGNED, 6, "Assignment decisions: UnitAssigned, CallQueued."),
    TopicSpec(UNITS_STATUS, 6, "Unit status changes, keyed by unit id."),
    TopicSpec(UNITS_ASSIGNMENTS, 6, "Assignments and releases per unit, keyed by unit id."),
    TopicSpec(DEAD_LETTER, 1, "Events no consumer could process, with the reason."),
)


def topic_name(prefix: str, topic: str) -> str:
    return f"{prefix}{topic}"
