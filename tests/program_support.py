"""A week of calls for the program figures' tests: received (the CAD's own clock), triaged,
assigned or queued, reported en route and on scene, some asking for backup, cleared with
an outcome; spread over three districts, one of which the CAD never names (the polygons
place its calls)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from shared.events import (
    CallQueued,
    CallReceived,
    CallTriaged,
    Envelope,
    Location,
    UnitAssigned,
    UnitStatus,
    UnitStatusChanged,
    UnitType,
    make_event,
)
from shared.field_contracts import BackupReason, BackupRequested, Outcome, UnitCleared
from shared.topics import CALLS_ASSIGNED, CALLS_RECEIVED, CALLS_TRIAGED, UNITS_STATUS

CHICAGO = ZoneInfo("America/Chicago")
# Three square districts side by side, west to east, around Minneapolis.
DISTRICT_LON = {"1": -93.32, "2": -93.27, "3": -93.22}


def districts_geojson(path: Path) -> Path:
    features = [{"type": "Feature", "properties": {"district": name}, "geometry": {
        "type": "Polygon", "coordinates": [[[lon - 0.025, 44.93], [lon + 0.025, 44.93],
                                            [lon + 0.025, 44.99], [lon - 0.025, 44.99],
                                            [lon - 0.025, 44.93]]]}}
        for name, lon in DISTRICT_LON.items()]
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    return path


@dataclass(frozen=True)
class Plan:
    pathway: str
    units: tuple[UnitType, ...]
    calls: int
    served: bool = True  # False: the unit asked for was not free (queued, police went)
    outcome: Outcome = Outcome.resolved_on_scene
    backup: bool = False


WEEK_PLAN = (
    Plan("behavioral_health", (UnitType.bcr,), 16, outcome=Outcome.referred_to_services),
    Plan("behavioral_health", (UnitType.bcr,), 12, backup=True,
         outcome=Outcome.transported_voluntary),
    Plan("behavioral_health", (UnitType.bcr,), 11, served=False,
         outcome=Outcome.handed_to_police),
    Plan("police", (UnitType.police,), 20, outcome=Outcome.arrest),
    Plan("cso_report", (UnitType.cso,), 12),
    Plan("medical", (UnitType.ems,), 10, outcome=Outcome.transported_voluntary),
    Plan("animal", (UnitType.animal_control,), 3),  # under 10: never named
    Plan("report_by_phone", (), 10),
)
WEEK_CALLS = sum(p.calls for p in WEEK_PLAN)


def monday_weeks_ago(weeks: int, zone: ZoneInfo = CHICAGO) -> date:
    today = datetime.now(zone).date()
    return today - timedelta(days=today.weekday(), weeks=weeks)


def week_of_calls(monday: date, prefix: str, zone: ZoneInfo = CHICAGO, scale: int = 1,
                  ) -> list[tuple[str, Envelope]]:
    """(topic, event) pairs of one week's calls (``scale`` times the plan), each at
    09:00-20:00 local on some day."""
    out: list[tuple[str, Envelope]] = []
    n = 0
    for plan in WEEK_PLAN:
        for i in range(plan.calls * scale):
            n += 1
            out += _call(plan, f"{prefix}-{n}", n, i, monday, zone)
    return out


def _call(plan: Plan, call_id: str, n: int, i: int, monday: date, zone: ZoneInfo,
          ) -> list[tuple[str, Envelope]]:
    # police calls come from districts 1 and 2 only: the districts' rates differ
    district = str(n % 2 + 1) if plan.pathway == "police" else str(n % 3 + 1)
    # the calls no crisis team was free for came late at night, when fewer teams work
    hour = 22 + n % 2 if not plan.served else 9 + n % 12
    cad = datetime.combine(monday + timedelta(days=n % 7), time(hour, n % 60), zone)
    named = None if district == "3" else district  # the CAD leaves district 3 unnamed
    place = Location(address=f"{100 + n % 40} Lake St", lat=44.96,
                     lon=DISTRICT_LON[district] + 0.001 * (n % 5), district=named)
    r = make_event(CallReceived(agency="mpls", cad_incident_id=f"MP-{call_id}",
                                call_type="EDP", narrative="caller narrative", received_at=cad,
                                location=place),
                   producer="intake", call_id=call_id, occurred_at=cad + timedelta(seconds=4))
    t = make_event(CallTriaged(tags=[plan.pathway], pathway=plan.pathway, units=list(plan.units),
                               priority=2, confidence=0.9, policy_id="default",
                               policy_version="1", location=place),
                   producer="triage", call_id=call_id, causation=r,
                   occurred_at=cad + timedelta(seconds=5))
    events: list[tuple[str, Envelope]] = [(CALLS_RECEIVED, r), (CALLS_TRIAGED, t)]
    if not plan.units:
        return events
    sent = plan.units[0] if plan.served else UnitType.police
    if not plan.served:
        events.append((CALLS_ASSIGNED, make_event(
            CallQueued(unit_type=plan.units[0], priority=2, reason="none free"),
            producer="assignment", call_id=call_id, causation=t,
            occurred_at=cad + timedelta(seconds=6))))
    unit = f"{sent.value.upper()}-{n}"
    at = cad + timedelta(seconds=30 + 3 * i)
    a = make_event(UnitAssigned(unit_id=unit, unit_type=sent, distance_km=1.0, eta_s=300,
                                rule="nearest_available"),
                   producer="assignment", call_id=call_id, causation=t, discriminator=unit,
                   occurred_at=at)
    events.append((CALLS_ASSIGNED, a))
    for status, after in ((UnitStatus.en_route, 60), (UnitStatus.on_scene, 420 + 20 * i)):
        events.append((UNITS_STATUS, make_event(
            UnitStatusChanged(unit_id=unit, unit_type=sent, status=status),
            producer="assignment", call_id=call_id, key=unit,
            occurred_at=at + timedelta(seconds=after))))
    if plan.backup:
        events.append((CALLS_ASSIGNED, make_event(
            BackupRequested(unit_id=unit, unit_type=sent, requested=[UnitType.police],
                            reason_code=BackupReason.safety),
            producer="assignment", call_id=call_id, occurred_at=at + timedelta(seconds=600))))
    events.append((CALLS_ASSIGNED, make_event(
        UnitCleared(unit_id=unit, unit_type=sent, outcome=plan.outcome, note="private note"),
        producer="assignment", call_id=call_id, occurred_at=at + timedelta(seconds=2400))))
    return events
