"""What a demo crew does with a call it is sent to (pure, deterministic by seed): how long
it takes to accept, drive and work the scene, whether it asks for backup, and the coded
outcome it clears with. Times are in the city's minutes; the replay compresses them."""

from __future__ import annotations

import random
from dataclasses import dataclass

from shared.events import Outcome, UnitType
from shared.field_contracts import BackupReason

# How each kind of unit's part in a call tends to end (weights).
OUTCOMES: dict[str, dict[str, float]] = {
    "bcr": {"referred_to_services": 38, "resolved_on_scene": 33, "transported_voluntary": 10,
            "transported_involuntary": 3, "handed_to_police": 4, "no_contact": 9,
            "cancelled": 3},
    "police": {"resolved_on_scene": 45, "arrest": 14, "referred_to_services": 8,
               "no_contact": 20, "transported_involuntary": 3, "cancelled": 10},
    "ems": {"transported_voluntary": 58, "resolved_on_scene": 28,
            "transported_involuntary": 2, "no_contact": 6, "cancelled": 6},
    "fire": {"resolved_on_scene": 82, "transported_voluntary": 4, "cancelled": 14},
    "cso": {"resolved_on_scene": 82, "referred_to_services": 6, "no_contact": 12},
    "ambassador": {"resolved_on_scene": 52, "referred_to_services": 30,
                   "handed_to_police": 6, "no_contact": 12},
    "animal_control": {"resolved_on_scene": 80, "no_contact": 15, "cancelled": 5},
    "traffic_control": {"resolved_on_scene": 88, "no_contact": 7, "cancelled": 5},
}
NOTES: dict[Outcome, tuple[str, ...]] = {
    Outcome.referred_to_services: ("connected with county case manager",
                             "gave crisis line and shelter info", "follow-up visit set"),
    Outcome.resolved_on_scene: ("resolved on scene", "report taken", "advised and left"),
    Outcome.transported_voluntary: ("transported to HCMC, consented",),
    Outcome.transported_involuntary: ("transport hold, HCMC",),
    Outcome.arrest: ("one in custody",),
    Outcome.handed_to_police: ("scene handed to MPD",),
    Outcome.no_contact: ("gone on arrival", "no answer at door"),
    Outcome.cancelled: ("cancelled en route",),
}
# Who asks for what, how often, and why: (share of calls, units asked for, reason).
BACKUP: dict[str, tuple[float, list[UnitType], BackupReason]] = {
    "bcr": (0.10, [UnitType.police], BackupReason.safety),
    "ambassador": (0.06, [UnitType.ems], BackupReason.medical),
    "cso": (0.04, [UnitType.police], BackupReason.safety),
    "police": (0.05, [UnitType.ems], BackupReason.medical),
}
# (minimum, maximum) minutes on scene, by unit type.
SCENE_MIN: dict[str, tuple[float, float]] = {
    "bcr": (25, 70), "police": (10, 45), "ems": (12, 30), "fire": (10, 40),
    "cso": (15, 35), "ambassador": (10, 30), "animal_control": (10, 30),
    "traffic_control": (15, 40)}


@dataclass(frozen=True)
class CrewPlan:
    """One crew's part in one call, in city minutes from its dispatch."""

    accept_after_min: float
    drive_min: float
    scene_min: float
    backup: tuple[list[UnitType], BackupReason] | None
    outcome: Outcome
    note: str | None


def crew_plan(seed: int, unit_id: str, unit_type: str, call_id: str) -> CrewPlan:
    """The plan of ``unit_id`` on ``call_id``: the same for the same seed, whatever order
    the replay's crews happen to act in."""
    rng = random.Random(f"{seed}:{unit_id}:{call_id}")
    outcomes = OUTCOMES.get(unit_type, OUTCOMES["police"])
    outcome = Outcome(rng.choices(list(outcomes), weights=list(outcomes.values()))[0])
    share, asked, reason = BACKUP.get(unit_type, (0.0, [], BackupReason.other))
    low, high = SCENE_MIN.get(unit_type, (10, 40))
    return CrewPlan(
        accept_after_min=rng.uniform(0.3, 1.5),
        drive_min=rng.uniform(3, 14),
        scene_min=rng.uniform(low, high),
        backup=(asked, reason) if asked and rng.random() < share else None,
        outcome=outcome,
        note=rng.choice(NOTES[outcome]) if rng.random() < 0.7 else None)
