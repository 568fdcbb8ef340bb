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
POLICY_VERSIONS = "policy.versions"
DEAD_LETTER = "deadletter"

TOPICS: tuple[TopicSpec, ...] = (
    TopicSpec(CALLS_RECEIVED, 6, "Calls from intake: CallReceived (and later updates)."),
    TopicSpec(CALLS_TRIAGED, 6, "Triage decisions: CallTriaged."),
    TopicSpec(CALLS_ASSIGNED, 6, "Assignment decisions: UnitAssigned, CallQueued."),
    TopicSpec(UNITS_STATUS, 6, "Unit status changes, keyed by unit id."),
    TopicSpec(UNITS_ASSIGNMENTS, 6, "Assignments and releases per unit, keyed by unit id."),
    # A few events a year, each up to a megabyte (a policy's full text): one partition.
    TopicSpec(POLICY_VERSIONS, 1, "Each triage policy version's full text, sent when "
              "first used: PolicyVersionUsed, keyed by its hash."),
    TopicSpec(DEAD_LETTER, 1, "Events no consumer could process, with the reason."),
)


def topic_name(prefix: str, topic: str) -> str:
    return f"{prefix}{topic}"


@dataclass(frozen=True)
class Access:
    """What one service's Kafka principal may do: read ``reads`` (in its own consumer
    ``group``), write ``writes``, and see the metadata of ``describes``."""

    reads: tuple[str, ...] = ()
    writes: tuple[str, ...] = ()
    describes: tuple[str, ...] = ()
    group: str | None = None


# Each service's principal and its topics; ``rightresponse topics create`` grants exactly
# these ACLs. Every consumer dead-letters what it cannot process; intake only asks the
# dead-letter topic's metadata (its producer's readiness probe).
SERVICE_ACCESS: dict[str, Access] = {
    "intake": Access(writes=(CALLS_RECEIVED,), describes=(DEAD_LETTER,)),
    "triage": Access(reads=(CALLS_RECEIVED,),
                     writes=(CALLS_TRIAGED, POLICY_VERSIONS, DEAD_LETTER),
                     group="triage"),
    "assignment": Access(
        reads=(CALLS_TRIAGED, CALLS_RECEIVED),
        writes=(CALLS_ASSIGNED, UNITS_STATUS, UNITS_ASSIGNMENTS, DEAD_LETTER),
        group="assignment"),
    "audit": Access(reads=tuple(spec.name for spec in TOPICS), writes=(DEAD_LETTER,),
                    group="audit"),
}


def sole_writer(topic: str) -> str | None:
    """The one service whose principal may write ``topic``, or None when several may (the
    dead-letter topic): on such a topic the broker vouches for who produced a record."""
    writers = [name for name, access in SERVICE_ACCESS.items() if topic in access.writes]
    return writers[0] if len(writers) == 1 else None
