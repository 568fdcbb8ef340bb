"""Public metrics, pure: per-call facts from decision rows, aggregates, and suppression.

Definitions (what the dashboard shows):

- A call is *triaged* when it has a triage decision; its latest one counts (policy
  version, pathway, tags, district).
- A triaged call is *diverted* when no police unit was sent: its latest triage asked for
  none and no police unit was assigned to it. Diversion rate = diverted / triaged.
- *Time to assign*: from the CallReceived event to the call's first UnitAssigned.
- *Fallbacks*: decisions where what triage asked for did not go (see decisions.py).
- The 911 floor: a call is *floor-decided* when a person confirmed or overrode its
  recommendation; override rate = overridden / floor-decided. *Resolved by phone* and
  *988 transfers* count calls. *Time to confirm*: from the floor's first prompt about a
  call to its first confirmation or override. Overrides are also counted by reason code.

Every aggregate is grouped by policy version. Any count from 1 to ``min_count - 1`` is
published as null with ``suppressed: true`` (small cells could identify a person); a rate
or percentile built on a suppressed count is suppressed with it.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

UNKNOWN = "unknown"


@dataclass
class CallFacts:
    call_id: str
    policy_version: str = UNKNOWN
    pathway: str = UNKNOWN
    district: str = UNKNOWN
    day: str = UNKNOWN
    tags: list[str] = field(default_factory=list)
    triaged: bool = False
    police_sent: bool = False
    received_at: datetime | None = None
    first_assigned_at: datetime | None = None
    fallbacks: int = 0
    prompted_at: datetime | None = None
    floor_answered_at: datetime | None = None
    floor_decision: str | None = None  # confirmed or overridden, the first one
    override_reason: str | None = None
    resolved_by_phone: bool = False
    transferred_988: bool = False

    @property
    def seconds_to_confirm(self) -> float | None:
        if self.prompted_at is None or self.floor_answered_at is None:
            return None
        return max(0.0, (self.floor_answered_at - self.prompted_at).total_seconds())

    @property
    def diverted(self) -> bool:
        return self.triaged and not self.police_sent

    @property
    def seconds_to_assign(self) -> float | None:
        if self.received_at is None or self.first_assigned_at is None:
            return None
        return max(0.0, (self.first_assigned_at - self.received_at).total_seconds())


def parse_ts(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def call_facts(rows: Iterable[Mapping[str, Any]]) -> list[CallFacts]:
    """Decision rows (in seq order) → one :class:`CallFacts` per call."""
    calls: dict[str, CallFacts] = {}
    triage_police: dict[str, bool] = {}
    assigned_police: dict[str, bool] = {}
    for row in rows:
        call_id = row["call_id"]
        if call_id is None:
            continue
        facts = calls.setdefault(call_id, CallFacts(call_id=call_id))
        kind = row["kind"]
        when = parse_ts(row["occurred_at"])
        if kind == "received":
            facts.received_at = facts.received_at or when
            facts.district = row.get("district") or facts.district
            facts.day = facts.day if facts.day != UNKNOWN else when.date().isoformat()
        elif kind == "triaged":
            facts.triaged = True
            facts.policy_version = row.get("policy_version") or UNKNOWN
            facts.pathway = row.get("pathway") or UNKNOWN
            facts.district = row.get("district") or facts.district
            facts.tags = list(row.get("tags") or [])
            triage_police[call_id] = bool(row.get("police"))
            if facts.day == UNKNOWN:
                facts.day = when.date().isoformat()
        elif kind in ("assigned", "queued"):
            if kind == "assigned":
                if facts.first_assigned_at is None or when < facts.first_assigned_at:
                    facts.first_assigned_at = when
                assigned_police[call_id] = assigned_police.get(call_id, False) or bool(
                    row.get("police"))
            if row.get("fallback"):
                facts.fallbacks += 1
        else:
            floor_action(facts, kind, when, row)
    for call_id, facts in calls.items():
        facts.police_sent = triage_police.get(call_id, False) or assigned_police.get(
            call_id, False)
    return list(calls.values())


def floor_action(facts: CallFacts, kind: str, when: datetime, row: Mapping[str, Any]) -> None:
    """What one of the floor's decision rows (decisions.FLOOR_KINDS) adds to its call."""
    if kind == "floor_prompted":
        facts.prompted_at = facts.prompted_at or when
    elif kind in ("confirmed", "overridden") and facts.floor_decision is None:
        facts.floor_decision, facts.floor_answered_at = kind, when
        if kind == "overridden":
            facts.override_reason = row.get("reason_code") or UNKNOWN
    elif kind == "phone_resolved":
        facts.resolved_by_phone = True
    elif kind == "transferred" and row.get("transferred_to") == "988":
        facts.transferred_988 = True


def percentile(values: list[float], p: float) -> float | None:
    """Nearest-rank percentile (p in 0..100) of the values, or None when there are none."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return ordered[rank - 1]


def suppress(count: int, min_count: int) -> int | None:
    """The count, or None when it is small enough to identify someone (1..min_count-1)."""
    return None if 0 < count < min_count else count


def group_stats(calls: list[CallFacts], min_count: int) -> dict[str, Any]:
    triaged = [c for c in calls if c.triaged]
    diverted = sum(1 for c in triaged if c.diverted)
    waits = [s for c in calls if (s := c.seconds_to_assign) is not None]
    fallbacks = sum(c.fallbacks for c in calls)
    n_triaged = suppress(len(triaged), min_count)
    n_diverted = suppress(diverted, min_count)
    n_waits = suppress(len(waits), min_count)
    rate_ok = n_triaged is not None and n_diverted is not None and len(triaged) > 0
    waits_ok = n_waits is not None and len(waits) > 0
    stats: dict[str, Any] = {
        "triaged": n_triaged,
        "diverted": n_diverted,
        "diversion_rate": round(diverted / len(triaged), 4) if rate_ok else None,
        "assigned": n_waits,
        "time_to_assign_p50_s": _round(percentile(waits, 50)) if waits_ok else None,
        "time_to_assign_p90_s": _round(percentile(waits, 90)) if waits_ok else None,
        "fallbacks": suppress(fallbacks, min_count),
        **floor_stats(calls, min_count),
    }
    stats["suppressed"] = any(v is None for k, v in stats.items() if k in COUNTS)
    return stats


COUNTS = ("triaged", "diverted", "assigned", "fallbacks", "floor_decided", "overridden",
          "resolved_by_phone", "transferred_988", "confirm_timed")


def floor_stats(calls: list[CallFacts], min_count: int) -> dict[str, Any]:
    """The 911 floor's figures of a group, suppressed like the rest."""
    decided = [c for c in calls if c.floor_decision is not None]
    overridden = sum(1 for c in decided if c.floor_decision == "overridden")
    waits = [s for c in calls if (s := c.seconds_to_confirm) is not None]
    n_decided, n_overridden = suppress(len(decided), min_count), suppress(overridden,
                                                                          min_count)
    n_waits = suppress(len(waits), min_count)
    rate_ok = n_decided is not None and n_overridden is not None and len(decided) > 0
    waits_ok = n_waits is not None and len(waits) > 0
    return {
        "floor_decided": n_decided,
        "overridden": n_overridden,
        "override_rate": round(overridden / len(decided), 4) if rate_ok else None,
        "resolved_by_phone": suppress(sum(c.resolved_by_phone for c in calls), min_count),
        "transferred_988": suppress(sum(c.transferred_988 for c in calls), min_count),
        "confirm_timed": n_waits,
        "time_to_confirm_p50_s": _round(percentile(waits, 50)) if waits_ok else None,
        "time_to_confirm_p90_s": _round(percentile(waits, 90)) if waits_ok else None,
    }


def overrides_by_reason(calls: list[CallFacts], min_count: int) -> list[dict[str, Any]]:
    """Overridden calls per reason code (each count suppressed under ``min_count``)."""
    counts: dict[str, int] = defaultdict(int)
    for c in calls:
        if c.floor_decision == "overridden":
            counts[c.override_reason or UNKNOWN] += 1
    return [{"reason_code": code, "overridden": suppress(n, min_count),
             "suppressed": suppress(n, min_count) is None} for code, n in sorted(counts.items())]


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


DIMENSIONS = ("pathway", "tag", "district", "day")


def aggregate(calls: list[CallFacts], min_count: int = 10) -> dict[str, Any]:
    """All public aggregates, by policy version; nothing about any single call."""
    by_policy: dict[str, list[CallFacts]] = defaultdict(list)
    for c in calls:
        by_policy[c.policy_version].append(c)
    policies = []
    for version in sorted(by_policy):
        members = by_policy[version]
        groups: dict[str, dict[str, list[CallFacts]]] = {d: defaultdict(list) for d in DIMENSIONS}
        for c in members:
            groups["pathway"][c.pathway].append(c)
            groups["district"][c.district].append(c)
            groups["day"][c.day].append(c)
            for tag in c.tags:
                groups["tag"][tag].append(c)
        entry: dict[str, Any] = {"policy_version": version,
                                 "overall": group_stats(members, min_count)}
        for dim in DIMENSIONS:
            entry[f"by_{dim}"] = [
                {dim: key, **group_stats(groups[dim][key], min_count)}
                for key in sorted(groups[dim])
            ]
        entry["overrides_by_reason"] = overrides_by_reason(members, min_count)
        entry["overrides_by_pathway_and_reason"] = [
            {"pathway": key, "reasons": overrides_by_reason(groups["pathway"][key], min_count)}
            for key in sorted(groups["pathway"])]
        policies.append(entry)
    return {"min_count": min_count, "policies": policies}
